"""From spaCy entity spans to one canonical entity per name within an article.

Mentions are cleaned (a leading "the" and a trailing possessive are taken off
the span, keeping offsets exact), grouped by their folded text, and each
shorter form is merged into the single longer form that contains it as a run
of words: "Noboa" into "Daniel Noboa", "Southern Command" into "U.S. Southern
Command". Forms must share a type, except that a short form the model typed
otherwise still joins a longer PERSON name it ends ("Trump" tagged ORG joins
"Donald Trump"). A short form that fits more than one longer form is left
alone, since it is ambiguous. A name without the generational suffix of a longer
one ("Donald Trump" beside "Donald Trump Jr.") is another person. The entity
is named by its longest form and typed by that form's most frequent label; the
most frequent spelling of it names the entity, preferring any spelling that is
not all capitals.

A heading is no entity: in a line of its own, of three to twelve words in title
case with no closing punctuation ("Harbour Works Resume After Long Delay"), capitals
mark every word and so are no evidence of a name, and a span the model reads over
the whole line as an organisation, a work, an event or the like is the heading
itself (a person's or a place's name alone on a line is a byline or a dateline).
Names inside a heading ("Noboa Meets Trump") are kept. Gangs and cartels are
regrouped by :mod:`.groups`: one ORG each, whatever the model called each mention.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from ..keys import entity_id as entity_id  # re-exported for callers of this module
from ..keys import fold
from ..models import ENTITY_TYPES, Entity, Mention
from .doctext import doc_text, language_of
from .languages import resource
from .wordlists import word_list

ENTITY_LABELS = frozenset(ENTITY_TYPES)  # the labels kept, the entity types the record has
_TRAILING = ("'s", "’s", "'", "’")
_STRIP = " \t\n\"'“”‘’()[],.;:"
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z.&]{1,11})\)")


def clean_span(text: str, start: int, end: int, language: str = "en") -> tuple[int, int]:
    """The span without a leading article ("the", Spanish "la"), a trailing possessive and
    surrounding punctuation."""
    span = text[start:end]
    first, _, rest = span.partition(" ")
    if rest and _cuts_article(first, rest, language):
        start += len(first) + 1
        span = rest
    for suffix in _TRAILING:
        if span.endswith(suffix) and len(span) > len(suffix) + 1:
            end -= len(suffix)
            span = span[: -len(suffix)]
            break
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP and text[end - 1] != ".":
        end -= 1
    if text[start:end].endswith(".") and not _is_abbreviation(text[start:end]):
        end -= 1
    return start, end


def _cuts_article(first: str, rest: str, language: str) -> bool:
    """Whether ``first`` is an article to take off the name ``rest`` (``language.toml``'s
    ``cut_article``: always, or only before an institution noun, for languages whose place
    names keep their article: "El Oro" stays, "la Policía Nacional" is "Policía Nacional")."""
    if first.lower() not in word_list(language, "article"):
        return False
    if resource(language, "language").get("cut_article", "always") == "always":
        return True
    return rest.split(" ", 1)[0].lower() in word_list(language, "institution")


def _is_abbreviation(span: str) -> bool:
    last = span.split()[-1]
    return last.count(".") > 1 or len(last) <= 3


# Parts of speech that cannot make a name on their own ("Según", "The").
_FUNCTION_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PRON", "AUX", "PART", "PUNCT"})
# A name's first content word is capitalised; a lower-case common word there means the
# model ran a name over the words before it ("informó el ministro", "ministro del Interior").
_COMMON_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})


def _could_be_name(ent: Span) -> bool:
    """Whether the span's words could make a name, by their parts of speech: some word is
    not a function word, the first such word is not a lower-case common word, and no word
    is a finite verb (a span run over a clause, "Organizaciones de derechos humanos
    advierten", or a verb opening a sentence, "Afirmó")."""
    content = [t for t in ent if t.pos_ not in _FUNCTION_POS]
    if not content or (content[0].is_lower and content[0].pos_ in _COMMON_POS):
        return False
    return not any("Fin" in t.morph.get("VerbForm", []) for t in content)


def mentions_of(doc: Doc) -> list[Mention]:
    text = doc_text(doc)
    result = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS or not _could_be_name(ent):
            continue
        start, end = clean_span(text, ent.start_char, ent.end_char, language_of(doc))
        if ent.label_ == "PERSON":
            start = _drop_titles(text, start, end, language_of(doc))
        surface = text[start:end]
        # The model sometimes runs a heading into the next paragraph; such
        # spans are not names.
        if "\n" in surface or len(surface) < 2 or not any(c.isalpha() for c in surface):
            continue
        if ent.label_ not in _NAMES_ALONE and _whole_heading(text, start, end):
            continue
        result.append(Mention(start, end, surface, ent.label_))
    return result


# A person's or a place's name may stand alone on a line (a byline, a dateline, a
# caption); a heading read as one organisation, work or event is the heading itself.
_NAMES_ALONE = frozenset({"PERSON", "GPE", "LOC"})
_HEADING_END = frozenset('.!?:;,"”’)')
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())


def _whole_heading(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is all of a heading line but a leading article (module doc)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    words = line.split()
    if not 3 <= len(words) <= 12 or line[-1] in _HEADING_END:
        return False
    if any(w[:1].islower() and w.lower() not in _SMALL_WORDS for w in words):
        return False
    rest = text[line_start:start].strip()
    return rest in ("", "The", "A", "An") and not text[
        end : line_end if line_end >= 0 else None
    ].strip(" \t\"'”’")


def _drop_titles(text: str, start: int, end: int, language: str) -> int:
    """Start of a person's name after any titles ("President Trump" is Trump)."""
    titles = word_list(language, "title", "title-capitalised", "title-short")
    while True:
        word = re.match(r"[^\W\d_]+\.?\s+", text[start:end])
        if not word or word.group(0).strip(" .").lower() not in titles:
            return start
        start += word.end()


def merge_acronyms(text: str, entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """Join an acronym defined in the text to its long form.

    "Regional Water Safety Board (RWSB)" makes RWSB, wherever it
    appears, the same entity as the long form; an acronym the model did not tag
    at its definition becomes a mention there.
    """
    merged = list(entities)
    for long in entities:
        for m in long.mentions:
            match = _ACRONYM.match(text, m.end)
            if not match or len(match.group(1)) >= len(m.text):
                continue
            acronym = match.group(1)
            target = next(e for e in merged if e.id == long.id)
            short = [e for e in merged if e.id != long.id and fold(e.name) == fold(acronym)]
            mentions = set(target.mentions)
            for entity in short:
                mentions.update(entity.mentions)
                merged.remove(entity)
            defined = Mention(match.start(1), match.end(1), acronym, target.type)
            taken = {x.start for x in mentions} | {x.start for e in merged for x in e.mentions}
            if defined.start not in taken:
                mentions.add(defined)
            ordered = tuple(sorted(mentions, key=lambda x: (x.start, x.end)))
            merged[merged.index(target)] = Entity(target.id, target.name, target.type, ordered)
    return tuple(merged)


def _words(form: str) -> tuple[str, ...]:
    return tuple(fold(form).replace("’", "'").split())


# A generational suffix names another person: "Donald Trump" is not a short form of
# "Donald Trump Jr.", though a bare "Trump" may be either (and so joins neither).
_GENERATIONS = frozenset("jr jr. sr sr. ii iii iv".split())


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    n = len(short)
    if n >= 2 and long[-1] in _GENERATIONS and long[: len(long) - 1] == short:
        return False
    return n < len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _main_label(mentions: Iterable[Mention]) -> str:
    return Counter(m.label for m in mentions).most_common(1)[0][0]


def group_mentions(mentions: list[Mention]) -> tuple[Entity, ...]:
    by_form: dict[tuple[str, ...], list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_form[_words(mention.text)].append(mention)
    labels = {form: _main_label(ms) for form, ms in by_form.items()}
    parent: dict[tuple[str, ...], tuple[str, ...]] = {}
    forms = sorted(by_form, key=len, reverse=True)
    words_in = {form: frozenset(form) for form in forms}  # a cheap test before _contains
    for short in forms:
        hosts = [
            long
            for long in forms
            if (not short or short[0] in words_in[long])
            and _contains(long, short)
            and (
                labels[long] == labels[short]
                or (labels[long] == "PERSON" and long[-len(short) :] == short)
            )
        ]
        roots = {_root(parent, h) for h in hosts}
        if len(roots) == 1:
            parent[short] = roots.pop()
    groups: dict[tuple[str, ...], list[Mention]] = defaultdict(list)
    for form, ms in by_form.items():
        groups[_root(parent, form)].extend(ms)
    entities = []
    for root, ms in groups.items():
        longest = [m for m in ms if _words(m.text) == root]
        # A dateline's "QUITO" should not name the entity when "Quito" is also used.
        spellings = Counter(m.text for m in longest)
        name = max(spellings, key=lambda text: (not text.isupper(), spellings[text]))
        type_ = _main_label(longest)
        ordered = tuple(sorted(ms, key=lambda m: (m.start, m.end)))
        entities.append(Entity(entity_id(name, type_), name, type_, ordered))
    return tuple(sorted(entities, key=lambda e: e.mentions[0].start))


def _root(parent: dict[tuple[str, ...], tuple[str, ...]], form: tuple[str, ...]) -> tuple[str, ...]:
    while form in parent:
        form = parent[form]
    return form


def doc_entities(doc: Doc) -> tuple[Entity, ...]:
    # Imported here so that importing ``entity_id`` does not load the gazetteer's modules.
    from .groups import regroup
    from .placeindex import place_index

    text = doc_text(doc)
    entities = merge_acronyms(text, group_mentions(mentions_of(doc)))
    return regroup(text, entities, place_index(), entity_id)
