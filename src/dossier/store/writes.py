"""The write path of the store: one document in, as a new article, a new version, or
nothing new, by the identity rules of ``keys`` (see the README, *Identity, duplicates and
versions*). An article's rows go out in batched statements, a statement per table."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from ..keys import article_id, content_hash
from ..models import Analysis, Extracted, SaveResult
from .duplicates import link as link_duplicates
from .event_rows import delete_events, write_events
from .resolve import Resolver
from .rows import delete_analysis, write_analysis
from .stories import write_profile

# "+latest": read by the hash index, not by ``articles_latest`` (every latest article),
# which SQLite would otherwise pick for lack of statistics.
SAME_TEXT_SQL = "SELECT id, version FROM articles WHERE content_hash = ? AND +latest = 1"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _same_input(source: str, origin: str | None) -> tuple[str, tuple[str, ...]]:
    """SQL condition and parameters for the inputs of one source.

    A local file is the same source under any spelling of its path (its resolved path,
    ``origin``); inputs stored before origins were recorded match by the path as given.
    """
    if origin is None:
        return "source = ?", (source,)
    return "(origin = ? OR (origin IS NULL AND source = ?))", (origin, source)


class WriteQueries:
    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each of ``rows`` as a single batched call."""

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def _index_text(
        self, article_id: str, title: str | None, text: str, first: bool, language: str | None
    ) -> None: ...

    @abstractmethod
    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None: ...

    @abstractmethod
    def _move_owned(
        self, aid: str, version: int, old: str, new: str, start: int, end: int
    ) -> None: ...

    def has_input(self, source: str, member: str, raw_hash: str, origin: str | None = None) -> bool:
        """Whether these bytes were processed from this source (or this local file) before."""
        where, key = _same_input(source, origin)
        return bool(
            self._one(
                f"SELECT 1 FROM inputs WHERE {where} AND member = ? AND raw_hash = ?",
                (*key, member, raw_hash),
            )
        )

    def _article_of(self, extracted: Extracted) -> tuple[str, bool]:
        """The ID to store a document under, and whether it is the ID its file had before.

        A local document without a URL is identified by its text, so an edited file would
        get a new ID; instead it keeps the ID of the article its file (the same resolved
        path and member) last produced, and becomes that article's next version.
        """
        if extracted.url is None and extracted.origin:
            where, key = _same_input(extracted.source, extracted.origin)
            prior = self._one(
                f"SELECT article_id FROM inputs WHERE {where} AND member = ? "
                "AND outcome IN ('new', 'version', 'unchanged') ORDER BY seen_at DESC LIMIT 1",
                (*key, extracted.member),
            )
            if prior:
                return str(prior[0]), True
        return article_id(extracted.url, extracted.text), False

    def _decide(self, extracted: Extracted, chash: str) -> tuple[SaveResult, bool]:
        """What storing this document does, read inside the caller's transaction: the
        result, and whether it needs a new article version (and so its analysis)."""
        where, key = _same_input(extracted.source, extracted.origin)
        aid, followed = self._article_of(extracted)
        latest = self._one(
            "SELECT version, content_hash FROM articles WHERE id = ? AND latest = 1", (aid,)
        )
        if latest and extracted.url is None and not followed and latest[1] != chash:
            # Another source's text-identified article whose first version had this very
            # text (its ID is that text's hash) and was edited since: an old copy of it.
            return SaveResult("duplicate", aid, int(latest[0])), False
        if latest and latest[1] == chash:
            seen = self._one(
                f"SELECT 1 FROM inputs WHERE {where} AND member = ? AND article_id = ?",
                (*key, extracted.member, aid),
            )
            return SaveResult("unchanged" if seen else "duplicate", aid, int(latest[0])), False
        duplicate = (
            None
            if latest
            else self._one(
                SAME_TEXT_SQL,
                (chash,),
            )
        )
        if duplicate:
            return SaveResult("duplicate", str(duplicate[0]), int(duplicate[1])), False
        version = int(latest[0]) + 1 if latest else 1
        return SaveResult("version" if latest else "new", aid, version), True

    def save(self, extracted: Extracted, analysis: Analysis) -> SaveResult:
        """Store one document atomically: a new article, a new version, or nothing new."""
        chash = content_hash(extracted.text)
        with self._transaction():
            result, needed = self._decide(extracted, chash)
            if needed:
                self._insert_article(result.article_id, result.version, chash, extracted, analysis)
            self._record_input(extracted, result)
        return result

    def save_known(self, extracted: Extracted) -> SaveResult | None:
        """Record a document whose normalised text is already stored (unchanged, or a
        duplicate), exactly as ``save`` would, without its analysis; None, with nothing
        written, when it needs one (a new article or version). Ingest asks this before
        analysing, so stored text is never analysed again."""
        chash = content_hash(extracted.text)
        if self._decide(extracted, chash)[1]:  # read first: no write transaction for new text
            return None
        with self._transaction():
            result, needed = self._decide(extracted, chash)
            if needed:  # another writer changed it in between: let it be analysed
                return None
            self._record_input(extracted, result)
        return result

    def _record_input(self, extracted: Extracted, result: SaveResult) -> None:
        self._execute(
            "INSERT INTO inputs (source, member, raw_hash, article_id, version, outcome, "
            "seen_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                extracted.source,
                extracted.member,
                extracted.raw_hash,
                result.article_id,
                result.version,
                result.outcome,
                now(),
                extracted.origin,
            ),
        )
        self._execute(
            "DELETE FROM errors WHERE source = ? AND member = ?",
            (extracted.source, extracted.member),
        )

    def _insert_article(
        self, aid: str, version: int, chash: str, ex: Extracted, analysis: Analysis
    ) -> None:
        self._execute("UPDATE articles SET latest = 0 WHERE id = ?", (aid,))
        self._execute(
            "INSERT INTO articles (id, version, latest, source, url, outlet, title, author, "
            "published, language, text, content_hash, ingested_at, analysed) "
            "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                aid,
                version,
                ex.source,
                ex.url,
                ex.outlet,
                ex.title,
                ex.author,
                ex.published,
                ex.language,
                ex.text,
                chash,
                now(),
                int(analysis.analysed),
            ),
        )
        self._write_analysis(aid, version, analysis, ex.language, ex.title, ex.text)
        self._index_text(aid, ex.title, ex.text, version == 1, ex.language)
        link_duplicates(self._execute, self._execute_many, aid, version, ex.text)

    def _write_analysis(
        self,
        aid: str,
        version: int,
        analysis: Analysis,
        language: str | None,
        title: str | None,
        text: str,
    ) -> None:
        # Known aliases apply in their own language only, so the resolver needs it.
        resolver = Resolver(self._execute, language, execute_many=self._execute_many)
        ids = resolver.resolve(analysis.entities)
        split_off, mentions = [], []
        for entity in analysis.entities:
            eid = ids[entity.id][0]
            for m in entity.mentions:
                own = resolver.for_mention(m.text, eid, entity.type)
                if own != eid:
                    split_off.append((m.start, m.end, eid, own))
                mentions.append((aid, version, own, m.start, m.end, m.text, m.label))
        self._execute_many(
            "INSERT INTO mentions (article_id, version, entity_id, start_char, end_char, "
            "text, label) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            mentions,
        )
        write_analysis(self._execute_many, aid, version, analysis, ids)
        write_events(self._execute, aid, version, analysis, ids, self._execute_many)
        # A form split off its entity takes the quotes, claims and events it is named in.
        for start, end, old, new in split_off:
            self._move_owned(aid, version, old, new, start, end)
        write_profile(self._execute, aid, version, title, text, language, [m[2] for m in mentions])

    def replace_analysis(self, aid: str, version: int, analysis: Analysis) -> None:
        """Swap in a fresh analysis of a stored article (``dossier reanalyze``)."""
        with self._transaction():
            row = self._one(
                "SELECT language, title, text FROM articles WHERE id = ? AND version = ?",
                (aid, version),
            )
            delete_events(self._execute, aid, version)
            delete_analysis(self._execute, aid, version)
            self._execute(
                "UPDATE articles SET analysed = ? WHERE id = ? AND version = ?",
                (int(analysis.analysed), aid, version),
            )
            language, title, text = row if row else (None, None, "")
            self._write_analysis(aid, version, analysis, language, title, text)

    def outlet_vote_totals(self) -> dict[str, tuple[int, dict[tuple[str, str | None], int]]]:
        """``outlet_votes`` of every outlet at once (two aggregate queries): the snapshot
        an ingest run learns outlet homes from (``run_homes``)."""
        totals: dict[str, tuple[int, dict[tuple[str, str | None], int]]] = {
            str(outlet): (int(n), {})
            for outlet, n in self._execute(
                "SELECT outlet, count(*) FROM articles WHERE latest = 1 AND outlet IS NOT NULL "
                "GROUP BY outlet"
            )
        }
        for outlet, country, admin1, n in self._execute(
            "SELECT a.outlet, r.country_code, r.admin1, count(*) FROM regions r JOIN articles a "
            "ON a.id = r.article_id AND a.version = r.version "
            "WHERE a.latest = 1 AND a.outlet IS NOT NULL "
            "GROUP BY a.outlet, r.country_code, r.admin1"
        ):
            totals[str(outlet)][1][(str(country), admin1 or None)] = int(n)
        return totals
