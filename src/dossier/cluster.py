"""Analysis on an existing Dask.distributed cluster (``dossier ingest --engine dask``).

The same batches as ``workers.WorkerPool`` go to the cluster's workers, each of which
loads the model once, on its first batch, and keeps it for every later one. This process
stays the single reader and writer: it asks the store, gives each document its frozen
home (``run_homes``), gathers results in input order with a bounded number of batches in
flight, and writes to the store as the multiprocess path does. So a cluster run stores
what a single process stores. With a spool (``spool``), the workers write each batch's
results to a Parquet part themselves and send back only an acknowledgement; this process
loads the parts when the run ends, so it still writes alone. Dask is an optional extra
(``dossier[cluster]``), imported only here and only when the engine is asked for.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from .analyze import Analyzer
from .config import Settings
from .errors import Code, DossierError, Stage
from .spool import Ack, home_data, part_path, write_part
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


def _spool_on_worker(
    model: str, batch_size: int, directory: str, run: str, number: int, batch: list[Item]
) -> Ack:
    """Analyse ``batch`` and write its results to its part of the spool, on the worker."""
    results = _analyse_on_worker(model, batch_size, batch)
    path = part_path(directory, run, number)
    try:
        return write_part(path, [(ex, home_data(home)) for ex, home in batch], results)
    except OSError as exc:  # sent back, since the client names the folder to the user
        return Ack(str(path), 0, 0, failed=str(exc).strip())


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


def _acknowledged(future: Any, directory: str) -> Ack:
    ack: Ack = future.result()
    future.release()
    if ack.failed is not None:
        raise DossierError(
            Code.SPOOL_UNWRITABLE, directory, Stage.STORE, detail=f"{ack.path}: {ack.failed}"
        )
    return ack


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

    def spool(self, items: Iterable[Item], directory: str, run: str) -> Iterator[Ack]:
        """Each batch of ``items`` analysed and written by a worker to its part of the
        spool in ``directory``, with at most ``2 × workers`` batches on the cluster; the
        acknowledgements come back in batch order. ``E732`` when a worker cannot write."""
        pending: deque[Any] = deque()
        stream = iter(items)
        number = 0
        while batch := list(islice(stream, self.batch_size)):
            pending.append(
                self._client.submit(
                    _spool_on_worker,
                    self.model,
                    self.batch_size,
                    directory,
                    run,
                    number,
                    batch,
                    pure=False,
                )
            )
            number += 1
            while len(pending) > 2 * self.workers:
                yield _acknowledged(pending.popleft(), directory)
        while pending:
            yield _acknowledged(pending.popleft(), directory)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> DaskPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
