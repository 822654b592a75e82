"""RSS and Atom feeds: each item becomes a document.

An item that carries its body (``content:encoded`` or Atom ``content``), or
whose summary is long enough to be the article itself, is used as is;
otherwise its link is fetched as a page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import feedparser

from ..errors import Code, DossierError, Stage, as_record
from ..models import IngestError, RawDocument
from . import kinds

_FULL_BODY_CHARS = 500


def _body(entry: Any) -> tuple[str, bool]:
    """The item's HTML body, and whether it is the full article."""
    for content in entry.get("content", []):
        value = str(content.get("value", ""))
        if value.strip():
            return value, True
    summary = str(entry.get("summary", ""))
    return summary, _visible_length(summary) >= _FULL_BODY_CHARS


def _visible_length(html: str) -> int:
    import re

    return len(re.sub(r"<[^>]+>", "", html).strip())


def _published(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        year, month, day = parsed[:3]
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def read_feed(
    content: bytes,
    source: str,
    fetch_page: Callable[[str, str], RawDocument] | None,
) -> Iterator[RawDocument | IngestError]:
    parsed = feedparser.parse(content)
    usable = [e for e in parsed.entries if e.get("link") or _body(e)[0].strip()]
    if not usable:
        detail = str(parsed.get("bozo_exception") or "it has no items")
        raise DossierError(Code.MALFORMED_FEED, source, Stage.PARSE, detail=detail)
    outlet = parsed.feed.get("title")
    for index, entry in enumerate(usable, start=1):
        link = entry.get("link")
        member = link or f"item {index}"
        body, complete = _body(entry)
        hints = {
            key: value
            for key, value in {
                "title": entry.get("title"),
                "author": entry.get("author"),
                "published": _published(entry),
                "outlet": outlet,
            }.items()
            if value
        }
        if complete or not (link and fetch_page):
            if not body.strip():
                yield IngestError(
                    source, Stage.PARSE.value, Code.EMPTY.value, "feed item has no content", member
                )
                continue
            yield RawDocument(
                source=source,
                member=member,
                content=body.encode("utf-8"),
                kind=kinds.FRAGMENT,
                url=link,
                charset="utf-8",
                hints=hints,
            )
            continue
        try:
            page = fetch_page(link, source)
        except DossierError as exc:
            yield as_record(exc, member)
            continue
        yield RawDocument(
            source=source,
            member=member,
            content=page.content,
            kind=page.kind,
            url=page.url,
            charset=page.charset,
            hints=hints,
        )
