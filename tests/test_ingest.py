"""Ingest end to end over real files, a real local HTTP server and real stores."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dossier.config import Settings
from dossier.pipeline import Ingest
from dossier.store import SqlStore

from .pages import PARAGRAPHS, local_server, news_page, respond


def run(store: SqlStore, sources: list[str], **settings: object) -> dict[str, object]:
    summary = Ingest(store, settings=Settings(**settings), progress=False).run(sources)  # type: ignore[arg-type]
    result = summary.as_dict()
    result["codes"] = sorted(e.code for e in summary.errors)
    result["failed"] = sorted(Path(e.source).name for e in summary.errors)
    return result


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    (folder / "nested").mkdir(parents=True)
    (folder / "pier.html").write_text(news_page("pier", canonical="https://coast.example/pier"))
    (folder / "nested" / "raids.htm").write_text(news_page("raids"))
    (folder / "meeting.txt").write_text(
        "Noboa Heads To Florida\n\n" + "\n\n".join(PARAGRAPHS["meeting"])
    )
    (folder / "notes.md").write_text("# Pier Notes\n\n" + PARAGRAPHS["pier"][1])
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    (folder / "blank.txt").write_text("")
    (folder / "latin1.html").write_bytes(
        news_page("raids", title="Durán raids").replace("utf-8", "UTF-8").encode("latin-1")
    )
    (folder / "cut.html").write_text(news_page("meeting")[:900])
    (folder / ".hidden.txt").write_text("never read")
    return folder


def test_mixed_folder_ingests_good_files_and_records_each_bad_one(
    store: SqlStore, mixed_folder: Path
) -> None:
    first = run(store, [str(mixed_folder)])
    assert first["new"] == 4
    assert first["failed"] == ["blank.txt", "cut.html", "latin1.html", "photo.jpg"]
    assert first["codes"] == ["E103", "E105", "E106", "E402"]
    assert {e.source for e in store.errors()} == {
        str(mixed_folder / name) for name in ("blank.txt", "cut.html", "latin1.html", "photo.jpg")
    }
    titles = {row.title for row in store.articles()}
    assert titles == {
        "Report on the pier",
        "Report on the raids",
        "Noboa Heads To Florida",
        "Pier Notes",
    }

    again = run(store, [str(mixed_folder)])
    assert again["new"] == 0 and again["skipped"] == 4
    assert store.stats().articles == 4 and len(store.errors()) == 4


def test_html_boilerplate_is_removed_and_metadata_kept(store: SqlStore, tmp_path: Path) -> None:
    page = tmp_path / "pier.html"
    page.write_text(news_page("pier", canonical="https://coast.example/pier"))
    run(store, [str(page)])
    [row] = store.articles()
    article = store.article(row.id)
    assert article is not None
    assert article.url == "https://coast.example/pier"
    assert article.outlet == "Coast Monitor" and article.published == "2025-03-18"
    assert article.language == "en" and article.source == str(page)
    for junk in ("Comments", "Great piece", "Most read", "Weekend football", "Copyright"):
        assert junk not in article.text


def test_urls_feeds_redirects_and_http_failures(store: SqlStore) -> None:
    with local_server() as server:
        rss_items = (
            f"<item><title>Raids</title><link>{server.url('/raids')}</link>"
            "<description>Short teaser.</description><pubDate>Thu, 20 Mar 2025 10:00:00 GMT"
            "</pubDate></item>"
            "<item><title>Full body</title><link>https://coast.example/full</link>"
            "<author>desk@coast.example (Ana Torres)</author>"
            "<content:encoded><![CDATA["
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS["meeting"])
            + "]]></content:encoded></item>"
        )
        feed = (
            '<?xml version="1.0"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Coast Monitor</title>{rss_items}</channel></rss>"
        )
        server.routes.update(
            {
                "/pier": respond(200, news_page("pier")),
                "/raids": respond(200, news_page("raids")),
                "/moved": respond(301, "", headers={"Location": "/pier"}),
                "/feed": respond(200, feed, "application/rss+xml"),
                "/gone": respond(404, "missing"),
                "/boom": respond(500, "server error"),
                "/slow": respond(200, news_page("pier"), delay=2.0),
                "/loop": respond(302, "", headers={"Location": "/loop"}),
                "/huge": respond(200, "<p>" + "x" * 300_000 + "</p>"),
                "/notfeed": respond(
                    200, "<?xml version='1.0'?><rss><channel><item>", "application/rss+xml"
                ),
            }
        )
        result = run(
            store,
            [
                server.url(p)
                for p in (
                    "/moved",
                    "/feed",
                    "/gone",
                    "/boom",
                    "/slow",
                    "/loop",
                    "/huge",
                    "/notfeed",
                )
            ],
            timeout=0.5,
            max_bytes=100_000,
            max_redirects=3,
            allow_private_urls=True,  # the test server is on 127.0.0.1
        )
        assert server.user_agents and all(ua.startswith("Dossier/") for ua in server.user_agents)
    assert result["new"] == 3
    errors = {e.source.rsplit("/", 1)[-1]: e for e in store.errors()}
    assert {k: v.code for k, v in errors.items()} == {
        "gone": "E201",
        "boom": "E201",
        "slow": "E202",
        "loop": "E204",
        "huge": "E104",
        "notfeed": "E301",
    }
    assert "HTTP 404" in errors["gone"].reason and "HTTP 500" in errors["boom"].reason
    by_title = {row.title: row for row in store.articles()}
    assert set(by_title) == {"Report on the pier", "Raids", "Full body"}
    full = store.article(by_title["Full body"].id)
    assert full is not None and full.url == "https://coast.example/full"
    assert full.source == server.url("/feed") and full.outlet == "Coast Monitor"
    assert full.text.splitlines() == PARAGRAPHS["meeting"]
    assert by_title["Raids"].published == "2025-03-20"


def _warc(records: list[tuple[str, int, str]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for uri, status, html in records:
        headers = StatusAndHeaders(
            f"{status} OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(html.encode()), http_headers=headers
            )
        )
    return buffer.getvalue()


def test_warc_responses_and_broken_warc(store: SqlStore, tmp_path: Path) -> None:
    good = tmp_path / "crawl.warc.gz"
    good.write_bytes(
        _warc(
            [
                ("https://coast.example/pier", 200, news_page("pier")),
                ("https://coast.example/missing", 404, "<p>gone</p>"),
                ("https://coast.example/raids", 200, news_page("raids")),
            ]
        )
    )
    broken = tmp_path / "broken.warc.gz"
    whole = _warc(
        [
            ("https://coast.example/meeting", 200, news_page("meeting")),
            ("https://coast.example/other", 200, news_page("pier", title="Other")),
        ]
    )
    broken.write_bytes(whole[: len(whole) - 300])
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"WARC/1.0\r\nthis is not a record\r\n\r\n" + gzip.compress(b"x" * 50))
    result = run(store, [str(good), str(broken), str(garbage)])
    assert result["new"] == 3
    assert result["codes"] == ["E302", "E302"]
    sources = {row.url: row.source for row in store.articles()}
    assert sources["https://coast.example/pier"] == str(good)
    assert sources["https://coast.example/meeting"] == str(broken)


def test_stdin_and_missing_path(store: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "sys.stdin",
        io.TextIOWrapper(io.BytesIO(("Port Works\n\n" + "\n\n".join(PARAGRAPHS["pier"])).encode())),
    )
    result = run(store, ["-", "does/not/exist.html"])
    assert result["new"] == 1 and result["codes"] == ["E101"]
    [row] = store.articles()
    assert row.source == "-" and row.title == "Port Works"


def test_too_large_file(store: SqlStore, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Long text. " * 2000)
    result = run(store, [str(big)], max_bytes=1000)
    assert result["codes"] == ["E104"]
    assert "over the 1000-byte limit" in store.errors()[0].reason
