"""Draw a random sample of Dossier's findings on real news for judging by hand, and score it.

Data: ``news/guardian-sample.csv`` under ``../shared/eval`` (or
``$DOSSIER_EVAL_DIR``): unlabelled Guardian articles. Nothing about them was
used to write rules. Without the file the script prints ``skipped: …`` and
exits 0.

``draw`` picks ``--articles`` articles with a seeded random generator (``--round N``
takes the N-th block of the same draw, so a second round judges other articles), writes
each as a plain-text file (its date as the dateline), ingests them with the
``dossier`` command into a fresh SQLite store, exports the JSONL records (as a
user would, through the precision gate; ``--all-findings`` draws from every
finding, as the sheets the gate is fitted on must) and draws, again with the
seed, ``--events`` event reports, ``--quotes`` quotes and ``--claims`` claims
that rest on a source other than the outlet or carry a hedge. It writes a
judging sheet (JSON Lines) with each finding, its exported ``record``, its
sentence and the text around it, and empty verdicts. The sheet holds the articles'
prose, so keep it outside the repository.

A judge fills each item's ``verdict`` with ``right``, ``partly`` or ``wrong``
for what the acceptance asks:

* event: right in type *and* source actor (an empty source is right only when
  the sentence names none); ``partly`` when one of them is right;
* quote: right in speaker (the person or the anonymous description the text
  credits); ``partly`` when the speaker is right but the span is badly cut;
* claim: right in evidence type *and* source; ``partly`` when one is right.

``score`` tallies a judged sheet: right, partly, wrong and the share right per
kind, with a 95% Wilson interval.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))

from dossier import gate  # noqa: E402

EVAL_ENV = "DOSSIER_EVAL_DIR"
CSV_NAME = "news/guardian-sample.csv"
SEED = 20261201
CONTEXT = 300
VERDICTS = ("right", "partly", "wrong")


def _count(text: str) -> int:
    """A sample size: a whole number, zero or more."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of zero or more")
    return int(text)


def eval_dir() -> Path:
    override = os.environ.get(EVAL_ENV)
    if override:
        return Path(override).expanduser()
    return REPO_ROOT / ".." / "shared" / "eval"


def load_rows(path: Path) -> list[dict[str, str]]:
    """The articles of the Guardian CSV, or of a folder of text files (``--texts``),
    each ``{date, text}``; a file named like ``outlet_2016-03-01_slug.txt`` gives its
    date, others none."""
    if path.is_dir():
        rows = []
        for file in sorted(path.glob("*.txt")):
            found = re.search(r"(?:^|_)(\d{4}-\d{2}-\d{2})(?:_|$)", file.stem)
            text = file.read_text(encoding="utf-8", errors="replace")
            if text.strip():
                rows.append({"date": found.group(1) if found else "", "text": text})
        return rows
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8") as stream:
        return [row for row in csv.DictReader(stream) if row.get("text", "").strip()]


def _dossier(*args: str) -> str:
    exe = Path(sys.executable).with_name("dossier")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "dossier.cli"]
    done = subprocess.run([*command, *args], capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"dossier {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - CONTEXT) : end + CONTEXT]


def _sentence(text: str, item: dict[str, Any]) -> str:
    span = item.get("sentence") or item
    return str(text[span["start"] : span["end"]])


def _event_item(record: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    text = record["text"]
    return {
        "kind": "event",
        "article": record["id"],
        "finding": gate.event_view(event),
        "record": event,
        "sentence": _sentence(text, event),
        "context": _context(text, event["start"], event["end"]),
    }


def _quote_item(record: dict[str, Any], quote: dict[str, Any]) -> dict[str, Any]:
    text = record["text"]
    return {
        "kind": "quote",
        "article": record["id"],
        "finding": gate.quote_view(quote),
        "record": quote,
        "context": _context(text, quote["start"], quote["end"]),
    }


def _claim_item(record: dict[str, Any], claim: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "claim",
        "article": record["id"],
        "finding": gate.claim_view(claim),
        "record": claim,
        # the gate leaves out a claim whose quote it leaves out (fit_gate.py check)
        "quote_record": None if claim.get("quote") is None else record["quotes"][claim["quote"]],
        "sentence": claim["text"],
        "context": _context(record["text"], claim["start"], claim["end"]),
    }


def draw(args: argparse.Namespace) -> int:
    path = eval_dir() / (args.texts or CSV_NAME)
    if not path.exists():
        print(f"skipped: {path} not found")
        return 0
    rng = random.Random(args.seed)
    rows = load_rows(path)
    if args.round < 1:
        raise SystemExit(f"--round {args.round}: rounds are numbered from 1")
    wanted = args.articles * args.round
    if wanted > len(rows):
        raise SystemExit(
            f"--articles {args.articles} --round {args.round}: {path} holds only {len(rows)}"
            " articles"
        )
    if args.rest:
        # The articles no full round holds: what is left once every block of
        # --articles is drawn (random.sample picks by position, so sampling the
        # indices picks the same articles as sampling the rows).
        rounds = len(rows) // args.articles
        used = set(rng.sample(range(len(rows)), args.articles * rounds))
        rows = [row for index, row in enumerate(rows) if index not in used]
        if not rows:
            raise SystemExit(f"--rest: every article of {path} is in a round")
    else:
        # Round N takes the N-th block of one seeded draw, so rounds never share an
        # article and round 1 is the same draw whatever rounds follow.
        rows = rng.sample(rows, wanted)[-args.articles :]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for index, row in enumerate(rows, start=1):
            body = "\n\n".join(p.strip() for p in row["text"].split("\n") if p.strip())
            dateline = f"{row['date'][:10]}\n\n" if row.get("date") else ""
            # The file name is part of an article's identity: keep the Guardian rounds'.
            prefix = "text" if args.texts else "guardian"
            (folder / f"{prefix}-{index:03d}.txt").write_text(
                f"{dateline}{body}\n", encoding="utf-8"
            )
        db = str(Path(tmp) / "sample.db")
        _dossier("--db", db, "ingest", "--no-progress", str(folder))
        gated = ["--all-findings"] if args.all_findings else []
        exported = _dossier("--db", db, "export", "--format", "jsonl", *gated)
        records = [json.loads(line) for line in exported.splitlines() if line]
    events = [_event_item(r, e) for r in records for e in r.get("events", [])]
    quotes = [_quote_item(r, q) for r in records for q in r.get("quotes", [])]
    claims = [
        _claim_item(r, c)
        for r in records
        for c in r.get("claims", [])
        if (c.get("evidence") or {}).get("type") not in (None, "outlet") or c.get("hedges")
    ]
    sheet: list[dict[str, Any]] = []
    for items, size in ((events, args.events), (quotes, args.quotes), (claims, args.claims)):
        sheet.extend(rng.sample(items, min(size, len(items))))
    with open(args.sheet, "w", encoding="utf-8") as out:
        for number, item in enumerate(sheet, start=1):
            out.write(json.dumps({"n": number, **item, "verdict": None, "note": ""}) + "\n")
    print(
        f"{len(records)} articles: {len(events)} events, {len(quotes)} quotes, "
        f"{len(claims)} sourced or hedged claims; {len(sheet)} items written to {args.sheet}"
    )
    return 0


def wilson(right: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return 0.0, 0.0
    p = right / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def score(args: argparse.Namespace) -> int:
    tally: dict[str, Counter[str]] = {}
    for number, line in enumerate(Path(args.sheet).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{args.sheet}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{where}: not a JSON object ({exc})") from exc
        if not isinstance(item, dict) or not isinstance(item.get("kind"), str):
            raise SystemExit(f"{where}: not a judging-sheet item (no kind)")
        if item.get("verdict") not in VERDICTS:
            raise SystemExit(
                f"{where}: item {item.get('n')} has verdict {item.get('verdict')!r};"
                f" use one of {', '.join(VERDICTS)}"
            )
        tally.setdefault(item["kind"], Counter())[item["verdict"]] += 1
    print("| kind | right | partly | wrong | kept as right | 95% interval |")
    print("|---|---|---|---|---|---|")
    for kind, counts in tally.items():
        n = sum(counts.values())
        low, high = wilson(counts["right"], n)
        print(
            f"| {kind} | {counts['right']} | {counts['partly']} | {counts['wrong']} | "
            f"{counts['right'] / n:.0%} | {low:.0%}–{high:.0%} |"
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw", help="ingest a random sample of articles and draw findings")
    d.add_argument("sheet", help="the judging sheet to write (JSON Lines), outside the repository")
    d.add_argument("--articles", type=_count, default=25)
    d.add_argument("--events", type=_count, default=60)
    d.add_argument("--quotes", type=_count, default=60)
    d.add_argument("--claims", type=_count, default=40)
    d.add_argument("--seed", type=int, default=SEED)
    d.add_argument(
        "--round", type=_count, default=1, help="which block of articles (1, 2, …): a fresh sample"
    )
    d.add_argument(
        "--texts",
        metavar="DIR",
        help="a folder of text files under the eval folder to draw from instead of the"
        " Guardian sample (e.g. quotes/polnear/train/text)",
    )
    d.add_argument(
        "--rest",
        action="store_true",
        help="the articles left over after every full round, instead of --round",
    )
    d.add_argument(
        "--all-findings",
        action="store_true",
        help="draw from every finding, not only those the precision gate exports (to fit it)",
    )
    s = sub.add_parser("score", help="tally a judged sheet")
    s.add_argument("sheet")
    args = parser.parse_args(argv)
    return draw(args) if args.command == "draw" else score(args)


if __name__ == "__main__":
    sys.exit(main())
