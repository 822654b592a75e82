"""HTTP fetching, the one network seam.

``Fetcher`` takes an ``httpx.BaseTransport`` so tests can swap in an
in-process double; the default is the real network transport. Redirects are
followed by hand so that the limit and the final URL are ours to control, and
bodies are streamed so an oversized page is cut off without being held whole.

Each hop, the first URL and every redirect, is checked before anything
connects: its host is resolved once, every address it resolves to is judged by
``addresses.refusal``, and ``PinnedTransport`` connects to those checked
addresses, so a name that resolves elsewhere a moment later (DNS rebinding)
cannot slip past. The Host header and the TLS server name stay the URL's own,
so virtual hosts and certificates work as before. Proxy variables are not used:
a proxy would resolve the name itself, past the check.
"""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import ip_address
from urllib.parse import urljoin, urlsplit

import httpx

from ..config import USER_AGENT, Settings
from ..errors import Code, DossierError, Stage
from . import addresses
from .addresses import Address

# The request extension that carries a hop's checked addresses to ``PinnedTransport``.
_CHECKED = "dossier.checked_addresses"
_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Response:
    url: str
    content: bytes
    content_type: str
    charset: str | None
    # Validators for a conditional request next time (``dossier watch``), and whether this
    # answer was 304 Not Modified to one: then ``content`` is empty and nothing changed.
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


class PinnedTransport(httpx.BaseTransport):
    """Sends a request to the addresses checked for it, in order, moving on when one
    refuses the connection. A request that carries none is refused, never resolved here."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        extensions = dict(request.extensions)
        checked: list[str] = extensions.pop(_CHECKED, [])
        if not checked:
            raise httpx.ConnectError("no checked address to connect to", request=request)
        host = request.url.raw_host.decode("ascii")
        if request.url.scheme == "https" and addresses.numeric_host(host) is None:
            extensions["sni_hostname"] = host
        failure = httpx.ConnectError("no address answered", request=request)
        for address in checked:
            pinned = httpx.Request(
                request.method,
                request.url.copy_with(host=address),
                headers=request.headers,  # keeps the Host header of the URL as written
                stream=request.stream,
                extensions=extensions,
            )
            try:
                return self._inner.handle_request(pinned)
            except httpx.ConnectError as exc:
                failure = exc
        raise failure

    def close(self) -> None:
        self._inner.close()


class Fetcher:
    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self._client = httpx.Client(
            transport=PinnedTransport(transport or httpx.HTTPTransport()),
            timeout=settings.timeout,
            follow_redirects=False,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html, application/xhtml+xml, "
                "application/rss+xml, application/atom+xml, text/plain;q=0.9, */*;q=0.5",
            },
        )

    def close(self) -> None:
        self._client.close()

    def get(
        self, url: str, source: str | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        """GET ``url``; ``headers`` are sent on every hop (``If-None-Match`` and
        ``If-Modified-Since`` make it a conditional request)."""
        source = source or url
        for hop in range(self.settings.max_redirects + 1):
            request = self._checked_request(url, source, hop, headers=headers)
            try:
                response = self._client.send(request, stream=True)
                try:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise DossierError(
                            Code.HTTP_STATUS, source, Stage.FETCH, status=response.status_code
                        )
                    return Response(
                        url=str(response.url),
                        content=self._read_capped(response, source),
                        content_type=response.headers.get("content-type", "").split(";")[0],
                        charset=response.charset_encoding,
                        etag=response.headers.get("etag"),
                        last_modified=response.headers.get("last-modified"),
                        not_modified=response.status_code == 304,
                    )
                finally:
                    response.close()
            except httpx.TimeoutException as exc:
                raise DossierError(
                    Code.TIMEOUT, source, Stage.FETCH, seconds=self.settings.timeout
                ) from exc
            except httpx.HTTPError as exc:
                raise DossierError(Code.NETWORK, source, Stage.FETCH, detail=str(exc)) from exc
        raise DossierError(
            Code.TOO_MANY_REDIRECTS, source, Stage.FETCH, limit=self.settings.max_redirects
        )

    def post(self, url: str, content: bytes, content_type: str) -> int:
        """POST ``content`` to ``url`` (an alert webhook) through the same checks as a GET;
        returns the status. Redirects are not followed: a webhook is one fixed address."""
        request = self._checked_request(
            url, url, 0, "POST", content, {"Content-Type": content_type}
        )
        try:
            response = self._client.send(request)
        except httpx.TimeoutException as exc:
            raise DossierError(
                Code.TIMEOUT, url, Stage.FETCH, seconds=self.settings.timeout
            ) from exc
        except httpx.HTTPError as exc:
            raise DossierError(Code.NETWORK, url, Stage.FETCH, detail=str(exc)) from exc
        response.close()
        if response.status_code >= 300:
            raise DossierError(Code.HTTP_STATUS, url, Stage.FETCH, status=response.status_code)
        return response.status_code

    def _checked_request(
        self,
        url: str,
        source: str,
        hop: int,
        method: str = "GET",
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Request:
        """The request for one hop, carrying the addresses its host may be reached at."""
        try:
            target = httpx.URL(url)
        except httpx.InvalidURL as exc:
            # httpx refuses a dotted octal host (0177.0.0.1); say where it points all the same.
            written = urlsplit(url).hostname or ""
            numeric = addresses.numeric_host(written) if written else None
            if numeric is not None:
                self._check(url, source, hop, written, [numeric])
            raise DossierError(Code.BAD_URL, source, Stage.FETCH) from exc
        if target.scheme not in _PORTS or not target.host:
            raise DossierError(Code.BAD_URL, source, Stage.FETCH)
        host = target.raw_host.decode("ascii")
        numeric = addresses.numeric_host(host)
        found = (
            [numeric]
            if numeric is not None
            else self._resolve(host, target.port or _PORTS[target.scheme], source)
        )
        self._check(url, source, hop, target.host, found)
        return self._client.build_request(
            method,
            target,
            content=content,
            headers=headers,
            extensions={_CHECKED: [str(address) for address in found]},
        )

    def _resolve(self, host: str, port: int, source: str) -> list[Address]:
        try:
            found = [ip_address(address) for address in addresses.resolve(host, port)]
        except (OSError, UnicodeError, ValueError) as exc:
            why = getattr(exc, "strerror", None) or str(exc)
            raise DossierError(
                Code.NETWORK, source, Stage.FETCH, detail=f"cannot resolve {host}: {why}"
            ) from exc
        if not found:
            raise DossierError(
                Code.NETWORK, source, Stage.FETCH, detail=f"{host} resolves to no address"
            )
        return found

    def _check(self, url: str, source: str, hop: int, host: str, found: list[Address]) -> None:
        """Refuse the hop when any address of its host is not public, unless allowed."""
        if self.settings.allow_private_urls:
            return
        for address in found:
            kind = addresses.refusal(address)
            if kind:
                target = host if hop == 0 else f"{host} (redirected to {url})"
                embedded = addresses.embedded_ipv4(address)
                shown = f"{address} (IPv4 {embedded})" if embedded else str(address)
                article = "an" if kind[0] in "aeiou" else "a"
                raise DossierError(
                    Code.PRIVATE_URL,
                    source,
                    Stage.FETCH,
                    target=target,
                    address=shown,
                    kind=f"{article} {kind}",
                )

    def _read_capped(self, response: httpx.Response, source: str) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise DossierError(Code.TOO_LARGE, source, Stage.FETCH, size=declared, limit=limit)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise DossierError(
                    Code.TOO_LARGE, source, Stage.FETCH, size=f"more than {limit}", limit=limit
                )
            chunks.append(chunk)
        return b"".join(chunks)
