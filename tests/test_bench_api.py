"""The serving benchmark's own parts: big-store copies stay consistent, the latency
script measures a real server.

The copies are made from a hand-written article and analysis (no spaCy), so these
tests run in seconds; the real build (``make_big_store.py``) analyses the samples.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from benchmarks import api_latency, make_big_store

from dossier.models import Analysis, Entity, Extracted, Figure, Mention, Quote, Span, Speaker
from dossier.store import open_store

TEXT = (
    "Mayor Ana Ortiz said the harbour council would meet again on Monday. "
    "Officials counted 48 boats in the harbour after the storm passed the coast."
)


def _span(text: str, part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def sample() -> tuple[Extracted, Analysis]:
    ms, me = _span(TEXT, "Ana Ortiz")
    qs, qe = _span(TEXT, "the harbour council would meet again on Monday")
    cs, ce = _span(TEXT, "said")
    fs, fe = _span(TEXT, "48 boats")
    person = Entity("e1", "Ana Ortiz", "PERSON", (Mention(ms, me, "Ana Ortiz", "PERSON"),))
    quote = Quote(
        qs,
        qe,
        TEXT[qs:qe],
        "indirect",
        Span(cs, ce, "said"),
        Speaker("Ana Ortiz", ms, me, "Ana Ortiz", "e1"),
    )
    figure = Figure(fs, fe, TEXT[fs:fe], "count", value=48.0, unit="boats")
    extracted = Extracted(
        source="harbour.txt",
        text=TEXT,
        title="Harbour council",
        outlet="harbourtimes.example",
        published="2025-03-02",
        url="https://harbourtimes.example/a",
    )
    return extracted, Analysis(entities=(person,), quotes=(quote,), figures=(figure,))


def options(**changes: object) -> argparse.Namespace:
    values: dict[str, object] = {"seed": "t", "outlets": 3, "days": 30, "vary": 1.0}
    values.update(changes)
    return argparse.Namespace(**values)


def test_copies_keep_every_span_consistent() -> None:
    extracted, analysis = sample()
    vocab = make_big_store.vocabulary([(extracted, analysis)])
    copy, moved = make_big_store.make_copy(7, (extracted, analysis), vocab, options())
    assert len(copy.text) == len(TEXT) and copy.text != TEXT
    mention = moved.entities[0].mentions[0]
    assert copy.text[mention.start : mention.end] == "Ana Ortiz"  # names are never edited
    quote = moved.quotes[0]
    assert quote.text == copy.text[quote.start : quote.end]
    assert quote.cue is not None and copy.text[quote.cue.start : quote.cue.end] == "said"
    figure = moved.figures[0]
    assert figure.text == copy.text[figure.start : figure.end]
    assert figure.value == float(figure.text.split()[0]) and figure.text.endswith(" boats")
    assert copy.url and copy.url.endswith("/bench/000007") and copy.outlet != extracted.outlet


def test_copies_are_deterministic_and_differ_from_each_other() -> None:
    extracted, analysis = sample()
    vocab = make_big_store.vocabulary([(extracted, analysis)])
    first = make_big_store.make_copy(3, (extracted, analysis), vocab, options())
    again = make_big_store.make_copy(3, (extracted, analysis), vocab, options())
    other = make_big_store.make_copy(4, (extracted, analysis), vocab, options())
    assert first == again
    assert (first[0].url, first[0].published) != (other[0].url, other[0].published)


def _store(path: Path, n: int) -> None:
    extracted, analysis = sample()
    vocab = make_big_store.vocabulary([(extracted, analysis)])
    store = open_store(str(path))
    try:
        for i in range(n):
            copy, moved = make_big_store.make_copy(i, (extracted, analysis), vocab, options())
            assert store.save(copy, moved).outcome == "new"
        assert store.stats().articles == n
        assert [q.quote.speaker.name for q in store.quotes() if q.quote.speaker] == [
            "Ana Ortiz"
        ] * n
    finally:
        store.close()


def test_latency_benchmark_times_every_endpoint_of_a_real_server(tmp_path: Path) -> None:
    db = tmp_path / "small.db"
    _store(db, 12)
    out = tmp_path / "latency.json"
    code = api_latency.main(
        ["--db", str(db), "--requests", "6", "--warmup", "1", "--json", str(out)]
    )
    assert code == 0
    result = json.loads(out.read_text())
    assert result["summary"]["articles"] == 12
    names = [name for name, _ in api_latency.ENDPOINTS]
    assert list(result["endpoints"]) == names
    for figures in result["endpoints"].values():
        assert not figures.get("missing"), figures
        assert figures["requests"] == 6 and figures["errors"] == 0
        assert 0 < figures["p50_ms"] <= figures["p99_ms"] <= figures["max_ms"]


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert api_latency.percentile(values, 50) == 50.0
    assert api_latency.percentile(values, 99) == 99.0
    assert api_latency.percentile([5.0], 99) == 5.0
