"""Story clusters in the store: profiles kept per article, stories rebuilt whole.

Each article version's profile (:func:`dossier.stories.profile`, with the entities it
resolved to) is written with its analysis, as JSON in ``articles.story_terms``. After an
ingest, :meth:`StoryQueries.rebuild_stories` reads the latest articles' profiles in time
order, runs :func:`dossier.stories.cluster` and replaces ``stories`` and
``story_articles`` in one transaction; a reader sees the old stories or the new ones.
What a story says about its reports (key entities, events and quotes, and how the
reports differ) is read from the findings when a story is asked for, in
:mod:`.story_detail`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

from ..stories import StoryGroup, StoryInput, cluster, profile

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
            marks = ", ".join("?" for _ in part)
            terms = {
                str(aid): t
                for aid, t in self._execute(
                    f"SELECT id, story_terms FROM articles WHERE latest = 1 AND id IN ({marks})",
                    [aid for _, aid, _ in part],
                )
            }
            for day, aid, dup in part:
                yield StoryInput(
                    id=aid, day=day, terms=json.loads(terms.get(aid) or "{}"), copy_of=dup
                )

    def rebuild_stories(self) -> int:
        """Recompute every story from the stored profiles; returns how many there are."""
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
        groups = cluster(lambda: self._story_inputs(order))
        with self._transaction():
            self._execute("DELETE FROM story_articles", ())
            self._execute("DELETE FROM stories", ())
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
                ],
            )
        return len(groups)

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
        sql = (
            "SELECT id, label, first_day, last_day, reports, copies, outlets, first_article, "
            f"central_article FROM stories WHERE reports >= ? ORDER BY {order}"
        )
        params: list[Any] = [min_reports]
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        rows = self._execute(sql, params)
        outlets = self._outlets_of([str(r[0]) for r in rows])
        return [
            {
                "id": sid,
                "label": label,
                "first": first,
                "last": last,
                "reports": int(reports),
                "copies": int(copies),
                "outlet_count": int(n_outlets),
                "outlets": outlets.get(str(sid), []),
                "first_article": first_article,
                "central_article": central,
            }
            for sid, label, first, last, reports, copies, n_outlets, first_article, central in rows
        ]

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
            if not ids:
                continue
            marks = ", ".join("?" for _ in ids)
            for sid, outlet, copy_of, n in self._execute(
                "SELECT s.story_id, a.outlet, s.copy_of IS NOT NULL, count(*) "
                "FROM story_articles s JOIN articles a ON a.id = s.article_id AND a.latest = 1 "
                f"WHERE s.story_id IN ({marks}) GROUP BY s.story_id, a.outlet, s.copy_of IS NOT NULL",
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


def _story_row(g: StoryGroup, meta: dict[str, tuple[str, Any, Any]]) -> tuple[Any, ...]:
    days = [meta[m][0] for m in g.members]
    outlets = {meta[m][1] for m in g.members if meta[m][1]}
    first = min(g.members, key=lambda m: (meta[m][0], m))
    label = meta[g.central][2] or meta[first][2]
    return (
        g.id,
        label,
        min(days),
        max(days),
        len(g.members),
        len(g.copies),
        len(outlets),
        first,
        g.central,
    )
