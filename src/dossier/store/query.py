"""One search syntax for both stores.

Users write web-search style queries: words (all must match), "quoted
phrases", ``OR`` between alternatives, and ``-word`` to exclude. PostgreSQL
reads this natively with ``websearch_to_tsquery``; for SQLite it is
translated to an FTS5 expression with every term quoted, so that FTS5's own
operators and punctuation in user input cannot cause syntax errors.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from ..language_resources import language_folders
from ..stories import STEMMERS, words

_TERM = re.compile(r'(-?)"([^"]*)"|(\S+)')
# English texts are stemmed by FTS5's own Porter tokenizer and PostgreSQL's english
# configuration; the other languages Dossier analyses get Snowball stems indexed beside.
ENGLISH = "en"
# bm25 weights of articles_fts's columns: a title word counts four times a text word, a stem
# as much as a text word.
SEARCH_RANK = "bm25(articles_fts, 4.0, 1.0, 1.0)"


@functools.cache
def stemmed() -> tuple[str, ...]:
    """The languages stemmed beside the Porter index: those with resources and a stemmer."""
    return tuple(c for c in language_folders() if c in STEMMERS and c != ENGLISH)


def language_of(language: str | None) -> str:
    """The primary subtag ("es-EC" is "es"); English where none is known."""
    return (language or ENGLISH).replace("_", "-").split("-")[0].lower() or ENGLISH


def stems(text: str, language: str | None) -> str:
    """The Snowball stems of ``text``'s content words, for a language stemmed beside the
    Porter index (``stemmed``); empty for English and for languages without a stemmer."""
    code = language_of(language)
    return " ".join(words(text, code)) if code in stemmed() else ""


def stem_of(language: str) -> Callable[[str], str | None]:
    """A query word's stem in ``language``, None for its function words."""

    def stem(word: str) -> str | None:
        found = words(word, language)
        return found[0] if found else None

    return stem


def to_stems_fts5(query: str) -> str | None:
    """The match expression on the stems index: the query in every stemmed language."""
    alternatives = [e for code in stemmed() if (e := to_fts5(query, stem_of(code)))]
    return " OR ".join(f"({e})" for e in alternatives) or None


def search_expression(query: str) -> str | None:
    """The FTS5 expression the stores and the serving index match ``articles_fts`` with:
    the words (Porter-stemmed by the index) in title and text, or their Snowball stems in
    ``stems``, which holds the stems of texts in the other languages (``stems``)."""
    words_match = to_fts5(query)
    if words_match is None:
        return None
    stems_match = to_stems_fts5(query)
    if stems_match is None:
        return f"{{title text}} : ({words_match})"
    return f"{{title text}} : ({words_match}) OR stems : ({stems_match})"


def search_tsquery() -> str:
    """PostgreSQL's query for a search as a FROM item giving ``q``, one ``?`` per language:
    the words read with the configuration of every language searched, any of which may
    match (an article's vector is built with its own language's, schema.search_vector_sql)."""
    configs = [STEMMERS[ENGLISH], *(STEMMERS[c] for c in stemmed())]
    either = " || ".join(f"websearch_to_tsquery('{c}', ?)" for c in configs)
    return f"(SELECT {either} AS q) search_query"


def headline_config() -> str:
    """The text search configuration a PostgreSQL headline of article ``a`` is cut with."""
    cases = " ".join(f"WHEN '{c}' THEN '{STEMMERS[c]}'" for c in stemmed())
    return (
        f"(CASE split_part(lower(coalesce(a.language, '')), '-', 1) {cases} "
        f"ELSE '{STEMMERS[ENGLISH]}' END)::regconfig"
    )


def to_fts5(query: str, term: Callable[[str], str | None] | None = None) -> str | None:
    """The FTS5 match expression for ``query``, or ``None`` if nothing can match; ``term``
    maps each word to the form indexed (a stem; None leaves the word out)."""
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
        if term is not None:
            tokens = [t for t in map(term, tokens) if t]
        if not tokens:
            continue
        quoted = '"' + " ".join(tokens) + '"'
        (excluded if negate else groups[-1]).append(quoted)
    alternatives = ["(" + " AND ".join(g) + ")" for g in groups if g]
    if not alternatives:
        return None
    expression = " OR ".join(alternatives)
    for left_out in excluded:
        expression = f"({expression}) NOT {left_out}"
    return expression
