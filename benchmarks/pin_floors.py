"""Re-pin ``benchmarks/floors.json`` from the benchmarks' ``--json`` outputs.

Usage::

    python benchmarks/events_plover.py --json /tmp/plover.json
    python benchmarks/quotes_polnear.py --json /tmp/quotes.json
    python benchmarks/pin_floors.py /tmp/plover.json /tmp/quotes.json

Each output names its ``benchmark`` (the floors.json entry) and holds, per part,
the ``floor_metrics`` that entry pins. Every floor is the figure measured on the
**check** part, rounded down to 3 decimals, minus 0.005. Entries of benchmarks
not given are left as they are, and so are an entry's fixed ``ceilings``.

Floors are regression guards: they say a change did not make the check-part
figure fall, not that the figure is good. Re-pin after a deliberate change (or
a merge) and say why in the commit; never re-pin to let a regression pass.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

FLOORS_PATH = Path(__file__).resolve().parent / "floors.json"
MARGIN = 0.005
PART = "check"
RULE = (
    "Regression guards, not evidence of quality: each floor is the figure measured on the "
    "benchmark's CHECK part (benchmarks/split.py), rounded down to 3 decimals, minus 0.005. "
    "Re-pin with benchmarks/pin_floors.py from the benchmarks' --json outputs."
)
# Keys under which a part's payload counts its items, by benchmark.
_ITEM_KEYS = ("sentences", "articles", "pages")


class PinError(ValueError):
    """A benchmark output that cannot pin floors (named, with the reason)."""


def floor_of(measured: float) -> float:
    """The rule: rounded down to 3 decimals, minus the margin, kept at 3 decimals."""
    return round(math.floor(measured * 1000 + 1e-9) / 1000 - MARGIN, 3)


def _items(part: Mapping[str, Any]) -> int | None:
    for key in _ITEM_KEYS:
        if isinstance(part.get(key), int):
            return int(part[key])
    counts = part.get("counts")
    if isinstance(counts, Mapping):
        for key in ("texts", "articles"):
            if isinstance(counts.get(key), int):
                return int(counts[key])
    return None


def entry_from(payload: Mapping[str, Any], source: str) -> tuple[str, dict[str, Any]]:
    """The floors.json entry that one benchmark output pins."""
    name = payload.get("benchmark")
    if not isinstance(name, str) or not name:
        raise PinError(f"{source}: no 'benchmark' name; is it a benchmark's --json output?")
    if payload.get("limit"):
        raise PinError(f"{source}: measured with --limit {payload['limit']}, not the whole set")
    if payload.get("mode", "ner") != "ner" or payload.get("system", "dossier") != "dossier":
        raise PinError(f"{source}: not Dossier's own run (a baseline or --gold-spans)")
    part = payload.get("parts", {}).get(PART)
    if not isinstance(part, Mapping) or not isinstance(part.get("floor_metrics"), Mapping):
        raise PinError(f"{source}: no {PART}-part figures (run it without --part, or --part check)")
    measured = {key: float(value) for key, value in part["floor_metrics"].items()}
    entry: dict[str, Any] = {
        "part": PART,
        "items": _items(part),
        "date": payload.get("date"),
        "floors": {key: floor_of(value) for key, value in measured.items()},
        "measured": {key: round(value, 4) for key, value in measured.items()},
    }
    return name, entry


def pin(paths: Sequence[Path], floors_path: Path = FLOORS_PATH) -> dict[str, Any]:
    """floors.json with the entries of ``paths`` re-pinned (written back)."""
    current = json.loads(floors_path.read_text(encoding="utf-8")) if floors_path.is_file() else {}
    updated: dict[str, Any] = {"rule": RULE}
    updated.update({k: v for k, v in current.items() if k != "rule"})
    for path in paths:
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise PinError(f"{path}: cannot be read as JSON ({exc})") from exc
        name, entry = entry_from(payload, str(path))
        ceilings = (current.get(name) or {}).get("ceilings")
        if ceilings:
            entry["ceilings"] = ceilings
        updated[name] = entry
    floors_path.write_text(json.dumps(updated, indent=2) + "\n", encoding="utf-8")
    return updated


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("outputs", nargs="+", type=Path, help="benchmarks' --json files")
    parser.add_argument("--floors", type=Path, default=FLOORS_PATH, help="floors.json to rewrite")
    args = parser.parse_args(argv)
    try:
        updated = pin(args.outputs, args.floors)
    except PinError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, entry in updated.items():
        if name != "rule":
            print(f"{name}: {entry.get('floors')} ({entry.get('items')} check items)")
    print(f"wrote {args.floors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
