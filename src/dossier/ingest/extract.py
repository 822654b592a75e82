"""Main text and metadata for each raw document.

HTML goes through trafilatura with comments excluded and date extraction
limited to the page's metadata, because trafilatura's extensive date search
will otherwise take a year mentioned in the body (say "from 1999 to 2009")
as the publication date, and we never invent dates. Plain text and Markdown
use the heuristics in ``plaintext``. Feed items that carry their own body are
HTML fragments without boilerplate, read paragraph by paragraph.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

import lxml.html
import py3langid
import trafilatura
from trafilatura.settings import Document

from ..errors import Code, DossierError, Stage
from ..models import Extracted, RawDocument
from . import kinds
from .decode import decode
from .identity import raw_hash
from .plaintext import markdown_to_text, paragraphs, parse_plain_text
from .truncation import truncation

_HTML_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.I)
_AUTHOR_JUNK = {"share", "facebook", "twitter", "email", "print", "comments", "follow", "subscribe"}
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div")
_MIN_LANGID_CHARS = 40


def _clean_author(author: str | None) -> str | None:
    if not author:
        return None
    words = re.findall(r"[A-Za-z]+", author.lower())
    if not words or _AUTHOR_JUNK & set(words) or "http" in author or "@" in author:
        return None
    names = [part.strip() for part in re.split(r"[;,]| and ", author) if part.strip()]
    if any(len(name.split()) > 5 for name in names):
        return None
    return "; ".join(names)


def _language(text: str, html: str | None = None) -> str | None:
    if html and (match := _HTML_LANG.search(html[:4096])):
        return match.group(1).lower()
    if len(text) < _MIN_LANGID_CHARS:
        return None
    language, _ = py3langid.classify(text[:5000])
    return str(language)


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _check_complete(html: str, source: str) -> None:
    where = truncation(html)
    if where:
        raise DossierError(Code.TRUNCATED_HTML, source, Stage.EXTRACT, detail=where)


def _from_html(doc: RawDocument, html: str) -> Extracted:
    _check_complete(html, doc.source)
    result = trafilatura.bare_extraction(
        html,
        url=doc.url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not isinstance(result, Document) or not (result.text or "").strip():
        raise DossierError(Code.NO_MAIN_TEXT, doc.source, Stage.EXTRACT)
    lines = (result.text or "").splitlines()
    text = "\n".join(" ".join(line.split()) for line in lines if line.strip())
    url = result.url or doc.url
    return Extracted(
        source=doc.source,
        member=doc.member,
        text=text,
        title=doc.hints.get("title") or result.title,
        author=_clean_author(doc.hints.get("author") or result.author),
        outlet=doc.hints.get("outlet") or result.sitename or _outlet_from_url(url),
        published=(doc.hints.get("published") or result.date or "")[:10] or None,
        url=url,
        language=_language(text, html),
    )


def _fragment_text(fragment: str) -> str:
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = [el for el in root.iter(*_BLOCKS) if not any(c.tag in _BLOCKS for c in el)]
    pieces = [el.text_content() for el in blocks] if blocks else [root.text_content()]
    return "\n".join(p for piece in pieces for p in paragraphs(piece))


def _from_fragment(doc: RawDocument, html: str) -> Extracted:
    text = _fragment_text(html)
    if not text.strip():
        raise DossierError(Code.NO_MAIN_TEXT, doc.source, Stage.EXTRACT)
    return Extracted(
        source=doc.source,
        member=doc.member,
        text=text,
        title=doc.hints.get("title"),
        author=_clean_author(doc.hints.get("author")),
        outlet=doc.hints.get("outlet") or _outlet_from_url(doc.url),
        published=(doc.hints.get("published") or "")[:10] or None,
        url=doc.url,
        language=_language(text),
    )


def _from_plain(doc: RawDocument, raw: str) -> Extracted:
    title = None
    if doc.kind == kinds.MARKDOWN:
        raw, title = markdown_to_text(raw)
    parsed = parse_plain_text(raw, markdown_title=title)
    if not parsed.text.strip():
        raise DossierError(Code.NO_MAIN_TEXT, doc.source, Stage.EXTRACT)
    return Extracted(
        source=doc.source,
        member=doc.member,
        text=parsed.text,
        title=parsed.title,
        author=parsed.author,
        outlet=_outlet_from_url(doc.url),
        published=parsed.published,
        url=doc.url,
        language=_language(parsed.text),
    )


def extract(doc: RawDocument) -> Extracted:
    """Clean text and metadata of one document; raises ``DossierError`` on failure."""
    decoded = decode(doc.content, doc.source, doc.charset)
    if doc.kind == kinds.HTML:
        extracted = _from_html(doc, decoded)
    elif doc.kind == kinds.FRAGMENT:
        extracted = _from_fragment(doc, decoded)
    else:
        extracted = _from_plain(doc, decoded)
    return replace(extracted, raw_hash=raw_hash(doc.content), origin=doc.origin)
