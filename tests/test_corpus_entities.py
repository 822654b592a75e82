"""Entities across articles, hand merges and splits, and re-analysis, on both stores."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from dossier.cli import main
from dossier.config import Settings
from dossier.pipeline import Ingest, reanalyze
from dossier.store import SqlStore, open_store

ARTICLES = {
    "a.txt": "Noboa Meets Envoy\n\nPresident Daniel Noboa met U.S. officials in Quito on Monday. "
    "Daniel Noboa said that the talks had gone well.",
    "b.txt": "Pier Works Continue\n\nNoboa said on Tuesday that the pier at Manta would be "
    "finished this year. Officials from Southcom visited the site.",
    "c.txt": "Jordan Visits Port\n\nMichael Jordan toured the port of Manta on Friday. "
    "Jordan said that he was impressed by the new pier.",
    "d.txt": "Another Jordan\n\nKatie Jordan, a port engineer, said that Jordan would inspect "
    "the pier again. The U.S. Southern Command (Southcom) said it had no comment.",
}


def _ingest(store: SqlStore, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    summary = Ingest(store, settings=Settings(), progress=False).run([str(folder)])
    assert summary.errors == [] and summary.new == len(ARTICLES)


def _by_name(store: SqlStore) -> dict[str, str]:
    return {e.name: e.id for e in store.entities()}


def test_surname_and_short_forms_resolve_across_articles(store: SqlStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path / "in")
    names = _by_name(store)
    noboa = next(e for e in store.entities() if e.name == "Daniel Noboa")
    assert noboa.articles == 2 and "Noboa" not in names
    assert "noboa" in store.aliases(noboa.id)
    # d.txt defines Southcom, so the short form is registered to the full name; b.txt's
    # bare "Southcom" says nothing of what it is, and no hand list decides it.
    southcom = next(e for e in store.entities() if e.name == "U.S. Southern Command")
    assert "southcom" in store.aliases(southcom.id)
    quotes = store.quotes(speaker="Noboa")
    assert {q.quote.speaker.name for q in quotes if q.quote.speaker} == {"Daniel Noboa"}
    assert len(quotes) == 2


def test_split_and_merge_survive_reanalysis(store: SqlStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path / "in")
    names = _by_name(store)
    michael = names["Michael Jordan"]
    assert "Jordan" not in names, "the surname joined Michael Jordan at first"
    new = store.split_entity(michael, "Jordan")
    assert _by_name(store)["Jordan"] == new
    store.merge_entities(names["Katie Jordan"], names["Daniel Noboa"])
    merged = next(e for e in store.entities() if e.name == "Daniel Noboa")
    assert merged.articles == 3

    assert reanalyze(store, Settings(), progress=False) == len(ARTICLES)
    after = {e.name: e for e in store.entities()}
    assert after["Jordan"].id == new and after["Michael Jordan"].id == michael
    assert "Katie Jordan" not in after and after["Daniel Noboa"].articles == 3


def test_quotes_claims_merge_and_split_commands(store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    runner = CliRunner()

    def cli(*args: str) -> str:
        result = runner.invoke(main, ["--db", store_url, *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    cli("ingest", "--no-progress", str(folder))
    out = cli("quotes", "--speaker", "Noboa")
    assert out.count("Daniel Noboa") == 2 and "the talks had gone well" in out
    assert "Katie Jordan" not in cli("quotes", "--anonymous")
    assert "Katie Jordan" in cli("quotes", "--named")
    out = cli("claims", "--evidence", "named_person")
    assert "Daniel Noboa" in out
    with open_store(store_url) as view:
        ids = {e.name: e.id for e in view.entities()}
    assert "merged" in cli("merge", ids["Katie Jordan"], ids["Michael Jordan"])
    assert "split" in cli("split", ids["Michael Jordan"], "Jordan")
    assert "jordan" not in cli("aliases", ids["Michael Jordan"]).splitlines()
    assert "re-analysed 4 articles" in cli("reanalyze", "--no-progress")
    bad = runner.invoke(main, ["--db", store_url, "--json", "merge", "nope", ids["Daniel Noboa"]])
    assert bad.exit_code == 2 and '"E604"' in bad.stderr
