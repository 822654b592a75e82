"""Near-duplicate articles: syndicated copies and lightly edited re-posts.

Each stored article version keeps its LSH band digests (``shingles.text_bands``) in
``article_bands``, indexed by band. A new article looks up the latest articles that
share a band with it, checks each candidate exactly (``shingles.resemblance`` at least
``THRESHOLD`` and sizes within ``MIN_SIZE_RATIO``), and joins their group. A group's
root is its earliest copy (``_order``): by publication date then ID, undated ones last
by ingest time; every other member's ``articles.duplicate_of`` names the root. When the new
article is earlier than the group's root, or bridges two groups, the group is re-rooted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..shingles import resemblance, shingles, text_bands
from .sql import marks

THRESHOLD = 0.7
# A brief that quotes a long story's lead is not a copy of the story.
MIN_SIZE_RATIO = 0.5

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
ExecuteMany = Callable[[str, Sequence[Sequence[Any]]], None]


def _order(published: str | None, ingested: str, aid: str) -> tuple[bool, str, str, str]:
    """Which copy is the earliest. Two dated copies compare by publication date, then ID,
    never by ingest time, so the root is the same whatever order the copies came in
    (dates are days, and a wire story's copies are often all of one day). Undated
    copies come last, and among themselves by ingest time, the only clue there is."""
    if published is None:
        return (True, "", ingested, aid)
    return (False, published, "", aid)


def candidates_sql(bands: int) -> str:
    return f"SELECT DISTINCT article_id, version FROM article_bands WHERE band IN ({marks(bands)})"


def articles_sql(keys: int) -> str:
    where = " OR ".join("(id = ? AND version = ?)" for _ in range(keys))
    # latest is read, not filtered on, so the lookup stays on the primary key.
    return f"SELECT id, text, latest FROM articles WHERE {where}"


def is_copy(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b or min(len(a), len(b)) < MIN_SIZE_RATIO * max(len(a), len(b)):
        return False
    return resemblance(a, b) >= THRESHOLD


def link(execute: Execute, execute_many: ExecuteMany, aid: str, version: int, text: str) -> None:
    """Store a new article version's bands and link it into its near-duplicate group
    (inside the caller's transaction, after the article row is written)."""
    digests = text_bands(text)
    if not digests:
        return
    execute_many(
        "INSERT INTO article_bands (band, article_id, version) VALUES (?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        [(d, aid, version) for d in digests],
    )
    # Two steps, not a join: the bands first by their index, then those articles by key,
    # so no planner can choose to walk every latest article.
    found = execute(candidates_sql(len(digests)), tuple(digests))
    keys = sorted({(str(r[0]), int(r[1])) for r in found if r[0] != aid})
    candidates = [
        row
        for chunk in range(0, len(keys), 100)
        for row in execute(
            articles_sql(len(keys[chunk : chunk + 100])),
            tuple(x for k in keys[chunk : chunk + 100] for x in k),
        )
    ]
    own = shingles(text)
    matched = {
        str(cid) for cid, ctext, latest in candidates if latest and is_copy(own, shingles(ctext))
    }
    if not matched:
        return
    roots = {
        str(r[0])
        for r in execute(
            "SELECT coalesce(duplicate_of, id) FROM articles WHERE latest = 1 "
            f"AND id IN ({marks(len(matched))})",
            tuple(sorted(matched)),
        )
    }
    roots.add(aid)
    keyed = execute(
        "SELECT id, published, ingested_at FROM articles WHERE latest = 1 "
        f"AND id IN ({marks(len(roots))})",
        tuple(sorted(roots)),
    )
    earliest = min(keyed, key=lambda r: _order(r[1], str(r[2]), str(r[0])))[0]
    others = tuple(sorted(roots - {earliest}))
    listed = marks(len(others))
    # Two statements, each on its own index (an OR of the two reads every latest row).
    execute(
        f"UPDATE articles SET duplicate_of = ? WHERE duplicate_of IN ({listed}) AND latest = 1",
        (earliest, *others),
    )
    execute(
        f"UPDATE articles SET duplicate_of = ? WHERE id IN ({listed}) AND latest = 1",
        (earliest, *others),
    )
    execute("UPDATE articles SET duplicate_of = NULL WHERE id = ? AND latest = 1", (earliest,))


class DuplicateQueries:
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def duplicate_of(self, article_id: str) -> str | None:
        """The earliest copy of an article that is a near-duplicate, else None."""
        rows = self._execute(
            "SELECT duplicate_of FROM articles WHERE id = ? AND latest = 1", (article_id,)
        )
        return str(rows[0][0]) if rows and rows[0][0] is not None else None

    def duplicate_groups(self) -> list[list[dict[str, Any]]]:
        """Every group of near-duplicates, earliest copy first, then its copies in
        publication order; groups in the order of their earliest copies."""
        rows = self._execute(
            "SELECT coalesce(a.duplicate_of, a.id) AS root, a.id, a.title, a.outlet, "
            "a.published, a.ingested_at FROM articles a WHERE a.latest = 1 AND "
            "(a.duplicate_of IS NOT NULL OR EXISTS (SELECT 1 FROM articles c "
            "WHERE c.duplicate_of = a.id AND c.latest = 1))"
        )
        groups: dict[str, list[dict[str, Any]]] = {}
        for root, aid, title, outlet, published, ingested in rows:
            groups.setdefault(str(root), []).append(
                {
                    "id": aid,
                    "title": title,
                    "outlet": outlet,
                    "published": published,
                    "duplicate_of": None if aid == root else root,
                    "_order": _order(published, str(ingested), str(aid)),
                }
            )
        out = []
        for members in groups.values():
            members.sort(key=lambda m: (m["duplicate_of"] is not None, m["_order"]))
            out.append(members)
        out.sort(key=lambda g: g[0]["_order"])
        for members in out:
            for m in members:
                del m["_order"]
        return out
