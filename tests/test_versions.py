"""An edited local file is the next version of its article, however its path is spelled."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dossier.config import Settings
from dossier.ingest.identity import article_id
from dossier.models import Analysis, Extracted
from dossier.pipeline import Ingest, Summary
from dossier.store import SqlStore, open_store
from dossier.store import base as store_base
from dossier.store.schema import MIGRATIONS, SCHEMA_VERSION

FIRST = (
    "Harbour Works Begin\n\n"
    "Mayor Clara Ruiz said on Monday that the harbour wall in Port Alden would be rebuilt "
    "before the winter storms.\n\n"
    '"We have waited long enough," Ruiz told reporters outside the town hall.'
)
EDITED = FIRST + "\n\nThe council will vote on the budget next month."


def run(store: SqlStore, *sources: str) -> Summary:
    return Ingest(store, settings=Settings(), progress=False).run(list(sources))


def test_edited_text_file_is_a_new_version_with_quotes_counted_once(
    store: SqlStore, tmp_path: Path
) -> None:
    story = tmp_path / "harbour.txt"
    story.write_text(FIRST)
    first = run(store, str(story))
    story.write_text(EDITED)
    second = run(store, str(story))
    assert (first.new, second.new, second.versions) == (1, 0, 1)

    [row] = store.articles()
    assert store.versions(row.id) == [1, 2]
    latest, older = store.article(row.id), store.article(row.id, 1)
    assert latest is not None and older is not None
    assert "vote on the budget" in latest.text and "vote on the budget" not in older.text
    assert store.stats().articles == 1 and store.stats().versions == 2
    hits = store.quotes(speaker="Ruiz")
    direct = [h for h in hits if h.quote.kind == "direct"]
    assert len(direct) == 1, "the quote of the old version is not listed again"
    assert len(hits) == len(latest.quotes) and {h.article_id for h in hits} == {row.id}


def test_first_version_keeps_its_text_id(store: SqlStore, tmp_path: Path) -> None:
    story = tmp_path / "harbour.txt"
    story.write_text(FIRST)
    run(store, str(story))
    [row] = store.articles()
    stored = store.article(row.id)
    assert stored is not None and row.id == article_id(None, stored.text)
    story.write_text(EDITED)
    run(store, str(story))
    assert [r.id for r in store.articles()] == [row.id]


def test_same_file_under_another_spelling_of_its_path(
    store: SqlStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "harbour.txt").write_text(FIRST)
    monkeypatch.chdir(tmp_path)
    run(store, "desk/harbour.txt")
    (folder / "harbour.txt").write_text(EDITED)
    os.symlink(folder, tmp_path / "link")
    summary = run(store, str(tmp_path / "link" / "." / "harbour.txt"))
    assert summary.versions == 1 and summary.new == 0
    [row] = store.articles()
    assert store.versions(row.id) == [1, 2]

    again = run(store, str(folder / "harbour.txt"))  # same bytes, a third spelling
    assert again.skipped == 1 and store.stats().versions == 2


def test_edited_file_inside_a_folder(store: SqlStore, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text(FIRST)
    (folder / "b.txt").write_text("Other Story\n\nA separate item about the ferry timetable.")
    run(store, str(folder))
    (folder / "a.txt").write_text(EDITED)
    summary = run(store, str(folder))
    assert (summary.versions, summary.skipped, summary.new) == (1, 1, 0)
    assert store.stats().articles == 2 and store.stats().versions == 3


def test_a_copy_of_the_first_text_elsewhere_is_a_duplicate_not_a_third_version(
    store: SqlStore, tmp_path: Path
) -> None:
    story, copy = tmp_path / "harbour.txt", tmp_path / "copy.txt"
    story.write_text(FIRST)
    run(store, str(story))
    story.write_text(EDITED)
    run(store, str(story))
    copy.write_text(FIRST)
    summary = run(store, str(copy))
    assert summary.duplicates == 1 and summary.versions == 0
    [row] = store.articles()
    assert store.versions(row.id) == [1, 2]


def test_input_from_before_origins_still_finds_its_article(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store at schema 6 knows inputs by the path as given; after migration 7 an edited
    file read under that same path continues its article."""
    old = {dialect: [m for m in steps if m[0] <= 6] for dialect, steps in MIGRATIONS.items()}
    with monkeypatch.context() as patch:
        patch.setattr(store_base, "MIGRATIONS", old)
        v6 = open_store(store_url)
        assert v6.schema_version() == 6
        with v6._transaction():
            v6._execute(
                "INSERT INTO articles (id, version, latest, source, text, content_hash, "
                "ingested_at) VALUES ('t1', 1, 1, 'notes.txt', 'Old text.', 'h1', 'x')"
            )
            v6._execute(
                "INSERT INTO inputs (source, member, raw_hash, article_id, version, outcome, "
                "seen_at) VALUES ('notes.txt', '', 'r1', 't1', 1, 'new', 'x')"
            )
        v6.close()
    store = open_store(store_url)
    try:
        assert store.schema_version() == SCHEMA_VERSION >= 12
        old_article = store.article("t1")
        assert old_article is not None and old_article.analysed
        edited = Extracted(
            source="notes.txt", text="New text.", raw_hash="r2", origin="/data/notes.txt"
        )
        result = store.save(edited, Analysis())
        assert (result.outcome, result.article_id, result.version) == ("version", "t1", 2)
    finally:
        store.close()
