"""Alert rules: the file format, its errors, matching on findings, and the interval option.

Articles here are built by hand, so no model loads; the sentences are our own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.alerts import Alerter, load_rules, matches
from dossier.cli import main
from dossier.config import Settings
from dossier.errors import DossierError
from dossier.ingest.fetch import Fetcher
from dossier.models import Article, Claim, Entity, Event, Evidence, Place, Quote, Speaker
from dossier.watch import parse_interval

TEXT = (
    "DEA agents raided a warehouse in Durán. "
    "An official who asked not to be named said the Manta deal was signed. "
    '"We will win," Noboa said.'
)


def _event(source: str, place: int | None) -> Event:
    return Event(
        start=0, end=38, text=TEXT[:38], sentence_start=0, sentence_end=39, type="SEIZE",
        mode=None, trigger="raided", trigger_start=11, trigger_end=17, source=source,
        source_start=0, source_end=10, source_entity_id="e1", target="a warehouse",
        target_start=18, target_end=29, target_entity_id=None, status="occurred", score=0.9,
        place=place, key="ev1",
    )  # fmt: skip


def article(place_admin1: str | None = "Guayas", speaker: str = "Daniel Noboa") -> Article:
    durán = Place(33, 38, "Durán", "Durán", True, admin1=place_admin1, country_code="EC")
    return Article(
        id="a1", version=1, source="feed", text=TEXT, content_hash="h", title="Raid",
        entities=(Entity("e1", "Drug Enforcement Administration", "ORG", ()),),
        places=(durán,),
        events=(_event("DEA agents", 0),),
        claims=(
            Claim(40, 110, TEXT[40:110], Evidence("anonymous_person", "An official"), key="c1"),
            Claim(40, 110, TEXT[40:110], Evidence("named_person", "Noboa"), key="c2"),
        ),
        quotes=(Quote(111, 123, "We will win,", "direct", None, Speaker(speaker), key="q1"),),
    )  # fmt: skip


def rules_file(tmp_path: Path, text: str, name: str = "rules.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def one_rule(tmp_path: Path, body: str) -> str:
    return rules_file(tmp_path, f'[[rule]]\nname = "r"\n{body}\n')


def test_the_three_example_rules_match_what_they_say(tmp_path: Path) -> None:
    path = rules_file(
        tmp_path,
        '[[rule]]\nname = "dea"\nfinding = "event"\nactor = "DEA"\nplace = "Guayas"\n'
        '[[rule]]\nname = "noboa"\nfinding = "quote"\nspeaker = "Noboa"\n'
        '[[rule]]\nname = "manta"\nfinding = "claim"\nevidence = "anonymous_person"\n'
        'mentions = "Manta"\n',
    )
    dea, noboa, manta = load_rules(path).rules
    assert [a.key for a in matches(dea, article())] == ["ev1"]
    assert [a.key for a in matches(noboa, article())] == ["q1"]
    assert [a.key for a in matches(manta, article())] == ["c1"]  # not the named one
    # The province is the place's division, so an event elsewhere does not match.
    assert list(matches(dea, article(place_admin1="Manabí"))) == []
    assert list(matches(noboa, article(speaker="Gian Carlo Loffredo"))) == []


def test_conditions_match_whole_words_and_entity_names(tmp_path: Path) -> None:
    [idea] = load_rules(one_rule(tmp_path, 'finding = "event"\nactor = "IDEA"')).rules
    assert list(matches(idea, article())) == []
    [ea] = load_rules(one_rule(tmp_path, 'finding = "event"\nactor = "EA"')).rules
    assert list(matches(ea, article())) == []  # "EA" is not a word of "DEA agents"
    [by_name] = load_rules(
        one_rule(tmp_path, 'finding = "event"\nactor = "drug enforcement administration"')
    ).rules
    assert [a.key for a in matches(by_name, article())] == ["ev1"]


def test_json_rules_and_the_log_path_beside_the_file(tmp_path: Path) -> None:
    path = rules_file(
        tmp_path,
        '{"alerts": {"log": "out/alerts.jsonl"}, "rule": [{"name": "q", "finding": "quote",'
        ' "anonymous": false, "actions": ["log"]}]}',
        "rules.json",
    )
    rules = load_rules(path)
    assert rules.log == str(tmp_path / "out" / "alerts.jsonl")
    assert rules.rules[0].conditions == (("anonymous", False),)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[[rule]\nname = 1", "cannot be parsed"),
        ('title = "x"', "unknown top-level key 'title'"),
        ("[alerts]\n", "no [[rule]] tables"),
        ('[[rule]]\nfinding = "event"\nactor = "DEA"', "rule 1 has no name"),
        ('[[rule]]\nname = "r"\nfinding = "story"\nactor = "DEA"', "'story' is not one of event"),
        ('[[rule]]\nname = "r"\nfinding = "quote"\nactor = "DEA"', "'actor' is not a condition"),
        ('[[rule]]\nname = "r"\nfinding = "quote"', "has no condition"),
        ('[[rule]]\nname = "r"\nfinding = "quote"\nspeaker = 3', "speaker must be a non-empty"),
        ('[[rule]]\nname = "r"\nfinding = "claim"\nevidence = "anonymous"', "is not one of"),
        (
            '[[rule]]\nname = "r"\nfinding = "quote"\nspeaker = "N"\nactions = ["email"]',
            "actions must be a list of print, log, webhook",
        ),
        (
            '[[rule]]\nname = "r"\nfinding = "quote"\nspeaker = "N"\nactions = ["webhook"]',
            "wants 'webhook' but [alerts] has no webhook",
        ),
        ('[alerts]\nwebhook = "ftp://x"\n[[rule]]\nname = "r"\n', "not an http(s) URL"),
        (
            '[[rule]]\nname = "r"\nfinding = "quote"\nspeaker = "A"\n'
            '[[rule]]\nname = "r"\nfinding = "quote"\nspeaker = "B"',
            "two rules are named 'r'",
        ),
    ],
)
def test_a_bad_rules_file_names_the_file_and_the_reason(
    tmp_path: Path, text: str, reason: str
) -> None:
    path = rules_file(tmp_path, text)
    with pytest.raises(DossierError) as raised:
        load_rules(path)
    assert (raised.value.code, raised.value.source) == ("E720", path)
    assert reason in raised.value.reason


def test_cli_refuses_a_bad_rules_file_before_polling(tmp_path: Path) -> None:
    path = rules_file(tmp_path, '[[rule]]\nname = "r"\nfinding = "quote"')
    db = str(tmp_path / "d.db")
    result = CliRunner().invoke(
        main, ["--db", db, "watch", "http://127.0.0.1:9/feed", "--once", "--rules", path]
    )
    assert result.exit_code == 2
    assert path in result.output and "E720" in result.output and "has no condition" in result.output
    missing = CliRunner().invoke(
        main, ["--db", db, "watch", "http://127.0.0.1:9/feed", "--rules", str(tmp_path / "no")]
    )
    assert missing.exit_code == 2 and "No such file" in missing.output


def test_interval_parser() -> None:
    assert [parse_interval(t) for t in ("30s", "10m", "1h30m", "2d", " 5M ")] == [
        30,
        600,
        5400,
        172800,
        300,
    ]
    for bad in ("", "10", "ten minutes", "10 m", "-5m", "0m", "1.5h", "m"):
        with pytest.raises(ValueError):
            parse_interval(bad)


@pytest.mark.parametrize("every", ["0s", "10", "soon"])
def test_cli_refuses_a_bad_interval_with_exit_2(tmp_path: Path, every: str) -> None:
    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "d.db"), "watch", "http://x.example/f", "--every", every]
    )
    assert result.exit_code == 2
    assert "--every" in result.output and "interval" in result.output
    as_json = CliRunner().invoke(
        main, ["--json", "--db", str(tmp_path / "d.db"), "watch", "http://x.example/f",
               "--every", every],
    )  # fmt: skip
    assert as_json.exit_code == 2 and '"E702"' in as_json.output


def test_cli_refuses_a_feed_that_is_not_a_url(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "d.db"), "watch", "feed.xml"])
    assert result.exit_code == 2 and "'feed.xml' is not an http(s) URL" in result.output


def test_webhook_goes_through_the_fetch_seam_and_its_ssrf_refusal(tmp_path: Path) -> None:
    path = rules_file(
        tmp_path,
        '[alerts]\nwebhook = "http://127.0.0.1:9/hook"\n'
        '[[rule]]\nname = "noboa"\nfinding = "quote"\nspeaker = "Noboa"\nactions = ["webhook"]\n',
    )
    seen: set[tuple[str, str]] = set()

    def first(rule: str, key: str) -> bool:
        new = (rule, key) not in seen
        seen.add((rule, key))
        return new

    alerter = Alerter(load_rules(path), first, Fetcher(Settings()).post)
    raised, failed = alerter.check(article())
    assert [a.key for a in raised] == ["q1"]
    [error] = failed
    assert error.code == "E721" and error.source == "http://127.0.0.1:9/hook"
    assert "[E206]" in error.reason and "loopback" in error.reason
    assert alerter.check(article()) == ([], [])  # the same finding never alerts twice
