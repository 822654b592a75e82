"""Where the API's time goes: SQL per statement, with SQLite's query plans.

Companion to ``api_latency.py``: that one times the endpoints from outside,
this one explains them. The app runs in this process (FastAPI's TestClient,
the same ``create_app`` ``dossier serve`` runs), and every statement the store
executes is timed by wrapping ``SqlStore._execute`` (profiling only; nothing is
changed in the store). For each endpoint of ``api_latency.ENDPOINTS`` it
prints the request time, the share spent in SQL, and the slowest statements
with their ``EXPLAIN QUERY PLAN``; a plan step that scans a whole table
(``SCAN t`` without an index) is flagged, since those grow with the store.

``--index "CREATE INDEX ..."`` (repeatable) adds indexes to a *copy* of the
store first, so their effect can be measured without touching the original
or the store's schema.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sqlite3
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.api_latency import ENDPOINTS, Context

_IN_LIST = re.compile(r"\((?:\?, )+\?\)")
_SCAN = re.compile(r"\bSCAN ([A-Za-z_]\w*)(?! USING (?:COVERING )?INDEX| VIRTUAL TABLE)")


def _shape(sql: str) -> str:
    """The statement with IN-lists of any length folded, so chunks count as one."""
    return " ".join(_IN_LIST.sub("(?…)", sql).split())


def plan(db: str, sql: str, params: Sequence[Any]) -> list[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute(f"EXPLAIN QUERY PLAN {sql}", tuple(params)).fetchall()
    return [str(r[-1]) for r in rows]


def profile(db: str, requests: int, only: Sequence[str] = ()) -> list[dict[str, Any]]:
    from fastapi.testclient import TestClient

    from dossier.serve import ServeSettings
    from dossier.serve.app import create_app
    from dossier.store import SqlStore, open_store
    from dossier.store.sqlite import SqliteStore

    spent: dict[str, list[float]] = defaultdict(list)
    example: dict[str, tuple[str, Sequence[Any]]] = {}
    original = SqliteStore._execute

    def timed(self: SqlStore, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        started = time.perf_counter()
        try:
            return original(self, sql, params)  # type: ignore[arg-type]
        finally:
            key = _shape(sql)
            spent[key].append(time.perf_counter() - started)
            example.setdefault(key, (sql, tuple(params)))

    store = open_store(db)
    try:
        ids = tuple(e.id for e in store.entities(limit=50))
        types = tuple(sorted({h.event.type for h in store.events(limit=2000)}))
    finally:
        store.close()
    ctx = Context(ids, types)
    SqliteStore._execute = timed  # type: ignore[method-assign]
    report = []
    try:
        with TestClient(create_app(ServeSettings(db, "127.0.0.1", None))) as client:
            for name, params in ENDPOINTS:
                if only and name not in only:
                    continue
                path, query = params(0, ctx)
                client.get(path, params=query)  # warm
                spent.clear()
                started = time.perf_counter()
                for i in range(requests):
                    path, query = params(i, ctx)
                    answer = client.get(path, params=query)
                    if answer.status_code != 200:
                        raise SystemExit(f"{name}: {path} answered {answer.status_code}")
                wall = time.perf_counter() - started
                statements = sorted(((sum(t), len(t), k) for k, t in spent.items()), reverse=True)
                sql_s = sum(s for s, _, _ in statements)
                report.append(
                    {
                        "endpoint": name,
                        "ms_per_request": 1000 * wall / requests,
                        "sql_ms_per_request": 1000 * sql_s / requests,
                        "statements": [
                            {
                                "ms_per_request": 1000 * s / requests,
                                "calls_per_request": n / requests,
                                "sql": k,
                                "plan": plan(db, *example[k]),
                            }
                            for s, n, k in statements[:6]
                        ],
                    }
                )
    finally:
        SqliteStore._execute = original  # type: ignore[method-assign]
    return report


def print_report(report: list[dict[str, Any]]) -> None:
    for r in report:
        share = r["sql_ms_per_request"] / r["ms_per_request"] if r["ms_per_request"] else 0
        print(
            f"\n## {r['endpoint']}: {r['ms_per_request']:.1f} ms a request, "
            f"SQL {r['sql_ms_per_request']:.1f} ms ({share:.0%}); the rest is Python"
        )
        for s in r["statements"]:
            scans = sorted(set(_SCAN.findall(" | ".join(s["plan"]))))
            flag = f"  FULL SCAN of {', '.join(scans)}" if scans else ""
            print(f"- {s['ms_per_request']:.1f} ms, {s['calls_per_request']:.1f} calls{flag}")
            print(f"  {s['sql'][:300]}")
            for step in s["plan"]:
                print(f"    {step}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="SQLite store (e.g. one make_big_store.py built)")
    parser.add_argument("--requests", type=int, default=10, help="requests per endpoint")
    parser.add_argument(
        "--index", action="append", default=[], help="CREATE INDEX on a copy of the store first"
    )
    parser.add_argument(
        "--endpoint", action="append", default=[], help="profile only this one (repeatable)"
    )
    parser.add_argument("--json", metavar="OUT", help="write the profile as JSON")
    options = parser.parse_args(argv)
    unknown = set(options.endpoint) - {name for name, _ in ENDPOINTS}
    if unknown:
        parser.error(f"unknown endpoint {sorted(unknown)}; known: {[n for n, _ in ENDPOINTS]}")
    with tempfile.TemporaryDirectory() as tmp:
        db = options.db
        if options.index:
            db = str(Path(tmp) / "copy.db")
            with sqlite3.connect(options.db) as source, sqlite3.connect(db) as target:
                source.backup(target)
            with sqlite3.connect(db) as conn:
                for statement in options.index:
                    conn.execute(statement)
                conn.execute("ANALYZE")
        report = profile(db, options.requests, options.endpoint)
        print_report(report)
        if options.json:
            result = {"benchmark": "api_profile", "indexes": options.index, "endpoints": report}
            Path(options.json).write_text(json.dumps(result, indent=2) + "\n")
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
