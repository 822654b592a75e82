"""Main-text extraction quality on the Scrapinghub article-extraction benchmark.

Dossier's ``extract()`` runs on each of the 181 pages and is scored against
the gold article bodies with the benchmark's own metric, next to the stored
outputs of the peer extractors that ship with the data, so that one number
says whether Dossier extracts article text as well as the tools people would
otherwise reach for.

The scorer reproduces ``evaluate.py`` of scrapinghub/article-extraction-benchmark
exactly, because figures are only comparable with the published ones if every
convention matches:

* Tokens are ``\\w+`` matches (Unicode), case kept; punctuation and layout are
  ignored, so line breaks and whitespace normalisation never change a score.
* Each text becomes a multiset of 4-token shingles (overlapping 4-grams). A
  text of 1 to 3 tokens is one shorter shingle; an empty text has none.
* Per page, TP/FP/FN are the multiset overlap, prediction surplus and gold
  surplus, then divided by TP+FP+FN so that long pages weigh no more than
  short ones.
* Precision is the mean of per-page precision over pages whose prediction has
  shingles (TP+FP > 0), recall the mean of per-page recall over pages whose
  gold has shingles (TP+FN > 0); when FP = FN = 0 both are 1. An empty or
  missing prediction therefore costs recall only: it is left out of the
  precision mean and counts 0 towards recall.
* F1 is the harmonic mean of those two *averages*, not an average of
  per-page F1s.
* Accuracy (the newer upstream column) is the share of pages whose token
  sequence equals the gold's exactly.
* The ± figures are the standard deviation over bootstrap resamples of the
  pages (1000 by default), as the current upstream script prints them.
* Prediction keys must equal the gold keys, or the system is not scored.

A page Dossier cannot extract (``DossierError``, for example no main text) is
scored as an empty prediction, which is what upstream does with ``null``.
The only departure: where upstream would crash on a set with no scorable page,
this scorer returns 0.

Tune and check: the pages are cut into a tune and a check part by
``benchmarks/split.py`` on the page id. Both parts are scored, each on its own,
with every peer on the same pages, unless ``--part tune|check|all`` picks one
(``all`` is the whole set, the figure upstream publishes). Failed pages are named
for the tune part only; floors hold on the check part.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from tqdm import tqdm

if __package__ in (None, ""):
    # Run as ``python benchmarks/extraction.py``: make ``benchmarks`` importable.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.split import Part, add_part_option, parts_to_score, select

REPO_ROOT = Path(__file__).resolve().parents[1]
EVAL_ENV = "DOSSIER_EVAL_DIR"
SET_NAME = "extraction/scrapinghub"
SHINGLE_SIZE = 4
DEFAULT_BOOTSTRAP = 1000
# The peers the brief names; they are always reported first in the summary line.
KEY_PEERS = ("trafilatura", "readability", "newspaper", "news_please")
FLOORS_PATH = Path(__file__).resolve().parent / "floors.json"
FLOORS_KEY = "extraction_scrapinghub"

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def eval_dir() -> Path:
    """Where the shared evaluation data is expected; never inside the repository."""
    override = os.environ.get(EVAL_ENV)
    if override:
        return Path(override).expanduser()
    return REPO_ROOT / ".." / "shared" / "eval"


def scrapinghub_dir() -> Path | None:
    """The benchmark folder, or ``None`` when this checkout has no evaluation data."""
    folder = eval_dir() / SET_NAME
    return folder if (folder / "ground-truth.json").is_file() else None


def missing_data_message() -> str:
    return (
        f"Scrapinghub extraction set not found at {eval_dir() / SET_NAME} "
        f"(set {EVAL_ENV} to the folder that holds extraction/scrapinghub/)"
    )


# --- the scorer ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Counts:
    """One page's shingle TP/FP/FN, already normalised to sum to 1."""

    tp: float
    fp: float
    fn: float


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def tokenize(text: str | None) -> list[str]:
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    tokens = tokenize(text)
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(gram for gram in grams if gram)


def match(true: str | None, pred: str | None, n: int = SHINGLE_SIZE) -> Counts:
    gold, guess = shingles(true, n), shingles(pred, n)
    tp = float(sum((gold & guess).values()))
    fp = float(sum((guess - gold).values()))
    fn = float(sum((gold - guess).values()))
    total = tp + fp + fn
    if total > 0:
        return Counts(tp / total, fp / total, fn / total)
    return Counts(tp, fp, fn)


def precision_score(c: Counts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    if c.tp == c.fp == 0:
        return 0.0
    return c.tp / (c.tp + c.fp)


def recall_score(c: Counts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    if c.tp == c.fn == 0:
        return 0.0
    return c.tp / (c.tp + c.fn)


def _page_values(counts: Sequence[Counts]) -> tuple[list[float | None], list[float | None]]:
    """Per-page precision and recall, ``None`` where upstream leaves the page out."""
    precisions = [precision_score(c) if c.tp + c.fp > 0 else None for c in counts]
    recalls = [recall_score(c) if c.tp + c.fn > 0 else None for c in counts]
    return precisions, recalls


def _mean(values: Sequence[float | None]) -> float:
    kept = [v for v in values if v is not None]
    return statistics.fmean(kept) if kept else 0.0


def _combine(precision: float, recall: float) -> Scores:
    total = precision + recall
    return Scores(precision, recall, 2 * precision * recall / total if total else 0.0)


def aggregate(counts: Sequence[Counts]) -> Scores:
    precisions, recalls = _page_values(counts)
    return _combine(_mean(precisions), _mean(recalls))


def exact_match(true: str | None, pred: str | None) -> bool:
    return tokenize(true) == tokenize(pred)


def _resample(n: int, rounds: int, seed: int) -> list[list[int]]:
    rng = random.Random(seed)
    return [rng.choices(range(n), k=n) for _ in range(rounds)]


def bootstrap_std(
    counts: Sequence[Counts], exact: Sequence[bool], rounds: int, seed: int = 0
) -> dict[str, float]:
    """Spread of each metric over page resamples, so small differences are not over-read."""
    if rounds < 2 or not counts:
        return {}
    precisions, recalls = _page_values(counts)
    values: dict[str, list[float]] = {"precision": [], "recall": [], "f1": [], "accuracy": []}
    for sample in _resample(len(counts), rounds, seed):
        scores = _combine(
            _mean([precisions[i] for i in sample]), _mean([recalls[i] for i in sample])
        )
        for key, value in scores.as_dict().items():
            values[key].append(value)
        values["accuracy"].append(statistics.fmean(float(exact[i]) for i in sample))
    return {key: statistics.stdev(series) for key, series in values.items()}


def bootstrap_difference(
    counts: Sequence[Counts], other: Sequence[Counts], rounds: int, seed: int = 0
) -> dict[str, tuple[float, float]]:
    """Paired bootstrap of ``counts`` minus ``other``: mean and std of each metric's difference.

    Both systems are resampled with the same page indices, as upstream's
    ``--bootstrap-differences`` does, so page difficulty cancels out.
    """
    if rounds < 2 or len(counts) != len(other) or not counts:
        return {}
    mine, theirs = _page_values(counts), _page_values(other)
    diffs: dict[str, list[float]] = {"precision": [], "recall": [], "f1": []}
    for sample in _resample(len(counts), rounds, seed):
        a = _combine(_mean([mine[0][i] for i in sample]), _mean([mine[1][i] for i in sample]))
        b = _combine(_mean([theirs[0][i] for i in sample]), _mean([theirs[1][i] for i in sample]))
        for key, value in a.as_dict().items():
            diffs[key].append(value - b.as_dict()[key])
    return {k: (statistics.fmean(v), statistics.stdev(v)) for k, v in diffs.items()}


@dataclass
class SystemResult:
    """One system's scores on the whole set, with what is needed to compare it further."""

    name: str
    version: str
    scores: Scores
    accuracy: float
    empty: int
    pages: int
    counts: list[Counts] = field(repr=False)
    std: dict[str, float] = field(default_factory=dict)
    seconds: float | None = None
    failures: dict[str, str] = field(default_factory=dict)

    def as_dict(self, items: bool = True) -> dict[str, Any]:
        """Every figure; with ``items=False`` failed pages are counted, not named."""
        return {
            "version": self.version,
            **self.scores.as_dict(),
            "accuracy": self.accuracy,
            "std": self.std,
            "empty": self.empty,
            "pages": self.pages,
            "seconds": self.seconds,
            "failures": self.failures if items else len(self.failures),
        }


def evaluate(
    gold: Mapping[str, str],
    predicted: Mapping[str, str | None],
    name: str,
    version: str = "",
    rounds: int = 0,
    seed: int = 0,
) -> SystemResult:
    if gold.keys() != predicted.keys():
        raise ValueError(f"{name}: prediction keys do not match ground truth")
    keys = sorted(gold)
    counts = [match(gold[k], predicted[k]) for k in keys]
    exact = [exact_match(gold[k], predicted[k]) for k in keys]
    return SystemResult(
        name=name,
        version=version,
        scores=aggregate(counts),
        accuracy=statistics.fmean(float(e) for e in exact) if exact else 0.0,
        empty=sum(1 for k in keys if not tokenize(predicted[k])),
        pages=len(keys),
        counts=counts,
        std=bootstrap_std(counts, exact, rounds, seed),
    )


# --- data ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldPage:
    body: str
    url: str | None


def load_gold(data_dir: Path, part: Part = "all") -> dict[str, GoldPage]:
    """The gold pages of one part (``benchmarks/split.py`` on the page id)."""
    raw = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    keys = select(list(raw), str, part)
    return {key: GoldPage(raw[key].get("articleBody") or "", raw[key].get("url")) for key in keys}


def available_peers(data_dir: Path) -> list[str]:
    return sorted(path.stem for path in (data_dir / "output").glob("*.json"))


def load_peer(data_dir: Path, name: str) -> tuple[str, dict[str, str | None]]:
    """A peer's stored bodies and version; newer upstream files wrap them in ``output``."""
    raw = json.loads((data_dir / "output" / f"{name}.json").read_text(encoding="utf-8"))
    peer_version = ""
    if isinstance(raw, dict) and set(raw) == {"version", "output"}:
        peer_version, raw = str(raw["version"] or ""), raw["output"]
    return peer_version, {key: (item or {}).get("articleBody") for key, item in raw.items()}


@dataclass
class DossierRun:
    texts: dict[str, str]
    failures: dict[str, str]
    seconds: float


def run_dossier(data_dir: Path, gold: Mapping[str, GoldPage], progress: bool = True) -> DossierRun:
    """Dossier's main text for every page, exactly as ingest would extract it."""
    from dossier.errors import DossierError
    from dossier.ingest.extract import extract
    from dossier.models import RawDocument

    texts: dict[str, str] = {}
    failures: dict[str, str] = {}
    seconds = 0.0
    keys = sorted(gold)
    for key in tqdm(keys, desc="dossier extract", unit="page", disable=None if progress else True):
        content = gzip.decompress((data_dir / "html" / f"{key}.html.gz").read_bytes())
        doc = RawDocument(source=f"{key}.html", content=content, kind="html", url=gold[key].url)
        started = time.perf_counter()
        try:
            texts[key] = extract(doc).text
        except DossierError as exc:
            texts[key] = ""
            failures[key] = str(exc)
        seconds += time.perf_counter() - started
    return DossierRun(texts, failures, seconds)


def _dist_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return ""


def score_dossier(
    data_dir: Path, rounds: int = 0, seed: int = 0, progress: bool = False, part: Part = "all"
) -> SystemResult:
    gold = load_gold(data_dir, part)
    run = run_dossier(data_dir, gold, progress)
    bodies = {key: page.body for key, page in gold.items()}
    result = evaluate(
        bodies,
        dict(run.texts),
        "dossier",
        f"{_dist_version('dossier')} (trafilatura {_dist_version('trafilatura')})",
        rounds,
        seed,
    )
    result.seconds = run.seconds
    result.failures = run.failures
    return result


def score_peer(
    data_dir: Path, name: str, rounds: int = 0, seed: int = 0, part: Part = "all"
) -> SystemResult:
    gold = load_gold(data_dir, part)
    peer_version, predicted = load_peer(data_dir, name)
    if part != "all":
        # The peer's pages of this part; a page it lacks still fails the key check below.
        predicted = {key: text for key, text in predicted.items() if key in gold}
    bodies = {key: page.body for key, page in gold.items()}
    return evaluate(bodies, predicted, name, peer_version, rounds, seed)


def floor_metrics(result: SystemResult) -> dict[str, float]:
    """The figures ``floors.json`` pins, by their names there."""
    return {key: result.scores.as_dict()[key] for key in ("precision", "recall", "f1")}


def load_floors(path: Path = FLOORS_PATH) -> dict[str, float]:
    """The check-part floors pinned for Dossier."""
    entry = json.loads(path.read_text(encoding="utf-8"))[FLOORS_KEY]
    return {key: float(entry["floors"][key]) for key in ("precision", "recall", "f1")}


# --- report -------------------------------------------------------------------------------


def _cell(result: SystemResult, key: str) -> str:
    value = result.accuracy if key == "accuracy" else result.scores.as_dict()[key]
    spread = result.std.get(key)
    return f"{value:.3f} ± {spread:.3f}" if spread is not None else f"{value:.3f}"


def format_table(results: Sequence[SystemResult]) -> str:
    ranked = sorted(results, key=lambda r: r.scores.f1, reverse=True)
    width = max(len(r.name) for r in ranked) + 2
    vwidth = max(7, *(len(r.version) for r in ranked))
    cw = 13 if any(r.std for r in ranked) else 5
    header = (
        f"{'#':>3}  {'system':<{width}}{'version':<{vwidth}}  {'precision':>{cw}}  "
        f"{'recall':>{cw}}  {'F1':>{cw}}  {'accuracy':>{cw}}  empty"
    )
    lines = [header, "-" * len(header)]
    for rank, r in enumerate(ranked, start=1):
        mark = "*" if r.name == "dossier" else " "
        lines.append(
            f"{rank:>3}{mark} {r.name:<{width}}{r.version:<{vwidth}}  {_cell(r, 'precision'):>{cw}}"
            f"  {_cell(r, 'recall'):>{cw}}  {_cell(r, 'f1'):>{cw}}  {_cell(r, 'accuracy'):>{cw}}"
            f"  {r.empty:>5}"
        )
    return "\n".join(lines)


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results as JSON")
    parser.add_argument(
        "--peers", default="all", help="comma-separated stored outputs to score, or 'all' (default)"
    )
    parser.add_argument(
        "--bootstrap",
        type=int,
        default=DEFAULT_BOOTSTRAP,
        metavar="N",
        help="bootstrap resamples for the ± figures; 0 turns them off",
    )
    parser.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    add_part_option(parser)
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser.parse_args(argv)


def score_part(
    data_dir: Path, part: Part, peers: Sequence[str], args: argparse.Namespace
) -> tuple[list[SystemResult], dict[str, dict[str, tuple[float, float]]]]:
    """Dossier and the peers on one part's pages, and the paired F1 differences."""
    dossier = score_dossier(data_dir, args.bootstrap, args.seed, not args.no_progress, part)
    results = [dossier]
    for name in peers:
        try:
            results.append(score_peer(data_dir, name, args.bootstrap, args.seed, part))
        except (ValueError, KeyError, json.JSONDecodeError) as exc:
            print(f"skipped peer {name}: {exc}", file=sys.stderr)
    by_name = {r.name: r for r in results}
    comparisons: dict[str, dict[str, tuple[float, float]]] = {}
    pages = dossier.pages
    seconds = dossier.seconds or 0.0
    print(
        f"\n## {part} part: {pages} pages, 4-token shingles, page-averaged P and R "
        f"(upstream evaluate.py)\n"
    )
    print(format_table(results))
    rate = pages / seconds if seconds else 0.0
    print(
        f"\n* Dossier extract(): {seconds:.1f} s, {rate:.1f} pages/s, "
        f"{len(dossier.failures)} failed page(s)"
    )
    if part == "tune":
        # Check-part pages are never named.
        for key, reason in sorted(dossier.failures.items()):
            print(f"  failed {key}: {reason}")
    for peer in (p for p in KEY_PEERS if p in by_name):
        diff = bootstrap_difference(dossier.counts, by_name[peer].counts, args.bootstrap, args.seed)
        comparisons[peer] = diff
        delta = dossier.scores.f1 - by_name[peer].scores.f1
        spread = f" ± {diff['f1'][1]:.3f} (paired bootstrap std)" if diff else ""
        print(f"  F1 Dossier - {peer}: {delta:+.3f}{spread}")
    return results, comparisons


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    data_dir = scrapinghub_dir()
    if data_dir is None:
        print(f"skipped: {missing_data_message()}", file=sys.stderr)
        return 0
    available = available_peers(data_dir)
    wanted = available if args.peers == "all" else [p.strip() for p in args.peers.split(",")]
    unknown = [p for p in wanted if p not in available]
    if unknown:
        print(
            f"unknown peers: {', '.join(unknown)}; available: {', '.join(available)}",
            file=sys.stderr,
        )
        return 2
    print(
        "Scrapinghub article-extraction benchmark, pages split into tune and check parts "
        "by benchmarks/split.py on the page id"
    )
    scored = {part: score_part(data_dir, part, wanted, args) for part in parts_to_score(args.part)}
    try:
        floors = load_floors() if FLOORS_PATH.is_file() else None
    except KeyError:  # no entry, or one not yet pinned by benchmarks/pin_floors.py
        floors = None
    if floors and "check" in scored:
        check = scored["check"][0][0].scores.as_dict()
        below = [k for k, v in floors.items() if check[k] < v]
        state = f"BELOW on {', '.join(below)}" if below else "all met"
        print(f"\ncheck-part floors {floors}: {state}")

    if args.json:
        payload = {
            "benchmark": FLOORS_KEY,
            "set": SET_NAME,
            "bootstrap": args.bootstrap,
            "date": time.strftime("%Y-%m-%d"),
            "cpus": os.cpu_count(),
            "parts": {
                part: {
                    "pages": results[0].pages,
                    "floor_metrics": floor_metrics(results[0]),
                    "systems": {r.name: r.as_dict(items=part == "tune") for r in results},
                    "dossier_minus_peer": {
                        peer: {k: {"mean": m, "std": s} for k, (m, s) in diff.items()}
                        for peer, diff in comparisons.items()
                    },
                }
                for part, (results, comparisons) in scored.items()
            },
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
