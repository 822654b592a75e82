"""A local Dask cluster against worker processes: what the cluster engine costs on top.

The same articles (the Guardian sample that ``throughput.py`` reads, one ``.txt`` per
article) are ingested into fresh SQLite stores twice: with ``--workers N`` (spawned
worker processes) and with ``--engine dask`` on a ``distributed.LocalCluster`` of N
worker processes with one thread each. The cluster is started, and its workers are up,
before the timing starts, since ``--engine dask`` joins an existing cluster; loading the
model on each worker is part of both timings, as ``--workers`` loads it within the run.
With ``--spool`` the cluster run is timed a second time, on a fresh cluster (so that its
workers load the model again), with ``--spool``: the workers write their results to
Parquet parts and the client loads them, instead of gathering them through the scheduler.
The stores are then compared: same articles, entities, quotes and events, or the
benchmark fails. Needs the ``cluster`` extra.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.throughput import CSV_NAME, EVAL_ENV, eval_dir, load_articles, write_folder


def _ingest(folder: Path, db: str, settings: Any, **options: Any) -> tuple[float, Any]:
    from dossier.pipeline import Ingest
    from dossier.store import open_store

    with open_store(db) as store:
        ingest = Ingest(store, settings=settings, progress=False, **options)
        started = time.perf_counter()
        summary = ingest.run([str(folder)])
        seconds = time.perf_counter() - started
        everything = {
            "articles": {row.id: store.article(row.id) for row in store.articles()},
            "entities": store.entities(),
            "quotes": store.quotes(),
            "events": store.events(),
        }
    if summary.errors:
        print(f"{len(summary.errors)} errors, first: {summary.errors[0]}", file=sys.stderr)
    return seconds, everything


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=200, metavar="N", help="articles (200)")
    parser.add_argument("--workers", type=int, default=2, metavar="N", help="workers (2)")
    parser.add_argument(
        "--spool",
        action="store_true",
        help="time a third run: the cluster with --spool (workers write Parquet parts)",
    )
    parser.add_argument(
        "--dask-first",
        action="store_true",
        help="time the cluster run first (by default second, so warm caches favour it)",
    )
    args = parser.parse_args(argv)
    csv_path = eval_dir() / CSV_NAME
    if not csv_path.is_file():
        print(f"skipped: {csv_path} not found (set {EVAL_ENV})", file=sys.stderr)
        return 0
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("skipped: the cluster extra is not installed (pip install -e '.[cluster]')")
        return 0

    from dossier.config import Settings

    settings = Settings.from_env()
    texts = load_articles(csv_path, args.limit)
    with tempfile.TemporaryDirectory(prefix="dossier-cluster-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        write_folder(texts, folder)

        def processes() -> tuple[float, Any]:
            return _ingest(folder, str(Path(tmp) / "local.db"), settings, workers=args.workers)

        def dask(name: str, **spool: Any) -> tuple[float, float, Any]:
            started = time.perf_counter()
            with LocalCluster(
                n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster:
                with Client(cluster) as client:
                    client.wait_for_workers(args.workers)
                up_s = time.perf_counter() - started
                took, stored = _ingest(
                    folder,
                    str(Path(tmp) / f"{name}.db"),
                    settings,
                    engine="dask",
                    address=cluster.scheduler_address,
                    **spool,
                )
            return took, up_s, stored

        if not args.dask_first:
            local_s, local = processes()
        dask_s, up_s, on_cluster = dask("dask")
        if args.spool:
            spool = Path(tmp) / "spool"
            spool_s, _, spooled = dask("spooled", spool=str(spool))
            spool_parts = len(list(spool.iterdir()))
            spool_mb = sum(p.stat().st_size for p in spool.iterdir()) / 2**20
        if args.dask_first:
            local_s, local = processes()
    same = local == on_cluster and (not args.spool or spooled == local)
    print(
        f"Cluster: {len(texts)} Guardian articles, batch {settings.batch_size}, "
        f"{args.workers} workers, SQLite, {'cluster' if args.dask_first else 'processes'} first"
    )
    print(f"--workers {args.workers} (spawned processes): {local_s:.1f} s")
    print(
        f"--engine dask, LocalCluster of {args.workers} processes: {dask_s:.1f} s "
        f"(cluster start, not timed: {up_s:.1f} s)"
    )
    if args.spool:
        print(
            f"--engine dask --spool, a fresh LocalCluster of {args.workers}: {spool_s:.1f} s "
            f"({spool_parts} parts, {spool_mb:.1f} MiB)"
        )
        print(f"spooled / gathered: {spool_s / dask_s:.2f}x the time")
    print(f"dask / processes: {dask_s / local_s:.2f}x the time; same stored result: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
