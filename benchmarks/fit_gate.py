"""Fit the precision gate (``src/dossier/gate.py``) on hand-judged tune sheets, and check it.

``fit SHEET…`` reads judged sheets written by ``benchmarks/hand_sample.py`` (tune
rounds only; they hold the articles' prose and live outside the repository), turns
each finding's exported record into the gate's features and fits, per kind, an L2-regularised
logistic regression of "the judge marked it right" (``partly`` counts as not
right, as an analyst keeping a dataset would). The regularisation is chosen by
five-fold cross-validation grouped by article, and so is the operating point: the
lowest threshold at which the out-of-fold findings at or above it reach the
kind's target precision (``--target-event`` 0.70, ``--target-quote`` and
``--target-claim`` 0.85, the acceptance bars). The weights, threshold and the
cross-validated figures are written to ``src/dossier/resources/gate.json``.

``check SHEET…`` scores the gate in ``gate.json`` on judged check sheets it was
not fitted on: per kind, the share right of everything, of what the gate keeps
(with a 95% Wilson interval), the share kept, and a reliability table of
``confidence`` against the share right.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.hand_sample import wilson  # noqa: E402
from dossier import gate  # noqa: E402

OUT = REPO_ROOT / "src" / "dossier" / "resources" / "gate.json"
SEED = 20261201
LAMBDAS = (0.3, 1.0, 3.0, 10.0, 30.0)
FOLDS = 5
MIN_KEPT = 0.1
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)


def load(paths: Sequence[str]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, start=1):
                item = json.loads(line)
                if item.get("verdict") not in ("right", "partly", "wrong"):
                    raise SystemExit(f"{path}:{number}: item {item.get('n')} has no verdict")
                if not isinstance(item.get("record"), dict):
                    raise SystemExit(
                        f"{path}:{number}: item {item.get('n')} has no exported record"
                        " (sheets drawn by hand_sample.py carry one)"
                    )
                items.append({**item, "sheet": path})
    return items


def matrix(
    kind: str, items: list[dict[str, Any]], names: list[str] | None = None
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    rows = [gate.FEATURES[kind](item["record"]) for item in items]
    if names is None:
        names = sorted({name for row in rows for name in row})
    x = np.array([[row.get(name, 0.0) for name in names] for row in rows], dtype=float)
    y = np.array([item["verdict"] == "right" for item in items], dtype=float)
    return x, y, names


def fit(x: np.ndarray, y: np.ndarray, lam: float) -> tuple[float, np.ndarray]:
    """Newton's method on the penalised log-likelihood; the bias is not penalised."""
    a = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(a.shape[1])
    penalty = np.full(a.shape[1], lam)
    penalty[0] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(a @ w, -30, 30)))
        grad = a.T @ (p - y) + penalty * w
        hess = (a * (p * (1 - p))[:, None]).T @ a + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return float(w[0]), w[1:]


def predict(bias: float, w: np.ndarray, x: np.ndarray) -> np.ndarray:
    result: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(bias + x @ w, -30, 30)))
    return result


def folds(items: list[dict[str, Any]]) -> list[int]:
    """A fold per item, grouped by article so one article's findings never sit on
    both sides of a split."""
    articles = sorted({i["article"] for i in items})
    random.Random(SEED).shuffle(articles)
    fold_of = {a: n % FOLDS for n, a in enumerate(articles)}
    return [fold_of[i["article"]] for i in items]


def out_of_fold(x: np.ndarray, y: np.ndarray, fold: list[int], lam: float) -> np.ndarray:
    pred = np.zeros(len(y))
    f = np.array(fold)
    for k in range(FOLDS):
        bias, w = fit(x[f != k], y[f != k], lam)
        pred[f == k] = predict(bias, w, x[f == k])
    return pred


def log_loss(y: np.ndarray, p: np.ndarray) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def operating_point(y: np.ndarray, p: np.ndarray, target: float) -> tuple[float, float, float]:
    """The lowest threshold whose kept findings reach ``target`` precision while keeping
    at least MIN_KEPT of them; failing that, the most precise such threshold."""
    best: tuple[float, float, float] | None = None
    for t in sorted(set(np.round(p, 3))):
        kept = p >= t
        if kept.mean() < MIN_KEPT:
            break
        precision = float(y[kept].mean())
        if precision >= target:
            return float(t), precision, float(kept.mean())
        if best is None or precision > best[1]:
            best = (float(t), precision, float(kept.mean()))
    assert best is not None
    return best


def fit_command(args: argparse.Namespace) -> int:
    items = load(args.sheets)
    targets = {"event": args.target_event, "quote": args.target_quote, "claim": args.target_claim}
    out: dict[str, Any] = {
        "about": (
            "Precision gate weights (src/dossier/gate.py), fitted by benchmarks/fit_gate.py "
            f"on {date.today().isoformat()} on hand-judged tune sheets."
        )
    }
    for kind in gate.KINDS:
        mine = [i for i in items if i["kind"] == kind]
        x, y, names = matrix(kind, mine)
        fold = folds(mine)
        losses = {lam: log_loss(y, out_of_fold(x, y, fold, lam)) for lam in LAMBDAS}
        lam = min(losses, key=lambda k: losses[k])
        oof = out_of_fold(x, y, fold, lam)
        t, precision, kept = operating_point(y, oof, targets[kind])
        bias, w = fit(x, y, lam)
        out[kind] = {
            "bias": round(bias, 4),
            "weights": {
                n: round(float(v), 4) for n, v in zip(names, w, strict=True) if abs(v) >= 1e-4
            },
            "threshold": round(t, 3),
            "fitted_on": {
                "sheets": len(args.sheets),
                "findings": len(mine),
                "right": int(y.sum()),
                "lambda": lam,
                "target_precision": targets[kind],
                "cv_precision_kept": round(precision, 3),
                "cv_share_kept": round(kept, 3),
                "cv_log_loss": round(losses[lam], 4),
                "base_rate": round(float(y.mean()), 3),
            },
        }
        print(
            f"{kind:6} n={len(mine)} right={y.mean():.2f} lambda={lam} "
            f"threshold={t:.3f} cv precision kept={precision:.3f} kept={kept:.2f}"
        )
    Path(args.out).write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def _quote_passes(item: dict[str, Any]) -> bool:
    """A claim is exported only with its quote (gate.gate_article); sheets drawn before
    claims carried their quote's record are scored without that rule."""
    quote = item.get("quote_record")
    return quote is None or gate.confidence("quote", quote) >= gate.threshold("quote")


def check_command(args: argparse.Namespace) -> int:
    items = load(args.sheets)
    if args.weights:
        loaded = json.loads(Path(args.weights).read_text(encoding="utf-8"))
        gate.weights = lambda: loaded  # type: ignore[assignment]
    for kind in gate.KINDS:
        mine = [i for i in items if i["kind"] == kind]
        if not mine:
            continue
        conf = [gate.confidence(kind, i["record"]) for i in mine]
        right = [i["verdict"] == "right" for i in mine]
        passed = [
            c >= gate.threshold(kind) and _quote_passes(i) for i, c in zip(mine, conf, strict=True)
        ]
        kept = [r for r, p in zip(right, passed, strict=True) if p]
        low, high = wilson(sum(kept), len(kept))
        print(
            f"{kind}: {sum(right)}/{len(mine)} right of all ({sum(right) / len(mine):.0%}); "
            f"kept {len(kept)} ({len(kept) / len(mine):.0%}), "
            f"{sum(kept)} right ({sum(kept) / max(1, len(kept)):.0%}, {low:.0%}-{high:.0%})"
        )
        for lo, hi in itertools.pairwise(BINS):
            band = [r for r, c in zip(right, conf, strict=True) if lo <= c < hi]
            if band:
                mean = sum(c for c in conf if lo <= c < hi) / len(band)
                print(
                    f"  confidence {lo:.1f}-{min(hi, 1.0):.1f}: {len(band):3} findings, "
                    f"mean {mean:.2f}, right {sum(band) / len(band):.2f}"
                )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("fit", help="fit the gate on judged tune sheets")
    f.add_argument("sheets", nargs="+")
    f.add_argument("--out", default=str(OUT))
    f.add_argument("--target-event", type=float, default=0.70)
    f.add_argument("--target-quote", type=float, default=0.85)
    f.add_argument("--target-claim", type=float, default=0.85)
    c = sub.add_parser("check", help="score the gate on judged check sheets")
    c.add_argument("sheets", nargs="+")
    c.add_argument("--weights", help="a weights file to check instead of the package's gate.json")
    args = parser.parse_args(argv)
    return fit_command(args) if args.command == "fit" else check_command(args)


if __name__ == "__main__":
    sys.exit(main())
