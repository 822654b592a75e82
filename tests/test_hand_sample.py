"""The hand-judged sample's tally and its refusals of bad sheets and sizes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks import hand_sample


def _sheet(tmp_path: Path, *items: dict[str, object]) -> str:
    path = tmp_path / "sheet.jsonl"
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return str(path)


def test_score_tallies_verdicts_per_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _sheet(
        tmp_path,
        {"n": 1, "kind": "event", "verdict": "right"},
        {"n": 2, "kind": "event", "verdict": "wrong"},
        {"n": 3, "kind": "quote", "verdict": "partly"},
    )
    assert hand_sample.main(["score", sheet]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[2].startswith("| event | 1 | 0 | 1 | 50% |")
    assert rows[3].startswith("| quote | 0 | 1 | 0 | 0% |")


def test_score_names_the_line_and_the_fault(tmp_path: Path) -> None:
    unjudged = _sheet(tmp_path, {"n": 7, "kind": "claim", "verdict": None})
    with pytest.raises(SystemExit, match=r"sheet\.jsonl:1: item 7 has verdict None"):
        hand_sample.main(["score", unjudged])
    path = Path(unjudged)
    path.write_text('{"n": 1, "kind": "claim", "verdict": "right"}\n{oops\n', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"sheet\.jsonl:2: not a JSON object"):
        hand_sample.main(["score", unjudged])


def test_a_negative_sample_size_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        hand_sample.main(["draw", "out.jsonl", "--events", "-3"])
    assert exit_.value.code == 2
    assert "'-3' is not a whole number" in capsys.readouterr().err
