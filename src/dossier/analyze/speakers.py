"""Resolving a quote's subject to a speaker.

- A subject that contains a named person or organisation is that entity; the
  words before the name in the same phrase are the role ("Defense Minister"
  Gian Carlo Loffredo), as is an appositive ("Loffredo, the defence minister,").
- "he", "she" resolve to the most recent person named before the cue; "it" to
  the most recent organisation.
- A role noun ("the minister", "Ecuador's president") resolves to the person
  introduced with that role earlier in the article.
- Any other person noun ("an official", "sources", "the diplomat") is an
  anonymous source. A definite one ("the official") takes the description of
  the earlier phrase with the same noun ("a high-level Ecuadorian official
  familiar with the planning").
- Institutions ("the ministry", "police") and documents are named by their
  phrase and are not anonymous people.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from ..models import Entity, Speaker

PERSON_NOUNS = frozenset(
    """official officials source sources diplomat diplomats aide aides officer officers person
    people spokesman spokeswoman spokesperson adviser advisor advisers advisors analyst
    analysts resident residents witness witnesses insider insiders expert experts lawmaker
    lawmakers commander commanders minister ministers president governor mayor senator
    representative envoy ambassador negotiator negotiators investigator investigators
    prosecutor prosecutors agent agents soldier soldiers member members leader leaders
    executive executives worker workers employee employees staffer staffers someone
    colleague colleagues partner partners director chief head secretary general captain
    colonel admiral contractor contractors relative relatives lawyer lawyers attorney
    attorneys reader readers fisherman fishermen guard guards inmate inmates prisoner
    prisoners family families mother father neighbor neighbors neighbour neighbours farmer
    farmers driver drivers engineer engineers doctor doctors nurse nurses teacher teachers
    student students activist activists journalist journalists reporter reporters critic
    critics supporter supporters opponent opponents veteran veterans victim victims survivor
    survivors owner owners shopkeeper shopkeepers businessman businessmen trader traders
    merchant merchants pilot pilots legislator legislators deputy deputies congressman
    congresswoman councilman judge judges citizen citizens voter voters protester protesters
    demonstrator demonstrators man men woman women""".split()
)
_PRONOUN_PERSON = {"he", "she", "him", "her"}
_PRONOUN_THING = {"it"}
_DROP = {"the", "a", "an", "this", "that", "these", "those"}
_SPEAKING_TYPES = ("PERSON", "ORG", "GPE", "NORP")
INSTITUTION_NOUNS = frozenset(
    """ministry government police army navy military court office agency embassy department
    council commission committee company firm group authority authorities prosecutor's
    presidency administration party campaign bank union organization organisation newspaper
    network""".split()
)
DOCUMENT_NOUNS = frozenset(
    """document documents memo memorandum report reports records record file files plan plans
    rendering renderings contract contracts letter letters email emails cable cables filing
    filings statement statements study survey data figures minutes transcript draft budget
    invoice invoices presentation slide slides""".split()
)


_AGENT_SUFFIXES = (
    "er",
    "ers",
    "or",
    "ors",
    "ist",
    "ists",
    "ian",
    "ians",
    "man",
    "men",
    "woman",
    "women",
    "ant",
    "ants",
    "ent",
    "ents",
)
_NOT_AGENTS = frozenset(
    """order orders paper papers number numbers water letter letters matter center centre
    government document documents statement statements report reports department parliament
    agreement agreements development management movement element elements error errors""".split()
)


def _agent_noun(token: Token) -> bool:
    """Common nouns for people are mostly agent nouns: commissioner, strategist, resident."""
    word = token.lower_
    return (
        token.pos_ == "NOUN"
        and word not in _NOT_AGENTS
        and token.lemma_.lower() not in _NOT_AGENTS
        and word.endswith(_AGENT_SUFFIXES)
    )


def _phrase(token: Token) -> Span:
    """The subject phrase without trailing appositives, clauses and punctuation."""
    doc = token.doc
    return doc[token.left_edge.i : token.i + 1]


def _full_phrase(token: Token) -> Span:
    doc = token.doc
    end = token.right_edge.i + 1
    while end > token.i + 1 and doc[end - 1].is_punct:
        end -= 1
    return doc[token.left_edge.i : end]


class SpeakerResolver:
    def __init__(self, doc: Doc, text: str, entities: tuple[Entity, ...]) -> None:
        self.doc = doc
        self.text = text
        self.mentions = sorted(
            ((m.start, m.end, e) for e in entities for m in e.mentions),
            key=lambda found: (found[0], found[1]),
        )
        self._starts = [m[0] for m in self.mentions]
        self.roles: dict[str, list[tuple[int, Entity, str]]] = {}
        self.entity_roles: dict[str, str] = {}
        self._collect_roles()

    def _collect_roles(self) -> None:
        for start, end, entity in self.mentions:
            if entity.type != "PERSON":
                continue
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            words = [t for t in head.lefts if t.i < span.start and t.dep_ in ("compound", "amod")]
            words += [t for t in span if t.dep_ == "compound" and t.pos_ != "PROPN"]
            role_tokens = sorted({t.i for t in words})
            if not role_tokens:
                continue
            first = min(role_tokens[0], head.left_edge.i)
            while first < span.start and self.doc[first].lower_ in _DROP:
                first += 1
            role = self.doc[first : span.start].text.strip(" ,")
            if role:
                self.entity_roles.setdefault(entity.id, role)
            for t in words:
                if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in _DROP:
                    self.roles.setdefault(t.lemma_.lower(), []).append((start, entity, role))

    def _mentions_in(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        i = bisect.bisect_left(self._starts, start)
        found = []
        while i < len(self.mentions) and self.mentions[i][0] < end:
            if self.mentions[i][1] <= end:
                found.append(self.mentions[i])
            i += 1
        return found

    def _last_before(self, position: int, types: tuple[str, ...]) -> tuple[int, int, Entity] | None:
        i = bisect.bisect_left(self._starts, position) - 1
        while i >= 0:
            if self.mentions[i][2].type in types:
                return self.mentions[i]
            i -= 1
        return None

    def _named(self, phrase: Span, start: int, end: int, entity: Entity, token: Token) -> Speaker:
        role = self.text[phrase.start_char : start].strip(" ,")
        words = role.split()
        if words and words[0].lower() in _DROP:
            role = " ".join(words[1:])
        for child in token.children:
            if child.dep_ == "appos":
                role = role or _full_phrase(child).text
        # The mention is the whole subject phrase, titles and all, as a reader
        # would point to it ("National Security Council spokesman James Hewitt").
        first, last = min(start, phrase.start_char), max(end, phrase.end_char)
        return Speaker(
            name=entity.name,
            start=first,
            end=last,
            text=self.text[first:last],
            entity_id=entity.id,
            role=role or self.entity_roles.get(entity.id),
        )

    def resolve(self, token: Token) -> Speaker | None:
        phrase = _phrase(token)
        named = self._mentions_in(phrase.start_char, phrase.end_char)
        people = [m for m in named if m[2].type == "PERSON"]
        # "A high-level Ecuadorian official" names a nationality, not the speaker.
        heads = [m for m in named if m[0] <= token.idx < m[1] and m[2].type in _SPEAKING_TYPES]
        if people or heads:
            start, end, entity = (people or heads)[-1]
            return self._named(phrase, start, end, entity, token)
        lower = token.lower_
        if lower in _PRONOUN_PERSON or lower in _PRONOUN_THING:
            types = ("PERSON",) if lower in _PRONOUN_PERSON else ("ORG",)
            found = self._last_before(token.idx, types)
            if found is not None:
                _, _, entity = found
                return Speaker(
                    name=entity.name,
                    start=token.idx,
                    end=token.idx + len(token.text),
                    text=token.text,
                    entity_id=entity.id,
                    role=self.entity_roles.get(entity.id),
                )
            return Speaker(
                name=None, start=token.idx, end=token.idx + len(token.text), text=token.text
            )
        return self._described(token, phrase)

    def _described(self, token: Token, phrase: Span) -> Speaker | None:
        lemma = token.lemma_.lower()
        full = _full_phrase(token)
        start, end = phrase.start_char, phrase.end_char
        holders = [h for h in self.roles.get(lemma, []) if h[0] < token.idx]
        if holders and token.tag_ not in ("NNS", "NNPS"):
            _, entity, role = holders[-1]
            return Speaker(
                name=entity.name,
                start=start,
                end=end,
                text=phrase.text,
                entity_id=entity.id,
                role=role or None,
            )
        if lemma in PERSON_NOUNS or token.lower_ in PERSON_NOUNS or _agent_noun(token):
            description = full.text
            if phrase[0].lower_ == "the" or token.tag_ == "PRP":
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
        if lemma in INSTITUTION_NOUNS or lemma in DOCUMENT_NOUNS or token.pos_ == "PROPN":
            return Speaker(name=phrase.text, start=start, end=end, text=phrase.text)
        return None

    def _earlier_description(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        for candidate in reversed(self.doc[: token.i]):
            if candidate.lemma_.lower() == lemma and candidate.pos_ == "NOUN":
                first = candidate.left_edge
                if first.lower_ in ("a", "an") or len(list(candidate.subtree)) > 3:
                    return _full_phrase(candidate).text
        return None

    def resolve_span(self, span: Span) -> Speaker | None:
        return self.resolve(span.root)
