"""Acceptance in Spanish: a short report of our own through `dossier ingest`, on the wrong
results issue 11 lists, and the sample corpus's Spanish report of the Durán raid linking to
the English reports of it."""

from __future__ import annotations

from pathlib import Path

from dossier.config import Settings
from dossier.pipeline import Ingest
from dossier.store import SqlStore

from .conftest import SAMPLES

# Written for this test.
REPORT = """Operativo en Durán deja 14 detenidos

DURÁN, 12 de agosto de 2025.- Un operativo de la Policía Nacional terminó con 14 detenidos \
en el cantón Durán, informó el ministro del Interior, Julián Andrade, en una rueda de prensa.

«Hemos golpeado a una red que cobraba extorsiones a los comerciantes», dijo Andrade. \
Según una fuente policial que pidió no ser identificada, los detenidos habrían cobrado \
2.000 dólares semanales a cada local.

La Fiscalía pidió prisión preventiva para los 14 sospechosos, que presuntamente integran \
una banda local.
"""


def _ingest(store: SqlStore, folder: Path) -> None:
    summary = Ingest(store, settings=Settings(), progress=False).run([str(folder)])
    assert summary.errors == [] and summary.not_analysed == []


def test_a_short_spanish_report(store: SqlStore, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "duran.txt").write_text(REPORT, encoding="utf-8")
    _ingest(store, folder)
    [row] = store.articles()
    article = store.article(row.id)
    assert article is not None and article.language == "es" and article.analysed
    types = {e.name: e.type for e in article.entities}
    assert "United Nations" not in types and not any("informó" in n for n in types), types
    assert types.get("National Police") == "ORG", "Policía Nacional is the corpus's National Police"
    assert types.get("Julián Andrade") == "PERSON", types
    places = {p.text: p for p in article.places}
    assert places["Durán"].resolved and places["Durán"].country_code == "EC"
    assert any(d.start_date == "2025-08-12" for d in article.dates), article.dates
    [direct] = [q for q in article.quotes if q.kind == "direct"]
    assert direct.cue is not None and direct.cue.text == "dijo"
    assert direct.speaker is not None and direct.speaker.name == "Julián Andrade"
    money = [f for f in article.figures if f.unit and "USD" in f.unit.upper()]
    assert [f.value for f in money] == [2000], article.figures
    assert any(f.value == 14 for f in article.figures)
    sourced = [c for c in article.claims if c.evidence.type == "anonymous_person"]
    assert sourced and any(h.text.lower() == "habrían" for c in sourced for h in c.hedges)
    assert article.events, "a raid and its detentions are events"


def test_the_spanish_report_of_the_duran_raid_joins_the_english_ones(store: SqlStore) -> None:
    _ingest(store, SAMPLES)
    languages: dict[str, set[str]] = {}
    for hit in store.events(type_="COERCE", place="Durán"):
        languages.setdefault(hit.cluster_id, set()).add(hit.language or "")
    assert any(found >= {"en", "es"} for found in languages.values()), languages
