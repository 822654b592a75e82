"""The corpus index (serve/index.py) and the paged entity lists give the answers the
per-request SQL gave before them (schema 10's search and entity page), with the review
journal applied, before and after verdicts and merges. Both stores.

The ``_before_*`` helpers are that earlier SQL, kept here as the reference."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from dossier.keys import fold
from dossier.models import EVENT_TYPES, QuoteHit
from dossier.serve import index, queries
from dossier.serve.api.corpus import search
from dossier.serve.api.entities import entity
from dossier.serve.params import Page, Review
from dossier.store import SqlStore, open_store
from dossier.store import base as store_base
from dossier.store.review import review_condition
from dossier.store.review_apply import apply_quote
from dossier.store.rows import QUOTE_COLUMNS, quote_from_row
from dossier.store.schema import MIGRATIONS, SCHEMA_VERSION

from .conftest import without_stories
from .test_review import DEAL, JORDAN, _ingest

# Written for these tests: three more reports that share names, places and words.
HARBOUR = (
    "Harbour Talks\n\nEcuador and Peru held talks on the port of Manta on Wednesday. "
    '"The port must stay open," said Gabriela Sommerfeld, who spoke for Ecuador. Police '
    "guarded the harbour in Manta during the talks."
)
BORDER = (
    "Border Patrols\n\nPeru sent soldiers to the border near Tumbes on Thursday. Ecuador "
    "said the patrols were routine. Gabriela Sommerfeld met the Peruvian envoy in Quito. "
    '"Gabriela Sommerfeld does not bow to pressure from Peru," said Gabriela Sommerfeld.'
)
STRIKE = (
    "Dock Strike\n\nDock workers in Guayaquil went on strike on Saturday over unpaid wages. "
    '"We have not been paid since March," said Rosa Mejía, a union leader.'
)
WORDS = ("port", "Manta", "Ecuador", "police", "Quito OR Tumbes", "strike", "Peru -Manta")

_LATEST = "JOIN articles a ON a.id = {t}.article_id AND a.version = {t}.version AND a.latest = 1"


def _latest(t: str) -> str:
    return _LATEST.format(t=t)


def _before_facets(store: SqlStore, ids: list[str]) -> dict[str, dict[str, set[str]]]:
    """Per article: entity IDs and names, places (as corrected) and event types (as
    corrected), rejected findings left out: schema 10's ``queries.facet_rows``."""
    found: dict[str, dict[str, set[str]]] = {
        a: {"entity": set(), "entity_id": set(), "place": set(), "event_type": set()} for a in ids
    }
    if not ids:
        return found
    marks = ", ".join("?" for _ in ids)
    place_name, place_params = queries.corrected(
        "p.name", "p.key", queries._place_names(store.journal(kinds=("place",))), "name"
    )
    event_type, type_params = queries.corrected(
        "e.type", "e.key", store.journal(kinds=("event",)), "type"
    )
    for aid, eid, name in store._execute(
        f"SELECT DISTINCT m.article_id, e.id, e.name FROM mentions m {_latest('m')} "
        f"JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({marks})",
        ids,
    ):
        found[aid]["entity"].add(name)
        found[aid]["entity_id"].add(eid)
    for aid, name in store._execute(
        f"SELECT DISTINCT p.article_id, {place_name} FROM places p {_latest('p')} "
        f"WHERE p.article_id IN ({marks}) AND {review_condition('p.key', None, False)}",
        [*place_params, *ids],
    ):
        found[aid]["place"].add(name)
    for aid, type_ in store._execute(
        f"SELECT DISTINCT e.article_id, {event_type} FROM events e {_latest('e')} "
        f"WHERE e.article_id IN ({marks}) AND {queries.event_review()}",
        [*type_params, *ids],
    ):
        found[aid]["event_type"].add(type_)
    return found


def _before_search(store: SqlStore, page: Page, q: str | None, **want: str) -> dict[str, Any]:
    """Schema 10's ``/api/search``: rank every hit, filter per article, then page."""
    if q is not None:
        full = store.search(q, 10_000)
        found = [(h.article_id, h.title, h.snippet, h.rank) for h in full]
    else:
        found = [(r.id, r.title, "", 0.0) for r in store.articles()]
    meta = queries.article_meta(store, [f[0] for f in found])
    attrs = _before_facets(store, [f[0] for f in found])
    kept = []
    for aid, title, snippet, score in found:
        outlet, published = meta.get(aid, (None, None))
        a, day = attrs[aid], (published or "")[:10]
        if "outlet" in want and fold(outlet or "") != fold(want["outlet"]):
            continue
        if "entity" in want and not (
            want["entity"] in a["entity_id"]
            or fold(want["entity"]) in {fold(n) for n in a["entity"]}
        ):
            continue
        if "place" in want and fold(want["place"]) not in {fold(n) for n in a["place"]}:
            continue
        if "type" in want and want["type"] not in a["event_type"]:
            continue
        if "since" in want and (not day or day < want["since"]):
            continue
        kept.append(
            {"article_id": aid, "title": title, "snippet": snippet, "score": score}
            | {"outlet": outlet, "published": published}
        )

    def top(counts: Counter[str], size: int = 20) -> dict[str, int]:
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:size])

    facets = {
        f: top(Counter(v for k in kept for v in attrs[k["article_id"]][f]), size)
        for f, size in (("entity", 20), ("place", 20), ("event_type", len(EVENT_TYPES)))
    }
    facets["outlet"] = top(Counter(k["outlet"] for k in kept if k["outlet"]))
    facets["date"] = dict(
        sorted(Counter(k["published"][:7] for k in kept if k["published"]).items())
    )
    return page.of(kept) | {"facets": facets}


def _now(store: SqlStore, page: Page, q: str | None, **want: str) -> dict[str, Any]:
    return search(store, page, q=q, **want)  # type: ignore[arg-type]


def _check_search(store: SqlStore) -> None:
    for q in (*WORDS, None):
        for page in (Page(50, 0), Page(1, 1)):
            got, expected = _now(store, page, q), _before_search(store, page, q)
            for item in got["items"]:  # a score is a float: compare it as one
                item["score"] = pytest.approx(item["score"])
            assert got == expected, q
    entity_id = next(e.id for e in store.entities() if e.name == "Gabriela Sommerfeld")
    for want in (
        {"place": "Manta"},
        {"entity": "gabriela sommerfeld"},
        {"entity": entity_id},
        {"type": "AGREE"},
        {"outlet": "nowhere.example"},
        {"since": "2000-01-01"},
    ):
        for q in ("port", "Ecuador", None):
            got = _now(store, Page(50, 0), q, **want)
            expected = _before_search(store, Page(50, 0), q, **want)
            for item in got["items"]:
                item["score"] = pytest.approx(item["score"])
            assert got == expected, (q, want)


def _before_entity(store: SqlStore, eid: str, limit: int) -> dict[str, Any]:
    """Schema 10's co-mentions, articles and quotes about an entity (every quote read)."""
    rows = store._execute(
        "SELECT e.id, e.name, e.type, n FROM (SELECT p.entity_id, count(*) AS n FROM ("
        " SELECT DISTINCT o.article_id, o.entity_id FROM mentions o JOIN ("
        f"  SELECT DISTINCT m.article_id, m.version FROM mentions m {_latest('m')}"
        "  WHERE m.entity_id = ?) k ON k.article_id = o.article_id AND k.version = o.version"
        " WHERE o.entity_id <> ?) p GROUP BY p.entity_id) c JOIN entities e ON e.id = c.entity_id",
        (eid, eid),
    )
    co = sorted(
        ({"id": r[0], "name": r[1], "type": r[2], "count": int(r[3])} for r in rows),
        key=lambda c: (-c["count"], c["name"], c["id"]),
    )[:20]
    articles = store._execute(
        f"SELECT DISTINCT m.article_id, a.published FROM mentions m {_latest('m')} "
        "WHERE m.entity_id = ?",
        (eid,),
    )
    name = store._execute("SELECT name FROM entities WHERE id = ?", (eid,))[0][0]
    said = [
        h
        for h in store.quotes(speaker=name)
        if h.quote.speaker is not None and h.quote.speaker.entity_id in (eid, None)
    ]
    said_at = {(h.article_id, h.quote.start) for h in said}
    columns = ", ".join(f"q.{c.strip()}" for c in QUOTE_COLUMNS.split(","))
    found = store.journal(kinds=("quote",))
    names = store.entity_names(found)
    about = [
        hit
        for hit in (
            QuoteHit(r[0], r[1], apply_quote(quote_from_row(r[3:]), found.get(r[-1]), names))
            for r in store._execute(
                f"SELECT DISTINCT q.article_id, a.title, q.idx, {columns} FROM quotes q "
                f"{_latest('q')} JOIN mentions m ON m.article_id = q.article_id "
                "AND m.version = q.version AND m.start_char >= q.start_char "
                "AND m.end_char <= q.end_char WHERE m.entity_id = ? ORDER BY q.article_id, q.idx",
                (eid,),
            )
            if (r[0], r[3]) not in said_at
        )
        if hit.quote.review != "rejected"
    ]
    mentions = store._execute(
        f"SELECT count(*) FROM mentions m {_latest('m')} WHERE m.entity_id = ?", (eid,)
    )
    return {
        "co_mentioned": co,
        "articles": len(articles),
        "mentions": int(mentions[0][0]),
        "months": dict(sorted(Counter(p[:7] for _, p in articles if p).items())),
        "about": [(h.article_id, h.quote.start, h.quote.review) for h in about[:limit]],
        "about_total": len(about),
    }


def _check_entities(store: SqlStore) -> None:
    for e in store.entities():
        for limit in (50, 1):
            page = entity(store, e.id, Review(None, False), limit)
            expected = _before_entity(store, e.id, limit)
            assert page["co_mentioned"] == expected["co_mentioned"], e.name
            assert page["entity"]["articles"] == expected["articles"]
            assert page["entity"]["mentions"] == expected["mentions"]
            assert page["articles_over_time"] == expected["months"]
            assert [
                (q["article_id"], q["start"], q["review"]) for q in page["quotes_about"]
            ] == expected["about"]
            assert page["totals"]["quotes_about"] == expected["about_total"]


def test_search_and_entity_pages_agree_with_the_sql_before_them(
    store: SqlStore, tmp_path: Path
) -> None:
    _ingest(
        store,
        tmp_path / "in",
        deal=DEAL,
        jordan=JORDAN,
        harbour=HARBOUR,
        border=BORDER,
        strike=STRIKE,
    )
    _check_search(store)
    _check_entities(store)
    # Verdicts change facets and lists: a rejected place, a corrected event type, a
    # rejected quote. The index is read again (the store's generation moved).
    deal = next(a.id for a in store.articles() if a.title == "Port Deal Signed")
    article = store.article(deal)
    assert article is not None
    quito = next(p for p in article.places if p.name == "Quito")
    agree = next(e for e in article.events if e.type == "AGREE")
    before = _now(store, Page(50, 0), "police")["facets"]
    store.add_verdict("place", quito.key, "reject")
    store.add_verdict("event", agree.key, "correct", field="type", new="CONSULT")
    quote = next(q for q in article.quotes)
    store.add_verdict("quote", quote.key, "reject")
    after = _now(store, Page(50, 0), "police")["facets"]
    assert after != before and after["event_type"].get("CONSULT")
    _check_search(store)
    _check_entities(store)
    # A merge moves mentions: the co-mentions and facets follow.
    ids = {e.name: e.id for e in store.entities()}
    store.merge_entities(ids["Peru"], ids["Ecuador"])
    _check_search(store)
    _check_entities(store)


def test_facets_of_most_of_the_corpus_are_counted_from_the_rest(
    store: SqlStore, tmp_path: Path
) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL, harbour=HARBOUR, border=BORDER, strike=STRIKE)
    corpus = index.corpus_index(store)
    everyone = list(range(len(corpus.ids)))
    for docs in (everyone, everyone[1:], everyone[:1], []):
        got = corpus.facet_counts(docs)
        expected = index._counts(corpus, docs)
        assert got == expected and all(n > 0 for c in got.values() for n in c.values())


def test_the_index_is_kept_until_the_data_changes(store: SqlStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL, strike=STRIKE)
    first = index.corpus_index(store)
    assert index.corpus_index(store) is first
    store.add_verdict("quote", store.quotes()[0].quote.key, "confirm")
    assert index.corpus_index(store) is not first


def test_rank_reads_the_order_and_scores_of_store_search(store: SqlStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path / "in", deal=DEAL, jordan=JORDAN, harbour=HARBOUR, border=BORDER)
    corpus = index.corpus_index(store)
    for q in (*WORDS, '"port of Manta"', "-", "nothing-like-this"):
        ranked = corpus.rank(store, q, 10_000)
        if store.dialect != "sqlite":
            assert ranked is None
            continue
        assert ranked is not None
        expected = [(h.article_id, h.title, h.rank) for h in store.search(q, 10_000)]
        assert [r[:2] for r in ranked] == [e[:2] for e in expected], q
        assert [r[2] for r in ranked] == pytest.approx([e[2] for e in expected])


def test_migration_11_indexes_spans_and_drops_the_prefix_index(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = {dialect: [m for m in steps if m[0] <= 10] for dialect, steps in MIGRATIONS.items()}
    with monkeypatch.context() as patch:
        patch.setattr(store_base, "MIGRATIONS", old)
        without_stories(patch)
        v10 = open_store(store_url)
        assert v10.schema_version() == 10
        _ingest(v10, tmp_path / "in", deal=DEAL, harbour=HARBOUR)
        eid = next(e.id for e in v10.entities() if e.name == "Manta")
        before = entity(v10, eid, Review(None, False), 50)
        v10.close()
    store = open_store(store_url)
    try:
        assert store.schema_version() == SCHEMA_VERSION >= 12
        if store.dialect == "sqlite":
            sql = "SELECT name FROM sqlite_master WHERE type = 'index'"
        else:
            sql = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        names = {str(r[0]) for r in store._execute(sql)}
        assert {"mentions_entity_span", "quotes_span", "quotes_speaker_description"} <= names
        assert "mentions_entity_article" not in names
        assert entity(store, eid, Review(None, False), 50) == before
    finally:
        store.close()


def test_the_server_builds_the_index_after_a_write(tmp_path: Path) -> None:
    from .test_api_corpus import TOKEN, client, shared_db

    db = tmp_path / "warm.db"
    db.write_bytes(Path(shared_db()).read_bytes())

    def built(store: SqlStore) -> bool:
        return (store.dialect, store.location, store.generation()) in index._SLOTS

    with client(str(db)) as api:
        reader = open_store(str(db))
        try:
            deadline = time.monotonic() + 30
            while not built(reader) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert built(reader)  # at start, before any read asked for it
            key = reader.quotes()[0].quote.key
            answer = api.post(
                "/api/review",
                json={"kind": "quote", "key": key, "verdict": "confirm"},
                headers={"Authorization": f"Bearer {TOKEN}"},
            )
            assert answer.status_code == 200, answer.text
            deadline = time.monotonic() + 30
            while not built(reader) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert built(reader)  # for the new data, with no read in between
        finally:
            reader.close()
