"""URL fetching refuses non-public targets (SSRF) unless the setting allows them.

The refusal holds for addresses written in any form, for names that resolve to such an
address, and after redirects. The resolver is replaced through its seam
(``addresses.resolve``) and the far side by an ``httpx.MockTransport`` or a local server,
so nothing here reaches the network.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from ipaddress import ip_address
from pathlib import Path

import httpx
import pytest

from dossier.config import Settings
from dossier.errors import DossierError
from dossier.ingest import addresses
from dossier.ingest.fetch import Fetcher
from dossier.pipeline import Ingest
from dossier.store import SqlStore

from .pages import PARAGRAPHS, local_server, news_page, outlet_page, respond

PUBLIC = "93.184.215.14"  # any globally routable address: the mock transport never dials it


class Far:
    """The far side of a ``MockTransport``: routes by path, and records what reached it."""

    def __init__(self, routes: dict[str, httpx.Response] | None = None) -> None:
        self.routes = routes or {}
        self.seen: list[httpx.Request] = []
        self.transport = httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        return self.routes.get(request.url.path, httpx.Response(404))


def page(key: str = "pier") -> httpx.Response:
    return httpx.Response(200, html=news_page(key))


def redirect(location: str) -> httpx.Response:
    return httpx.Response(302, headers={"Location": location})


@pytest.fixture
def names(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[str]]]:
    """A fake DNS: the test fills in names; an unknown name fails as a real lookup would."""
    table: dict[str, list[str]] = {}

    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError(f"{host} is not in the test's table")
        return table[host]

    monkeypatch.setattr(addresses, "resolve", resolve)
    yield table


def refused(fetcher: Fetcher, url: str) -> DossierError:
    with pytest.raises(DossierError) as raised:
        fetcher.get(url)
    assert (raised.value.code, raised.value.stage, raised.value.source) == ("E206", "fetch", url)
    return raised.value


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0177.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("0300.0250.0.1", "192.168.0.1"),
        ("10.0.0.1.", "10.0.0.1"),
        ("::1", "::1"),
        ("::ffff:127.0.0.1", "::ffff:7f00:1"),
        ("fe80::1%25eth0", "fe80::1%eth0"),
    ],
)
def test_a_host_written_as_a_number_is_read_as_the_system_resolver_reads_it(
    host: str, address: str
) -> None:
    assert addresses.numeric_host(host) == ip_address(address)


@pytest.mark.parametrize("host", ["news.example", "1e100.net", "08.1", "256.1.1.1", "1.2.3.4.5"])
def test_a_name_or_an_impossible_number_is_no_address(host: str) -> None:
    assert addresses.numeric_host(host) is None


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.200.1.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.251", "multicast"),
        ("100.64.0.1", "non-public"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("fe80::1", "link-local"),
        ("fec0::1", "site-local"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:a9fe:a9fe::", "link-local"),  # 6to4 around 169.254.169.254
        ("64:ff9b::c0a8:1", "private"),  # NAT64 around 192.168.0.1
    ],
)
def test_a_non_public_address_is_refused_with_its_kind(address: str, kind: str) -> None:
    assert addresses.refusal(ip_address(address)) == kind


@pytest.mark.parametrize(
    "address",
    [PUBLIC, "172.32.0.1", "172.15.255.255", "2606:4700:4700::1111", f"::ffff:{PUBLIC}"],
)
def test_a_public_address_passes(address: str) -> None:
    assert addresses.refusal(ip_address(address)) is None


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://127.0.0.1:8000/admin", "127.0.0.1 resolves to 127.0.0.1, a loopback address"),
        ("http://10.20.30.40/", "10.20.30.40, a private address"),
        ("http://172.16.8.1/", "172.16.8.1, a private address"),
        ("https://192.168.1.1/login", "192.168.1.1, a private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254, a link-local address"),
        ("http://0.0.0.0:9200/", "0.0.0.0, an unspecified address"),
        ("http://[::1]/", "::1 resolves to ::1, a loopback address"),
        ("http://[fc00::5]/", "fc00::5, a private address"),
        ("http://[fe80::1]/", "fe80::1, a link-local address"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1 (IPv4 127.0.0.1), a loopback address"),
        ("http://2130706433/", "2130706433 resolves to 127.0.0.1, a loopback address"),
        ("http://0x7f.1/", "0x7f.1 resolves to 127.0.0.1, a loopback address"),
        ("http://0177.0.0.1/", "0177.0.0.1 resolves to 127.0.0.1, a loopback address"),
    ],
)
def test_a_url_at_a_non_public_address_is_refused_before_connecting(
    names: dict[str, list[str]], url: str, shown: str
) -> None:
    far = Far({"/": page(), "/admin": page(), "/login": page(), "/latest/meta-data/": page()})
    error = refused(Fetcher(Settings(), far.transport), url)
    assert shown in error.reason and "DOSSIER_ALLOW_PRIVATE_URLS=1" in error.reason
    assert far.seen == []


def test_a_public_looking_name_that_resolves_to_loopback_is_refused(
    names: dict[str, list[str]],
) -> None:
    names["news.example"] = ["127.0.0.1"]
    far = Far({"/story": page()})
    error = refused(Fetcher(Settings(), far.transport), "http://news.example/story")
    assert "news.example resolves to 127.0.0.1, a loopback address" in error.reason
    assert far.seen == []


def test_every_address_of_a_name_is_checked(names: dict[str, list[str]]) -> None:
    names["news.example"] = [PUBLIC, "2606:4700:4700::1111", "10.0.0.7"]
    far = Far({"/story": page()})
    error = refused(Fetcher(Settings(), far.transport), "http://news.example/story")
    assert "10.0.0.7, a private address" in error.reason and far.seen == []


def test_the_connection_goes_to_the_address_that_was_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A rebinding name: public when checked, loopback on any later lookup. Only one lookup
    # may happen, and the request must travel to the address that lookup returned.
    answers = iter([[PUBLIC], ["127.0.0.1"], ["127.0.0.1"]])
    lookups: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        lookups.append(host)
        return next(answers)

    monkeypatch.setattr(addresses, "resolve", rebinding)
    far = Far({"/story": page()})
    response = Fetcher(Settings(), far.transport).get("http://news.example:8080/story")
    assert lookups == ["news.example"]
    (sent,) = far.seen
    assert (sent.url.host, sent.url.port, sent.url.path) == (PUBLIC, 8080, "/story")
    assert sent.headers["Host"] == "news.example:8080"
    assert response.url == "http://news.example:8080/story"
    assert b"port of Manta" in response.content


def test_https_keeps_the_name_for_tls_while_dialling_the_checked_address(
    names: dict[str, list[str]],
) -> None:
    names["news.example"] = ["2606:4700:4700::1111"]
    far = Far({"/story": page()})
    Fetcher(Settings(), far.transport).get("https://news.example/story")
    (sent,) = far.seen
    assert sent.url.host == "2606:4700:4700::1111" and sent.url.scheme == "https"
    assert sent.extensions["sni_hostname"] == "news.example"
    assert sent.headers["Host"] == "news.example"


def test_an_unreachable_checked_address_gives_way_to_the_next(
    names: dict[str, list[str]],
) -> None:
    names["news.example"] = ["2606:4700:4700::1111", PUBLIC]
    tried: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        tried.append(request.url.host)
        if request.url.host != PUBLIC:
            raise httpx.ConnectError("network is unreachable", request=request)
        return page()

    response = Fetcher(Settings(), httpx.MockTransport(handle)).get("http://news.example/a")
    assert tried == ["2606:4700:4700::1111", PUBLIC] and response.content


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        (
            "http://intranet.example/wiki",
            "intranet.example (redirected to http://intranet.example/wiki) resolves to "
            "192.168.4.20, a private address",
        ),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254, a link-local address"),
        ("http://[::1]:6379/", "(redirected to http://[::1]:6379/) resolves to ::1, a loopback"),
    ],
)
def test_a_redirect_to_a_non_public_address_is_refused_before_it_is_followed(
    names: dict[str, list[str]], location: str, shown: str
) -> None:
    names["news.example"] = [PUBLIC]
    names["intranet.example"] = ["192.168.4.20"]
    far = Far({"/moved": redirect(location), "/wiki": page(), "/": page()})
    error = refused(Fetcher(Settings(), far.transport), "http://news.example/moved")
    assert shown in error.reason
    assert [request.url.host for request in far.seen] == [PUBLIC]


def test_a_redirect_between_public_names_is_followed(names: dict[str, list[str]]) -> None:
    names["news.example"] = [PUBLIC]
    names["www.news.example"] = ["2606:4700:4700::1111"]
    far = Far({"/old": redirect("https://www.news.example/new"), "/new": page("raids")})
    response = Fetcher(Settings(), far.transport).get("http://news.example/old")
    assert response.url == "https://www.news.example/new" and b"Guayaquil" in response.content
    assert [r.url.host for r in far.seen] == [PUBLIC, "2606:4700:4700::1111"]


def _host_recorder(hosts: list[str]) -> Callable[[BaseHTTPRequestHandler], None]:
    serve = respond(200, news_page("pier"))

    def handle(request: BaseHTTPRequestHandler) -> None:
        hosts.append(request.headers.get("Host", ""))
        serve(request)

    return handle


def test_the_setting_lets_a_local_server_through_and_the_default_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with local_server() as server:
        server.routes["/pier"] = respond(200, news_page("pier"))
        refused(Fetcher(Settings.from_env()), server.url("/pier"))
        assert server.user_agents == []
        monkeypatch.setenv("DOSSIER_ALLOW_PRIVATE_URLS", "1")
        settings = Settings.from_env()
        assert settings.allow_private_urls
        response = Fetcher(settings).get(server.url("/pier"))
    assert b"port of Manta" in response.content and len(server.user_agents) == 1


def test_a_pinned_connection_over_a_real_socket_keeps_the_host_header(
    names: dict[str, list[str]],
) -> None:
    hosts: list[str] = []
    with local_server() as server:
        server.routes["/pier"] = _host_recorder(hosts)
        port = server.httpd.server_port
        names["news.example"] = ["127.0.0.1"]
        url = f"http://news.example:{port}/pier"
        response = Fetcher(Settings(allow_private_urls=True)).get(url)
    assert hosts == [f"news.example:{port}"]
    assert response.url == url and b"port of Manta" in response.content


def test_a_refused_url_is_recorded_and_the_batch_goes_on(store: SqlStore, tmp_path: Path) -> None:
    teaser = (
        "<item><title>Harbour teaser</title><link>http://10.0.0.9/harbour</link>"
        "<description>Short.</description></item>"
    )
    full = (
        "<item><title>Night raids</title><link>https://valley.example/raids</link>"
        "<content:encoded><![CDATA["
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS["raids"])
        + "]]></content:encoded></item>"
    )
    feed = tmp_path / "valley.rss"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Valley Courier</title>{teaser}{full}</channel></rss>",
        encoding="utf-8",
    )
    local = outlet_page(tmp_path, "Meeting plans", "Coast Monitor", PARAGRAPHS["meeting"])
    with local_server() as server:
        server.routes["/pier"] = respond(200, news_page("pier"))
        sources = [server.url("/pier"), str(feed), local]
        summary = Ingest(store, settings=Settings(), progress=False).run(sources)
        assert server.user_agents == []
    assert summary.new == 2
    errors = {(e.source, e.member): e for e in store.errors()}
    assert {key: e.code for key, e in errors.items()} == {
        (server.url("/pier"), ""): "E206",
        (str(feed), "http://10.0.0.9/harbour"): "E206",
    }
    assert "127.0.0.1, a loopback address" in errors[(server.url("/pier"), "")].reason
    item = errors[(str(feed), "http://10.0.0.9/harbour")]
    assert item.reason.startswith("its link is refused: 10.0.0.9 resolves to 10.0.0.9, a private")
    assert {row.title for row in store.articles()} == {"Night raids", "Meeting plans"}
