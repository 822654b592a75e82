"""PLOVER (2021) event types and modes, the English lexicons that signal them, and their lookup.

The ontology is the Open Event Data Alliance's PLOVER manual (draft 0.7b1/0.8,
2021) with the 2021 renaming of DEMAND to REQUEST and the merge of DISAPPROVE
and INVESTIGATE into ACCUSE (``CAMEO2PLOVER-2021.txt``). Its sixteen types and
their modes (``None`` when the text names none):

=========  ==============================================================
AGREE      (no modes) intent, offers, promises, agreements reached or signed
CONSULT    visit, third-party, multilateral, phone
SUPPORT    (no modes) praise, endorsement, recognition, ratification
CONCEDE    (no modes) verbal concessions, pardons, apologies, easing curbs
COOPERATE  (no modes) mutual material cooperation, alliances, joint exercises
AID        economic, military, humanitarian, asylum
RETREAT    withdraw, release, return, disarm, ceasefire, access, resign
REQUEST    assist, change, yield, meet (shared with REJECT)
ACCUSE     disapprove, allege, investigate
REJECT     assist, change, yield, meet
THREATEN   restrict, ban, arrest, relations, expel, territory, violence
PROTEST    demo, riot, strike-gen, strike-lim, strike-hun, boycott, obstruct
SANCTION   convict, cancel, expel, withdraw, sever
MOBILIZE   troops, weapons, police
COERCE     confiscate, seize, restrict, ban, censor, curfew, martial-law, arrest,
           deport, withhold
ASSAULT    abduct, beat, torture, execute, sexual, assassinate, destroy, primitive,
           firearms, explosives, suicide-attack, heavy-weapons, aerial, cbrn
=========  ==============================================================

Choices where the drafts disagree: "seize" (occupying territory, CAMEO 192) is
a COERCE mode as in the conversion table; destroying property and abduction
are ASSAULT, as in the 2021 manual (0.5b1 had them under COERCE); "aerial"
(air strikes, drones) is split from "heavy-weapons" as POLECAT does; "cbrn", a
context in the manual, is kept as an ASSAULT mode so that chemical or nuclear
attacks are marked. Signing an agreement is AGREE (the conversion table has
SUPPORT for CAMEO 057, the manual has both): an analyst looking for agreements
expects the signature among them.

Lexicons map a lemma to a ``Rule(type, mode, weight)``. The weight (0 to 1)
says how reliably the word alone signals the type: "assassinate" is
unambiguous, "support" or "fire" much less so; it is the event's base
score. A verb is looked up, in this order: by its object
(``OBJECT_RULES``: "lifted sanctions" RETREAT, "lifted the curfew" CONCEDE,
"released a statement" nothing); as a light verb carrying an event noun
(``LIGHT_VERBS`` + ``NOUNS``: "signed an agreement", "imposed a curfew"); by
its rule for any or no object; by itself with its particle or preposition
("call on", "step down"), then alone (``VERBS``). Object rules are stated for
classes of object, never for one sentence: any verb of easing
(``EASING_VERBS``) with a restriction for object is CONCEDE; "deny" is
REJECT only when what is denied is a request, else no event (a denial of a
claim states a fact, it refuses nobody).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from spacy.tokens import Token

from .plover_modes import MODE_WORDS, THREAT_MODES
from .plover_objects import OBJECT_SPEC, SUBJECT_SPEC

_MODE_SPEC = """
AGREE:
CONSULT: visit third-party multilateral phone
SUPPORT:
CONCEDE:
COOPERATE:
AID: economic military humanitarian asylum
RETREAT: withdraw release return disarm ceasefire access resign
REQUEST: assist change yield meet
ACCUSE: disapprove allege investigate
REJECT: assist change yield meet
THREATEN: restrict ban arrest relations expel territory violence
PROTEST: demo riot strike-gen strike-lim strike-hun boycott obstruct
SANCTION: convict cancel expel withdraw sever
MOBILIZE: troops weapons police
COERCE: confiscate seize restrict ban censor curfew martial-law arrest deport withhold
ASSAULT: abduct beat torture execute sexual assassinate destroy primitive firearms explosives
ASSAULT: suicide-attack heavy-weapons aerial cbrn
"""
MODES: dict[str, tuple[str, ...]] = {}
for _line in _MODE_SPEC.strip().splitlines():
    _type, _, _modes = _line.partition(":")
    MODES[_type] = MODES.get(_type, ()) + tuple(_modes.split())
TYPES = tuple(MODES)
# Verbal cooperation and conflict: they report a stance, so an event they
# govern ("threatened to impose a curfew") is the stance's content.
VERBAL = frozenset("AGREE SUPPORT CONCEDE REQUEST ACCUSE REJECT THREATEN".split())
# Material conflict: announced or conditional, it is a threat.
CONFLICT = frozenset("ASSAULT COERCE SANCTION PROTEST MOBILIZE".split())
# Cooperation other than agreeing: announced or offered, it is an AGREE.
COOPERATIVE = frozenset("CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT".split())


class Rule(NamedTuple):
    type: str
    mode: str | None
    weight: float


def _rule(head: str) -> Rule:
    type_, mode, weight = head.split()
    assert type_ == "NONE" or (type_ in MODES and (mode == "-" or mode in MODES[type_])), head
    return Rule(type_, None if mode == "-" else mode, float(weight))


def _table(spec: str) -> dict[str, Rule]:
    """Parse lines ``TYPE mode weight: word, two words`` (mode ``-`` for none)."""
    table: dict[str, Rule] = {}
    for line in spec.strip().splitlines():
        head, _, words = line.partition(":")
        table.update(dict.fromkeys((w.strip() for w in words.split(",") if w.strip()), _rule(head)))
    return table


def _objects(spec: str) -> dict[str, list[tuple[frozenset[str], Rule]]]:
    """Parse lines ``verb TYPE mode weight: object, object``; TYPE ``NONE``: no event."""
    rules: dict[str, list[tuple[frozenset[str], Rule]]] = {}
    for line in spec.strip().splitlines():
        head, _, words = line.partition(":")
        verb, _, rule = head.partition(" ")
        objects = frozenset(w.strip() for w in words.split(",") if w.strip())
        rules.setdefault(verb, []).append((objects, _rule(rule)))
    return rules


# Verbs by lemma; phrasal verbs as "lemma particle" ("call on", "step down").
VERBS = _table(
    """
AGREE - 0.8: agree, promise, pledge, consent, undertake, reconcile, vow, swear
AGREE - 0.65: offer, accept, commit, settle, propose
CONSULT - 0.85: meet, negotiate, consult, confer
CONSULT - 0.7: discuss, talk
CONSULT visit 0.85: visit
CONSULT visit 0.6: host, receive
CONSULT phone 0.85: phone, telephone
CONSULT third-party 0.85: mediate, broker
SUPPORT - 0.8: praise, commend, endorse, applaud, hail, laud, congratulate, ratify
SUPPORT - 0.6: support, welcome, back, defend, recognize, recognise, approve, thank, salute
CONCEDE - 0.8: concede, relent, pardon, accede, acquiesce, apologize, apologise, back down
CONCEDE - 0.8: give in, climb down
CONCEDE - 0.6: relax, ease, regret, compromise, yield, lift
CONCEDE - 0.5: allow, permit
COOPERATE - 0.8: cooperate, collaborate, partner, extradite, ally
COOPERATE - 0.5: coordinate, share, exchange
AID - 0.8: donate, airlift, subsidize, subsidise
AID - 0.6: aid, assist, fund, finance, supply, lend, loan, equip, arm
AID - 0.5: help, rescue, shelter
RETREAT withdraw 0.8: withdraw, retreat, pull out, pull back, cede, evacuate
RETREAT release 0.8: release, free, repatriate
RETREAT return 0.6: return, hand over, hand back
RETREAT disarm 0.85: disarm, demobilize, demobilise, surrender, lay down
RETREAT resign 0.85: resign, step down, abdicate, quit
RETREAT access 0.5: reopen
REQUEST - 0.9: demand, request, call on, call for, call upon, appeal, plead, urge
REQUEST - 0.8: ask, petition, implore, exhort
REQUEST - 0.6: seek, press, insist, order, require
REQUEST meet 0.5: invite
ACCUSE disapprove 0.85: criticize, criticise, condemn, denounce, deplore, decry, censure
ACCUSE disapprove 0.8: rebuke, reprimand, lambast, castigate, chide, disapprove
ACCUSE disapprove 0.6: slam, blast, complain, object, fault, scold
ACCUSE allege 0.85: accuse, blame, allege, sue, indict, impeach
ACCUSE allege 0.6: charge, prosecute
ACCUSE investigate 0.85: investigate, probe
REJECT - 0.9: reject, refuse, veto, rebuff, spurn, renege, turn down
REJECT - 0.6: decline, deny, dismiss, oppose, resist, walk away
REJECT yield 0.75: defy, violate, flout
THREATEN - 0.9: threaten, menace
THREATEN - 0.6: warn, intimidate
PROTEST demo 0.75: demonstrate, rally, march, picket, protest
PROTEST riot 0.85: riot, loot
PROTEST strike-lim 0.6: strike
PROTEST obstruct 0.6: barricade
PROTEST boycott 0.8: boycott
SANCTION - 0.8: sanction, embargo
SANCTION expel 0.7: expel
SANCTION sever 0.8: sever, break off, downgrade
SANCTION sever 0.55: suspend, freeze, terminate, halt, cut
SANCTION cancel 0.7: cancel, call off
SANCTION cancel 0.5: postpone
SANCTION convict 0.85: convict
MOBILIZE troops 0.85: mobilize, mobilise, call up
MOBILIZE troops 0.65: deploy, mass, reinforce, station, conscript
MOBILIZE police 0.5: patrol
COERCE arrest 0.9: arrest, detain, imprison, jail, incarcerate, round up, apprehend
COERCE arrest 0.7: sentence, intern, capture
COERCE confiscate 0.85: confiscate, impound, expropriate, nationalize, nationalise
COERCE seize 0.75: seize, annex, occupy
COERCE ban 0.8: ban, outlaw
COERCE censor 0.85: censor
COERCE restrict 0.75: restrict, blockade, besiege, crack down, disperse, suppress
COERCE deport 0.9: deport, evict
COERCE withhold 0.7: withhold, cut off
COERCE deport 0.8: force out, drive out
COERCE - 0.6: raid
ASSAULT - 0.8: attack, kill, fight, clash, battle, ambush, invade, storm, wound, overrun
ASSAULT - 0.8: murder, slay, massacre, slaughter, maim
ASSAULT - 0.6: injure, hit, strike, repress, bombard
ASSAULT assassinate 0.9: assassinate
ASSAULT execute 0.75: execute, hang
ASSAULT explosives 0.9: bomb, blow up, detonate
ASSAULT explosives 0.6: explode
ASSAULT heavy-weapons 0.85: shell, pound
ASSAULT firearms 0.85: shoot, gun down
ASSAULT firearms 0.6: fire
ASSAULT torture 0.9: torture
ASSAULT beat 0.75: beat, assault, lynch
ASSAULT sexual 0.9: rape
ASSAULT abduct 0.9: kidnap, abduct, hijack
ASSAULT primitive 0.85: stab, behead
ASSAULT destroy 0.75: torch, raze, destroy, demolish, burn
"""
)
# Nouns that name an event when a light verb carries them ("signed an
# agreement", "held talks") or when they are the subject of a verb of
# occurring ("clashes erupted").
NOUNS = _table(
    """
AGREE - 0.85: agreement, deal, accord, pact, treaty, memorandum, settlement, truce
AGREE - 0.6: commitment, promise, pledge, offer, understanding
CONSULT - 0.85: talk, meeting, summit, negotiation, consultation, discussion, dialogue
CONSULT - 0.6: conference, session, contact
CONSULT visit 0.85: visit, tour, trip
CONSULT third-party 0.85: mediation
CONSULT phone 0.7: phone, call
SUPPORT - 0.75: support, praise, recognition, endorsement, approval, backing, solidarity
SUPPORT - 0.7: relation, tie, condolence, congratulation
CONCEDE - 0.8: concession, amnesty, pardon, apology
COOPERATE - 0.85: cooperation, alliance, partnership, collaboration, coalition
MOBILIZE troops 0.7: exercise, game, maneuver, manoeuvre, drill
AID - 0.8: aid, assistance, relief, donation, subsidy
AID - 0.6: help, loan, grant, fund, funding, money, supply, food, medicine, credit
AID military 0.6: weapon, arm, ammunition, equipment
AID asylum 0.85: asylum, refuge
RETREAT withdraw 0.85: withdrawal, retreat, pullout
RETREAT release 0.8: release, exchange, swap
RETREAT ceasefire 0.85: ceasefire, cease-fire
RETREAT resign 0.85: resignation
RETREAT disarm 0.85: surrender, disarmament
REQUEST - 0.85: request, demand, appeal, plea, petition
ACCUSE disapprove 0.8: criticism, condemnation, complaint, objection, protest
ACCUSE allege 0.8: accusation, allegation, charge, lawsuit, suit
ACCUSE investigate 0.85: investigation, inquiry, probe
ACCUSE investigate 0.7: hearing
REJECT - 0.8: rejection, veto, refusal
THREATEN - 0.85: threat, warning, ultimatum
PROTEST demo 0.85: demonstration, rally, march, sit-in, vigil
PROTEST riot 0.85: riot, unrest
PROTEST strike-lim 0.8: strike, walkout, stoppage
PROTEST boycott 0.85: boycott
PROTEST obstruct 0.7: roadblock, barricade
SANCTION - 0.85: sanction, embargo
SANCTION expel 0.8: expulsion
SANCTION sever 0.8: suspension, cancellation, severance
MOBILIZE troops 0.8: mobilization, mobilisation, deployment, reinforcement
MOBILIZE troops 0.7: alert
COERCE curfew 0.9: curfew
COERCE martial-law 0.9: martial law, state of emergency, emergency
COERCE ban 0.75: ban
COERCE restrict 0.75: restriction, blockade, crackdown, siege, closure
COERCE arrest 0.85: arrest, detention, custody
COERCE censor 0.85: censorship
COERCE deport 0.85: deportation
COERCE - 0.6: raid
ASSAULT - 0.85: attack, assault, offensive, ambush, hostility, invasion, fighting, clash
ASSAULT - 0.7: battle, war, violence, killing, massacre, incursion
ASSAULT - 0.5: operation
ASSAULT aerial 0.9: airstrike, air strike, air raid, bombing raid
ASSAULT explosives 0.85: bombing, bomb, explosion, blast
ASSAULT heavy-weapons 0.85: shelling, bombardment, barrage
ASSAULT firearms 0.8: fire, gunfire, shooting
ASSAULT assassinate 0.9: assassination
ASSAULT execute 0.85: execution
"""
)
# Verbs typed by their object's lemma or compound; "*" any object, "-" none
# (no object, no "at"/"on" object and no clause).
OBJECT_RULES = _objects(OBJECT_SPEC)
# Easing a restriction is a concession, whichever easing verb says it.
EASING_VERBS = frozenset("lift ease relax reduce shorten loosen curtail soften".split())
RESTRICTIONS = frozenset(
    """curfew ban restriction emergency siege sentence control lockdown quarantine
    martial law""".split()
) | {"state of emergency", "martial law"}
for _verb in EASING_VERBS:
    OBJECT_RULES.setdefault(_verb, []).append((RESTRICTIONS, Rule("CONCEDE", None, 0.8)))

# Verbs that carry an event noun: their own meaning gives way to the noun's.
LIGHT_VERBS = frozenset(
    """sign ink conclude reach strike hold have conduct carry launch mount stage begin start
    open resume continue form forge establish build make issue give grant provide send deliver
    extend impose declare announce lodge file lead organize organise join host call express
    voice observe implement respect enforce introduce institute tighten expand step intensify
    escalate renew go take attend wage unleash initiate commence undertake perform put place
    keep tender submit restore normalize normalise finalize finalise strengthen deepen boost
    enhance improve complete reiterate repeat""".split()
)
# Event nouns are events when they are the subject of these ("clashes erupted").
OCCUR_VERBS = frozenset(
    """erupt break occur begin start continue resume take happen rage intensify escalate kill
    hit rock wound injure target damage destroy leave claim end open""".split()
)
# "put on alert", "placed under arrest", "went on strike", "returned … for talks":
# preposition -> (verbs, event nouns).
_HOLD = frozenset("put place go take keep hold".split())
PREP_VERBS = {
    "on": (_HOLD, frozenset("alert strike trial".split())),
    "under": (_HOLD, frozenset("arrest curfew siege custody law emergency investigation".split())),
    "into": (_HOLD, frozenset("custody detention".split())),
    "in": (_HOLD, frozenset("custody detention".split())),
    "for": (
        frozenset("return travel arrive go fly come head gather leave set meet".split()),
        frozenset("talk meeting summit negotiation consultation discussion visit".split()),
    ),
}
# Goods are aid only when given: "provided loans", not "made money".
GIVING_VERBS = frozenset(
    """provide give send deliver extend grant donate supply ship airlift allocate disburse
    channel transfer approve""".split()
)
AID_GOODS = frozenset(
    "help loan grant fund funding money supply food medicine credit weapon arm ammunition"
    " equipment".split()
)
# Exercises are cooperation when joint, a show of force otherwise.
JOINT_NOUNS = frozenset("exercise game maneuver manoeuvre drill".split())
# Heads that stand for the event named by their compound or "of" phrase (a
# process, a span of time, an amount or a consignment of the event noun).
GENERIC_HEADS = frozenset(
    """effort bid campaign process initiative drive round series wave day week month ton
    dollar million billion amount package shipment consignment batch plan programme
    program""".split()
)
# Compounds that make an event noun something else: "press release", "news conference".
NOT_EVENT_COMPOUNDS = frozenset("press news price tax trade interest".split())
DENIALS = frozenset("deny dispute".split())
# "willing to", "ready to", "committed to": AGREE.
READY_ADJECTIVES = frozenset("willing ready prepared committed eager open".split())


def keys(token: Token) -> list[str]:
    """Lookup keys for a token, most specific first: "air strike", "state of emergency"."""
    lemma = token.lemma_.lower()
    found = [
        f"{child.lemma_.lower()} {lemma}"
        for child in token.lefts
        if child.dep_ in ("compound", "amod") and child.i == token.i - 1
    ]
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            found += [f"{lemma} of {c.lemma_.lower()}" for c in child.children if c.dep_ == "pobj"]
    return [*found, lemma]


# A strike by weapons is an attack, not a walkout: "missile strikes", "drone strikes",
# "retaliatory strikes"; a labour strike names no weapon ("a general strike").
_ARMED: dict[str, str | None] = {
    **MODE_WORDS["ASSAULT"],
    **dict.fromkeys("military retaliatory precision targeted".split()),
}


def noun_rule(token: Token) -> Rule | None:
    """The rule of an event noun, unless a compound makes it something else."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(c.dep_ == "compound" and c.lower_ in NOT_EVENT_COMPOUNDS for c in token.lefts):
        return None
    rule = next((NOUNS[k] for k in keys(token) if k in NOUNS), None)
    if rule is not None and rule.type == "PROTEST" and token.lemma_.lower() == "strike":
        armed = [
            c.lemma_.lower()
            for c in token.lefts
            if c.dep_ in ("compound", "amod") and c.lemma_.lower() in _ARMED
        ]
        if armed:
            return Rule("ASSAULT", _ARMED[armed[0]], rule.weight)
    return rule


def _object(verb: Token) -> Token | None:
    found = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr")), None)
    if found is None and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ == "NOUN":
        return verb.head  # "a video released on Tuesday": what is released
    relative = found is None and verb.dep_ == "relcl" and verb.head.pos_ == "NOUN"
    if relative and not any(
        c.dep_ in ("nsubj", "nsubjpass") and c.tag_[:1] == "W" for c in verb.children
    ):
        return verb.head  # "allegations the army has denied": what is denied
    return found


def _carried(verb: Token, obj: Token) -> tuple[Token, Rule] | None:
    """The event noun a light verb carries: the object, or what a generic head stands for."""
    lemma = verb.lemma_.lower()
    if lemma not in LIGHT_VERBS:
        return None
    noun, rule = obj, noun_rule(obj)
    if rule is None and obj.lemma_.lower() in GENERIC_HEADS:
        inner = [c for c in obj.lefts if c.dep_ == "compound"]
        inner += [p for c in obj.rights if c.lower_ == "of" for p in c.children]
        found = [(c, r) for c in inner if (r := noun_rule(c)) is not None]
        noun, rule = found[0] if found else (obj, None)
    if rule is None or (noun.lemma_.lower() in AID_GOODS and lemma not in GIVING_VERBS):
        return None
    return None if lemma == "have" and rule.type != "CONSULT" else (noun, rule)


def typed_by_object(verb: Token, obj: Token) -> bool:
    """ "joined forces": a bare object that gives the verb its type is part of the trigger."""
    if any(True for _ in obj.children):
        return False
    rules = OBJECT_RULES.get(verb.lemma_.lower(), [])
    return any(obj.lemma_.lower() in objects for objects, rule in rules if rule.type != "NONE")


# Verbs typed by their subject: protesters who storm a building protest, as PLOVER
# reads a demonstration that forces its way in ("protesters stormed parliament");
# soldiers or police who storm one assault it (the verb's own rule). A bare "strike"
# is a walkout by workers and an attack by fighters; by anyone else it is too vague to
# code ("strike NONE" in ``OBJECT_RULES``).
SUBJECT_RULES = _objects(SUBJECT_SPEC)


def _heads(phrases: Iterable[str]) -> set[str]:
    """Every leading part of each phrase: "call on" gives "call" and "call on"."""
    found: set[str] = set()
    for phrase in phrases:
        parts = phrase.split(" ")
        found.update(" ".join(parts[:n]) for n in range(1, len(parts) + 1))
    return found


# The lemmas some rule can type. Most verbs of an article ("said", "was") have none,
# and ``match_verb`` turns them away before reading their children.
TYPED_VERBS = frozenset(_heads(VERBS) | SUBJECT_RULES.keys() | OBJECT_RULES.keys() | LIGHT_VERBS)


def match_verb(verb: Token) -> tuple[Rule, Token | None] | None:
    """A verb's rule and the event noun it carries, if any (see the module docstring)."""
    lemma = verb.lemma_.lower()
    if lemma not in TYPED_VERBS:
        return None
    subjects = {c.lemma_.lower() for c in verb.children if c.dep_ == "nsubj"}
    for objects, rule in SUBJECT_RULES.get(lemma, []):
        if subjects & objects:
            return rule, None
    if lemma in DENIALS and any(c.dep_ == "ccomp" for c in verb.children):
        return None  # "denied that the army fired": a denial of a claim refuses nobody
    obj = _object(verb)
    words: set[str] = set()
    if obj is not None:
        words = {c.lemma_.lower() for c in obj.lefts if c.dep_ in ("compound", "amod")}
        words |= set(keys(obj))
        # "re-election" splits into three objects: each one types the verb
        words |= {k for c in verb.children if c.dep_ == "dobj" for k in keys(c)}
    rules = OBJECT_RULES.get(lemma, [])
    for objects, rule in rules:
        if words & objects:
            return (rule, None) if rule.type != "NONE" else None
    carried = _carried(verb, obj) if obj is not None else None
    if carried is not None:
        return carried[1], carried[0]
    bare = not any(
        c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("at", "on"))
        for c in verb.children
    )
    for objects, rule in rules:
        if ("*" in objects and obj is not None) or ("-" in objects and obj is None and bare):
            return (rule, None) if rule.type != "NONE" else None
    for child in verb.children:
        phrase = f"{lemma} {child.lower_}"
        near = child.i == verb.i + 1 or obj is None  # "called (Thursday) on Arabs"
        adjacent = child.dep_ == "prt" or (child.dep_ == "prep" and near)
        if adjacent and phrase in VERBS:
            return VERBS[phrase], None
        # "called for the minister to resign": the preposition parsed as the clause's mark
        marks = [m for m in child.children if m.dep_ == "mark" and m.i == verb.i + 1]
        if child.dep_ in ("advcl", "ccomp") and marks and f"{lemma} {marks[0].lower_}" in VERBS:
            return VERBS[f"{lemma} {marks[0].lower_}"], None
    return (VERBS[lemma], None) if lemma in VERBS else None


__all__ = [
    "MODES",
    "MODE_WORDS",
    "THREAT_MODES",
    "TYPES",
    "Rule",
    "keys",
    "match_verb",
    "noun_rule",
    "typed_by_object",
]
