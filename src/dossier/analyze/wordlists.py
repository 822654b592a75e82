"""Per-language word lists: the words rules read from ``resources/words.tsv``.

A rule that needs words of a language (titles before a name, division words around a
division's name) asks for a kind of word in a language here instead of holding a list of
its own, so each word is listed once and a second language adds rows, not code. The
file's comments say what each kind means.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources

from ..keys import fold
from ..language_resources import alternation as _alternation

KINDS = frozenset(
    {
        "title",
        "title-capitalised",
        "title-short",
        "saint",
        "division-before",
        "division-after",
        "article",
        "institution",
    }
)
_COLUMNS = ("word", "language", "kind")


def parse_words(text: str, where: str = "words.tsv") -> dict[tuple[str, str], frozenset[str]]:
    """The words of a word table by (language, kind); '#' lines are comments."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    rows = [(n, line.split("\t")) for n, line in lines if not line.startswith("#")]
    if not rows or tuple(rows[0][1]) != _COLUMNS:
        raise ValueError(f"{where}: the first row must be the header {'/'.join(_COLUMNS)}")
    table: dict[tuple[str, str], set[str]] = {}
    for n, cells in rows[1:]:
        if len(cells) != len(_COLUMNS) or not all(c.strip() == c and c for c in cells):
            raise ValueError(f"{where}:{n}: needs {len(_COLUMNS)} non-empty cells")
        word, language, kind = cells
        if kind not in KINDS:
            raise ValueError(f"{where}:{n}: kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
        if not language.isalpha() or not language.islower():
            raise ValueError(f"{where}:{n}: language {language!r} is not a language code")
        if word != word.lower():
            raise ValueError(f"{where}:{n}: {word!r} must be written in lower case")
        if word in table.setdefault((language, kind), set()):
            raise ValueError(f"{where}:{n}: {word!r} is listed twice")
        table[(language, kind)].add(word)
    return {key: frozenset(words) for key, words in table.items()}


@functools.cache
def _table() -> dict[tuple[str, str], frozenset[str]]:
    data = resources.files("dossier").joinpath("resources/words.tsv")
    return parse_words(data.read_text(encoding="utf-8"))


@functools.cache
def word_list(language: str, *kinds: str) -> frozenset[str]:
    """The words of ``language`` of any of ``kinds`` (none where the language has none)."""
    unknown = set(kinds) - KINDS
    if unknown:
        raise ValueError(f"words.tsv has no kind {', '.join(sorted(unknown))}")
    table = _table()
    return frozenset().union(*(table.get((language, kind), frozenset()) for kind in kinds))


def is_title(word: str, language: str, saints: bool = False) -> bool:
    """Whether ``word`` is a title of ``language`` written before a name ("ministra",
    "Dr."), or with ``saints`` also a saint's word; a title that is also an everyday word
    ("major", "general") counts only when capitalised."""
    key = word.lower().rstrip(".")
    if key in word_list(language, "title", "title-short", *(("saint",) if saints else ())):
        return True
    return key in word_list(language, "title-capitalised") and word[:1].isupper()


def every_language(kind: str) -> frozenset[str]:
    """The words of ``kind`` in all languages listed."""
    return frozenset().union(*(word_list(language, kind) for language, _ in _table()))


def alternation(phrases: Iterable[str], folded: bool = False) -> str:
    """``language_resources.alternation`` of ``phrases``, folded first if asked."""
    return _alternation(fold(p) if folded else p for p in phrases)
