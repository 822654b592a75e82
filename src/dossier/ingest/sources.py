"""Expanding what the user named into raw documents.

A source is a file, a folder (read recursively), an http(s) URL, or ``-`` for
standard input. Feeds and WARC files expand into many documents. Failures
come out of the same stream as ``IngestError`` records so that one bad input
never stops the batch.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import BinaryIO

from ..config import Settings
from ..errors import Code, DossierError, Stage, as_record
from ..models import IngestError, RawDocument
from . import kinds
from .feeds import read_feed
from .fetch import Fetcher, is_url
from .warc import read_warc

Item = RawDocument | IngestError


class SourceReader:
    def __init__(self, settings: Settings, fetcher: Fetcher | None = None) -> None:
        self.settings = settings
        self._fetcher = fetcher
        self._stdin: BinaryIO = sys.stdin.buffer

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.settings)
        return self._fetcher

    def read(self, sources: Iterable[str]) -> Iterator[Item]:
        for source in sources:
            try:
                yield from self._read_one(source)
            except DossierError as exc:
                yield as_record(exc)

    def _read_one(self, source: str) -> Iterator[Item]:
        if source == "-":
            yield from self._expand(source, self._read_capped(self._stdin, source), None)
        elif is_url(source):
            yield from self._read_url(source)
        elif os.path.isdir(source):
            yield from self._read_folder(source)
        elif os.path.exists(source):
            yield from self._read_file(source)
        else:
            raise DossierError(Code.NOT_FOUND, source, Stage.READ)

    def _read_folder(self, folder: str) -> Iterator[Item]:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = os.path.join(root, name)
                try:
                    yield from self._read_file(path)
                except DossierError as exc:
                    yield as_record(exc)

    def _read_file(self, path: str) -> Iterator[Item]:
        kind = kinds.by_name(path)
        try:
            if kind == kinds.WARC:
                with open(path, "rb") as stream:
                    yield from read_warc(stream, path, self.settings.max_bytes)
                return
            size = os.path.getsize(path)
            if size > self.settings.max_bytes:
                raise DossierError(
                    Code.TOO_LARGE, path, Stage.READ, size=size, limit=self.settings.max_bytes
                )
            with open(path, "rb") as stream:
                content = stream.read()
        except OSError as exc:
            raise DossierError(Code.UNREADABLE, path, Stage.READ, detail=exc.strerror) from exc
        yield from self._expand(path, content, kind, origin=os.path.realpath(path))

    def _read_url(self, url: str) -> Iterator[Item]:
        response = self.fetcher.get(url)
        kind = kinds.by_content_type(response.content_type)
        yield from self._expand(url, response.content, kind, response.url, response.charset)

    def _expand(
        self,
        source: str,
        content: bytes,
        kind: str | None,
        url: str | None = None,
        charset: str | None = None,
        origin: str | None = None,
    ) -> Iterator[Item]:
        if not content.strip():
            raise DossierError(Code.EMPTY, source, Stage.READ)
        sniffed = kinds.sniff(content)
        if kind is None or (kind in (kinds.HTML, kinds.TEXT) and sniffed == kinds.FEED):
            kind = sniffed
        if kind == kinds.FEED:
            for item in read_feed(content, source, self._fetch_page):
                yield replace(item, origin=origin) if isinstance(item, RawDocument) else item
        elif kind == kinds.WARC:
            import io

            yield from read_warc(io.BytesIO(content), source, self.settings.max_bytes)
        else:
            yield RawDocument(
                source=source, content=content, kind=kind, url=url, charset=charset, origin=origin
            )

    def _fetch_page(self, url: str, source: str) -> RawDocument:
        response = self.fetcher.get(url, source=url)
        kind = kinds.by_content_type(response.content_type) or kinds.sniff(response.content)
        return RawDocument(
            source=source,
            content=response.content,
            kind=kind,
            url=response.url,
            charset=response.charset,
        )

    def _read_capped(self, stream: BinaryIO, source: str) -> bytes:
        content = stream.read(self.settings.max_bytes + 1)
        if len(content) > self.settings.max_bytes:
            raise DossierError(
                Code.TOO_LARGE,
                source,
                Stage.READ,
                size=f"more than {self.settings.max_bytes}",
                limit=self.settings.max_bytes,
            )
        return content

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()


def iter_documents(sources: Iterable[str], settings: Settings | None = None) -> Iterator[Item]:
    reader = SourceReader(settings or Settings.from_env())
    try:
        yield from reader.read(sources)
    finally:
        reader.close()
