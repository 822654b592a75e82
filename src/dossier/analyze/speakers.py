"""Resolving a quote's subject to a speaker.

- A subject that contains a named person or organisation is that entity; the
  words before the name in the same phrase are the role ("Defense Minister"
  Rafael Mora), as is an appositive ("Mora, the interior minister,").
  A role noun with a named person in apposition ("Its director, Marta
  Solano,") is that person, not an anonymous source.
- "he", "she" resolve, in order, to the person subject of a clause the pronoun
  sits in ("Gil repeated that he opposes…" is Gil), to the latest person
  named as a subject in the three sentences up to the cue, then to the latest
  person named at all; "it" to the latest organisation or country that is a
  subject in its sentence or the two before, else the most recent
  organisation. When the latest main-clause subject before it is the same
  pronoun ("She moved… She had a son called Ivo… She told…"), it is the
  same person as that one, not whoever that sentence mentions. A name inside
  the phrase of a subject the tagger missed ("Samir Haddad, a waiter at Cafe
  Lumen,") is not "he".
- With no person named before it, "he" or "she" is the unnamed person
  ("a farmer who had fled", "the driver") last a subject in its sentence or
  the one before: an anonymous source with that description; "they" and
  "them" likewise go to the unnamed people ("women in the camp") last a
  subject there.
- An unnamed person who gives a name ("a fighter who identified himself as
  Karim Abdi", "a woman who gave her name as…") is that name, with the
  description as role.
- A line ending in a bullet ("Anna Berg Leeds •", a letter's signature) is no
  part of the phrase after it.
- A role noun ("the minister", "its president", "Ecuador's president")
  resolves to the person introduced with that role, by title ("President
  Rafael Mora") or in apposition ("Peru's president, Rafael Mora"): the
  latest one named before the cue's sentence whose role does not name a
  different place, else the first named after it. A person named in the cue's
  own sentence is never the holder ("its president calls on U.S. President
  Donald Trump" is not Trump).
- A bare proper name with no entity of its own that matches the surname of a
  person the article names is that person ("Mora" after "Rafael Mora").
- Any other person noun ("an official", "sources", "the diplomat") is an
  anonymous source. A definite one ("the official") takes the description of
  the earlier phrase with the same noun ("a senior official who took part in
  the talks").
- Institutions ("the ministry", "police"), media ("a local newspaper", "the
  outlet"), offices that name an institution ("the ombudsman") and documents are
  named by their phrase and are not anonymous people; a person entity whose
  name is only such an office word is the office too.
- A dateline ("QUITO —") is never part of a speaker or a role.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..models import Entity, Speaker
from .antecedents import Antecedents, Mention
from .datelines import dateline_spans, in_dateline
from .doctext import language_of
from .quote_words import (
    SUBJECTS,
    abbreviations,
    governed,
    has,
    plural,
    quote_words,
    relative_clause,
)
from .source_nouns import (
    DOCUMENT_NOUNS,
    INSTITUTION_NOUNS,
    OFFICE_NOUNS,
    PERSON_NOUNS,
    nouns,
)
from .source_nouns import agent_noun as _agent_noun
from .speaker_phrases import (
    PLACE_TYPES,
    determiners,
    full_phrase,
    is_office,
    places,
    role_phrase,
    subject_phrase,
    undetermined,
)

__all__ = [
    "DOCUMENT_NOUNS",
    "INSTITUTION_NOUNS",
    "OFFICE_NOUNS",
    "PERSON_NOUNS",
    "SpeakerResolver",
    "is_office",
]

_SPEAKING_TYPES = ("PERSON", "ORG", "GPE", "NORP")
_TITLED = ("compound", "amod")


def _subject_person(mention: Mention, doc: Doc) -> bool:
    """A subject, or a name in apposition to one ("Britain's foreign secretary,
    Ana Vela, retorted")."""
    span = doc.char_span(mention[0], mention[1], alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in SUBJECTS or (
        root.dep_ == "appos" and root.head.dep_ in SUBJECTS and root.head.pos_ == "NOUN"
    )


class SpeakerResolver(Antecedents):
    def __init__(self, doc: Doc, text: str, entities: tuple[Entity, ...]) -> None:
        self.doc = doc
        self.text = text
        self.language = language = language_of(doc)
        self._drop = determiners(language)
        self._words = {
            key: quote_words(language, table, key)
            for table, keys in (
                ("pronouns", ("person", "thing", "group")),
                ("verbs", ("self_naming",)),
                ("phrase", ("indefinite", "definite", "indefinite_articles")),
            )
            for key in keys
        }
        kinds = ("person", "institution", "office", "document")
        self._nouns = {kind: nouns(language, kind) for kind in kinds}
        self._abbreviations = abbreviations(language)
        self.datelines = dateline_spans(text)
        self.titled = self._titled(entities)
        entities = tuple(replace(e, type="PERSON") if e.id in self.titled else e for e in entities)
        self.mentions = sorted(
            ((m.start, m.end, e) for e in entities for m in e.mentions),
            key=lambda found: (found[0], found[1]),
        )
        self._starts = [m[0] for m in self.mentions]
        self.people = [
            e for e in entities if e.type == "PERSON" and not is_office(e.name, language)
        ]
        self.by_id = {e.id: e for e in entities}
        # role noun lemma -> (mention start, holder, role as written, places the role names)
        self.roles: dict[str, list[tuple[int, Entity, str, tuple[str, ...]]]] = {}
        self.entity_roles: dict[str, str] = {}
        self._collect_roles()
        self._personal: set[str] | None = None
        self._genders: dict[str, str] | None = None
        self._quoted: list[tuple[int, int]] | None = None

    def _titled(self, entities: tuple[Entity, ...]) -> set[str]:
        """Names the tagger typed neither a person nor an organisation or place that
        stand in apposition to a person noun ("el viceministro de Seguridad, Andrés
        Villacís", a Spanish MISC): the role says they are people."""
        found = set()
        for entity in entities:
            if entity.type in ("PERSON", "ORG", *PLACE_TYPES):
                continue
            for mention in entity.mentions:
                span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                root = span.root
                nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
                if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                    nouns.append(root.head)
                if any(n.lemma_.lower() in self._nouns["person"] for n in nouns):
                    found.add(entity.id)
                    break
        return found

    def in_dateline(self, token: Token) -> bool:
        return in_dateline(self.datelines, token.idx) is not None

    def _clip(self, span: Span) -> Span:
        """The span without a dateline it starts in ("QUITO - Defense Minister …")."""
        found = in_dateline(self.datelines, span.start_char)
        if found is None:
            return span
        first = span.start
        while first < span.end - 1 and span.doc[first].idx < found[1]:
            first += 1
        return span.doc[first : span.end]

    def _register(
        self, noun: Token, start: int, entity: Entity, role: str, places: tuple[str, ...]
    ) -> None:
        if noun.pos_ in ("NOUN", "PROPN") and noun.lower_ not in self._drop:
            # "Sen. Ana Vela" holds the role "the senator" refers to.
            lemma = self._abbreviations.get(noun.lower_, noun.lemma_.lower())
            self.roles.setdefault(lemma, []).append((start, entity, role, places))

    def _collect_roles(self) -> None:
        for start, end, entity in self.mentions:
            if entity.type != "PERSON":
                continue
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            words = [t for t in head.lefts if t.i < span.start and t.dep_ in _TITLED]
            words += [t for t in span if t.dep_ == "compound" and t.pos_ != "PROPN"]
            words = [t for t in words if not self.in_dateline(t)]
            role_tokens = sorted({t.i for t in words})
            if role_tokens:
                first = min(role_tokens[0], head.left_edge.i)
                while first < span.start and (
                    self.doc[first].lower_ in self._drop or self.in_dateline(self.doc[first])
                ):
                    first += 1
                role_span = self.doc[first : span.start]
                role = role_span.text.strip(" ,")
                # "Colombia's Ivan Gil": a place is no role.
                if all(t.ent_type_ in PLACE_TYPES or t.dep_ == "case" for t in role_span):
                    role = ""
                if role:
                    self.entity_roles.setdefault(entity.id, role)
                for t in words:
                    self._register(t, start, entity, role, places(role_span))
            # Apposition either way: "Peru's president, Rafael Mora" and
            # "Rafael Mora, Peru's president".
            nouns = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            if head.dep_ == "appos" and head.head.pos_ == "NOUN":
                nouns.append(head.head)
            for noun in nouns:
                role_span = self._clip(role_phrase(noun))
                role = role_span.text.strip(" ,")
                self.entity_roles.setdefault(entity.id, role)
                self._register(noun, start, entity, role, places(role_span))

    def _named(self, phrase: Span, start: int, end: int, entity: Entity, token: Token) -> Speaker:
        role = self.text[phrase.start_char : start].strip(" ,")
        words = role.split()
        if words and words[0].lower() in self._drop:
            role = " ".join(words[1:])
        if all(
            t.ent_type_ in PLACE_TYPES or t.dep_ == "case" or t.is_punct
            for t in phrase
            if t.idx < start
        ):
            role = ""  # "Colombia's Ivan Gil": a place is no role
        for child in token.children:
            if child.dep_ == "appos" and not child.idx <= start < child.idx + len(child.text):
                role = role or full_phrase(child).text
        # The mention is the whole subject phrase, titles and all, as a reader
        # would point to it ("Interior Ministry spokeswoman Ana Vela").
        first, last = min(start, phrase.start_char), max(end, phrase.end_char)
        return Speaker(
            name=entity.name,
            start=first,
            end=last,
            text=self.text[first:last],
            entity_id=entity.id,
            role=role or self.entity_roles.get(entity.id),
        )

    def _entity_speaker(self, token: Token, entity: Entity) -> Speaker:
        return Speaker(
            name=entity.name,
            start=token.idx,
            end=token.idx + len(token.text),
            text=token.text,
            entity_id=entity.id,
            role=self.entity_roles.get(entity.id),
        )

    def resolve(
        self, token: Token, cue: Token | None = None, current: Entity | None = None
    ) -> Speaker | None:
        """The speaker a subject token stands for; its mention is the whole subject
        phrase, appositives and relative clauses included ("Luis Rubio, who heads
        the centre,"), as a reader would underline it, up to the ``cue`` when the
        cue lies inside it ("a letter from the ministry saying…"). ``current`` is
        the person the article is quoting just before: "he" or "she" not bound in
        its own clause is that person when the gender agrees."""
        speaker = self._resolve(token, current)
        if speaker is None or speaker.start is None or speaker.end is None:
            return speaker
        if token.pos_ == "PRON":
            return speaker
        full = self._clip(full_phrase(token))
        if cue is not None and full.start <= cue.i < full.end:
            last = cue.left_edge.i
            while last > full.start and (self.doc[last - 1].is_punct or last > cue.left_edge.i):
                last -= 1
            full = self.doc[full.start : max(last, token.i + 1)]
        if full.start_char <= speaker.start and speaker.end <= full.end_char:
            start, end = full.start_char, full.end_char
            return replace(speaker, start=start, end=end, text=self.text[start:end])
        return speaker

    def _resolve(self, token: Token, current: Entity | None = None) -> Speaker | None:
        phrase = self._clip(subject_phrase(token))
        named = self._mentions_in(phrase.start_char, phrase.end_char)
        people = [m for m in named if m[2].type == "PERSON"]
        # "A high-level Ecuadorian official" names a nationality, not the speaker.
        heads = [m for m in named if m[0] <= token.idx < m[1] and m[2].type in _SPEAKING_TYPES]
        if people and not heads and self._person_noun(token) and self._possessor(token, people):
            # "Haddad's political aide said": the aide speaks, not Haddad.
            return Speaker(
                name=None,
                start=phrase.start_char,
                end=phrase.end_char,
                text=phrase.text,
                anonymous=True,
                description=phrase.text,
            )
        if people or heads:
            start, end, entity = (people or heads)[-1]
            return self._named(phrase, start, end, entity, token)
        # "Its director, Marta Solano, said": the role noun's appositive names her.
        # A name whose first word heads the appositive ("la fiscal Diana Salazar", UD
        # "flat" names) reaches past that word: a mention covering it counts too.
        for child in token.children:
            if child.dep_ != "appos":
                continue
            inside = self._mentions_in(child.left_edge.idx, child.idx + len(child.text))
            last = child.right_edge
            inside = inside or [
                m
                for m in self._mentions_in(child.idx, last.idx + len(last.text))
                if m[0] == child.idx
            ]
            named_people = [m for m in inside if m[2].type == "PERSON"]
            if named_people:
                start, end, entity = named_people[-1]
                role = self._clip(role_phrase(token)).text.strip(" ,")
                words = role.split()
                if words and words[0].lower() in self._drop:
                    role = " ".join(words[1:])
                return Speaker(
                    name=entity.name,
                    start=phrase.start_char,
                    end=end,
                    text=self.text[phrase.start_char : end],
                    entity_id=entity.id,
                    role=role or self.entity_roles.get(entity.id),
                )
        lower = token.lower_
        if lower in self._words["person"]:
            return self._person_pronoun(token, current)
        if lower in self._words["group"]:
            return self._group_pronoun(token)
        if lower in self._words["thing"]:
            thing = self._subject_thing(token) or self._last_before(token.idx, ("ORG",))
            if thing is not None:
                return self._entity_speaker(token, thing[2])
            return Speaker(
                name=None, start=token.idx, end=token.idx + len(token.text), text=token.text
            )
        return self._described(token, phrase)

    def _person_pronoun(self, token: Token, current: Entity | None) -> Speaker:
        found = self.bound(token)
        if found is None and current is not None and self.agrees(current, token):
            found = current
        found = found or self._antecedent(token)
        if found is not None:
            return self._entity_speaker(token, found)
        unnamed = self._unnamed_antecedent(token)
        if unnamed is not None:
            return unnamed
        return Speaker(name=None, start=token.idx, end=token.idx + len(token.text), text=token.text)

    def _group_pronoun(self, token: Token) -> Speaker:
        group = self._unnamed_antecedent(token, plural=True)
        return group or Speaker(
            name=None, start=token.idx, end=token.idx + len(token.text), text=token.text
        )

    def resolve_dropped(self, verb: Token, current: Entity | None = None) -> Speaker | None:
        """The speaker of a third-person verb whose language leaves the subject out
        ("—Fue un golpe —dijo."): who "he" or "she" would be, or "they" for a plural
        verb ("informaron"). The verb, which carries the person, is the mention."""
        if not has(verb, "Person", "3"):
            return None
        if has(verb, "Number", "Plur"):
            return self._group_pronoun(verb)
        return self._person_pronoun(verb, current)

    def subject_between(self, start: int, end: int) -> Speaker | None:
        """The latest person named as a sentence subject between two offsets, with
        that mention."""
        for mention in reversed(self._mentions_in(start, end)):
            entity = mention[2]
            if (
                entity.type == "PERSON"
                and not is_office(entity.name, self.language)
                and not self.quoted_at(mention[0])
                and _subject_person(mention, self.doc)
            ):
                span = self.doc.char_span(mention[0], mention[1], alignment_mode="expand")
                root = span.root if span is not None else None
                return self.resolve(root) if root is not None else None
        return None

    def _holder(self, token: Token) -> tuple[Entity, str] | None:
        """Who holds the role a role noun names (see the module docstring)."""
        lemma = token.lemma_.lower()
        holders = self.roles.get(lemma, [])
        if not holders or plural(token):
            return None
        indefinite = self._words["indefinite"]
        if any(c.lower_ in indefinite for c in token.lefts if c.dep_ in ("det", "nummod")):
            return None
        sent = token.sent
        # "Ecuador's president", "the Peruvian president": the place the role is of.
        place = next(
            (
                c.text
                for c in token.children
                if c.dep_ in ("poss", "compound", "amod") and c.ent_type_ in PLACE_TYPES
            ),
            None,
        )

        def fits(places: tuple[str, ...]) -> bool:
            # Demonym and country share their first letters: Peru, Peruvian.
            stem = (place or "")[:4].lower()
            return place is None or not places or any(p[:4].lower() == stem for p in places)

        before = [h for h in holders if h[0] < sent.start_char and fits(h[3])]
        if before:
            return before[-1][1], before[-1][2]
        after = [h for h in holders if h[0] >= sent.end_char and fits(h[3])]
        if after:
            return after[0][1], after[0][2]
        return None

    def _described(self, token: Token, phrase: Span) -> Speaker | None:
        lemma = token.lemma_.lower()
        full = self._clip(full_phrase(token))
        start, end = phrase.start_char, phrase.end_char
        offices, people = self._nouns["office"], self._nouns["person"]
        institutions, documents = self._nouns["institution"], self._nouns["document"]
        if lemma in offices or token.lower_ in offices:
            return Speaker(name=phrase.text, start=start, end=end, text=phrase.text)
        held = self._holder(token)
        if held is not None:
            entity, role = held
            return Speaker(
                name=entity.name,
                start=start,
                end=end,
                text=phrase.text,
                entity_id=entity.id,
                role=role or None,
            )
        if lemma in institutions or token.lower_ in institutions:
            # "el Ministerio del Interior": the modifiers after the noun are its name too.
            name = self._clip(role_phrase(token))
            first, final = name.start_char, name.end_char
            return Speaker(name=undetermined(name), start=first, end=final, text=name.text)
        if lemma in people or token.lower_ in people or _agent_noun(token):
            given = self._given_name(token)
            if given is not None:
                named = max(
                    (m[1] for m in self.mentions if m[2].id == given.id and m[0] >= start),
                    default=full.end_char,
                )
                last = max(full.end_char, named)
                return Speaker(
                    name=given.name,
                    start=start,
                    end=last,
                    text=self.text[start:last],
                    entity_id=given.id,
                    role=phrase.text,
                )
            description = full.text
            if phrase[0].lower_ in self._words["definite"] or token.tag_ == "PRP":
                earlier = self._earlier_description(token)
                description = earlier or description
            return Speaker(
                name=None,
                start=start,
                end=end,
                text=phrase.text,
                anonymous=True,
                description=description,
            )
        if token.pos_ == "PROPN":
            person = self._surname(phrase)
            if person is not None:
                return Speaker(
                    name=person.name,
                    start=start,
                    end=end,
                    text=phrase.text,
                    entity_id=person.id,
                    role=self.entity_roles.get(person.id),
                )
        if lemma in documents:
            # "a statement from the National Security Council", "un comunicado del
            # Ministerio": its issuer speaks.
            issuers = quote_words(self.language, "phrase", "issuer_preps")
            for issuer in governed(token, issuers):
                found = self._resolve(issuer)
                if found is not None and found.name and not found.anonymous:
                    return replace(found, start=start, end=end, text=phrase.text)
        if lemma in documents or token.pos_ == "PROPN":
            return Speaker(name=phrase.text, start=start, end=end, text=phrase.text)
        return None

    def _given_name(self, token: Token) -> Entity | None:
        """The person an unnamed one names themself as (see the module docstring)."""
        naming = self._words["self_naming"]
        for clause in token.children:
            if not relative_clause(clause) or clause.lemma_.lower() not in naming:
                continue
            words = list(clause.subtree)
            end = words[-1].idx + len(words[-1])
            # The parser often leaves the name outside the clause ("…himself as"
            # | "Karim Abdi said"): a name straight after it counts too.
            for start, _, entity in self._mentions_in(words[0].idx, len(self.text)):
                if start > end and self.text[end:start].strip():
                    break
                if entity.type == "PERSON":
                    return entity
        return None

    def _earlier_description(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        for candidate in reversed(self.doc[: token.i]):
            if candidate.lemma_.lower() == lemma and candidate.pos_ == "NOUN":
                first = candidate.left_edge
                if (
                    first.lower_ in self._words["indefinite_articles"]
                    or len(list(candidate.subtree)) > 3
                ):
                    return self._clip(full_phrase(candidate)).text
        return None

    def _possessor(self, token: Token, people: list[Mention]) -> bool:
        """Whether every person named in the phrase is a possessor of the noun."""
        owners = [c for c in token.children if c.dep_ == "poss"]
        for start, _, _ in people:
            if not any(o.left_edge.idx <= start <= o.idx for o in owners):
                return False
        return bool(owners)

    def resolve_span(self, span: Span) -> Speaker | None:
        return self.resolve(span.root)
