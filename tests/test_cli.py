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
from dossier.models import (
    EVENT_TYPES,
    Analysis,
    Event,
    Extracted,
    Place,
    Quote,
    Speaker,
    TimeExpression,
)
from dossier.store import open_store

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
            "duplicate_of",
            "story_id",
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


# Two short reports written for these tests, stored with hand-made findings so that
# the filters are tested on known records, whatever the analysis would find.
_RAID = (
    "Soldiers detained 23 people in Durán on 12 March 2025. "
    '"The operation will continue," said Carlos Villacís, a police spokesman.'
)
_TALKS = "Ministers met in Quito on 2 April 2025. A senior official said the talks went well."


def _event(text: str, sentence: str, trigger: str, source: str, place: int, date: int) -> Event:
    at = text.index(trigger)
    return Event(
        start=text.index(sentence),
        end=text.index(sentence) + len(sentence),
        text=sentence,
        sentence_start=text.index(sentence),
        sentence_end=text.index(sentence) + len(sentence),
        type="COERCE" if trigger == "detained" else "CONSULT",
        mode=None,
        trigger=trigger,
        trigger_start=at,
        trigger_end=at + len(trigger),
        source=source,
        source_start=text.index(source),
        source_end=text.index(source) + len(source),
        source_entity_id=None,
        target=None,
        target_start=None,
        target_end=None,
        target_entity_id=None,
        status="happened",
        score=0.8,
        place=place,
        date=date,
    )


def _place(text: str, surface: str, name: str) -> Place:
    at = text.index(surface)
    return Place(at, at + len(surface), surface, name, True, 1, -2.0, -79.0, "EC", None, "city")


def _day(text: str, surface: str, iso: str) -> TimeExpression:
    at = text.index(surface)
    return TimeExpression(at, at + len(surface), surface, "day", iso, iso)


def _quote(text: str, said: str, speaker: Speaker) -> Quote:
    at = text.index(said)
    return Quote(at, at + len(said), said, "direct", None, speaker)


@pytest.fixture
def filtered_store(store_url: str) -> str:
    raid_speaker = Speaker(
        "Carlos Villacís",
        start=_RAID.index("Carlos"),
        end=_RAID.index(", a police"),
        text="Carlos Villacís",
    )
    official = Speaker(
        None,
        start=_TALKS.index("A senior"),
        end=_TALKS.index(" said"),
        text="A senior official",
        anonymous=True,
        description="a senior official",
    )
    raid = Analysis(
        quotes=(_quote(_RAID, "The operation will continue,", raid_speaker),),
        places=(_place(_RAID, "Durán", "Durán"),),
        dates=(_day(_RAID, "12 March 2025", "2025-03-12"),),
        events=(
            _event(_RAID, _RAID.split(". ")[0] + ".", "detained", "Soldiers", place=0, date=0),
        ),
    )
    talks = Analysis(
        quotes=(_quote(_TALKS, "the talks went well", official),),
        places=(_place(_TALKS, "Quito", "Quito"),),
        dates=(_day(_TALKS, "2 April 2025", "2025-04-02"),),
        events=(_event(_TALKS, _TALKS.split(". ")[0] + ".", "met", "Ministers", place=0, date=0),),
    )
    store = open_store(store_url)
    try:
        store.save(Extracted("raid.txt", _RAID, title="Raid", published="2025-03-13"), raid)
        store.save(Extracted("talks.txt", _TALKS, title="Talks", published="2025-04-03"), talks)
    finally:
        store.close()
    return store_url


def _listed(store_url: str, *args: str) -> list[dict[str, Any]]:
    code, out, err = cli(store_url, "--json", *args)
    assert code == 0, err
    result: list[dict[str, Any]] = json.loads(out)
    return result


def test_place_filter_folds_case_and_accents(filtered_store: str) -> None:
    for asked in ("Durán", "Duran", "DURAN", "durán"):
        found = _listed(filtered_store, "events", "--place", asked)
        assert [e["text"] for e in found] == [_RAID.split(". ")[0] + "."], asked
    # The whole name must match: a part of it finds nothing.
    assert _listed(filtered_store, "events", "--place", "Dur") == []


def test_speaker_filter_finds_a_speaker_not_linked_to_an_entity(filtered_store: str) -> None:
    for asked in ("Villacís", "Villacis", "carlos villacis"):
        found = _listed(filtered_store, "quotes", "--speaker", asked)
        assert [q["text"] for q in found] == ["The operation will continue,"], asked
    found = _listed(filtered_store, "quotes", "--speaker", "senior official")
    assert [q["text"] for q in found] == ["the talks went well"]
    assert _listed(filtered_store, "quotes", "--speaker", "Noboa") == []


def test_actor_filter_folds_case(filtered_store: str) -> None:
    found = _listed(filtered_store, "events", "--actor", "SOLDIERS")
    assert [e["type"] for e in found] == ["COERCE"]


def test_valid_filters_still_select(filtered_store: str) -> None:
    assert [e["type"] for e in _listed(filtered_store, "events", "--type", "consult")] == [
        "CONSULT"
    ]
    since = _listed(filtered_store, "events", "--since", "2025-04-01")
    assert [e["type"] for e in since] == ["CONSULT"]
    until = _listed(filtered_store, "events", "--until", "2025-03-31", "--status", "happened")
    assert [e["type"] for e in until] == ["COERCE"]
    assert len(_listed(filtered_store, "events", "--limit", "0")) == 0


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["events", "--since", "yesterday"], ["--since", "yesterday", "YYYY-MM-DD"]),
        (["events", "--since", "2025-13-01"], ["--since", "2025-13-01", "month"]),
        (["events", "--until", "2025-02-30"], ["--until", "2025-02-30", "day"]),
        (["events", "--until", "3 April"], ["--until", "3 April"]),
        (["events", "--since", "2025-05-01", "--until", "2025-04-01"], ["after"]),
        (["events", "--type", "ATTACK"], ["--type", "ATTACK", "ASSAULT"]),
        (["events", "--status", "done"], ["--status", "done"]),
        (["events", "--place", " "], ["--place", "empty"]),
        (["events", "--limit", "-1"], ["--limit", "-1"]),
        (["claims", "--evidence", "rumour"], ["--evidence", "rumour"]),
        (["claims", "--limit", "-2"], ["--limit"]),
        (["quotes", "--speaker", ""], ["--speaker", "empty"]),
        (["quotes", "--limit", "-1"], ["--limit"]),
        (["articles", "--limit", "-1"], ["--limit"]),
        (["articles", "--offset", "-5"], ["--offset"]),
        (["places", "--limit", "-1"], ["--limit"]),
        (["entities", "--type", "PEOPLE"], ["--type", "PEOPLE", "PERSON"]),
        (["entities", "--limit", "-1"], ["--limit"]),
        (["search", "raid", "--limit", "-1"], ["--limit"]),
        (["search", " "], ["QUERY", "empty"]),
        (["show", "some-id", "--version", "0"], ["--version"]),
    ],
)
def test_invalid_filter_values_are_usage_errors(
    filtered_store: str, args: list[str], named: list[str]
) -> None:
    code, out, err = cli(filtered_store, *args)
    assert code == 2 and out == ""
    assert "Invalid value" in err
    for word in named:
        assert word in err


def test_invalid_filter_values_have_the_json_error_shape(filtered_store: str) -> None:
    code, _, err = cli(filtered_store, "--json", "events", "--since", "yesterday")
    assert code == 2
    error = json.loads(err)["error"]
    assert error["code"] == "E702" and error["source"] == "--since"
    assert error["stage"] == "command" and "yesterday" in error["reason"]
    code, _, err = cli(
        filtered_store, "--json", "events", "--since", "2025-05-01", "--until", "2025-04-01"
    )
    assert code == 2 and json.loads(err)["error"]["source"] == "--since / --until"


def test_vocabularies_match_the_analysis() -> None:
    from dossier.analyze.plover import TYPES

    assert set(EVENT_TYPES) == set(TYPES) and len(EVENT_TYPES) == 16


def test_export_refuses_an_out_path_it_cannot_write(store_url: str, tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-folder" / "records.jsonl")
    code, _, err = cli(store_url, "export", "--format", "jsonl", "--out", missing)
    assert code == 2 and "--out" in err and "no-such-folder" in err and "does not exist" in err
    code, _, err = cli(store_url, "--json", "export", "--format", "parquet")
    assert code == 2
    error = json.loads(err)["error"]
    assert (error["code"], error["source"]) == ("E702", "--out")
    assert "required for --format parquet" in error["reason"]


def test_aliases_of_an_unknown_entity_is_an_error(store_url: str) -> None:
    code, _, err = cli(store_url, "--json", "aliases", "no-such-entity")
    assert code == 2
    assert json.loads(err)["error"]["code"] == "E604"
    assert json.loads(err)["error"]["source"] == "no-such-entity"
