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
from .event_language import EventLanguage, for_token
from .event_roles import has_feature
from .event_triggers import Trigger

YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")
_SELF = frozenset("i we".split())
_ANNOUNCING = CUE_VERBS | frozenset(
    "announce vow pledge promise swear warn threaten declare order decide vote".split()
)


def _infinitive(verb: Token) -> bool:
    """An infinitive: marked by "to" (English tag ``TO``), or by its morphology where the
    language's ``infinitive_morph`` names it ("marchar": VerbForm=Inf)."""
    if any(c.tag_ == "TO" for c in verb.children):
        return True
    return has_feature(verb, for_token(verb).status_words("infinitive_morph"))


def _chain(pred: Token) -> tuple[list[Token], list[Token]]:
    """The trigger's verb and the verbs it is the complement of ("refused to release"),
    and of those the governors; a conjoined verb ("promised X and asked Y") is a
    sibling that shares the governors, not one of them."""
    chain, governors = [pred], []
    while len(chain) < 5 and (
        chain[-1].dep_ in ("xcomp", "conj", "acomp")
        or (
            chain[-1].dep_ in ("advcl", "ccomp")  # "expect the army to attack": an infinitive
            and _infinitive(chain[-1])
        )
    ):
        sibling = chain[-1].dep_ == "conj"
        chain.append(chain[-1].head)
        if not sibling:
            governors.append(chain[-1])
    return chain, governors


def _feared(noun: Token | None) -> bool:
    """ "fears of an attack", "the risk of clashes": the noun is what is feared."""
    if noun is None:
        return False
    lang = for_token(noun)
    roles, of = lang.roles, lang.status_words("feared_of")
    if noun.dep_ in roles.preposition_object and noun.head.lower_ in of:
        head = noun.head.head
    elif noun.dep_ in roles.oblique and roles.preposition_of(noun) in of:
        head = noun.head
    else:
        return False
    fears = lang.status_words("hyp_nouns")
    return head.lemma_.lower() in fears or head.lower_ in fears


def _asked_for(pred: Token) -> bool:
    """ "a request to hand over the pair", "the demand that they leave": an infinitive or
    subjunctive that says what a noun of asking, threatening or fearing is about."""
    to = _infinitive(pred)
    # "the demand that Germany prosecute its citizens": a subjunctive after the noun
    that = pred.tag_ == "VB" and any(c.lower_ == "that" for c in pred.children)
    if pred.dep_ not in ("acl", "ccomp") or not (to or that) or pred.head.pos_ != "NOUN":
        return False
    head = pred.head
    rule = plover.noun_rule(head)
    asking = rule is not None and rule.type in ("REQUEST", "THREATEN")
    return asking or head.lemma_.lower() in for_token(head).status_words("hyp_nouns")


def _noun_infinitive(pred: Token) -> bool:
    """ "an intervention to help the Kurds", "efforts to free them": an infinitive that
    says what a noun is for, not what was done."""
    return pred.dep_ == "acl" and pred.head.pos_ == "NOUN" and _infinitive(pred)


def _noun_of_intent(pred: Token) -> bool:
    """ "the plan to withdraw", "his decision to attack": what was decided is planned."""
    return _noun_infinitive(pred) and pred.head.lemma_.lower() in lex.INTENT_NOUNS


def _negative_subject(children: list[Token], lang: EventLanguage) -> bool:
    """ "No one was arrested", "nobody was hurt", "none of the rebels surrendered"."""
    subjects = lang.roles.subject | lang.roles.passive_subject
    negative = lang.status_words("negative_subjects")
    for child in children:
        if child.dep_ in subjects:
            words = {child.lower_, *(c.lower_ for c in child.children if c.dep_ == "det")}
            if words & negative:
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
    lang = for_token(pred)
    roles, w = lang.roles, lang.status_words
    chain, governing = _chain(pred)
    governors = {x for t in governing for x in (t.lemma_.lower(), t.lower_)}
    if trigger.governor is not None and trigger.content:
        governors |= {trigger.governor.pred.lemma_.lower(), trigger.governor.rule.type}
    children = [c for t in chain for c in t.children]
    auxiliaries = [c for c in children if c.dep_ in roles.auxiliary]
    aux = {c.lower_ for c in auxiliaries}
    aux_lemmas = {c.lemma_.lower() for c in auxiliaries}
    words = {c.lower_ for c in children + (list(noun.children) if noun is not None else [])}
    never = w("never_words")
    explicit = any(c.dep_ in roles.negation for c in children) or bool(
        governors & w("failure_verbs")
    )
    explicit = explicit or (noun is not None and bool(words & w("noun_negations")))
    explicit = explicit or bool(words & never) or _negative_subject(children, lang)
    own_marks = {c.lower_ for c in children if c.dep_ in roles.mark}
    # "left without signing", "se fueron sin firmar"
    without = (pred.dep_ == "pcomp" and pred.head.lower_ in w("without_words")) or bool(
        own_marks & w("without_words")
    )
    if explicit or without or governors & w("neg_governors"):
        return "negated", explicit or without
    marks = {
        m.lower_
        for c in children
        if c.dep_ == "advcl"
        for m in c.children
        if m.dep_ in roles.mark or m.dep_ == "advmod"
    }
    conditional = bool(marks & w("conditions"))
    habitual = bool(marks & w("habit_conditions"))  # a habit, not one event on a condition
    # "said they would"
    reported_future = bool(aux & w("reported_future_auxiliaries")) and chain[-1].dep_ in (
        roles.clausal_complement
    )
    habitual = habitual or (bool(words & w("habitual")) and pred.tag_ in ("VBP", "VBZ"))
    if trigger.type == "THREATEN":  # "threatened to X if Y": the condition is the threat's
        conditional = False
    hypothetical_aux = bool(aux & w("hypothetical_auxiliaries")) or bool(
        aux_lemmas & w("hypothetical_auxiliary_lemmas")
    )
    verbs = [pred, *auxiliaries]
    # the conditional of hearsay or possibility ("habrían detenido", "marcharían")
    conditional_mood = any(has_feature(v, w("hypothetical_morph")) for v in verbs)
    reported_future = reported_future or (
        conditional_mood and chain[-1].dep_ in roles.clausal_complement
    )
    if (
        ((hypothetical_aux or conditional_mood) and not reported_future)
        or conditional
        or own_marks & (w("conditions") | w("question_marks"))
        or words & w("hedges")
        or governors & w("hyp_governors")
        or (
            trigger.type != "THREATEN"
            and any(a.lower_ in w("conditions") for a in list(pred.ancestors)[:4])
        )
        or _feared(noun)
        or _asked_for(pred)
        # "talked about seizing"
        or (pred.dep_ == "pcomp" and pred.head.lower_ in w("about_words"))
        or (_noun_infinitive(pred) and not _noun_of_intent(pred))
        or habitual
    ):
        return "hypothetical", conditional and not habitual
    planned = (
        governors & w("plan_governors") or words & w("plan_adjectives") or _noun_of_intent(pred)
    )
    future = bool(aux & w("future_auxiliaries")) or bool(aux_lemmas & w("future_auxiliary_lemmas"))
    future = future or any(has_feature(v, w("future_morph")) for v in verbs)
    if future or reported_future or planned:
        return "planned", False
    past = pred.tag_ in ("VBD", "VBN") or aux & {"had", "was", "were", "did"}
    years = [int(y) for y in YEAR.findall(clause_text)]
    long_ago = year is not None and bool(years) and max(years) <= year - 2
    if past and (long_ago or words & w("former_words")):
        return "historical", False
    progressive = pred.tag_ == "VBG" and aux & {"is", "are", "am", "'s", "'re", "been"}
    if progressive or governors & w("continuing_governors") or words & w("ongoing_words"):
        return "ongoing", False
    return "happened", False
