"""PLOVER events (who did what to whom), coded with rules and lexicons on the parse.

Why rules: every event must point at the words that justify it, and an analyst
must be able to see why a sentence was coded as it was. Each step below can be
checked against the sentence; the ontology is in ``plover_modes`` and the
lookup in ``plover``. What a language's words and parse contribute (trigger
lexicons, status and actor words, the parser's dependency labels by role) is
read from ``resources/languages/<code>/events.toml`` (``event_language``,
``event_roles``), so every language runs this same code; English words not yet
moved there are in ``event_lexicon``. The record prefers precision: a doubtful
trigger gives no event rather than a wrong one.

For each sentence:

1. **Triggers** (``event_triggers``): a verb typed by its object, a light verb
   carrying an event noun ("signed a treaty", "imposed a curfew", "three
   weeks of naval drills"), or a verb of the lexicon ("demanded", "calls
   on"). An event noun also counts as the subject of a verb of occurring
   ("clashes erupted") and after "put on", "went on", "placed under".
   "Willing/ready to" is AGREE, and "X said Y must…" is X's REQUEST to Y.
2. **Stance over content.** A trigger inside the clause of another ("threatened
   to impose a curfew", "urged the council to help") is ranked below it;
   "vowed to fight" is a THREATEN.
3. **No event** (``event_filters``): questions (and asking one), clauses
   about the source itself ("asked not to be named", "not authorised to
   speak", "declined to comment"), idioms ("stabbed in the back"), subjects
   that cannot act (an unowned vehicle, "prices", "the storm", a law that
   "prohibits"), striving and sport, describing participles ("a gang
   accused of…"), subjects that name nobody ("not everyone agrees"), bare
   modals with no addressee or no action ("it must be right"), stance verbs
   used for something else ("committed a crime", "recognised the issue",
   "insisted that it will…", "we are talking about…"), warnings that
   announce no action of the warner's own, a
   promise of no event, and conflict words set in the media, an election, a
   court or a council. A clash whose actors are all civil is ACCUSE, not
   ASSAULT. The verb of an event noun ("the massacre killed…") is that
   event, not a second one.
4. **Actors** (``event_actors``): the source is the trigger's subject, through
   control, raising and purpose clauses; under a verb with an object ("accused
   the minister of taking bribes", "urged the council to act") the object is
   the embedded event's source; the speaker of a reported clause is never
   its agent ("ten killed in clash, police say"). In the passive the agent is
   the source; so is the owner of an intention ("X's decision to…"), the
   addressee of "called on X to…", and the modifiers conjoined event nouns
   share. "Whose" and quantified kinds ("any party") are never actors. The
   target is the object, indirect object, the subject of a requested clause,
   or the object of an actor-bearing preposition. Only people, groups, places
   and institutions count. Pronouns, wh-words, demonstratives and bare
   generic nouns ("the group") are never actors: they resolve to the named
   antecedent the parse or the previous sentence gives unambiguously (a first
   person in a quote to its speaker by name, "we" only to a group; a
   copula's predicate to its subject; among two names, a subject pronoun to
   the lone subject of the sentence before; "they" to no group when people
   are named after it), else the actor stays empty. "X said in a statement
   that Y must…" is X's request as "X said Y must…" is. Datelines
   ("LIMA —") are never actors, and a nationality adjective gives way to the
   noun it modifies. An actor links to the entity whose mention covers its
   head word.
5. **Status** (``event_status``): negated, hypothetical (also conditions,
   fears, habits), planned, historical, ongoing, else happened.
6. **One event per trigger.** A conflict action made conditional is a
   THREATEN, a cooperative action explicitly declined a REJECT, as PLOVER
   reads them; otherwise the trigger's own type, with its status.
7. **Score** (``event_score``): a ranking, not a calibrated probability.

An event whose trigger lies inside a quote's span points at that quote.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..models import EVENT_STATUSES, Entity, Event, Quote
from . import event_filters, plover
from . import event_lexicon as lex
from .datelines import dateline_spans
from .doctext import doc_text
from .event_actors import (
    ACTOR_NOUNS,
    ENTITY_TYPES,
    bare_adjective,
    generic,
    is_actor,
    phrase,
    relative,
    source_token,
    target_token,
    whose_owner,
)
from .event_language import for_token
from .event_score import event_score
from .event_status import YEAR, event_status, predicted
from .event_triggers import Trigger, event_mode, find_triggers, govern, threat_mode
from .speakers import SpeakerResolver

STATUSES = EVENT_STATUSES

_OTHER_CLAUSES = frozenset("ccomp advcl parataxis relcl".split())
_Pair = tuple[int, int]
_Actor = tuple[str | None, int | None, int | None, str | None]
_NO_ACTOR: _Actor = (None, None, None, None)
_TRIM = " \t\n,;:.—–-\"“”'"
_PERSONAL: dict[str, tuple[str, ...]] = {
    "he": ("PERSON",),
    "she": ("PERSON",),
    "him": ("PERSON",),
    "her": ("PERSON",),
    "his": ("PERSON",),
}
_PERSONAL |= {"it": ("ORG", "GPE"), "its": ("ORG", "GPE")}
_PERSONAL |= dict.fromkeys(("they", "them", "their"), ("ORG", "NORP"))
_FIRST_PERSON = frozenset("i we me us".split())
_PROMISE = frozenset("vow promise pledge swear".split())
_MAX_DESCRIBED = 10


def _single(trigger: Trigger, status: str, own: bool) -> tuple[str, str | None] | None:
    """The stance PLOVER reads into a reported intention, which then is the event: a
    cooperative action announced, or offered on a condition, is an AGREE; a conflict
    action announced or made conditional a THREATEN; a cooperative action refused
    ("declined to sign") a REJECT. Merely not doing something ("did not sign") is no
    refusal: it stays the negated action. A meeting or visit announced stays a planned CONSULT (a
    schedule), and the content of a request, threat or promise keeps its type."""
    governor = trigger.governor
    if governor is not None and trigger.content and governor.type in plover.VERBAL:
        return None
    lang = for_token(trigger.pred)
    bare = any(
        c.dep_ in lang.roles.negation or c.lower_ in lang.status_words("bare_negations")
        for c in trigger.pred.children
    )
    if trigger.type in plover.COOPERATIVE | {"AGREE"} and status == "negated" and own and not bare:
        return "REJECT", None
    if status == "planned" and trigger.type == "CONSULT":
        return None
    if status == "planned" or (status == "hypothetical" and own):
        if trigger.type in plover.COOPERATIVE:
            return "AGREE", None
        if trigger.type in plover.CONFLICT:
            return "THREATEN", threat_mode(trigger)
    return None


class _Coder:
    def __init__(
        self,
        doc: Doc,
        entities: tuple[Entity, ...],
        quotes: tuple[Quote, ...],
        year: str | None,
        resolver: SpeakerResolver | None = None,
    ) -> None:
        self.doc, self.text, self.quotes = doc, doc_text(doc), quotes
        self.resolver = resolver or SpeakerResolver(doc, self.text, entities)
        self.mentions = sorted(
            ((m.start, m.end, e) for e in entities for m in e.mentions if e.type in ENTITY_TYPES),
            key=lambda found: (found[0], found[1]),
        )
        self.datelines = dateline_spans(self.text)
        years = [int(y) for y in YEAR.findall(self.text)]
        self.year: int | None = max(years) if years else None
        if year and year[:4].isdigit():
            self.year = int(year[:4])

    def run(self) -> tuple[Event, ...]:
        events: list[Event] = []
        for sent in self.doc.sents:
            found = [t for t in find_triggers(sent) if not event_filters.idle_modal(t)]
            dropped = {t.pred.i for t in found if self._no_event(sent, t)}
            triggers = [t for t in found if t.pred.i not in dropped and not _empty_vow(t, dropped)]
            govern(triggers)  # what is no event neither governs nor is governed
            kept = [t for t in triggers if not event_filters.unreported(t)]
            for trigger in sorted(kept, key=lambda t: -t.depth):  # content before stance
                events.extend(self._events(sent, trigger))
        return tuple(sorted(events, key=lambda e: (e.sentence_start, e.trigger_start, e.type)))

    @staticmethod
    def _no_event(sent: Span, trigger: Trigger) -> bool:
        return (
            event_filters.in_question(sent, trigger)
            or event_filters.about_the_source(trigger)
            or event_filters.figurative(trigger)
            or event_filters.thing_as_subject(trigger)
            or event_filters.description(trigger)
            or event_filters.striving(trigger)
            or event_filters.nobody(trigger)
            or event_filters.false_stance(trigger)
            or event_filters.generic(trigger)
        )

    def _in_dateline(self, start: int, end: int) -> _Pair | None:
        return next(((s, e) for s, e in self.datelines if start < e and s < end), None)

    def _mention_before(self, token: Token, types: tuple[str, ...]) -> tuple[int, int, str] | None:
        """The one entity of ``types`` named in this sentence before ``token`` or in the
        sentence before; ``None`` when none is, or when two different ones are."""
        sent = token.sent
        window_start = sent.start_char
        if sent.start > 0:
            window_start = self.doc[sent.start - 1].sent.start_char
        found = [
            m for m in self.mentions
            if window_start <= m[0] and m[1] <= token.idx and m[2].type in types
            and self._in_dateline(m[0], m[1]) is None and not self._modifier(m[0], m[1])
        ]  # fmt: skip
        if not found:
            return None
        if len({m[2].id for m in found}) > 1:
            return self._main_subject(token, found)
        start, end, entity = found[-1]
        return start, end, entity.id

    def _main_subject(
        self, token: Token, found: list[tuple[int, int, Entity]]
    ) -> tuple[int, int, str] | None:
        """ "Smith has not commented on Jones. On Friday, he said…": with two names
        before it, a subject pronoun opening its sentence's story stands for the subject
        of the sentence before, the one name that sentence is about; else for none."""
        sent = token.sent
        if token.dep_ not in ("nsubj", "nsubjpass") or any(sent.start_char <= m[0] for m in found):
            return None
        subjects = []
        for start, end, entity in found:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            alone = not any(c.dep_ == "conj" for c in root.children)
            if alone and root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT":
                subjects.append((start, end, entity))
        if len({m[2].id for m in subjects}) != 1:
            return None
        start, end, entity = subjects[-1]
        return start, end, entity.id

    def _modifier(self, start: int, end: int) -> bool:
        """ "Colombian police": a name that modifies a noun is not what a pronoun means."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("amod", "compound", "nmod")

    def _stand_in(self, token: Token, quote: int | None) -> _Actor:
        """What a pronoun or a bare generic noun stands for, when the text says it."""
        lower = token.lower_
        if lower in _FIRST_PERSON and quote is not None:
            return self._speaker(token, quote)
        types = _PERSONAL.get(lower)
        if types is None and token.pos_ == "NOUN":
            types = lex.GENERIC_ACTORS.get(token.lemma_.lower())
        found = self._mention_before(token, types) if types else None
        if found is None or (
            lower in ("they", "them", "their") and self._people_between(found[1], token)
        ):
            return _NO_ACTOR
        return self._predicated(*found)

    def _speaker(self, token: Token, quote: int) -> _Actor:
        """ "I" in a quote is its speaker, named where the speaker is a pronoun; "we" is
        the speaker only when the speaker is a group, not one of its members."""
        speaker = self.quotes[quote].speaker
        if speaker is None or speaker.start is None or speaker.end is None:
            return _NO_ACTOR
        if speaker.entity_id is None and speaker.anonymous:
            return _NO_ACTOR
        named = [m for m in self.mentions if m[2].id == speaker.entity_id]
        if token.lower_ in ("we", "us") and not any(m[2].type != "PERSON" for m in named):
            return _NO_ACTOR
        start, end = speaker.start, speaker.end
        if self.text[start:end].lower() in lex.POINTERS:
            # "he said": the speaker's name where the article gives it before the quote
            before = [m for m in named if m[1] <= start]
            if not before:
                return _NO_ACTOR
            start, end = before[-1][0], before[-1][1]
        return self.text[start:end], start, end, speaker.entity_id

    def _predicated(self, start: int, end: int, entity_id: str) -> _Actor:
        """ "Jones became the second Welshman to die… as he tried": a name that is the
        predicate of a copula describes the subject, who is what the pronoun means."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.root.dep_ == "attr":
            subject = next((c for c in span.root.head.children if c.dep_ == "nsubj"), None)
            if subject is None or not is_actor(subject) or subject.pos_ == "PRON":
                return _NO_ACTOR
            start, end = phrase(subject)
            covering = [m for m in self.mentions if m[0] <= subject.idx < m[1]]
            return self.text[start:end], start, end, covering[-1][2].id if covering else None
        return self.text[start:end], start, end, entity_id

    def _people_between(self, start: int, token: Token) -> bool:
        """ "The Kurds held Smith and Jones. They were ready to talk": people named after
        the group may be what "they" means, so it means neither."""
        return any(
            m[2].type == "PERSON" and start <= m[0] and m[1] <= token.idx for m in self.mentions
        )

    def _actor(self, token: Token | None, quote: int | None) -> _Actor:
        if token is None:
            return _NO_ACTOR
        if self._in_dateline(token.idx, token.idx + len(token.text)) is not None:
            # "QUITO — Police arrested…": the subject beside the dateline
            beside = [c for c in token.head.children if c.dep_ == token.dep_ and c.i > token.i]
            if not beside:
                return _NO_ACTOR
            token = beside[0]
        if (
            token.ent_type_ == "NORP"
            and token.dep_ in ("amod", "compound")
            and _actor_noun(token.head)
        ):
            token = token.head  # "Peruvian police": the police
        pointer = token.lower_ in lex.POINTERS and (
            token.pos_ in ("PRON", "DET") or token.tag_[:1] == "W"
        )
        if pointer or token.pos_ == "PRON" or _bare_generic(token):
            return self._stand_in(token, quote)
        start, end = phrase(token)
        if self.text[start:end].lower() in lex.GENERIC_ACTORS:
            # "a group linked to the cartel": only its description names it
            first, last = token.left_edge, token.right_edge
            if last.i - first.i >= _MAX_DESCRIBED or token.i == last.i:
                return self._stand_in(token, quote)
            while last.i > token.i and (last.is_punct or last.pos_ in ("ADP", "CCONJ")):
                last = last.nbor(-1)
            start, end = token.idx, last.idx + len(last.text)
        dateline = self._in_dateline(start, end)
        if dateline is not None:  # "QUITO — Police": the police
            start = max(start, token.idx if dateline[1] > token.idx else dateline[1])
            while start < end and self.text[start] in _TRIM:
                start += 1
        head = [m for m in self.mentions if start <= m[0] and m[1] <= end]
        covering = [m for m in self.mentions if m[0] <= token.idx < m[1]]
        # A name inside the phrase stands for it ("the Defense Ministry of Chile"),
        # but a nationality names whose the actor is, not the actor.
        named = covering or [m for m in head if m[2].type != "NORP"]
        owner = whose_owner(token)
        if not named and owner is not None:
            # "Egypt, whose navy…": the navy is Egypt's, and links to Egypt
            named = [m for m in self.mentions if m[0] <= owner.idx < m[1]]
        entity_id = named[-1][2].id if named else None
        return self.text[start:end], start, end, entity_id

    def _before(self, actor: _Actor, trigger_start: int) -> _Actor:
        """ "ten inmates killed in…": an actor's words stop before the trigger."""
        text, start, end, entity_id = actor
        if text is None or start is None or end is None or not start < trigger_start < end:
            return actor
        end = trigger_start
        while end > start and self.text[end - 1] in _TRIM:
            end -= 1
        return self.text[start:end], start, end, entity_id

    def _without_charge(self, token: Token, actor: _Actor) -> _Actor:
        """ "accused soldiers of abuses": the charge is no part of the accused."""
        text, start, end, entity_id = actor
        if text is None or start is None or end is None:
            return actor
        for child in token.children:
            charge = child.dep_ == "prep" and child.lower_ in ("of", "for")
            if charge and start < child.idx < end and not any(is_actor(g) for g in child.children):
                end = child.idx
                while end > start and self.text[end - 1] in _TRIM:
                    end -= 1
                return self.text[start:end], start, end, entity_id
        return actor

    def _clause(self, sent: Span, trigger: Trigger, spans: list[_Pair]) -> _Pair:
        """The trigger's clause without other clauses, stretched over its actors."""
        tokens = [trigger.pred]
        for child in trigger.pred.children:
            inside = any(t in trigger.tokens for t in child.subtree)
            other_verb = child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")
            if inside or (child.dep_ not in _OTHER_CLAUSES and not other_verb):
                tokens.extend(child.subtree)
        spans = [*spans, *((t.idx, t.idx + len(t.text)) for t in tokens)]
        spans = [(s, e) for s, e in spans if sent.start_char <= s and e <= sent.end_char]
        start = max(min(s for s, _ in spans), sent.start_char)
        end = min(max(e for _, e in spans), sent.end_char)
        while start < end and self.text[start] in _TRIM:
            start += 1
        while end > start and self.text[end - 1] in _TRIM.replace(".", ""):
            end -= 1
        return start, end

    def _events(self, sent: Span, trigger: Trigger) -> list[Event]:
        pred = trigger.pred
        t_start = min(t.idx for t in trigger.tokens)
        t_end = max(t.idx + len(t.text) for t in trigger.tokens)
        quote = next((i for i, q in enumerate(self.quotes) if q.start <= t_start < q.end), None)
        subject = relative(source_token(trigger))
        lost_source = (
            subject is not None and not is_actor(subject) and not _text_source(trigger, subject)
        )
        if lost_source or (subject is not None and generic(subject)):
            subject = None  # "the plan will support…": not an actor
        object_ = relative(target_token(trigger))
        if object_ is not None and (
            object_ == subject or generic(object_) or bare_adjective(object_)
        ):
            object_ = None
        disputed = event_filters.dispute(trigger, subject, object_)
        if disputed == "none":
            return []
        source, target = self._actor(subject, quote), self._actor(object_, quote)
        if trigger.type == "ACCUSE" and object_ is not None:
            target = self._without_charge(object_, target)
        source, target = self._before(source, t_start), self._before(target, t_start)
        if source[1] is not None and source[1:3] == target[1:3]:
            target = _NO_ACTOR  # a pronoun and its antecedent are one actor
        elif source[3] is not None and source[3] == target[3]:
            # "They stormed the parliament": one entity on both sides means a stand-in
            # was resolved to the wrong name; the words the clause itself names win
            if subject is not None and subject.pos_ == "PRON":
                source = _NO_ACTOR
            elif object_ is not None and object_.pos_ == "PRON":
                target = _NO_ACTOR
        if trigger.type == "CONSULT" and pred.lemma_.lower() in ("host", "receive"):
            source, target = target, source  # the visitor is the source
        actors = [(a[1], a[2]) for a in (source, target) if a[1] is not None and a[2] is not None]
        start, end = self._clause(sent, trigger, [(t_start, t_end), *actors])
        status, own = event_status(trigger, _own_words(trigger), self.year)
        type_ = trigger.type
        trigger.mode = event_mode(trigger, list(self.doc[pred.left_edge.i : pred.right_edge.i + 1]))
        mode = trigger.mode
        if disputed == "ACCUSE":
            type_, mode = "ACCUSE", "disapprove"
        stance = None if predicted(trigger, status) else _single(trigger, status, own)
        if stance is not None:
            (type_, mode), status = stance, "happened"
        score = event_score(
            trigger.rule.weight, len(actors), trigger.depth, lost_source, status,
            stance is not None, disputed is not None,
        )  # fmt: skip
        event = Event(
            start, end, self.text[start:end], sent.start_char, sent.end_char,
            type_, mode, self.text[t_start:t_end], t_start, t_end,
            source[0], source[1], source[2], source[3],
            target[0], target[1], target[2], target[3], status, score, quote,
        )  # fmt: skip
        return [event]


def _own_words(trigger: Trigger) -> str:
    """The words of the trigger's own clause, without the clauses inside it (a year
    in "who was jailed in 2019" is not the year of what the main clause says)."""
    skip: set[int] = set()
    for token in trigger.pred.subtree:
        nested = token.dep_ in _OTHER_CLAUSES or token.dep_ == "acl"
        if nested and not any(t in trigger.tokens for t in token.subtree):
            skip.update(t.i for t in token.subtree)
    return " ".join(t.text for t in trigger.pred.subtree if t.i not in skip)


def _empty_vow(trigger: Trigger, dropped: set[int]) -> bool:
    """ "vowed to fight the budget": a promise whose content is no event is none either."""
    if trigger.pred.lemma_.lower() not in _PROMISE:
        return False
    return any(c.dep_ == "xcomp" and c.i in dropped for c in trigger.pred.children)


def _actor_noun(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (lemma in ACTOR_NOUNS or token.lower_ in ACTOR_NOUNS)


def _text_source(trigger: Trigger, subject: Token) -> bool:
    """ "The report calls on the government to…": a text may voice a stance."""
    texts = for_token(subject).actor_words("communicative")
    return trigger.type in plover.VERBAL and subject.lemma_.lower() in texts


def _bare_generic(token: Token) -> bool:
    """ "the group", "this country": a definite generic noun with nothing that names it."""
    if token.tag_ != "NN" or token.lemma_.lower() not in lex.GENERIC_ACTORS:
        return False
    dets = [c for c in token.children if c.dep_ == "det"]
    bare = all(c.dep_ in ("det", "punct") for c in token.children)
    return bare and bool(dets) and dets[0].lower_ in ("the", "this", "that")


def find_events(
    doc: Doc,
    entities: tuple[Entity, ...],
    quotes: tuple[Quote, ...],
    published: str | None = None,
    resolver: SpeakerResolver | None = None,
) -> tuple[Event, ...]:
    """PLOVER events of a parsed document, in text order (see the module docstring)."""
    return _Coder(doc, entities, quotes, published, resolver).run()


__all__ = ["STATUSES", "Event", "find_events"]
