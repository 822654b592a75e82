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


def test_a_copy_of_a_report_is_not_counted_as_another_report(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    body = "\n\n".join(PARAS)
    (folder / "herald.txt").write_text(f"2026-02-25\n\nFishermen Held\n\n{body}\n", "utf-8")
    copy = f"Shared by our partner agency.\n\n{body}\n\nSubscribe for more regional news."
    (folder / "aggregator.txt").write_text(f"2026-02-26\n\nTwo Held\n\n{copy}\n", "utf-8")
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
