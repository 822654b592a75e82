"""The ingest batch: sources → documents → extraction → analysis → store.

Each stage is a generator over records, so the batch streams: memory holds
one analysis batch at a time, however large the corpus. Every failure turns
into an ``IngestError`` that is stored and counted, and the batch goes on.
Each document is stored in its own transaction and every processed input is
remembered by the hash of its bytes, so a crash or Ctrl-C leaves the store
consistent and running the same batch again skips what was done.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from tqdm import tqdm

from .analyze import Analyzer
from .analyze.homes import Home, Region
from .config import Settings
from .errors import Code, DossierError, Stage, as_record
from .ingest.extract import extract
from .ingest.fetch import Fetcher, is_url
from .ingest.identity import raw_hash
from .ingest.sources import SourceReader
from .models import Extracted, IngestError, RawDocument
from .store import SqlStore


@dataclass
class Summary:
    """What one ingest run did."""

    new: int = 0
    versions: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: int = 0
    errors: list[IngestError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def count(self, outcome: str) -> None:
        attribute = {
            "new": "new",
            "version": "versions",
            "unchanged": "unchanged",
            "duplicate": "duplicates",
        }[outcome]
        setattr(self, attribute, getattr(self, attribute) + 1)

    def as_dict(self) -> dict[str, object]:
        return {
            "new": self.new,
            "versions": self.versions,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "errors": len(self.errors),
        }


def _estimate(sources: Iterable[str]) -> int:
    total = 0
    for source in sources:
        if os.path.isdir(source):
            total += sum(len(files) for _, _, files in os.walk(source))
        else:
            total += 1
    return total


class Ingest:
    """One configured ingest run; ``run`` may be called for several batches."""

    def __init__(
        self,
        store: SqlStore,
        settings: Settings | None = None,
        fetcher: Fetcher | None = None,
        analyzer: Analyzer | None = None,
        progress: bool = True,
    ) -> None:
        self.store = store
        self.settings = settings or Settings.from_env()
        self.fetcher = fetcher
        self._analyzer = analyzer
        self.progress = progress

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            self._analyzer = Analyzer(self.settings.model, self.settings.batch_size)
        return self._analyzer

    def run(self, sources: Iterable[str]) -> Summary:
        sources = list(sources)
        summary = Summary()
        local = [s for s in sources if s != "-" and not is_url(s)]
        bar = tqdm(
            total=_estimate(local) + len(sources) - len(local),
            unit="doc",
            desc="ingest",
            disable=None if self.progress else True,
            delay=1.0,
        )
        reader = SourceReader(self.settings, self.fetcher)
        homes = OutletHomes(self.store)
        try:
            documents = self._extracted(reader.read(sources), summary, bar)
            results = self.analyzer.analyze(documents, lambda ex, _: homes.home(ex.outlet))
            for extracted, _, result in results:
                if isinstance(result, DossierError):
                    self._fail(summary, as_record(result, extracted.member))
                    continue
                try:
                    saved = self.store.save(extracted, result)
                except Exception as exc:  # a storage failure is recorded, not fatal
                    error = DossierError(
                        Code.STORE_FAILED, extracted.source, Stage.STORE, detail=str(exc).strip()
                    )
                    self._fail(summary, as_record(error, extracted.member))
                    continue
                summary.count(saved.outcome)
                homes.saved(extracted.outlet, saved.outcome, result.regions)
        finally:
            bar.close()
            if self.fetcher is None:
                reader.close()
        return summary

    def _extracted(
        self, items: Iterator[RawDocument | IngestError], summary: Summary, bar: tqdm[Any]
    ) -> Iterator[tuple[Extracted, None]]:
        for item in items:
            bar.update(1)
            if isinstance(item, IngestError):
                self._fail(summary, item)
                continue
            if self.store.has_input(item.source, item.member, raw_hash(item.content)):
                summary.skipped += 1
                continue
            try:
                yield extract(item), None
            except DossierError as exc:
                self._fail(summary, as_record(exc, item.member))

    def _fail(self, summary: Summary, error: IngestError) -> None:
        summary.errors.append(error)
        self.store.record_error(error)


class OutletHomes:
    """Outlets' homes during one run: each outlet's votes are read from the store once and
    kept current as articles are saved, so a large outlet costs one query, not one per
    article (see ``analyze.homes``).

    While ingesting, an article sees the articles of its outlet stored before it;
    ``reanalyze`` gives every article the home learned from all the others.
    """

    def __init__(self, store: SqlStore) -> None:
        self.store = store
        self._votes: dict[str, tuple[int, Counter[Region]]] = {}

    def _outlet(self, outlet: str) -> tuple[int, Counter[Region]]:
        if outlet not in self._votes:
            articles, votes = self.store.outlet_votes(outlet)
            self._votes[outlet] = (articles, Counter(votes))
        return self._votes[outlet]

    def home(self, outlet: str | None, own: Sequence[Region] | None = None) -> Home | None:
        """The home of ``outlet``; ``own`` are the votes of the article being read when
        it is itself stored (reanalysis), which must not count."""
        if not outlet:
            return None
        articles, votes = self._outlet(outlet)
        if own is not None:
            return Home.learn(articles - 1, votes - Counter(own))
        return Home.learn(articles, votes)

    def saved(self, outlet: str | None, outcome: str, regions: Sequence[Region]) -> None:
        if not outlet or outlet not in self._votes:
            return
        if outcome == "new":
            articles, votes = self._votes[outlet]
            votes.update(regions)
            self._votes[outlet] = (articles + 1, votes)
        elif outcome == "version":  # an earlier version's votes left the count
            del self._votes[outlet]


def ingest(sources: Iterable[str], store: SqlStore, **options: object) -> Summary:
    """Ingest ``sources`` into ``store``; see ``Ingest`` for the options."""
    return Ingest(store, **options).run(sources)  # type: ignore[arg-type]


def reanalyze(store: SqlStore, settings: Settings | None = None, progress: bool = True) -> int:
    """Analyse every stored article again, keeping hand merges and splits."""
    settings = settings or Settings.from_env()
    analyzer = Analyzer(settings.model, settings.batch_size)
    homes = OutletHomes(store)
    rows = store.articles()
    bar = tqdm(
        total=len(rows), unit="doc", desc="reanalyze", disable=None if progress else True, delay=1.0
    )
    count = 0
    items = ((store.article(row.id), row) for row in rows)
    documents = (
        (
            Extracted(source=a.source, text=a.text, published=a.published, outlet=a.outlet),
            (a.id, a.version),
        )
        for a, _ in items
        if a
    )
    try:

        def home_of(ex: Extracted, key: tuple[str, int]) -> Home | None:
            return homes.home(ex.outlet, own=store.regions(*key))

        for _, (aid, version), result in analyzer.analyze(documents, home_of):
            bar.update(1)
            if isinstance(result, DossierError):
                store.record_error(as_record(result, aid))
                continue
            store.replace_analysis(aid, version, result)
            count += 1
    finally:
        bar.close()
    return count
