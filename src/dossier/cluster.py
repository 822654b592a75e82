"""Analysis on an existing Dask.distributed cluster (``dossier ingest --engine dask``).

The same batches as ``workers.WorkerPool`` go to the cluster's workers, each of which
loads the model once, on its first batch, and keeps it for every later one. This process
stays the single reader and writer: it asks the store, gives each document its frozen
home (``run_homes``), gathers results in input order with a bounded number of batches in
flight, and writes to the store as the multiprocess path does. So a cluster run stores
what a single process stores. Dask is an optional extra (``dossier[cluster]``), imported
only here and only when the engine is asked for.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from .analyze import Analyzer
from .config import Settings
from .errors import Code, DossierError, Stage
from .workers import Item, Result, analyse_batch, in_order

C = TypeVar("C")
INSTALL_HINT = "pip install 'dossier[cluster]'"
CONNECT_TIMEOUT_S = 30

# One analyser per Dask worker process and model, loaded by its first batch. A worker may
# run tasks on several threads, so loading and analysing hold the lock: one model, used by
# one thread at a time (give workers `--nthreads 1` and more processes instead).
_analyzers: dict[tuple[str, int], Analyzer] = {}
_lock = threading.Lock()


def _analyse_on_worker(model: str, batch_size: int, batch: list[Item]) -> list[Result]:
    with _lock:
        analyzer = _analyzers.get((model, batch_size))
        if analyzer is None:
            analyzer = _analyzers[(model, batch_size)] = Analyzer(model, batch_size)
        return analyse_batch(analyzer, batch)


def _client(address: str) -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise DossierError(
            Code.NO_ENGINE, "--engine dask", Stage.COMMAND, detail=f"{exc}; {INSTALL_HINT}"
        ) from None
    try:
        # Through Any: distributed's Client is untyped when installed and missing when not.
        client: Any = distributed.Client
        return client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise DossierError(
            Code.ENGINE_UNREACHABLE, address, Stage.COMMAND, detail=str(exc).strip()
        ) from None


def _collect(future: Any) -> list[Result]:
    found: list[Result] = future.result()
    future.release()  # the cluster forgets the batch once it is here
    return found


class DaskPool:
    """The workers of the Dask cluster at ``address``; the interface of ``WorkerPool``."""

    def __init__(self, settings: Settings, address: str) -> None:
        self.model = settings.model
        self.batch_size = settings.batch_size
        self._client = _client(address)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))

    def analyse(self, items: Iterable[tuple[C, Item]]) -> Iterator[tuple[C, Item, Result]]:
        """Each ``(context, item)`` with its result, in input order, with at most
        ``2 × workers`` batches on the cluster; the context stays in this process."""
        return in_order(
            items,
            self.batch_size,
            2 * self.workers,
            lambda work: self._client.submit(
                _analyse_on_worker, self.model, self.batch_size, work, pure=False
            ),
            _collect,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> DaskPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
