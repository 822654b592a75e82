"""Who "he", "she" and "it" stand for, for the speaker resolver.

- "he" or "she" goes only to a person: a PERSON entity, or a name of
  another type that "he" or "she" is bound to in its own clause ("Gil
  repeated that he…", whatever the tagger said), never a place.
- Gender agrees where the article itself shows it: a courtesy title ("Mr
  Holm", "Ms Lund"), a gendered role noun as title or in apposition ("Vera
  Novak, the mother of…", "spokeswoman Ana Vela"), or a pronoun or
  reflexive bound to that name ("Gil said she…", "Gil introduced herself").
  Evidence both ways leaves the gender unknown; an unknown gender agrees
  with either pronoun.
- Names inside quotation marks are the quoted speaker's words, not the
  writer's referents: "“I met Anna there,” she says" is not Anna.
- A main-clause subject that is a person noun ("the minister said…",
  "a farmer who had fled…") is the latest referent when it comes after the
  latest named one: the holder of the role when the article names one,
  else the unnamed person (``_unnamed_antecedent``), never a name mentioned
  earlier.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from ..models import Entity, Speaker
from .doctext import language_of
from .quote_words import SUBJECTS, plural_noun, quote_words, singular_noun
from .quotemarks import find_quoted
from .source_nouns import agent_noun as _agent_noun
from .source_nouns import gender_words, nouns
from .speaker_phrases import (
    PLACE_TYPES,
    determiners,
    institutional,
    is_institution,
    is_office,
    noun_phrase,
    subject_phrase,
)

Mention = tuple[int, int, Entity]

# English third-person pronouns for a person, for the modules that read them by name.
PRONOUN_PERSON = quote_words("en", "pronouns", "person")


def person_pronouns(language: str) -> frozenset[str]:
    return quote_words(language, "pronouns", "person")


def pronoun_gender(word: str, language: str = "en") -> str | None:
    lower = word.lower()
    if lower in quote_words(language, "pronouns", "feminine"):
        return "f"
    if lower in quote_words(language, "pronouns", "masculine"):
        return "m"
    return None


def _noun_gender(words: list[str], language: str) -> set[str]:
    found = set()
    for word in words:
        lower = word.lower()
        if lower in gender_words(language, "feminine_nouns"):
            found.add("f")
        elif lower in gender_words(language, "masculine_nouns"):
            found.add("m")
    return found


def _wordless(sent: Span) -> bool:
    return all(t.is_space or t.is_punct for t in sent)


def _stands_in(token: Token) -> bool:
    """A verb standing in for the subject it leaves out ("dijo", see speakers)."""
    return token.pos_ in ("VERB", "AUX")


class Antecedents:
    """The pronoun half of ``SpeakerResolver``; it sets the attributes below."""

    doc: Doc
    text: str
    mentions: list[Mention]
    _starts: list[int]
    people: list[Entity]
    titled: set[str]
    _personal: set[str] | None
    _genders: dict[str, str] | None
    _quoted: list[tuple[int, int]] | None

    def _holder(self, token: Token) -> tuple[Entity, str] | None:
        raise NotImplementedError

    def _mentions_in(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self._starts, start)
        found = []
        while i < len(self.mentions) and self.mentions[i][0] < end:
            if self.mentions[i][1] <= end:
                found.append(self.mentions[i])
            i += 1
        return found

    def _last_before(self, position: int, types: tuple[str, ...]) -> Mention | None:
        i = bisect.bisect_left(self._starts, position) - 1
        while i >= 0:
            if self.mentions[i][2].type in types:
                return self.mentions[i]
            i -= 1
        return None

    def quoted_at(self, position: int) -> bool:
        """Whether an offset lies between quotation marks."""
        if self._quoted is None:
            self._quoted = [(q.start, q.end) for q in find_quoted(self.text, language_of(self.doc))]
        return any(a <= position < b for a, b in self._quoted)

    def gender(self, entity: Entity) -> str | None:
        """ "f", "m", or None where the article does not show it (module docstring)."""
        if self._genders is None:
            self._genders = self._collect_genders()
        return self._genders.get(entity.id)

    def agrees(self, entity: Entity, pronoun: Token) -> bool:
        wanted = pronoun_gender(pronoun.text, language_of(pronoun))
        known = self.gender(entity)
        return wanted is None or known is None or known == wanted

    def _collect_genders(self) -> dict[str, str]:
        seen: dict[str, set[str]] = {}
        language = language_of(self.doc)
        for start, end, entity in self.mentions:
            if entity.type != "PERSON":
                continue
            signs = seen.setdefault(entity.id, set())
            before = self.text[max(0, start - 12) : start].split()
            words = [*before[-1:], *self.text[start:end].split()[:1]]
            for word in words:
                if word.lower() in gender_words(language, "feminine_titles"):
                    signs.add("f")
                elif word.lower() in gender_words(language, "masculine_titles"):
                    signs.add("m")
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            nouns = [t.text for t in head.lefts if t.i < span.start and t.dep_ == "compound"]
            nouns += [c.text for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            if head.dep_ == "appos" and head.head.pos_ == "NOUN":
                nouns.append(head.head.text)
            signs |= _noun_gender(nouns, language)
        for token in self.doc:
            gender = pronoun_gender(token.text, language)
            if gender is None or self.quoted_at(token.idx):
                continue
            bound = self._reported_self(token)
            if bound is not None:
                seen.setdefault(bound.id, set()).add(gender)
        return {key: next(iter(signs)) for key, signs in seen.items() if len(signs) == 1}

    def _reported_self(self, token: Token) -> Entity | None:
        """The name a pronoun surely stands for: the subject of the verb of saying
        whose clause the pronoun is the subject of ("Gil said she would stay"), or
        of the verb a reflexive is the object of ("Gil introduced herself"). Other
        clauses ("Gil told Ivo, after he admitted…") are not sure enough."""
        verb = token.head
        language = language_of(token)
        marks = quote_words(language, "phrase", "complement_marks")
        if token.lower_ in quote_words(language, "pronouns", "reflexive"):
            owner = verb
        elif (
            token.dep_ in SUBJECTS
            and verb.dep_ == "ccomp"
            and verb.head.lemma_.lower() in quote_words(language, "verbs", "self_reporting")
            and all(c.lower_ in marks for c in verb.children if c.dep_ == "mark")
        ):
            owner = verb.head
        else:
            return None
        for child in owner.children:
            if child.dep_ not in SUBJECTS or child.i >= token.i:
                continue
            for start, end, entity in self._mentions_in(
                child.left_edge.idx, child.idx + len(child.text)
            ):
                if start <= child.idx < end and entity.type == "PERSON":
                    return entity
        return None

    def is_person(self, entity: Entity) -> bool:
        """A person entity that is no office or institution ("la Policía" typed a
        person is the police), or a name of another type that "he" or "she" refers
        back to ("Gil repeated that he…", whatever the tagger said)."""
        if entity.type == "PERSON" or entity.id in self.titled:
            language = language_of(self.doc)
            return not is_office(entity.name, language) and not is_institution(
                entity.name, language
            )
        if entity.type in PLACE_TYPES:
            return False
        if self._personal is None:
            self._personal = set()
            for token in self.doc:
                if (
                    token.lower_ in person_pronouns(language_of(self.doc))
                    and token.dep_ in SUBJECTS
                ):
                    bound = self._bound(token)
                    if bound is not None:
                        self._personal.add(bound.id)
        return entity.id in self._personal

    def bound(self, token: Token) -> Entity | None:
        """The named subject of a clause that holds the pronoun, when its gender agrees."""
        found = self._bound(token)
        return found if found is not None and self.agrees(found, token) else None

    def _bound(self, token: Token) -> Entity | None:
        """The named subject of a clause that holds the pronoun."""
        for ancestor in token.ancestors:
            for child in ancestor.children:
                if child.dep_ not in SUBJECTS or child.i >= token.i or child == token:
                    continue
                for start, end, entity in self._mentions_in(
                    child.left_edge.idx, child.idx + len(child.text)
                ):
                    speaks = entity.type == "PERSON" or not institutional(
                        entity.name, language_of(self.doc)
                    )
                    if start <= child.idx < end and entity.type not in PLACE_TYPES and speaks:
                        return entity
        return None

    def _person_noun(self, token: Token) -> bool:
        people = nouns(language_of(token), "person")
        return token.pos_ == "NOUN" and (token.lemma_.lower() in people or _agent_noun(token))

    def _antecedent(self, token: Token, depth: int = 0) -> Entity | None:
        """The person "he" or "she" stands for (see the module docstring)."""
        bound = self.bound(token)
        if bound is not None:
            return bound
        window = self._window(token, 2)
        # Main-clause subjects first: in "Mora said Gil was advising", the next
        # "he" is more likely Mora.
        subjects = [
            t
            for t in self.doc[window : token.i]
            if t.dep_ in SUBJECTS
            and not t.is_punct
            and (t.pos_ == "PROPN" or self._person_noun(t))
            and not self.quoted_at(t.idx)
            # A misparse gives a verb several subjects ("His ex - wife"): the first.
            and not any(c.dep_ in SUBJECTS and c.i < t.i for c in t.head.children)
        ]
        main = [t for t in subjects if t.head.dep_ == "ROOT"]
        same = [
            t
            for t in self.doc[window : token.i]
            if t.lower_ == token.lower_
            and t.dep_ in SUBJECTS
            and t.head.dep_ == "ROOT"
            and not self.quoted_at(t.idx)
        ]
        if same and depth < 3 and (not main or same[-1].i > main[-1].i):
            return self._antecedent(same[-1], depth + 1)
        # Latest sentence first; within one, main-clause subjects first.
        ordered = sorted(
            subjects, key=lambda t: (t.sent.start, t.head.dep_ == "ROOT", t.i), reverse=True
        )
        for candidate in ordered:
            if candidate.pos_ == "NOUN":
                # "Her friend Jonas Berg": the name the noun phrase holds, but not
                # a possessor ("Haddad's aide" is not Haddad).
                owners = [t for t in candidate.subtree if t.dep_ == "poss" and t.i < candidate.i]
                noun_phrase_ = noun_phrase(candidate)
                named = [
                    m[2]
                    for m in self._mentions_in(noun_phrase_.start_char, noun_phrase_.end_char)
                    if self.is_person(m[2])
                    and not any(o.left_edge.idx <= m[0] <= o.idx for o in owners)
                ]
                if named:
                    if self.agrees(named[-1], token):
                        return named[-1]
                    continue
                held = self._holder(candidate)
                if held is not None and self.agrees(held[0], token):
                    return held[0]
                # "A farmer who had fled… He said": the unnamed person, not a name.
                # "His ex-wife agreed" points to someone named, so it does not stop
                # the search; nor is an object pronoun bound that way.
                wanted = {pronoun_gender(token.text, language_of(token))}
                latest = self._last_person(token)
                if (
                    singular_noun(candidate)
                    and (token.dep_ in SUBJECTS or _stands_in(token))
                    and not owners
                    and (
                        None in wanted
                        or not _noun_gender([candidate.text], language_of(token)) - wanted
                    )
                    and (latest is None or latest[0] < candidate.idx)
                ):
                    return None
                continue
            phrase = subject_phrase(candidate)
            covering = [
                m
                for m in self._mentions_in(phrase.start_char, phrase.end_char)
                if m[0] <= candidate.idx < m[1]
            ]
            people = [m[2] for m in covering if self.is_person(m[2]) and self.agrees(m[2], token)]
            if people:
                return people[-1]
            if not covering:
                person = self._surname(phrase)
                if person is not None and self.agrees(person, token):
                    return person
        found = self._last_person(token)
        if found is not None and main and self._inside_untagged(main[-1], found[0]):
            return None
        return found[2] if found is not None else None

    def _window(self, token: Token, back: int) -> int:
        """Where the pronoun's sentence and the ``back`` sentences of the writer's
        own before it start; sentences wholly inside a quotation do not count,
        since a long quote would otherwise hide the sentence that names its
        speaker. A paragraph break or a lone mark the parser made a sentence of its own
        is none."""
        start = token.sent.start
        while back > 0 and start > 0:
            sent = self.doc[start - 1].sent
            start = sent.start
            if _wordless(sent):
                continue
            words = [t for t in sent if not t.is_punct and not t.is_space]
            if not words or not all(self.quoted_at(t.idx) for t in (words[0], words[-1])):
                back -= 1
        return start

    def _last_person(self, token: Token) -> Mention | None:
        """The latest person named outside quotation marks whose gender agrees."""
        i = bisect.bisect_left(self._starts, token.idx) - 1
        while i >= 0:
            mention = self.mentions[i]
            i -= 1
            entity = mention[2]
            if entity.type != "PERSON" or self.quoted_at(mention[0]):
                continue
            if self.agrees(entity, token):
                return mention
        return None

    def _subject_thing(self, token: Token) -> Mention | None:
        """ "The US was bogged down, as it warned Britain…": the latest organisation
        or country that is a subject in the pronoun's sentence or the two before."""
        sent = token.sent
        window = sent.start
        for _ in range(2):
            if window > 0:
                window = self.doc[window - 1].sent.start
        for candidate in reversed(self.doc[window : token.i]):
            if candidate.dep_ not in SUBJECTS or candidate.pos_ != "PROPN":
                continue
            phrase = subject_phrase(candidate)
            for mention in self._mentions_in(phrase.start_char, phrase.end_char):
                if mention[0] <= candidate.idx < mention[1] and mention[2].type in ("ORG", "GPE"):
                    return mention
        return None

    def _inside_untagged(self, subject: Token, position: int) -> bool:
        """Whether ``position`` lies in the phrase of a subject the tagger named no
        entity for: in "Samir Haddad, a waiter at Cafe Lumen," (no entity for
        Samir Haddad) the café is where the subject works, not who "he" is."""
        phrase = subject_phrase(subject)
        if any(
            m[0] <= subject.idx < m[1]
            for m in self._mentions_in(phrase.start_char, phrase.end_char)
        ):
            return False
        last = subject.right_edge
        return subject.left_edge.idx <= position < last.idx + len(last.text)

    def _unnamed_antecedent(self, token: Token, plural: bool = False) -> Speaker | None:
        """ "A farmer who had fled the town asked to talk. He told me…": with no
        person named before it, "he" is the unnamed person last brought in as a
        subject in the two sentences before."""
        sent = token.sent
        window = sent.start
        while window > 0:
            # The sentence before, past a paragraph break or mark parsed as a sentence.
            window = self.doc[window - 1].sent.start
            if not _wordless(self.doc[window].sent):
                break
        for candidate in reversed(self.doc[window : token.i]):
            # A noun left as the root is a subject the parser lost to its clause.
            fits = plural_noun(candidate) if plural else singular_noun(candidate)
            if candidate.dep_ not in (*SUBJECTS, "ROOT") or not fits:
                continue
            if self._person_noun(candidate):
                return Speaker(
                    name=None,
                    start=token.idx,
                    end=token.idx + len(token.text),
                    text=token.text,
                    anonymous=True,
                    description=noun_phrase(candidate).text,
                )
        return None

    def _surname(self, phrase: Span) -> Entity | None:
        """A person of the article whose last name the bare proper name is."""
        words = [t.text for t in phrase if t.pos_ == "PROPN"]
        drop = determiners(language_of(phrase))
        if not words or len(words) != len([t for t in phrase if t.lower_ not in drop]):
            return None
        wanted = " ".join(words)
        found = [p for p in self.people if p.name.split()[-1] == wanted or p.name == wanted]
        return found[0] if len({p.id for p in found}) == 1 else None
