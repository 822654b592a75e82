"""Peak memory and time of place resolution for an article with many toponyms.

The context step of :mod:`dossier.analyze.places` compares every candidate reading of
every toponym with every other. It used to hold whole N x N matrices (N the candidates,
up to 50 a toponym), so memory grew with the square of the toponyms; it now works a block
of rows at a time. This builds an article naming ``K`` distinct towns, from a generated
text (sentences of our own around GeoNames town names, the most populous first, each a name
that at least ``--namesakes`` entries bear, 10 by default, as with "Springfield"), and
times ``resolve_mentions`` on it with ``tracemalloc`` recording the peak of Python and
NumPy allocations. The place index is loaded first and not counted.
``PYTHONPATH=OTHER/src python benchmarks/place_matrices.py`` measures another checkout
with the same article.
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc

from dossier.analyze.placeindex import CITY, name_key, place_index
from dossier.analyze.places import resolve_mentions
from dossier.models import Mention


def town_names(k: int, namesakes: int) -> list[str]:
    """``k`` distinct towns, most populous first, each a name that at least ``namesakes``
    entries bear (as "Springfield" or "San José" are)."""
    index = place_index()
    towns = sorted(
        (i for i in range(len(index)) if index.columns[6][i] == CITY),
        key=lambda i: -index.columns[7][i],
    )
    names: list[str] = []
    seen: set[str] = set()
    for i in towns:
        name = index.columns[1][i]
        key = name_key(name)
        if key in seen or not name.isascii() or not name.replace(" ", "").isalpha():
            continue
        if len(index.lookup(name)) >= namesakes:
            seen.add(key)
            names.append(name)
            if len(names) == k:
                break
    return names


def article(names: list[str]) -> tuple[str, list[Mention]]:
    text, mentions = "", []
    for n in range(0, len(names), 4):
        text += "Relief crews reached "
        group = names[n : n + 4]
        for j, name in enumerate(group):
            mentions.append(Mention(len(text), len(text) + len(name), name, "GPE"))
            text += name + (", " if j < len(group) - 2 else " and " if j == len(group) - 2 else "")
        text += " on Monday. "
    return text, mentions


def measure(k: int, namesakes: int) -> dict[str, float]:
    text, mentions = article(town_names(k, namesakes))
    index = place_index()
    candidates = sum(min(len(index.lookup(m.text)), 50) for m in mentions)
    tracemalloc.start()
    started = time.perf_counter()
    places = resolve_mentions(text, mentions)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    resolved = sum(p.resolved for p in places)
    return {
        "toponyms": len(mentions),
        "candidates_about": candidates,
        "resolved": resolved,
        "peak_mib": round(peak / 2**20, 1),
        "seconds": round(elapsed, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--toponyms", type=int, nargs="+", default=[49, 500])
    parser.add_argument("--namesakes", type=int, default=10, help="entries per name, at least")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    options = parser.parse_args()
    place_index()
    for k in options.toponyms:
        result = measure(k, options.namesakes)
        if options.json:
            print(json.dumps(result))
        else:
            print(
                f"{result['toponyms']} toponyms (about {result['candidates_about']} candidates, "
                f"{result['resolved']} resolved): peak {result['peak_mib']} MiB, "
                f"{result['seconds']} s"
            )


if __name__ == "__main__":
    main()
