from __future__ import annotations

import pytest

from dossier.errors import Code, DossierError
from dossier.ingest.decode import decode


def _code(content: bytes, charset: str | None = None) -> str:
    with pytest.raises(DossierError) as info:
        decode(content, "input.html", charset)
    assert "input.html" in str(info.value)
    return info.value.code.value


def test_utf8_and_boms() -> None:
    assert decode("Durán".encode(), "x") == "Durán"
    assert decode(b"\xef\xbb\xbfHello", "x") == "Hello"
    assert decode("Quito".encode("utf-16"), "x") == "Quito"


def test_declared_legacy_encoding_is_used() -> None:
    html = '<meta charset="windows-1252"><p>Durán</p>'.encode("cp1252")
    assert "Durán" in decode(html, "x")


def test_undeclared_legacy_text_is_guessed() -> None:
    text = "El ministro de Defensa habló sobre la situación en Durán y la región costera. " * 5
    assert "Durán" in decode(text.encode("cp1252"), "x")


def test_bad_inputs_get_coded_errors() -> None:
    assert _code(b"") == Code.EMPTY.value
    assert _code(b"   \n\t ") == Code.EMPTY.value
    assert _code(b"\x89PNG\r\n\x1a\n" + bytes(100)) == Code.BINARY.value
    assert _code(b"abc\x00\x01\x02def" * 20) == Code.BINARY.value
    mis_encoded = '<meta charset="utf-8"><p>Durán</p>'.encode("latin-1")
    assert _code(mis_encoded) == Code.UNDECODABLE.value


def test_header_charset_wins_over_meta() -> None:
    body = '<meta charset="utf-8"><p>Durán</p>'.encode("latin-1")
    assert "Durán" in decode(body, "x", charset="iso-8859-1")
