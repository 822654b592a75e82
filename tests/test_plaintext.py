from __future__ import annotations

from dossier.ingest.plaintext import markdown_to_text, parse_plain_text

BLOG = """Harbour Works Begin In Manta

\u00a0

By Ana Torres

March 4, 2025

Crews began driving piles for the new pier on Monday, port officials said.

The work is expected to last eight months.

Comments

Popular posts from this blog

Ten Recipes For A Rainy Weekend

Why The Local Football Club Changed Its Crest
"""


def test_title_byline_date_and_trailing_boilerplate() -> None:
    parsed = parse_plain_text(BLOG)
    assert parsed.title == "Harbour Works Begin In Manta"
    assert parsed.author == "Ana Torres"
    assert parsed.published == "2025-03-04"
    assert parsed.text.splitlines() == [
        "Crews began driving piles for the new pier on Monday, port officials said.",
        "The work is expected to last eight months.",
    ]
    for junk in ("Comments", "Popular posts", "Rainy Weekend"):
        assert junk not in parsed.text


def test_sentence_first_line_is_not_a_title() -> None:
    parsed = parse_plain_text("Police arrested 23 people in Durán.\n\nThe raid began at dawn.")
    assert parsed.title is None
    assert parsed.text.startswith("Police arrested")


def test_marker_followed_by_long_paragraphs_is_kept() -> None:
    long = " ".join(["word"] * 40) + "."
    parsed = parse_plain_text(f"Title Here\n\nBody text.\n\nComments\n\n{long}")
    assert "Comments" in parsed.text and long in parsed.text


def test_markdown_heading_and_syntax() -> None:
    text, title = markdown_to_text(
        "# Pier Plans\n\nThe **Defense Ministry** signed a [deal](https://x.example).\n\n"
        "## Background\n\n- First item\n"
    )
    assert title == "Pier Plans"
    parsed = parse_plain_text(text, markdown_title=title)
    assert parsed.text.splitlines() == [
        "The Defense Ministry signed a deal.",
        "Background",
        "First item",
    ]


# Written for this test: a Spanish blog post with its byline and trailing boilerplate.
SPANISH_BLOG = """Obras en el muelle de Manta

Por María de la Torre

Los trabajos para el nuevo muelle comenzaron el lunes, según la autoridad portuaria.

La obra durará ocho meses.

Noticias relacionadas

Cierran la vía a Montecristi por lluvias

Etiquetas: Manta, puerto
"""


def test_spanish_bylines_and_boilerplate_are_read_like_english_ones() -> None:
    parsed = parse_plain_text(SPANISH_BLOG)
    assert parsed.title == "Obras en el muelle de Manta"
    assert parsed.author == "María de la Torre"
    assert parsed.text.endswith("La obra durará ocho meses.")
    assert "Montecristi" not in parsed.text


def test_a_short_opening_sentence_is_no_byline() -> None:
    parsed = parse_plain_text(
        "Informe semanal\n\nPor qué importa el muelle\n\nEl texto sigue aquí."
    )
    assert parsed.author is None and parsed.text.startswith("Por qué importa")
    english = parse_plain_text("Weekly note\n\nBy the numbers\n\nThe text goes on here.")
    assert english.author is None and english.text.startswith("By the numbers")


def test_datelines_in_either_language_give_the_publication_date() -> None:
    for line, day in [
        ("12 de agosto de 2025", "2025-08-12"),
        ("Publicado el martes, 18 de marzo de 2025", "2025-03-18"),
        ("Tuesday, March 18, 2025", "2025-03-18"),
        ("Updated: Mar. 4 2025", "2025-03-04"),
    ]:
        parsed = parse_plain_text(f"Obras en el puerto\n\n{line}\n\nEl texto sigue aquí.")
        assert (parsed.published, parsed.text) == (day, "El texto sigue aquí."), line
    sentence = parse_plain_text("Obras\n\nEl 12 de agosto de 2025 empezó la obra.\n\nSigue.")
    assert sentence.published is None, "a sentence with a date is no dateline"
