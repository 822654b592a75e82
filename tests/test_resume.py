"""A batch that dies part-way leaves the store consistent, and a rerun resumes."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.config import Settings
from dossier.models import Analysis, Extracted, SaveResult
from dossier.pipeline import Ingest
from dossier.store import SqlStore, open_store

from .pages import PARAGRAPHS


class InterruptAfter:
    """Forwards to a real store and raises KeyboardInterrupt on the n-th save,
    inside its transaction, as a Ctrl-C at the worst moment would."""

    def __init__(self, store: SqlStore, n: int) -> None:
        self._store = store
        self._left = n

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)

    def save(self, extracted: Extracted, analysis: Analysis) -> SaveResult:
        self._left -= 1
        if self._left == 0:
            with self._store._transaction():
                self._store._execute(
                    "INSERT INTO errors (source, member, stage, code, reason, seen_at) "
                    "VALUES ('half', '', 'x', 'x', 'x', 'x')"
                )
                raise KeyboardInterrupt
        return self._store.save(extracted, analysis)


def test_interrupted_batch_resumes_without_duplicates(store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(8):
        key = list(PARAGRAPHS)[i % 3]
        (folder / f"{i}.txt").write_text(
            f"Story number {i}\n\n" + "\n\n".join(PARAGRAPHS[key]) + f"\n\nFiled as item {i}."
        )
    store = open_store(store_url)
    with pytest.raises(KeyboardInterrupt):
        Ingest(
            InterruptAfter(store, 4),
            settings=Settings(batch_size=3),  # type: ignore[arg-type]
            progress=False,
        ).run([str(folder)])
    assert store.stats().articles == 3
    assert store.errors() == [], "the interrupted transaction was rolled back"
    summary = Ingest(store, settings=Settings(batch_size=3), progress=False).run([str(folder)])
    assert (summary.new, summary.skipped) == (5, 3)
    assert store.stats().articles == 8 and store.stats().versions == 8
    store.close()
