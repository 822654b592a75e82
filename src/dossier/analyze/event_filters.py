"""Triggers that are no event, and conflict words that are disputes.

Each rule is stated for a kind of sentence, not for a sentence:

- **Questions** assert nothing: a trigger whose sentence part ends in "?",
  or whose clause is an embedded question ("asked who attacked the convoy",
  "depends on who you ask").
- **Clauses about the source itself**, its anonymity or its authority to
  speak: "asked not to be named", "requested anonymity", "was not authorised
  to talk to the press", "declined to comment".
- **Figures of speech**: a trigger with an object or particle that makes it
  idiomatic ("stabbed in the back", "fought the blaze", "hit a record",
  "stormed out").
- **Descriptions**: a participle of stance that describes a noun, with no
  agent ("a gang accused of extortion"), is no stance of its own.
- **Things that cannot act**: a vehicle with no owner named as the subject
  ("a truck backed into a car", "a bus hit a cyclist") makes an accident,
  not an event ("Israeli tanks shelled…" names its owner and stays); so
  does a subject that names no actor, event, weapon or text ("prices
  declined", "the storm killed", "shares hit a low").
- **Striving and sport**: "fighting to recover their money", "battling
  traffic jams" (a conflict verb with an infinitive or a thing for object),
  and any conflict word beside a match score ("beat their rivals 3-1").
- **Warnings and fears**: "warned that violence could rise" is no threat. A
  warning is THREATEN only when the warner announces its own action ("warned
  it would strike back").
- **Words that name nobody**: a subject that is nobody in particular ("not
  everyone agrees", "nobody recognises them") states an opinion, not an event.
- **Bare modals**: "X said Y must/should…" is a request only when Y can act and
  is asked to do something; "the result must be right", "the minister should
  know better", "these flags must be small" state an opinion or a rule.
- **Words that look like stances**: "committed" is a commitment only "to"
  something ("committed a crime", "crimes committed" are none); recognising
  is support only of a state, government or other political standing, not of
  "the issue" or "that…"; "insisted that X will…" asserts, it requests only
  when what is insisted on is still to be done ("insisted that he resign",
  "insisted on"); "we are talking about…" in the present names a topic, it is
  no meeting; "sought ways to", "asked a question" and "defending the town"
  (a place held in war, not a stance) are none (``plover.OBJECT_RULES``); a
  bare "was suspended" or "was halted", with no agent and no tie named ("the
  scheme was suspended"), is no sanction ("aid was suspended" is).
- **Generic statements** (``generic``): an ability ("can jail…"), a quantified or
  generic subject ("any faction that…", a present "you"), an infinitive under a
  word of possibility, legality or permission ("hard to arrest", "illegal to
  join"), a purpose said as one ("in order to halt"), support for kin, a compared
  stance ("less willing to"), "help" with a verb; insisting on one's own doing and
  talking about doing something are no stances either.
- **Threatened actions** (``reported_only``): PLOVER codes the threat; what it
  threatens is not reported as an event of its own.
- **Disputes**: a clash, fight or battle set in the media, an election or a
  court, or a war of words, is no assault and no event; one whose actors
  are all civil (courts, politicians, parties, officials) and whose clause
  names no violence is ACCUSE disapprove.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from . import event_lexicon as lex
from . import plover
from .event_actors import ACTOR_NOUNS, is_actor, source_token
from .event_language import for_token
from .event_triggers import Trigger

_SCORE = re.compile(r"\b\d{1,2} ?[-–] ?\d{1,2}\b")
_WH_WORDS = frozenset("who whom whose what which how why".split())
_SETTING_PREPS = frozenset("on in over across via through of".split())
_HARM = frozenset(
    """kill killed injure injured wound wounded dead die died death hurt tear gas stone stones
    weapon weapons""".split()
) | frozenset(plover.MODE_WORDS["ASSAULT"])
_FIRST_PERSON = frozenset("i we".split())
_WARNINGS = frozenset("warn warning".split())


def in_question(sent: Span, trigger: Trigger) -> bool:
    """The sentence part after the trigger ends in "?", or the trigger's clause asks."""
    first = max(t.i for t in trigger.tokens)
    for token in sent.doc[first + 1 : sent.end]:
        if token.text in (".", "!", ";"):
            break
        if "?" in token.text:
            return True
    pred = trigger.pred
    if pred.dep_ in ("relcl", "acl"):  # "the men who attacked": a relative, not a question
        return False
    if _asks(pred):
        return True
    # "asked who had attacked…", "were asked about", "asked whether": a question
    if trigger.type != "REQUEST" or pred.lemma_.lower() not in ("ask", "question", "inquire"):
        return False
    for child in pred.children:
        if child.dep_ == "ccomp" and (
            _asks(child) or any(m.lower_ in ("whether", "if") for m in child.children)
        ):
            return True
        if child.dep_ == "prep" and child.lower_ == "about":
            return True
    return False


def _asks(verb: Token) -> bool:
    return any(
        c.lower_ in _WH_WORDS and c.tag_ in ("WP", "WDT", "WP$", "WRB") for c in verb.children
    )


def _clause_verbs(pred: Token) -> list[Token]:
    """The trigger's verb, the verbs it complements and the verbs that complement it."""
    verbs, up = [pred], pred
    while up.dep_ == "xcomp" and up.head.i != up.i and len(verbs) < 5:
        up = up.head
        verbs.append(up)
    stack = [pred]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "xcomp":
                verbs.append(child)
                stack.append(child)
    return verbs


def about_the_source(trigger: Trigger) -> bool:
    """A clause about the source's anonymity or its authority to speak."""
    verbs = _clause_verbs(trigger.pred)
    lemmas = {v.lemma_.lower() for v in verbs} | {v.lower_ for v in verbs}
    for verb in verbs:
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        if passive and verb.lemma_.lower() in lex.NAMING_VERBS:  # "not to be named"
            return True
        for child in verb.children:
            objects = [child, *(g for g in child.children if child.dep_ == "prep")]
            for found in objects:
                if found.dep_ in ("dobj", "pobj", "advmod") and any(
                    w.lower_ in lex.ANONYMITY_NOUNS for w in found.subtree
                ):
                    return True  # "requested anonymity", "on condition of anonymity"
    if lemmas & lex.REFUSALS and _silence(trigger.pred):
        return True
    return bool(lemmas & lex.AUTHORITY_WORDS) and bool(lemmas & lex.SPEECH_VERBS)


def _silence(pred: Token) -> bool:
    """ "declined to comment", "refused to give details", "declined to be named"."""
    for clause in (c for c in pred.children if c.dep_ == "xcomp"):
        lemma = clause.lemma_.lower()
        if lemma not in lex.SILENCE_VERBS:
            continue
        objects = [c for c in clause.children if c.dep_ == "dobj"]
        if lemma not in ("give", "provide") or any(
            o.lemma_.lower() in lex.SILENCE_OBJECTS for o in objects
        ):
            return True
    return False


def figurative(trigger: Trigger) -> bool:
    """An idiom: its object, prepositional object or particle makes it no event."""
    for head in (trigger.pred, *trigger.tokens):
        lemma = head.lemma_.lower()
        objects = lex.FIGURATIVE.get(lemma, frozenset())
        particles = lex.FIGURATIVE_PARTICLES.get(lemma, frozenset())
        for child in head.children:
            particle = child.dep_ == "prt" or (child.dep_ == "prep" and child.i == head.i + 1)
            if particle and child.lower_ in particles:
                return True
            found = [child] if child.dep_ in ("dobj", "attr") else []
            if child.dep_ == "prep":
                found += [g for g in child.children if g.dep_ == "pobj"]
            if any(o.lemma_.lower() in objects or o.lower_ in objects for o in found):
                return True
    return False


def striving(trigger: Trigger) -> bool:
    """ "fighting to recover their money", "battling traffic jams", "won 3-1": a
    conflict word that strives, or competes, is no assault."""
    pred = trigger.pred
    if trigger.type != "ASSAULT":
        return False
    clause = pred.doc[pred.left_edge.i : pred.right_edge.i + 1].text
    words = {t.lemma_.lower() for t in pred.subtree} | {t.lower_ for t in pred.subtree}
    if _SCORE.search(clause) and not words & _HARM:
        return True  # a match score and no harm named: sport
    if trigger.noun is not None or pred.lemma_.lower() not in lex.STRIVING:
        return False
    if any(c.dep_ in ("xcomp", "advcl") and c.tag_ == "VB" for c in pred.children):
        return True
    objects = [c for c in pred.children if c.dep_ == "dobj"]
    return bool(objects) and not any(
        is_actor(o) or o.lemma_.lower() in for_token(o).nouns for o in objects
    )


def _owned(token: Token) -> bool:
    """ "Israeli tanks", "the army's trucks": an actor is named as the thing's owner."""
    return any(
        c.dep_ in ("amod", "compound", "poss") and (c.ent_type_ or c.lower_ in ACTOR_NOUNS)
        for c in token.lefts
    )


def description(trigger: Trigger) -> bool:
    """ "a gang accused of extortion", "a plan backed by donors": a participle that
    describes a noun states no stance of its own."""
    pred = trigger.pred
    if trigger.type not in plover.VERBAL or pred.dep_ != "acl" or pred.tag_ != "VBN":
        return False
    return not any(c.dep_ == "agent" for c in pred.children)


def thing_as_subject(trigger: Trigger) -> bool:
    """The subject is a thing that cannot act: an unowned vehicle, or a common noun
    that names no actor, no event and no weapon ("prices declined", "the storm
    killed", "shares hit a low"); the noun a describing verb modifies counts too."""
    if trigger.occurring:
        return False
    pred = trigger.pred
    subject = pred.head if pred.dep_ == "acl" else source_token(trigger)
    if subject is None or is_actor(subject) or subject.pos_ != "NOUN":
        return False
    lemma = subject.lemma_.lower()
    if lemma in lex.VEHICLES or subject.lower_ in lex.VEHICLES:
        return not _owned(subject)
    if pred.dep_ == "acl" or _owned(subject):
        return False
    lang = for_token(subject)
    things = lang.actor_words("thing_subjects")
    if things:  # a language whose actor nouns are not listed in full names its things
        return lemma in things
    if lemma in lang.actor_words("communicative"):
        # "the report criticised…", not "the law prohibits…"
        return trigger.type not in plover.VERBAL
    modes = lang.mode_words
    weapons = modes.get("ASSAULT", {}).keys() | modes.get("MOBILIZE", {}).keys()
    known = lemma in lang.nouns or lemma in weapons or lemma in lang.actor_words("collectives")
    return not known


def idle_warning(trigger: Trigger) -> bool:
    """A warning that announces no action of the warner's own."""
    if trigger.type != "THREATEN" or not {t.lemma_.lower() for t in trigger.tokens} & _WARNINGS:
        return False
    warner = source_token(trigger)
    for inner in trigger.embedded:
        if inner.type not in plover.CONFLICT | {"THREATEN"}:
            continue
        actor = source_token(inner)
        if actor is None:
            continue
        if actor.lower_ in _FIRST_PERSON or (warner is not None and actor.i == warner.i):
            return False
        if warner is not None and actor.lower_ == warner.lower_:
            return False
    return True


def _setting(word: Token) -> bool:
    """ "a battle on social media", "election battle", "legal fight", "war of words"."""
    for child in word.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.lower_ in lex.DISCOURSE_SETTINGS:
            return True
        preps = child.dep_ == "prep" and child.lower_ in _SETTING_PREPS
        if preps and any(g.lower_ in lex.DISCOURSE_SETTINGS for g in child.children):
            return True
    return False


def _civil(token: Token | None) -> bool:
    if token is None:
        return False
    if token.ent_type_ == "PERSON":
        return True
    return token.lemma_.lower() in lex.CIVIL_NOUNS or token.lower_ in lex.CIVIL_NOUNS


def dispute(trigger: Trigger, source: Token | None, target: Token | None) -> str | None:
    """``"none"`` for a conflict word set in words, votes or courts, ``"ACCUSE"`` for a
    clash of civil actors, else ``None`` (the trigger keeps its type)."""
    if trigger.type != "ASSAULT":
        return None
    words = [trigger.noun] if trigger.noun is not None else [trigger.pred]
    if not any(w.lemma_.lower() in lex.DISPUTE_LEMMAS for w in words):
        return None
    clause = list(trigger.pred.subtree)
    if any(t.lemma_.lower() in _HARM or t.lower_ in _HARM for t in clause):
        return None
    if any(_setting(w) for w in words):
        return "none"
    if source is None or target is None:
        return None  # a dispute needs both sides known
    actors = [
        source,
        target,
        *(c for a in (source, target) for c in a.children if c.dep_ == "conj"),
    ]
    return "ACCUSE" if all(_civil(a) for a in actors) else None


def nobody(trigger: Trigger) -> bool:
    """The subject names nobody in particular: "not everyone agrees"."""
    subject = source_token(trigger)
    if subject is None or subject.pos_ not in ("PRON", "NOUN", "DET"):
        return False
    if subject.lower_ == "one":  # "no one", but not "one of the rebels"
        return any(c.lower_ in ("no", "every", "any") for c in subject.lefts)
    return subject.lower_ in lex.INDEFINITES or subject.lower_ in _THINGS


def idle_modal(trigger: Trigger) -> bool:
    """ "X said Y must…" with a Y that cannot be asked, or a verb of being or knowing."""
    if trigger.target_from is None:
        return False
    addressee, clause = trigger.target_from, trigger.tokens[0].head
    if clause.lemma_.lower() in lex.STATE_VERBS:
        return True
    if addressee.lower_ in lex.UNASKABLE:
        return True
    if addressee.dep_ == "nsubjpass":  # "said the sanctions should be lifted": asked of someone
        return False
    return addressee.pos_ != "PRON" and not is_actor(addressee)


def false_stance(trigger: Trigger) -> bool:
    """A stance verb used for something else: "committed a crime", "recognised the
    issue", "insisted that the plan will work", "we are talking about money"."""
    pred = trigger.pred
    if trigger.noun is not None or pred not in trigger.tokens:
        return False
    lemma = pred.lemma_.lower()
    children = list(pred.children)
    if lemma == "commit":
        return not any(c.lower_ == "to" or c.dep_ == "xcomp" for c in children)
    if lemma in lex.RECOGNISING and trigger.type == "SUPPORT":
        if any(c.dep_ == "ccomp" for c in children):
            return True
        objects = [c for c in children if c.dep_ == "dobj"]
        return any(not is_actor(o) and o.lemma_.lower() not in lex.RECOGNISED for o in objects)
    severs = trigger.type == "SANCTION" and trigger.rule.mode == "sever"
    if severs and trigger.rule == for_token(pred).verbs.get(lemma):
        # "the scheme was suspended": a bare verb of cutting off, passive with no agent,
        # names neither who sanctions nor a tie that is cut
        passive = any(c.dep_ == "auxpass" for c in children)
        return passive and not any(c.dep_ == "agent" for c in children)
    if lemma in lex.ASSERTING_REQUESTS:
        return any(c.dep_ == "ccomp" and _asserted(c) for c in children) or _own_doing(pred)
    abouts = [c for c in children if c.dep_ == "prep" and c.lower_ == "about"]
    if lemma == "talk" and any(g.tag_ == "VBG" for a in abouts for g in a.children):
        return True  # "had talked about doing it": a topic, no meeting
    if lemma == "talk" and abouts:
        auxes = [c.lower_ for c in children if c.dep_ == "aux"]
        present = pred.tag_ in ("VBP", "VBZ")
        return present or (pred.tag_ == "VBG" and bool(auxes) and auxes[-1] in _PRESENT_BE)
    return False


def _own_doing(pred: Token) -> bool:
    """ "insisted on fighting in the front line": insisting on one's own doing asks
    nobody for anything (unlike "insisted on his release")."""
    for prep in (c for c in pred.children if c.dep_ == "prep" and c.lower_ == "on"):
        for inner in prep.children:
            own = not any(g.dep_ in ("nsubj", "poss") for g in inner.children)
            if inner.dep_ == "pcomp" and inner.tag_ == "VBG" and own:
                return True
    return False


_PRESENT_BE = frozenset("am is are 're ’re 's ’s".split())
_STILL_TO_DO = frozenset("should must shall".split())


def _asserted(clause: Token) -> bool:
    """A clause that states ("will build", "was wrong"), not one that asks ("resign")."""
    auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _STILL_TO_DO for a in auxes):
        return False
    if clause.tag_ == "VB" and not auxes:
        return False  # the subjunctive: "insisted that he resign"
    return clause.pos_ in ("VERB", "AUX")


_THINGS = frozenset("anything something".split())  # not "everything since is implementing…"
_ABILITY = frozenset("can ca".split())  # "ca" as in "ca n't"
_QUANTIFIERS = frozenset("any every each".split())
_PROTEST_OR_MEETING = frozenset("PROTEST CONSULT".split())
_PURPOSE_KEPT = _PROTEST_OR_MEETING | frozenset("AGREE REQUEST".split())


def generic(trigger: Trigger) -> bool:
    """A sentence that states a capability, a rule, a possibility or a generality, not
    an event that took place or is planned:

    - an ability ("the tribunal can jail officials who…"): "can" says what may be
      done, not what was (a refusal, "cannot accept", still is one);
    - a quantified or generic subject ("any faction that attacks…", "you are just
      talking" in the present): nobody in particular did it;
    - an infinitive under a word of possibility, legality or permission ("hard to
      arrest", "illegal for residents to attack", "not allowed to join", "risks
      being jailed");
    - a purpose said as one ("deployed troops in order to halt the advance", "set up
      a zone that would halt…"): the aim of the main event, which is reported on its
      own (a bare "to" may name the mission itself, "sent a team to investigate", and
      stays; so do a protest or a meeting one gathers or travels for);
    - support or help for kin ("came to support their father");
    - a comparison of stances ("less willing to…"), or readiness for no action the
      lexicon knows ("ready to participate");
    - "help" with a verb ("help create a zone", "help defend the town"): the help is
      no aid of its own, what is helped with is the event.
    """
    pred = trigger.pred
    children = list(pred.children)
    auxes = {c.lower_ for c in children if c.dep_ == "aux"}
    negated = any(c.dep_ == "neg" for c in children)
    if auxes & _ABILITY and not negated:
        return True
    if _generic_subject(trigger):
        return True
    if _possibility(pred):
        return True
    if trigger.type not in _PURPOSE_KEPT and _purpose(pred):
        return True
    lemma = pred.lemma_.lower()
    if trigger.type in ("SUPPORT", "AID"):
        objects = [c for c in children if c.dep_ in ("dobj", "pobj")]
        if any(o.lemma_.lower() in lex.KIN for o in objects):
            return True
        if lemma == "help" and any(c.dep_ in ("xcomp", "ccomp") for c in children):
            return True
    if _vague_readiness(trigger.tokens[0]):
        return True
    # the comparison and what it compares: "less willing to support the plan"
    return any(_compared(t) for t in (trigger.tokens[0], pred, pred.head))


def _vague_readiness(word: Token) -> bool:
    """ "ready to participate", "willing to do more": readiness for no action the
    lexicon knows is no offer ("ready to negotiate", "willing to withdraw" are)."""
    if word.pos_ != "ADJ" or word.lower_ not in plover.READY_ADJECTIVES:
        return False
    actions = [c for c in word.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    return bool(actions) and all(plover.match_verb(a) is None for a in actions)


def _compared(word: Token) -> bool:
    return (
        word.pos_ == "ADJ"
        and word.lower_ in plover.READY_ADJECTIVES
        and any(c.dep_ == "advmod" and c.lower_ in lex.DEGREE_WORDS for c in word.children)
    )


def _generic_subject(trigger: Trigger) -> bool:
    subject = source_token(trigger)
    if subject is None:
        return False
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "any party that violates…": the party
    if any(c.dep_ == "det" and c.lower_ in _QUANTIFIERS for c in subject.children):
        return True
    if subject.lower_ != "you":
        return False
    pred = trigger.pred
    present_be = any(c.dep_ == "aux" and c.lower_ in _PRESENT_BE for c in pred.children)
    return pred.tag_ in ("VBP", "VBZ") or (pred.tag_ == "VBG" and present_be)


def _possibility(pred: Token) -> bool:
    """ "hard to arrest", "illegal for them to attack", "not allowed to join"."""
    up = pred
    for _ in range(3):
        if up.dep_ not in ("xcomp", "advcl", "ccomp") or up.head.i == up.i:
            return False
        head = up.head
        if head.lemma_.lower() in lex.POSSIBILITY_WORDS or head.lower_ in lex.POSSIBILITY_WORDS:
            return True
        if any(c.dep_ == "acomp" and c.lower_ in lex.POSSIBILITY_WORDS for c in head.children):
            return True  # "it is illegal for residents to attack…"
        if up.dep_ != "xcomp":
            return False
        up = head
    return False


def _purpose(pred: Token) -> bool:
    """An infinitive of purpose hung on another verb, or a "would" clause inside one."""
    if any(c.tag_ == "TO" for c in pred.children) and _marked_purpose(pred):
        return True  # however the parse hangs "in order to" ("order" + acl)
    up = pred
    for hop in range(4):
        to = any(c.tag_ == "TO" for c in up.children)
        subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in up.children)
        if hop and up.dep_ in ("advcl", "xcomp") and to and not subject and _would(pred):
            return True  # "crossed the river to set up a zone that would halt…"
        if up.dep_ == "advcl" and to and up.tag_ == "VB" and not subject:
            return False  # a bare "to" may be the mission itself ("sent a team to investigate")
        if up.head.i == up.i:
            return False
        up = up.head
    return False


def _marked_purpose(verb: Token) -> bool:
    """ "in order to halt", "so as to stop": a purpose said in so many words."""
    words = [t.lower_ for t in verb.doc[max(verb.i - 3, 0) : verb.i]]
    return words in (["in", "order", "to"], ["so", "as", "to"])  # not "an order to arrest"


def _would(pred: Token) -> bool:
    return pred.dep_ == "relcl" and any(c.lower_ == "would" for c in pred.children)


def reported_only(trigger: Trigger) -> bool:
    """What a threat threatens ("threatened to invade the island"): PLOVER codes the
    threat, and the action is not reported as done or planned, so it is no event of its
    own. (What a request asks for stays, hypothetical, with the one asked as its source.)"""
    governor = trigger.governor
    return trigger.content and governor is not None and governor.type == "THREATEN"


def unreported(trigger: Trigger) -> bool:
    """Once stances are typed: a warning of nothing the warner does, or a threatened action."""
    return idle_warning(trigger) or reported_only(trigger)
