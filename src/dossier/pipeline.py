"""The ingest batch: sources → documents → extraction → analysis → store.

Each stage is a generator over records, so the batch streams: memory holds
a bounded window of analysis batches, however large the corpus. Every failure
turns into an ``IngestError`` that is stored and counted, and the batch goes on.
A text already stored is recorded before analysis and never analysed again.
Results are stored a batch per transaction, each document in a savepoint, and
every processed input is remembered by the hash of its bytes, so a crash or
Ctrl-C leaves the store consistent and running the same batch again skips what
was done.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from tqdm import tqdm

from . import spool as spooled
from .analyze import Analyzer
from .config import Settings
from .errors import Code, DossierError, Stage, as_record
from .ingest.extract import extract
from .ingest.fetch import Fetcher, is_url
from .ingest.identity import article_id, raw_hash
from .ingest.sources import SourceReader
from .models import Analysis, Article, ArticleRow, Extracted, IngestError, RawDocument
from .outlet_homes import OutletHomes
from .run_homes import RunHomes
from .store import SqlStore
from .workers import Item, Result, WorkerPool, analyse_here

if TYPE_CHECKING:
    from .cluster import DaskPool

C = TypeVar("C")
ENGINES = ("local", "dask")


class Pool(Protocol):
    """What analyses batches away from this process: ``WorkerPool`` or ``cluster.DaskPool``."""

    def analyse(self, items: Iterable[tuple[C, Item]]) -> Iterator[tuple[C, Item, Result]]: ...


@dataclass(frozen=True)
class NotAnalysed:
    """An input stored without analysis: its language has no pipeline (the language gate)."""

    source: str
    member: str
    language: str

    @property
    def message(self) -> str:
        where = f"{self.source} ({self.member})" if self.member else self.source
        return (
            f"{where}: not analysed: no analysis pipeline for its language ({self.language}); "
            "its text and metadata are stored"
        )


@dataclass
class Summary:
    """What one ingest run did."""

    new: int = 0
    versions: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: int = 0
    errors: list[IngestError] = field(default_factory=list)
    not_analysed: list[NotAnalysed] = field(default_factory=list)

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
            "not_analysed": len(self.not_analysed),
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
    """One configured ingest run; ``run`` may be called for several batches.

    ``workers`` analysing processes (``workers.WorkerPool``) each load the model once;
    with 1, or with an ``analyzer`` given, analysis runs in this process. Either way this
    process reads, asks the store and writes, in input order, and homes come from
    ``run_homes``, so the stored result is the same for any number of workers.
    ``engine="dask"`` sends every batch to the Dask scheduler at ``address`` instead
    (``cluster.DaskPool``), whose workers analyse and this process still writes. With
    ``spool`` (a folder every worker can write and this process can read) the workers
    write their results there as Parquet parts (``spool``) and this process loads them
    when the cluster is done, as ``load`` loads a spool later.
    """

    def __init__(
        self,
        store: SqlStore,
        settings: Settings | None = None,
        fetcher: Fetcher | None = None,
        analyzer: Analyzer | None = None,
        progress: bool = True,
        workers: int = 1,
        engine: str = "local",
        address: str | None = None,
        spool: str | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        if engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
        if (engine == "dask") != bool(address):
            raise ValueError("an address is needed with engine 'dask', and only with it")
        if spool is not None and engine != "dask":
            raise ValueError("a spool is only for engine 'dask'")
        self.store = store
        self.settings = settings or Settings.from_env()
        self.fetcher = fetcher
        self._analyzer = analyzer
        self.progress = progress
        self.workers = workers
        self.engine = engine
        self.address = address
        self.spool = spool
        self._pool: Pool | None = None

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
        try:
            with ExitStack() as pools:
                taught = self._first_pass(reader, sources, summary, bar, pools)
                self._second_pass(taught, bar, pools)
            # Stories are a corpus pass over what is stored, so they are rebuilt once the
            # run's articles are all in (see dossier.stories).
            if summary.new or summary.versions:
                bar.set_postfix_str("stories")
                self.store.rebuild_stories()
        finally:
            self._pool = None
            bar.close()
            if self.fetcher is None:
                reader.close()
        return summary

    def _first_pass(
        self,
        reader: SourceReader,
        sources: list[str],
        summary: Summary,
        bar: tqdm[Any],
        pools: ExitStack,
    ) -> dict[str, tuple[str, Any]]:
        """Store every document; return the analysed articles with an outlet, each with
        its outlet and the home it was read with (``spool.home_data``)."""
        homes = RunHomes(self.store)
        documents = (
            (None, (ex, homes.home(ex.outlet, article_id(ex.url, ex.text))))
            for ex in self._extracted(reader.read(sources), summary, bar)
        )
        taught: dict[str, tuple[str, Any]] = {}
        if self.spool is not None:
            run = spooled.run_id()
            try:
                os.makedirs(self.spool, exist_ok=True)
            except OSError as exc:
                raise DossierError(
                    Code.SPOOL_UNWRITABLE, self.spool, Stage.COMMAND, detail=str(exc).strip()
                ) from None
            for _ in self._cluster(pools).spool((d for _, d in documents), self.spool, run):
                pass  # the acknowledgements only pace the run; the parts hold the results
            self._load_parts(spooled.parts(self.spool, run), summary, taught, check=False)
            return taught
        results = ((item, found) for _, item, found in self._analysed(documents, pools))
        # A batch of results is written in one transaction, each document in a savepoint
        # of its own: a failure loses only that document, an interruption the open batch.
        while batch := list(islice(results, self.settings.batch_size)):
            with self.store.batch():
                for (extracted, home), result in batch:
                    self._store_one(extracted, spooled.home_data(home), result, summary, taught)
        return taught

    def load(self, directory: str) -> Summary:
        """Store every part of the spool in ``directory``, in (run, batch, position) order,
        then run the second pass and rebuild stories as ``run`` does. A document whose input
        is stored already is skipped, so loading again changes nothing; a damaged part is
        an ``E733`` error of the summary and the load goes on with the next."""
        summary = Summary()
        paths = spooled.parts(directory)
        bar = tqdm(
            total=len(paths),
            unit="part",
            desc="load",
            disable=None if self.progress else True,
            delay=1.0,
        )
        taught: dict[str, tuple[str, Any]] = {}
        try:
            with ExitStack() as pools:
                self._load_parts(paths, summary, taught, check=True, bar=bar)
                self._second_pass(taught, bar, pools)
            # Stories are a corpus pass (dossier.stories), as after an ingest.
            if summary.new or summary.versions:
                self.store.rebuild_stories()
        finally:
            self._pool = None
            bar.close()
        return summary

    def _load_parts(
        self,
        paths: list[Path],
        summary: Summary,
        taught: dict[str, tuple[str, Any]],
        check: bool,
        bar: tqdm[Any] | None = None,
    ) -> None:
        """Store the rows of each part, a part per transaction. ``check`` skips a document
        whose input is stored (``dossier load``); ingest asked that already as it read."""
        for path in paths:
            if bar is not None:
                bar.update(1)
            try:
                rows = spooled.read_part(path)
            except DossierError as exc:
                self._fail(summary, as_record(exc))
                continue
            with self.store.batch():
                for _, extracted, home, result in rows:
                    if check and self.store.has_input(
                        extracted.source, extracted.member, extracted.raw_hash, extracted.origin
                    ):
                        summary.skipped += 1
                        continue
                    self._store_one(extracted, home, result, summary, taught)

    def _store_one(
        self,
        extracted: Extracted,
        home: Any,
        result: Analysis | IngestError,
        summary: Summary,
        taught: dict[str, tuple[str, Any]],
    ) -> None:
        """Store one result; ``home`` is the home it was read with, encoded."""
        if isinstance(result, IngestError):
            self._fail(summary, replace(result, member=extracted.member))
            return
        try:
            saved = self.store.save(extracted, result)
        except Exception as exc:  # a storage failure is recorded, not fatal
            self._store_failed(summary, extracted, exc)
            return
        summary.count(saved.outcome)
        if not result.analysed and saved.outcome in ("new", "version"):
            summary.not_analysed.append(
                NotAnalysed(extracted.source, extracted.member, extracted.language or "")
            )
        if result.analysed and extracted.outlet and saved.outcome in ("new", "version"):
            taught[saved.article_id] = (extracted.outlet, home)

    def _second_pass(
        self, taught: dict[str, tuple[str, Any]], bar: tqdm[Any], pools: ExitStack
    ) -> None:
        """Read again the run's articles whose home the run itself changed, every home
        taken from the store as the first pass left it (see ``run_homes``)."""
        if not taught:
            return
        homes = RunHomes(self.store)
        again = []
        for aid, (outlet, used) in taught.items():
            home = homes.home(outlet, aid)
            if spooled.home_data(home) != used:
                again.append((aid, home))
        if not again:
            return
        bar.total = (bar.total or 0) + len(again)
        bar.refresh()
        documents = (
            ((a.id, a.version), (_stored_document(a), home))
            for a, home in ((self.store.article(aid), home) for aid, home in again)
            if a is not None
        )
        results = self._analysed(documents, pools)
        while batch := list(islice(results, self.settings.batch_size)):
            with self.store.batch():
                for (aid, version), _, result in batch:
                    bar.update(1)
                    if isinstance(result, IngestError):
                        self.store.record_error(replace(result, member=aid))
                    else:
                        self.store.replace_analysis(aid, version, result)

    def _analysed(
        self, items: Iterator[tuple[C, Item]], pools: ExitStack
    ) -> Iterator[tuple[C, Item, Analysis | IngestError]]:
        """Analysis in this process, or in worker processes once there is more than one
        batch of work (a small run does not pay for starting them); on the cluster always,
        so that this process never loads the model."""
        if self.engine == "dask":
            return self._cluster(pools).analyse(items)
        if self.workers == 1 or self._analyzer is not None:
            return analyse_here(self.analyzer, items)
        first = list(islice(items, self.settings.batch_size + 1))
        if len(first) <= self.settings.batch_size:
            return analyse_here(self.analyzer, iter(first))
        if self._pool is None:  # started once per run, for both passes
            self._pool = pools.enter_context(WorkerPool(self.settings, self.workers))
        return self._pool.analyse(chain(first, items))

    def _cluster(self, pools: ExitStack) -> DaskPool:
        from .cluster import DaskPool  # imports dask only when it connects: an optional extra

        if self._pool is None:
            assert self.address is not None
            self._pool = pools.enter_context(DaskPool(self.settings, self.address))
        assert isinstance(self._pool, DaskPool)
        return self._pool

    def _extracted(
        self, items: Iterator[RawDocument | IngestError], summary: Summary, bar: tqdm[Any]
    ) -> Iterator[Extracted]:
        for item in items:
            bar.update(1)
            if isinstance(item, IngestError):
                self._fail(summary, item)
                continue
            if self.store.has_input(item.source, item.member, raw_hash(item.content), item.origin):
                summary.skipped += 1
                continue
            try:
                extracted = extract(item)
            except DossierError as exc:
                self._fail(summary, as_record(exc, item.member))
                continue
            try:
                known = self.store.save_known(extracted)
            except Exception as exc:  # a storage failure is recorded, not fatal
                self._store_failed(summary, extracted, exc)
                continue
            if known is not None:  # its text is stored already: nothing to analyse
                summary.count(known.outcome)
                continue
            yield extracted

    def _store_failed(self, summary: Summary, extracted: Extracted, exc: Exception) -> None:
        error = DossierError(
            Code.STORE_FAILED, extracted.source, Stage.STORE, detail=str(exc).strip()
        )
        self._fail(summary, as_record(error, extracted.member))

    def _fail(self, summary: Summary, error: IngestError) -> None:
        summary.errors.append(error)
        self.store.record_error(error)


def _stored_document(a: Article) -> Extracted:
    """A stored article as a document to analyse again."""
    return Extracted(
        source=a.source,
        text=a.text,
        published=a.published,
        outlet=a.outlet,
        language=a.language,  # so the language gate holds on reanalysis too
    )


def ingest(sources: Iterable[str], store: SqlStore, **options: object) -> Summary:
    """Ingest ``sources`` into ``store``; see ``Ingest`` for the options."""
    return Ingest(store, **options).run(sources)  # type: ignore[arg-type]


def reanalyze(store: SqlStore, settings: Settings | None = None, progress: bool = True) -> int:
    """Analyse every stored article again, keeping hand merges and splits.

    Each article's places are read with the home its outlet's other articles give. When the
    analysis changes an article's votes for that home (an upgrade that reads places
    differently, or a store from before homes), its outlet's articles are read once more,
    so that every home rests on the votes just stored. Returns the number of articles.
    """
    settings = settings or Settings.from_env()
    analyzer = Analyzer(settings.model, settings.batch_size)
    rows = store.articles()
    bar = tqdm(
        total=len(rows), unit="doc", desc="reanalyze", disable=None if progress else True, delay=1.0
    )
    try:
        count, changed = _reanalyze_pass(store, analyzer, rows, bar)
        again = [row for row in rows if row.outlet in changed]
        if again:
            bar.total = (bar.total or 0) + len(again)
            bar.refresh()
            _reanalyze_pass(store, analyzer, again, bar)
        store.rebuild_stories(full=True)
    finally:
        bar.close()
    return count


def _reanalyze_pass(
    store: SqlStore, analyzer: Analyzer, rows: list[ArticleRow], bar: tqdm[Any]
) -> tuple[int, set[str]]:
    """Reanalyse ``rows``; return how many were stored and the outlets whose votes changed."""
    homes = OutletHomes(store)
    documents = (
        (
            Extracted(
                source=a.source,
                text=a.text,
                published=a.published,
                outlet=a.outlet,
                language=a.language,  # so the language gate holds on reanalysis too
            ),
            (a.id, a.version),
        )
        for a in (store.article(row.id) for row in rows)
        if a
    )
    count, changed = 0, set()
    results = analyzer.analyze(documents, lambda ex, key: homes.home(ex.outlet, key[0]))
    for extracted, (aid, version), result in results:
        bar.update(1)
        if isinstance(result, DossierError):
            store.record_error(as_record(result, aid))
            continue
        before = store.votes_of(aid)
        if extracted.outlet and (before is None or before[1] != result.regions):
            changed.add(extracted.outlet)
        store.replace_analysis(aid, version, result)
        count += 1
    return count, changed
