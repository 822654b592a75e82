"""One search syntax for both stores.

Users write web-search style queries: words (all must match), "quoted
phrases", ``OR`` between alternatives, and ``-word`` to exclude. PostgreSQL
reads this natively with ``websearch_to_tsquery``; for SQLite it is
translated to an FTS5 expression with every term quoted, so that FTS5's own
operators and punctuation in user input cannot cause syntax errors.
"""

from __future__ import annotations

import re

_TERM = re.compile(r'(-?)"([^"]*)"|(\S+)')


def to_fts5(query: str) -> str | None:
    """The FTS5 match expression for ``query``, or ``None`` if nothing can match."""
    groups: list[list[str]] = [[]]
    excluded: list[str] = []
    for match in _TERM.finditer(query):
        negate, phrase, word = match.group(1), match.group(2), match.group(3)
        if word == "OR":
            groups.append([])
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            negate, word = "-", word[1:]
        text = phrase if phrase is not None else word
        tokens = re.findall(r"\w+", text or "")
        if not tokens:
            continue
        quoted = '"' + " ".join(tokens) + '"'
        (excluded if negate else groups[-1]).append(quoted)
    alternatives = ["(" + " AND ".join(g) + ")" for g in groups if g]
    if not alternatives:
        return None
    expression = " OR ".join(alternatives)
    for term in excluded:
        expression = f"({expression}) NOT {term}"
    return expression
