"""The workbench's static front end: HTML pages and /static assets.

Each page is a fixed HTML file that loads its ES module from /static/js/; the
module fetches everything it shows from /api/*, so the browser tests and the
benchmarks exercise the same routes as the UI. No page carries inline script
or style, so the app's Content-Security-Policy (scripts only from 'self') holds.
The libraries under static/vendor/ are copied there by ``make assets``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).with_name("static")

# URL path -> page file. Query strings carry the rest (?id=, ?q=, ...).
PAGES = {
    "/": "index",
    "/reader": "reader",
    "/entity": "entity",
    "/entities": "entities",
    "/search": "search",
    "/timeline": "timeline",
    "/map": "map",
    "/network": "network",
    "/sources": "sources",
    "/clusters": "clusters",
    "/stories": "stories",
    "/review": "review",
    "/errors": "errors",
}


def _endpoint(name: str) -> Callable[[], FileResponse]:
    # A closure, not a default argument: FastAPI would read a parameter as a
    # query string field, letting ?name= pick another file.
    file = STATIC / f"{name}.html"

    def page() -> FileResponse:
        return FileResponse(file, media_type="text/html; charset=utf-8")

    return page


def mount_pages(app: FastAPI) -> None:
    """Serve the pages and /static on ``app`` (called by the app factory)."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for path, name in PAGES.items():
        # Hidden from OpenAPI, which documents the JSON API only.
        app.add_api_route(
            path,
            _endpoint(name),
            methods=["GET", "HEAD"],
            include_in_schema=False,
            name=f"page_{name}",
        )


def vendored() -> bool:
    """Whether ``make assets`` has filled static/vendor/."""
    return (STATIC / "vendor" / "leaflet" / "leaflet.js").is_file()


def is_shell(path: str) -> bool:
    """A page of the workbench or one of its static files: they hold no data."""
    return path.startswith("/static/") or path in PAGES or path == "/favicon.ico"
