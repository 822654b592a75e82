"""The interactive API docs at /docs, offline and under the strict CSP.

FastAPI's own page loads Swagger UI from a CDN and starts it with an inline script,
which the CSP forbids. This page loads Swagger UI from the ``swagger-ui-bundle``
package's files and starts it from a script file of our own.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

ASSETS = "/docs/assets"
_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dossier API</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
<link rel="icon" type="image/png" href="{ASSETS}/favicon-32x32.png">
</head><body><div id="swagger-ui"></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="/docs/start.js"></script>
</body></html>
"""
_START = """window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
  });
});
"""


def install(app: FastAPI) -> None:
    app.mount(ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs_page() -> HTMLResponse:
        return HTMLResponse(_PAGE)

    @app.get("/docs/start.js", include_in_schema=False)
    def docs_start() -> Response:
        return Response(_START, media_type="text/javascript")
