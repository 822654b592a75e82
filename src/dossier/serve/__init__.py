"""A minimal web page and JSON API over the store (standard library only).

Routes: ``/`` (articles and search), ``/article/<id>`` (text with entities
marked), ``/entities``, and ``/api/articles``, ``/api/article/<id>``,
``/api/search?q=``, ``/api/entities?type=``, ``/api/errors``, ``/api/summary``.
Every value from the store is HTML-escaped: article text is hostile input.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from ..errors import Code, DossierError, Stage
from ..export import article_record
from ..models import Article
from ..store import SqlStore, open_store

_STYLE = """body{font:16px/1.5 system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem}
a{color:#1a4f8b}mark{background:#fdf1b8;padding:0 2px}mark[data-type=PERSON]{background:#d8ecff}
mark[data-type=ORG]{background:#e6dcff}mark[data-type=GPE],mark[data-type=LOC]{background:#d9f5dd}
li{margin:.3rem 0}.meta{color:#555;font-size:.9rem}p{margin:.6rem 0}"""


def _page(title: str, body: str) -> bytes:
    return (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{escape(title)}"
        f"</title><style>{_STYLE}</style></head><body><header><a href=/>Dossier</a> · "
        f"<a href=/entities>Entities</a><form action=/ style=display:inline> "
        f"<input name=q placeholder='Search articles' aria-label=Search> </form></header>"
        f"<h1>{escape(title)}</h1>{body}</body></html>"
    ).encode()


def marked_html(article: Article) -> str:
    spans = sorted((m.start, m.end, e) for e in article.entities for m in e.mentions)
    out, position = [], 0
    for start, end, entity in spans:
        if start < position:
            continue
        out.append(escape(article.text[position:start]))
        out.append(
            f"<mark data-type={escape(entity.type)} title='{escape(entity.name)} "
            f"({escape(entity.type)})'>{escape(article.text[start:end])}</mark>"
        )
        position = end
    out.append(escape(article.text[position:]))
    return "".join(f"<p>{line}</p>" for line in "".join(out).split("\n"))


class StorePool:
    """Open stores shared by request threads: one per request at a time.

    The threading server starts a thread per request, so a store per thread
    would open (and leak) a connection per request.
    """

    def __init__(self, db: str) -> None:
        self.db = db
        self._idle: queue.SimpleQueue[SqlStore] = queue.SimpleQueue()
        self._all: list[SqlStore] = []
        self._lock = threading.Lock()

    @contextmanager
    def store(self) -> Iterator[SqlStore]:
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = open_store(self.db)
            with self._lock:
                self._all.append(store)
        try:
            yield store
        finally:
            self._idle.put(store)

    def close(self) -> None:
        for store in self._all:
            store.close()


class Handler(BaseHTTPRequestHandler):
    pool: StorePool
    store: SqlStore

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        path = parts.path.rstrip("/") or "/"
        try:
            with self.pool.store() as self.store:
                if path.startswith("/api/"):
                    self._json(HTTPStatus.OK, self._api(path[5:], query))
                else:
                    self._html(path, query)
        except ValueError as exc:
            error = DossierError(Code.BAD_REQUEST, self.path, Stage.SERVE, detail=str(exc))
            self._json(HTTPStatus.BAD_REQUEST, {"error": error.as_dict()})
        except DossierError as exc:
            status = (
                HTTPStatus.NOT_FOUND if exc.code == Code.NOT_IN_STORE else HTTPStatus.BAD_REQUEST
            )
            self._json(status, {"error": exc.as_dict()})

    def _article(self, article_id: str) -> Article:
        article = self.store.article(article_id)
        if article is None:
            raise DossierError(Code.NOT_IN_STORE, article_id, Stage.STORE)
        return article

    def _api(self, route: str, query: dict[str, str]) -> Any:
        limit = int(query.get("limit", "100"))
        if route == "articles":
            return [asdict(r) for r in self.store.articles(limit, int(query.get("offset", "0")))]
        if route.startswith("article/"):
            return article_record(self._article(route.split("/", 1)[1]))
        if route == "search":
            return [asdict(h) for h in self.store.search(query.get("q", ""), limit)]
        if route == "entities":
            return [asdict(e) for e in self.store.entities(query.get("type"), limit)]
        if route == "errors":
            return [asdict(e) for e in self.store.errors()]
        if route == "summary":
            return asdict(self.store.stats())
        raise DossierError(Code.NOT_IN_STORE, "/api/" + route, Stage.STORE)

    def _html(self, path: str, query: dict[str, str]) -> None:
        if path == "/":
            q = query.get("q", "").strip()
            if q:
                hits = self.store.search(q, 50)
                items = "".join(
                    f"<li><a href='/article/{quote(h.article_id)}'>"
                    f"{escape(h.title or h.article_id)}"
                    f"</a><div class=meta>{escape(h.snippet)}</div></li>"
                    for h in hits
                )
                body = f"<p>{len(hits)} results for <b>{escape(q)}</b></p><ul>{items}</ul>"
                return self._send(_page("Search", body))
            stats = self.store.stats()
            rows = self.store.articles(200)
            items = "".join(
                f"<li><a href='/article/{quote(r.id)}'>{escape(r.title or r.id)}</a> "
                f"<span class=meta>{escape(r.outlet or '')} {escape(r.published or '')}</span></li>"
                for r in rows
            )
            body = (
                f"<p class=meta>{stats.articles} articles · {stats.entities} entities · "
                f"{stats.errors} errors</p><ul>{items}</ul>"
            )
            return self._send(_page("Articles", body))
        if path.startswith("/article/"):
            article = self._article(path.split("/", 2)[2])
            meta = " · ".join(
                escape(x)
                for x in (article.outlet, article.author, article.published, article.url)
                if x
            )
            ents = "".join(
                f"<li>{escape(e.name)} <span class=meta>{escape(e.type)} · "
                f"{len(e.mentions)}</span></li>"
                for e in article.entities
            )
            body = f"<p class=meta>{meta}</p>{marked_html(article)}<h2>Entities</h2><ul>{ents}</ul>"
            return self._send(_page(article.title or article.id, body))
        if path == "/entities":
            entities = self.store.entities(query.get("type"), 500)
            items = "".join(
                f"<li>{escape(e.name)} <span class=meta>{escape(e.type)} · "
                f"{e.mentions} mentions in {e.articles} articles</span></li>"
                for e in entities
            )
            return self._send(_page("Entities", f"<ul>{items}</ul>"))
        self._send(_page("Not found", "<p>No such page.</p>"), HTTPStatus.NOT_FOUND)

    def _send(
        self,
        body: bytes,
        status: HTTPStatus = HTTPStatus.OK,
        content_type: str = "text/html; charset=utf-8",
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: HTTPStatus, data: Any) -> None:
        self._send(
            json.dumps(data, ensure_ascii=False).encode("utf-8"),
            status,
            "application/json; charset=utf-8",
        )


def make_server(db: str, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    handler = type("BoundHandler", (Handler,), {"pool": StorePool(db)})
    return ThreadingHTTPServer((host, port), handler)


def serve_forever(db: str, host: str, port: int) -> None:
    server = make_server(db, host, port)
    print(f"Serving Dossier on http://{host}:{server.server_port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.RequestHandlerClass.pool.close()  # type: ignore[attr-defined]
