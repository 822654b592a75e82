"""Near-duplicate articles (store.duplicates): found by LSH bands, linked to the earliest
copy, on SQLite and PostgreSQL. The texts are written for these tests."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier import export
from dossier.cli import main
from dossier.models import Analysis, Extracted
from dossier.shingles import BANDS, resemblance, shingles, text_bands
from dossier.store import SqlStore, open_store, writes
from dossier.store import base as store_base
from dossier.store.duplicates import articles_sql, candidates_sql, is_copy
from dossier.store.schema import MIGRATIONS, SCHEMA_VERSION

from .conftest import without_stories

STORY = [
    "The harbour authority of Puerto Lindo said on Monday that a grain freighter ran "
    "aground near the northern breakwater during a storm late on Sunday night.",
    "Nobody on board was hurt, according to the authority, which sent two tugboats and a "
    "diving team to inspect the hull at first light before the tide turned.",
    "The ship, carrying about twelve thousand tonnes of wheat from the south, had been "
    "waiting for a berth for three days while dock workers held a partial strike.",
    "Fishermen in the bay told reporters that the channel markers had been out of service "
    "for weeks and that they had warned the port office more than once this winter.",
    "A spokesperson for the dock workers union said the strike would continue until the "
    "port agreed to hire more pilots, adding that the grounding proved their point.",
    "Salvage crews expect to refloat the freighter on Wednesday if the weather calms, the "
    "authority said, and the channel will stay closed to large vessels until then.",
]
OTHER = [
    "Dock workers in Puerto Lindo marched to the port office on Tuesday to press their "
    "demand for more pilots, a day after a grain ship ran aground in a storm.",
    "Union leaders met the harbour master for two hours but left without a deal, saying "
    "the port had offered to review staffing only after the summer season ends.",
    "The city council voted to fund new channel markers, which fishermen had asked for "
    "since the autumn, and the mayor promised the work would start within a month.",
    "Traders said wheat prices in the region rose slightly on fears of delayed deliveries, "
    "though millers reported stocks large enough to last until the spring harvest.",
    "Police closed the road along the seafront for most of the afternoon while the march "
    "went on, and no arrests were reported by the evening.",
]


def _doc(paras: list[str], source: str, published: str | None) -> Extracted:
    return Extracted(
        source=source,
        text="\n".join(paras),
        title=source,
        outlet=source.split(".")[0],
        published=published,
        language="en",
        raw_hash=source,
    )


def _save(store: SqlStore, paras: list[str], source: str, published: str | None) -> str:
    return store.save(_doc(paras, source, published), Analysis()).article_id


def _wire(site: int) -> list[str]:
    return [
        f"Reporting distributed by our partner agency to site number {site}.",
        *STORY,
        f"Subscribe to the site {site} newsletter for more regional news every morning.",
    ]


def test_copies_resemble_and_other_articles_on_the_topic_do_not() -> None:
    story = shingles("\n".join(STORY))
    cut = shingles("\n".join(STORY[:3] + STORY[4:]))
    other = shingles("\n".join(OTHER))
    # Only the shingles across the cut are new.
    assert resemblance(story, cut) > 0.95 and is_copy(story, cut)
    assert not is_copy(story, other)
    assert is_copy(story, shingles("\n".join(_wire(3))))


def test_short_texts_get_no_bands() -> None:
    assert text_bands("A grain freighter ran aground near the breakwater.") == []
    assert len(text_bands("\n".join(STORY))) == BANDS


def test_wire_story_on_five_sites_links_to_the_earliest(store: SqlStore) -> None:
    ids = [_save(store, _wire(s), f"site{s}.html", f"2026-03-0{6 - s}") for s in range(1, 6)]
    earliest = ids[-1]  # site5 was published first (2026-03-01)
    assert store.duplicate_of(earliest) is None
    assert all(store.duplicate_of(i) == earliest for i in ids[:-1])
    groups = store.duplicate_groups()
    assert [[m["id"] for m in g] for g in groups] == [[earliest, *ids[3::-1]]]
    assert groups[0][1]["duplicate_of"] == earliest


def test_repost_with_a_paragraph_cut_is_a_copy_but_a_follow_up_is_not(store: SqlStore) -> None:
    first = _save(store, STORY, "herald.html", "2026-03-01")
    repost = _save(store, STORY[:2] + STORY[3:], "aggregator.html", "2026-03-02")
    follow_up = _save(store, OTHER, "herald-2.html", "2026-03-02")
    assert store.duplicate_of(repost) == first
    assert store.duplicate_of(follow_up) is None and store.duplicate_of(first) is None


def test_same_date_goes_to_ingest_order_and_undated_is_last(store: SqlStore) -> None:
    undated = _save(store, _wire(1), "undated.html", None)
    first = _save(store, _wire(2), "first.html", "2026-03-01")
    second = _save(store, _wire(3), "second.html", "2026-03-01")
    assert store.duplicate_of(first) is None
    assert store.duplicate_of(undated) == first and store.duplicate_of(second) == first


def test_show_json_and_export_carry_duplicate_of(store: SqlStore) -> None:
    first = _save(store, STORY, "herald.html", "2026-03-01")
    copy = _save(store, _wire(1), "site1.html", "2026-03-02")
    article = store.article(copy)
    assert article is not None and article.duplicate_of == first
    assert export.article_record(article)["duplicate_of"] == first
    original = store.article(first)
    assert original is not None and export.article_record(original)["duplicate_of"] is None


def test_lookup_and_relinking_read_by_index(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "d.db"))
    store.close()
    conn = sqlite3.connect(tmp_path / "d.db")
    statements = [
        (candidates_sql(BANDS), ["x"] * BANDS),
        (articles_sql(3), ["a", 1] * 3),
        (
            "UPDATE articles SET duplicate_of = ? WHERE duplicate_of IN (?, ?) AND latest = 1",
            ["a", "b", "c"],
        ),
    ]
    for sql, params in statements:
        plan = conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
        detail = " ".join(str(row[-1]) for row in plan)
        assert "SCAN" not in detail and "(latest=?)" not in detail, (sql, detail)
    conn.close()


def test_migration_12_adds_bands_and_the_link(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = {dialect: [m for m in steps if m[0] <= 11] for dialect, steps in MIGRATIONS.items()}
    with monkeypatch.context() as patch:
        patch.setattr(store_base, "MIGRATIONS", old)
        patch.setattr(writes, "link_duplicates", lambda *_: None)  # no bands table yet
        without_stories(patch)
        v11 = open_store(store_url)
        assert v11.schema_version() == 11
        before = _save(v11, STORY, "herald.html", "2026-03-01")
        v11.close()
    store = open_store(store_url)
    try:
        assert store.schema_version() == SCHEMA_VERSION >= 12
        article = store.article(before)
        assert article is not None and article.duplicate_of is None
        # Articles stored before schema 12 have no bands, so only new copies of new
        # articles are found; a new article and its copy link as usual.
        first = _save(store, OTHER + STORY[:1], "herald-2.html", "2026-03-02")
        copy = _save(store, OTHER + STORY[:1] + STORY[1:2], "copy.html", "2026-03-03")
        assert store.duplicate_of(copy) == first
    finally:
        store.close()


def test_duplicates_command_lists_groups_and_show_names_the_earliest(store_url: str) -> None:
    store = open_store(store_url)
    first = _save(store, STORY, "herald.html", "2026-03-01")
    copy = _save(store, _wire(2), "site2.html", "2026-03-02")
    _save(store, OTHER, "herald-2.html", "2026-03-02")
    store.close()
    listed = CliRunner().invoke(main, ["--db", store_url, "--json", "duplicates"])
    assert listed.exit_code == 0, listed.output
    groups = json.loads(listed.output)
    assert [[(m["id"], m["duplicate_of"]) for m in g] for g in groups] == [
        [(first, None), (copy, first)]
    ]
    text = CliRunner().invoke(main, ["--db", store_url, "duplicates"])
    assert text.exit_code == 0 and f"= {copy}" in text.output and f"* {first}" in text.output
    shown = CliRunner().invoke(main, ["--db", store_url, "show", copy])
    assert shown.exit_code == 0 and f"near-duplicate of {first}" in shown.output
    record = CliRunner().invoke(main, ["--db", store_url, "--json", "show", copy])
    assert json.loads(record.output)["duplicate_of"] == first


def test_the_earliest_copy_does_not_depend_on_the_order_of_the_input(tmp_path: Path) -> None:
    """Copies dated the same day: the root is chosen by ID, not by which came first."""
    texts = {"a.html": _wire(1), "b.html": _wire(2)}
    roots = []
    for name, order in (("ab", ("a.html", "b.html")), ("ba", ("b.html", "a.html"))):
        store = open_store(str(tmp_path / f"{name}.db"))
        ids = {src: _save(store, texts[src], src, "2026-03-01") for src in order}
        roots.append({store.duplicate_of(ids[src]) or ids[src] for src in ids})
        store.close()
    assert roots[0] == roots[1] and len(roots[0]) == 1
