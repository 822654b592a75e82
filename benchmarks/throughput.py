"""Ingest throughput on real news articles, against spaCy alone as the baseline.

The question this answers is "what does Dossier cost on top of the NLP it
cannot avoid?". So the same texts are timed twice in one process with one
loaded model: once through the full ingest (read files, extract, analyse,
store into a fresh database) and once through bare ``nlp.pipe`` of the very
same pipeline object. Their ratio is Dossier's overhead; articles and words
per second say what a user can expect on this machine.

Method, and why:

* The articles are the Guardian sample in ``../shared/eval/news`` (or
  ``$DOSSIER_EVAL_DIR/news``) by default; ``--corpus mixed --count 2000``
  takes 2,000 distinct texts from all the public news texts there and the
  sample corpus, padded with paragraph-reshuffled copies when there are
  fewer (``throughput_corpus.py`` says how, with a fixed seed). They are
  written one ``.txt`` per article into a temporary folder, never into the
  repository, because a folder of files is what users ingest.
* The model is loaded and run once on a short text before any timing, so
  neither figure pays for loading or first-call set-up.
* Ingest is timed first and bare ``nlp.pipe`` second, so any warm-cache
  advantage goes to the baseline and the overhead ratio errs high, not low.
* Bare ``nlp.pipe`` uses the pipeline that ingest uses (``load_model``, with
  Dossier's component after ``ner``) and the same batch size; the plain
  ``spacy.load`` model without Dossier's component is timed last, so that its
  extra memory does not show in the other two peaks.
* Peak memory is the process's ``ru_maxrss``, a high-water mark, read after
  each stage; ``--tracemalloc`` adds the Python-heap peak of extra, untimed
  passes, since tracing would slow the timed ones. With ``--workers 2`` or
  more, each worker's own high-water mark is its ``VmHWM`` in
  ``/proc/PID/status``, read every half second while the pool runs (so the
  last half second's growth can be missed), checked against
  ``RUSAGE_CHILDREN``'s ``ru_maxrss``, the exact peak of the largest reaped
  worker; the parent's is its ``ru_maxrss`` after ingest, before the
  benchmark's own bare runs.
* ``--no-step-costs`` skips the per-step costs, a third pass over the texts.
* ``--db`` points ingest at another store (a PostgreSQL URL, say). It should be
  empty: documents already there come out as duplicates, which skips the
  writes and flatters the figures, so a warning is printed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeVar

from benchmarks import throughput_corpus, throughput_rounds
from benchmarks.throughput_memory import WorkerPeaks, children_peak_mib, peak_rss_mib
from benchmarks.throughput_steps import analysis_costs

REPO_ROOT = Path(__file__).resolve().parents[1]
EVAL_ENV = "DOSSIER_EVAL_DIR"
CSV_NAME = "news/guardian-sample.csv"
WARM_UP_TEXT = "Warm-up: the minister met reporters in London on Tuesday."
MIN_ARTICLES = 200

T = TypeVar("T")


def eval_dir() -> Path:
    """Where the shared evaluation data is expected; never inside the repository."""
    override = os.environ.get(EVAL_ENV)
    if override:
        return Path(override).expanduser()
    return REPO_ROOT / ".." / "shared" / "eval"


def load_articles(csv_path: Path, limit: int | None = None) -> list[str]:
    # The Guardian texts run to tens of thousands of characters.
    csv.field_size_limit(sys.maxsize)
    with csv_path.open(newline="", encoding="utf-8") as stream:
        texts = [row["text"] for row in csv.DictReader(stream) if row.get("text", "").strip()]
    return texts[:limit] if limit else texts


def write_folder(texts: Sequence[str], folder: Path) -> None:
    width = len(str(len(texts)))
    for index, text in enumerate(texts, start=1):
        (folder / f"article-{index:0{width}d}.txt").write_text(text + "\n", encoding="utf-8")


@dataclass
class Stage:
    """One timed stage: its fastest run, every run, and the process peak once it was over.

    The fastest of several runs is the figure least disturbed by other load
    on the machine, as ``timeit`` reports it.
    """

    name: str
    runs: list[float]
    articles: int
    words: int
    rss_mib: float
    tracemalloc_mib: float | None = None

    @property
    def seconds(self) -> float:
        return min(self.runs)

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "seconds": self.seconds,
            "articles_per_s": self.articles_per_s,
            "words_per_s": self.words_per_s,
        }


def _timed(work: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def _traced_peak_mib(work: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()


def _pipe(nlp: Any, texts: Sequence[str], batch_size: int) -> int:
    """Run the pipeline and consume every Doc, as the analyser does, but keep none."""
    count = 0
    for _ in nlp.pipe(texts, batch_size=batch_size):
        count += 1
    return count


def _dist_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return ""


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--corpus",
        choices=throughput_corpus.CORPORA,
        default="guardian",
        help="guardian: the 249 Guardian articles, in file order (default); mixed: all the "
        "public news texts and the sample corpus, in a seeded order",
    )
    parser.add_argument(
        "--count",
        type=int,
        metavar="N",
        help="exactly N distinct texts, padded with paragraph-reshuffled copies if the "
        "corpus has fewer",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=throughput_corpus.SEED,
        help=f"order and copies of --corpus mixed and --count (default {throughput_corpus.SEED})",
    )
    parser.add_argument("--limit", type=int, metavar="N", help="use the first N articles only")
    parser.add_argument(
        "--no-step-costs",
        action="store_true",
        help="skip timing each analysis step (a third pass over the texts)",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="an empty store to ingest into (SQLite path or PostgreSQL URL); "
        "default: a fresh SQLite file in a temporary folder",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="N",
        help="time each stage N times and report the fastest (default 1); "
        "each ingest gets a fresh database, so not with --db",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="analysing processes for ingest (default 1; `dossier ingest` uses every core)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        metavar="N",
        help="cut the texts into N slices, each ingested and then timed bare before the "
        "next (throughput_rounds.py says why); one store for all",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results as JSON")
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also measure the Python-heap peak in extra, untimed passes",
    )
    parser.add_argument(
        "--no-plain-spacy",
        action="store_true",
        help="skip timing spacy.load() without Dossier's component",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.count is not None and args.count < 1:
        parser.error("--count must be at least 1")
    if args.count is not None and args.limit is not None:
        parser.error("--count and --limit both set the number of articles: give one")
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.rounds > 1 and (args.repeat > 1 or args.tracemalloc):
        parser.error("--rounds times each stage once per round: not with --repeat or --tracemalloc")
    if args.repeat > 1 and args.db:
        parser.error("--repeat needs a fresh database per run, so it cannot be used with --db")
    return args


@dataclass
class IngestRun:
    seconds: float
    summary: Any
    stats: Any
    location: str
    worker_peaks_mib: list[float]


def _ingest(
    folder: Path, db: str, settings: Any, workers: int = 1, into_empty: bool = True
) -> IngestRun:
    from dossier.pipeline import Ingest
    from dossier.store import open_store

    with open_store(db) as store:
        before = store.stats()
        if before.articles and into_empty:
            print(
                f"warning: {store.location} already holds {before.articles} articles; "
                "repeated texts will be stored as duplicates and the figures flattered",
                file=sys.stderr,
            )
        ingest = Ingest(store, settings=settings, progress=True, workers=workers)
        peaks = WorkerPeaks()
        if workers > 1:
            with peaks:
                seconds, summary = _timed(lambda: ingest.run([str(folder)]))
        else:
            seconds, summary = _timed(lambda: ingest.run([str(folder)]))
        return IngestRun(
            seconds, summary, store.stats(), store.location, sorted(peaks.peaks.values())
        )


def _is_postgres(db: str) -> bool:
    return db.startswith(("postgres://", "postgresql://"))


def _texts(args: argparse.Namespace) -> tuple[list[str], dict[str, int]] | None:
    """The articles to time and how many came from each source; None when there are none."""
    csv_path = eval_dir() / CSV_NAME
    if args.corpus == "guardian" and args.count is None:
        if not csv_path.is_file():
            print(
                f"skipped: {csv_path} not found (set {EVAL_ENV} to the folder that holds "
                f"{CSV_NAME})",
                file=sys.stderr,
            )
            return None
        texts = load_articles(csv_path, args.limit)
        return texts, {"guardian": len(texts)}
    corpus = throughput_corpus.build(
        args.corpus, eval_dir(), REPO_ROOT / "samples" / "corpus" / "text", args.count, args.seed
    )
    if corpus.missing:
        print(f"note: not found, so left out: {', '.join(corpus.missing)}", file=sys.stderr)
    texts = corpus.texts[: args.limit] if args.limit else corpus.texts
    if not texts:
        print(f"skipped: no article texts found under {eval_dir()}", file=sys.stderr)
        return None
    return texts, corpus.sources


def _plain_model(settings: Any) -> Any:
    import spacy

    plain = spacy.load(settings.model)
    plain(WARM_UP_TEXT)
    return plain


def _in_one_go(
    args: argparse.Namespace, texts: list[str], nlp: Any, settings: Any, words: int
) -> tuple[list[Stage], list[IngestRun]]:
    n, batch = len(texts), settings.batch_size
    ingest_runs: list[IngestRun] = []
    pipe_runs: list[float] = []
    rss_ingest = 0.0
    with tempfile.TemporaryDirectory(prefix="dossier-throughput-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        write_folder(texts, folder)
        for attempt in range(args.repeat):
            db = args.db or str(Path(tmp) / f"throughput-{attempt}.db")
            ingest_runs.append(_ingest(folder, db, settings, args.workers))
            if attempt == 0:
                # Read before any bare run, so the ingest peak is its own.
                rss_ingest = peak_rss_mib()
            pipe_runs.append(_timed(lambda: _pipe(nlp, texts, batch))[0])
        stages = [
            Stage(
                "Dossier ingest (end to end)",
                [r.seconds for r in ingest_runs],
                n,
                words,
                rss_ingest,
            ),
            Stage("bare nlp.pipe, same pipeline", pipe_runs, n, words, peak_rss_mib()),
        ]
        if args.tracemalloc:
            if not args.db:
                traced_db = str(Path(tmp) / "traced.db")
                stages[0].tracemalloc_mib = _traced_peak_mib(
                    lambda: _ingest(folder, traced_db, settings, args.workers)
                )
            stages[1].tracemalloc_mib = _traced_peak_mib(lambda: _pipe(nlp, texts, batch))
    if not args.no_plain_spacy:
        plain = _plain_model(settings)
        plain_runs = [_timed(lambda: _pipe(plain, texts, batch))[0] for _ in range(args.repeat)]
        stages.append(Stage("bare nlp.pipe, spacy.load only", plain_runs, n, words, peak_rss_mib()))
    return stages, ingest_runs


def _in_rounds(
    args: argparse.Namespace, texts: list[str], nlp: Any, settings: Any, words: int
) -> tuple[list[Stage], list[IngestRun], throughput_rounds.Rounds]:
    """``--rounds``: every stage timed slice by slice, interleaved (``throughput_rounds``).
    The peak memory of all three is the process's at the end, since they alternate."""
    n, batch = len(texts), settings.batch_size
    plain = None if args.no_plain_spacy else _plain_model(settings)
    with tempfile.TemporaryDirectory(prefix="dossier-throughput-") as tmp:
        db = args.db or str(Path(tmp) / "throughput.db")
        rounds = throughput_rounds.run(
            texts,
            Path(tmp),
            args.rounds,
            write_folder,
            lambda folder: _ingest(folder, db, settings, args.workers, into_empty=False),
            lambda part: _timed(lambda: _pipe(nlp, part, batch))[0],
            None if plain is None else lambda part: _timed(lambda: _pipe(plain, part, batch))[0],
        )
    rss = peak_rss_mib()
    runs = rounds.runs
    combined = IngestRun(
        sum(rounds.ingest),
        throughput_rounds.total([r.summary for r in runs]),
        runs[-1].stats,
        runs[-1].location,
        [max(p) for p in zip(*(r.worker_peaks_mib for r in runs), strict=False)],
    )
    stages = [
        Stage("Dossier ingest (end to end)", [combined.seconds], n, words, rss),
        Stage("bare nlp.pipe, same pipeline", [sum(rounds.bare)], n, words, rss),
    ]
    if rounds.plain:
        stages.append(Stage("bare nlp.pipe, spacy.load only", [sum(rounds.plain)], n, words, rss))
    return stages, [combined], rounds


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    found = _texts(args)
    if found is None:
        return 0
    texts, sources = found

    from dossier.analyze.nlp import load_model
    from dossier.config import Settings

    settings = Settings.from_env()
    if len(texts) < MIN_ARTICLES:
        print(
            f"note: {len(texts)} articles, fewer than the {MIN_ARTICLES} the published figures use",
            file=sys.stderr,
        )
    n, words = len(texts), sum(len(text.split()) for text in texts)
    lengths = sorted(len(text.split()) for text in texts)

    nlp = load_model(settings.model)
    nlp(WARM_UP_TEXT)
    from dossier.analyze.placeindex import place_index

    place_index()  # first-call set-up, like the model's load: in neither timing
    rss_loaded = peak_rss_mib()
    if args.rounds > 1:
        stages, ingest_runs, rounds = _in_rounds(args, texts, nlp, settings, words)
    else:
        stages, ingest_runs = _in_one_go(args, texts, nlp, settings, words)
        rounds = None

    costs = {} if args.no_step_costs else analysis_costs(nlp, texts, settings.batch_size)
    last = ingest_runs[-1]
    store_kind = "postgres" if _is_postgres(last.location) else "sqlite"
    ratio = stages[0].seconds / stages[1].seconds if stages[1].seconds else 0.0
    plain_ratio = (
        stages[0].seconds / stages[2].seconds if len(stages) > 2 and stages[2].seconds else None
    )
    best = "fastest of " + str(args.repeat) if args.repeat > 1 else "one run"
    if rounds is not None:
        best = f"{len(rounds.ingest)} interleaved rounds, summed"
    print(
        f"Throughput: {n} articles ({', '.join(f'{k} {v}' for k, v in sources.items())}), "
        f"{words:,} words (per article: min {lengths[0]:,}, median {lengths[n // 2]:,}, "
        f"max {lengths[-1]:,}); model {settings.model} "
        f"({', '.join(nlp.pipe_names)}); batch {settings.batch_size}; store {store_kind}; "
        f"{os.cpu_count()} CPUs; {args.workers} ingest worker(s); {best}"
    )
    children_mib = children_peak_mib()
    if args.workers > 1:
        polled = ", ".join(f"{mib:.0f}" for mib in last.worker_peaks_mib) or "not available"
        print(
            f"peak RSS per ingest worker (VmHWM, polled): {polled} MiB; largest reaped worker "
            f"(RUSAGE_CHILDREN): {children_mib:.0f} MiB; the parent after ingest: "
            f"{stages[0].rss_mib:.0f} MiB"
        )
    print(
        f"ingest summary: {last.summary.as_dict()}; store now {last.stats.articles} "
        f"articles, {last.stats.mentions} mentions"
    )
    print(format_table(stages))
    print(f"peak RSS with the model loaded, before any timing: {rss_loaded:.0f} MiB")
    print(
        f"end to end / bare nlp.pipe (same pipeline): {ratio:.2f}x the time, "
        f"{(ratio - 1) * 100:+.0f}% overhead"
    )
    if plain_ratio is not None:
        print(f"end to end / bare nlp.pipe (spacy.load only): {plain_ratio:.2f}x the time")
    if rounds is not None:
        same = throughput_rounds.spread(rounds.ratios(rounds.bare))
        print(f"per round, end to end / same pipeline: {same}")
        if rounds.plain:
            print(
                "per round, end to end / spacy.load only: "
                + throughput_rounds.spread(rounds.ratios(rounds.plain))
            )
    stage = costs.get("quotes and claims", 0.0) + costs.get("figures", 0.0)
    events_stage = sum(costs.get(name, 0.0) for name in ("places", "dates", "events"))
    core = stages[0].seconds - stage - events_stage
    if costs:
        print(
            "analysis steps on parsed documents: "
            + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in costs.items())
        )
        print(
            f"quotes, claims and figures: {stage:.2f} s, {stage / core if core else 0:.3f}x the "
            f"rest of the core pipeline ({core:.2f} s), "
            f"{stage / stages[0].seconds * 100:.1f}% of end to end"
        )
        print(
            f"places, dates and events: {events_stage:.2f} s, "
            f"{events_stage / core if core else 0:.3f}x the core pipeline, "
            f"{events_stage / stages[0].seconds * 100:.1f}% of end to end"
        )
    if last.summary.errors:
        print(
            f"{len(last.summary.errors)} ingest errors, first: {last.summary.errors[0]}",
            file=sys.stderr,
        )

    if args.json:
        payload = {
            "date": time.strftime("%Y-%m-%d"),
            "machine": {
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "python": platform.python_version(),
            },
            "versions": {
                name: _dist_version(name)
                for name in ("dossier", "spacy", "trafilatura", settings.model)
            },
            "corpus": args.corpus,
            "seed": args.seed,
            "sources": sources,
            "articles": n,
            "words": words,
            "words_per_article": {
                "min": lengths[0],
                "median": lengths[n // 2],
                "max": lengths[-1],
            },
            "workers": args.workers,
            "worker_peak_rss_mib_polled": last.worker_peaks_mib,
            "largest_reaped_child_rss_mib": children_mib if args.workers > 1 else None,
            "parent_peak_rss_after_ingest_mib": stages[0].rss_mib,
            "interleaved": rounds.as_dict() if rounds else None,
            "model": settings.model,
            "pipeline": list(nlp.pipe_names),
            "batch_size": settings.batch_size,
            "store": store_kind,
            "repeat": args.repeat,
            "summary": last.summary.as_dict(),
            "rss_loaded_mib": rss_loaded,
            "stages": [s.as_dict() for s in stages],
            "ratio_end_to_end_over_bare": ratio,
            "ratio_end_to_end_over_plain_spacy": plain_ratio,
            "analysis_costs_seconds": costs,
            "quotes_claims_figures_over_core": stage / core if costs and core else None,
            "places_dates_events_over_core": events_stage / core if costs and core else None,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 1 if last.summary.errors else 0


def format_table(stages: Sequence[Stage]) -> str:
    traced = any(s.tracemalloc_mib is not None for s in stages)
    header = f"{'stage':<32}{'seconds':>9}{'articles/s':>12}{'words/s':>10}{'peak RSS MiB':>14}" + (
        f"{'py heap MiB':>13}" if traced else ""
    )
    lines = [header, "-" * len(header)]
    for s in stages:
        heap = ""
        if traced:
            heap = f"{s.tracemalloc_mib:>13.0f}" if s.tracemalloc_mib is not None else " " * 13
        lines.append(
            f"{s.name:<32}{s.seconds:>9.2f}{s.articles_per_s:>12.2f}"
            f"{s.words_per_s:>10,.0f}{s.rss_mib:>14.0f}{heap}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
