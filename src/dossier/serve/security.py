"""Content-Security-Policy on every response, and the API token.

Article text, titles and URLs are hostile input, so every response forbids
inline script and foreign origins. Writes always need the token; when the
server is bound to a non-loopback interface, every request does. The token is
compared in constant time and never logged (it is read from the header only).
"""

from __future__ import annotations

import hmac
import ipaddress

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import Code, DossierError, Stage

CSP = (
    "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)


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

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

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
                message["headers"] = headers + list(_HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)
