"""Outlet homes end to end: a local outlet's bare town names resolve near its home."""

from __future__ import annotations

from pathlib import Path

from dossier.config import Settings
from dossier.models import Place
from dossier.pipeline import Ingest, reanalyze
from dossier.store import SqlStore, open_store

from .pages import outlet_page

LOCAL = "Lamar Ledger"
HOME_STORIES = {
    "Flood": [
        "Flooding closed roads across Lamar County, Texas, on Tuesday.",
        "Crews from Reno and Blossom cleared debris near the county line, and Texas officials "
        "said more rain was expected before the weekend.",
    ],
    "Budget": [
        "Lamar County commissioners approved a new budget for the sheriff's office.",
        "The county seat of Paris, Texas, will hold a public hearing next week, and residents "
        "of Deport and Roxton are expected to attend.",
    ],
    "Drought": [
        "A Texas farm group met in Sumner on Thursday to discuss drought relief.",
        "Members said cattle prices across North Texas had fallen for a third month.",
    ],
}
BARE = [
    "The Paris city council voted on Monday to repair the old water tower.",
    "Council members said the work would start in the spring and last two months.",
]


def _home_pages(folder: Path) -> list[str]:
    return [outlet_page(folder, title, LOCAL, text) for title, text in HOME_STORIES.items()]


def _paris(store: SqlStore, title: str) -> Place:
    [row] = [r for r in store.articles() if r.title == title]
    article = store.article(row.id)
    assert article is not None
    [paris] = [p for p in article.places if p.text == "Paris"]
    return paris


def test_a_bare_town_name_resolves_near_its_outlets_home(store: SqlStore, tmp_path: Path) -> None:
    ingest = Ingest(store, settings=Settings(), progress=False)
    # The local story arrives first: nothing is known about its outlet yet.
    first = ingest.run([outlet_page(tmp_path, "Tower", LOCAL, BARE)])
    assert first.errors == []
    assert _paris(store, "Tower").country_code == "FR"
    far = [*BARE[:1], "Council members said the lanes would open in the spring."]
    ingest.run([*_home_pages(tmp_path), outlet_page(tmp_path, "Lanes", "World Desk", far)])
    articles, votes = store.outlet_votes(LOCAL)
    assert articles == 4 and votes[("US", "Texas")] >= 3
    tower = next(r for r in store.articles() if r.title == "Tower")
    stored = store.votes_of(tower.id)  # read alone, it votes for nowhere in Texas
    assert stored is not None and stored[0] == LOCAL and ("US", "Texas") not in stored[1]
    # Reanalysis reads every article with the home its outlet's other articles give.
    assert reanalyze(store, Settings(), progress=False) == 5
    local = _paris(store, "Tower")
    assert (local.country_code, local.admin1) == ("US", "Texas")
    assert _paris(store, "Lanes").country_code == "FR"  # another outlet, no such home
    before = [store.article(r.id) for r in store.articles()]
    reanalyze(store, Settings(), progress=False)
    assert [store.article(r.id) for r in store.articles()] == before


def test_articles_of_one_run_see_the_earlier_ones(store: SqlStore, tmp_path: Path) -> None:
    pages = [*_home_pages(tmp_path), outlet_page(tmp_path, "Tower", LOCAL, BARE)]
    summary = Ingest(store, settings=Settings(), progress=False).run(pages)
    assert summary.new == 4 and summary.errors == []
    local = _paris(store, "Tower")
    assert (local.country_code, local.admin1) == ("US", "Texas")


def test_reanalysis_gives_the_same_places_in_any_arrival_order(tmp_path: Path) -> None:
    pages = [*_home_pages(tmp_path), outlet_page(tmp_path, "Tower", LOCAL, BARE)]
    places = []
    for name, order in (("forward", pages), ("backward", pages[::-1])):
        with open_store(str(tmp_path / f"{name}.db")) as store:
            Ingest(store, settings=Settings(), progress=False).run(order)
            reanalyze(store, Settings(), progress=False)
            places.append({r.title: store.article(r.id).places for r in store.articles()})  # type: ignore[union-attr]
    assert places[0] == places[1]
    assert places[0]["Tower"][0].admin1 == "Texas"


def test_a_store_without_votes_settles_in_one_reanalysis(store: SqlStore, tmp_path: Path) -> None:
    pages = [*_home_pages(tmp_path), outlet_page(tmp_path, "Tower", LOCAL, BARE)]
    Ingest(store, settings=Settings(), progress=False).run(pages)
    with store._transaction():  # as a store from before outlet homes has none
        store._execute("DELETE FROM regions")
    assert store.outlet_votes(LOCAL) == (4, {})
    assert reanalyze(store, Settings(), progress=False) == 4
    assert _paris(store, "Tower").admin1 == "Texas"


def test_a_new_version_does_not_see_its_own_earlier_votes(store: SqlStore, tmp_path: Path) -> None:
    url = "https://ledger.example/news/council"
    ingest = Ingest(store, settings=Settings(), progress=False)
    ingest.run([outlet_page(tmp_path, "Council", LOCAL, HOME_STORIES["Budget"], canonical=url)])
    (tmp_path / "council.html").unlink()
    summary = ingest.run([outlet_page(tmp_path, "Council", LOCAL, BARE, canonical=url)])
    assert summary.versions == 1
    assert _paris(store, "Council").country_code == "FR"  # the outlet has no other article
    reanalyze(store, Settings(), progress=False)
    assert _paris(store, "Council").country_code == "FR"
