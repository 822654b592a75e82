"""An event's score: a ranking of how surely the event was found, not a probability.

It cannot be calibrated on the PLOVER gold sets (every sentence there holds an
event, so no score band is right much less often than another), so it only
orders events. The raw score is the trigger's lexicon weight, plus 0.05 per actor found,
minus 0.2 per trigger above it, 0.3 when negated, 0.1 when hypothetical and
0.15 when its subject is not an actor.
"""

from __future__ import annotations

_STATUS_PENALTY = {"negated": 0.3, "hypothetical": 0.1}


def event_score(
    weight: float,
    actors: int,
    depth: float,
    lost_source: bool,
    status: str,
    stance: bool,
    disputed: bool,
) -> float:
    raw = weight + 0.05 * actors - depth - 0.15 * lost_source
    if stance:
        raw += 0.05
    else:
        raw -= _STATUS_PENALTY.get(status, 0.0)
    if disputed:
        raw -= 0.2
    return round(min(0.99, max(0.05, raw)), 3)
