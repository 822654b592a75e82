"""Small test documents written for these tests, and a local HTTP server."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PARAGRAPHS = {
    "pier": [
        "Work on a new pier at the port of Manta moved ahead this week, according to port "
        "officials who described the schedule to reporters on Tuesday.",
        "The structure is planned to reach 150 metres, and engineers said the dredging of the "
        "basin would start once the piles are in place.",
        "Defense Minister Gian Carlo Loffredo said the project would let larger vessels dock "
        "safely, and he thanked the port authority for its speed.",
    ],
    "raids": [
        "Police in Guayaquil and Durán carried out a series of dawn raids on Thursday, "
        "detaining 23 people suspected of belonging to a local gang.",
        "Officers said they found weapons, radios and ledgers recording extortion payments "
        "collected from shop owners along the river.",
        "A police commander told local radio that the operation had been planned for months "
        "and that more arrests were expected in the coming days.",
    ],
    "meeting": [
        "President Daniel Noboa is expected to travel to Florida later this month for talks "
        "with Donald Trump on trade, migration and security cooperation.",
        "Aides said Noboa would ask Washington for more help against the gangs that have "
        "driven up violence along the coast.",
        "The meeting would be the first between the two leaders since the start of the year.",
    ],
}


def news_page(
    key: str, title: str | None = None, canonical: str | None = None, published: str = "2025-03-18"
) -> str:
    paragraphs = PARAGRAPHS[key]
    title = title or f"Report on the {key}"
    head = f"<link rel='canonical' href='{canonical}'>" if canonical else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><meta property='og:site_name' content='Coast Monitor'>"
        f"<meta property='article:published_time' content='{published}T08:00:00Z'>{head}"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a> "
        "<a href='/sport'>Sport</a></nav><main><article>"
        f"<h1>{escape(title)}</h1>{body}</article>"
        "<section class='comments'><h3>Comments</h3><p>Great piece, thanks for sharing!</p>"
        "</section></main><aside><h3>Most read</h3><ul><li><a href='/a'>Ten tips for travel"
        "</a></li><li><a href='/b'>Weekend football results</a></li></ul></aside>"
        "<footer>Copyright Coast Monitor. All rights reserved.</footer></body></html>"
    )


Handler = Callable[[BaseHTTPRequestHandler], None]


def respond(
    status: int,
    body: bytes | str,
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
    delay: float = 0.0,
) -> Handler:
    data = body.encode("utf-8") if isinstance(body, str) else body

    def handle(request: BaseHTTPRequestHandler) -> None:
        if delay:
            time.sleep(delay)
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        request.end_headers()
        request.wfile.write(data)

    return handle


class LocalServer:
    """A real HTTP server on 127.0.0.1 with routes set by each test."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.user_agents: list[str] = []
        server = self

        class _Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.user_agents.append(self.headers.get("User-Agent", ""))
                route = server.routes.get(self.path)
                if route is None:
                    respond(404, "not found", "text/plain")(self)
                else:
                    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                        route(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def local_server() -> Iterator[LocalServer]:
    server = LocalServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


def outlet_page(
    folder: Path,
    title: str,
    outlet: str,
    paragraphs: list[str],
    published: str | None = None,
    canonical: str | None = None,
) -> str:
    """Write a bare article page of ``outlet`` into ``folder``; return its path."""
    head = f"<meta property='og:site_name' content='{escape(outlet)}'>"
    if published:
        head += f"<meta property='article:published_time' content='{published}T08:00:00Z'>"
    if canonical:
        head += f"<link rel='canonical' href='{canonical}'>"
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    path = folder / f"{title.replace(' ', '-').lower()}.html"
    path.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title>{head}</head>"
        f"<body><article><h1>{escape(title)}</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    return str(path)
