"""An event's status: whether the text says it happened, and if not, what it says instead.

Step 4 of ``events``, first match wins:

- *negated*: "not", "never", "no talks", "no one was arrested", "without
  signing", "refused to", "failed to";
- *hypothetical*: could/would/may/might/should/must, a condition ("if",
  "unless", "whenever", "in case"), "potentially", the content of a request,
  threat or fear ("fears of an attack", "to prevent attacks"), or a habit or
  generalisation ("gangs often kidnap…", "police usually arrest…");
- *planned*: will/shall, a reported "would", "is set to", "plans to", "is
  expected to", "scheduled", "upcoming", the content of an agreement;
- *historical*: past tense with a year two or more years before the reference
  year, or "formerly"/"once";
- *ongoing*: present progressive, "continue to", "still", "ongoing";
- else *happened*.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from . import event_lexicon as lex
from . import plover
from .attribution import CUE_VERBS
from .event_triggers import Trigger

YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")
_HYP_AUX = frozenset("could would might may should must ought".split())
_FUTURE_AUX = frozenset("will shall 'll wo".split())
_PLAN_ADJ = frozenset("upcoming planned scheduled forthcoming future next proposed".split())
_ONGOING_WORDS = frozenset("ongoing underway continuing still".split())
_HEDGES = frozenset("potentially possibly perhaps maybe".split())
_SELF = frozenset("i we".split())
_ANNOUNCING = CUE_VERBS | frozenset(
    "announce vow pledge promise swear warn threaten declare order decide vote".split()
)


def _chain(pred: Token) -> tuple[list[Token], list[Token]]:
    """The trigger's verb and the verbs it is the complement of ("refused to release"),
    and of those the governors; a conjoined verb ("promised X and asked Y") is a
    sibling that shares the governors, not one of them."""
    chain, governors = [pred], []
    while len(chain) < 5 and (
        chain[-1].dep_ in ("xcomp", "conj", "acomp")
        or (
            chain[-1].dep_ in ("advcl", "ccomp")  # "expect the army to attack": an infinitive
            and any(c.tag_ == "TO" for c in chain[-1].children)
        )
    ):
        sibling = chain[-1].dep_ == "conj"
        chain.append(chain[-1].head)
        if not sibling:
            governors.append(chain[-1])
    return chain, governors


def _feared(noun: Token | None) -> bool:
    """ "fears of an attack", "the risk of clashes": the noun is what is feared."""
    if noun is None or noun.head.lower_ != "of" or noun.dep_ != "pobj":
        return False
    head = noun.head.head
    return head.lemma_.lower() in lex.HYP_NOUNS or head.lower_ in lex.HYP_NOUNS


def _asked_for(pred: Token) -> bool:
    """ "a request to hand over the pair", "the demand that they leave": an infinitive or
    subjunctive that says what a noun of asking, threatening or fearing is about."""
    to = any(c.tag_ == "TO" for c in pred.children)
    # "the demand that Germany prosecute its citizens": a subjunctive after the noun
    that = pred.tag_ == "VB" and any(c.lower_ == "that" for c in pred.children)
    if pred.dep_ not in ("acl", "ccomp") or not (to or that) or pred.head.pos_ != "NOUN":
        return False
    head = pred.head
    rule = plover.noun_rule(head)
    asking = rule is not None and rule.type in ("REQUEST", "THREATEN")
    return asking or head.lemma_.lower() in lex.HYP_NOUNS


def _noun_infinitive(pred: Token) -> bool:
    """ "an intervention to help the Kurds", "efforts to free them": an infinitive that
    says what a noun is for, not what was done."""
    return (
        pred.dep_ == "acl"
        and pred.head.pos_ == "NOUN"
        and any(c.tag_ == "TO" for c in pred.children)
    )


def _noun_of_intent(pred: Token) -> bool:
    """ "the plan to withdraw", "his decision to attack": what was decided is planned."""
    return _noun_infinitive(pred) and pred.head.lemma_.lower() in lex.INTENT_NOUNS


def _negative_subject(children: list[Token]) -> bool:
    """ "No one was arrested", "nobody was hurt", "none of the rebels surrendered"."""
    for child in children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            words = {child.lower_, *(c.lower_ for c in child.children if c.dep_ == "det")}
            if words & {"nobody", "none", "no", "neither", "nothing"}:
                return True
    return False


def predicted(trigger: Trigger, status: str) -> bool:
    """A planned action that others expect of its actor: "the army is expected to attack
    the valley", "analysts think they will seize the port". PLOVER's THREATEN and AGREE
    are statements of intent by the actor; what others expect of it is the action
    itself, planned. A bare future ("the army will withdraw") reads, as news uses it,
    as an announcement; so does one a verb of saying or promising governs before any
    word of expecting, or one where the actor speaks of itself ("we will strike back").
    A plan or decision the writer reports ("her plan to join", "his decision to
    launch strikes") is the action, planned, too."""
    if status != "planned" or trigger.type not in plover.CONFLICT | plover.COOPERATIVE:
        return False
    if _noun_of_intent(trigger.pred):
        return True  # "her plan to join the militia", as the writer reports it
    subject = next((c for c in trigger.pred.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in _SELF:
        return False
    for hops, ancestor in enumerate(trigger.pred.ancestors):
        if hops >= 4:
            break
        lemma = ancestor.lemma_.lower()
        if lemma in lex.EXPECTING or ancestor.lower_ in lex.EXPECTING:
            return True
        subjects = (c for c in ancestor.children if c.dep_ == "nsubj")
        if any(c.lemma_.lower() in lex.EXPECTING for c in subjects):
            return True  # "the thinking is that they will attack"
        if lemma in _ANNOUNCING:
            return False
    return False


def event_status(trigger: Trigger, clause_text: str, year: int | None) -> tuple[str, bool]:
    """The status, and whether the trigger's own words made it: an explicit "not" or
    "failed to", or a condition of its own (not a governing verb)."""
    pred, noun = trigger.pred, trigger.noun
    chain, governing = _chain(pred)
    governors = {w for t in governing for w in (t.lemma_.lower(), t.lower_)}
    if trigger.governor is not None and trigger.content:
        governors |= {trigger.governor.pred.lemma_.lower(), trigger.governor.rule.type}
    children = [c for t in chain for c in t.children]
    aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    words = {c.lower_ for c in children + (list(noun.children) if noun is not None else [])}
    explicit = any(c.dep_ == "neg" for c in children) or "fail" in governors
    explicit = explicit or (noun is not None and bool(words & {"no", "never"}))
    explicit = explicit or "never" in words or _negative_subject(children)
    without = pred.dep_ == "pcomp" and pred.head.lower_ == "without"  # "left without signing"
    if explicit or without or governors & lex.NEG_GOVERNORS:
        return "negated", explicit or without
    marks = {
        m.lower_
        for c in children
        if c.dep_ == "advcl"
        for m in c.children
        if m.dep_ in ("mark", "advmod")
    }
    conditional = bool(marks & lex.CONDITIONS)
    habitual = "whenever" in marks  # a habit, not one event on a condition
    own_marks = {c.lower_ for c in children if c.dep_ == "mark"}
    reported_future = "would" in aux and chain[-1].dep_ == "ccomp"  # "said they would"
    habitual = habitual or (bool(words & lex.HABITUAL) and pred.tag_ in ("VBP", "VBZ"))
    if trigger.type == "THREATEN":  # "threatened to X if Y": the condition is the threat's
        conditional = False
    if (
        (aux & _HYP_AUX and not reported_future)
        or conditional
        or own_marks & (lex.CONDITIONS | {"whether"})
        or words & _HEDGES
        or governors & lex.HYP_GOVERNORS
        or (
            trigger.type != "THREATEN"
            and any(a.lower_ in lex.CONDITIONS for a in list(pred.ancestors)[:4])
        )
        or _feared(noun)
        or _asked_for(pred)
        or (pred.dep_ == "pcomp" and pred.head.lower_ == "about")  # "talked about seizing"
        or (_noun_infinitive(pred) and not _noun_of_intent(pred))
        or habitual
    ):
        return "hypothetical", conditional and not habitual
    planned = governors & lex.PLAN_GOVERNORS or words & _PLAN_ADJ or _noun_of_intent(pred)
    if aux & _FUTURE_AUX or reported_future or planned:
        return "planned", False
    past = pred.tag_ in ("VBD", "VBN") or aux & {"had", "was", "were", "did"}
    years = [int(y) for y in YEAR.findall(clause_text)]
    long_ago = year is not None and bool(years) and max(years) <= year - 2
    if past and (long_ago or words & {"formerly", "once"}):
        return "historical", False
    progressive = pred.tag_ == "VBG" and aux & {"is", "are", "am", "'s", "'re", "been"}
    if progressive or governors & {"continue", "keep", "remain"} or words & _ONGOING_WORDS:
        return "ongoing", False
    return "happened", False
