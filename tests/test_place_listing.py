"""Listings show a place as the text writes it, with the gazetteer's name beside it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dossier.cli import main


def test_places_and_show_print_the_surface_form_beside_the_geonames_name(
    store_url: str, tmp_path: Path
) -> None:
    article = tmp_path / "raid.txt"
    article.write_text(
        "Police raid warehouses near Guayaquil\n\n"
        "Police in Durán, across the river from Guayaquil, detained 23 people on Friday, "
        "officials in Ecuador said. Durán has seen a wave of extortion.\n",
        encoding="utf-8",
    )
    runner = CliRunner()

    def cli(*args: str) -> str:
        result = runner.invoke(main, ["--db", store_url, *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    cli("ingest", "--no-progress", str(article))
    listing = cli("places")
    line = next(row for row in listing.splitlines() if "Durán" in row)
    assert "Durán (Eloy Alfaro)" in line
    rows = json.loads(cli("--json", "places"))
    (duran,) = [r for r in rows if r["name"] == "Eloy Alfaro"]
    assert duran["texts"] == ["Durán"]
    (found,) = json.loads(cli("--json", "articles"))
    assert "Durán" in cli("show", found["id"])
