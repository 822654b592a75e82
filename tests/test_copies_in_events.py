"""A near-duplicate is not new reporting: the event exports count it as its earliest copy."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from dossier.cli import main

PARAS = [
    "Police arrested two fishermen in Puerto Lindo on 24 February 2026, the harbour "
    "authority said, after a patrol boat found a cargo of fuel hidden under their nets.",
    "The authority said the men had sailed from the northern breakwater before dawn and "
    "ignored two orders to stop, and that the fuel would be handed to the customs office.",
    "Relatives of the fishermen gathered outside the police station in the afternoon and "
    "said the men had been carrying fuel for their own engines, not for sale.",
]


def _cli(db: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _report_and_copy(tmp_path: Path) -> Path:
    """A herald report and an aggregator's copy of it, with its own credit and footer."""
    folder = tmp_path / "in"
    folder.mkdir()
    body = "\n\n".join(PARAS)
    (folder / "herald.txt").write_text(f"2026-02-25\n\nFishermen Held\n\n{body}\n", "utf-8")
    copy = f"Shared by our partner agency.\n\n{body}\n\nSubscribe for more regional news."
    (folder / "aggregator.txt").write_text(f"2026-02-26\n\nTwo Held\n\n{copy}\n", "utf-8")
    return folder


def test_a_copy_of_a_report_is_not_counted_as_another_report(tmp_path: Path) -> None:
    folder = _report_and_copy(tmp_path)
    db = str(tmp_path / "copies.db")
    _cli(db, "ingest", "--no-progress", "--workers", "1", str(folder))
    groups = json.loads(_cli(db, "--json", "duplicates"))
    assert len(groups) == 1
    rows = list(
        csv.DictReader(io.StringIO(_cli(db, "export", "--format", "acled", "--all-findings")))
    )
    arrests = [r for r in rows if r["event_type"] == "COERCE"]
    assert len(arrests) == 1, rows
    assert arrests[0]["reports"] == "1"  # two articles, one of them a copy
    polecat = [
        json.loads(line)
        for line in _cli(db, "export", "--format", "polecat", "--all-findings").splitlines()
    ]
    [arrest] = [p for p in polecat if p["event_type"] == "COERCE"]
    marks = sorted((r["duplicate_of"] is not None) for r in arrest["reports"])
    assert marks == [False, True]


def test_the_workbench_views_do_not_count_a_copy_as_reporting(tmp_path: Path) -> None:
    from .test_api_corpus import client

    folder = _report_and_copy(tmp_path)
    other = (
        "Police arrested two fishermen in Puerto Lindo on 24 February 2026, customs officers "
        "said, adding that the fuel found under their nets had been bought on the black "
        "market and would be auctioned."
    )
    (folder / "daily.txt").write_text(f"2026-02-25\n\nFuel Cargo Seized\n\n{other}\n", "utf-8")
    db = str(tmp_path / "views.db")
    _cli(db, "ingest", "--no-progress", "--workers", "1", str(folder))
    [root] = json.loads(_cli(db, "--json", "duplicates"))
    copy_id = next(m["id"] for m in root if m["duplicate_of"])
    with client(db) as api:
        sources = api.get("/api/sources").json()
        assert sources["copies_left_out"] > 0
        everything = [c for cs in sources["claims"].values() for c in cs]
        assert copy_id not in {c["article_id"] for c in everything}
        items = api.get("/api/clusters").json()["items"]
        # The arrest: reported by the herald and the daily, and repeated by the copy.
        assert any(item["copies"] == 1 for item in items)
        for item in items:
            detail = api.get(f"/api/clusters/{item['id']}").json()
            ids = {r["article_id"] for r in detail["reports"]}
            originals = {r["article_id"] for r in detail["reports"] if not r["duplicate_of"]}
            # Only events that two original articles report are cross-article events; an
            # article and its copy alone are one report.
            assert len(originals) == item["articles"] >= 2
            assert item["copies"] == detail["copies"] == (copy_id in ids)
