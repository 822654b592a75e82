"""Ingest with worker processes stores what a single process stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dossier.config import Settings
from dossier.models import Place
from dossier.pipeline import Ingest
from dossier.store import SqlStore, open_store

from .pages import outlet_page

LOCAL = "Valley Courier"
PAGES = {
    "Mill": (
        LOCAL,
        [
            "Flooding closed the old mill road in Lamar County, Texas, on Tuesday.",
            "Crews from Reno and Blossom cleared debris, Texas officials said.",
        ],
    ),
    "Sheriff": (
        LOCAL,
        [
            "Lamar County commissioners approved a budget for the sheriff's office in Texas.",
            '"We need two more deputies," Sheriff Dana Price told the commissioners.',
        ],
    ),
    "Market": (
        LOCAL,
        [
            "Farmers met in Sumner, Texas, on Thursday to talk about cattle prices.",
            "Prices across North Texas fell for a third month, the farm bureau said.",
        ],
    ),
    "Tower": (
        LOCAL,
        [
            "The Paris city council voted on Monday to repair the old water tower.",
            "Council members said the work would start in the spring.",
        ],
    ),
    "Summit": (
        "World Wire",
        [
            "President Elena Marsh met Prime Minister Omar Haddad in Geneva on Friday.",
            '"We agreed to keep talking," Marsh told reporters after the meeting.',
            "Police arrested three protesters outside the hall, a spokesman said.",
        ],
    ),
}
TEXTS = {
    "harbour.txt": (
        "Mayor Clara Ruiz said on Monday that the harbour wall in Port Alden would be "
        'rebuilt before the winter storms. "We have waited long enough," Ruiz said.'
    ),
    "bridge.txt": (
        "Engineers closed the Miller Street bridge in Eastbrook on Friday after inspectors "
        "found cracks, the county roads office said."
    ),
    "strike.txt": (
        "Dock workers in Rotterdam walked off the job on Wednesday, and the union leader "
        "Pieter de Vries said the strike would last a week."
    ),
}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for title, (outlet, paragraphs) in PAGES.items():
        outlet_page(folder, title, outlet, paragraphs)
    for name, text in TEXTS.items():
        (folder / name).write_text(text)
    return folder


def _everything(store: SqlStore) -> dict[str, Any]:
    articles = {row.id: store.article(row.id) for row in store.articles()}
    return {
        "articles": articles,
        "entities": store.entities(),
        "quotes": store.quotes(),
        "events": store.events(),
        "stats": store.stats(),
    }


def _paris(store: SqlStore) -> Place:
    [row] = [r for r in store.articles() if r.title == "Tower"]
    article = store.article(row.id)
    assert article is not None
    [paris] = [p for p in article.places if p.text == "Paris"]
    return paris


def test_two_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    # Batches of two, so that the eight documents make several batches for the workers.
    settings = Settings(batch_size=2)
    results = []
    for workers in (1, 2):
        with open_store(str(tmp_path / f"w{workers}.db")) as store:
            ingest = Ingest(store, settings=settings, progress=False, workers=workers)
            summary = ingest.run([str(folder)])
            assert summary.new == 8 and summary.errors == []
            # With workers, this process never loads the model: they analyse.
            assert (ingest._analyzer is None) == (workers == 2)
            again = ingest.run([str(folder)])  # a second run on the same Ingest
            assert again.skipped == 8
            # The run's own articles teach the local outlet its home, with any workers.
            assert (_paris(store).country_code, _paris(store).admin1) == ("US", "Texas")
            results.append(_everything(store))
    assert results[0] == results[1]
    assert results[0]["quotes"] and results[0]["events"] and results[0]["entities"]


def test_the_order_of_the_input_does_not_change_the_result(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    files = sorted(str(p) for p in folder.iterdir())
    results = []
    for name, order in (("forward", files), ("backward", files[::-1])):
        with open_store(str(tmp_path / f"{name}.db")) as store:
            Ingest(store, settings=Settings(), progress=False).run(order)
            results.append({r.title: store.article(r.id).places for r in store.articles()})  # type: ignore[union-attr]
    assert results[0] == results[1]


def test_workers_must_be_positive(store: SqlStore) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Ingest(store, settings=Settings(), workers=0)


def test_the_workers_option_of_ingest(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dossier.cli import main

    db = str(tmp_path / "cli.db")
    bad = CliRunner().invoke(main, ["--db", db, "ingest", "--workers", "0", str(tmp_path)])
    assert bad.exit_code == 2 and "--workers" in bad.stderr
    story = tmp_path / "harbour.txt"
    story.write_text(TEXTS["harbour.txt"])
    done = CliRunner().invoke(main, ["--db", db, "ingest", "--workers", "2", str(story)])
    assert done.exit_code == 0 and "1 new" in done.stdout
