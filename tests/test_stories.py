"""Story clusters (dossier.stories, store.stories): reports of one story across outlets
and days are grouped, separate incidents are not, copies ride with their original, and
the result does not depend on the order of the input. The texts are written for these
tests."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dossier import stories as st
from dossier.cli import main
from dossier.models import Analysis, Extracted
from dossier.store import SqlStore, open_store
from dossier.store import stories as stores_module

RAID_A = (
    "Police raid gang houses in Puerto Lindo harbour district",
    "Police officers raided six houses in the harbour district of Puerto Lindo before dawn on "
    "Tuesday and detained eleven suspected members of the Red Gulls gang, the regional "
    "police command said. Officers seized rifles, ammunition and a speedboat used to move "
    "contraband along the coast.",
)
RAID_B = (
    "Dawn raids in Puerto Lindo: eleven Red Gulls suspects held",
    "Eleven suspected Red Gulls gang members were held after police raided houses in Puerto "
    "Lindo's harbour district at dawn on Tuesday. A speedboat, rifles and ammunition were "
    "seized in the raids, a police spokesman told reporters at the harbour.",
)
RAID_FOLLOW_UP = (
    "Judge keeps Red Gulls suspects from Puerto Lindo raids in custody",
    "A judge ordered the eleven suspects detained in Tuesday's police raids in the Puerto "
    "Lindo harbour district to remain in custody while prosecutors prepare charges of "
    "arms trafficking against the Red Gulls gang.",
)
LATER_RAID = (
    "Police raid Red Gulls houses in Puerto Lindo harbour district",
    "Police raided houses in the harbour district of Puerto Lindo on Friday and detained "
    "four suspected members of the Red Gulls gang, seizing rifles and a speedboat, the "
    "regional police command said.",
)
FERRY = (
    "Ferry service to the islands suspended after engine fire",
    "The island ferry company suspended all crossings from Vila Serena on Monday after an "
    "engine fire on its largest vessel. No passengers were hurt, and the company said "
    "inspectors would examine the rest of the fleet before crossings resume.",
)


def _doc(story: tuple[str, str], source: str, published: str | None) -> Extracted:
    title, text = story
    return Extracted(
        source=source,
        text=text,
        title=title,
        outlet=source.split("/")[0],
        published=published,
        language="en",
        raw_hash=source,
    )


INPUT = [
    (RAID_A, "harbourpost/raid.html", "2026-03-03"),
    (FERRY, "islandtimes/ferry.html", "2026-03-02"),
    (RAID_B, "coastwire/raid.html", "2026-03-03"),
    (RAID_FOLLOW_UP, "harbourpost/court.html", "2026-03-06"),
    (LATER_RAID, "harbourpost/raid-again.html", "2026-04-24"),
]


def _fill(store: SqlStore, order: list[int]) -> dict[str, str]:
    ids = {}
    for i in order:
        story, source, published = INPUT[i]
        ids[source] = store.save(_doc(story, source, published), Analysis()).article_id
    store.rebuild_stories()
    return ids


def test_profile_weights_the_title_and_leaves_out_function_words() -> None:
    terms = st.profile("Police raid the harbour", "The police detained eleven men.", "en")
    assert terms["polic"] == st.TITLE_WEIGHT + 1
    assert "the" not in terms and "raid" in terms and "detain" in terms
    with_entities = st.profile("Police raid", "Text here.", "en", {"e123": 5})
    assert with_entities["@e123"] == st.ENTITY_WEIGHT * 3  # capped at three mentions


def test_profile_stems_each_language_with_its_own_rules() -> None:
    es = st.profile("Allanamientos en el puerto", "La policía detuvo a once sospechosos.", "es")
    assert "allan" in es and "polic" in es and "el" not in es and "la" not in es
    # A language without a stemmer keeps its folded words.
    assert "porto" in st.profile("Porto", "", "xx")


def test_reports_of_one_story_join_and_separate_incidents_do_not(store: SqlStore) -> None:
    ids = _fill(store, list(range(len(INPUT))))
    story = {src: store.story_of(aid) for src, aid in ids.items()}
    assert story["harbourpost/raid.html"] == story["coastwire/raid.html"]
    # A follow-up three days later belongs to the story.
    assert story["harbourpost/court.html"] == story["harbourpost/raid.html"]
    # The same words seven weeks later are another raid, and a ferry fire is another story.
    assert story["harbourpost/raid-again.html"] != story["harbourpost/raid.html"]
    assert story["islandtimes/ferry.html"] != story["harbourpost/raid.html"]
    listed = store.stories(min_reports=2)
    assert len(listed) == 1
    raid = listed[0]
    assert (raid["first"], raid["last"], raid["reports"], raid["copies"]) == (
        "2026-03-03",
        "2026-03-06",
        3,
        0,
    )
    assert {o["outlet"]: o["reports"] for o in raid["outlets"]} == {
        "harbourpost": 2,
        "coastwire": 1,
    }


def test_stories_do_not_depend_on_the_order_of_the_input(tmp_path: Path) -> None:
    a = open_store(str(tmp_path / "a.db"))
    b = open_store(str(tmp_path / "b.db"))
    try:
        _fill(a, [0, 1, 2, 3, 4])
        _fill(b, [4, 3, 2, 1, 0])
        assert a.stories() == b.stories()
    finally:
        a.close()
        b.close()


COURT_AGAIN = (
    "Red Gulls suspects stay in jail, judge rules",
    "The eleven men held after Tuesday's dawn raids on the Puerto Lindo harbour district "
    "will stay in custody, a judge ruled, while prosecutors build an arms trafficking case "
    "against the Red Gulls gang.",
)
STRIKE = (
    "Dock workers strike in Puerto Lindo over pilot shortage",
    "Dock workers in Puerto Lindo stopped work on Saturday to demand that the port hire "
    "more pilots, leaving three freighters waiting outside the breakwater.",
)
EARLIER_FERRY = (
    "Island ferry crossings resume after inspections",
    "Crossings from Vila Serena to the islands resumed on Thursday after inspectors "
    "cleared the ferry company's fleet, four days after an engine fire on its largest "
    "vessel halted the service.",
)


@pytest.mark.parametrize(
    "late",
    [
        (COURT_AGAIN, "coastwire/court.html", "2026-03-07"),  # joins an open story
        (EARLIER_FERRY, "islandtimes/resumed.html", "2026-03-06"),  # joins an older one
        (STRIKE, "harbourpost/strike.html", "2026-01-10"),  # news from before them all
    ],
)
def test_an_ingest_redoes_only_what_new_articles_can_change(
    store: SqlStore, late: tuple[tuple[str, str], str, str]
) -> None:
    _fill(store, list(range(len(INPUT))))
    story, source, published = late
    store.save(_doc(story, source, published), Analysis())
    assert store._execute("SELECT count(*) FROM story_pending")[0][0] == 1
    store.rebuild_stories()
    partial = store.stories()
    assert store._execute("SELECT count(*) FROM story_pending")[0][0] == 0
    assert store.rebuild_stories() == len(partial)  # nothing new: nothing redone
    store.rebuild_stories(full=True)
    assert store.stories() == partial


def test_a_rebuild_leaves_closed_stories_alone(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """News a month after every stored story closed: only it is clustered again."""
    _fill(store, list(range(len(INPUT))))
    before = store.stories()
    aid = store.save(_doc(STRIKE, "harbourpost/strike.html", "2026-05-30"), Analysis()).article_id
    redone: list[str] = []
    real = stores_module.cluster

    def spy(read: Any, **options: Any) -> Any:
        redone.extend(doc.id for doc in read())
        return real(read, **options)

    monkeypatch.setattr(stores_module, "cluster", spy)
    store.rebuild_stories()
    assert redone == [aid]
    after = store.stories()
    assert [s for s in after if s["first"] != "2026-05-30"] == before
    assert len(after) == len(before) + 1


def test_a_near_duplicate_rides_with_its_original_as_a_copy(store: SqlStore) -> None:
    long_text = " ".join([RAID_A[1]] * 3)
    original = store.save(
        Extracted(
            source="harbourpost/long.html",
            text=long_text,
            title=RAID_A[0],
            outlet="harbourpost",
            published="2026-03-03",
            language="en",
            raw_hash="1",
        ),
        Analysis(),
    ).article_id
    copy = store.save(
        Extracted(
            source="syndicate/long.html",
            text=long_text + " Republished with permission.",
            title="Syndicated: " + RAID_A[0],
            outlet="syndicate",
            published="2026-03-04",
            language="en",
            raw_hash="2",
        ),
        Analysis(),
    ).article_id
    assert store.duplicate_of(copy) == original
    store.rebuild_stories()
    assert store.story_of(copy) == store.story_of(original)
    listed = store.stories()
    assert [(s["reports"], s["copies"]) for s in listed] == [(1, 1)]
    assert listed[0]["outlets"] == [
        {"outlet": "harbourpost", "reports": 1, "copies": 0},
        {"outlet": "syndicate", "reports": 0, "copies": 1},
    ]
    members = store.story_members(listed[0]["id"])
    assert [(m["id"], m["copy_of"]) for m in members] == [(original, None), (copy, original)]


def _daily(n: int, shared: str | None = None) -> list[st.StoryInput]:
    start = date(2026, 1, 1)
    return [
        st.StoryInput(
            id=f"a{i:03d}",
            day=(start + timedelta(days=i)).isoformat(),
            terms={f"topic{i}": 1.0, **({shared: 5.0} if shared else {})},
        )
        for i in range(n)
    ]


def test_clustering_scores_an_article_against_open_stories_only() -> None:
    """A story closes once its latest report is older than the window, so a day's
    article is scored against the stories still open, not the whole corpus."""
    docs = _daily(120)
    clusterer = st.Clusterer(Counter(t for d in docs for t in d.terms), len(docs))
    most_open = 0
    for doc in docs:
        clusterer.add(doc)
        most_open = max(most_open, len(clusterer.open))
    assert most_open == st.WINDOW_DAYS + 1
    assert len(clusterer.finish()) == 120


def test_a_chain_of_similar_days_cannot_run_on_past_the_span() -> None:
    # One report a day, each sharing a term with the last: a running topic, not a story.
    # (45 articles: too few for the document-frequency cap to drop the shared term.)
    docs = _daily(45, shared="harbour")
    groups = st.cluster(docs.__iter__)
    spans = [
        (
            date.fromisoformat(docs[int(g.members[-1][1:])].day)
            - date.fromisoformat(docs[int(g.members[0][1:])].day)
        ).days
        for g in groups
    ]
    assert len(groups) == 2 and max(spans) == st.SPAN_DAYS


def test_cli_lists_and_shows_stories(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    store = open_store(db)
    _fill(store, list(range(len(INPUT))))
    sid = store.stories(min_reports=2)[0]["id"]
    store.close()
    runner = CliRunner()
    listed = runner.invoke(main, ["--db", db, "stories"])
    assert listed.exit_code == 0, listed.output
    assert sid in listed.output and "3 reports" in listed.output
    assert "Ferry" not in listed.output  # one report: below --min-reports 2
    everything = runner.invoke(main, ["--db", db, "--json", "stories", "--min-reports", "1"])
    assert len(json.loads(everything.output)) == 3
    shown = runner.invoke(main, ["--db", db, "--json", "story", sid])
    assert shown.exit_code == 0, shown.output
    detail = json.loads(shown.output)
    assert detail["first_report"]["outlet"] in ("harbourpost", "coastwire")
    assert [r["outlet"] for r in detail["differences"]["reports"]].count("harbourpost") == 2
    missing = runner.invoke(main, ["--db", db, "story", "nope"])
    assert missing.exit_code == 2 and "E606" in missing.output
    exported = runner.invoke(main, ["--db", db, "export", "--format", "stories"])
    lines = [json.loads(x) for x in exported.output.splitlines()]
    assert [s["reports"] for s in lines] == [1, 3, 1]  # in order of first report
    rows = runner.invoke(main, ["--db", db, "export", "--format", "csv"]).output.splitlines()
    assert "story_id" in rows[0].split(",") and sid in "\n".join(rows)


def test_articles_stored_before_profiles_get_one_when_stories_are_built(
    store: SqlStore,
) -> None:
    aid = store.save(_doc(RAID_A, "harbourpost/raid.html", "2026-03-03"), Analysis()).article_id
    # What migration 13 leaves for an article stored under schema 12.
    store._execute("UPDATE articles SET story_terms = NULL")
    store.rebuild_stories()
    terms = store._execute("SELECT story_terms FROM articles WHERE id = ?", (aid,))[0][0]
    assert "polic" in json.loads(terms)
    assert store.story_of(aid) is not None


def test_the_api_lists_and_shows_stories(tmp_path: Path) -> None:
    from .test_api_corpus import client

    db = str(tmp_path / "api.db")
    store = open_store(db)
    _fill(store, list(range(len(INPUT))))
    store.close()
    with client(db) as api:
        listed = api.get("/api/stories").json()
        assert listed["total"] == 1 and listed["items"][0]["reports"] == 3
        assert api.get("/api/stories?min_reports=1").json()["total"] == 3
        sid = listed["items"][0]["id"]
        detail = api.get(f"/api/stories/{sid}").json()
        assert [a["day"] for a in detail["articles"]] == ["2026-03-03", "2026-03-03", "2026-03-06"]
        missing = api.get("/api/stories/nope")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "E606"


WIRE = (
    "MARLOW BAY - Police detained 23 people in raids on four houses in Marlow Bay on "
    'Tuesday, the provincial police chief, Laura Quintero, said. "We dismantled a cell '
    'that extorted the fish market," Quintero told reporters. Officers seized three '
    "rifles and a motorboat."
)
DAILY = (
    "Twenty-seven people were detained in police raids on houses in Marlow Bay on "
    "Tuesday, according to a police official who asked not to be named. The official "
    "said the group had extorted traders at the fish market. Three rifles and a "
    "motorboat were seized, the official said."
)


def test_a_story_says_how_its_reports_differ(tmp_path: Path) -> None:
    from dossier.pipeline import ingest

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.txt").write_text("Marlow Bay raids: 23 detained\n\n" + WIRE, encoding="utf-8")
    (folder / "daily.txt").write_text(
        "Twenty-seven held in Marlow Bay raids\n\n" + DAILY, encoding="utf-8"
    )
    store = open_store(str(tmp_path / "real.db"))
    try:
        ingest([str(folder)], store, progress=False)
        [raid] = store.stories(min_reports=2)
        detail = store.story(raid["id"])
        assert detail is not None
        names = [e["name"] for e in detail["key_entities"]]
        assert "Marlow Bay" in names
        # The wire names its source; the daily rests on an anonymous official.
        sourcing = sorted(
            (r["named_quotes"] > 0, r["anonymous_quotes"] > 0, "named_person" in r["claims"])
            for r in detail["differences"]["reports"]
        )
        assert sourcing == [(False, True, False), (True, False, True)]
        [detained] = [f for f in detail["differences"]["figures"] if "detain" in f["measure"]]
        assert sorted(v for r in detained["values"] for v in r["values"]) == [23.0, 27.0]
        assert detail["key_quotes"][0]["speaker"] == "Laura Quintero"
        # Each key quote carries its span, so the reader can open at the quote itself.
        for q in detail["key_quotes"]:
            article = store.article(q["article_id"])
            assert article is not None
            assert article.text[q["start"] : q["end"]] == q["text"]
    finally:
        store.close()
