"""PLOVER events (who did what to whom), coded with rules and lexicons on the parse.

Why rules: every event must point at the words that justify it, and an analyst
must be able to see why a sentence was coded as it was. Each step below can be
checked against the sentence; the ontology and lexicons are in ``plover``.

For each sentence:

1. **Triggers** (``plover.match_verb``): a verb typed by its object, a light
   verb carrying an event noun ("signed an agreement", "imposed a curfew", "10
   days of war games"), or a verb of the lexicon ("demanded", "calls on"). An
   event noun also counts as the subject of a verb of occurring ("clashes
   erupted", "discussions are ongoing") and after "put on", "went on", "placed
   under", "returned … for". "Willing/ready/committed to" is AGREE, and "X said
   Y must/should…" is X's REQUEST to Y. Exercises are COOPERATE when joint.
2. **Stance over content.** A trigger inside the clause of another ("threatened
   to impose a curfew", "calls on Trump to help") is ranked below it; "vowed to
   fight" is a THREATEN.
3. **Actors.** The source is the trigger's subject, found through control,
   raising and purpose clauses ("is set to meet"), relative pronouns and
   quantities ("thousands of students"); a pronoun takes the subject of the
   verb reporting its clause when they agree ("Hungary said it will…"). In the
   passive the agent is the source and the subject the target. The target is
   the object, the indirect object, the subject of a requested clause, or the
   object of an actor-bearing preposition (with, to, against, on…); the forces,
   diplomats or settlements a retreat or sanction moves are its theme, not its
   target. Only people, groups, places and institutions count: not dates or
   things ("the facility will support…" has no source). A phrase naming no
   actor ("the removal of President X") gives way to the name inside it.
   Phrases are cut to their noun phrase and linked to the entity whose mention
   lies inside; pronouns resolve as quote speakers do. For hosting the visitor
   is the source, as PLOVER's CONSULT says.
4. **Status**, first match wins: *negated* ("not", "no talks", "refused to",
   "failed to"); *hypothetical* (could/would/may/might/should/must, an
   "if"/"unless" clause, "potentially", the content of a request or threat);
   *planned* (will/shall, a reported "would", "is set to", "plans to", "is
   expected to", "scheduled", "upcoming", the content of an agreement);
   *historical* (past tense with a year two or more years before the reference
   year, as in "from 1999 to 2009", or "formerly"/"once"); *ongoing* (present
   progressive, "continue to", "still", "ongoing"); else *happened*. The
   reference year is the publication year, else the latest year in the text.
5. **Stances PLOVER reads into reported intentions** are added as second
   events on the same words: a cooperative action announced or offered on a
   condition is also an AGREE ("Israel will evacuate the settlements"), a
   conflict action announced or made conditional a THREATEN ("will boycott
   unless…"), a cooperative action explicitly not taken a REJECT ("will not
   accept"); never for the content of a request, threat or promise.
6. **Confidence**: the lexicon weight, plus 0.05 per actor found, minus 0.2
   per trigger above it, 0.3 when negated, 0.1 when hypothetical and 0.15
   when its subject is not an actor; the added stance gets 0.05 more than its
   action's confidence before the status penalty. Clamped to [0.05, 0.99].

An event whose trigger lies inside a quote's span points at that quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ..models import EVENT_STATUSES, Entity, Event, Quote
from . import plover
from .attribution import CUE_VERBS, _subject
from .speakers import INSTITUTION_NOUNS, PERSON_NOUNS, SpeakerResolver

STATUSES = EVENT_STATUSES


@dataclass
class _Trigger:
    rule: plover.Rule
    tokens: list[Token]
    pred: Token  # the clause's verb (or adjective): subject, auxiliaries, status
    noun: Token | None = None
    occurring: bool = False  # the noun is the subject of a verb of occurring
    target_from: Token | None = None  # "X says Y must…": the addressee
    governor: _Trigger | None = None
    content: bool = False  # what the governor says, asks or promises
    depth: float = 0.0
    type: str = ""
    mode: str | None = None
    embedded: list[_Trigger] = field(default_factory=list)


_TARGET_PREPS = frozenset("with to against on at from toward towards into upon over".split())
_ACTOR_NOUNS = PERSON_NOUNS | INSTITUTION_NOUNS | plover.GROUP_NOUNS
_AGENT_ENDINGS = ("ers", "ors", "ists", "ians", "men", "ants", "ents", "ees")
_ENTITY_TYPES = frozenset("PERSON ORG GPE NORP LOC FAC".split())
_NOT_ACTOR_ENTS = frozenset("DATE TIME CARDINAL ORDINAL MONEY PERCENT QUANTITY".split())
_THEME_TYPES = frozenset("RETREAT SANCTION MOBILIZE AID".split())
_PRONOUNS = frozenset("he she it they we".split())
_PROMISE = frozenset("vow promise pledge warn swear".split())
_VERDICT_VERBS = CUE_VERBS | frozenset("conclude decide rule recommend find".split())
_HYP_AUX = frozenset("could would might may should must ought".split())
_FUTURE_AUX = frozenset("will shall 'll wo".split())
_PLAN_ADJ = frozenset("upcoming planned scheduled forthcoming future next proposed".split())
_ONGOING_WORDS = frozenset("ongoing underway continuing still".split())
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")
_STATUS_PENALTY = {"negated": 0.3, "hypothetical": 0.1}
_DROP_LEFT = frozenset("the a an this that these those".split())
_QUOTE_MARKS = frozenset("\"“”'‘’")
_OTHER_CLAUSES = frozenset("ccomp advcl parataxis relcl".split())
_Pair = tuple[int, int]
_Actor = tuple[str | None, int | None, int | None, str | None]
_NO_ACTOR: _Actor = (None, None, None, None)
_LOOSE_ENDS = frozenset("VERB ADP CCONJ PART DET AUX".split())
_CUT_DEPS = frozenset("relcl appos advcl punct parataxis ccomp".split())
_TRIM = " \t\n,;:.—–-\"“”'"
_MAX_ACTOR_TOKENS = 12


def _agent(pred: Token) -> Token | None:
    """The subject of ``pred``, through control, raising, purpose and "committed to" clauses."""
    token = pred
    for _ in range(4):
        subject = _subject(token)
        if subject is not None:
            return subject
        head = token.head
        while head.i != head.head.i and head.pos_ in ("ADP", "ADJ", "PART"):
            head = head.head
        if head.i == token.i or token.dep_ not in ("pcomp", "acomp", "xcomp", "advcl", "prep"):
            return None
        token = head
    return None


def _antecedent(pronoun: Token) -> Token | None:
    """ "Hungary has said it will…": the subject of the verb that reports the pronoun's clause."""
    clause = pronoun.head
    while clause.dep_ in ("xcomp", "conj", "aux") and clause.head.i != clause.i:
        clause = clause.head
    reporter = _subject(clause.head) if clause.dep_ == "ccomp" else None
    if reporter is None or reporter.pos_ == "PRON":
        return None
    plural = reporter.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in reporter.children)
    person = reporter.ent_type_ == "PERSON" or reporter.lemma_.lower() in PERSON_NOUNS
    fits = {"they": plural, "we": True, "it": not plural and not person}
    return reporter if fits.get(pronoun.lower_, person) else None


def _light_span(verb: Token, noun: Token) -> list[Token]:
    """ "signed an agreement": the verb through the noun, with a closing quote mark."""
    first, last = sorted((verb, noun), key=lambda t: t.i)
    if last.i - first.i > 4:
        return [noun]
    doc = verb.doc
    tokens = list(doc[first.i : last.i + 1])
    opened = sum(t.text in _QUOTE_MARKS for t in tokens) % 2 == 1
    if opened and last.i + 1 < len(doc) and doc[last.i + 1].text in _QUOTE_MARKS:
        tokens.append(doc[last.i + 1])
    return tokens


def _joint(noun: Token, pred: Token) -> bool:
    """Exercises with a partner ("joint", "with X", conjoined actors) are cooperation."""
    if any(c.lower_ in ("joint", "combined", "bilateral") for c in noun.lefts):
        return True
    if any(c.dep_ == "prep" and c.lower_ == "with" for h in (noun, pred) for c in h.children):
        return True
    subject = _subject(pred)
    return subject is not None and any(t.dep_ == "conj" for t in subject.subtree)


def _triggers(sent: Span) -> list[_Trigger]:
    found: list[_Trigger] = []
    used: set[int] = set()

    def add(trigger: _Trigger) -> None:
        if not any(t.i in used for t in trigger.tokens):
            used.update(t.i for t in trigger.tokens)
            found.append(trigger)

    for token in sent:
        head = token.head
        if token.dep_ == "amod":  # "US-backed forces", "armed groups": descriptions
            continue
        if token.pos_ == "VERB" and (match := plover.match_verb(token)) is not None:
            rule, noun = match
            if noun is None:
                add(_Trigger(rule, [token, *(c for c in token.children if c.dep_ == "prt")], token))
                continue
            if noun.lemma_.lower() in plover.JOINT_NOUNS and _joint(noun, token):
                rule = plover.Rule("COOPERATE", None, rule.weight)
            add(_Trigger(rule, _light_span(token, noun), token, noun))
        elif token.pos_ == "ADJ" and token.lower_ in plover.READY_ADJECTIVES:
            if any(c.dep_ == "xcomp" or c.lower_ == "to" for c in token.children):
                pred = head if token.dep_ == "acomp" else token
                add(_Trigger(plover.Rule("AGREE", None, 0.75), [token], pred))
        elif token.pos_ == "NOUN" and (by_noun := plover.noun_rule(token)) is not None:
            rule = by_noun
            if head.i == token.i:
                continue
            xcomps = [c for c in head.children if c.dep_ == "xcomp"]  # "talks are set to resume"
            occur = [v for v in (head, *xcomps) if v.lemma_.lower() in plover.OCCUR_VERBS]
            if token.dep_ in ("nsubj", "nsubjpass") and (
                occur or any(c.lower_ in _ONGOING_WORDS for c in head.children)
            ):
                add(_Trigger(rule, [token], (occur or [head])[-1], token, occurring=True))
            verbs, nouns = plover.PREP_VERBS.get(head.lower_, (frozenset(), frozenset()))
            if token.dep_ == "pobj" and head.head.lemma_.lower() in verbs and token.lemma_ in nouns:
                add(_Trigger(rule, list(sent.doc[head.head.i : token.i + 1]), head.head, token))
    return found + _must_requests(sent, used)


def _must_requests(sent: Span, used: set[int]) -> list[_Trigger]:
    """ "X said (that) Y must/should do Z": X requests Z of Y."""
    found = []
    for cue in sent:
        if cue.pos_ != "VERB" or cue.lemma_.lower() not in _VERDICT_VERBS:
            continue
        speaker = _subject(cue)
        for clause in (c for c in cue.children if c.dep_ == "ccomp"):
            modals = [c for c in clause.children if c.lower_ in ("must", "should")]
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not modals or not subjects or speaker is None or modals[0].i in used:
                continue
            if subjects[0].lower_ in ("it", "we", "i") or subjects[0].text == speaker.text:
                continue
            used.add(modals[0].i)
            rule = plover.Rule("REQUEST", None, 0.75)
            found.append(_Trigger(rule, [modals[0]], cue, target_from=subjects[0]))
    return found


def _govern(triggers: list[_Trigger]) -> None:
    """Link each trigger to the nearest trigger whose clause governs it; type the stances."""
    by_pred: dict[int, _Trigger] = {}
    for trigger in triggers:
        by_pred.setdefault(trigger.pred.i, trigger)
        trigger.type, trigger.mode = trigger.rule.type, trigger.rule.mode
    for trigger in triggers:
        if trigger.target_from is not None:
            continue
        for ancestor in trigger.pred.ancestors:
            owner = by_pred.get(ancestor.i)
            if owner is not None and owner is not trigger:
                trigger.governor = owner
                trigger.content = trigger.pred.dep_ in ("xcomp", "ccomp", "pcomp")
                owner.embedded.append(trigger)
                break
    for trigger in triggers:
        up, hops = trigger, 0
        while up.governor is not None and hops < 5:
            up, hops = up.governor, hops + 1
        trigger.depth = 0.2 * hops
        promised = any(e.rule.type in plover.CONFLICT for e in trigger.embedded)
        if trigger.type == "AGREE" and trigger.pred.lemma_.lower() in _PROMISE and promised:
            trigger.type = "THREATEN"  # "vowed to fight"


def _mode(trigger: _Trigger, clause: list[Token]) -> str | None:
    """The rule's mode, or one read off the clause's words (THREATEN: the action's)."""
    type_, mode = trigger.type, trigger.rule.mode
    if type_ == "THREATEN":
        inner = [e for e in trigger.embedded if e.type in plover.CONFLICT]
        return _threat_mode(inner[0]) if inner else mode
    table = plover.MODE_WORDS.get(type_, {})
    words = [w for t in clause for w in (t.lemma_.lower(), t.lower_)]
    if type_ == "ASSAULT" and "suicide" in words:
        return "suicide-attack"
    own = [w for t in trigger.tokens for c in t.lefts for w in (c.lemma_.lower(), c.lower_)]
    if type_ == "ASSAULT" and any(w in table for w in own):  # "artillery fire"
        return next(table[w] for w in own if w in table)
    if mode is not None and type_ != "PROTEST":
        return mode
    return next((table[w] for w in words if w in table), mode)


def _threat_mode(action: _Trigger) -> str | None:
    modes = plover.THREAT_MODES
    return modes.get(action.mode or "") or modes.get(action.type)


def _is_actor(token: Token) -> bool:
    """People, groups, places and institutions; not dates, amounts or things."""
    if token.ent_type_ in _NOT_ACTOR_ENTS or token.lower_ in plover.TIME_WORDS:
        return False
    if token.pos_ in ("PROPN", "PRON") or token.ent_type_ in _ENTITY_TYPES:
        return True
    if token.lemma_.lower() in _ACTOR_NOUNS or token.lower_ in _ACTOR_NOUNS:
        return True
    if token.tag_ == "NNS" and token.lower_.endswith(_AGENT_ENDINGS):
        return True
    return any(
        c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in _ENTITY_TYPES for c in token.lefts
    )


def _phrase(token: Token) -> tuple[int, int]:
    """The noun phrase of ``token``: no relative clauses, appositions or loose preps."""
    keep, stack = {token.i}, [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            loose = child.dep_ == "prep" and (
                child.lower_ not in ("of", "in", "from") or current.pos_ == "PROPN"
            )
            hyphen = child.text in ("-", "/") and not child.whitespace_  # "US-backed"
            if (child.dep_ not in _CUT_DEPS or hyphen) and not loose:
                keep.add(child.i)
                stack.append(child)
    first = last = token.i
    while first - 1 in keep:
        first -= 1
    while last + 1 in keep:
        last += 1
    doc = token.doc
    while first < token.i and (doc[first].lower_ in _DROP_LEFT or doc[first].is_punct):
        first += 1
    while last > token.i and (doc[last].is_punct or doc[last].pos_ in _LOOSE_ENDS):
        last -= 1  # "fighters allied (to …)", "Begum('s)"
    if last - first + 1 > _MAX_ACTOR_TOKENS:
        last = token.i
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _named_inside(token: Token) -> Token | None:
    """An actor named inside a phrase that is not one (after "that" in a misparsed clause)."""
    subtree = list(token.subtree)
    mark = next((t for t in subtree if t.lower_ == "that" and t.dep_ == "mark"), None)
    for t in subtree:
        named = t.ent_type_ in _ENTITY_TYPES or t.pos_ == "PROPN"
        if (mark is None or t.i > mark.i) and named and t.pos_ in ("PROPN", "NOUN", "ADJ"):
            if not _is_actor(t):
                continue
            while t.dep_ in ("compound", "flat") and t.head.i > t.i:
                t = t.head
            return t
    return None


def _passive(pred: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in pred.children)


def _source_token(trigger: _Trigger) -> Token | None:
    pred, noun = trigger.pred, trigger.noun
    if trigger.occurring and noun is not None:
        for child in noun.children:
            if child.dep_ == "poss" or (child.dep_ == "amod" and child.ent_type_ == "NORP"):
                return child
            if child.dep_ == "prep" and child.lower_ in ("by", "between"):
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        return None
    if _passive(pred):
        agents = [c for a in pred.children if a.dep_ == "agent" for c in a.children]
        return next((c for c in agents if c.dep_ == "pobj"), None)
    subject = _agent(pred)
    for _ in range(3):  # "tens of thousands of students"
        if subject is None or not (subject.lower_ in plover.QUANTITIES or subject.like_num):
            break
        of = [p for c in subject.children if c.lower_ == "of" for p in c.children]
        if not of:
            break
        subject = of[0]
    if subject is not None and subject.lower_ in _PRONOUNS:
        subject = _antecedent(subject) or subject
    return None if subject is not None and subject.lower_ == "there" else subject


def _target_token(trigger: _Trigger) -> Token | None:
    if trigger.target_from is not None:
        return trigger.target_from
    pred, noun = trigger.pred, trigger.noun
    candidates: list[Token] = []
    if _passive(pred) and not trigger.occurring:
        candidates += [c for c in pred.children if c.dep_ == "nsubjpass" and c is not noun]
    candidates += [c for c in pred.children if c.dep_ in ("dobj", "dative") and c is not noun]
    if trigger.type in ("REQUEST", "ACCUSE", "REJECT"):
        clauses = [c for c in pred.children if c.dep_ == "ccomp"]
        candidates += [s for c in clauses for s in c.children if s.dep_ == "nsubj"]
    for head in (noun, pred):
        preps = [c for c in head.children if c.dep_ == "prep"] if head is not None else []
        candidates += [o for p in preps if p.lower_ in _TARGET_PREPS for o in p.children]
    candidates = [c for c in candidates if c.dep_ != "prep"]
    if trigger.type in _THEME_TYPES:
        themes = [c for c in candidates if c.lemma_.lower() in plover.THEMES]
        candidates = [c for c in candidates if c not in themes] + themes
    for candidate in candidates:
        clause_like = any(t.dep_ == "mark" for t in candidate.subtree)
        if _is_actor(candidate) and candidate.lower_ != "it" and not clause_like:
            return candidate
    for candidate in candidates:
        if (named := _named_inside(candidate)) is not None:
            return named
    for token in pred.subtree:  # "protested … against the minister"
        if token.lower_ == "against" and token.dep_ == "prep":
            objects = [c for c in token.children if c.dep_ == "pobj" and _is_actor(c)]
            if objects:
                return objects[0]
    inner = [e for e in trigger.embedded if e.content and e.type != trigger.type]
    return next((t for e in inner if (t := _target_token(e)) is not None), None)


def _derived(trigger: _Trigger, status: str, own: bool) -> tuple[str, str | None] | None:
    """The stance PLOVER reads into a reported intention (step 5 of the module docstring)."""
    governor = trigger.governor
    if governor is not None and trigger.content and governor.type in plover.VERBAL:
        return None
    if trigger.type in plover.COOPERATIVE | {"AGREE"} and status == "negated" and own:
        return "REJECT", None
    if status == "planned" or (status == "hypothetical" and own):
        if trigger.type in plover.COOPERATIVE:
            return "AGREE", None
        if trigger.type in plover.CONFLICT:
            return "THREATEN", _threat_mode(trigger)
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
        self.doc, self.text, self.quotes = doc, doc.text, quotes
        self.resolver = resolver or SpeakerResolver(doc, self.text, entities)
        self.mentions = sorted(
            ((m.start, m.end, e) for e in entities for m in e.mentions if e.type in _ENTITY_TYPES),
            key=lambda found: (found[0], found[1]),
        )
        years = [int(y) for y in _YEAR.findall(self.text)]
        self.year: int | None = max(years) if years else None
        if year and year[:4].isdigit():
            self.year = int(year[:4])

    def run(self) -> tuple[Event, ...]:
        events: list[Event] = []
        for sent in self.doc.sents:
            triggers = _triggers(sent)
            _govern(triggers)
            for trigger in sorted(triggers, key=lambda t: -t.depth):  # content before stance
                events.extend(self._events(sent, trigger))
        return tuple(sorted(events, key=lambda e: (e.sentence_start, e.trigger_start, e.type)))

    def _actor(self, token: Token | None) -> _Actor:
        if token is not None and token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl":
            token = token.head.head  # "who was killed": the person the clause is about
        if token is None:
            return _NO_ACTOR
        start, end = _phrase(token)
        inside = [m for m in self.mentions if start <= m[0] and m[1] <= end]
        inside = [m for m in inside if m[0] <= token.idx < m[1]] or inside
        entity_id = inside[-1][2].id if inside else None
        if entity_id is None and token.pos_ == "PRON":
            speaker = self.resolver.resolve(token)
            entity_id = speaker.entity_id if speaker is not None else None
        return self.text[start:end], start, end, entity_id

    def _status(self, trigger: _Trigger, clause_text: str) -> tuple[str, bool]:
        """The status, and whether the trigger's own words made it: an explicit "not" or
        "failed to", or an "if"/"unless" condition (not a governing verb)."""
        pred, noun = trigger.pred, trigger.noun
        chain = [pred]
        while len(chain) < 5 and (
            chain[-1].dep_ in ("xcomp", "conj", "acomp")
            or (chain[-1].dep_ == "advcl" and any(c.tag_ == "TO" for c in chain[-1].children))
        ):
            chain.append(chain[-1].head)
        governors = {w for t in chain[1:] for w in (t.lemma_.lower(), t.lower_)}
        if trigger.governor is not None and trigger.content:
            governors |= {trigger.governor.pred.lemma_.lower(), trigger.governor.rule.type}
        children = [c for t in chain for c in t.children]
        aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
        words = {c.lower_ for c in children + (list(noun.children) if noun is not None else [])}
        explicit = any(c.dep_ == "neg" for c in children) or "fail" in governors
        explicit = explicit or (noun is not None and bool(words & {"no", "never"}))
        if explicit or governors & plover.NEG_GOVERNORS:
            return "negated", explicit
        marks = {m.lower_ for c in children for m in c.children if m.dep_ == "mark"}
        conditional = any(c.dep_ == "advcl" for c in children) and bool(marks & {"if", "unless"})
        own_marks = {c.lower_ for c in children if c.dep_ == "mark"}
        reported_future = "would" in aux and chain[-1].dep_ == "ccomp"  # "said they would"
        if (
            (aux & _HYP_AUX and not reported_future)
            or conditional
            or own_marks & {"if", "unless", "whether"}
            or words & {"potentially", "possibly", "perhaps", "maybe"}
            or governors & plover.HYP_GOVERNORS
            or any(a.lower_ in ("if", "unless") for a in list(pred.ancestors)[:4])
        ):
            return "hypothetical", conditional
        planned = governors & plover.PLAN_GOVERNORS or words & _PLAN_ADJ
        if aux & _FUTURE_AUX or reported_future or planned:
            return "planned", False
        past = pred.tag_ in ("VBD", "VBN") or aux & {"had", "was", "were", "did"}
        years = [int(y) for y in _YEAR.findall(clause_text)]
        long_ago = self.year is not None and bool(years) and max(years) <= self.year - 2
        if past and (long_ago or words & {"formerly", "once"}):
            return "historical", False
        progressive = pred.tag_ == "VBG" and aux & {"is", "are", "am", "'s", "'re", "been"}
        if progressive or governors & {"continue", "keep", "remain"} or words & _ONGOING_WORDS:
            return "ongoing", False
        return "happened", False

    def _clause(self, sent: Span, trigger: _Trigger, spans: list[_Pair]) -> _Pair:
        """The trigger's clause without other clauses, stretched over its actors."""
        tokens = [trigger.pred]
        for child in trigger.pred.children:
            inside = any(t in trigger.tokens for t in child.subtree)
            other_verb = child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")
            if inside or (child.dep_ not in _OTHER_CLAUSES and not other_verb):
                tokens.extend(child.subtree)
        spans = [*spans, *((t.idx, t.idx + len(t.text)) for t in tokens)]
        start = max(min(s for s, _ in spans), sent.start_char)
        end = min(max(e for _, e in spans), sent.end_char)
        while start < end and self.text[start] in _TRIM:
            start += 1
        while end > start and self.text[end - 1] in _TRIM.replace(".", ""):
            end -= 1
        return start, end

    def _events(self, sent: Span, trigger: _Trigger) -> list[Event]:
        pred = trigger.pred
        source_token = _source_token(trigger)
        lost_source = source_token is not None and not _is_actor(source_token)
        if lost_source:
            source_token = None  # "the facility will support…": not an actor
        target_token = _target_token(trigger)
        if target_token is not None and target_token == source_token:
            target_token = None
        source, target = self._actor(source_token), self._actor(target_token)
        if trigger.type == "CONSULT" and pred.lemma_.lower() in ("host", "receive"):
            source, target = target, source  # the visitor is the source
        t_start = min(t.idx for t in trigger.tokens)
        t_end = max(t.idx + len(t.text) for t in trigger.tokens)
        actors = [(a[1], a[2]) for a in (source, target) if a[1] is not None and a[2] is not None]
        start, end = self._clause(sent, trigger, [(t_start, t_end), *actors])
        status, own = self._status(trigger, self.text[start:end])
        trigger.mode = _mode(trigger, list(self.doc[pred.left_edge.i : pred.right_edge.i + 1]))
        confidence = trigger.rule.weight + 0.05 * len(actors) - trigger.depth - 0.15 * lost_source
        quote = next((i for i, q in enumerate(self.quotes) if q.start <= t_start < q.end), None)
        event = Event(
            start, end, self.text[start:end], sent.start_char, sent.end_char,
            trigger.type, trigger.mode, self.text[t_start:t_end], t_start, t_end,
            source[0], source[1], source[2], source[3], target[0], target[1], target[2], target[3],
            status, _clamp(confidence - _STATUS_PENALTY.get(status, 0.0)), quote,
        )  # fmt: skip
        derived = _derived(trigger, status, own)
        if derived is None:
            return [event]
        type_, mode = derived
        stance = _clamp(confidence + 0.05)
        return [event, replace(event, type=type_, mode=mode, status="happened", confidence=stance)]


def _clamp(confidence: float) -> float:
    return round(min(0.99, max(0.05, confidence)), 3)


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
