"""HTTP fetching, the one network seam.

``Fetcher`` takes an ``httpx.BaseTransport`` so tests can swap in an
in-process double; the default is the real network transport. Redirects are
followed by hand so that the limit and the final URL are ours to control, and
bodies are streamed so an oversized page is cut off without being held whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

import httpx

from ..config import USER_AGENT, Settings
from ..errors import Code, DossierError, Stage


@dataclass(frozen=True)
class Response:
    url: str
    content: bytes
    content_type: str
    charset: str | None


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


class Fetcher:
    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self._client = httpx.Client(
            transport=transport,
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

    def get(self, url: str, source: str | None = None) -> Response:
        source = source or url
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise DossierError(Code.BAD_URL, source, Stage.FETCH)
        for _ in range(self.settings.max_redirects + 1):
            try:
                with self._client.stream("GET", url) as response:
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
                    )
            except httpx.TimeoutException as exc:
                raise DossierError(
                    Code.TIMEOUT, source, Stage.FETCH, seconds=self.settings.timeout
                ) from exc
            except httpx.HTTPError as exc:
                raise DossierError(Code.NETWORK, source, Stage.FETCH, detail=str(exc)) from exc
        raise DossierError(
            Code.TOO_MANY_REDIRECTS, source, Stage.FETCH, limit=self.settings.max_redirects
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
