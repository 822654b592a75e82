"""Requests per second and p50/p99 latency of the workbench's JSON API on loopback.

Issue 9's serving benchmark: search, entity page, events list and map data over
a large store (``make_big_store.py`` builds one of 10,000 articles from the
sample corpus); the target is p99 under 200 ms on SQLite.

Method, and why:

* The server is the real one, ``dossier --db DB serve`` on a free loopback port,
  in its own process (or any running server, ``--url``), so the client's work
  never counts as the server's and the figures are what a browser meets.
* Before timing, each endpoint is asked ``--warmup`` times, so the page cache,
  SQLite's statement cache and Python's imports favour no endpoint.
* Then each endpoint is asked ``--requests`` times (a bounded number), one
  after the other by default or from ``--concurrency`` threads, each with its
  own ``httpx.Client`` (kept-alive connection). The parameters rotate through a
  fixed list per endpoint (search words, the most-mentioned entities, event
  types, date ranges, pages), so no answer is one cached row.
* Latency is the wall time of one request, response read, with
  ``time.perf_counter``; p50 and p99 are the nearest-rank percentiles, req/s is
  requests over the endpoint's wall time.
* A status other than 200 counts as an error; an endpoint whose first answer
  is 404 is reported as missing (the route does not exist on this server).

The endpoints are the table ``ENDPOINTS`` below: edit it, not the code, when
the API changes.
"""

from __future__ import annotations

import argparse
import json
import math
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

TARGET_P99_MS = 200.0

# Words of the sample corpus, common and rare, one and two words.
SEARCH_WORDS = (
    "Noboa",
    "prison",
    "Manta",
    "Guayaquil",
    "police",
    "agreement",
    "cocaine",
    "curfew",
    "Trump",
    "referendum",
    "homicide",
    "Esmeraldas",
    "military base",
    "Los Choneros",
    "extortion",
    "inmates killed",
)
DATE_RANGES = (
    ("2024-01-01", "2024-03-31"),
    ("2024-06-01", "2024-12-31"),
    ("2025-01-01", "2025-12-31"),
)


@dataclass(frozen=True)
class Context:
    """What the parameters are drawn from: the store's entities and event types."""

    entity_ids: tuple[str, ...]
    event_types: tuple[str, ...]


Params = Callable[[int, Context], tuple[str, dict[str, str | int]]]


def _search(i: int, ctx: Context) -> tuple[str, dict[str, str | int]]:
    return "/api/search", {"q": SEARCH_WORDS[i % len(SEARCH_WORDS)]}


def _entity(i: int, ctx: Context) -> tuple[str, dict[str, str | int]]:
    return f"/api/entities/{ctx.entity_ids[i % len(ctx.entity_ids)]}", {}


def _filtered(i: int, ctx: Context) -> dict[str, str | int]:
    """Unfiltered, by type, or by date range, in turn."""
    turn = i % 3
    if turn == 1 and ctx.event_types:
        return {"type": ctx.event_types[(i // 3) % len(ctx.event_types)]}
    if turn == 2:
        since, until = DATE_RANGES[(i // 3) % len(DATE_RANGES)]
        return {"since": since, "until": until}
    return {}


def _events(i: int, ctx: Context) -> tuple[str, dict[str, str | int]]:
    return "/api/events", {"limit": 50, "offset": 50 * ((i // 3) % 5), **_filtered(i, ctx)}


def _map(i: int, ctx: Context) -> tuple[str, dict[str, str | int]]:
    return "/api/map", _filtered(i, ctx)


# name: what the request stands for; params: the i-th request's path and query.
ENDPOINTS: tuple[tuple[str, Params], ...] = (
    ("search", _search),
    ("entity page", _entity),
    ("events list", _events),
    ("map data", _map),
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


SERVE = "import sys\nfrom dossier.cli import main\nmain(sys.argv[1:], prog_name='dossier')\n"


def start_server(db: str, port: int, timeout: float) -> subprocess.Popen[bytes]:
    """``dossier --db DB serve`` on 127.0.0.1:PORT, once it answers /api/summary."""
    command = [sys.executable, "-c", SERVE, "--db", db, "serve", "--host", "127.0.0.1"]
    server = subprocess.Popen(
        [*command, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + timeout
    url = f"http://127.0.0.1:{port}/api/summary"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            err = server.stderr.read().decode() if server.stderr else ""
            raise SystemExit(f"dossier serve exited with {server.returncode}: {err.strip()}")
        try:
            if httpx.get(url, timeout=2.0).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.kill()
    raise SystemExit(f"dossier serve did not answer {url} within {timeout:.0f} s")


def discover(client: httpx.Client, db: str | None) -> Context:
    """The 50 most-mentioned entities and the event types, from the API or the store."""
    ids: list[str] = []
    types: list[str] = []
    answer = client.get("/api/entities", params={"limit": 50})
    if answer.status_code == 200:
        body = answer.json()
        items = body.get("items", body) if isinstance(body, dict) else body
        ids = [str(item["id"]) for item in items if isinstance(item, dict) and "id" in item]
    facets = client.get("/api/search", params={"q": "Ecuador"})
    if facets.status_code == 200 and isinstance(facets.json(), dict):
        types = sorted(facets.json().get("facets", {}).get("event_type", {}))
    if db and not (ids and types):
        from dossier.store import open_store

        store = open_store(db)
        try:
            ids = ids or [e.id for e in store.entities(limit=50)]
            types = types or sorted({e.event.type for e in store.events(limit=2000)})
        finally:
            store.close()
    if not ids:
        raise SystemExit("no entities found: is the store empty?")
    return Context(tuple(ids), tuple(types))


def percentile(sorted_ms: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted values."""
    rank = max(1, math.ceil(p / 100 * len(sorted_ms)))
    return sorted_ms[rank - 1]


def measure(
    base: str, params: Params, ctx: Context, requests: int, concurrency: int
) -> tuple[list[float], int, float]:
    """Latencies (ms) of ``requests`` requests, the error count and the wall time (s)."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    turns = iter(range(requests))

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=60.0) as client:
            while True:
                with lock:
                    i = next(turns, None)
                if i is None:
                    return
                path, query = params(i, ctx)
                started = time.perf_counter()
                answer = client.get(path, params=query)
                answer.read()
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    if answer.status_code != 200:
                        errors[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors[0], time.perf_counter() - started


def run(base: str, db: str | None, options: argparse.Namespace) -> dict[str, Any]:
    with httpx.Client(base_url=base, timeout=60.0) as client:
        ctx = discover(client, db)
        summary = client.get("/api/summary").json()
        results: dict[str, Any] = {}
        for name, params in ENDPOINTS:
            path, query = params(0, ctx)
            first = client.get(path, params=query)
            if first.status_code == 404:
                results[name] = {"missing": True, "path": path}
                continue
            for i in range(options.warmup):
                path, query = params(i, ctx)
                client.get(path, params=query)
            latencies, errors, wall = measure(
                base, params, ctx, options.requests, options.concurrency
            )
            ordered = sorted(latencies)
            results[name] = {
                "path": path,
                "requests": len(latencies),
                "errors": errors,
                "req_per_s": round(len(latencies) / wall, 1),
                "p50_ms": round(percentile(ordered, 50), 1),
                "p99_ms": round(percentile(ordered, 99), 1),
                "max_ms": round(ordered[-1], 1),
            }
    timed = [r for r in results.values() if not r.get("missing")]
    return {
        "benchmark": "api_latency",
        "url": base,
        "summary": summary,
        "requests_per_endpoint": options.requests,
        "warmup": options.warmup,
        "concurrency": options.concurrency,
        "target_p99_ms": TARGET_P99_MS,
        "target_met": bool(timed)
        and all(r["p99_ms"] < TARGET_P99_MS and not r["errors"] for r in timed),
        "endpoints": results,
    }


def print_table(result: dict[str, Any]) -> None:
    print("| endpoint | requests | req/s | p50 ms | p99 ms | max ms | errors |")
    print("|---|---|---|---|---|---|---|")
    for name, r in result["endpoints"].items():
        if r.get("missing"):
            print(f"| {name} | missing: {r['path']} answers 404 | | | | | |")
            continue
        print(
            f"| {name} | {r['requests']} | {r['req_per_s']} | {r['p50_ms']} | {r['p99_ms']} "
            f"| {r['max_ms']} | {r['errors']} |"
        )
    verdict = "met" if result["target_met"] else "missed"
    print(f"target p99 < {TARGET_P99_MS:.0f} ms on every endpoint: {verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", help="store to serve (e.g. one make_big_store.py built)")
    where.add_argument("--url", help="a running server instead, e.g. http://127.0.0.1:8000")
    parser.add_argument("--requests", type=int, default=300, help="timed requests per endpoint")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=1, help="client threads")
    parser.add_argument("--start-timeout", type=float, default=120.0)
    parser.add_argument("--json", metavar="OUT", help="write the figures as JSON")
    options = parser.parse_args(argv)
    if options.requests < 1 or options.concurrency < 1 or options.warmup < 0:
        print("--requests and --concurrency must be >= 1, --warmup >= 0", file=sys.stderr)
        return 2
    server = None
    if options.db:
        if not Path(options.db).is_file():
            print(f"{options.db}: no such store", file=sys.stderr)
            return 2
        port = free_port()
        server = start_server(options.db, port, options.start_timeout)
        base = f"http://127.0.0.1:{port}"
    else:
        base = options.url.rstrip("/")
    try:
        result = run(base, options.db, options)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    print_table(result)
    if options.json:
        Path(options.json).write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
