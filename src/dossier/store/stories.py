"""Story clusters in the store: profiles kept per article, stories rebuilt from them.

Each article version's profile (:func:`dossier.stories.profile`, with the entities it
resolved to) is written with its analysis, as JSON in ``articles.story_terms``, and the
article is marked pending. After an ingest, :meth:`StoryQueries.rebuild_stories` reads
the latest articles' profiles in time order, runs :func:`dossier.stories.cluster` over
the part that pending articles can change, and replaces those stories in one
transaction; a reader sees the old stories or the new ones.
What a story says about its reports (key entities, events and quotes, and how the
reports differ) is read from the findings when a story is asked for, in
:mod:`.story_detail`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import date, timedelta
from typing import Any

from ..stories import (
    WINDOW_DAYS,
    StoryGroup,
    StoryInput,
    cluster,
    document_frequencies,
    profile,
)
from .sql import marks

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
ExecuteMany = Callable[[str, Sequence[Sequence[Any]]], None]
_CHUNK = 500


def profile_json(
    title: str | None, text: str, language: str | None, entity_ids: Sequence[str]
) -> str:
    terms = profile(title, text, language, Counter(entity_ids))
    return json.dumps(terms, sort_keys=True, separators=(",", ":"))


def write_profile(
    execute: Execute,
    aid: str,
    version: int,
    title: str | None,
    text: str,
    language: str | None,
    entity_ids: Sequence[str],
) -> None:
    execute(
        "UPDATE articles SET story_terms = ? WHERE id = ? AND version = ?",
        (profile_json(title, text, language, entity_ids), aid, version),
    )
    execute("INSERT INTO story_pending (article_id) VALUES (?) ON CONFLICT DO NOTHING", (aid,))


def _day(published: str | None, ingested: str) -> str:
    """A story's clock: the publication day, else the day the article was ingested."""
    for value in (published, ingested):
        if value:
            try:
                return date.fromisoformat(str(value)[:10]).isoformat()
            except ValueError:
                continue
    return str(ingested)[:10]


class StoryQueries:
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _backfill_profiles(self) -> None:
        """Articles stored before profiles existed (schema 12 and earlier) get one."""
        while True:
            rows = self._execute(
                "SELECT id, version, title, text, language FROM articles "
                "WHERE latest = 1 AND story_terms IS NULL ORDER BY id LIMIT ?",
                (_CHUNK,),
            )
            if not rows:
                return
            with self._transaction():
                for aid, version, title, text, language in rows:
                    ents = [
                        str(r[0])
                        for r in self._execute(
                            "SELECT entity_id FROM mentions WHERE article_id = ? AND version = ?",
                            (aid, version),
                        )
                    ]
                    write_profile(self._execute, aid, version, title, text, language, ents)

    def _story_inputs(self, order: list[tuple[str, str, str | None]]) -> Iterator[StoryInput]:
        """The profiles in time order, read a chunk of articles at a time."""
        for chunk in range(0, len(order), _CHUNK):
            part = order[chunk : chunk + _CHUNK]
            terms = {
                str(aid): t
                for aid, t in self._execute(
                    "SELECT id, story_terms FROM articles WHERE latest = 1 AND id IN "
                    f"({marks(len(part))})",
                    [aid for _, aid, _ in part],
                )
            }
            for day, aid, dup in part:
                yield StoryInput(
                    id=aid, day=day, terms=json.loads(terms.get(aid) or "{}"), copy_of=dup
                )

    def rebuild_stories(self, full: bool = False) -> int:
        """Bring the stories up to date with the stored profiles; returns how many there are.

        Only what new articles can change is redone: every story still open on the
        earliest day of the articles written since the last rebuild (its latest report at
        most ``WINDOW_DAYS`` before it), and everything from the first of those stories'
        first day on, is clustered again; earlier stories stay as they are. Document
        frequencies always come from the whole store. ``full`` redoes every story."""
        self._backfill_profiles()
        meta: dict[str, tuple[str, Any, Any]] = {}
        order: list[tuple[str, str, str | None]] = []
        for aid, published, ingested, outlet, title, dup in self._execute(
            "SELECT id, published, ingested_at, outlet, title, duplicate_of FROM articles "
            "WHERE latest = 1"
        ):
            day = _day(published, str(ingested))
            meta[str(aid)] = (day, outlet, title)
            order.append((day, str(aid), str(dup) if dup else None))
        order.sort()
        cutoff = None if full else self._rebuild_from(meta)
        if cutoff == "":
            return self.story_count()
        kept = {} if cutoff is None else self._members_before(cutoff)
        redo = [o for o in order if (cutoff is None or o[0] >= cutoff) and o[1] not in kept]
        # A copy whose original's story stays joins that story as it is.
        attach = [(aid, dup) for _, aid, dup in redo if dup is not None and dup in kept]
        attached = {aid for aid, _ in attach}
        redo = [o for o in redo if o[1] not in attached]
        weights = document_frequencies(self._story_inputs(order))
        groups = cluster(lambda: self._story_inputs(redo), weights=weights)
        with self._transaction():
            if cutoff is None:
                self._execute("DELETE FROM story_articles", ())
                self._execute("DELETE FROM stories", ())
            else:
                self._execute(
                    "DELETE FROM story_articles WHERE story_id IN "
                    "(SELECT id FROM stories WHERE first_day >= ?)",
                    (cutoff,),
                )
                self._execute("DELETE FROM stories WHERE first_day >= ?", (cutoff,))
                for chunk in range(0, len(attach), _CHUNK):
                    ids = [aid for aid, _ in attach[chunk : chunk + _CHUNK]]
                    self._execute(
                        f"DELETE FROM story_articles WHERE article_id IN ({marks(len(ids))})", ids
                    )
            self._execute_many(
                "INSERT INTO stories (id, label, first_day, last_day, reports, copies, outlets, "
                "first_article, central_article) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_story_row(g, meta) for g in groups],
            )
            self._execute_many(
                "INSERT INTO story_articles (article_id, story_id, copy_of, similarity) "
                "VALUES (?, ?, ?, ?)",
                [
                    row
                    for g in groups
                    for row in (
                        *((m, g.id, None, g.similarity[m]) for m in g.members),
                        *((c, g.id, root, 1.0) for c, root in g.copies),
                    )
                ]
                + [(aid, kept[root], root, 1.0) for aid, root in attach],
            )
            for sid in sorted({kept[root] for _, root in attach}):
                self._execute(
                    "UPDATE stories SET copies = (SELECT count(*) FROM story_articles "
                    "WHERE story_id = ? AND copy_of IS NOT NULL) WHERE id = ?",
                    (sid, sid),
                )
            self._execute("DELETE FROM story_pending", ())
        return self.story_count()

    def _rebuild_from(self, meta: dict[str, tuple[str, Any, Any]]) -> str | None:
        """The day a rebuild starts from: None to redo everything (no stories yet), ""
        when nothing was written since the last one."""
        if not self._execute("SELECT 1 FROM stories LIMIT 1", ()):
            return None
        days = [
            meta[str(r[0])][0]
            for r in self._execute("SELECT article_id FROM story_pending", ())
            if str(r[0]) in meta
        ]
        if not days:
            return ""
        since = min(days)
        opened = (date.fromisoformat(since) - timedelta(days=WINDOW_DAYS)).isoformat()
        row = self._execute("SELECT min(first_day) FROM stories WHERE last_day >= ?", (opened,))
        first = row[0][0] if row and row[0][0] is not None else since
        return min(str(first), since)

    def _members_before(self, cutoff: str) -> dict[str, str]:
        """Article -> story, for the stories that began before ``cutoff`` (kept as they are)."""
        return {
            str(aid): str(sid)
            for aid, sid in self._execute(
                "SELECT s.article_id, s.story_id FROM story_articles s JOIN stories t "
                "ON t.id = s.story_id WHERE t.first_day < ?",
                (cutoff,),
            )
        }

    def stories(
        self,
        limit: int | None = None,
        offset: int = 0,
        min_reports: int = 1,
        by_first_report: bool = False,
    ) -> list[dict[str, Any]]:
        """Stories, the most reported first, then the latest (or in order of their first
        report); each with its outlets."""
        order = "first_day, id" if by_first_report else "reports DESC, last_day DESC, id"
        sql = f"SELECT {STORY_COLUMNS} FROM stories WHERE reports >= ? ORDER BY {order}"
        params: list[Any] = [min_reports]
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        rows = self._execute(sql, params)
        outlets = self._outlets_of([str(r[0]) for r in rows])
        return [{**story_summary(r), "outlets": outlets.get(str(r[0]), [])} for r in rows]

    def story_count(self, min_reports: int = 1) -> int:
        row = self._execute("SELECT count(*) FROM stories WHERE reports >= ?", (min_reports,))
        return int(row[0][0]) if row else 0

    def story_of(self, article_id: str) -> str | None:
        rows = self._execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
        )
        return str(rows[0][0]) if rows else None

    def story_members(self, story_id: str) -> list[dict[str, Any]]:
        """A story's articles in time order: its reports, then each copy after them."""
        rows = self._execute(
            "SELECT s.article_id, s.copy_of, s.similarity, a.version, a.outlet, a.title, "
            "a.published, a.ingested_at, a.language FROM story_articles s JOIN articles a "
            "ON a.id = s.article_id AND a.latest = 1 WHERE s.story_id = ?",
            (story_id,),
        )
        out = [
            {
                "id": aid,
                "version": int(version),
                "outlet": outlet,
                "title": title,
                "published": published,
                "day": _day(published, str(ingested)),
                "language": language,
                "copy_of": copy_of,
                "similarity": float(sim),
            }
            for aid, copy_of, sim, version, outlet, title, published, ingested, language in rows
        ]
        out.sort(key=lambda m: (m["copy_of"] is not None, m["day"], m["id"]))
        return out

    def _outlets_of(self, story_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, Counter[tuple[str, bool]]] = {}
        for chunk in range(0, len(story_ids), _CHUNK):
            ids = story_ids[chunk : chunk + _CHUNK]
            for sid, outlet, copy_of, n in self._execute(
                "SELECT s.story_id, a.outlet, s.copy_of IS NOT NULL, count(*) "
                "FROM story_articles s JOIN articles a ON a.id = s.article_id AND a.latest = 1 "
                f"WHERE s.story_id IN ({marks(len(ids))}) GROUP BY s.story_id, a.outlet, s.copy_of IS NOT NULL",
                ids,
            ):
                out.setdefault(str(sid), Counter())[(outlet or "", bool(copy_of))] += int(n)
        result: dict[str, list[dict[str, Any]]] = {}
        for sid, counts in out.items():
            tallies = sorted(
                ((o, counts[(o, False)], counts[(o, True)]) for o in {o for o, _ in counts}),
                key=lambda t: (-t[1], -t[2], t[0]),
            )
            listed = [{"outlet": o or None, "reports": r, "copies": c} for o, r, c in tallies]
            result[sid] = listed
        return result


STORY_COLUMNS = (
    "id, label, first_day, last_day, reports, copies, outlets, first_article, central_article"
)


def story_summary(row: Sequence[Any]) -> dict[str, Any]:
    """A ``stories`` row (``STORY_COLUMNS``) as the listings and the detail give it."""
    sid, label, first, last, reports, copies, outlets, first_article, central = row
    return {
        "id": sid,
        "label": label,
        "first": first,
        "last": last,
        "reports": int(reports),
        "copies": int(copies),
        "outlet_count": int(outlets),
        "first_article": first_article,
        "central_article": central,
    }


def _story_row(g: StoryGroup, meta: dict[str, tuple[str, Any, Any]]) -> tuple[Any, ...]:
    # Members are in time order (day, then ID): the first is the first report.
    first, last = g.members[0], g.members[-1]
    outlets = {meta[m][1] for m in g.members if meta[m][1]}
    label = meta[g.central][2] or meta[first][2]
    return (
        g.id,
        label,
        meta[first][0],
        meta[last][0],
        len(g.members),
        len(g.copies),
        len(outlets),
        first,
        g.central,
    )
