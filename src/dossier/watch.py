"""``dossier watch``: poll feeds and pages, ingest what is new, raise alerts on it.

Each URL is fetched with a conditional request (``If-None-Match`` with the ETag,
``If-Modified-Since`` with the Last-Modified the server gave last time), so an unchanged
feed costs one 304 and no work. A changed feed goes through the ordinary ingest batch,
whose store skips every item it already holds (by the hash of its bytes) before analysis,
so only new items are analysed. The validators are saved only after the batch, so a
crash mid-poll fetches the feed again in full next time.

A poll that fails (the fetch, or the feed itself: E2xx, E301, an empty answer) is
recorded like any ingest error and backs the URL off: after n consecutive failures the
next poll waits the interval times 2**n, at most ``MAX_BACKOFF`` (or the interval, when
that is longer). One URL failing never stops the others. The state lives in
``watch_state``; alerts in ``alerts``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .alerts import Alert, Alerter, Rules
from .analyze import Analyzer
from .config import Settings
from .errors import DossierError, as_record
from .ingest.fetch import Fetcher, Response
from .models import IngestError
from .pipeline import Ingest, Summary
from .store import SqlStore
from .watch_state import UrlState, WatchState

MAX_BACKOFF = 6 * 3600.0
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL = re.compile(r"(\d+)([smhd])")


def parse_interval(text: str) -> float:
    """Seconds in an interval written as ``30s``, ``10m``, ``1h30m`` or ``2d``."""
    written = text.strip().lower()
    parts = _INTERVAL.findall(written)
    if not written or "".join(n + u for n, u in parts) != written:
        raise ValueError(
            f"{text!r} is not an interval: write a number and a unit, s, m, h or d "
            "(30s, 10m, 1h30m)"
        )
    seconds = sum(int(n) * _UNITS[u] for n, u in parts)
    if seconds < 1:
        raise ValueError(f"{text!r} is not an interval of at least 1 second")
    return float(seconds)


def backoff(every: float, failures: int) -> float:
    """The wait before the next poll after ``failures`` consecutive failed polls."""
    return min(every * 2.0 ** min(failures, 30), max(every, MAX_BACKOFF))


@dataclass(frozen=True)
class Poll:
    """What one poll of one URL did."""

    url: str
    status: str  # "changed", "not modified", "failed", "backing off" or "waiting" (not due)
    next_poll: float
    summary: Summary | None = None
    error: IngestError | None = None
    failures: int = 0
    alerts: list[Alert] = field(default_factory=list)
    # Alerts raised but not delivered (a webhook that failed, a log that cannot be written).
    undelivered: list[DossierError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "failed" or bool(self.summary and self.summary.failed)


class _Primed(Fetcher):
    """The fetcher for one poll's batch: the URL just fetched answers from memory, so the
    batch reads the very answer whose validators are saved; anything else (an item's
    page) is fetched as usual."""

    def __init__(self, inner: Fetcher, url: str, response: Response) -> None:
        self.settings = inner.settings
        self._inner = inner
        self._url = url
        self._response = response

    def get(
        self, url: str, source: str | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        if url == self._url:
            return self._response
        return self._inner.get(url, source, headers)


class Watcher:
    def __init__(
        self,
        store: SqlStore,
        urls: list[str],
        every: float,
        state: WatchState,
        settings: Settings | None = None,
        rules: Rules | None = None,
        fetcher: Fetcher | None = None,
        analyzer: Analyzer | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.urls = list(dict.fromkeys(urls))
        self.every = every
        self.state = state
        self.settings = settings or Settings.from_env()
        self.fetcher = fetcher or Fetcher(self.settings)
        self.clock = clock
        # One batch object for every poll, so the model loads once, on the first new item.
        self._ingest = Ingest(store, self.settings, analyzer=analyzer, progress=False)
        self.alerter = (
            Alerter(
                rules, lambda rule, key: state.first_alert(rule, key, clock()), self.fetcher.post
            )
            if rules
            else None
        )

    def round(self, due_only: bool = False) -> list[Poll]:
        """Poll every URL once, except those backing off after failures; with
        ``due_only``, also skip those whose interval has not run out."""
        polls = []
        for url in self.urls:
            saved = self.state.get(url)
            now = self.clock()
            waiting = saved.next_poll is not None and saved.next_poll > now
            if waiting and (due_only or saved.failures):
                assert saved.next_poll is not None
                status = "backing off" if saved.failures else "waiting"
                polls.append(Poll(url, status, saved.next_poll, failures=saved.failures))
                continue
            polls.append(self._poll(saved, now))
        return polls

    def next_due(self) -> float:
        """When the earliest URL is next due."""
        times = [self.state.get(url).next_poll for url in self.urls]
        return min((t for t in times if t is not None), default=self.clock())

    def _poll(self, saved: UrlState, now: float) -> Poll:
        url = saved.url
        headers = {}
        if saved.etag:
            headers["If-None-Match"] = saved.etag
        if saved.last_modified:
            headers["If-Modified-Since"] = saved.last_modified
        try:
            response = self.fetcher.get(url, headers=headers)
        except DossierError as exc:
            error = as_record(exc)
            self.store.record_error(error)
            return self._failed(saved, now, error)
        if response.not_modified:
            next_poll = now + self.every
            self.state.put(
                replace(
                    saved,
                    last_poll=now,
                    last_status="not modified",
                    failures=0,
                    next_poll=next_poll,
                    last_error=None,
                )
            )
            return Poll(url, "not modified", next_poll)
        before = self._latest() if self.alerter else set()
        self._ingest.fetcher = _Primed(self.fetcher, url, response)
        summary = self._ingest.run([url])
        own = next((e for e in summary.errors if e.source == url and not e.member), None)
        if own is not None:  # the feed itself failed (recorded by the batch): back off
            return self._failed(saved, now, own, summary)
        alerts, undelivered = self._alerts(self._latest() - before) if self.alerter else ([], [])
        next_poll = now + self.every
        self.state.put(
            UrlState(
                url,
                response.etag,
                response.last_modified,
                now,
                "changed",
                0,
                next_poll,
                None,
            )
        )
        return Poll(url, "changed", next_poll, summary, alerts=alerts, undelivered=undelivered)

    def _failed(
        self, saved: UrlState, now: float, error: IngestError, summary: Summary | None = None
    ) -> Poll:
        failures = saved.failures + 1
        next_poll = now + backoff(self.every, failures)
        self.state.put(
            replace(
                saved,
                last_poll=now,
                last_status="failed",
                failures=failures,
                next_poll=next_poll,
                last_error=f"{error.reason} [{error.code}]",
            )
        )
        return Poll(saved.url, "failed", next_poll, summary, error, failures)

    def _latest(self) -> set[tuple[str, int]]:
        return {(row.id, row.version) for row in self.store.articles()}

    def _alerts(self, new: set[tuple[str, int]]) -> tuple[list[Alert], list[DossierError]]:
        assert self.alerter is not None
        raised: list[Alert] = []
        undelivered: list[DossierError] = []
        for aid, version in sorted(new):
            article = self.store.article(aid, version)
            if article is None:
                continue
            alerts, failed = self.alerter.check(article)
            raised += alerts
            for error in failed:
                self.store.record_error(as_record(error))
            undelivered += failed
        return raised, undelivered

    def close(self) -> None:
        self.fetcher.close()
