"""Content-Security-Policy on every response, and the API token.

Article text, titles and URLs are hostile input, so every response forbids
inline script and foreign origins. Writes always need the token; when the
server is bound to a non-loopback interface, every request does. The token is
compared in constant time and never logged (it is read from the header only).
"""

from __future__ import annotations

import hmac
import ipaddress
import re

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import Code, DossierError, Stage

CSP = (
    "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_TILE_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d+)?/[^\s'\";]*")


def tile_origin(url: str) -> str:
    """The origin of an online tile server's URL template, or a BAD_SETTING error.

    The template must be http(s) and hold {z}, {x} and {y}; quotes, semicolons and
    spaces are refused because the origin is written into the CSP header."""
    if not _TILE_URL.fullmatch(url) or not all(f"{{{p}}}" in url for p in "zxy"):
        raise DossierError(
            Code.BAD_SETTING,
            "DOSSIER_TILES",
            Stage.SERVE,
            detail=f"{url!r} is not an http(s) tile URL template with {{z}}, {{x}} and {{y}}",
        )
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def csp(tiles: str | None = None) -> str:
    """The policy; an online tile server, when configured, may serve images only."""
    if tiles is None:
        return CSP
    return f"{CSP}; img-src 'self' {tile_origin(tiles)}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or ``localhost``) only listens on this machine."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name that may resolve anywhere: treat it as public


def check_token(request: Request, token: str | None, *, write: bool) -> None:
    """Refuse a request that lacks the token it needs (raises DossierError)."""
    what = f"{request.method} {request.url.path}"
    if token is None:
        if write:
            raise DossierError(
                Code.BAD_TOKEN,
                what,
                Stage.SERVE,
                detail="writes are off: start `dossier serve` with --token or DOSSIER_TOKEN",
            )
        return
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise DossierError(
            Code.NEEDS_TOKEN, what, Stage.SERVE, detail="send 'Authorization: Bearer <token>'"
        )
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise DossierError(Code.BAD_TOKEN, what, Stage.SERVE, detail="the token does not match")


class SecurityHeaders:
    """ASGI middleware adding the CSP (and friends) to every response, errors included."""

    def __init__(self, app: ASGIApp, policy: str = CSP) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", policy.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() != b"content-security-policy"
                ]
                message["headers"] = headers + self.headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
