"""Start-up time of an analysing command: ``dossier ingest`` of one small text file.

Every analysing command loads the spaCy model and the two place indexes (the gazetteer
that fixes entity types and the GeoNames place index that resolves places). The indexes
are built once and cached on disk (``DOSSIER_CACHE_DIR``); this times whole processes, the
way a user meets them, each a fresh interpreter that ingests one short hand-written article
into a new SQLite store.

* ``cold``: the first run with an empty cache folder, which builds and writes the cache.
* ``warm``: the runs after it, which read the cache. One untimed warm run comes first, so
  the page cache and Python's bytecode cache favour no timed run.
* The median and the minimum are reported, since the mean drifts with whatever else the
  machine is doing. ``--src DIR`` times the sources under DIR (another checkout), so the
  figure before a change can be taken in the same session as the one after it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ARTICLE = (
    "Port workers in Manta, Ecuador, ended a two-day strike on Friday after the city agreed "
    "to review their contracts, the mayor told reporters in Guayaquil.\n"
)

MAIN = "import sys; from dossier.cli import main; main(sys.argv[1:], prog_name='dossier')"


def run_once(folder: Path, n: int, cache: Path, src: Path) -> float:
    text = folder / f"article{n}.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    env = dict(os.environ, DOSSIER_CACHE_DIR=str(cache), PYTHONPATH=f"{src / 'src'}")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MAIN, "--db", str(folder / f"s{n}.db"), "ingest", str(text)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"dossier ingest failed: {done.stderr.strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp), Path(tmp) / "cache"
        cold = run_once(folder, 0, cache, options.src)
        run_once(folder, 1, cache, options.src)
        times = [run_once(folder, 2 + n, cache, options.src) for n in range(options.runs)]
    result = {
        "command": "dossier ingest <one small file>",
        "src": str(options.src),
        "cold_s": round(cold, 2),
        "runs": options.runs,
        "warm_median_s": round(statistics.median(times), 2),
        "warm_min_s": round(min(times), 2),
    }
    if options.json:
        print(json.dumps(result))
    else:
        print(
            f"{result['command']} ({options.src}): cold {result['cold_s']:.2f} s; warm median "
            f"{result['warm_median_s']:.2f} s, min {result['warm_min_s']:.2f} s "
            f"over {options.runs} runs"
        )


if __name__ == "__main__":
    main()
