"""The command line, end to end, on both stores."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from dossier import export
from dossier.cli import main

from .pages import PARAGRAPHS, news_page


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "pier.html").write_text(news_page("pier", canonical="https://coast.example/pier"))
    (folder / "raids.html").write_text(news_page("raids", canonical="https://coast.example/raids"))
    (folder / "meeting.txt").write_text(
        "Noboa Heads To Florida\n\n" + "\n\n".join(PARAGRAPHS["meeting"])
    )
    (folder / "empty.txt").write_text("")
    return folder


def _spans(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Every span in the quotes, claims and figures of an exported record."""
    found = []
    for item in record["quotes"] + record["claims"] + record["figures"]:
        found.append(item)
        for key in ("cue", "speaker"):
            if item.get(key) and item[key].get("start") is not None:
                found.append(item[key])
        found += item.get("hedges", [])
    return found


def cli(store_url: str, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", store_url, *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def test_ingest_query_and_export(store_url: str, corpus: Path, tmp_path: Path) -> None:
    code, out, err = cli(store_url, "ingest", "--no-progress", str(corpus))
    assert code == 1, "one input failed, so the exit status says so"
    assert "3 new" in out and "empty.txt" in err and "E103" in err

    code, out, _ = cli(store_url, "ingest", str(corpus / "pier.html"))
    assert code == 0 and "0 new" in out and "1 skipped" in out

    code, out, _ = cli(store_url, "--json", "articles")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 3
    pier = next(r for r in rows if r["title"] == "Report on the pier")

    code, out, _ = cli(store_url, "show", pier["id"])
    assert "[Gian Carlo Loffredo|PERSON]" in out and "[Manta|GPE]" in out

    code, out, _ = cli(store_url, "search", "dawn raids")
    assert code == 0 and "Report on the raids" in out and "Report on the pier" not in out

    code, out, _ = cli(store_url, "--json", "entities", "--type", "PERSON")
    names = [e["name"] for e in json.loads(out)]
    assert "Daniel Noboa" in names and "Gian Carlo Loffredo" in names

    code, out, _ = cli(store_url, "--json", "errors")
    assert [e["code"] for e in json.loads(out)] == ["E103"]

    code, out, _ = cli(store_url, "--json", "summary")
    assert json.loads(out)["articles"] == 3

    code, out, _ = cli(store_url, "export", "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 3
    for record in records:
        jsonschema.validate(record, export.schema())
        assert list(record) == [
            "id",
            "source",
            "url",
            "outlet",
            "title",
            "author",
            "published",
            "language",
            "text",
            "entities",
            "quotes",
            "claims",
            "figures",
            "places",
            "dates",
            "events",
            "location",
            "analysed",
        ]
        for entity in record["entities"]:
            for m in entity["mentions"]:
                assert record["text"][m["start"] : m["end"]] == m["text"]
        for span in _spans(record):
            assert record["text"][span["start"] : span["end"]] == span["text"]
    assert {r["source"] for r in records} == {
        str(corpus / n) for n in ("pier.html", "raids.html", "meeting.txt")
    }

    code, out, _ = cli(store_url, "export", "--format", "csv", "--table", "mentions")
    mention_rows = list(csv.DictReader(io.StringIO(out)))
    by_id = {r["id"]: r["text"] for r in records}
    for row in mention_rows:
        assert by_id[row["article_id"]][int(row["start"]) : int(row["end"])] == row["text"]

    target = tmp_path / "out.parquet"
    code, _, err = cli(store_url, "export", "--format", "parquet", "--out", str(target))
    assert code == 0 and "wrote 3 articles" in err
    table = pq.read_table(target).to_pylist()
    assert {t["id"] for t in table} == set(by_id)


def test_errors_have_one_json_shape(store_url: str) -> None:
    code, _, err = cli(store_url, "--json", "show", "no-such-id")
    assert code == 2
    assert json.loads(err) == {
        "error": {
            "code": "E603",
            "source": "no-such-id",
            "stage": "store",
            "reason": "no article with this ID",
        }
    }
    code, _, err = cli("/no/such/folder/x.db", "articles")
    assert code == 2 and "E602" in err and "/no/such/folder/x.db" in err


def test_stdin_source(store_url: str) -> None:
    code, out, _ = cli(store_url, "ingest", "-", input="Port Works\n\n" + PARAGRAPHS["pier"][0])
    assert code == 0 and "1 new" in out


def test_progress_bar_is_silent_off_a_terminal(store_url: str, corpus: Path) -> None:
    code, _, err = cli(store_url, "ingest", "--progress", str(corpus))
    assert code == 1
    assert "ingest:" not in err and "doc/s" not in err and "it/s" not in err
