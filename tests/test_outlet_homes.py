"""Outlet homes end to end: a local outlet's bare town names resolve near its home."""

from __future__ import annotations

from html import escape
from pathlib import Path

from dossier.config import Settings
from dossier.models import Place
from dossier.pipeline import Ingest, reanalyze
from dossier.store import SqlStore

LOCAL = "Lamar Ledger"
HOME_STORIES = {
    "flood": [
        "Flooding closed roads across Lamar County, Texas, on Tuesday.",
        "Crews from Reno and Blossom cleared debris near the county line, and Texas officials "
        "said more rain was expected before the weekend.",
    ],
    "budget": [
        "Lamar County commissioners approved a new budget for the sheriff's office.",
        "The county seat of Paris, Texas, will hold a public hearing next week, and residents "
        "of Deport and Roxton are expected to attend.",
    ],
    "drought": [
        "A Texas farm group met in Sumner on Thursday to discuss drought relief.",
        "Members said cattle prices across North Texas had fallen for a third month.",
    ],
}
BARE = [
    "The Paris city council voted on Monday to repair the old water tower.",
    "Council members said the work would start in the spring and last two months.",
]


def _page(folder: Path, name: str, outlet: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    path = folder / f"{name}.html"
    path.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(name.title())}</title>"
        f"<meta property='og:site_name' content='{escape(outlet)}'></head>"
        f"<body><article><h1>{escape(name.title())}</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    return str(path)


def _paris(store: SqlStore, title: str) -> Place:
    [row] = [r for r in store.articles() if r.title == title]
    article = store.article(row.id)
    assert article is not None
    [paris] = [p for p in article.places if p.text == "Paris"]
    return paris


def test_a_bare_town_name_resolves_near_its_outlets_home(store: SqlStore, tmp_path: Path) -> None:
    ingest = Ingest(store, settings=Settings(), progress=False)
    # The local story arrives first: nothing is known about its outlet yet.
    first = ingest.run([_page(tmp_path, "tower", LOCAL, BARE)])
    assert first.errors == []
    assert _paris(store, "Tower").country_code == "FR"
    homes = [_page(tmp_path, name, LOCAL, text) for name, text in HOME_STORIES.items()]
    far = [*BARE[:1], "Council members said the lanes would open in the spring."]
    ingest.run([*homes, _page(tmp_path, "lanes", "World Desk", far)])
    votes = store.outlet_votes(LOCAL)
    assert votes[0] == 4 and votes[1][("US", "Texas")] >= 3
    tower = next(r.id for r in store.articles() if r.title == "Tower")
    assert store.outlet_votes(LOCAL, exclude=tower)[0] == 3
    # Reanalysis reads every article with the home its outlet's other articles give.
    assert reanalyze(store, Settings(), progress=False) == 5
    local = _paris(store, "Tower")
    assert (local.country_code, local.admin1) == ("US", "Texas")
    assert _paris(store, "Lanes").country_code == "FR"  # another outlet, no such home
    before = [store.article(r.id) for r in store.articles()]
    reanalyze(store, Settings(), progress=False)
    assert [store.article(r.id) for r in store.articles()] == before


def test_articles_of_one_run_see_the_earlier_ones(store: SqlStore, tmp_path: Path) -> None:
    homes = [_page(tmp_path, name, LOCAL, text) for name, text in HOME_STORIES.items()]
    summary = Ingest(store, settings=Settings(), progress=False).run(
        [*homes, _page(tmp_path, "tower", LOCAL, BARE)]
    )
    assert summary.new == 4 and summary.errors == []
    local = _paris(store, "Tower")
    assert (local.country_code, local.admin1) == ("US", "Texas")
    tower = next(r for r in store.articles() if r.title == "Tower")
    assert ("US", "Texas") not in store.regions(tower.id, tower.version)  # France, alone
