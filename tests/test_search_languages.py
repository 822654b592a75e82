"""Search in both languages: a Spanish text is found by another form of its words (its
Snowball stems), an English one as before (Porter), in both stores. Texts written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.models import Analysis, Extracted
from dossier.serve.queries import snippets
from dossier.store import SqlStore, base, open_store
from dossier.store.schema import MIGRATIONS, SCHEMA_VERSION

from .conftest import without_stories

SPANISH = (
    "Agentes capturaron a cinco sospechosos en Durán. Los detenidos fueron llevados a la "
    "Fiscalía de Guayaquil, informaron las autoridades."
)
ENGLISH = "Officers detained five suspects in raids on the port. The arrests followed a tip."


def _save(store: SqlStore, text: str, language: str, name: str) -> str:
    doc = Extracted(source=name, text=text, title=name, language=language, raw_hash=name)
    return store.save(doc, Analysis()).article_id


def _found(store: SqlStore, query: str) -> set[str]:
    return {hit.article_id for hit in store.search(query)}


def test_a_spanish_text_is_found_by_another_form_of_its_words(store: SqlStore) -> None:
    es = _save(store, SPANISH, "es", "es.txt")
    en = _save(store, ENGLISH, "en", "en.txt")
    assert _found(store, "capturó") == {es}, "capturó and capturaron share a stem"
    assert _found(store, "detenido fiscal") == {es}
    assert _found(store, "capturó -Durán") == set()
    assert _found(store, "raid arrest") == {en}, "English words are stemmed as before"
    assert _found(store, "Duran") == {es}, "accents are folded"
    [hit] = store.search("capturó")
    assert hit.snippet, "a stemmed match still gets a snippet"
    assert snippets(store, "capturó", [es])[es]


def test_a_regional_tag_is_stemmed_as_its_language(store: SqlStore) -> None:
    es = _save(store, SPANISH, "es-EC", "ec.txt")
    assert _found(store, "capturó") == {es}


def test_an_upgrade_stems_the_spanish_texts_already_stored(
    store_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    old = {dialect: [m for m in steps if m[0] <= 13] for dialect, steps in MIGRATIONS.items()}
    with monkeypatch.context() as patch:
        patch.setattr(base, "MIGRATIONS", old)
        without_stories(patch)
        v13 = open_store(store_url)
        assert v13.schema_version() == 13
        es = _save(v13, SPANISH, "es", "es.txt")
        v13.close()
    store = open_store(store_url)
    try:
        assert store.schema_version() == SCHEMA_VERSION >= 14
        assert _found(store, "capturó") == {es}
        assert _found(store, "Durán") == {es}
    finally:
        store.close()
