"""A malformed feed item is an error naming the feed and the item; the good items are kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.config import Settings
from dossier.errors import DossierError
from dossier.ingest.feeds import read_feed
from dossier.models import IngestError, RawDocument
from dossier.pipeline import Ingest
from dossier.store import SqlStore

from .pages import PARAGRAPHS, local_server, respond

RSS_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
    "<title>Valley Courier</title><link>https://valley.example/</link>"
)
RSS_TAIL = "</channel></rss>"


def _full(slug: str, title: str, key: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[key])
    return (
        f"<item><title>{title}</title><link>https://valley.example/{slug}</link>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
    )


GOOD = _full("pier", "Pier plans", "pier")
GOOD_TOO = _full("raids", "Night raids", "raids")
BAD_ENTITY = (
    "<item><title>Market day</title><link>https://valley.example/market</link>"
    "<description>Stalls opened at dawn &marketsign; and closed at noon.</description></item>"
)
UNCLOSED = (
    "<item><title>Road closure</title><link>https://valley.example/road</link>"
    "<description>The bridge road is shut<description></item>"
)
EMPTY = "<item><title>Placeholder</title></item>"
NBSP = (
    (
        "<item><title>Bus&nbsp;times</title><link>https://valley.example/bus</link>"
        "<content:encoded>" + "<p>Buses to the valley run every hour.&nbsp;</p>" * 20 + ""
        "</content:encoded></item>"
    )
    .replace("<p>", "&lt;p&gt;")
    .replace("</p>", "&lt;/p&gt;")
)


def _feed(*items: str) -> bytes:
    return (RSS_HEAD + "".join(items) + RSS_TAIL).encode()


def _split(items: list[RawDocument | IngestError]) -> tuple[list[str], dict[str, IngestError]]:
    good = [i.member for i in items if isinstance(i, RawDocument)]
    bad = {i.member: i for i in items if isinstance(i, IngestError)}
    return good, bad


@pytest.mark.parametrize(
    ("broken", "member", "why"),
    [
        (BAD_ENTITY, "https://valley.example/market", "undefined entity &marketsign;"),
        (UNCLOSED, "https://valley.example/road", "mismatched tag"),
        (EMPTY, "item 2", "it has no text and no link"),
    ],
)
def test_one_malformed_item_is_named_and_the_others_kept(
    broken: str, member: str, why: str
) -> None:
    # The broken item sits between two good ones: the lenient parser alone would merge or
    # drop its neighbours without a word.
    good, bad = _split(list(read_feed(_feed(GOOD, broken, GOOD_TOO), "valley.rss", None)))
    assert good == ["https://valley.example/pier", "https://valley.example/raids"]
    assert list(bad) == [member]
    error = bad[member]
    assert (error.source, error.code, error.stage) == ("valley.rss", "E303", "parse")
    assert why in error.reason and "item 2" in error.reason


def test_html_entities_are_no_fault() -> None:
    good, bad = _split(list(read_feed(_feed(GOOD, NBSP), "valley.rss", None)))
    assert bad == {} and good == ["https://valley.example/pier", "https://valley.example/bus"]


def test_atom_entry_with_content_that_is_not_text() -> None:
    atom = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Valley</title>'
        b'<entry><title>Budget scan</title><id>urn:valley:1</id><link href="https://valley.'
        b'example/scan"/><content type="application/pdf">JVBERi0xLjQK</content></entry>'
        b"<entry><title>Ferry</title><id>urn:valley:2</id><link href='https://valley.example/"
        b"ferry'/><content type='html'>&lt;p&gt;The ferry runs again.&lt;/p&gt;</content>"
        b"</entry></feed>"
    )
    good, bad = _split(list(read_feed(atom, "valley.atom", None)))
    assert good == ["https://valley.example/ferry"]
    error = bad["https://valley.example/scan"]
    assert (
        error.code == "E303" and "application/pdf" in error.reason and "Budget scan" in error.reason
    )


def test_feed_that_is_broken_before_its_items_is_still_a_feed_error() -> None:
    with pytest.raises(DossierError, match=r"^cut\.rss: .*\[E301, parse\]$") as raised:
        list(read_feed(b"<?xml version='1.0'?><rss><channel><item>", "cut.rss", None))
    assert raised.value.source == "cut.rss" and raised.value.reason


def test_ingest_records_each_bad_item_under_its_feed(store: SqlStore, tmp_path: Path) -> None:
    with local_server() as server:
        server.routes["/gone"] = respond(404, "missing")
        teaser = (
            f"<item><title>Teaser</title><link>{server.url('/gone')}</link>"
            "<description>Short.</description></item>"
        )
        feed = tmp_path / "valley.rss"
        feed.write_bytes(_feed(GOOD, BAD_ENTITY, teaser, UNCLOSED, GOOD_TOO))
        settings = Settings(allow_private_urls=True)  # the test server is on 127.0.0.1
        summary = Ingest(store, settings=settings, progress=False).run([str(feed)])
    assert summary.new == 2
    errors = {e.member: e for e in store.errors()}
    assert {e.source for e in errors.values()} == {str(feed)}
    assert {m: e.code for m, e in errors.items()} == {
        "https://valley.example/market": "E303",
        server.url("/gone"): "E201",
        "https://valley.example/road": "E303",
    }
    assert "HTTP 404" in errors[server.url("/gone")].reason
    assert {row.title for row in store.articles()} == {"Pier plans", "Night raids"}


def test_entity_the_feed_declares_is_no_fault() -> None:
    declared = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY town "Alden">]><rss version="2.0">'
        "<channel><title>Valley Courier</title>"
        "<item><title>Fair</title><link>https://valley.example/fair</link>"
        "<description>The &town; fair opens on Friday.</description></item>" + UNCLOSED + RSS_TAIL
    ).encode()
    good, bad = _split(list(read_feed(declared, "valley.rss", None)))
    assert good == ["https://valley.example/fair"]
    assert list(bad) == ["https://valley.example/road"]
