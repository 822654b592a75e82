"""PLOVER (2021) event types and modes, and the lookup of the lexicons that signal them.

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

Lexicons are per language, in ``resources/languages/<code>/events.toml`` (read by
``event_language``), and map a lemma to a ``Rule(type, mode, weight)``. The weight (0 to 1)
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

from spacy.tokens import Token

from .event_language import EventLanguage, event_language, for_token
from .plover_modes import MODES, THREAT_MODES, TYPES, Rule

# Verbal cooperation and conflict: they report a stance, so an event they
# govern ("threatened to impose a curfew") is the stance's content.
VERBAL = frozenset("AGREE SUPPORT CONCEDE REQUEST ACCUSE REJECT THREATEN".split())
# Material conflict: announced or conditional, it is a threat.
CONFLICT = frozenset("ASSAULT COERCE SANCTION PROTEST MOBILIZE".split())
# Cooperation other than agreeing: announced or offered, it is an AGREE.
COOPERATIVE = frozenset("CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT".split())

# The English lexicon under its former names, for code and tests that read it directly.
_EN = event_language("en")
VERBS = _EN.verbs
NOUNS = _EN.nouns
OBJECT_RULES = _EN.object_rules
SUBJECT_RULES = _EN.subject_rules
MODE_WORDS = _EN.mode_words
PREP_VERBS = _EN.prep_verbs
LIGHT_VERBS = _EN.word("light_verbs")
OCCUR_VERBS = _EN.word("occur_verbs")
JOINT_NOUNS = _EN.word("joint_nouns")
READY_ADJECTIVES = _EN.word("ready_adjectives")
TYPED_VERBS = _EN.typed_verbs


def keys(token: Token) -> list[str]:
    """Lookup keys for a token, most specific first: "air strike", "state of emergency"."""
    lang = for_token(token)
    roles = lang.roles
    lemma = token.lemma_.lower()
    found = [
        f"{child.lemma_.lower()} {lemma}"
        for child in token.lefts
        if child.dep_ in roles.compound | roles.modifier and child.i == token.i - 1
    ]
    found += [
        f"{lemma} {word} {noun.lemma_.lower()}"
        for word, noun, _ in roles.prepositional(token)
        if word in lang.word("of_words") and noun.i > token.i
    ]
    return [*found, lemma]


def _armed(lang: EventLanguage) -> dict[str, str | None]:
    """A strike by weapons is an attack, not a walkout: "missile strikes", "drone strikes",
    "retaliatory strikes"; a labour strike names no weapon ("a general strike")."""
    return {
        **lang.mode_words.get("ASSAULT", {}),
        **dict.fromkeys(lang.word("armed_modifiers")),
    }


def noun_rule(token: Token) -> Rule | None:
    """The rule of an event noun, unless a compound makes it something else."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    lang = for_token(token)
    if token.dep_ in lang.roles.fixed:
        return None  # "sin embargo" (however) is no embargo
    compounds = lang.roles.compound
    not_event = lang.word("not_event_compounds")
    if any(c.dep_ in compounds and c.lower_ in not_event for c in token.lefts):
        return None
    complements = lang.word("not_event_complements")
    of = lang.word("of_words")
    if complements and any(
        w in of and n.lower_ in complements for w, n, _ in lang.roles.prepositional(token)
    ):
        return None  # "conferencia de prensa"
    idiom = f"{lang.roles.preposition_of(token)} {token.lower_}"
    if idiom in lang.word("idioms") or token.head.lemma_.lower() in lang.word("measure_heads"):
        return None  # "puesta en marcha" (a launch), "la tasa de paro" (unemployment)
    rule = next((lang.nouns[k] for k in keys(token) if k in lang.nouns), None)
    if (
        rule is not None
        and rule.type == "PROTEST"
        and token.lemma_.lower() in lang.word("strike_nouns")
    ):
        armed_words = _armed(lang)
        armed = [
            c.lemma_.lower()
            for c in token.lefts
            if c.dep_ in compounds | lang.roles.modifier and c.lemma_.lower() in armed_words
        ]
        if armed:
            return Rule("ASSAULT", armed_words[armed[0]], rule.weight)
    return rule


def _object(verb: Token) -> Token | None:
    roles = for_token(verb).roles
    wanted = roles.passive_subject | roles.attribute
    found = next((c for c in verb.children if c.dep_ in wanted), None)
    objects = roles.objects(verb)
    if objects and (found is None or objects[0].i < found.i):
        found = objects[0]
    if found is None and roles.is_passive(verb) and roles.oblique:
        # UD: "fue detenido el ministro", the passive's subject is a plain subject
        found = next(iter(roles.subjects(verb)), None)
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
    lang = for_token(verb)
    lemma = verb.lemma_.lower()
    if lemma not in lang.word("light_verbs"):
        return None
    noun, rule = obj, noun_rule(obj)
    if rule is None and obj.lemma_.lower() in lang.word("generic_heads"):
        inner = [c for c in obj.lefts if c.dep_ in lang.roles.compound]
        inner += [n for w, n, _ in lang.roles.prepositional(obj) if w in lang.word("of_words")]
        found = [(c, r) for c in inner if (r := noun_rule(c)) is not None]
        noun, rule = found[0] if found else (obj, None)
    goods = lang.word("aid_goods")
    if rule is None or (noun.lemma_.lower() in goods and lemma not in lang.word("giving_verbs")):
        return None
    return (
        None
        if lemma in lang.word("consult_only_verbs") and rule.type != "CONSULT"
        else (
            noun,
            rule,
        )
    )


def typed_by_object(verb: Token, obj: Token) -> bool:
    """ "joined forces": a bare object that gives the verb its type is part of the trigger."""
    if any(True for _ in obj.children):
        return False
    rules = for_token(verb).object_rules.get(verb.lemma_.lower(), [])
    return any(obj.lemma_.lower() in objects for objects, rule in rules if rule.type != "NONE")


# Verbs typed by their subject (``subjects`` in events.toml): protesters who storm a
# building protest, as PLOVER reads a demonstration that forces its way in ("protesters
# stormed parliament"); soldiers or police who storm one assault it (the verb's own
# rule). A bare "strike" is a walkout by workers and an attack by fighters; by anyone
# else it is too vague to code ("strike NONE" among the object rules).


def match_verb(verb: Token) -> tuple[Rule, Token | None] | None:
    """A verb's rule and the event noun it carries, if any (see the module docstring)."""
    lang = for_token(verb)
    roles = lang.roles
    lemma = verb.lemma_.lower()
    # Most verbs of an article ("said", "was") have no rule: turned away before their
    # children are read.
    pronominal = [f"{lemma}{w}" for w in _reflexives(verb, lang)]
    if lemma not in lang.typed_verbs and not any(p in lang.verbs for p in pronominal):
        return None
    subjects = {c.lemma_.lower() for c in verb.children if c.dep_ in roles.subject}
    for objects, rule in lang.subject_rules.get(lemma, []):
        if subjects & objects:
            return rule, None
    clauses = roles.clausal_complement
    if lemma in lang.word("denials") and any(c.dep_ in clauses for c in verb.children):
        return None  # "denied that the army fired": a denial of a claim refuses nobody
    said = [c for c in verb.children if c.dep_ in clauses]
    if lemma in lang.word("saying_senses") and any(
        m.dep_ in roles.mark for c in said for m in c.children
    ):
        return None  # "manifestó que…": with a "that" clause, a verb of saying
    obj = _object(verb)
    words: set[str] = set()
    if obj is not None:
        modifiers = roles.compound | roles.modifier
        words = {c.lemma_.lower() for c in obj.lefts if c.dep_ in modifiers}
        words |= set(keys(obj))
        # "re-election" splits into three objects: each one types the verb
        words |= {k for c in roles.objects(verb) for k in keys(c)}
    rules = lang.object_rules.get(lemma, [])
    for objects, rule in rules:
        if words & objects:
            return (rule, None) if rule.type != "NONE" else None
    carried = _carried(verb, obj) if obj is not None else None
    if carried is not None:
        return carried[1], carried[0]
    complements = roles.open_complement | clauses
    at_on = lang.word("aimed_prepositions")
    bare = not any(c.dep_ in complements for c in verb.children) and not (
        roles.preposition_words(verb) & at_on
    )
    for objects, rule in rules:
        if ("*" in objects and obj is not None) or ("-" in objects and obj is None and bare):
            return (rule, None) if rule.type != "NONE" else None
    for child in verb.children:
        phrase = f"{lemma} {child.lower_}"
        near = child.i == verb.i + 1 or obj is None  # "called (Thursday) on Arabs"
        adjacent = child.dep_ in roles.particle or (child.dep_ in roles.preposition and near)
        if adjacent and phrase in lang.verbs:
            return lang.verbs[phrase], None
        # "called for the minister to resign": the preposition parsed as the clause's mark
        marks = [m for m in child.children if m.dep_ in roles.mark and m.i == verb.i + 1]
        joined = f"{lemma} {marks[0].lower_}" if marks else ""
        if child.dep_ in ("advcl", *clauses) and marks and joined in lang.verbs:
            return lang.verbs[joined], None
    for key in pronominal:
        if key in lang.verbs:  # "se enfrentaron": the pronominal verb "enfrentarse"
            return lang.verbs[key], None
    return (lang.verbs[lemma], None) if lemma in lang.verbs else None


def _reflexives(verb: Token, lang: EventLanguage) -> list[str]:
    """The reflexive pronouns of a pronominal verb ("reunirse": "se reunieron")."""
    wanted = lang.word("reflexive_pronouns")
    return [c.lower_ for c in verb.children if c.lower_ in wanted and c.pos_ == "PRON"]


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
