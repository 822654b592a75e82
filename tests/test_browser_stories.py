"""The Stories view in a real browser, over the same sample store as test_browser.py.

The fixtures (chromium, the served store, the watched page) are test_browser.py's; this
module gets its own served store, since they are module-scoped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from dossier.config import Settings
from dossier.pipeline import Ingest
from dossier.store import open_store

from .conftest import SAMPLES
from .test_browser import Watched, _api, _serving, browser, chromium_path, server, watched

pytestmark = pytest.mark.browser
# test_browser.py's fixtures, imported so that pytest finds them in this module too.
FIXTURES = (browser, chromium_path, server, watched)


def _by_source(base: str, part: str) -> Any:
    articles = _api(base, "articles", limit=500)["items"]
    return next(a for a in articles if part in (a.get("source") or ""))


def test_stories_list_story_page_and_reader(server: str, watched: Watched) -> None:
    # The sample corpus reports the Guayaquil/Durán raids in two outlets that disagree on
    # the figures, 29 firearms seized (Meridian Wire) against 31 (Evening Star): see
    # samples/README.md. Both reports belong to one story.
    wire = _by_source(server, "meridianwire-guayaquil-duran-raids")
    star = _by_source(server, "guayaquilstar-duran-guayaquil-raids-23-detained")
    sid = _api(server, f"articles/{wire['id']}")["story_id"]
    assert sid and _api(server, f"articles/{star['id']}")["story_id"] == sid
    story = _api(server, f"stories/{sid}")

    page = watched.open(server + "/stories")
    row = page.locator(f"#stories tr[data-story='{sid}']")
    assert row.count() == 1
    assert row.locator("td.n-reports").inner_text() == str(story["reports"])
    outlets = row.locator("td.outlets").inner_text()
    assert "Meridian Wire" in outlets and "Guayaquil Evening Star" in outlets
    shown = [int(n) for n in page.locator("#stories td.n-reports").all_inner_texts()]
    assert shown == sorted(shown, reverse=True) and min(shown) >= 2
    # The min_reports filter: above this story's count it is gone, and the address says so.
    page.fill("#f-min_reports", str(story["reports"] + 1))
    page.click("form.filters button[type=submit]")
    # (A locator wait: a wait_for_function string would need 'unsafe-eval', which the CSP forbids.)
    page.locator(f"#stories tr[data-story='{sid}']").wait_for(state="detached")
    assert f"min_reports={story['reports'] + 1}" in page.url
    page.fill("#f-min_reports", str(story["reports"]))
    page.click("form.filters button[type=submit]")
    page.wait_for_selector(f"#stories tr[data-story='{sid}']")
    page.locator(f"#stories tr[data-story='{sid}'] a").click()
    page.wait_for_url(re.compile(rf"/stories\?id={sid}$"))
    page.wait_for_selector("body.ready")

    assert page.inner_text("#title") == story["label"]
    assert wire["outlet"] in page.inner_text("#first-report")
    reports = page.locator("#reports tbody tr")
    assert reports.count() == story["reports"] + story["copies"]
    for article in (wire, star):
        link = page.locator(f"#reports tr[data-article='{article['id']}'] a.report-link")
        assert link.inner_text() == article["title"]
    entities = page.locator("#key-entities a.entity-link")
    duran = entities.filter(has_text="Durán").first
    assert (duran.get_attribute("href") or "").startswith("/entity?id=")
    # Sourcing, one row per report, and the firearms count side by side.
    assert page.locator("#sourcing tbody tr").count() == story["reports"]
    wire_row = page.locator(f"#sourcing tr[data-article='{wire['id']}']")
    [wire_sourcing] = [r for r in story["differences"]["reports"] if r["article_id"] == wire["id"]]
    assert wire_row.locator("td.quotes").inner_text() == str(wire_sourcing["quotes"])
    assert wire_row.locator("td.anonymous").inner_text() == str(wire_sourcing["anonymous_quotes"])
    firearms = page.locator("#figures-differ tbody tr").filter(has_text="firearms")
    assert firearms.locator(f"td[data-article='{wire['id']}']").inner_text() == "29"
    assert firearms.locator(f"td[data-article='{star['id']}']").inner_text() == "31"
    # Key events link to their cross-article page exactly when there is one.
    shared = {c["id"] for c in _api(server, "clusters")["items"]}
    events = page.locator("#key-events li")
    assert events.count() == len(story["key_events"])
    for item in events.all():
        linked = item.locator("a").count() > 0
        assert linked == (item.get_attribute("data-cluster") in shared)
    # A key quote opens the reader at its span.
    quote = story["key_quotes"][0]
    href = page.locator("#key-quotes a.quote-link").first.get_attribute("href") or ""
    assert f"start={quote['start']}" in href and f"end={quote['end']}" in href

    page.locator(f"#reports tr[data-article='{wire['id']}'] a.report-link").click()
    page.wait_for_url(re.compile(r"/reader\?"))
    page.wait_for_selector("body.ready")
    assert page.inner_text("#title") == wire["title"]
    # And the reader leads back to the story.
    page.click("#story-link")
    page.wait_for_url(re.compile(rf"/stories\?id={sid}$"))
    page.wait_for_selector("#sourcing")
    assert watched.errors == []


def test_a_story_marks_a_copy_as_a_copy_of_its_original(
    tmp_path: Path, chromium_path: Path, watched: Watched
) -> None:
    # A re-post of the sample wire report on another site a day later, with its own
    # headline and one paragraph cut: a near-duplicate, listed in the story as a copy of
    # the wire's report, not as a report. (The later date makes the wire the earliest copy
    # whatever order the two are ingested in.)
    wire = SAMPLES / "html" / "meridianwire-guayaquil-duran-raids.html"
    page_html = wire.read_text("utf-8")
    cut = re.search(r'<p class="wire-paragraph">The Guayas police command.*?</p>', page_html)
    assert cut is not None
    repost = (
        page_html.replace(cut.group(0), "")
        .replace("meridianwire.example", "coastrepost.example")
        .replace('content="Meridian Wire"', 'content="Coast Repost"')
        .replace("Ecuador arrests 27 in dawn raids", "Dawn raids in Guayaquil and Durán: 27 held")
        .replace("2025-03-19T02:45:00Z", "2025-03-20T09:00:00Z")
    )
    assert "2025-03-20T09:00:00Z" in repost
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / wire.name).write_text(page_html, "utf-8")
    (folder / "coastrepost-raids.html").write_text(repost, "utf-8")
    db = str(tmp_path / "copies.db")
    store = open_store(db)
    Ingest(store, settings=Settings(), progress=False).run([str(folder)])
    store.close()
    with _serving(db) as base:
        articles = _api(base, "articles")["items"]
        original = next(a for a in articles if "coastrepost" not in (a.get("source") or ""))
        copy = next(a for a in articles if "coastrepost" in (a.get("source") or ""))
        record = _api(base, f"articles/{copy['id']}")
        assert record["duplicate_of"] == original["id"]
        sid = record["story_id"]
        page = watched.open(f"{base}/stories?id={sid}")
        assert "1 report and 1 copy" in page.inner_text("#story-meta")
        row = page.locator(f"#reports tr[data-article='{copy['id']}']")
        assert row.get_attribute("class") == "copy"
        marked = row.locator(".copy-of a")
        assert marked.get_attribute("href") == f"/reader?id={original['id']}"
        assert original["title"] in marked.inner_text()
        first = page.locator(f"#reports tr[data-article='{original['id']}']")
        assert first.get_attribute("class") == "original"
        assert page.locator("#sourcing tbody tr").count() == 1  # a copy is not reporting
        # The copy's reader page says what it is a copy of.
        page = watched.open(f"{base}/reader?id={copy['id']}")
        assert page.locator("#copy-of").get_attribute("href") == f"/reader?id={original['id']}"
    assert watched.errors == []
