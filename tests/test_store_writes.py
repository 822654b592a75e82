"""The store writes an article in a few batched statements, with the same result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dossier.keys import article_id
from dossier.models import Analysis, Entity, Extracted, Mention, Quote, Speaker
from dossier.store import SqlStore, open_store
from dossier.store.event_links import RESOLVED_PLACES_SQL
from dossier.store.resolve import one_by_one
from dossier.store.writes import SAME_TEXT_SQL

NAMES = [
    ("Clara Ruiz", "PERSON"),
    ("Tom Becker", "PERSON"),
    ("Maria Lindqvist", "PERSON"),
    ("John Hale", "PERSON"),
    ("Ellen Ward", "PERSON"),
    ("Port Alden", "GPE"),
    ("Halifax", "GPE"),
    ("Boston", "GPE"),
    ("Portland", "GPE"),
    ("Ottawa", "GPE"),
    ("Nova Scotia", "GPE"),
    ("Northshore Construction", "ORG"),
    ("Canadian Coast Guard", "ORG"),
    ("Greenpeace", "ORG"),
    ("Royal Canadian Mounted Police", "ORG"),
    ("Department of Fisheries", "ORG"),
    ("Eastbrook Council", "ORG"),
]


def _article(seed: str) -> tuple[Extracted, Analysis]:
    """A text naming 17 entities, each twice (the second time a person by surname)."""
    parts, entities = [], []
    at = 0
    for n, (name, type_) in enumerate(NAMES):
        second = name.split()[-1] if type_ == "PERSON" else name
        sentence = f"{name} spoke on {seed}. Later {second} left. "
        first_at, second_at = at, at + sentence.index(f"Later {second}") + len("Later ")
        mentions = (
            Mention(first_at, first_at + len(name), name, type_),
            Mention(second_at, second_at + len(second), second, type_),
        )
        entities.append(Entity(f"e{n}", name, type_, mentions))
        parts.append(sentence)
        at += len(sentence)
    text = "".join(parts)
    speaker = Speaker("Clara Ruiz", 0, 10, "Clara Ruiz", "e0")
    quote = Quote(0, 20, text[:20], "direct", None, speaker)
    extracted = Extracted(source=f"{seed}.txt", text=text, raw_hash=seed)
    return extracted, Analysis(entities=tuple(entities), quotes=(quote,))


class Counting:
    """Counts the statements a store sends through its two execute seams."""

    def __init__(self, store: SqlStore) -> None:
        self.statements = 0
        self.selects = 0
        execute, many = store._execute, store._execute_many

        def counted(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
            self.statements += 1
            self.selects += sql.lstrip().upper().startswith("SELECT")
            return execute(sql, params)

        def counted_many(sql: str, rows: Sequence[Sequence[Any]]) -> None:
            self.statements += 1
            many(sql, rows)

        store._execute = counted  # type: ignore[method-assign]
        store._execute_many = counted_many  # type: ignore[method-assign]


def test_an_article_of_17_entities_takes_few_statements(store: SqlStore) -> None:
    counter = Counting(store)
    store.save(*_article("Monday"))
    # One upsert per entity (it returns the corpus name), a few batched inserts, and a
    # handful of reads. Written a row and a lookup at a time, the same two articles took
    # 201 and 218 statements (115 and 132 of them SELECTs).
    # The near-duplicate step (store.duplicates) adds a fixed few: its bands, their
    # lookup, and the rows of any candidates that share a band.
    assert counter.statements <= len(NAMES) + 25 + 3 and counter.selects <= 8 + 2
    counter.statements = counter.selects = 0
    store.save(*_article("Tuesday"))  # its entities are all known now
    assert counter.statements <= len(NAMES) + 25 + 3 and counter.selects <= 8 + 2


def _contents(store: SqlStore) -> list[Any]:
    tables = ("entities", "entity_aliases", "mentions", "quotes")
    return [sorted(store._execute(f"SELECT * FROM {t}")) for t in tables]


@pytest.mark.parametrize("order", [("Monday", "Tuesday"), ("Tuesday", "Monday")])
def test_batched_writes_store_what_row_at_a_time_writes_store(
    tmp_path: Any, order: tuple[str, str]
) -> None:
    stores = [open_store(str(tmp_path / f"{kind}.db")) for kind in ("batched", "rows")]
    batched, rows = stores
    rows._execute_many = one_by_one(rows._execute)  # type: ignore[method-assign]
    try:
        for seed in order:
            for s in stores:
                s.save(*_article(seed))
        # A hand split and merge must read the same through the preloaded lookups.
        for s in stores:
            [halifax] = [e for e in s.entities() if e.name == "Halifax"]
            [boston] = [e for e in s.entities() if e.name == "Boston"]
            s.merge_entities(boston.id, halifax.id)
            [ruiz] = [e for e in s.entities() if e.name == "Clara Ruiz"]
            s.split_entity(ruiz.id, "Ruiz")
            s.save(*_article("Friday"))
        assert _contents(batched) == _contents(rows)
        assert [batched.article(r.id) for r in batched.articles()] == [
            rows.article(r.id) for r in rows.articles()
        ]
    finally:
        for s in stores:
            s.close()


def test_a_failed_article_in_a_batch_is_undone_alone(store: SqlStore) -> None:
    index = store._index_text

    def failing(
        article_id: str, title: str | None, text: str, first: bool, language: str | None
    ) -> None:
        if "Tuesday" in text:
            raise RuntimeError("disk full")
        index(article_id, title, text, first, language)

    store._index_text = failing  # type: ignore[method-assign]
    with store.batch():
        store.save(*_article("Monday"))
        with pytest.raises(RuntimeError):
            store.save(*_article("Tuesday"))  # fails after its rows were written
        store.save(*_article("Friday"))
    texts = [a.text for a in (store.article(r.id) for r in store.articles()) if a]
    assert len(texts) == 2 and not any("Tuesday" in t for t in texts)
    mentions = store._execute("SELECT count(*) FROM mentions")[0][0]
    assert mentions == 2 * 2 * len(NAMES), "nothing of the failed article is left"


def test_an_interrupted_batch_leaves_nothing_of_it(store: SqlStore) -> None:
    store.save(*_article("Monday"))
    with pytest.raises(KeyboardInterrupt), store.batch():
        store.save(*_article("Tuesday"))
        raise KeyboardInterrupt
    assert store.stats().articles == 1
    assert store._execute("SELECT count(*) FROM inputs")[0][0] == 1


def test_a_new_version_replaces_the_old_text_in_search(store: SqlStore) -> None:
    # A first version skips clearing the search index (there is nothing of it there);
    # a later one must still take the old text out.
    url = "https://news.example/raid"
    first, analysis = _article("Monday")
    store.save(replace(first, url=url, text=first.text + " Harbour."), analysis)
    second, _ = _article("Sunday")
    store.save(replace(second, url=url, text=second.text + " Lighthouse."), analysis)
    assert [h.article_id for h in store.search("lighthouse")] == [article_id(url, "")]
    assert store.search("harbour") == []


@pytest.mark.parametrize(
    ("sql", "params", "index"),
    [
        (SAME_TEXT_SQL, ("h",), "articles_content_hash"),
        (RESOLVED_PLACES_SQL, ("a", 1), "sqlite_autoindex_places_1"),
    ],
)
def test_write_path_lookups_read_by_their_key(
    tmp_path: Path, sql: str, params: tuple[Any, ...], index: str
) -> None:
    # Without statistics SQLite reads these by a low-selectivity index (every latest
    # article, every resolved place), so each save slowed as the store grew.
    with open_store(str(tmp_path / "plan.db")) as store:
        plan = " ".join(str(row[-1]) for row in store._execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert f"USING INDEX {index} " in plan, plan
