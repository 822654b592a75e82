"""The FastAPI application: one store pool, CSP and token checks, one error shape.

Routes live in :mod:`.api` (one router per resource); the docs page at ``/docs`` is
served from the ``swagger-ui-bundle`` package's files, so it works offline.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from .. import __version__
from ..errors import Code, DossierError, Stage
from ..store import SqlStore, open_store
from . import docs, pages
from .api import corpus, entities, findings, review, stories, views
from .index import Warmer
from .security import SAFE_METHODS, SecurityHeaders, check_token, csp, is_loopback

_STATUS = {
    Code.NOT_IN_STORE: 404,
    Code.NO_ENTITY: 404,
    Code.NO_STORY: 404,
    Code.NO_ROUTE: 404,
    Code.NEEDS_TOKEN: 401,
    Code.BAD_TOKEN: 403,
    Code.SERVER_FAILED: 500,
    Code.STORE_FAILED: 500,
    Code.BAD_DATABASE: 500,
}


@dataclass(frozen=True)
class ServeSettings:
    db: str
    host: str = "127.0.0.1"
    token: str | None = None
    # An online tile server's URL template for the map; None keeps the map offline.
    tiles: str | None = None


class StorePool:
    """Open stores shared by request threads, one request at a time each.

    FastAPI runs plain endpoints in a thread pool; a store per request would open
    (and a store per thread would leak) a connection each time.
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


def error_response(error: DossierError, status: int | None = None) -> JSONResponse:
    return JSONResponse(
        {"error": error.as_dict()}, status_code=status or _STATUS.get(error.code, 400)
    )


def _parameter(loc: Sequence[Any]) -> str:
    """The parameter a validation error is about: "limit", or "into" of a JSON body."""
    if list(loc[:1]) == ["body"] and all(isinstance(p, int) for p in loc[1:]):
        return "body"  # a position in a body that is not JSON, not a field
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "header")]
    return ".".join(parts) or "body"


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(DossierError)
    async def dossier_error(request: Request, exc: DossierError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        name = _parameter(first.get("loc", ()))
        value = first.get("input")
        shown = f"{value!r}: " if isinstance(value, str | int | float) else ""
        return error_response(
            DossierError(Code.BAD_REQUEST, name, Stage.SERVE, detail=shown + str(first["msg"]))
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = Code.NO_ROUTE if exc.status_code == 404 else Code.BAD_REQUEST
        detail = "no such page or API route" if exc.status_code == 404 else str(exc.detail)
        error = DossierError(code, request.url.path, Stage.SERVE, detail=detail)
        return error_response(error, exc.status_code)

    @app.exception_handler(Exception)
    async def failed(request: Request, exc: Exception) -> JSONResponse:
        # The one error shape even for a bug; the detail names the exception type only,
        # since its message may carry stored (hostile) text or internals.
        error = DossierError(
            Code.SERVER_FAILED, request.url.path, Stage.SERVE, detail=type(exc).__name__
        )
        return error_response(error, 500)


def create_app(settings: ServeSettings) -> FastAPI:
    """The workbench's application over the store at ``settings.db``."""
    reads_need_token = not is_loopback(settings.host)
    if reads_need_token and not settings.token:
        raise DossierError(
            Code.NEEDS_TOKEN,
            settings.host,
            Stage.SERVE,
            detail="a non-loopback host serves the whole network; set --token or DOSSIER_TOKEN",
        )
    policy = csp(settings.tiles)
    pool = StorePool(settings.db)
    warmer = Warmer(pool.store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Opened (and migrated) once here, so the warmer's store and the first
        # request's never both migrate a new database.
        try:
            with pool.store():
                pass
        except Exception:  # a request that needs the store reports why it cannot open
            pass
        warmer.start()
        yield
        warmer.stop()
        pool.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Dossier",
        version=__version__,
        description="The JSON API of the Dossier workbench. Lists answer "
        '{"items", "total", "limit", "offset"}; every error answers '
        '{"error": {"code", "source", "stage", "reason"}}.',
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.pool = pool
    app.state.settings = settings
    _install_errors(app)

    async def guard(request: Request, call_next: RequestResponseEndpoint) -> Response:
        write = request.method.upper() not in SAFE_METHODS
        try:
            # Off loopback every API request needs the token; the workbench's
            # page shell (static HTML, JS, CSS: no data) loads without it, since a
            # browser cannot send a bearer token on a page load, and its scripts
            # then send the token typed into the page with every API call.
            if write or (reads_need_token and not pages.is_shell(request.url.path)):
                check_token(request, settings.token, write=write)
            response = await call_next(request)
            if write and response.status_code < 400:
                warmer.poke()  # the data changed: build the corpus index again now
            return response
        except DossierError as exc:
            return error_response(exc)

    app.add_middleware(BaseHTTPMiddleware, dispatch=guard)
    app.add_middleware(SecurityHeaders, policy=policy)
    for module in (corpus, entities, findings, views, review, stories):
        app.include_router(module.router)
    docs.install(app)
    pages.mount_pages(app)
    return app


def serve_forever(settings: ServeSettings, port: int) -> None:
    """Run the application under uvicorn until interrupted."""
    import uvicorn

    app = create_app(settings)
    print(f"Serving Dossier on http://{settings.host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(app, host=settings.host, port=port, log_level="warning")
