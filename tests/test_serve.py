"""The application's frame: one error shape, CSP everywhere, the token, offline docs,
and `dossier serve` refusing an unsafe bind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from dossier import gate
from dossier.cli import main
from dossier.errors import DossierError
from dossier.serve import ServeSettings, create_app
from dossier.serve.security import CSP, is_loopback

from .test_api_corpus import TOKEN, client


@pytest.fixture
def empty_db(tmp_path: Path) -> str:
    return str(tmp_path / "empty.db")


def _error(response: object, status: int, code: str, source: str) -> str:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "source", "stage", "reason"}
    assert (error["code"], error["source"]) == (code, source), error
    return str(error["reason"])


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/api/events?since=yesterday", "since"),
        ("/api/quotes?until=2025-02-30", "until"),
        ("/api/search?q=x&since=2025-05-01&until=2025-04-01", "since"),
        ("/api/events?type=ATTACK", "type"),
        ("/api/events?status=maybe", "status"),
        ("/api/claims?evidence=rumour", "evidence"),
        ("/api/entities?type=ALIEN", "type"),
        ("/api/quotes?kind=shouted", "kind"),
        ("/api/quotes?review=liked", "review"),
        ("/api/events?limit=abc", "limit"),
        ("/api/events?limit=501", "limit"),
        ("/api/events?offset=-1", "offset"),
        ("/api/quotes?anonymous=perhaps", "anonymous"),
        ("/api/events?actor=%20", "actor"),
        ("/api/places?country=Ecuador", "country"),
        ("/api/articles/x?version=0", "version"),
    ],
)
def test_a_bad_parameter_is_a_400_that_names_it(empty_db: str, url: str, param: str) -> None:
    with client(empty_db) as api:
        reason = _error(api.get(url), 400, "E701", param)
    assert reason.startswith("is not a valid request")


def test_an_unknown_date_is_an_error_never_an_empty_list(empty_db: str) -> None:
    with client(empty_db) as api:
        for route in ("events", "quotes", "search", "map", "network", "timeline"):
            reason = _error(api.get(f"/api/{route}?since=yesterday"), 400, "E701", "since")
            assert "'yesterday' is not a date written YYYY-MM-DD" in reason


def test_missing_things_are_404s_in_the_same_shape(empty_db: str) -> None:
    with client(empty_db) as api:
        _error(api.get("/api/articles/nope"), 404, "E603", "nope")
        _error(api.get("/api/entities/nope"), 404, "E604", "nope")
        _error(api.get("/api/clusters/nope"), 404, "E706", "nope")
        _error(api.get("/api/no-such-route"), 404, "E706", "/api/no-such-route")
        _error(api.delete("/api/summary", headers=_bearer()), 405, "E701", "/api/summary")


def test_every_response_carries_the_csp(empty_db: str) -> None:
    with client(empty_db) as api:
        for url in ("/api/summary", "/api/nope", "/docs", "/openapi.json", "/api/events?since=x"):
            response = api.get(url)
            assert response.headers["content-security-policy"] == CSP
            assert response.headers["x-content-type-options"] == "nosniff"
        assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP


def _bearer(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_writes_need_the_token_reads_on_loopback_do_not(empty_db: str) -> None:
    merge = "/api/entities/e1/merge"
    with client(empty_db) as api:
        assert api.get("/api/summary").status_code == 200
        _error(api.post(merge, json={"into": "e2"}), 401, "E704", f"POST {merge}")
        _error(
            api.post(merge, json={"into": "e2"}, headers=_bearer("wrong")),
            403,
            "E705",
            f"POST {merge}",
        )
        # With the right token the request reaches the store, which knows no such entity.
        _error(api.post(merge, json={"into": "e2"}, headers=_bearer()), 404, "E604", "e1")
        broken = api.post(
            merge, content="{not json", headers={**_bearer(), "content-type": "application/json"}
        )
        _error(broken, 400, "E701", "body")
        _error(api.post(merge, json={"into": 5}, headers=_bearer()), 400, "E701", "into")
    with client(empty_db, token=None) as api:
        reason = _error(
            api.post(merge, json={"into": "e2"}, headers=_bearer()), 403, "E705", f"POST {merge}"
        )
        assert "DOSSIER_TOKEN" in reason


def test_off_loopback_every_request_needs_the_token(empty_db: str) -> None:
    with client(empty_db, host="0.0.0.0") as api:
        _error(api.get("/api/summary"), 401, "E704", "GET /api/summary")
        _error(api.get("/docs"), 401, "E704", "GET /docs")
        assert api.get("/api/summary", headers=_bearer()).status_code == 200
        # The page shell holds no data, so a browser can load it and send the token.
        assert api.get("/reader").status_code == 200
        _error(api.get("/api/articles"), 401, "E704", "GET /api/articles")
    with pytest.raises(DossierError, match="non-loopback"):
        create_app(ServeSettings(empty_db, "0.0.0.0", None))


def test_loopback_hosts() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.4", "::", "example.org"))


def test_serve_refuses_a_public_host_without_a_token(empty_db: str) -> None:
    result = CliRunner().invoke(
        main, ["--db", empty_db, "--json", "serve", "--host", "0.0.0.0"], env={"DOSSIER_TOKEN": ""}
    )
    assert result.exit_code == 2
    assert '"code": "E704"' in result.stderr and "non-loopback" in result.stderr


def test_docs_work_offline(empty_db: str) -> None:
    """Every script and stylesheet of /docs is same-origin and served; none comes from a CDN."""
    with client(empty_db) as api:
        page = api.get("/docs")
        assert page.status_code == 200
        urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert any(u.endswith("swagger-ui-bundle.js") for u in urls)
        for url in urls:
            assert url.startswith("/") and not url.startswith("//"), url
            assert api.get(url).status_code == 200, url
        assert "<script>" not in page.text  # no inline script: the CSP would block it
        schema = api.get("/openapi.json").json()
        for path in ("/api/summary", "/api/events", "/api/search", "/api/entities/{entity_id}"):
            assert path in schema["paths"]


def test_the_map_stays_offline_unless_a_tile_server_is_configured(empty_db: str) -> None:
    with client(empty_db) as api:
        config = api.get("/api/config").json()
        assert (config["tiles"], config["writes"]) == (None, True)
        assert config["gate"] == {kind: gate.threshold(kind) for kind in gate.KINDS}
        assert api.get("/map").headers["content-security-policy"] == CSP
    tiles = "https://tiles.example.org:8443/{z}/{x}/{y}.png"
    app = create_app(ServeSettings(empty_db, tiles=tiles))
    with TestClient(app) as api:
        assert api.get("/api/config").json()["tiles"] == tiles
        policy = api.get("/map").headers["content-security-policy"]
        # Images only: scripts still come from the app's own origin alone.
        assert policy.endswith("img-src 'self' https://tiles.example.org:8443")
        assert "script-src 'self';" in policy


@pytest.mark.parametrize(
    "tiles",
    [
        "ftp://tiles.example.org/{z}/{x}/{y}.png",
        "https://tiles.example.org/{z}/{x}.png",
        "https://tiles.example.org/{z}/{x}/{y}.png; script-src *",
        "https://tiles.example.org 'unsafe-inline'/{z}/{x}/{y}",
    ],
)
def test_a_bad_tile_server_setting_is_refused_with_a_reason(empty_db: str, tiles: str) -> None:
    with pytest.raises(DossierError, match="DOSSIER_TILES") as caught:
        create_app(ServeSettings(empty_db, tiles=tiles))
    assert caught.value.code == "E703"
