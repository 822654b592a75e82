"""Event triggers of a sentence: the words that signal a PLOVER type, and how they nest.

Steps 1 and 2 of ``events``: find the triggers (a verb typed by its object, a
light verb carrying an event noun, an event noun occurring, "ready to", "X
said Y must…"), then link each to the trigger whose clause governs it, so
that a stance outranks its content and "vowed to fight" reads as a threat.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from . import event_lexicon as lex
from . import plover
from .attribution import CUE_VERBS, _subject
from .event_language import for_token

_QUOTE_MARKS = frozenset("\"“”'‘’")
_NONE: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
_STANDALONE_DISCOUNT = 0.2
_PROMISE = frozenset("vow promise pledge warn swear".split())
_VERDICT_VERBS = CUE_VERBS | frozenset("conclude decide rule recommend find".split())


@dataclass
class Trigger:
    rule: plover.Rule
    tokens: list[Token]
    pred: Token  # the clause's verb (or adjective): subject, auxiliaries, status
    noun: Token | None = None
    occurring: bool = False  # the noun is the subject of a verb of occurring
    target_from: Token | None = None  # "X says Y must…": the addressee
    governor: Trigger | None = None
    content: bool = False  # what the governor says, asks or promises
    depth: float = 0.0
    type: str = ""
    mode: str | None = None
    embedded: list[Trigger] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.type = self.type or self.rule.type
        self.mode = self.mode or self.rule.mode


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
    lang = for_token(noun)
    if any(c.lower_ in lang.word("joint_words") for c in noun.children if c.i < noun.i):
        return True
    partners = lang.word("with_words")
    if any(lang.roles.preposition_words(h) & partners for h in (noun, pred)):
        return True
    subject = _subject(pred)
    return subject is not None and any(t.dep_ == "conj" for t in subject.subtree)


def _via(token: Token) -> tuple[str, Token] | None:
    """A noun in a prepositional phrase: the preposition and the word the phrase hangs
    from ("put under arrest", "puesto bajo arresto")."""
    roles = for_token(token).roles
    if token.dep_ in roles.preposition_object:
        return token.head.lower_, token.head.head
    if token.dep_ in roles.oblique and (word := roles.preposition_of(token)) is not None:
        return word, token.head
    return None


def find_triggers(sent: Span) -> list[Trigger]:
    found: list[Trigger] = []
    used: set[int] = set()

    def add(trigger: Trigger) -> None:
        # "the massacre killed 119": the verb of an event noun is that event, not another
        same = trigger.noun is None and any(
            f.occurring and f.pred.i == trigger.pred.i for f in found
        )
        if not same and not any(t.i in used for t in trigger.tokens):
            used.update(t.i for t in trigger.tokens)
            found.append(trigger)

    lang = for_token(sent.root)
    roles = lang.roles
    for token in sent:
        head = token.head
        if token.dep_ == "amod":  # "US-backed forces", "armed groups": descriptions
            continue
        if token.pos_ == "VERB" and (match := plover.match_verb(token)) is not None:
            rule, noun = match
            if noun is None:
                add(Trigger(rule, [token, *(c for c in token.children if c.dep_ == "prt")], token))
                continue
            if noun.lemma_.lower() in lang.word("joint_nouns") and _joint(noun, token):
                rule = plover.Rule("COOPERATE", None, rule.weight)
            add(Trigger(rule, _light_span(token, noun), token, noun))
        elif token.pos_ == "ADJ" and token.lower_ in lang.word("ready_adjectives"):
            if any(c.dep_ == "xcomp" or c.lower_ == "to" for c in token.children):
                pred = head if token.dep_ == "acomp" else token
                add(Trigger(plover.Rule("AGREE", None, 0.75), [token], pred))
        elif token.pos_ == "NOUN" and (by_noun := plover.noun_rule(token)) is not None:
            rule = by_noun
            if head.i == token.i:
                continue
            # "talks are set to resume"
            xcomps = [c for c in head.children if c.dep_ in roles.open_complement]
            occurring, ongoing = lang.word("occur_verbs"), lang.status_words("ongoing_words")
            occur = [v for v in (head, *xcomps) if v.lemma_.lower() in occurring]
            if token.dep_ in roles.subject | roles.passive_subject and (
                occur or any(c.lower_ in ongoing for c in head.children)
            ):
                add(Trigger(rule, [token], (occur or [head])[-1], token, occurring=True))
            via = _via(token)
            verbs, nouns = lang.prep_verbs.get(via[0], _NONE) if via else _NONE
            if via and via[1].lemma_.lower() in verbs and token.lemma_ in nouns:
                verb = via[1]
                add(Trigger(rule, list(sent.doc[verb.i : token.i + 1]), verb, token))
    # The two passes below read word lists a language may leave empty (English does):
    # then they are skipped, as they would find nothing.
    standalone_nouns = lang.word("standalone_nouns")
    for token in sent if standalone_nouns else ():
        standalone = _standalone(token, standalone_nouns)
        if standalone is None or token.i in used:
            continue
        if not any(f.pred.i == token.head.i and _types(f.pred, token) for f in found):
            add(Trigger(standalone, [token], token, token, occurring=True))
    headline = _headline(sent) if lang.word("verb_endings") else set()
    if headline:
        for token in sent:
            by_form = _headline_rule(token) if token.i in headline - used else None
            if by_form is not None:
                noun = token if by_form[1] else None
                add(Trigger(by_form[0], [token], token, noun, occurring=by_form[1]))
    return found + _must_requests(sent, used)


def _headline(sent: Span) -> set[int]:
    """The words of a headline in capitals ("POLICÍA DETIENE A TRES SOSPECHOSOS"): runs
    of at least three words in capitals, which the model lemmatises and tags as names,
    so their triggers are found by form."""
    found: set[int] = set()
    run: list[int] = []
    for token in [*sent, None]:
        if token is not None and token.is_alpha and token.is_upper:
            run.append(token.i)
            continue
        if len(run) >= 3:
            found.update(run)
        run = []
    return found


def _headline_rule(token: Token) -> tuple[plover.Rule, bool] | None:
    """The rule of a capitalised word by its form: a verb form whose infinitive the
    lexicon lists (the language's ``verb_endings`` replaced by ``infinitive_endings``:
    "DETIENEN" is no match, "PROTESTAN" is "protestar"), else an event noun, singular
    by ``plural_endings``; with whether it is a noun. None where the language lists no
    endings."""
    lang = for_token(token)
    endings = lang.word("verb_endings")
    if not endings or not token.is_alpha or len(token.text) < 3:
        return None
    word = token.lower_
    forms = [word]
    for ending in sorted(endings, key=len, reverse=True):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            forms += [word[: -len(ending)] + inf for inf in sorted(lang.word("infinitive_endings"))]
    verb = next((lang.verbs[f] for f in forms if f in lang.verbs), None)
    if verb is not None:
        return verb, False
    singulars = [word] + [
        word[: -len(e)] for e in sorted(lang.word("plural_endings")) if word.endswith(e)
    ]
    noun = next((lang.nouns[f] for f in singulars if f in lang.nouns), None)
    if noun is None:
        return None
    return plover.Rule(noun.type, noun.mode, round(noun.weight - _STANDALONE_DISCOUNT, 3)), True


def _types(verb: Token, noun: Token) -> bool:
    """ "firmaron un acuerdo": the noun is the object that gave the verb its type."""
    rules = for_token(verb).object_rules.get(verb.lemma_.lower(), [])
    return any(noun.lemma_.lower() in words for words, rule in rules if rule.type != "NONE")


def _standalone(token: Token, nouns: frozenset[str]) -> plover.Rule | None:
    """A noun that names an event wherever it stands ("la protesta", "el allanamiento"),
    where the language's ``standalone_nouns`` lists it. It is its own predicate, and
    ranks below a verb's trigger or a light verb's noun (its weight less
    ``_STANDALONE_DISCOUNT``): a verb that governs it ("reprimieron la marcha") says
    more about what was done."""
    if not nouns or token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "amod":
        return None
    rule = plover.noun_rule(token)
    if rule is None or token.lemma_.lower() not in nouns:
        return None
    return plover.Rule(rule.type, rule.mode, round(rule.weight - _STANDALONE_DISCOUNT, 3))


def _must_requests(sent: Span, used: set[int]) -> list[Trigger]:
    """ "X said (that) Y must/should do Z": X requests Z of Y."""
    found = []
    for cue in sent:
        if cue.pos_ != "VERB" or cue.lemma_.lower() not in _VERDICT_VERBS:
            continue
        speaker = _subject(cue)
        for clause in _said_clauses(cue):
            modals = [c for c in clause.children if c.lower_ in ("must", "should")]
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not modals or not subjects or speaker is None or modals[0].i in used:
                continue
            if subjects[0].lower_ in ("it", "we", "i") or subjects[0].text == speaker.text:
                continue
            used.add(modals[0].i)
            rule = plover.Rule("REQUEST", None, 0.75)
            found.append(Trigger(rule, [modals[0]], cue, target_from=subjects[0]))
    return found


def _said_clauses(cue: Token) -> list[Token]:
    """What a verb of saying reports: its clause, also when the parse hangs it on the
    medium ("said in a statement that Y must…")."""
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    media = [g for c in cue.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for medium in media:
        clauses += [
            c
            for c in medium.children
            if c.dep_ == "acl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ]
    return clauses


def govern(triggers: list[Trigger]) -> None:
    """Link each trigger to the nearest trigger whose clause governs it; type the stances."""
    by_pred: dict[int, Trigger] = {}
    for trigger in triggers:
        by_pred.setdefault(trigger.pred.i, trigger)
        trigger.type, trigger.mode = trigger.rule.type, trigger.rule.mode
    for trigger in triggers:
        if trigger.target_from is not None:
            continue
        for ancestor in trigger.pred.ancestors:
            owner = by_pred.get(ancestor.i)
            if owner is None and ancestor.lemma_.lower() in CUE_VERBS:
                break  # "denied X and said Y met Z": what is said is the speaker's, not denied
            if owner is not None and owner is not trigger:
                trigger.governor = owner
                trigger.content = trigger.pred.dep_ in ("xcomp", "ccomp", "pcomp") or _inside(
                    trigger.pred, owner.pred
                )
                owner.embedded.append(trigger)
                break
    for trigger in triggers:
        owner = trigger.governor
        material = owner is not None and owner.type not in plover.VERBAL | {"PROTEST"}
        if owner is not None and material and trigger.type == "PROTEST" and _in_protest(trigger):
            # "se retiró para protestar", "renunció como protesta": the act was the protest
            owner.rule = plover.Rule("PROTEST", None, owner.rule.weight)
            owner.type, owner.mode = "PROTEST", None
    for trigger in triggers:
        up, hops = trigger, 0
        while up.governor is not None and hops < 5:
            up, hops = up.governor, hops + 1
        trigger.depth = 0.2 * hops
        promised = any(e.rule.type in plover.CONFLICT for e in trigger.embedded)
        vow = trigger.type == "AGREE" and trigger.pred.lemma_.lower() in _PROMISE
        if vow and (promised or _hostile(trigger.pred)):
            trigger.type = "THREATEN"  # "vowed to fight", "pledged to crush the revolt"


def _in_protest(trigger: Trigger) -> bool:
    """A protest that says what another act was for, by the language's
    ``protest_purposes`` words: "para protestar", "como protesta", "en protesta", "en
    señal de protesta" (a head among ``purpose_heads``)."""
    lang = for_token(trigger.pred)
    words, heads = lang.word("protest_purposes"), lang.word("purpose_heads")
    if not words:
        return False
    pred = trigger.noun or trigger.pred
    if heads and pred.head.lemma_.lower() in heads and pred.head.i != pred.i:
        pred = pred.head
    marks = {c.lower_ for c in pred.children if c.dep_ in lang.roles.mark}
    return bool(marks & words) or lang.roles.preposition_of(pred) in words


def _inside(pred: Token, owner: Token) -> bool:
    """ "pressed the UK to do more to hand over exiles": deeper in what is asked for,
    promised or threatened is still its content."""
    path: list[Token] = []
    up = pred
    while up.i != owner.i and up.head.i != up.i and len(path) < 8:
        path.append(up)
        up = up.head
    if up.i != owner.i or any(t.dep_ in ("relcl", "acl") for t in path):
        return False  # "asked them to free the men who were captured": a fact, described
    return bool(path) and path[-1].dep_ in ("xcomp", "ccomp")


def _hostile(pred: Token) -> bool:
    """A promise whose content, through "continue to" or "would", is a hostile action
    that the lexicon types no event of its own ("vowed to clear the rebels from the
    border", "swore he would crush them"): a vow to harm someone is a threat, as PLOVER
    reads it, whatever the verb."""
    stack, seen = [pred], 0
    while stack and seen < 6:
        verb = stack.pop()
        seen += 1
        for child in verb.children:
            if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
                if child.lemma_.lower() in lex.HOSTILE_ACTIONS:
                    return True
                stack.append(child)
    return False


def event_mode(trigger: Trigger, clause: list[Token]) -> str | None:
    """The rule's mode, or one read off the clause's words (THREATEN: the action's)."""
    type_, mode = trigger.type, trigger.rule.mode
    if type_ == "THREATEN":
        inner = [e for e in trigger.embedded if e.type in plover.CONFLICT]
        return threat_mode(inner[0]) if inner else mode
    table = for_token(trigger.pred).mode_words.get(type_, {})
    words = [w for t in clause for w in (t.lemma_.lower(), t.lower_)]
    if type_ == "ASSAULT" and "suicide" in words:
        return "suicide-attack"
    own = [w for t in trigger.tokens for c in t.lefts for w in (c.lemma_.lower(), c.lower_)]
    if type_ == "ASSAULT" and any(w in table for w in own):  # "artillery fire"
        return next(table[w] for w in own if w in table)
    if mode is not None and type_ != "PROTEST":
        return mode
    return next((table[w] for w in words if w in table), mode)


def threat_mode(action: Trigger) -> str | None:
    modes = plover.THREAT_MODES
    return modes.get(action.mode or "") or modes.get(action.type)
