"""Valid HTML5 that omits optional end tags is read; a document cut short is refused (E402)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.config import Settings
from dossier.ingest.truncation import truncation
from dossier.pipeline import Ingest
from dossier.store import SqlStore

from .pages import PARAGRAPHS

HEAD = (
    "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Ferry returns</title>"
    "<meta property='og:site_name' content='Valley Courier'></head><body>"
)
# HTML5 lets a page leave out </p>, </li>, </body> and </html>: this is a whole page.
WHOLE = (
    HEAD
    + "<main><article><h1>Ferry returns</h1>"
    + "".join(f"<p>{p}" for p in PARAGRAPHS["pier"])
    + "</article></main><footer><ul><li>About<li>Contact</ul></footer>"
)


@pytest.mark.parametrize(
    "page",
    [
        WHOLE,
        WHOLE + "</body>",
        WHOLE + "</body></html>",
        WHOLE + "\n<!-- served by cache -->\n",
        WHOLE + "<script>window.x = '<p>';</script>",
        WHOLE + "<table><tr><td>Timetable<td>Daily</table><p>Last line",
        "<p>" + PARAGRAPHS["pier"][0] + "<br/><img src=a.png><hr>",
    ],
)
def test_whole_documents(page: str) -> None:
    assert truncation(page) is None


@pytest.mark.parametrize(
    ("page", "where"),
    [
        (WHOLE[: WHOLE.index("Contact") + 3], "<ul> still open"),  # cut in the footer list
        (HEAD + "<main><p>The ferry", "<main> still open"),
        (WHOLE + "<a href='/next", "attribute value"),
        (WHOLE + '<img src="a.png" alt=', "inside a tag"),
        (WHOLE + "<!-- related stories", "inside a comment"),
        (WHOLE + "<script>var stories = [1, 2,", "inside a <script> element"),
        (WHOLE + "<style>p { color:", "inside a <style> element"),
        (WHOLE + "</body></html><!-- trailing", "inside a comment"),
    ],
)
def test_truncated_documents(page: str, where: str) -> None:
    found = truncation(page)
    assert found is not None and where in found


def test_ingest_accepts_html5_without_closing_tags_and_refuses_a_cut_page(
    store: SqlStore, tmp_path: Path
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "whole.html").write_text(WHOLE)
    (pages / "cut.html").write_text(WHOLE[: WHOLE.index("</article>") - 20])
    summary = Ingest(store, settings=Settings(), progress=False).run([str(pages)])
    assert summary.new == 1
    [error] = summary.errors
    assert error.code == "E402" and error.source.endswith("cut.html")
    assert "<article> still open" in error.reason
    [row] = store.articles()
    article = store.article(row.id)
    assert article is not None and article.title == "Ferry returns"
    assert article.text.splitlines()[-1] == PARAGRAPHS["pier"][-1]
