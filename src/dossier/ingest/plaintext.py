"""Title, byline and boilerplate heuristics for plain text and Markdown.

The heuristic, in order:

1. Lines are stripped; runs of blank lines separate paragraphs, and the text
   keeps one paragraph per line, the same layout trafilatura gives for HTML.
2. Title: a Markdown ``# heading`` at the top, or else the first paragraph
   when it is short (at most 200 characters and 25 words) and does not end
   like a sentence (``.``, ``!``, ``?``, ``,``, ``;``, ``:``).
3. Byline and dateline: among the next three short paragraphs, ``By NAME``
   gives the author and a line that is only a date gives the publication
   date; both are taken out of the text.
4. Trailing boilerplate: from the first *marker* paragraph ("Comments",
   "Popular posts from this blog", "Related posts", "Share this", ...)
   onwards, if everything after it is short (titles and links, at most 20
   words a paragraph, no more than 12 of them), the rest is cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..language_resources import alternation, every_language, language_folders, resource

# The words of every language's boilerplate.toml: a text's language is not known yet.
_MARKERS = frozenset(every_language("boilerplate", "markers"))
_LABEL_PREFIXES = every_language("boilerplate", "label_prefixes")
_NAME_PARTICLES = frozenset(every_language("boilerplate", "name_particles"))
_SENTENCE_END = (".", "!", "?", ",", ";", ":", "\u201d", '"')
_BY = alternation(every_language("boilerplate", "byline"))
_BYLINE = re.compile(rf"^(?:{_BY})\s+(?P<name>[^\d,;]{{3,80}}?)\s*$", re.I)
# Month and weekday words of every language's dates.toml, and the dateline layouts of its
# boilerplate.toml ("{month} {day}, {year}"; Spanish "{day} de {month} de {year}").
_MONTH_NUMBER = {
    name.lower(): number
    for code in language_folders()
    for name, number in resource(code, "dates").get("months", {}).items()
}
_WEEKDAYS = {
    name.lower()
    for code in language_folders()
    for name in resource(code, "dates").get("weekdays", {})
}


_LEAD = alternation(every_language("boilerplate", "dateline"))


def _layout(template: str) -> re.Pattern[str]:
    """A dateline paragraph in one layout: optional dateline words, the date, nothing else;
    a comma in the layout may be left out."""
    date = (
        re.escape(template)
        .replace(",", ",?")
        .replace(r"\{month\}", rf"(?P<month>{alternation(_MONTH_NUMBER)})\.?")
        .replace(r"\{day\}", r"(?P<day>\d{1,2})")
        .replace(r"\{year\}", r"(?P<year>\d{4})")
        .replace(r"\{weekday\}", rf"(?:{alternation(_WEEKDAYS)})")
        .replace(r"\ ", r"\s+")
    )
    return re.compile(rf"^(?:(?:{_LEAD}):?\s*)?{date}\s*$", re.I)


_DATELINES = [_layout(t) for t in every_language("boilerplate", "dateline_formats")]


@dataclass(frozen=True)
class PlainText:
    text: str
    title: str | None
    author: str | None
    published: str | None


def paragraphs(raw: str) -> list[str]:
    lines = [line.strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    result: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            result.append(" ".join(current))
            current = []
    if current:
        result.append(" ".join(current))
    return result


def _is_title(paragraph: str) -> bool:
    return (
        len(paragraph) <= 200
        and len(paragraph.split()) <= 25
        and not paragraph.endswith(_SENTENCE_END)
    )


def _is_marker(paragraph: str) -> bool:
    lower = paragraph.lower().strip(" :")
    return lower in _MARKERS or lower.startswith(_LABEL_PREFIXES)


def _cut_trailing_boilerplate(paras: list[str]) -> list[str]:
    for index, para in enumerate(paras):
        if index == 0 or not _is_marker(para):
            continue
        tail = paras[index + 1 :]
        if len(tail) <= 12 and all(len(p.split()) <= 20 for p in tail):
            return paras[:index]
    return paras


def _byline(paragraph: str) -> str | None:
    """The author's name on a byline: every word capitalised but name particles ("Por
    María de la Torre"), so that a short opening sentence ("Por qué importa") is none."""
    match = _BYLINE.match(paragraph)
    if not match:
        return None
    name = match.group("name").strip()
    words = name.split()
    if words[0][:1].isupper() and all(w[:1].isupper() or w in _NAME_PARTICLES for w in words):
        return name
    return None


def _dateline(paragraph: str) -> str | None:
    iso = re.match(rf"^(?:(?:{_LEAD}):?\s*)?(\d{{4}})-(\d{{2}})-(\d{{2}})\s*$", paragraph, re.I)
    if iso:
        return "-".join(iso.groups())
    for layout in _DATELINES:
        if match := layout.match(paragraph):
            month = _MONTH_NUMBER[match.group("month").lower()]
            return f"{int(match.group('year')):04d}-{month:02d}-{int(match.group('day')):02d}"
    return None


def parse_plain_text(raw: str, markdown_title: str | None = None) -> PlainText:
    paras = paragraphs(raw)
    title = markdown_title
    if title is None and len(paras) > 1 and _is_title(paras[0]):
        title = paras.pop(0)
    author = published = None
    for para in list(paras[:3]):
        if len(para) > 100:
            break
        name = _byline(para) if author is None else None
        if name:
            author = name
            paras.remove(para)
        elif published is None and (date := _dateline(para)):
            published = date
            paras.remove(para)
    paras = _cut_trailing_boilerplate(paras)
    return PlainText(text="\n".join(paras), title=title, author=author, published=published)


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_PREFIX = re.compile(r"^\s{0,3}(?:>\s?|[-*+]\s+|\d+[.)]\s+)")


def markdown_to_text(raw: str) -> tuple[str, str | None]:
    """Strip Markdown syntax; return the text and the first top-level heading."""
    title = None
    lines = []
    for line in raw.replace("\r\n", "\n").split("\n"):
        heading = _MD_HEADING.match(line)
        if heading:
            if title is None and line.lstrip().startswith("# "):
                title = heading.group(1)
                continue
            lines.extend(["", heading.group(1), ""])
            continue
        if re.fullmatch(r"\s*(?:[-*_]\s*){3,}", line) or line.strip().startswith("```"):
            lines.append("")
            continue
        line = _MD_PREFIX.sub("", line)
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        lines.append(line)
    return "\n".join(lines), title
