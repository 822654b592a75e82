"""Stored text is never analysed again: ingest asks the store before the analyser."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.analyze import Analyzer
from dossier.config import Settings
from dossier.models import Analysis, Extracted
from dossier.pipeline import Ingest
from dossier.store import SqlStore

HARBOUR = (
    "Harbour Wall Rebuilt\n\n"
    "Mayor Clara Ruiz said on Monday that the harbour wall in Port Alden would be rebuilt "
    "before the winter storms.\n\n"
    '"We have waited long enough," Ruiz told reporters outside the town hall.'
)
BRIDGE = (
    "Bridge Closed For Repairs\n\n"
    "Engineers closed the Miller Street bridge in Eastbrook on Friday after inspectors "
    "found cracks in two of its supports, the county roads office said."
)


class CountingAnalyzer(Analyzer):
    """The real analyser, counting the documents it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def analyze(
        self, items: Iterable[tuple[Extracted, Any]], home_of: Any = None
    ) -> Iterator[tuple[Extracted, Any, Analysis | Any]]:
        def counted() -> Iterator[tuple[Extracted, Any]]:
            for item in items:
                self.seen.append(item[0].source)
                yield item

        return super().analyze(counted(), home_of)


@pytest.fixture(scope="module")
def analyzer() -> CountingAnalyzer:
    return CountingAnalyzer()


def _snapshot(store: SqlStore) -> list[Any]:
    return [store.article(r.id) for r in store.articles()]


def test_a_second_ingest_analyses_nothing_and_changes_nothing(
    store: SqlStore, tmp_path: Path, analyzer: CountingAnalyzer
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "harbour.txt").write_text(HARBOUR)
    (folder / "bridge.txt").write_text(BRIDGE)
    analyzer.seen.clear()
    ingest = Ingest(store, settings=Settings(), analyzer=analyzer, progress=False)
    first = ingest.run([str(folder)])
    assert (first.new, len(analyzer.seen)) == (2, 2)
    before, stats = _snapshot(store), store.stats()

    analyzer.seen.clear()
    again = ingest.run([str(folder)])
    assert again.skipped == 2 and analyzer.seen == []  # the very same bytes
    # The same texts under other names: unchanged text is found before analysis.
    copies = tmp_path / "copies"
    copies.mkdir()
    (copies / "harbour-copy.txt").write_text(HARBOUR + "\n")
    (copies / "bridge-copy.txt").write_text("  " + BRIDGE)
    third = ingest.run([str(copies)])
    assert third.duplicates == 2 and third.new == 0 and analyzer.seen == []
    assert _snapshot(store) == before and store.stats() == stats


def test_an_edited_file_is_still_analysed_as_its_next_version(
    store: SqlStore, tmp_path: Path, analyzer: CountingAnalyzer
) -> None:
    story = tmp_path / "harbour.txt"
    story.write_text(HARBOUR)
    ingest = Ingest(store, settings=Settings(), analyzer=analyzer, progress=False)
    ingest.run([str(story)])
    analyzer.seen.clear()
    story.write_text(HARBOUR + "\n\nThe council will vote on the budget next month.")
    summary = ingest.run([str(story)])
    assert summary.versions == 1 and analyzer.seen == [str(story)]
