"""RSS and Atom feeds: each item becomes a document, or an error that names it.

An item that carries its body (``content:encoded`` or Atom ``content`` of a text type),
or whose summary is long enough to be the article itself, is used as is; otherwise its
link is fetched as a page. An item with no text and no link, or whose only content is of
a type that is not text (a PDF, an image), is a malformed item (E303).

feedparser reads a feed that is not well-formed XML with a lenient parser, which may
merge a broken item with the next one or drop items silently. So when the feed is not
well-formed, each item is parsed again on its own, inside the feed's own opening: the
items that parse are kept, and each one that does not is reported, by its link or its
position and title, with the parser's reason. HTML's named entities (``&nbsp;``), which
XML does not define but feeds use widely, are no fault; an entity nobody defines is.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Callable, Iterator
from typing import Any
from xml.sax import SAXException

import feedparser

from ..errors import Code, DossierError, Stage
from ..models import IngestError, RawDocument
from . import kinds

_FULL_BODY_CHARS = 500
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "html", "xhtml", "text", "")
_ITEM_START = re.compile(r"<((?:[\w.-]+:)?(?:item|entry))[\s>/]", re.I)
_TAG = re.compile(r"<(/?)([\w.:-]+)[^>]*?(/?)>")
_CDATA = re.compile(r"<!\[CDATA\[.*?\]\]>", re.S)
_ENTITY = re.compile(r"&([A-Za-z][\w.-]*);")
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}
_LINK = re.compile(r"<link[^>]*>\s*([^<\s]+)\s*</link>|<link[^>]*\bhref=[\"']([^\"']+)", re.I)
_TITLE = re.compile(r"<title[^>]*>(?:\s*<!\[CDATA\[)?(.*?)(?:\]\]>)?\s*</title>", re.I | re.S)

Entry = Any  # feedparser's FeedParserDict
# (position from 1, the parsed entry or, for a broken item, its link and title; the problem)
Item = tuple[int, Entry, str]


def _is_text(content: Entry) -> bool:
    return str(content.get("type") or "").split(";")[0].strip().lower() in _TEXT_TYPES


def _body(entry: Entry) -> tuple[str, bool]:
    """The item's HTML body, and whether it is the full article."""
    for content in entry.get("content", []):
        value = str(content.get("value", ""))
        if value.strip() and _is_text(content):
            return value, True
    summary = str(entry.get("summary", ""))
    return summary, _visible_length(summary) >= _FULL_BODY_CHARS


def _visible_length(html: str) -> int:
    return len(re.sub(r"<[^>]+>", "", html).strip())


def _published(entry: Entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        year, month, day = parsed[:3]
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _unknown_entities(xml: str, declared: frozenset[str] = frozenset()) -> list[str]:
    """Entity references that neither XML, HTML nor the feed's own DTD defines."""
    names = _ENTITY.findall(_CDATA.sub("", xml))
    known = _XML_ENTITIES | declared
    return [n for n in names if n not in known and n not in html.entities.name2codepoint]


def _is_item_fault(parsed: Entry) -> bool:
    """Whether the feed's parse failed on its XML, in a way an item may be to blame for."""
    error = parsed.get("bozo_exception")
    return bool(parsed.get("bozo")) and isinstance(error, SAXException)


def _closers(prefix: str) -> str:
    """End tags for the elements the feed's opening leaves open (``</channel></rss>``)."""
    stack: list[str] = []
    for closing, name, empty in _TAG.findall(re.sub(r"<[!?][^>]*>", "", prefix)):
        if closing:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
        elif not empty:
            stack.append(name)
    return "".join(f"</{name}>" for name in reversed(stack))


def _parse_items(content: bytes) -> list[Item] | None:
    """Each item parsed on its own inside the feed's opening; None when that cannot be done."""
    try:
        text = content.decode(_declared(content) or "utf-8")
    except (LookupError, UnicodeDecodeError):
        return None
    starts = [m.start() for m in _ITEM_START.finditer(text)]
    if not starts:
        return None
    prefix = re.sub(r"^\s*<\?xml[^>]*\?>", "", text[: starts[0]])
    suffix = _closers(prefix)
    declared = frozenset(re.findall(r"<!ENTITY\s+([\w.-]+)", prefix))
    head = feedparser.parse(prefix + suffix)
    if _is_item_fault(head) and not _only_html_entities(head, prefix):
        return None  # the feed's own opening is broken: no item can be read on its own
    items: list[Item] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else _end_of_last(text, start, suffix)
        chunk = text[start:end]
        parsed = feedparser.parse(prefix + chunk + suffix)
        unknown = _unknown_entities(chunk, declared)
        if unknown:
            items.append((n + 1, _item_hint(chunk), f"undefined entity &{unknown[0]};"))
        elif _is_item_fault(parsed) and not _only_html_entities(parsed, chunk):
            items.append((n + 1, _item_hint(chunk), _reason(parsed.get("bozo_exception"))))
        elif len(parsed.entries) != 1:
            items.append((n + 1, _item_hint(chunk), "it cannot be read as one item"))
        else:
            items.append((n + 1, parsed.entries[0], ""))
    return items


def _only_html_entities(parsed: Entry, chunk: str) -> bool:
    error = parsed.get("bozo_exception")
    return "undefined entity" in str(error) and not _unknown_entities(chunk)


def _end_of_last(text: str, start: int, suffix: str) -> int:
    """Where the last item ends: at its end tag, else where the feed's closers begin."""
    opening = _ITEM_START.match(text, start)
    end_tag = f"</{opening.group(1)}>" if opening else ""
    close = text.rfind(end_tag, start) if end_tag else -1
    if close >= 0:
        return close + len(end_tag)
    first_closer = suffix[: suffix.find(">") + 1] if suffix else ""
    at = text.find(first_closer, start) if first_closer else -1
    return at if at >= 0 else len(text)


def _declared(content: bytes) -> str | None:
    match = re.match(rb"\s*<\?xml[^>]*encoding=[\"']([\w.-]+)", content)
    return match.group(1).decode("ascii") if match else None


def _item_hint(chunk: str) -> dict[str, str]:
    """Link and title of an item that did not parse, read from its raw text to name it."""
    hint: dict[str, str] = {}
    if link := _LINK.search(chunk):
        hint["link"] = link.group(1) or link.group(2)
    if title := _TITLE.search(chunk):
        hint["title"] = " ".join(title.group(1).split())[:80]
    return hint


def _reason(error: object) -> str:
    if hasattr(error, "getMessage"):
        return str(error.getMessage())
    return str(error) or type(error).__name__


def _name(position: int, title: str | None) -> str:
    return f"{position}" + (f' ("{title}")' if title else "")


def _item_error(
    source: str, member: str, position: int, title: str | None, why: str
) -> IngestError:
    error = DossierError(
        Code.MALFORMED_FEED_ITEM, source, Stage.PARSE, item=_name(position, title), detail=why
    )
    return IngestError(source, error.stage.value, error.code.value, error.reason, member)


def read_feed(
    content: bytes,
    source: str,
    fetch_page: Callable[[str, str], RawDocument] | None,
) -> Iterator[RawDocument | IngestError]:
    parsed = feedparser.parse(content)
    items = _parse_items(content) if _is_item_fault(parsed) else None
    if items is None:
        items = [(i, entry, "") for i, entry in enumerate(parsed.entries, start=1)]
    if not any(not problem for _, _, problem in items):
        if parsed.get("bozo") and not items:
            detail = str(parsed.get("bozo_exception"))
        else:
            detail = "it has no items" if not items else "none of its items can be read"
        raise DossierError(Code.MALFORMED_FEED, source, Stage.PARSE, detail=detail)
    outlet = parsed.feed.get("title")
    for position, entry, problem in items:
        if problem:
            member = entry.get("link") or f"item {position}"
            yield _item_error(source, member, position, entry.get("title"), problem)
            continue
        yield from _item(entry, position, source, outlet, fetch_page)


def _item(
    entry: Entry,
    position: int,
    source: str,
    outlet: str | None,
    fetch_page: Callable[[str, str], RawDocument] | None,
) -> Iterator[RawDocument | IngestError]:
    link = entry.get("link")
    member = link or f"item {position}"
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
            types = [str(c.get("type")) for c in entry.get("content", []) if not _is_text(c)]
            why = (
                f"its content is {types[0]}, not text or HTML"
                if types
                else "it has no text" + ("" if link else " and no link")
            )
            yield _item_error(source, member, position, entry.get("title"), why)
            return
        yield RawDocument(
            source=source,
            member=member,
            content=body.encode("utf-8"),
            kind=kinds.FRAGMENT,
            url=link,
            charset="utf-8",
            hints=hints,
        )
        return
    try:
        page = fetch_page(link, source)
    except DossierError as exc:  # recorded under the feed, with the item as its member
        yield IngestError(source, exc.stage.value, exc.code.value, f"its link {exc.reason}", member)
        return
    yield RawDocument(
        source=source,
        member=member,
        content=page.content,
        kind=page.kind,
        url=page.url,
        charset=page.charset,
        hints=hints,
    )
