"""The precision gate: features read from a finding's exported fields, a confidence
from the fitted weights, exports that leave out what falls below the operating point
(renumbering what refers to it), reviews that override it, and the fitting script."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dossier import gate
from dossier.cli import main
from dossier.config import Settings
from dossier.models import Article, Claim, Event, Evidence, Quote, Speaker
from dossier.pipeline import Ingest
from dossier.store import open_store

ROOT = Path(__file__).resolve().parents[1]
PORT = (
    "Port Talks\n\nEcuador and the United States signed an agreement on the port of Manta on "
    'Monday. "The agreement protects our coast," said Gabriela Sommerfeld, the foreign '
    "minister. He said they would meet again. Police arrested two fishermen in Quito on "
    "Tuesday, officials said. It may rain, some said."
)


def _event_record(**fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "type": "ASSAULT",
        "mode": None,
        "status": "happened",
        "trigger": {"text": "shelling"},
        "text": "the navy was shelling the coast",
        "source": None,
        "target": None,
        "score": 0.8,
        "place": None,
        "date": None,
        "figures": [],
        "quote": None,
    }
    record.update(fields)
    return record


def _actor(text: str, entity_id: str | None = None) -> dict[str, Any]:
    return {"text": text, "entity_id": entity_id}


def test_features_describe_what_a_finding_looks_like() -> None:
    pronoun = gate.event_features(_event_record(source=_actor("they")))
    assert pronoun["source:pronoun"] == 1.0 and pronoun["place"] == 0.0
    common = gate.event_features(_event_record(source=_actor("a rebel commander")))
    assert common["source:common"] == 1.0
    named = gate.event_features(
        _event_record(source=_actor("Colombian Navy", "e1"), place=0, date=1, figures=[0])
    )
    assert named["source:named"] == 1.0 and named["target:none"] == 1.0
    assert named["source:entity"] == 1.0 and named["place"] == named["date"] == 1.0
    assert named["trigger:ing"] == 1.0 and named["type=ASSAULT"] == 1.0
    asked = gate.event_features(_event_record(text="who attacked the port?"))
    assert asked["question"] == 1.0
    quote = gate.quote_features(
        {
            "start": 100,
            "end": 140,
            "kind": "direct",
            "text": "We will stay",
            "cue": {"text": "Said"},
            "speaker": {"name": "Ana Ruiz", "text": "she", "start": 160, "end": 163},
        }
    )
    assert quote["cue:speech"] == 1.0 and quote["resolved"] == 1.0
    assert quote["speaker:pronoun"] == 1.0 and quote["kind=direct"] == 1.0
    assert quote["speaker:after"] == 1.0 and quote["speaker:gap"] > 0.0
    claim = gate.claim_features(
        {"text": "It may rain.", "evidence": {"type": "document"}, "hedges": [{"text": "may"}]}
    )
    assert claim["hedged"] == 1.0 and claim["source:none"] == 1.0


def test_the_weights_file_holds_a_model_and_an_operating_point_per_kind() -> None:
    for kind in gate.KINDS:
        model = gate.weights()[kind]
        assert 0.0 < model["threshold"] < 1.0
        assert model["weights"] and model["fitted_on"]["findings"] > 0
    assert 0.0 <= gate.confidence("event", _event_record()) <= 1.0


def _model(weights: dict[str, float], threshold: float = 0.5) -> dict[str, Any]:
    return {"bias": 0.0, "weights": weights, "threshold": threshold}


@pytest.fixture
def double(monkeypatch: pytest.MonkeyPatch) -> None:
    """A gate that drops a quote without speaker, a claim without source and an event
    whose source is a pronoun, and keeps the rest."""
    crafted = {
        "quote": _model({"speaker:none": -5.0}),
        "claim": _model({"source:none": -5.0}),
        "event": _model({"source:pronoun": -5.0}),
    }
    monkeypatch.setattr(gate, "weights", lambda: crafted)


def _quote(start: int, speaker: str | None, review: str = "unreviewed") -> Quote:
    who = None if speaker is None else Speaker(speaker, 0, 3, speaker)
    return Quote(start, start + 5, "words", "direct", None, who, review=review)


def _claim(start: int, source: str | None, quote: int | None) -> Claim:
    return Claim(start, start + 5, "claim", Evidence("named_person", source), quote=quote)


def test_the_gate_leaves_out_findings_and_renumbers_what_points_at_them(double: None) -> None:
    article = Article(
        "a1",
        1,
        "file.txt",
        "x" * 200,
        "hash",
        quotes=(_quote(10, None), _quote(20, "Ana Ruiz"), _quote(30, None, "confirmed")),
        claims=(_claim(10, None, 0), _claim(20, "Ana Ruiz", 1), _claim(30, "Ana Ruiz", 0)),
    )
    kept = gate.gate_article(article)
    assert [q.start for q in kept.quotes] == [20, 30]  # the confirmed one stays
    # the claim on the left-out quote 0 goes with it; the one on quote 1 is renumbered
    assert [(c.start, c.quote) for c in kept.claims] == [(20, 0)]
    confirmed = replace(article.claims[2], review="confirmed")
    kept = gate.gate_article(replace(article, claims=(*article.claims[:2], confirmed)))
    assert [(c.start, c.quote) for c in kept.claims] == [(20, 0), (30, None)]


def _event(start: int, source: str, quote: int | None, claim: int | None) -> Event:
    return Event(
        start,
        start + 5,
        "clause",
        0,
        100,
        "ASSAULT",
        None,
        "shelled",
        start,
        start + 7,
        source,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        "happened",
        0.8,
        quote=quote,
        claim=claim,
    )


def test_events_lose_references_to_left_out_quotes_and_claims(double: None) -> None:
    article = Article(
        "a1",
        1,
        "file.txt",
        "x" * 200,
        "hash",
        quotes=(_quote(10, None), _quote(20, "Ana Ruiz")),
        claims=(_claim(10, None, 0), _claim(20, "Ana Ruiz", 1)),
        events=(_event(10, "they", 0, 0), _event(20, "Navy", 0, 1), _event(30, "Navy", 1, 0)),
    )
    kept = gate.gate_article(article)
    assert [(e.start, e.quote, e.claim) for e in kept.events] == [(20, None, 0), (30, 0, None)]


def _cli(url: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", url, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _jsonl(url: str, *flags: str) -> dict[str, Any]:
    [record] = [
        json.loads(x) for x in _cli(url, "export", "--format", "jsonl", *flags).split("\n") if x
    ]
    return record


def test_exports_keep_what_passes_and_what_a_reviewer_confirmed(tmp_path: Path) -> None:
    url = str(tmp_path / "gate.db")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "port.txt").write_text(PORT, encoding="utf-8")
    with open_store(url) as store:
        assert Ingest(store, settings=Settings(), progress=False).run([str(folder)]).errors == []
    everything = _jsonl(url, "--all-findings")
    gated = _jsonl(url)

    def passing(kind: str, finding: dict[str, Any]) -> bool:
        return bool(finding["confidence"] >= gate.threshold(kind))

    for kind, part in (("event", "events"), ("quote", "quotes")):
        assert [f["key"] for f in gated[part]] == [
            f["key"] for f in everything[part] if passing(kind, f)
        ]
    quotes = everything["quotes"]
    assert [c["key"] for c in gated["claims"]] == [
        c["key"]
        for c in everything["claims"]
        if passing("claim", c) and (c["quote"] is None or passing("quote", quotes[c["quote"]]))
    ]
    dropped = [f for f in everything["claims"] if f["confidence"] < gate.threshold("claim")]
    assert dropped, "the sample should hold a claim below the operating point"
    _cli(url, "review", "confirm", dropped[0]["key"])
    assert dropped[0]["key"] in {c["key"] for c in _jsonl(url)["claims"]}
    assert _jsonl(url, "--min-confidence", "0") == _jsonl(url, "--all-findings")
    strict = _jsonl(url, "--min-confidence", "0.99")
    assert [c["key"] for c in strict["claims"]] == [dropped[0]["key"]]  # only the confirmed

    def acled(*flags: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(_cli(url, "export", "--format", "acled", *flags))))

    # The event export keeps exactly the events the article export keeps.
    kept = {e["key"] for e in _jsonl(url)["events"]}
    every = acled("--all-findings")
    assert {r["key"] for r in acled()} == {r["key"] for r in every if r["key"] in kept}
    assert all(float(r["confidence"]) >= gate.threshold("event") for r in acled())


def _sheet(path: Path, rows: list[tuple[str | None, str]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n, (source, verdict) in enumerate(rows):
            record = _event_record(source=None if source is None else _actor(source))
            item = {
                "n": n,
                "kind": "event",
                "article": f"a{n % 12}",
                "record": record,
                "verdict": verdict,
            }
            out.write(json.dumps(item) + "\n")


def test_the_fitting_script_learns_a_feature_and_the_check_reads_the_sheet(
    tmp_path: Path,
) -> None:
    rows: list[tuple[str | None, str]] = []
    for n in range(60):
        rows.append(("Colombian Navy", "right" if n % 10 else "wrong"))
        rows.append(("they", "wrong" if n % 10 else "right"))
    sheet = tmp_path / "judged.jsonl"
    _sheet(sheet, rows)
    for kind in ("quote", "claim"):  # every kind needs findings to fit on
        with sheet.open("a", encoding="utf-8") as out:
            for n in range(24):
                record = (
                    {"kind": "direct", "text": "words"}
                    if kind == "quote"
                    else {"text": "words", "evidence": {"type": "outlet"}}
                )
                verdict = "right" if n % 2 else "wrong"
                item = {
                    "n": n,
                    "kind": kind,
                    "article": f"a{n % 12}",
                    "record": record,
                    "verdict": verdict,
                }
                out.write(json.dumps(item) + "\n")
    out = tmp_path / "gate.json"
    script = str(ROOT / "benchmarks" / "fit_gate.py")
    subprocess.run([sys.executable, script, "fit", str(sheet), "--out", str(out)], check=True)
    fitted = json.loads(out.read_text(encoding="utf-8"))["event"]
    assert fitted["weights"]["source:pronoun"] < 0 < fitted["weights"]["source:named"]
    assert fitted["fitted_on"]["cv_precision_kept"] >= 0.85
    checked = subprocess.run(
        [sys.executable, script, "check", str(sheet), "--weights", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "event: 60/120 right of all (50%); kept 60 (50%), 54 right (90%" in checked.stdout
