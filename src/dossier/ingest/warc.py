"""WARC and WARC.gz crawl files, read with warcio.

Only successful HTML and plain-text responses become documents. Redirects,
robots.txt, images and error pages are ordinary crawl noise and are skipped
without an error record; a file that stops being readable part-way yields
the documents read so far and then one error.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import Code, DossierError, Stage, as_record
from ..models import IngestError, RawDocument
from . import kinds


def read_warc(stream: BinaryIO, source: str, max_bytes: int) -> Iterator[RawDocument | IngestError]:
    count = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream), start=1):
            if not record.rec_type:
                raise ValueError(f"record {number} has no WARC-Type header")
            if record.rec_type != "response" or record.http_headers is None:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"record {count + 1}"
            status = record.http_headers.get_statuscode()
            content_type = record.http_headers.get_header("Content-Type") or ""
            kind = kinds.by_content_type(content_type.split(";")[0])
            if status != "200" or kind not in (kinds.HTML, kinds.TEXT):
                continue
            body = record.content_stream().read(max_bytes + 1)
            count += 1
            if len(body) <= max_bytes and getattr(record.raw_stream, "limit", 0) > 0:
                # warcio stops quietly at the end of a cut-off file; bytes still
                # owed by Content-Length mean the record, and the file, are truncated.
                raise ValueError(f"record {number} ({uri}) is cut off before its end")
            if len(body) > max_bytes:
                error = DossierError(
                    Code.TOO_LARGE,
                    source,
                    Stage.READ,
                    size=f"more than {max_bytes}",
                    limit=max_bytes,
                )
                yield as_record(error, uri)
                continue
            charset = None
            if "charset=" in content_type:
                charset = content_type.split("charset=")[-1].strip(" \"'")
            yield RawDocument(
                source=source, member=uri, content=body, kind=kind, url=uri, charset=charset
            )
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError) as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        yield as_record(DossierError(Code.MALFORMED_WARC, source, Stage.PARSE, detail=detail))
        return
    if count == 0:
        yield as_record(DossierError(Code.NO_DOCUMENTS, source, Stage.PARSE))
