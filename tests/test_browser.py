"""The workbench in a real browser: Debian's chromium driven by Playwright.

The app runs under uvicorn on a free loopback port over a store ingested from
the sample corpus plus one hostile page. Every view is opened, checked for
console errors and screenshotted under test-artifacts/; then the analyst's
paths: map point -> event -> the reader at its sentence, confirming a quote,
rejecting an event, merging two entities. Playwright never downloads a browser
here: ``executable_path`` points at /usr/bin/chromium, and without it the tests
skip (install it with ``apt-get install chromium``).
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from dossier.config import Settings
from dossier.keys import fold
from dossier.pipeline import Ingest
from dossier.store import open_store

from .conftest import ROOT, SAMPLES

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
TOKEN = "browser-test-token"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Each payload would set window.__pwned (or open a dialog) if it ever ran.
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '<a href="javascript:window.__pwned=1">click</a>',
    '<svg onload="window.__pwned=1"><script>window.__pwned=1</script></svg>',
    '"><iframe srcdoc="<script>parent.__pwned=1</script>">',
]


def _hostile_page() -> str:
    escaped = [p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for p in PAYLOADS]
    paragraphs = "\n".join(
        f"<p>President Daniel Noboa said in Quito on Monday that the note {p} was sent to "
        f"the ministry, according to officials who spoke to reporters.</p>"
        for p in escaped
    )
    return f"""<!doctype html><html><head>
<meta charset="utf-8"><title>{escaped[1]} Hostile page</title>
<meta property="og:title" content="{escaped[3]} Ministry note">
<link rel="canonical" href="javascript:window.__pwned=1">
</head><body><article><h1>{escaped[3]} Ministry note</h1>
{paragraphs}
<p>"We will not sign {escaped[0]} this agreement," said Foreign Minister Gabriela
Sommerfeld, who spoke in Manta on Tuesday.</p>
<p>Navy officers met in Guayaquil on June 3, the ministry said in a statement.</p>
</article></body></html>"""


class Served(str):
    """The app's base URL, with the path of the store it serves."""

    db: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def chromium_path() -> Path:
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")
    return CHROMIUM


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[Served]:
    from dossier.serve import pages

    if not pages.vendored():
        pytest.fail("static/vendor/ is empty: run `make assets` (npm ci in web/)")
    work = tmp_path_factory.mktemp("browser")
    hostile = work / "hostile"
    hostile.mkdir()
    (hostile / "hostile-note.html").write_text(_hostile_page(), "utf-8")
    db = str(work / "browser.db")
    store = open_store(db)
    Ingest(store, settings=Settings(), progress=False).run([str(SAMPLES), str(hostile)])
    store.close()
    with _serving(db) as served:
        yield served


@contextmanager
def _serving(db: str) -> Iterator[Served]:
    """The app over the store at ``db``, under uvicorn on a free loopback port."""
    import uvicorn

    from dossier.serve.app import ServeSettings, create_app

    app = create_app(ServeSettings(db=db, token=TOKEN))
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    served = Served(f"http://127.0.0.1:{port}")
    served.db = db
    try:
        yield served
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(chromium_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(chromium_path), args=ARGS, headless=True)
        yield launched
        launched.close()


class Watched:
    """A page with its console errors, page errors and dialogs recorded."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)

    def open(self, url: str) -> Any:
        self.page.goto(url)
        self.page.wait_for_selector("body.ready", timeout=20000)
        return self.page

    def pwned(self) -> Any:
        return self.page.evaluate("() => window.__pwned")


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield Watched(page)
    context.close()


def _api(base: str, path: str, **params: Any) -> Any:
    response = httpx.get(f"{base}/api/{path}", params=params, timeout=30)
    assert response.status_code == 200, (path, response.text)
    return response.json()


def _set_token(w: Watched, base: str) -> None:
    w.open(base + "/")
    w.page.fill("#token", TOKEN)
    w.page.click("#token-save")


def _views(base: str) -> dict[str, str]:
    """Every view, with ids from the API where a view shows one item."""
    articles = _api(base, "articles", limit=500)["items"]
    seed = next(a for a in articles if "noboa" in (a.get("source") or "").lower())
    hostile = next(a for a in articles if "hostile" in (a.get("source") or ""))
    entity = _api(base, "entities", limit=1)["items"][0]
    views = {
        "articles": "/",
        "reader": f"/reader?id={seed['id']}",
        "reader-hostile": f"/reader?id={hostile['id']}",
        "entities": "/entities",
        "entity": f"/entity?id={entity['id']}",
        "search": "/search?q=Noboa",
        "timeline": "/timeline",
        "map": "/map",
        "network": "/network",
        "sources": "/sources",
        "clusters": "/clusters",
        "errors": "/errors",
    }
    if httpx.get(f"{base}/api/review/journal", timeout=30).status_code == 200:
        views["review"] = "/review"
    clusters = _api(base, "clusters").get("items") or []
    if clusters:
        views["cluster"] = f"/clusters?id={clusters[0]['id']}"
    views["stories"] = "/stories"
    stories = _api(base, "stories").get("items") or []
    if stories:
        views["story"] = f"/stories?id={stories[0]['id']}"
    # The hostile page's title and outlet show in its story's report list.
    hostile_story = _api(base, f"articles/{hostile['id']}").get("story_id")
    if hostile_story:
        views["story-hostile"] = f"/stories?id={hostile_story}"
    return views


def test_every_view_opens_without_console_errors(server: str, watched: Watched) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    failures = {}
    for name, path in _views(server).items():
        page = watched.open(server + path)
        page.wait_for_timeout(300)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
        shown = page.inner_text("#status")
        if watched.errors or page.locator("#status.error").count():
            failures[name] = [*watched.errors, shown]
        watched.errors.clear()
    assert failures == {}, json.dumps(failures, indent=1)


def test_reader_highlights_every_kind_with_a_legend(server: str, watched: Watched) -> None:
    page = watched.open(server + _views(server)["reader"])
    legend = page.inner_text(".legend")
    for label in (
        "Event trigger",
        "Quote",
        "Quote cue",
        "Speaker",
        "Claim",
        "Figure",
        "Place",
        "Date",
        "Entity",
    ):
        assert label in legend
    for layer in ("entity", "quote", "cue", "speaker", "claim", "place", "date", "event"):
        assert page.locator(f"#text .hl-{layer}").count() > 0, layer


def _click_to_a_point(page: Any) -> None:
    page.wait_for_timeout(500)  # let a zoom or cluster animation end
    for _ in range(12):
        point = page.locator(".point-icon.has-events")
        if point.count():
            point.first.click()
            return
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(400)
    pytest.fail("no map point came out of its cluster")


def test_map_point_to_event_to_reader_span(server: str, watched: Watched) -> None:
    page = watched.open(server + "/map")
    _click_to_a_point(page)
    item = page.locator("#point-events li").first
    sentence = item.locator("blockquote").inner_text()
    assert sentence.strip()
    item.locator("a.evidence-link").click()
    page.wait_for_selector("body.ready")
    assert "/reader" in page.url
    page.wait_for_selector("#target")
    # The link points at the event's span, which lies inside the sentence listed.
    shown = " ".join("".join(page.locator(".target").all_inner_texts()).split())
    assert shown and shown in " ".join(sentence.split())
    assert page.locator("#target").is_visible()
    assert watched.errors == []


def test_map_reaches_the_manta_agreement_and_its_sentence(server: str, watched: Watched) -> None:
    # The sample corpus reports agreements on the port of Manta (samples/README.md).
    page = watched.open(server + "/map")
    page.click("#place-list button.place[data-name='Manta']")
    events = page.locator("#point-events li")
    agree = events.filter(has_text="AGREE").first
    sentence = " ".join(agree.locator("blockquote").inner_text().split())
    assert "agreement" in sentence.lower()
    agree.locator("a.evidence-link").click()
    page.wait_for_selector("#target")
    shown = " ".join("".join(page.locator(".target").all_inner_texts()).split())
    assert shown and shown in sentence
    assert watched.errors == []


def _pick(page: Any, selector: str, kind: str) -> None:
    segs = page.locator(selector)
    assert segs.count() > 0, selector
    segs.first.click()
    page.wait_for_selector(f"#finding h2:has-text('{kind}')")


def _cli(db: str, *args: str) -> str:
    from click.testing import CliRunner

    from dossier.cli import main

    result = CliRunner().invoke(main, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_confirm_a_quote_and_reject_an_event(server: Served, watched: Watched) -> None:
    _set_token(watched, server)
    page = watched.open(server + _views(server)["reader"])
    only_quote = ".seg.hl-quote" + "".join(
        f":not(.hl-{x})" for x in ("entity", "cue", "speaker", "figure", "place", "date", "event")
    )
    _pick(page, only_quote, "quote")
    quote_key = page.locator("#finding .review-controls").get_attribute("data-key")
    page.click("#finding .confirm")
    page.wait_for_selector("#finding .badge[data-review=confirmed]")
    quotes = {q["key"]: q["review"] for q in _api(server, "quotes", limit=500)["items"]}
    assert quotes[quote_key] == "confirmed"

    _pick(page, ".seg.hl-event", "event")
    key = page.locator("#finding .review-controls").get_attribute("data-key")
    assert key and key.startswith("event:")
    assert key in _cli(server.db, "export", "--format", "acled", "--all-findings")
    # The panel says whether the precision gate exports the event, as the export does.
    gate_line = page.inner_text("#finding .gate")
    assert gate_line.startswith("Confidence ")
    exported = key in _cli(server.db, "export", "--format", "acled")
    assert exported == ("below the export gate" not in gate_line), gate_line
    page.click("#finding .reject")
    page.wait_for_selector("#finding .badge[data-review=rejected]")
    assert key not in [e["key"] for e in _api(server, "events", limit=500)["items"]]
    every = _api(server, "events", include_rejected="true", limit=500)["items"]
    assert {e["key"]: e["review"] for e in every}[key] == "rejected"
    assert key not in _cli(server.db, "export", "--format", "acled", "--all-findings")
    # Both verdicts outlive a reanalysis of the whole store.
    _cli(server.db, "reanalyze", "--no-progress")
    assert key not in _cli(server.db, "export", "--format", "acled", "--all-findings")
    quotes = {q["key"]: q["review"] for q in _api(server, "quotes", limit=500)["items"]}
    assert quotes[quote_key] == "confirmed"
    page = watched.open(server + _views(server)["reader"])
    assert page.locator("#text .seg.hl-event").count() > 0
    assert watched.errors == []


def test_merge_two_entities_in_the_ui(server: str, watched: Watched) -> None:
    _set_token(watched, server)
    people = [
        e for e in _api(server, "entities", type="PERSON", limit=500)["items"] if e["mentions"]
    ]
    assert len(people) >= 2
    a, b = people[-1], people[-2]
    page = watched.open(f"{server}/entity?id={a['id']}")
    page.fill("#merge-into", b["id"])
    page.click("#merge")
    page.wait_for_url(re.compile(rf"/entity\?id={re.escape(b['id'])}$"))
    page.wait_for_selector("body.ready")
    assert page.locator("#status.error").count() == 0
    gone = httpx.get(f"{server}/api/entities/{a['id']}", timeout=30)
    assert gone.status_code == 404 or gone.json()["entity"]["mentions"] == 0, gone.text
    aliases = json.dumps(_api(server, f"entities/{b['id']}")["aliases"])
    # Aliases are folded forms (no accents), so compare the folded name.
    assert fold(a["name"]) in fold(aliases)
    assert watched.errors == []


def test_rename_an_entity_in_the_ui(server: str, watched: Watched) -> None:
    _set_token(watched, server)
    org = _api(server, "entities", type="ORG", limit=1)["items"][0]
    page = watched.open(f"{server}/entity?id={org['id']}")
    page.fill("#rename-name", "Renamed Organisation")
    page.click("#rename")
    page.wait_for_selector("h1:has-text('Renamed Organisation')")
    assert _api(server, f"entities/{org['id']}")["entity"]["name"] == "Renamed Organisation"
    assert watched.errors == []


def test_hostile_page_executes_nothing_in_any_view(server: str, watched: Watched) -> None:
    _set_token(watched, server)
    if httpx.get(f"{server}/api/review/journal", timeout=30).status_code == 200:
        # A verdict note is hostile too: the review journal shows it.
        quotes = _api(server, "quotes", limit=500)["items"]
        response = httpx.post(
            f"{server}/api/review",
            json={
                "kind": "quote",
                "key": quotes[0]["key"],
                "verdict": "confirm",
                "note": PAYLOADS[1],
            },
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
    views = _views(server)
    views["search-hostile"] = "/search?q=ministry"
    for name, path in views.items():
        page = watched.open(server + path)
        for seg in page.locator("#text .seg").all()[:40]:
            seg.click()
        page.wait_for_timeout(200)
        assert watched.pwned() is None, name
        assert watched.dialogs == [], name
    page = watched.open(server + views["reader-hostile"])
    text = page.inner_text("#text")
    assert "<img src=x onerror=" in text and "<script>" in text
    assert page.locator("#text img, #text script, #text svg, #text iframe").count() == 0
