"""Quotes and reported speech, attributed to speakers, with rules on the parse.

For each sentence:

1. **Cues** are verbs of saying, writing or thinking (``CUE_VERBS``) that lie
   outside quotation marks, and the phrase "according to".
2. **Direct and partial quotes** are quoted passages (``quotemarks``). A quote
   belongs to the cue in its sentence; a sentence that is only a quote takes
   the cue of a following "…," she said. A passage is *partial* when a word of
   the writer's own sentence comes right before it, *direct* otherwise.
   Short quoted labels with no cue (a "safe haven"), anything after
   naming words ("known as", "labeled", "so-called"), and titles and names
   set inside the writer's sentence (appearing on "The Late Show With Ann
   Lee", known as the "Iron Wall": every word capitalised, no sentence
   punctuation) are not speech.
   A correction note ("This article was amended on…", "An earlier version
   said…") reports the outlet's own earlier text, not anyone's speech.
3. **Indirect speech** is the clausal complement of a cue with no quote in it
   ("She has said that talks are continuing"), or the rest of the
   sentence around "according to X". A negated factive cue ("won't admit
   that…", "did not explain why…") reports what was *not* said: the clause
   is the writer's own claim, so no indirect speech ("did not say whether…"
   still reports).
4. **Speakers** are the cue's subject, or the subject of the verb it hangs from
   ("…, stating, '…'"). ``speakers.resolve`` turns the subject into a named
   entity, a pronoun's antecedent, or an anonymous description. The passive
   subject of a verb of addressing ("she was asked about…", "he was told
   that…") is the one spoken to, not the speaker: only a "by" agent speaks.
5. A quoted sentence with no cue at all continues the previous quote's
   speaker when it follows it in the same or the next paragraph.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..models import Entity, Quote, Speaker
from ..models import Span as TextSpan
from .antecedents import person_pronouns
from .cue_sources import according_to, drops_subject, inserted_subject
from .datelines import dateline_spans, past_dateline
from .doctext import doc_text, entity_at, language_of
from .nonspeech import MAX_LABEL_WORDS, is_correction, is_label
from .quote_words import (
    SUBJECTS,
    cue_words,
    finite,
    gerund,
    negates,
    quote_words,
    reports_object,
    says,
)
from .quotemarks import Quoted, find_quoted
from .speakers import DOCUMENT_NOUNS, INSTITUTION_NOUNS, PERSON_NOUNS, SpeakerResolver

# English lists, for the event modules that read them by name; every rule here reads
# the document's own language (quotes.toml, [cues]).
CUE_VERBS = quote_words("en", "cues", "verbs")
OBJECT_CUES = quote_words("en", "cues", "object_verbs")
# Object cues report a position through their object rather than a clause:
# "called for the repeal of the law", "cited the rise in killings". Wishes,
# attempts and stances held without words ("wants a ceasefire", "sought
# refuge", "defended the law") are not among them: they report no speech, so
# they are cues only with a clause or a quote of their own.
_OBJECT_DEPS = ("dobj", "obj", "xcomp", "ccomp", "prep", "dative", "oprd")


_PASSIVE_SUBJECTS = ("nsubjpass", "nsubj:pass")
_TRIM = " \t\n,;:"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _inside(token: Token, quoted: list[Quoted]) -> bool:
    return any(q.start <= token.idx < q.end for q in quoted)


def _cues(sent: Span, quoted: list[Quoted]) -> list[Token]:
    return [
        t
        for t in sent
        if t.pos_ in ("VERB", "AUX")
        and (says(t) or reports_object(t))
        and not _inside(t, quoted)
        and not (t.dep_ == "xcomp" and t.head.lemma_.lower() in cue_words(t, "inferred"))
    ]


def _after_dateline(cue: Token, skip: Callable[[Token], bool]) -> Token | None:
    """The subject the parser lost to a dateline ("QUITO — The army said")."""
    first = cue.sent.start
    while first < cue.i and (skip(cue.doc[first]) or cue.doc[first].is_punct):
        first += 1
    if first >= cue.i:
        return None
    root = cue.doc[first : cue.i].root
    return root if root.pos_ in ("NOUN", "PROPN", "PRON") else None


def _orphaned(cue: Token) -> Token | None:
    """ "…in Lima, Mora, a retired officer, said…" parsed with no subject: the
    name right before a finite cue, past its appositive, is who said it."""
    if not finite(cue) or any(c.dep_ in SUBJECTS for c in cue.children):
        return None
    i = cue.i - 1
    while i >= cue.sent.start and cue.doc[i].is_punct:
        i -= 1
    if i < cue.sent.start:
        return None
    token = cue.doc[i]
    for _ in range(3):
        if token.ent_type_ in ("PERSON", "ORG"):
            return token
        if token.dep_ != "appos" or token.head.i >= token.i:
            return None
        token = token.head
    return None


def _reported_inside(cue: Token) -> bool:
    """ "Gil repeated that he opposes the plan": a stance inside what a verb of
    saying reports is part of that report, not an attribution of its own."""
    if says(cue):
        return False
    return any(a.dep_ == "ccomp" and says(a.head) for a in [cue, *cue.ancestors])


def _can_speak(noun: Token) -> bool:
    """ "a statement saying", "officials saying": nouns that utter or carry words."""
    lemma = noun.lemma_.lower()
    return noun.pos_ in ("NOUN", "PROPN") and (
        lemma in DOCUMENT_NOUNS
        or lemma in INSTITUTION_NOUNS
        or lemma in PERSON_NOUNS
        or noun.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
    )


def _subject(
    cue: Token,
    skip: Callable[[Token], bool] | None = None,
    quoted: Callable[[Token], bool] | None = None,
) -> Token | None:
    """The cue's subject, or the subject of the verb it is attached to.

    ``skip`` tells tokens that can be no subject (a dateline's). A verb inside
    quotation marks (``quoted``) is the quoted speaker's, so its subject is
    not the cue's ('"Our sailors," he said, "need quarters," before adding…'
    is his, not the sailors'): the climb passes over it. A participle
    on a noun ("a statement saying…") has that noun for subject; one the
    parser hung inside another cue's reported clause ("said that Ecuador would
    welcome troops, arguing…") belongs to that cue's speaker.
    """
    token: Token | None = cue
    # Only verbs of saying: "troops said the rebels would attack, killing…" keeps
    # the rebels as the killers.
    speech = gerund(cue) and (says(cue) or reports_object(cue))
    if speech and cue.dep_ == "acl" and _can_speak(cue.head):
        return cue.head
    if speech and cue.dep_ == "advcl":
        for ancestor in cue.ancestors:
            if ancestor.dep_ == "ccomp" and says(ancestor.head):
                token = ancestor.head
                break
    for _ in range(4):
        if token is None:
            return None
        if token != cue and quoted is not None and quoted(token):
            # The quoted verb's own "he said", else on up the tree.
            said = [c for c in token.children if c != cue and says(c) and not quoted(c)]
            token = said[0] if said else (token.head if token.head != token else None)
            continue
        subjects = [c for c in token.children if c.dep_ in SUBJECTS and not c.is_punct]
        if subjects and skip is not None:
            kept = [c for c in subjects if not skip(c)]
            if not kept:
                return _after_dateline(token, skip)
            subjects = kept
        addressed = (
            token == cue
            and cue.lemma_.lower() in cue_words(cue, "addressed")
            and bool(subjects)
            and all(c.dep_ in _PASSIVE_SUBJECTS for c in subjects)
        )
        if subjects and not addressed:
            return subjects[0]
        for child in token.children:
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if addressed:
            return None  # "Lind was asked about…": the one asked, not the asker
        if (
            token.dep_ in ("advcl", "acl", "xcomp", "conj", "ccomp", "pcomp")
            and token.head != token
        ):
            token = token.head
            if token.pos_ not in ("VERB", "AUX"):
                token = token.head if token.head != token else None
        else:
            return None
    return None


def _kind(text: str, q: Quoted, sent: Span) -> str:
    """Partial when the writer's own words run straight into a quoted fragment.

    A quote that starts with a capital is a whole utterance even after
    "said that", so it stays direct.
    """
    before = text[sent.start_char : max(sent.start_char, q.start - 1)].rstrip()
    content = text[q.start : q.end].lstrip()
    if q.dash or not before or before[-1] in ',:;—–-("“”«»' or content[:1].isupper():
        return "direct"
    return "partial"


def _content(text: str, q: Quoted) -> tuple[int, int]:
    return _trim(text, q.start, q.end)


def _complement(cue: Token, quoted: list[Quoted]) -> Span | None:
    """What the cue reports: its clause, or for object cues what follows as object."""
    for child in cue.children:
        if child.dep_ == "ccomp" and not any(_inside(t, quoted) for t in child.subtree):
            tokens = list(child.subtree)
            marks = [c for c in cue.children if c.dep_ == "mark" and c.i < tokens[0].i]
            first = marks[0].i if marks else tokens[0].i
            return cue.doc[min(first, tokens[0].i) : tokens[-1].i + 1]
    if not reports_object(cue):
        return None
    addressed = [
        c for c in cue.rights if c.dep_ == "prep" and c.lower_ in cue_words(cue, "addressee_preps")
    ]
    if addressed and cue.lemma_.lower() in cue_words(cue, "requesting"):
        asked = [c for c in cue.rights if c.dep_ in ("advcl", "xcomp") and c.i > addressed[0].i]
        if not asked or any(_inside(t, quoted) for t in asked[0].subtree):
            return None
        tokens = list(asked[0].subtree)
        return cue.doc[tokens[0].i : tokens[-1].i + 1]
    parts = [
        c
        for c in cue.rights
        if c.dep_ in _OBJECT_DEPS
        and (c.dep_ != "prep" or c.lower_ in cue_words(cue, "object_preps"))
    ]
    if not parts:
        return None
    tokens = [t for part in parts for t in part.subtree]
    if any(_inside(t, quoted) for t in tokens):
        return None
    first = min(t.i for t in tokens)
    if cue.doc[first].dep_ == "prep" and cue.doc[first].head == cue:
        first += 1
    return cue.doc[first : max(t.i for t in tokens) + 1]


def _negated(cue: Token) -> bool:
    """ "won't admit that…", "did not explain how…": a factive verb, negated,
    leaves its clause the writer's own claim. "did not say whether…" still
    reports the speaker's words and stays."""
    return cue.lemma_.lower() in cue_words(cue, "factive") and any(negates(c) for c in cue.children)


class _Finder:
    def __init__(self, doc: Doc, resolver: SpeakerResolver) -> None:
        self.doc = doc
        self.text = resolver.text
        self.quoted = find_quoted(self.text, language_of(doc))
        self.resolver = resolver
        self.quotes: list[Quote] = []
        # The speaker of the latest quote and where it ends; an unresolved speaker
        # is kept too, so that a quote after it carries no earlier speaker over.
        self.last_speaker: tuple[Speaker | None, int] | None = None

    def run(self) -> tuple[Quote, ...]:
        self.sents = list(self.doc.sents)
        for index in range(len(self.sents)):
            self._sentence(index)
        return tuple(sorted(self.quotes, key=lambda q: (q.start, q.end)))

    def _speaker(self, cue: Token) -> Speaker | None:
        skip = self.resolver.in_dateline
        subject = (
            _subject(cue, skip, self._in_quote)
            or inserted_subject(cue, self.quoted)
            or _subject(cue, skip)
            or _orphaned(cue)
        )
        if subject is None:
            # "—Fue un golpe —dijo.": the subject the language left out is "he" or "she".
            return (
                self.resolver.resolve_dropped(cue, self._current(cue.idx))
                if drops_subject(cue)
                else None
            )
        pronouns = person_pronouns(language_of(cue))
        current = self._current(subject.idx) if subject.lower_ in pronouns else None
        return self.resolver.resolve(subject, cue, current)

    def _current(self, position: int) -> Entity | None:
        """The person the article is quoting at ``position``: the named speaker of
        the latest quote, in this paragraph or the one before, when no other
        person has come in as a subject since, else that person. "“…,” said
        Vela. “…,” she added" is Vela even when someone else was mentioned in
        between."""
        if self.last_speaker is None:
            return None
        speaker, end = self.last_speaker
        if speaker is None:
            return None
        entity = self.resolver.by_id.get(speaker.entity_id or "")
        if entity is None or speaker.anonymous or not self.resolver.is_person(entity):
            return None
        if self.text[end:position].count("\n") > 1:
            return None
        # A person brought in as a subject since then is who the article turns to.
        newcomer = self.resolver.subject_between(end, position)
        if newcomer is not None and newcomer.entity_id != entity.id:
            return self.resolver.by_id.get(newcomer.entity_id or "")
        return entity

    def _add(
        self, start: int, end: int, kind: str, cue: TextSpan | None, speaker: Speaker | None
    ) -> None:
        start, end = _trim(self.text, start, end)
        if end <= start:
            return
        self.quotes.append(Quote(start, end, self.text[start:end], kind, cue, speaker))
        if cue is not None or speaker is not None:
            self.last_speaker = (speaker, end)

    def _in_quote(self, token: Token) -> bool:
        return _inside(token, self.quoted)

    def _cue_span(self, cue: Token) -> TextSpan:
        start = cue.idx
        end = cue.idx + len(cue.text)
        particles = [c for c in cue.children if c.dep_ == "prt"]
        if particles:
            end = max(end, particles[-1].idx + len(particles[-1].text))
        return TextSpan(start, end, self.text[start:end])

    def _spanned(self, index: int, q: Quoted) -> tuple[list[Token], Span | None]:
        """Cues of the sentences a quote runs through, and the sentence after them."""
        cues: list[Token] = []
        last = index
        while last < len(self.sents) and self.sents[last].start_char < q.end:
            cues += _cues(self.sents[last], self.quoted)
            last += 1
        return cues, self.sents[last] if last < len(self.sents) else None

    def _sentence(self, index: int) -> None:
        sent = self.sents[index]
        if is_correction(sent):
            return
        in_sent = [q for q in self.quoted if sent.start_char <= q.start < sent.end_char]
        cues = _cues(sent, self.quoted)
        used_cues: set[int] = set()
        headline = self._headline_colon(sent)
        for q in in_sent:
            spanned, following = self._spanned(index, q)
            cue = self._cue_for(q, spanned, following)
            speaking = cue is not None and says(cue)
            start, end = _content(self.text, q)
            if cue is None and headline is not None and _opens(self.text, headline[0], q):
                # "Reimberg: «No habrá tregua»": the name and colon are the quote's.
                self._add(start, end, "direct", headline[1], headline[2])
                headline = None
                continue
            if is_label(self.doc, self.text, q, sent, cue, speaking):
                continue
            if cue is None:
                speaker = self._continuing(start)
                if speaker is None and len(self.text[start:end].split()) <= MAX_LABEL_WORDS:
                    continue
                self._add(start, end, "direct", None, speaker)
                continue
            used_cues.add(cue.i)
            self._add(
                start, end, _kind(self.text, q, sent), self._cue_span(cue), self._speaker(cue)
            )
        for cue in cues:
            if cue.i in used_cues or _reported_inside(cue) or _negated(cue):
                continue
            complement = _complement(cue, self.quoted)
            speaker = self._speaker(cue)
            # "The rise in prices shows that…" is inference, not speech.
            if complement is not None and len(complement) >= 3 and speaker is not None:
                self._add(
                    complement.start_char,
                    complement.end_char,
                    "indirect",
                    self._cue_span(cue),
                    speaker,
                )
        if headline is not None:
            rest, colon, speaker = headline
            self._add(rest.start_char, rest.end_char, "direct", colon, speaker)
        according = according_to(sent) if not in_sent else None
        if according is not None:
            token, last, source, rest = according
            phrase_end = last.idx + len(last.text)
            phrase = TextSpan(token.idx, phrase_end, self.text[token.idx : phrase_end])
            if len(rest) >= 3:
                self._add(
                    rest.start_char,
                    rest.end_char,
                    "indirect",
                    phrase,
                    self.resolver.resolve_span(source),
                )

    def _headline_colon(self, sent: Span) -> tuple[Span, TextSpan, Speaker | None] | None:
        """ "Mora: Border Will Stay Open" — a name, a colon, and what they said:
        (what they said, the colon as cue, the speaker)."""
        first = entity_at(sent.doc, sent.start)
        ents = [first] if first is not None and first.label_ in ("PERSON", "ORG") else []
        if not ents or ents[0].end >= sent.end or sent.doc[ents[0].end].text != ":":
            return None
        colon = sent.doc[ents[0].end]
        rest = sent.doc[colon.i + 1 : sent.end]
        if len(rest) < 3:
            return None
        cue = TextSpan(colon.idx, colon.idx + 1, ":")
        return rest, cue, self.resolver.resolve(ents[0].root, colon)

    def _cue_for(self, q: Quoted, cues: list[Token], following: Span | None) -> Token | None:
        if cues:
            inside = self.doc.char_span(q.start, q.end, alignment_mode="contract")
            if inside is not None and len(inside):
                governing = [a for a in inside.root.ancestors if a in cues]
                if governing:
                    return governing[0]
            before = [c for c in cues if c.idx < q.start]
            return before[-1] if before else cues[0]
        if following is not None and len(following) <= 8:
            later = _cues(following, self.quoted)
            if later and not any(
                following.start_char <= o.start < following.end_char for o in self.quoted
            ):
                return later[0]
        return None

    def _continuing(self, start: int) -> Speaker | None:
        """Who an uncued quote continues: a person brought in as a sentence's subject
        since the last quote, in this paragraph or the one before, takes over from
        the previous speaker ("Gil was not convinced." then "…"); otherwise the
        previous speaker, within the same or the next paragraph."""
        paragraph = self.text.rfind("\n", 0, start)
        previous = self.text.rfind("\n", 0, max(paragraph, 0))
        since = max(previous + 1, self.last_speaker[1] if self.last_speaker else 0)
        newcomer = self.resolver.subject_between(since, start)
        if self.last_speaker is None:
            return newcomer
        speaker, end = self.last_speaker
        if speaker is None:
            return newcomer
        if newcomer is not None and newcomer.entity_id != speaker.entity_id:
            return newcomer
        between = self.text[end:start]
        return speaker if between.count("\n") <= 1 and len(between) < 400 else None


def _opens(text: str, rest: Span, q: Quoted) -> bool:
    """Whether the quoted passage is what follows a headline's colon, marks and all."""
    return not text[rest.start_char : q.start - 1].strip() and q.end >= rest.end_char - 3


def find_quotes(
    doc: Doc, entities: tuple[Entity, ...], resolver: SpeakerResolver | None = None
) -> tuple[Quote, ...]:
    text = doc_text(doc)
    quotes = _Finder(doc, resolver or SpeakerResolver(doc, text, entities)).run()
    datelines = dateline_spans(text)
    kept = []
    for quote in quotes:
        start = past_dateline(datelines, quote.start, quote.end)
        if start != quote.start:
            if not text[start : quote.end].strip():
                continue  # all of it was the dateline
            quote = replace(quote, start=start, text=text[start : quote.end])
        kept.append(quote)
    return tuple(kept)


def cue_speakers(
    sent: Span, resolver: SpeakerResolver, quoted: list[Quoted] | None = None
) -> list[Speaker]:
    """Who the cue verbs of a sentence attribute it to, quoted or not.

    A cue counts only when it reports something: a clause or object
    (``_complement``), or a quotation in the sentence. "Diaz defended the law in
    Congress" has neither, so the sentence is about Diaz, not sourced to her;
    a verb of saying with a plain object ("police said 23") reports it.
    """
    found = []
    marks = find_quoted(doc_text(sent.doc), language_of(sent)) if quoted is None else quoted
    has_quote = any(sent.start_char <= q.start < sent.end_char for q in marks)
    for cue in _cues(sent, []):
        said = cue.lemma_.lower() in cue_words(cue, "saying") and any(
            c.dep_ in ("dobj", "obj") for c in cue.children
        )
        if _complement(cue, []) is None and not has_quote and not said:
            continue
        subject = _subject(cue, resolver.in_dateline)
        if subject is not None:
            speaker = resolver.resolve(subject)
        else:
            speaker = resolver.resolve_dropped(cue) if drops_subject(cue) else None
        # An unresolved "he" or "they" names no source; a later cue may.
        if speaker is not None and (speaker.name or speaker.anonymous):
            found.append(speaker)
    return found
