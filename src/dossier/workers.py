"""Analysis in worker processes: the model loaded once per worker, texts sent in batches.

The parent keeps reading, asking the store and writing (it is the single writer);
workers only analyse. At most ``2 × workers`` batches are in flight, and results come
back in input order, so memory holds a bounded window of the input however large it is.
What a worker fails on comes back as an ``IngestError`` record, since a ``DossierError``
does not survive pickling.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import Pool
from typing import Any, TypeVar

from .analyze import Analyzer
from .analyze.homes import Home
from .config import Settings
from .errors import DossierError, as_record
from .models import Analysis, Extracted, IngestError

Item = tuple[Extracted, Home | None]
Result = Analysis | IngestError
C = TypeVar("C")
P = TypeVar("P")  # a pending batch: an AsyncResult or a Dask future

_analyzer: Analyzer | None = None  # one per worker process, loaded by ``_start``


def _start(model: str, batch_size: int) -> None:
    global _analyzer
    _analyzer = Analyzer(model, batch_size)


def _analyse(batch: list[Item]) -> list[Result]:
    assert _analyzer is not None, "worker not started"
    return analyse_batch(_analyzer, batch)


def analyse_batch(analyzer: Analyzer, batch: list[Item]) -> list[Result]:
    """Each document of ``batch`` analysed with the home it was given."""
    return [found for _, _, found in analyse_here(analyzer, ((None, item) for item in batch))]


def analyse_here(
    analyzer: Analyzer, items: Iterable[tuple[C, Item]]
) -> Iterator[tuple[C, Item, Result]]:
    """What ``WorkerPool.analyse`` gives, in this process (one worker)."""
    stream = ((ex, (ctx, home)) for ctx, (ex, home) in items)
    for ex, (ctx, home), result in analyzer.analyze(stream, lambda _, c: c[1]):
        found = as_record(result) if isinstance(result, DossierError) else result
        yield ctx, (ex, home), found


def in_order(
    items: Iterable[tuple[C, Item]],
    batch_size: int,
    in_flight: int,
    submit: Callable[[list[Item]], P],
    collect: Callable[[P], list[Result]],
) -> Iterator[tuple[C, Item, Result]]:
    """The batching both pools share: ``items`` cut into batches handed to ``submit``,
    at most ``in_flight`` of them pending, and each batch's results (from ``collect``)
    given back with their contexts, in input order."""
    pending: deque[tuple[list[tuple[C, Item]], P]] = deque()
    batch: list[tuple[C, Item]] = []

    def send(batch: list[tuple[C, Item]]) -> None:
        pending.append((batch, submit([item for _, item in batch])))

    def drain(limit: int) -> Iterator[tuple[C, Item, Result]]:
        while len(pending) > limit:
            done, handle = pending.popleft()
            for (ctx, item), found in zip(done, collect(handle), strict=True):
                yield ctx, item, found

    for entry in items:
        batch.append(entry)
        if len(batch) >= batch_size:
            send(batch)
            batch = []
            yield from drain(in_flight)
    if batch:
        send(batch)
    yield from drain(0)


class WorkerPool:
    """``workers`` processes, each with its own loaded model."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.workers = workers
        self.batch_size = settings.batch_size
        # Spawned, not forked: the parent holds a database connection and threads.
        context = multiprocessing.get_context("spawn")
        self._pool: Pool = context.Pool(
            workers, initializer=_start, initargs=(settings.model, settings.batch_size)
        )

    def analyse(self, items: Iterable[tuple[C, Item]]) -> Iterator[tuple[C, Item, Result]]:
        """Each ``(context, item)`` with its result, in input order, with a bounded number
        of batches in flight; the context stays in the parent."""
        return in_order(
            items,
            self.batch_size,
            2 * self.workers,
            lambda work: self._pool.apply_async(_analyse, (work,)),
            lambda pending: pending.get(),
        )

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
