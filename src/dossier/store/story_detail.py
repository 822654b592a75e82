"""What a story says about its reports, read from their findings when it is asked for.

Only a story's reports count here, never its near-duplicate copies, which are not new
reporting. A key entity is one named in most reports; a key event is a cross-article
event most reports give; key quotes are the longest words of the speakers most reports
quote. How the reports differ is, for each report, its sourcing (quotes by named and by
anonymous speakers, claims by evidence type) and its figures, and the figures that two
reports give different values for (the count of one measure, say "detained").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..stories import words
from .sql import marks
from .stories import STORY_COLUMNS, story_summary

KEY_ENTITIES = 10
KEY_EVENTS = 8
KEY_QUOTES = 6
_FIGURE_KINDS = ("count", "money", "number")


class StoryDetailQueries:
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def story_members(self, story_id: str) -> list[dict[str, Any]]:
        raise NotImplementedError

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story with its reports, copies, key findings and how the reports differ."""
        rows = self._execute(f"SELECT {STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,))
        if not rows:
            return None
        summary = story_summary(rows[0])
        members = self.story_members(str(summary["id"]))
        originals = [m for m in members if m["copy_of"] is None]
        keys = [(m["id"], m["version"]) for m in originals]
        first_id = summary["first_article"]
        return {
            **summary,
            "first_report": next((m for m in originals if m["id"] == first_id), None),
            "articles": members,
            "key_entities": self._key_entities(keys),
            "key_events": self._key_events(keys),
            "key_quotes": self._key_quotes(keys),
            "differences": self._differences(originals),
        }

    def _where(self, keys: list[tuple[str, int]], alias: str = "") -> tuple[str, list[Any]]:
        prefix = f"{alias}." if alias else ""
        clause = " OR ".join(f"({prefix}article_id = ? AND {prefix}version = ?)" for _ in keys)
        return f"({clause})", [x for k in keys for x in k]

    def _key_entities(self, keys: list[tuple[str, int]]) -> list[dict[str, Any]]:
        if not keys:
            return []
        where, params = self._where(keys, "m")
        rows = self._execute(
            "SELECT m.entity_id, e.name, e.type, count(DISTINCT m.article_id), count(*) "
            f"FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE {where} "
            "GROUP BY m.entity_id, e.name, e.type",
            params,
        )
        rows.sort(key=lambda r: (-int(r[3]), -int(r[4]), str(r[1])))
        return [
            {"id": eid, "name": name, "type": type_, "reports": int(n), "mentions": int(m)}
            for eid, name, type_, n, m in rows[:KEY_ENTITIES]
        ]

    def _key_events(self, keys: list[tuple[str, int]]) -> list[dict[str, Any]]:
        if not keys:
            return []
        where, params = self._where(keys)
        rows = self._execute(
            "SELECT cluster_id, type, source, target, article_id, status, confidence "
            f"FROM events WHERE {where}",
            params,
        )
        by: dict[str, dict[str, Any]] = {}
        for cid, type_, source, target, aid, status, confidence in rows:
            e = by.setdefault(
                str(cid),
                {
                    "id": cid,
                    "type": type_,
                    "sources": Counter(),
                    "targets": Counter(),
                    "articles": set(),
                    "statuses": Counter(),
                    "score": 0.0,
                },
            )
            e["articles"].add(aid)
            e["statuses"][status] += 1
            e["score"] = max(e["score"], float(confidence))
            if source:
                e["sources"][source] += 1
            if target:
                e["targets"][target] += 1
        ranked = sorted(by.values(), key=lambda e: (-len(e["articles"]), -e["score"], str(e["id"])))
        return [
            {
                "id": e["id"],
                "type": e["type"],
                "source": _top(e["sources"]),
                "target": _top(e["targets"]),
                "status": _top(e["statuses"]),
                "reports": len(e["articles"]),
            }
            for e in ranked[:KEY_EVENTS]
        ]

    def _key_quotes(self, keys: list[tuple[str, int]]) -> list[dict[str, Any]]:
        if not keys:
            return []
        where, params = self._where(keys, "q")
        rows = self._execute(
            "SELECT q.article_id, q.idx, q.start_char, q.end_char, q.text, q.kind, "
            "coalesce(q.speaker_name, "
            "q.speaker_description, q.speaker_text), q.speaker_entity_id, q.speaker_anonymous, "
            f"a.outlet FROM quotes q JOIN articles a ON a.id = q.article_id AND a.version = "
            f"q.version WHERE {where}",
            params,
        )
        speakers: dict[str, dict[str, Any]] = {}
        for aid, idx, start, end, text, kind, speaker, eid, anonymous, outlet in rows:
            if not speaker:
                continue
            s = speakers.setdefault(str(eid or speaker), {"articles": set(), "best": None})
            s["articles"].add(aid)
            quote = {
                "article_id": aid,
                "idx": int(idx),
                # The span lets the workbench open the reader at the quote itself.
                "start": int(start),
                "end": int(end),
                "outlet": outlet,
                "speaker": speaker,
                "speaker_entity_id": eid,
                "anonymous": bool(anonymous),
                "kind": kind,
                "text": text,
            }
            best = s["best"]
            if best is None or (kind == "direct", len(text)) > (
                best["kind"] == "direct",
                len(best["text"]),
            ):
                s["best"] = quote
        # Most quoted first; among as many reports, named speakers and their own words first.
        ranked = sorted(
            speakers.items(),
            key=lambda kv: (
                -len(kv[1]["articles"]),
                kv[1]["best"]["anonymous"],
                kv[1]["best"]["kind"] != "direct",
                -len(kv[1]["best"]["text"]),
                kv[0],
            ),
        )
        return [{**s["best"], "reports": len(s["articles"])} for _, s in ranked[:KEY_QUOTES]]

    def _differences(self, originals: list[dict[str, Any]]) -> dict[str, Any]:
        keys = [(m["id"], m["version"]) for m in originals]
        sourcing = {
            m["id"]: {
                "article_id": m["id"],
                "outlet": m["outlet"],
                "day": m["day"],
                "quotes": 0,
                "named_quotes": 0,
                "anonymous_quotes": 0,
                "claims": {},
                "figures": [],
            }
            for m in originals
        }
        if not keys:
            return {"reports": [], "figures": []}
        where, params = self._where(keys)
        for aid, anonymous, has_name in self._execute(
            "SELECT article_id, speaker_anonymous, speaker_name IS NOT NULL FROM quotes "
            f"WHERE {where}",
            params,
        ):
            r = sourcing[str(aid)]
            r["quotes"] += 1
            r["anonymous_quotes"] += int(bool(anonymous))
            r["named_quotes"] += int(bool(has_name) and not anonymous)
        for aid, evidence, n in self._execute(
            f"SELECT article_id, evidence_type, count(*) FROM claims WHERE {where} "
            "GROUP BY article_id, evidence_type",
            params,
        ):
            sourcing[str(aid)]["claims"][str(evidence)] = int(n)
        measures: dict[tuple[str, str, str], dict[str, set[float]]] = {}
        named: dict[tuple[str, str, str], Counter[str]] = {}
        for aid, kind, value, unit, measure, text in self._execute(
            f"SELECT article_id, kind, value, unit, measure, text FROM figures WHERE {where} "
            f"AND kind IN ({marks(len(_FIGURE_KINDS))}) AND value IS NOT NULL",
            [*params, *_FIGURE_KINDS],
        ):
            sourcing[str(aid)]["figures"].append(
                {"text": text, "kind": kind, "value": value, "unit": unit, "measure": measure}
            )
            if measure:
                # "inmates killed" and "killed": the measure's last content word is its head.
                key = (str(kind), str(unit or ""), (words(str(measure), None) or [""])[-1])
                measures.setdefault(key, {}).setdefault(str(aid), set()).add(float(value))
                named.setdefault(key, Counter())[str(measure)] += 1
        differ = []
        for key, per in sorted(measures.items()):
            kind, unit, _ = key
            values = {v for vs in per.values() for v in vs}
            if len(per) >= 2 and len(values) >= 2:
                differ.append(
                    {
                        "kind": kind,
                        "unit": unit or None,
                        "measure": _top(named[key]),
                        "values": [
                            {
                                "article_id": aid,
                                "outlet": sourcing[aid]["outlet"],
                                "values": sorted(vs),
                            }
                            for aid, vs in sorted(
                                per.items(), key=lambda kv: sourcing[kv[0]]["day"]
                            )
                        ],
                    }
                )
        for r in sourcing.values():
            r["claims"] = dict(sorted(r["claims"].items()))
        return {"reports": list(sourcing.values()), "figures": differ}


def _top(counts: Counter[Any]) -> Any:
    return min(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0] if counts else None
