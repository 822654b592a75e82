"""The web page and JSON API, served for real on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from pathlib import Path

from dossier.models import Analysis, Extracted
from dossier.serve import make_server
from dossier.store import open_store


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_pages_and_api_escape_hostile_text(tmp_path: Path) -> None:
    db = str(tmp_path / "serve.db")
    store = open_store(db)
    hostile = "<script>alert(1)</script> Noboa spoke in Manta."
    saved = store.save(
        Extracted(
            source="x.html",
            text=hostile,
            title="<img src=x onerror=1>",
            url="https://x.example/1",
            raw_hash="r",
        ),
        Analysis(),
    )
    store.close()
    server = make_server(db, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        status, page = _get(base + "/")
        assert status == 200 and "&lt;img src=x onerror=1&gt;" in page and "<img" not in page
        status, page = _get(f"{base}/article/{saved.article_id}")
        assert status == 200 and "&lt;script&gt;" in page and "<script>" not in page
        status, page = _get(base + "/?q=Manta")
        assert "1 results" in page
        status, body = _get(base + "/api/articles")
        assert status == 200 and json.loads(body)[0]["id"] == saved.article_id
        status, body = _get(f"{base}/api/article/{saved.article_id}")
        assert json.loads(body)["text"] == hostile
        status, body = _get(base + "/api/article/nope")
        assert status == 404 and json.loads(body)["error"]["code"] == "E603"
        status, body = _get(base + "/api/articles?limit=abc")
        assert status == 400 and json.loads(body)["error"]["code"] == "E701"
        status, body = _get(base + "/api/summary")
        assert json.loads(body)["articles"] == 1
    finally:
        server.shutdown()
        server.server_close()
