"""Acceptance on the seed report: title, no boilerplate, the right entities and types."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.config import Settings
from dossier.pipeline import Ingest
from dossier.store import open_store, resolve

EXPECTED = {
    "Daniel Noboa": "PERSON",
    "Donald Trump": "PERSON",
    "James Hewitt": "PERSON",
    "Gian Carlo Loffredo": "PERSON",
    "Erik Prince": "PERSON",
    "U.S. Southern Command": "ORG",
    "DEA": "ORG",
    "Manta": "GPE",
    "Guayaquil": "GPE",
    "Durán": "GPE",
}
BOILERPLATE = (
    "Popular posts from this blog",
    "Comments",
    "Kamala Harris",
    "Lando Norris",
    "Harris Expands Lead",
    "Share",
    "Facebook",
    "Labels",
    "Archive",
    "Copyright",
)


@pytest.mark.parametrize("aliases", ["packaged", "none"])
@pytest.mark.parametrize("name", ["seed-article.html", "000_6697f758b25771b6.txt"])
def test_seed_article(
    seed_dir: Path, tmp_path: Path, name: str, aliases: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing here may rest on the known-alias table: the same assertions hold without it.
    if aliases == "none":
        monkeypatch.setattr(resolve, "known_aliases", dict)
    store = open_store(str(tmp_path / "seed.db"))
    summary = Ingest(store, settings=Settings(), progress=False).run([str(seed_dir / name)])
    assert summary.new == 1 and not summary.errors
    [row] = store.articles()
    article = store.article(row.id)
    assert article is not None
    assert article.title == "Ecuador Prepares For U.S. Military Presence Amid Rising Gang Violence"
    assert article.text.startswith("Ecuador is laying the groundwork")
    assert article.text.rstrip().endswith("remains to be seen.")
    for junk in BOILERPLATE:
        assert junk not in article.text, junk
    types = {m.text: e.type for e in article.entities for m in e.mentions}
    for entity, type_ in EXPECTED.items():
        assert types.get(entity) == type_, (entity, types.get(entity))
    names = {m.text: e.name for e in article.entities for m in e.mentions}
    # The text never writes the DEA's full name, so the entity is named as the text names it.
    assert names["DEA"] == "DEA"
    assert names["Southcom"] == names["U.S. Southern Command"] == "U.S. Southern Command"
    by_name = {e.name: e for e in article.entities}
    assert {m.text for m in by_name["Daniel Noboa"].mentions} == {"Daniel Noboa", "Noboa"}
    assert {m.text for m in by_name["Donald Trump"].mentions} == {"Donald Trump", "Trump"}
    for entity in article.entities:
        for m in entity.mentions:
            assert article.text[m.start : m.end] == m.text
    store.close()
