"""The journal applied to findings: review states, and corrections put in place.

Pure functions over the typed records, used by the store's one read path
(:mod:`.review`): a correction replaces a field's value in the record (the original
stays in the journal), every finding gets its ``key`` and ``review``, and rejected
findings are left out unless asked for. Indexes between an article's findings (an
event's place, a claim's quote) are renumbered when findings are left out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..models import Article, Claim, Event, Place, Quote, Speaker, TimeExpression, Verdict


@dataclass
class Review:
    """A finding's state after its verdicts, and the corrections in effect (field -> value)."""

    state: str = "unreviewed"
    corrections: dict[str, str] = field(default_factory=dict)


NONE = "none"  # the correction value that clears a speaker, an actor, a place or a date


def states(verdicts: Iterable[Verdict]) -> dict[str, Review]:
    """Each key's review, from its verdicts oldest first.

    A rejection leaves the finding out until a later confirmation or correction brings it
    back; corrections accumulate, the latest value of a field winning.
    """
    found: dict[str, Review] = {}
    rejected: dict[str, bool] = {}
    confirmed: dict[str, bool] = {}
    for v in verdicts:
        review = found.setdefault(v.key, Review())
        rejected[v.key] = v.verdict == "reject"
        if v.verdict == "confirm":
            confirmed[v.key] = True
        elif v.verdict == "correct" and v.field is not None and v.new is not None:
            review.corrections[v.field] = v.new
    for key, review in found.items():
        if rejected.get(key):
            review.state = "rejected"
        elif review.corrections:
            review.state = "corrected"
        elif confirmed.get(key):
            review.state = "confirmed"
    return found


_DAY = r"\d{4}-\d{2}-\d{2}"


def date_value(value: str) -> tuple[str, str, str]:
    """(precision, start date, end date) of a corrected date: YYYY, YYYY-MM, YYYY-MM-DD,
    or a range YYYY-MM-DD/YYYY-MM-DD. Raises ValueError otherwise."""
    import calendar
    from datetime import date

    v = value.strip()
    if re.fullmatch(rf"{_DAY}/{_DAY}", v):
        a, b = v.split("/")
        if date.fromisoformat(a) > date.fromisoformat(b):
            raise ValueError("the range ends before it starts")
        return "range", a, b
    if re.fullmatch(_DAY, v):
        date.fromisoformat(v)
        return "day", v, v
    if re.fullmatch(r"\d{4}-\d{2}", v):
        year, month = int(v[:4]), int(v[5:])
        last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        if not last:
            raise ValueError("no such month")
        return "month", f"{v}-01", f"{v}-{last:02d}"
    if re.fullmatch(r"\d{4}", v):
        return "year", f"{v}-01-01", f"{v}-12-31"
    raise ValueError("give YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD")


def _named(value: str, names: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(name, entity ID) of a corrected speaker or actor: an entity ID, a name, or none."""
    if value == NONE:
        return None, None
    if value in names:
        return names[value], value
    return value, None


def apply_quote(q: Quote, review: Review | None, names: Mapping[str, str]) -> Quote:
    if review is None:
        return replace(q, review="unreviewed")
    fixes = review.corrections
    if "kind" in fixes:
        q = replace(q, kind=fixes["kind"])
    if "speaker" in fixes:
        name, eid = _named(fixes["speaker"], names)
        q = replace(q, speaker=Speaker(name, entity_id=eid) if name else None)
    return replace(q, review=review.state)


def apply_claim(c: Claim, review: Review | None) -> Claim:
    if review is None:
        return replace(c, review="unreviewed")
    if "evidence" in review.corrections:
        c = replace(c, evidence=replace(c.evidence, type=review.corrections["evidence"]))
    return replace(c, review=review.state)


def apply_place(p: Place, review: Review | None) -> Place:
    if review is None:
        return replace(p, review="unreviewed")
    value = review.corrections.get("resolution")
    if value == NONE:
        p = replace(
            p,
            resolved=False,
            geonames_id=None,
            latitude=None,
            longitude=None,
            country_code=None,
            admin1=None,
            feature=None,
        )
    elif value is not None:
        fields: dict[str, Any] = json.loads(value)
        p = replace(p, resolved=True, **fields)
    return replace(p, review=review.state)


def apply_date(d: TimeExpression, review: Review | None) -> TimeExpression:
    if review is None:
        return replace(d, review="unreviewed")
    value = review.corrections.get("value")
    if value is not None:
        precision, start, end = date_value(value)
        d = replace(d, precision=precision, start_date=start, end_date=end, anchored=True)
    return replace(d, review=review.state)


def apply_event(e: Event, review: Review | None, names: Mapping[str, str]) -> Event:
    """An event with its own corrections; its place and date (which are indexes into
    the article) are left to the caller, who knows the article's findings."""
    if review is None:
        return replace(e, review="unreviewed")
    fixes = review.corrections
    if "type" in fixes:
        e = replace(e, type=fixes["type"])
    if "status" in fixes:
        e = replace(e, status=fixes["status"])
    if "source" in fixes:
        name, eid = _named(fixes["source"], names)
        e = replace(e, source=name, source_start=None, source_end=None, source_entity_id=eid)
    if "target" in fixes:
        name, eid = _named(fixes["target"], names)
        e = replace(e, target=name, target_start=None, target_end=None, target_entity_id=eid)
    return replace(e, review=review.state)


def _kept(
    keys: Sequence[str], found: Mapping[str, Review], keep_rejected: bool, reviewed_only: bool
) -> dict[int, int]:
    """Old index -> new index of the findings that stay."""
    kept: dict[int, int] = {}
    for i, key in enumerate(keys):
        state = _state(found.get(key))
        if reviewed_only and state not in ("confirmed", "corrected"):
            continue
        if keep_rejected or state != "rejected":
            kept[i] = len(kept)
    return kept


def _moved(index: int | None, kept: Mapping[int, int]) -> int | None:
    return None if index is None else kept.get(index)


def _pointed(
    value: str | None, current: int | None, keys: Sequence[str], kept: Mapping[int, int]
) -> int | None:
    """The new index an event's place or date points at, corrected to a key or not."""
    if value is None:
        return _moved(current, kept)
    if value == NONE or value not in keys:
        return None
    return kept.get(list(keys).index(value))


def apply_article(
    article: Article,
    found: Mapping[str, Review],
    names: Mapping[str, str],
    include_rejected: bool = False,
    reviewed_only: bool = False,
) -> Article:
    """The article as reviewed: one read path for the CLI, the API and the exports.
    ``reviewed_only`` keeps only confirmed and corrected findings."""
    a = article

    def get(key: str) -> Review | None:
        return found.get(key)

    q_keys = [q.key for q in a.quotes]
    c_keys = [c.key for c in a.claims]
    f_keys = [f.key for f in a.figures]
    p_keys = [p.key for p in a.places]
    d_keys = [d.key for d in a.dates]
    kept_q = _kept(q_keys, found, include_rejected, reviewed_only)
    kept_c = _kept(c_keys, found, include_rejected, reviewed_only)
    kept_f = _kept(f_keys, found, include_rejected, reviewed_only)
    kept_p = _kept(p_keys, found, include_rejected, reviewed_only)
    kept_d = _kept(d_keys, found, include_rejected, reviewed_only)
    kept_e = _kept([e.key for e in a.events], found, include_rejected, reviewed_only)
    quotes = [apply_quote(a.quotes[i], get(q_keys[i]), names) for i in kept_q]
    claims = [
        replace(apply_claim(a.claims[i], get(c_keys[i])), quote=_moved(a.claims[i].quote, kept_q))
        for i in kept_c
    ]
    figures = [replace(a.figures[i], review=_state(get(f_keys[i]))) for i in kept_f]
    places = [apply_place(a.places[i], get(p_keys[i])) for i in kept_p]
    dates = [apply_date(a.dates[i], get(d_keys[i])) for i in kept_d]
    events = []
    for i in kept_e:
        e = a.events[i]
        review = get(e.key)
        fixes = review.corrections if review else {}
        events.append(
            replace(
                apply_event(e, review, names),
                place=_pointed(fixes.get("place"), e.place, p_keys, kept_p),
                date=_pointed(fixes.get("date"), e.date, d_keys, kept_d),
                quote=_moved(e.quote, kept_q),
                claim=_moved(e.claim, kept_c),
                figures=tuple(kept_f[f] for f in e.figures if f in kept_f),
            )
        )
    return replace(
        a,
        quotes=tuple(quotes),
        claims=tuple(claims),
        figures=tuple(figures),
        places=tuple(places),
        dates=tuple(dates),
        events=tuple(events),
    )


def _state(review: Review | None) -> str:
    return review.state if review else "unreviewed"
