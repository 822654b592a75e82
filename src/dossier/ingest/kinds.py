"""Deciding how to read a document: by file extension first, then by content.

The cascade: a known extension wins; otherwise the first bytes decide (WARC
header, feed root element, HTML tags); anything else is read as plain text,
after the binary check in ``decode`` has had its say.
"""

from __future__ import annotations

HTML, TEXT, MARKDOWN, FEED, WARC, FRAGMENT = "html", "text", "markdown", "feed", "warc", "fragment"

_EXTENSIONS = {
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".shtml": HTML,
    ".txt": TEXT,
    ".text": TEXT,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".rss": FEED,
    ".atom": FEED,
    ".warc": WARC,
    ".warc.gz": WARC,
}

_CONTENT_TYPES = {
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "text/plain": TEXT,
    "text/markdown": MARKDOWN,
    "application/rss+xml": FEED,
    "application/atom+xml": FEED,
    "application/rdf+xml": FEED,
    "application/warc": WARC,
}


def by_name(name: str) -> str | None:
    lower = name.lower()
    for ext in sorted(_EXTENSIONS, key=len, reverse=True):
        if lower.endswith(ext):
            return _EXTENSIONS[ext]
    return None


def by_content_type(content_type: str) -> str | None:
    return _CONTENT_TYPES.get(content_type.strip().lower())


def sniff(content: bytes) -> str:
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return WARC
    if head.startswith(b"\x1f\x8b"):
        return WARC if _gzip_is_warc(content) else TEXT
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf")):
        if any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return FEED
        return HTML if b"<html" in head else FEED
    if any(tag in head for tag in (b"<!doctype html", b"<html", b"<head", b"<body")):
        return HTML
    return TEXT


def _gzip_is_warc(content: bytes) -> bool:
    import zlib

    try:
        start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(content[:4096], 16)
    except zlib.error:
        return False
    return start.lower().startswith(b"warc/")
