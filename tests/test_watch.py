"""``dossier watch`` against a real HTTP server on 127.0.0.1 whose feed changes between polls.

The server (stdlib ``http.server`` in a thread) honours ``If-None-Match`` as a real one
does, counts what reached it, and can be told to fail. The articles are written for
these tests. The clock is the test's, so back-off is checked without waiting.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.alerts import load_rules
from dossier.analyze import Analyzer
from dossier.cli import main
from dossier.config import Settings
from dossier.ingest.fetch import Fetcher
from dossier.store import SqlStore, open_store
from dossier.watch import Watcher, backoff
from dossier.watch_state import WatchState

ARTICLES = {
    "pier": (
        "Manta pier contract questioned",
        "Port officials in Manta said on Monday that dredging for the new pier would begin in "
        "April. A senior official who asked not to be named said the Manta pier contract had "
        "been signed without a public tender. The port authority did not answer questions "
        "about the schedule.",
    ),
    "noboa": (
        "Noboa rules out talks with gangs",
        "President Daniel Noboa said on Tuesday that his government would not negotiate with "
        'the gangs. "We will not sit down with the people who extort our shopkeepers," Noboa '
        "told reporters in Quito. He said more soldiers would be sent to the coast.",
    ),
    "dea": (
        "DEA arrests in Guayaquil",
        "Agents of the DEA arrested three men in Guayaquil on Wednesday, police said. The DEA "
        "seized two tonnes of cocaine hidden in banana crates at the port of Guayaquil. "
        "Prosecutors in Guayas said the men would appear before a judge on Friday.",
    ),
    "rain": (
        "Rain floods coastal roads",
        "Heavy rain flooded roads along the coast on Thursday and schools in two towns stayed "
        "closed. Drivers were told to avoid the highway until the water goes down.",
    ),
}

RULES = """\
[alerts]
log = "alerts.jsonl"

[[rule]]
name = "DEA in Guayas"
finding = "event"
actor = "DEA"
place = "Guayas"
actions = ["print", "log"]

[[rule]]
name = "Noboa quoted"
finding = "quote"
speaker = "Noboa"
actions = ["print", "log"]

[[rule]]
name = "anonymous on Manta"
finding = "claim"
evidence = "anonymous_person"
mentions = "Manta"
actions = ["log"]
"""


def feed_xml(keys: list[str]) -> str:
    items = "".join(
        f"<item><title>{escape(ARTICLES[k][0])}</title><link>https://coast.example/{k}</link>"
        f"<guid>https://coast.example/{k}</guid><pubDate>Tue, 18 Mar 2025 08:00:00 GMT</pubDate>"
        f"<content:encoded><![CDATA[<p>{escape(ARTICLES[k][1])}</p>]]></content:encoded></item>"
        for k in keys
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Coast Monitor</title><link>https://coast.example/</link>{items}</channel></rss>"
    )


@dataclass
class FeedServer:
    """Serves ``/feed`` from ``keys`` with an ETag of its bytes; ``fail`` answers 500."""

    keys: list[str]
    fail: int = 0
    honour_etag: bool = True
    raw: bytes | None = None  # served instead of the feed when set
    content_type: str = "application/rss+xml"
    send_etag: bool = True  # without it, only Last-Modified (the file's time) validates
    modified: str = "Tue, 18 Mar 2025 09:00:00 GMT"
    base: str = ""
    asked: list[dict[str, str]] = field(default_factory=list)  # headers of each feed request
    posts: list[bytes] = field(default_factory=list)

    def body(self) -> bytes:
        return self.raw if self.raw is not None else feed_xml(self.keys).encode("utf-8")

    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body()).hexdigest()[:16] + '"'


@contextlib.contextmanager
def feed_server(keys: list[str]) -> Iterator[FeedServer]:
    feed = FeedServer(list(keys))

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path != "/feed":
                self.send_error(404)
                return
            feed.asked.append(dict(self.headers.items()))
            if feed.fail:
                self.send_error(feed.fail)
                return
            same = (
                self.headers.get("If-None-Match") == feed.etag()
                if feed.send_etag
                else self.headers.get("If-Modified-Since") == feed.modified
            )
            if feed.honour_etag and same:
                self.send_response(304)
                self.end_headers()
                return
            data = feed.body()
            self.send_response(200)
            self.send_header("Content-Type", feed.content_type)
            self.send_header("Content-Length", str(len(data)))
            if feed.send_etag:
                self.send_header("ETag", feed.etag())
            self.send_header("Last-Modified", feed.modified)
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            feed.posts.append(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    feed.base = f"http://127.0.0.1:{httpd.server_port}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield feed
    finally:
        httpd.shutdown()
        httpd.server_close()


class Clock:
    def __init__(self) -> None:
        self.now = 1_750_000_000.0

    def __call__(self) -> float:
        return self.now


SETTINGS = Settings(allow_private_urls=True, timeout=5.0)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[SqlStore]:
    store = open_store(str(tmp_path / "dossier.db"))
    yield store
    store.close()


def watcher(
    store: SqlStore,
    urls: list[str],
    state: WatchState,
    analyzer: Analyzer,
    clock: Clock,
    rules_path: Path | None = None,
) -> Watcher:
    rules = load_rules(str(rules_path)) if rules_path else None
    return Watcher(store, urls, 600.0, state, SETTINGS, rules, Fetcher(SETTINGS), analyzer, clock)


def test_new_items_only_then_304_then_the_one_new_item_raises_its_alert(
    db: SqlStore, tmp_path: Path, analyzer: Analyzer
) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    clock = Clock()
    state = WatchState(str(tmp_path / "dossier.db.watch"))
    with feed_server(["pier", "rain"]) as server:
        url = server.base + "/feed"
        w = watcher(db, [url], state, analyzer, clock, rules)

        [first] = w.round()
        assert first.status == "changed" and first.summary is not None
        assert (first.summary.new, first.summary.skipped, first.summary.errors) == (2, 0, [])
        # Both unnamed sources of the pier story speak of Manta: the port officials and the
        # official who asked not to be named; the rain story raises nothing.
        assert {a.rule for a in first.alerts} == {"anonymous on Manta"}
        assert {a.title for a in first.alerts} == {"Manta pier contract questioned"}
        assert "If-None-Match" not in server.asked[0]

        clock.now += 600
        [second] = w.round()
        assert second.status == "not modified" and second.summary is None
        assert server.asked[1]["If-None-Match"] == server.etag()
        assert server.asked[1]["If-Modified-Since"] == "Tue, 18 Mar 2025 09:00:00 GMT"
        assert len(db.articles()) == 2

        server.keys.insert(0, "dea")
        clock.now += 600
        [third] = w.round()
        assert third.summary is not None
        assert (third.summary.new, third.summary.skipped) == (1, 2)
        assert {a.rule for a in third.alerts} == {"DEA in Guayas"}
        assert {a.title for a in third.alerts} == {"DEA arrests in Guayaquil"}
        w.close()

        # A fresh watcher on the same state, with a server that ignores the ETag, fetches
        # the feed in full again: nothing is new, so nothing is ingested and nothing alerts.
        server.honour_etag = False
        again = watcher(db, [url], state, analyzer, clock, rules)
        clock.now += 600
        [fourth] = again.round()
        assert fourth.summary is not None and fourth.summary.skipped == 3
        assert fourth.summary.new == 0 and fourth.alerts == []
        again.close()
    logged = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text().splitlines()]
    assert [r["rule"] for r in logged] == ["anonymous on Manta"] * len(first.alerts) + [
        "DEA in Guayas"
    ] * len(third.alerts)
    assert all(r["article_id"] for r in logged)
    state.close()


def test_a_restart_resumes_from_the_saved_state(
    db: SqlStore, tmp_path: Path, analyzer: Analyzer
) -> None:
    path = str(tmp_path / "state.sqlite")
    clock = Clock()
    with feed_server(["rain"]) as server:
        url = server.base + "/feed"
        state = WatchState(path)
        w = watcher(db, [url], state, analyzer, clock)
        [first] = w.round()
        assert first.status == "changed"
        w.close()
        state.close()

        reopened = WatchState(path)  # a new process: only the file carries over
        saved = reopened.get(url)
        assert saved.etag == server.etag() and saved.failures == 0
        assert saved.next_poll == clock.now + 600
        w = watcher(db, [url], reopened, analyzer, clock)
        asked = len(server.asked)
        assert [p.status for p in w.round(due_only=True)] == ["waiting"]
        assert len(server.asked) == asked
        clock.now += 600
        [resumed] = w.round(due_only=True)
        assert resumed.status == "not modified"
        assert server.asked[-1]["If-None-Match"] == server.etag()
        w.close()
        reopened.close()


def test_a_failing_server_backs_off_records_the_error_and_the_others_go_on(
    db: SqlStore, tmp_path: Path, analyzer: Analyzer
) -> None:
    clock = Clock()
    state = WatchState(str(tmp_path / "state.sqlite"))
    with feed_server(["rain"]) as bad, feed_server(["pier"]) as good:
        bad.fail = 503
        urls = [bad.base + "/feed", good.base + "/feed"]
        w = watcher(db, urls, state, analyzer, clock)

        failed, fine = w.round()
        assert failed.status == "failed" and failed.failed and failed.error is not None
        assert (failed.error.code, failed.error.stage) == ("E201", "fetch")
        assert "503" in failed.error.reason
        assert failed.failures == 1 and failed.next_poll == clock.now + 1200
        assert fine.status == "changed" and fine.summary and fine.summary.new == 1
        assert [(e.source, e.code) for e in db.errors()] == [(urls[0], "E201")]
        assert state.get(urls[0]).last_error == f"{failed.error.reason} [E201]"

        clock.now += 600  # still inside the back-off: the failing server is left alone
        asked = len(bad.asked)
        waiting, _ = w.round()
        assert waiting.status == "backing off" and len(bad.asked) == asked

        clock.now += 600
        second, _ = w.round()
        assert second.status == "failed" and second.failures == 2
        assert second.next_poll == clock.now + 2400

        bad.fail = 0
        clock.now += 2400
        recovered, _ = w.round()
        assert recovered.status == "changed" and recovered.failures == 0
        assert state.get(urls[0]).failures == 0
        w.close()
    state.close()


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff(600, n) for n in (1, 2, 3)] == [1200, 2400, 4800]
    assert backoff(600, 50) == 6 * 3600
    assert backoff(86400, 3) == 86400  # an interval longer than the cap is never shortened


def test_cli_watch_once_with_a_webhook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_ALLOW_PRIVATE_URLS", "1")
    db = str(tmp_path / "cli.db")
    with feed_server(["noboa"]) as server:
        rules = tmp_path / "rules.toml"
        rules.write_text(
            f'[alerts]\nwebhook = "{server.base}/hook"\n\n'
            '[[rule]]\nname = "Noboa quoted"\nfinding = "quote"\nspeaker = "Noboa"\n'
            'actions = ["print", "webhook"]\n',
            encoding="utf-8",
        )
        url = server.base + "/feed"
        args = ["--db", db, "watch", url, "--once", "--rules", str(rules)]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert "1 new" in result.output
        assert "alert [Noboa quoted] quote in" in result.output
        assert server.posts and all(json.loads(p)["rule"] == "Noboa quoted" for p in server.posts)
        posted = len(server.posts)

        again = CliRunner().invoke(main, ["--json", *args])
        assert again.exit_code == 0, again.output
        [poll] = json.loads(again.output)["polls"]
        assert poll["status"] == "not modified" and poll["alerts"] == []
        assert len(server.posts) == posted
    assert (tmp_path / "cli.db.watch").is_file()


def test_a_broken_feed_backs_off_like_a_failed_fetch(
    db: SqlStore, tmp_path: Path, analyzer: Analyzer
) -> None:
    clock = Clock()
    state = WatchState(str(tmp_path / "state.sqlite"))
    with feed_server([]) as server:
        server.raw = b"<rss><channel><title>Coast</title></channel></rss>"
        url = server.base + "/feed"
        w = watcher(db, [url], state, analyzer, clock)
        [poll] = w.round()
        assert poll.status == "failed" and poll.error is not None
        assert poll.error.code == "E301" and "no items" in poll.error.reason
        saved = state.get(url)
        # The validators of a feed that failed are not kept: the next poll fetches it whole.
        assert (saved.failures, saved.etag, saved.next_poll) == (1, None, clock.now + 1200)
        assert [(e.source, e.code) for e in db.errors()] == [(url, "E301")]
        w.close()
    state.close()


def test_cli_watch_loops_until_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr("dossier.cli_watch.time.sleep", sleep)
    monkeypatch.setenv("DOSSIER_ALLOW_PRIVATE_URLS", "1")
    url = "http://127.0.0.1:9/feed"  # the discard port: nothing listens, the fetch fails
    db = str(tmp_path / "loop.db")
    result = CliRunner().invoke(main, ["--db", db, "watch", url, "--every", "1m"])
    assert result.exit_code == 130
    assert result.output.count("failed:") == 1  # the second round found it backing off
    assert "backing off" in result.output
    assert 100 < waits[0] <= 120  # the back-off after one failure: twice the interval
    state = WatchState(db + ".watch")
    assert state.get(url).failures == 1
    state.close()


def page_html(title: str, text: str) -> bytes:
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}"
        f"</title></head><body><article><h1>{escape(title)}</h1><p>{escape(text)}</p>"
        "</article></body></html>"
    ).encode()


def test_a_page_is_watched_by_last_modified_and_stored_again_when_it_changes(
    db: SqlStore, tmp_path: Path, analyzer: Analyzer
) -> None:
    clock = Clock()
    state = WatchState(str(tmp_path / "state.sqlite"))
    with feed_server([]) as server:
        server.content_type, server.send_etag = "text/html; charset=utf-8", False
        server.raw = page_html(*ARTICLES["rain"])
        url = server.base + "/feed"
        w = watcher(db, [url], state, analyzer, clock)
        [first] = w.round()
        assert first.summary is not None and first.summary.new == 1
        assert state.get(url).etag is None

        clock.now += 600
        [second] = w.round()
        assert second.status == "not modified"
        assert server.asked[-1]["If-Modified-Since"] == server.modified
        assert "If-None-Match" not in server.asked[-1]

        title, text = ARTICLES["rain"]
        server.raw = page_html(title, text + " The road reopened on Friday morning.")
        server.modified = "Fri, 21 Mar 2025 07:00:00 GMT"
        clock.now += 600
        [third] = w.round()
        assert third.summary is not None and third.summary.versions == 1
        assert [r.version for r in db.articles()] == [2]
        w.close()
    state.close()
