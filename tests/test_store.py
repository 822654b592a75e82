"""The Store contract, run against SQLite and PostgreSQL alike."""

from __future__ import annotations

import itertools
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.keys import entity_id
from dossier.models import Analysis, Entity, Extracted, IngestError, Mention, SaveResult
from dossier.store import SqlStore, open_store
from dossier.store.schema import SCHEMA_VERSION


def _save(
    store: SqlStore, doc: Extracted, entities: list[Entity] | tuple[Entity, ...] = ()
) -> SaveResult:
    return store.save(doc, Analysis(entities=tuple(entities)))


def _doc(
    text: str, url: str | None = None, source: str = "a.html", raw: str = "r1", title: str = "Title"
) -> Extracted:
    return Extracted(
        source=source,
        text=text,
        title=title,
        url=url,
        raw_hash=raw,
        outlet="Monitor",
        published="2025-03-01",
        language="en",
    )


def _entity(text: str, word: str, type_: str = "PERSON") -> Entity:
    start = text.index(word)
    return Entity(
        entity_id(word, type_), word, type_, (Mention(start, start + len(word), word, type_),)
    )


def test_new_article_round_trips(store: SqlStore) -> None:
    text = "Daniel Noboa met officials in Manta."
    result = _save(
        store, _doc(text), [_entity(text, "Daniel Noboa"), _entity(text, "Manta", "GPE")]
    )
    assert result.outcome == "new" and result.version == 1
    article = store.article(result.article_id)
    assert article is not None
    assert article.text == text and article.title == "Title" and article.outlet == "Monitor"
    names = {e.name: e.type for e in article.entities}
    assert names == {"Daniel Noboa": "PERSON", "Manta": "GPE"}
    for entity in article.entities:
        for m in entity.mentions:
            assert article.text[m.start : m.end] == m.text


def test_changed_page_at_same_url_becomes_new_version(store: SqlStore) -> None:
    url = "https://monitor.example/pier"
    first = _save(store, _doc("The pier is 150 metres long.", url, raw="r1"), [])
    second = _save(store, _doc("The pier is 160 metres long.", url, raw="r2"), [])
    assert (first.outcome, second.outcome) == ("new", "version")
    assert first.article_id == second.article_id
    assert store.versions(first.article_id) == [1, 2]
    latest, old = store.article(first.article_id), store.article(first.article_id, 1)
    assert latest is not None and "160" in latest.text
    assert old is not None and "150" in old.text
    assert store.stats().articles == 1 and store.stats().versions == 2


def test_exact_duplicate_from_another_source_adds_nothing(store: SqlStore) -> None:
    _save(store, _doc("Same words here.", "https://a.example/1", source="a"), [])
    dup = _save(store, _doc("Same   words HERE.", "https://b.example/2", source="b", raw="x"), [])
    assert dup.outcome == "duplicate"
    assert store.stats().articles == 1


def test_inputs_are_remembered(store: SqlStore) -> None:
    assert not store.has_input("a.html", "", "r1")
    _save(store, _doc("Text."), [])
    assert store.has_input("a.html", "", "r1")
    again = _save(store, _doc("Text."), [])
    assert again.outcome == "unchanged"


def test_errors_are_upserted_and_cleared_by_success(store: SqlStore) -> None:
    store.record_error(IngestError("a.html", "decode", "E106", "cannot be decoded"))
    store.record_error(IngestError("a.html", "read", "E103", "is empty"))
    assert [(e.source, e.code) for e in store.errors()] == [("a.html", "E103")]
    _save(store, _doc("Now it has text."), [])
    assert store.errors() == []


def test_search_finds_words_phrases_and_exclusions(store: SqlStore) -> None:
    _save(
        store,
        _doc(
            "Construction of the naval facility in Manta began.",
            "https://x.example/1",
            title="Naval works",
        ),
        [],
    )
    _save(
        store,
        _doc(
            "Raids in Guayaquil and Durán continued.",
            "https://x.example/2",
            source="b",
            raw="r2",
            title="Raids",
        ),
        [],
    )
    assert [h.title for h in store.search("naval Manta")] == ["Naval works"]
    assert [h.title for h in store.search('"naval facility"')] == ["Naval works"]
    assert {h.title for h in store.search("Manta OR Guayaquil")} == {"Naval works", "Raids"}
    assert [h.title for h in store.search("raids -Manta")] == ["Raids"]
    assert store.search("") == []
    assert store.search('"unbalanced AND ( NEAR') == []
    hit = store.search("Guayaquil")[0]
    assert "Guayaquil" in hit.snippet


def test_entities_counts_across_articles(store: SqlStore) -> None:
    a = "Noboa spoke. Daniel Noboa left."
    b = "Daniel Noboa returned to Quito."
    ent_a = Entity(
        entity_id("Daniel Noboa", "PERSON"),
        "Daniel Noboa",
        "PERSON",
        (Mention(0, 5, "Noboa", "PERSON"), Mention(13, 25, "Daniel Noboa", "PERSON")),
    )
    _save(store, _doc(a, "https://x.example/a"), [ent_a])
    _save(
        store,
        _doc(b, "https://x.example/b", source="b", raw="r2"),
        [_entity(b, "Daniel Noboa"), _entity(b, "Quito", "GPE")],
    )
    rows = store.entities()
    assert (rows[0].name, rows[0].mentions, rows[0].articles) == ("Daniel Noboa", 3, 2)
    assert [r.name for r in store.entities("gpe")] == ["Quito"]


def test_migrations_are_idempotent(store_url: str) -> None:
    for _ in range(2):
        reopened = open_store(store_url)
        assert reopened.schema_version() == SCHEMA_VERSION
        reopened.close()


_unique = itertools.count()
_texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=300,
).filter(lambda t: t.strip())


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=_texts,
    title=st.text(min_size=0, max_size=40).filter(lambda t: "\x00" not in t),
    data=st.data(),
)
def test_round_trip_any_text_and_spans(
    store: SqlStore, text: str, title: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    word = text[start:end]
    name = data.draw(st.text(string.ascii_letters, min_size=1, max_size=12))
    entity = Entity(entity_id(name, "ORG"), name, "ORG", (Mention(start, end, word, "ORG"),))
    n = next(_unique)
    url = f"https://x.example/{n}"
    text = f"{text} #{n}"  # unique, so no example is a duplicate of an earlier one
    saved = _save(store, _doc(text, url, source=url, raw=url, title=title), [entity])
    article = store.article(saved.article_id)
    assert article is not None
    assert article.text == text
    assert article.title == title
    [stored] = article.entities
    [mention] = stored.mentions
    assert article.text[mention.start : mention.end] == mention.text == word
