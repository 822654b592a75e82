"""Quote attribution (content, source, cue) on PolNeAR, scored against its gold spans.

Dossier's ``Analyzer.analyze_texts`` runs on each raw ``text/<name>.txt`` of a
split (``dev`` by default), unchanged so that character offsets line up, and
its quotes are scored against the gold attributions in
``attributions/<name>_<annotator>.ann`` (BRAT standoff). The data stays in
``../shared/eval/quotes/polnear`` (or ``$DOSSIER_EVAL_DIR/quotes/polnear``);
without it the script prints ``skipped: …`` and exits 0.

Gold, and how it is read:

* One annotator per text: the first annotator id in sorted order among that
  text's ``.ann`` files, so multiply annotated texts are never counted twice.
* A gold attribution is one ``E`` line (``Attribution`` or
  ``Attribution-no-source``) with at least one ``Content`` argument. Numbered
  roles (``Content2``) join their role; an argument's ``;``-joined pieces are
  kept as pieces. Events without content are dropped (and counted); ``Discard``
  and ``Discuss`` spans, notes and continuation lines of multi-line span texts
  are ignored.

Normalisation: before any comparison every span, gold or predicted, loses
leading and trailing whitespace, quotation marks (“ ” " ‘ ’ ') and the
punctuation , . : -- by moving its offsets inward in the text. A span that
would become empty stays as it is. A discontinuous gold span is trimmed as a
whole (its hull) and piece by piece; a piece that is nothing but such
characters (a lone closing quotation mark) is dropped from the pieces.

Metrics, micro-averaged over all texts (counts summed first); a ratio whose
denominator is 0 is 0:

* **content exact**: a prediction matches a gold attribution when its span
  equals the gold content's hull (first piece's start to last piece's end) or,
  for discontinuous content, any one piece. One-to-one: whole-span matches are
  paired before piece matches.
* **content overlap**: any shared character between the prediction and the gold
  content's pieces (not the gaps between pieces, which usually hold the cue and
  source). One-to-one, greedy: pairs by most shared characters, ties by the
  higher overlap/union ratio, then by position, so one prediction never matches
  two gold attributions nor one gold attribution two predictions.
* **content chars**: character-level precision and recall of the union of
  predicted content against the union of gold content hulls (a Dossier quote
  is one span, so the gaps of discontinuous gold count as content here), per
  text, in the spirit of citron's token-mass overlap metric.
* **source accuracy** (exact / overlap): among content-overlap-matched pairs
  whose gold attribution has a Source, the share whose predicted speaker span
  (``speaker.start``/``end``) equals / overlaps the gold Source span (same
  exact rule as content: hull or a piece). A missing speaker or speaker span is
  wrong.
* **source exact F1** (citron style): a predicted quote is correct when it is
  content-overlap-matched to a gold attribution with a Source and its speaker
  span matches that Source exactly. P = correct / predictions with a speaker
  span, R = correct / gold attributions with a Source. (Citron anchors the pair
  on an overlapping cue; here the content anchors it.) **source overlap F1**
  is the same with an overlapping speaker span.
* **cue exact / overlap**: distinct predicted cue spans against distinct gold
  Cue spans of the scored attributions, one-to-one as for content; exact is
  hull equality.

Diagnostics: recall (overlap) of gold contents that contain double quotation
marks and of those that do not; precision (overlap) per predicted kind; and the
predictions left unmatched although they overlap gold content, which is
already matched to another prediction (a quote split in two around its cue,
where the gold has one discontinuous content, or a duplicate).

Tune and check: the texts of the split are cut into a tune and a check part by
``benchmarks/split.py`` on each text's file stem. Both parts are scored, each
on its own, unless ``--part tune|check|all`` picks one (``all`` pools them).
Single texts (names, tallies, failures) are shown and written only for the
tune part; floors hold on the check part.

``--baseline gold`` scores the gold against itself (every figure must be 1.000)
and ``--baseline quotes`` scores every span between matching double quotation
marks on one line as a direct quote with no cue or source; neither loads spaCy.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dossier.models import Analysis, Quote

if __package__ in (None, ""):
    # Run as ``python benchmarks/quotes_polnear.py``: make ``benchmarks`` importable.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tqdm import tqdm

from benchmarks.extraction import EVAL_ENV as EVAL_ENV
from benchmarks.extraction import _dist_version
from benchmarks.polnear_gold import SET_NAME as SET_NAME
from benchmarks.polnear_gold import GoldAttribution as GoldAttribution
from benchmarks.polnear_gold import GoldText as GoldText
from benchmarks.polnear_gold import Interval as Interval
from benchmarks.polnear_gold import annotation_files as annotation_files
from benchmarks.polnear_gold import load_split as load_split
from benchmarks.polnear_gold import missing_data_message as missing_data_message
from benchmarks.polnear_gold import parse_brat as parse_brat
from benchmarks.polnear_gold import polnear_dir as polnear_dir
from benchmarks.polnear_score import KINDS as KINDS
from benchmarks.polnear_score import STRIP_CHARS as STRIP_CHARS
from benchmarks.polnear_score import Counts as Counts
from benchmarks.polnear_score import Predicted as Predicted
from benchmarks.polnear_score import Target as Target
from benchmarks.polnear_score import covered as covered
from benchmarks.polnear_score import exact_match as exact_match
from benchmarks.polnear_score import has_double_quote as has_double_quote
from benchmarks.polnear_score import hull as hull
from benchmarks.polnear_score import match_exact as match_exact
from benchmarks.polnear_score import match_overlap as match_overlap
from benchmarks.polnear_score import merge as merge
from benchmarks.polnear_score import metrics as metrics
from benchmarks.polnear_score import prf as prf
from benchmarks.polnear_score import ratio as ratio
from benchmarks.polnear_score import score_text as score_text
from benchmarks.polnear_score import shared as shared
from benchmarks.polnear_score import target as target
from benchmarks.polnear_score import trim as trim
from benchmarks.split import Part, add_part_option, parts_to_score

SPLITS = ("dev", "train")
FLOORS_PATH = Path(__file__).resolve().parent / "floors.json"
FLOORS_KEY = "quotes_polnear_dev"
# The figures a floor may pin, all in [0, 1], higher is better.
FLOOR_METRICS = (
    "content_overlap_f1",
    "content_exact_f1",
    "source_exact_accuracy",
    "source_exact_f1",
    "cue_f1",
    "cue_overlap_f1",
)
CONTEXT_LINE = "BBC citron (PARC 3.0): content overlap F1 0.83, source exact F1 0.82"

_BASELINE_RE = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")


# --- systems ------------------------------------------------------------------------------


def gold_predictions(item: GoldText) -> list[Predicted]:
    """The self-check system: the gold attributions, as raw hulls, posing as predictions."""
    return [
        Predicted(
            content=hull(g.content),
            kind="direct" if has_double_quote(item.text, g.content) else "indirect",
            cue=hull(g.cue) if g.cue else None,
            source=hull(g.source) if g.source else None,
        )
        for g in item.attributions
    ]


def quote_mark_predictions(text: str) -> list[Predicted]:
    """The trivial baseline: text between “…” or "…" on one line, no cue, no source."""
    found = []
    for m in _BASELINE_RE.finditer(text):
        group = 1 if m.group(1) is not None else 2
        found.append(Predicted(content=(m.start(group), m.end(group)), kind="direct"))
    return found


@dataclass
class DossierRun:
    predictions: list[list[Predicted]]
    seconds: float
    load_seconds: float
    failures: dict[str, str] = field(default_factory=dict)
    bad_offsets: int = 0
    unknown_kinds: int = 0


def _convert(text: str, quotes: Iterable[Quote], run: DossierRun) -> list[Predicted]:
    """Dossier quotes to offsets, counting those whose offsets disagree with their text."""
    found = []
    for q in quotes:
        if not (0 <= q.start < q.end <= len(text)) or text[q.start : q.end] != q.text:
            run.bad_offsets += 1
            continue
        if q.kind not in KINDS:
            run.unknown_kinds += 1
        speaker = q.speaker
        source = None
        if speaker is not None and speaker.start is not None and speaker.end is not None:
            source = (speaker.start, speaker.end)
        cue = (q.cue.start, q.cue.end) if q.cue is not None else None
        found.append(Predicted((q.start, q.end), q.kind, cue, source))
    return found


def run_dossier(items: Sequence[GoldText], progress: bool = False) -> DossierRun:
    """Dossier's quotes for every text: one ``analyze_texts`` pass, per text on failure."""
    from dossier.analyze import Analyzer

    started = time.perf_counter()
    analyzer = Analyzer()
    run = DossierRun([], 0.0, time.perf_counter() - started)
    texts = [item.text for item in items]
    started = time.perf_counter()
    analyses: Iterator[Analysis] = iter(analyzer.analyze_texts(texts))
    bar = tqdm(
        total=len(texts), desc="dossier quotes", unit="text", disable=None if progress else True
    )
    try:
        for text, analysis in zip(texts, analyses, strict=True):
            run.predictions.append(_convert(text, analysis.quotes, run))
            bar.update()
    except Exception:
        # A failure ends the generator: redo the remaining texts one by one.
        for item in items[len(run.predictions) :]:
            try:
                analysis = next(iter(analyzer.analyze_texts([item.text])))
                run.predictions.append(_convert(item.text, analysis.quotes, run))
            except Exception as exc:
                run.failures[item.name] = repr(exc)
                run.predictions.append([])
            bar.update()
    bar.close()
    run.seconds = time.perf_counter() - started
    return run


@dataclass
class Result:
    system: str
    split: str
    counts: Counts
    per_text: dict[str, dict[str, int]]
    seconds: float = 0.0
    load_seconds: float = 0.0
    failures: dict[str, str] = field(default_factory=dict)
    bad_offsets: int = 0
    unknown_kinds: int = 0
    part: Part = "all"

    @property
    def scores(self) -> dict[str, float]:
        return metrics(self.counts)

    def as_dict(self) -> dict[str, Any]:
        # Single texts (their names and tallies) only for the tune part: check items stay unseen.
        items = self.part == "tune"
        return {
            "system": self.system,
            "split": self.split,
            "part": self.part,
            "metrics": self.scores,
            "floor_metrics": {k: self.scores[k] for k in FLOOR_METRICS},
            "counts": self.counts.as_dict(),
            "seconds": self.seconds,
            "load_seconds": self.load_seconds,
            "texts_per_second": ratio(self.counts.texts, self.seconds),
            "failures": self.failures if items else len(self.failures),
            "bad_offsets": self.bad_offsets,
            "unknown_kinds": self.unknown_kinds,
            **({"per_text": self.per_text} if items else {}),
        }


def evaluate(
    items: Sequence[GoldText], predictions: Sequence[Sequence[Predicted]], system: str, split: str
) -> Result:
    if len(items) != len(predictions):
        raise ValueError(f"{system}: {len(predictions)} predictions for {len(items)} texts")
    total = Counts()
    per_text = {}
    for item, predicted in zip(items, predictions, strict=True):
        counts = score_text(item.text, item.attributions, predicted)
        counts.dropped_events = item.dropped
        total.add(counts)
        per_text[item.name] = {
            "gold": counts.gold,
            "predicted": counts.predicted,
            "content_overlap_tp": counts.content_overlap_tp,
            "content_exact_tp": counts.content_exact_tp,
            "source_exact": counts.source_exact,
        }
    return Result(system, split, total, per_text)


def score_system(
    data_dir: Path,
    split: str = "dev",
    system: str = "dossier",
    limit: int | None = None,
    progress: bool = False,
    part: Part = "all",
) -> Result:
    """Load one part of the split and score ``dossier``, ``gold`` or ``quotes`` on it."""
    items = load_split(data_dir, split, limit, part)
    if system == "gold":
        started = time.perf_counter()
        result = evaluate(items, [gold_predictions(i) for i in items], system, split)
        result.seconds, result.part = time.perf_counter() - started, part
        return result
    if system == "quotes":
        started = time.perf_counter()
        result = evaluate(items, [quote_mark_predictions(i.text) for i in items], system, split)
        result.seconds, result.part = time.perf_counter() - started, part
        return result
    if system != "dossier":
        raise ValueError(f"unknown system {system!r}")
    run = run_dossier(items, progress)
    result = evaluate(items, run.predictions, system, split)
    result.part = part
    result.seconds, result.load_seconds = run.seconds, run.load_seconds
    result.failures = run.failures
    result.bad_offsets, result.unknown_kinds = run.bad_offsets, run.unknown_kinds
    return result


def load_floors(path: Path | None = None) -> dict[str, float] | None:
    """The check-part floors, or ``None`` while ``floors.json`` has no ``quotes_polnear_dev``."""
    path = FLOORS_PATH if path is None else path
    if not path.is_file():
        return None
    entry = json.loads(path.read_text(encoding="utf-8")).get(FLOORS_KEY)
    if not isinstance(entry, Mapping) or not isinstance(entry.get("floors"), Mapping):
        return None
    return {key: float(value) for key, value in entry["floors"].items()}


# --- report -------------------------------------------------------------------------------

_ROWS = (
    ("content exact", "content_exact", "content_exact_tp", "predicted", "gold"),
    ("content overlap", "content_overlap", "content_overlap_tp", "predicted", "gold"),
    ("content chars", "content_chars", "chars_shared", "chars_predicted", "chars_gold"),
    ("source exact", "source_exact", "source_exact", "predicted_with_source", "gold_with_source"),
    (
        "source overlap",
        "source_overlap",
        "source_overlap",
        "predicted_with_source",
        "gold_with_source",
    ),
    ("cue exact", "cue", "cue_exact_tp", "cue_predicted", "cue_gold"),
    ("cue overlap", "cue_overlap", "cue_overlap_tp", "cue_predicted", "cue_gold"),
)


def format_table(result: Result) -> str:
    c, s = result.counts, result.scores
    header = f"{'metric':<17}{'P':>7}{'R':>7}{'F1':>7}   {'correct / predicted / gold':>28}"
    lines = [header, "-" * len(header)]
    for label, key, tp, pred, gold in _ROWS:
        tally = f"{getattr(c, tp):,} / {getattr(c, pred):,} / {getattr(c, gold):,}"
        lines.append(
            f"{label:<17}{s[key + '_precision']:>7.3f}{s[key + '_recall']:>7.3f}"
            f"{s[key + '_f1']:>7.3f}   {tally:>28}"
        )
    n = c.matched_with_gold_source
    lines.append(
        f"\nsource accuracy on content-overlap matches with a gold Source (n = {n:,}): "
        f"exact {s['source_exact_accuracy']:.3f}, overlap {s['source_overlap_accuracy']:.3f} "
        f"({c.matched_without_predicted_source:,} without a predicted speaker span)"
    )
    lines.append(
        f"content overlap recall: gold with double quotation marks "
        f"{ratio(c.gold_quoted_found, c.gold_quoted):.3f} (n = {c.gold_quoted:,}), "
        f"without {ratio(c.gold_unquoted_found, c.gold_unquoted):.3f} (n = {c.gold_unquoted:,})"
    )
    kinds = ", ".join(
        f"{kind} {c.kinds[kind]:,} (P {ratio(c.kinds_matched[kind], c.kinds[kind]):.3f})"
        for kind in sorted(c.kinds, key=lambda k: (KINDS.index(k) if k in KINDS else 9, k))
    )
    lines.append(f"predicted kinds (content overlap precision): {kinds or 'none'}")
    lines.append(
        f"unmatched predictions overlapping an already matched gold content (split or "
        f"duplicate quotes): {c.predicted_split:,}"
    )
    return "\n".join(lines)


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", choices=SPLITS, default="dev", help="PolNeAR split (dev)")
    parser.add_argument(
        "--limit", type=int, metavar="N", help="only the first N texts of each part by name"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results as JSON")
    parser.add_argument(
        "--baseline",
        choices=("quotes", "gold"),
        help="score a reference system instead of Dossier: 'quotes' (text between double "
        "quotation marks) or 'gold' (the gold itself; every figure must be 1.000)",
    )
    add_part_option(parser)
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser.parse_args(argv)


def report(result: Result, label: str) -> None:
    c = result.counts
    print(
        f"\n## PolNeAR {result.split}, {result.part} part: {c.texts} texts, {c.gold:,} gold "
        f"attributions ({c.dropped_events} event(s) without content dropped)"
    )
    print(f"system: {label}; {c.predicted:,} predicted quotes")
    print(format_table(result))
    speed = ratio(c.texts, result.seconds)
    load = f", model load {result.load_seconds:.1f} s" if result.system == "dossier" else ""
    print(f"time: {result.seconds:.1f} s, {speed:.1f} texts/s{load}")
    if result.failures and result.part == "tune":
        print(f"failed texts ({len(result.failures)}), scored as no quotes:")
        for name, reason in sorted(result.failures.items()):
            print(f"  {name}: {reason}")
    elif result.failures:
        # Check-part texts are never named.
        print(f"failed texts: {len(result.failures)}, scored as no quotes")
    if result.bad_offsets or result.unknown_kinds:
        print(
            f"WARNING: {result.bad_offsets} quote(s) with offsets that disagree with their text "
            f"(left out), {result.unknown_kinds} with a kind outside {', '.join(KINDS)}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    data_dir = polnear_dir(args.split)
    if data_dir is None:
        print(f"skipped: {missing_data_message(args.split)}", file=sys.stderr)
        return 0
    if args.limit is not None and args.limit < 1:
        print("--limit must be at least 1", file=sys.stderr)
        return 2
    system = args.baseline or "dossier"
    label = {
        "dossier": f"Dossier {_dist_version('dossier')}",
        "gold": "gold vs itself (self-check)",
        "quotes": "baseline: text between double quotation marks",
    }[system]
    print(
        f"PolNeAR {args.split}: one annotator per text (first id in sorted order); texts split "
        f"into tune and check parts by benchmarks/split.py on the file name"
    )
    results = {}
    for part in parts_to_score(args.part):
        results[part] = score_system(
            data_dir, args.split, system, args.limit, not args.no_progress, part
        )
        report(results[part], label)
    print(f"\ncontext: {CONTEXT_LINE} (other corpus; citron counts token overlap mass)")
    floors = load_floors()
    if floors is None:
        print(f"floors: none pinned (benchmarks/floors.json has no {FLOORS_KEY!r})")
    elif system == "dossier" and args.split == "dev" and args.limit is None and "check" in results:
        below = [k for k, v in floors.items() if results["check"].scores[k] < v]
        state = f"BELOW on {', '.join(below)}" if below else "all met"
        print(f"check-part floors {floors}: {state}")
    if args.json:
        payload = {
            "benchmark": FLOORS_KEY,
            "set": SET_NAME,
            "date": time.strftime("%Y-%m-%d"),
            "cpus": os.cpu_count(),
            "dossier": _dist_version("dossier"),
            "limit": args.limit,
            "split": args.split,
            "system": system,
            "parts": {part: result.as_dict() for part, result in results.items()},
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
