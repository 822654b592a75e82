"""Bytes to text, refusing what is not text.

Order of trust: a charset the document declares (HTTP header or ``<meta>``),
then strict UTF-8, then charset-normaliser's best guess for undeclared
legacy encodings. A document that declares an encoding its bytes do not
follow is mis-encoded and refused rather than silently garbled.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import Code, DossierError, Stage

_SNIFF = 4096
_MAGIC = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b": "gzip data",
    b"\x7fELF": "executable",
    b"SQLite format 3": "SQLite database",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_MAX_GUESS_CHAOS = 0.2


def check_not_binary(content: bytes, source: str) -> None:
    head = content[:_SNIFF]
    for magic, name in _MAGIC.items():
        if head.startswith(magic):
            raise DossierError(Code.BINARY, source, Stage.DECODE, detail=name)
    if head.startswith(_BOMS):
        return
    if b"\x00" in head:
        raise DossierError(Code.BINARY, source, Stage.DECODE, detail="contains NUL bytes")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > 0.05:
        raise DossierError(Code.BINARY, source, Stage.DECODE, detail="mostly control bytes")


def declared_charset(content: bytes, header: str | None = None) -> str | None:
    if header:
        return header.strip().lower()
    head = content[:_SNIFF]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def decode(content: bytes, source: str, charset: str | None = None) -> str:
    """Decode ``content``; raise a coded error for empty, binary or mis-encoded input."""
    if not content.strip():
        raise DossierError(Code.EMPTY, source, Stage.READ)
    check_not_binary(content, source)
    if content.startswith(_BOMS):
        return content.decode("utf-8-sig" if content.startswith(codecs.BOM_UTF8) else "utf-16")
    declared = declared_charset(content, charset)
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            declared = None
    if declared:
        try:
            return content.decode(declared)
        except UnicodeDecodeError as exc:
            raise DossierError(
                Code.UNDECODABLE,
                source,
                Stage.DECODE,
                detail=f"declared {declared} but byte {exc.start} is invalid in it",
            ) from exc
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    best = from_bytes(content).best()
    if best is None or best.chaos > _MAX_GUESS_CHAOS:
        raise DossierError(
            Code.UNDECODABLE,
            source,
            Stage.DECODE,
            detail=f"not UTF-8 (byte {utf8_error.start}) and no other encoding fits",
        )
    return str(best)
