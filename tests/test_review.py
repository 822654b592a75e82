"""The review journal: verdicts applied at read time, kept through re-analysis and new
versions, and entity edits that move everything an entity owns. Both stores."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.cli import main
from dossier.config import Settings
from dossier.errors import DossierError
from dossier.models import Verdict
from dossier.pipeline import Ingest, reanalyze
from dossier.store import SqlStore, open_store
from dossier.store.review_apply import states
from dossier.store.review_keys import occurrence_keys

DEAL = (
    "Port Deal Signed\n\nEcuador and the United States signed an agreement on the port of "
    'Manta on Monday. "The agreement protects our coast," said Gabriela Sommerfeld, the '
    "foreign minister. Police arrested two fishermen in Quito on Tuesday, officials said."
)
JORDAN = (
    "Jordan Visits Port\n\nMichael Jordan toured the port of Manta on Friday. Jordan accused "
    "the port authority of long delays. Jordan said that the pier was unsafe, according to a "
    "statement."
)


def _ingest(store: SqlStore, folder: Path, **texts: str) -> None:
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    summary = Ingest(store, settings=Settings(), progress=False).run([str(folder)])
    assert summary.errors == []


def _one_article(store: SqlStore) -> str:
    [row] = store.articles()
    return row.id


def test_keys_name_findings_by_text_and_occurrence_not_position() -> None:
    keys = occurrence_keys("quote", "a1", ["We will win.", "No.", "We  will win."], False)
    assert keys[0].startswith("quote:a1:") and len(keys[0].split(":")) == 3
    # The same text (whitespace aside) again gets its occurrence index.
    assert keys[2] == keys[0] + ":1" and keys[1] != keys[0]
    places = occurrence_keys("place", "a1", ["Quito", "Quito"], True)
    assert [k.rsplit(":", 1)[1] for k in places] == ["0", "1"]


def test_every_finding_has_a_key_and_a_review_state(store: SqlStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL)
    article = store.article(_one_article(store))
    assert article is not None
    findings = [*article.quotes, *article.claims, *article.events, *article.places]
    findings += [*article.dates, *article.figures]
    assert findings and all(f.key and f.review == "unreviewed" for f in findings)
    assert len({f.key for f in findings}) == len(findings)
    assert store.schema_version() >= 9


def test_verdicts_apply_at_read_time_everywhere(store: SqlStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL)
    article = store.article(_one_article(store))
    assert article is not None
    agree = next(e for e in article.events if e.type == "AGREE")
    arrest = next(e for e in article.events if e.type == "COERCE")
    quote = next(q for q in article.quotes if q.kind == "direct")
    quito = next(p for p in article.places if p.text == "Quito")
    manta = next(p for p in article.places if p.text == "Manta")

    store.add_verdict("event", arrest.key, "reject", who="ana", note="not an event")
    store.add_verdict("event", agree.key, "correct", field="type", new="cooperate")
    store.add_verdict("event", agree.key, "correct", field="place", new=quito.key)
    store.add_verdict("quote", quote.key, "confirm")
    store.add_verdict(
        "place",
        manta.key,
        "correct",
        field="resolution",
        new='{"name": "Manta", "latitude": -0.95, "longitude": -80.7, "country_code": "EC"}',
    )

    again = store.article(article.id)
    assert again is not None
    assert [e.key for e in again.events] == [agree.key]
    fixed = again.events[0]
    assert fixed.type == "COOPERATE" and fixed.review == "corrected"
    assert fixed.place is not None and again.places[fixed.place].text == "Quito"
    assert next(q for q in again.quotes if q.key == quote.key).review == "confirmed"
    assert next(p for p in again.places if p.key == manta.key).latitude == -0.95
    with_rejected = store.article(article.id, include_rejected=True)
    assert with_rejected is not None and len(with_rejected.events) == 2
    assert {e.review for e in with_rejected.events} == {"corrected", "rejected"}

    # The lists read the same journal, and filter on the corrected values.
    assert [h.event.key for h in store.events()] == [agree.key]
    assert [h.event.key for h in store.events(type_="COOPERATE")] == [agree.key]
    assert store.events(type_="AGREE") == []
    [hit] = store.events(review="corrected")
    assert hit.place is not None and hit.place.name == "Quito"
    assert [h.event.key for h in store.events(review="rejected")] == [arrest.key]
    assert [h.quote.key for h in store.quotes(review="reviewed")] == [quote.key]
    journal = store.verdicts()
    assert [v.verdict for v in journal] == ["reject", "correct", "correct", "confirm", "correct"]
    assert journal[0].who == "ana" and journal[0].note == "not an event"
    assert journal[1].old == "AGREE" and journal[1].new == "COOPERATE"


def test_a_later_confirmation_brings_a_rejected_finding_back(
    store: SqlStore, tmp_path: Path
) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL)
    [claim, *_] = store.claims()
    store.add_verdict("claim", claim.claim.key, "reject")
    assert claim.claim.key not in {c.claim.key for c in store.claims()}
    store.add_verdict("claim", claim.claim.key, "confirm")
    assert claim.claim.key in {c.claim.key for c in store.claims(review="confirmed")}


@pytest.mark.parametrize(
    ("kind", "verdict", "field", "value", "source"),
    [
        ("quote", "approve", None, None, "verdict"),
        ("opinion", "confirm", None, None, "kind"),
        ("event", "correct", "type", "DANCE", "value"),
        ("event", "correct", "colour", "red", "field"),
        ("event", "correct", None, None, "field"),
        ("event", "correct", "place", "place:elsewhere:0:0", "value"),
        ("event", "reject", "type", None, "field"),
    ],
)
def test_bad_verdicts_name_the_bad_part(
    store: SqlStore,
    tmp_path: Path,
    kind: str,
    verdict: str,
    field: str | None,
    value: str | None,
    source: str,
) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL)
    key = store.events()[0].event.key if kind == "event" else store.quotes()[0].quote.key
    with pytest.raises(DossierError) as caught:
        store.add_verdict(kind, key, verdict, field=field, new=value)
    assert caught.value.source == source and caught.value.code == "E701"
    assert store.verdicts() == []


@pytest.mark.parametrize("part", ["value", "who", "note"])
def test_a_control_character_in_a_verdict_is_refused_on_every_store(
    store: SqlStore, tmp_path: Path, part: str
) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL)
    key = store.events()[0].event.key
    words = {"field": "status", "new": "planned", "who": "ana", "note": "seen"}
    words[{"value": "new"}.get(part, part)] += "\x00"
    with pytest.raises(DossierError) as caught:
        store.add_verdict("event", key, "correct", **words)
    assert caught.value.source == part and caught.value.code == "E701"
    assert store.verdicts() == []


def test_an_unknown_key_is_an_error(store: SqlStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL)
    with pytest.raises(DossierError, match="no quote"):
        store.add_verdict("quote", "quote:nope:0123456789abcdef", "confirm")


def test_the_journal_is_append_only(store: SqlStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL)
    store.add_verdict("quote", store.quotes()[0].quote.key, "confirm")
    for statement in ("UPDATE review_journal SET verdict = 'reject'", "DELETE FROM review_journal"):
        with pytest.raises(Exception, match="append-only"), store._transaction():
            store._execute(statement)
    assert [v.verdict for v in store.verdicts()] == ["confirm"]


def test_corrections_survive_reanalysis_and_a_new_version(store: SqlStore, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _ingest(store, folder, deal=DEAL)
    aid = _one_article(store)
    arrest = next(h.event for h in store.events() if h.event.type == "COERCE")
    agree = next(h.event for h in store.events() if h.event.type == "AGREE")
    quote = next(q.quote for q in store.quotes() if q.quote.kind == "direct")
    store.add_verdict("event", arrest.key, "reject")
    store.add_verdict("event", agree.key, "correct", field="status", new="planned")
    store.add_verdict("quote", quote.key, "correct", field="speaker", new="Maria Sommerfeld")

    def check() -> None:
        article = store.article(aid)
        assert article is not None
        assert [(e.type, e.status, e.review) for e in article.events] == [
            ("AGREE", "planned", "corrected")
        ]
        fixed = next(q for q in article.quotes if q.key == quote.key)
        assert fixed.speaker is not None and fixed.speaker.name == "Maria Sommerfeld"
        assert store.orphaned_verdicts() == []

    check()
    assert reanalyze(store, Settings(), progress=False) == 1
    check()
    # A new version that adds a sentence keeps every verdict: its other sentences are unchanged.
    _ingest(store, folder, deal=DEAL + " The minister flew to Lima on Wednesday.")
    assert store.versions(aid) == [1, 2]
    check()


def test_a_verdict_whose_sentence_changed_is_kept_as_orphaned(
    store: SqlStore, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    _ingest(store, folder, deal=DEAL)
    arrest = next(h.event for h in store.events() if h.event.type == "COERCE")
    store.add_verdict("event", arrest.key, "reject")
    _ingest(store, folder, deal=DEAL.replace("two fishermen", "three fishermen"))
    assert [v.key for v in store.orphaned_verdicts()] == [arrest.key]
    assert [v.key for v in store.verdicts()] == [arrest.key]
    assert {h.event.type for h in store.events()} == {"AGREE", "COERCE"}


def _jordan(store: SqlStore) -> tuple[str, str]:
    michael = next(e.id for e in store.entities() if e.name == "Michael Jordan")
    return michael, store.split_entity(michael, "Jordan")


def _owned_by(store: SqlStore, eid: str) -> tuple[int, int, int]:
    quotes = sum(1 for q in store.quotes() if q.quote.speaker and q.quote.speaker.entity_id == eid)
    claims = sum(1 for c in store.claims() if c.claim.evidence.entity_id == eid)
    events = sum(1 for h in store.events() if eid in (h.event.source_entity_id, h.source_name))
    return quotes, claims, events


def test_a_split_moves_the_quotes_claims_and_events_of_the_form(
    store: SqlStore, tmp_path: Path
) -> None:
    _ingest(store, tmp_path / "in", jordan=JORDAN)
    michael, jordan = _jordan(store)
    assert _owned_by(store, jordan) == (2, 1, 1)
    assert _owned_by(store, michael) == (0, 0, 0)
    names = {q.quote.speaker.name for q in store.quotes() if q.quote.speaker}
    assert "Jordan" in names and "Michael Jordan" not in names
    assert reanalyze(store, Settings(), progress=False) == 1
    assert _owned_by(store, jordan) == (2, 1, 1)
    [split] = store.verdicts(kind="entity")
    assert (split.key, split.field, split.new) == (f"entity:{michael}", "split", "Jordan")


def test_a_merge_moves_events_too_and_is_journaled(store: SqlStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path / "in", jordan=JORDAN)
    _, jordan = _jordan(store)
    manta = next(e.id for e in store.entities() if e.name == "Manta")
    store.merge_entities(jordan, manta, who="ana")
    assert _owned_by(store, manta) == (2, 1, 1)
    assert _owned_by(store, jordan) == (0, 0, 0)
    merge = store.verdicts(kind="entity")[-1]
    assert (merge.field, merge.old, merge.new, merge.who) == ("merge", jordan, manta, "ana")


def test_a_rename_keeps_the_id_and_survives_reanalysis(store: SqlStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path / "in", jordan=JORDAN)
    michael = next(e.id for e in store.entities() if e.name == "Michael Jordan")
    store.add_verdict(
        "entity", f"entity:{michael}", "correct", field="name", new="Michael J. Jordan"
    )
    reanalyze(store, Settings(), progress=False)
    renamed = next(e for e in store.entities() if e.id == michael)
    assert renamed.name == "Michael J. Jordan"
    speakers = {q.quote.speaker.name for q in store.quotes() if q.quote.speaker}
    assert "Michael J. Jordan" in speakers
    [row] = store.verdicts(kind="entity")
    assert (row.old, row.new) == ("Michael Jordan", "Michael J. Jordan")


def test_review_queue_puts_the_least_certain_first(store: SqlStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL)
    queue = store.review_queue(limit=100)
    scores = [item["score"] for item in queue if item["score"] is not None]
    assert scores == sorted(scores) and len(scores) < len(queue)
    assert queue[0]["score"] is not None
    unscored = [item for item in queue if item["score"] is None]
    assert [i["events"] for i in unscored] == sorted((i["events"] for i in unscored), reverse=True)
    store.add_verdict(queue[0]["kind"], queue[0]["key"], "confirm")
    assert queue[0]["key"] not in {i["key"] for i in store.review_queue(limit=100)}
    assert {i["kind"] for i in store.review_queue(kind="place")} == {"place"}


# Review is what these tests are about, so the precision gate (tests/test_gate.py) is lifted.
ALL = ("--all-findings",)


def _cli(url: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", url, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output + (result.stderr if result.stderr_bytes else "")
    return result.stdout


def test_rejected_event_leaves_the_acled_export_and_stays_out_after_reanalysis(
    store_url: str, tmp_path: Path
) -> None:
    with open_store(store_url) as store:
        _ingest(store, tmp_path / "in", deal=DEAL)
    listed = json.loads(_cli(store_url, "--json", "events"))
    arrest = next(e for e in listed if e["type"] == "COERCE")
    assert arrest["review"] == "unreviewed"
    assert "rejected" in _cli(store_url, "review", "reject", arrest["key"], "--note", "no arrest")

    def acled(*flags: str) -> list[dict[str, str]]:
        return list(
            csv.DictReader(
                io.StringIO(_cli(store_url, "export", "--format", "acled", *ALL, *flags))
            )
        )

    assert [r["event_type"] for r in acled()] == ["AGREE"]
    assert {r["review"] for r in acled("--include-rejected")} == {"unreviewed", "rejected"}
    assert acled("--reviewed-only") == []
    _cli(store_url, "reanalyze", "--no-progress")
    assert [r["event_type"] for r in acled("--exclude-rejected")] == ["AGREE"]
    polecat = [
        json.loads(x) for x in _cli(store_url, "export", "--format", "polecat", *ALL).splitlines()
    ]
    assert [p["event_type"] for p in polecat] == ["AGREE"]
    assert polecat[0]["reports"][0]["key"] == polecat[0]["key"]
    [article] = [
        json.loads(x) for x in _cli(store_url, "export", "--format", "jsonl", *ALL).splitlines()
    ]
    assert [e["type"] for e in article["events"]] == ["AGREE"]
    assert all("key" in q and q["review"] == "unreviewed" for q in article["quotes"])
    rows = list(
        csv.DictReader(
            io.StringIO(_cli(store_url, "export", "--format", "csv", "--table", "quotes", *ALL))
        )
    )
    assert rows and all(r["key"].startswith("quote:") for r in rows)
    import pyarrow.parquet as pq

    out = tmp_path / "all.parquet"
    _cli(store_url, "export", "--format", "parquet", "--out", str(out), "--include-rejected", *ALL)
    [events] = pq.read_table(out).column("events").to_pylist()
    assert sorted(e["review"] for e in events) == ["rejected", "unreviewed"]
    assert all(e["key"].startswith("event:") for e in events)


def test_review_commands(store_url: str, tmp_path: Path) -> None:
    with open_store(store_url) as store:
        _ingest(store, tmp_path / "in", deal=DEAL)
    queue = json.loads(_cli(store_url, "--json", "review", "queue", "--kind", "quote"))
    key = queue[0]["key"]
    assert key in _cli(store_url, "review", "queue", "--limit", "50")
    _cli(store_url, "review", "confirm", key, "--who", "ana")
    claim = json.loads(_cli(store_url, "--json", "claims"))[0]["key"]
    out = _cli(store_url, "review", "correct", claim, "evidence", "document", "--note", "a report")
    assert "-> 'document'" in out
    assert (
        json.loads(_cli(store_url, "--json", "claims", "--evidence", "document"))[0]["key"] == claim
    )
    assert [
        q["key"] for q in json.loads(_cli(store_url, "--json", "quotes", "--reviewed-only"))
    ] == [key]
    journal = json.loads(_cli(store_url, "--json", "review", "journal"))
    assert [(v["verdict"], v["who"]) for v in journal] == [("confirm", "ana"), ("correct", "")]
    assert (
        json.loads(_cli(store_url, "--json", "review", "journal", "--key", claim))[0]["note"]
        == "a report"
    )
    assert json.loads(_cli(store_url, "--json", "review", "orphaned")) == []
    entity = json.loads(_cli(store_url, "--json", "entities"))[0]["id"]
    assert "renamed" in _cli(store_url, "rename", entity, "A New Name")
    bad = CliRunner().invoke(
        main, ["--db", store_url, "--json", "review", "confirm", "event:x:y:1"]
    )
    assert bad.exit_code == 2 and json.loads(bad.stderr)["error"]["code"] == "E701"


_VERDICT = st.tuples(
    st.sampled_from(["k1", "k2", "k3"]),
    st.sampled_from(["confirm", "reject", "correct"]),
    st.text(alphabet="abcdé \"'", min_size=1, max_size=8),
    # add_verdict refuses control characters (test below); the journal stores the rest.
    st.one_of(st.none(), st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12)),
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(_VERDICT, max_size=8))
def test_journal_round_trips_and_the_last_verdict_decides(
    store_url: str,
    tmp_path_factory: pytest.TempPathFactory,
    steps: list[tuple[str, str, str, str | None]],
) -> None:
    """Rows come back as written, in order; the state follows a plain model of the rules."""
    url = store_url
    if not url.startswith("postgres"):
        url = str(tmp_path_factory.mktemp("h") / "dossier.db")
    with open_store(url) as store:
        written = []
        with store._transaction():
            for key, verdict, value, note in steps:
                field, new = ("status", value) if verdict == "correct" else (None, None)
                written.append(
                    store._journal_row(
                        "event", f"event:a:{key}:0", verdict, field, None, new, "w", note
                    )
                )
        # A PostgreSQL database serves every example, so its journal grows: take the tail.
        read = store.verdicts(kind="event")
        mine = read[len(read) - len(written) :]
        assert mine == written
        assert [(v.verdict, v.new, v.note) for v in mine] == [
            (s[1], s[2] if s[1] == "correct" else None, s[3]) for s in steps
        ]
        found = states(mine)
        for key in {s[0] for s in steps}:
            own = [s for s in steps if s[0] == key]
            fixes = [s[2] for s in own if s[1] == "correct"]
            expected = (
                "rejected" if own[-1][1] == "reject" else "corrected" if fixes else "confirmed"
            )
            review = found[f"event:a:{key}:0"]
            assert review.state == expected
            assert review.corrections.get("status") == (fixes[-1] if fixes else None)


def test_states_of_no_verdicts() -> None:
    assert states([]) == {}
    one = Verdict(1, "quote", "quote:a:b", None, None, None, "confirm", "", "2026-01-01")
    assert states([one])["quote:a:b"].state == "confirmed"


def test_opening_a_schema_8_store_gives_its_findings_their_keys(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.store import base as store_base
    from dossier.store.review_keys import digest
    from dossier.store.schema import MIGRATIONS

    text = 'Talks\n\nThe ministers met in Quito. Quito said "no" to the plan.'
    old = {dialect: [m for m in steps if m[0] <= 8] for dialect, steps in MIGRATIONS.items()}
    with monkeypatch.context() as patch:
        patch.setattr(store_base, "MIGRATIONS", old)
        v8 = open_store(store_url)
        with v8._transaction():
            v8._execute(
                "INSERT INTO articles (id, version, latest, source, text, content_hash, "
                "ingested_at) VALUES ('t1', 1, 1, 'talks.txt', ?, 'h1', 'x')",
                (text,),
            )
            for idx, surface in enumerate(("Quito", "Quito")):
                at = text.index(surface, text.index(surface) + 1 if idx else 0)
                v8._execute(
                    "INSERT INTO places (article_id, version, idx, start_char, end_char, text, "
                    "name, resolved, confidence) VALUES ('t1', 1, ?, ?, ?, ?, 'Quito', 0, 0.5)",
                    (idx, at, at + 5, surface),
                )
            start = text.index("The ministers")
            trigger = text.index("met")
            v8._execute(
                "INSERT INTO events (article_id, version, idx, start_char, end_char, text, "
                "sentence_start, sentence_end, type, trigger, trigger_start, trigger_end, status, "
                "confidence, cluster_id) VALUES ('t1', 1, 0, ?, ?, 'The ministers met', ?, ?, "
                "'CONSULT', 'met', ?, ?, 'happened', 0.9, 'c1')",
                (start, trigger + 3, start, text.index(".") + 1, trigger, trigger + 3),
            )
        v8.close()
    with open_store(store_url) as store:
        article = store.article("t1")
        assert article is not None
        assert [p.key for p in article.places] == [
            f"place:t1:{digest('Quito')}:0",
            f"place:t1:{digest('Quito')}:1",
        ]
        sentence = text[start : text.index(".") + 1]
        assert article.events[0].key == f"event:t1:{digest(sentence)}:{trigger - start}"


def test_name_filters_find_corrected_speakers_and_actors(store: SqlStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL, jordan=JORDAN)
    quote = next(q.quote for q in store.quotes(speaker="Sommerfeld"))
    michael = next(e.id for e in store.entities() if e.name == "Michael Jordan")
    store.add_verdict("quote", quote.key, "correct", field="speaker", new=michael)
    assert quote.key not in {q.quote.key for q in store.quotes(speaker="Sommerfeld")}
    assert quote.key in {q.quote.key for q in store.quotes(speaker="Michael Jordan")}
    arrest = next(h.event for h in store.events() if h.event.type == "COERCE")
    assert store.events(actor="Navy") == []
    store.add_verdict("event", arrest.key, "correct", field="source", new="the navy")
    assert [h.event.key for h in store.events(actor="Navy")] == [arrest.key]
    # The target was not corrected, so the stored one still counts.
    assert [h.event.key for h in store.events(actor="fishermen")] == [arrest.key]
    assert arrest.key not in {h.event.key for h in store.events(actor="Police")}


def test_rejecting_a_cross_article_event_rejects_its_reports(
    store: SqlStore, tmp_path: Path
) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL)
    arrest = next(h for h in store.events() if h.event.type == "COERCE")
    store.add_verdict("cluster", f"cluster:{arrest.cluster_id}", "reject")
    assert {h.event.type for h in store.events()} == {"AGREE"}
    [rejected] = store.events(review="rejected")
    assert rejected.event.key == arrest.event.key and rejected.event.review == "rejected"
    with pytest.raises(DossierError, match="no cross-article event"):
        store.add_verdict("cluster", "cluster:nope", "confirm")
