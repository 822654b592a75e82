"""The actors of an event: its source and target tokens, and the phrase each stands for.

Step 3 of ``events``. Only people, groups, places and institutions are actors;
words that point at an actor named elsewhere (pronouns, wh-words, a bare
"the group"), datelines and nationality adjectives are not, and give way to
what they stand for when the text says it.
"""

from __future__ import annotations

from spacy.tokens import Token

from . import event_lexicon as lex
from . import plover
from .attribution import _subject
from .event_language import for_token
from .event_roles import has_feature
from .event_triggers import Trigger
from .speakers import INSTITUTION_NOUNS, PERSON_NOUNS

# Collectives ("the refugee communities that surrendered") act as groups do.
ACTOR_NOUNS = PERSON_NOUNS | INSTITUTION_NOUNS | lex.GROUP_NOUNS | lex.COLLECTIVES
ENTITY_TYPES = frozenset("PERSON ORG GPE NORP LOC FAC".split())
_NOT_ACTOR_ENTS = frozenset("DATE TIME CARDINAL ORDINAL MONEY PERCENT QUANTITY".split())
_THEME_TYPES = frozenset("RETREAT SANCTION MOBILIZE AID".split())
_PRONOUNS = frozenset("he she it they we".split())
_DROP_LEFT = frozenset("the a an this that these those whose what which".split())
_LOOSE_ENDS = frozenset("VERB ADP CCONJ PART DET AUX".split())
_CUT_DEPS = frozenset("relcl appos advcl punct parataxis ccomp".split())
_MAX_ACTOR_TOKENS = 12
_ACT_ENDINGS = ("ion", "ment", "ance", "ence", "ing", "al")
# Determiners that make a noun no one in particular: "any party that violates the
# truce", "few donors have paid", "no country has offered". Such a phrase names a
# kind, not an actor, so the role stays empty.
_GENERIC_DETS = frozenset("any few no every each either neither".split())
# Modes of acts done to someone: an event noun's genitive is their target.
_UNDERGOER_MODES = frozenset(
    "arrest deport abduct assassinate execute torture beat sexual release expel convict".split()
)
# Verbs of occurring that take no victim: "the fighting began" has no object.
_ASPECTUAL = frozenset("begin start continue resume erupt break occur happen rage end".split())
# Verbs whose own subject, not their object, does what they govern ("promised them to").
_SUBJECT_CONTROL = frozenset("promise vow pledge threaten offer agree swear".split())
# Nouns of intention whose infinitive is their owner's act: "his decision to launch
# strikes", "the ministry's plan to build" are his strikes, the ministry's building.
_INTENT_NOUNS = frozenset(
    """decision plan bid attempt effort move order promise pledge vow threat intention
    commitment readiness refusal offer push drive campaign determination""".split()
)
# Verbs that make such a noun their subject's own: "announced a plan to…", "made a bid
# to…"; not "rejected the plan to…", where the plan is someone else's.
_OWNING_VERBS = frozenset("make take announce unveil launch have adopt outline".split())


def _agent(pred: Token) -> Token | None:
    """The subject of ``pred``, through control, raising, purpose and "committed to" clauses."""
    token = pred
    for _ in range(4):
        own = _direct_subject(token)
        if own is not None:
            return own
        if token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX"):
            token = token.head  # "arrested and charged": one subject
            continue
        root = token.sent.root
        if token.dep_ == "acl" and token.tag_ == "VBD" and root.pos_ in ("NOUN", "PROPN"):
            # "Lawyers for the family of a girl called for…" parsed with no main verb:
            # a past tense (no participle) is the sentence's verb, the root its subject
            return root if is_actor(root) else None
        if token.dep_ == "acl" and token.tag_ in ("VBG", "VBD") and is_actor(token.head):
            return token.head  # "gunmen attacking the village"
        if token.dep_ == "acl" and token.head.lemma_.lower() in _INTENT_NOUNS:
            return _owner(token.head)
        texts = for_token(token).actor_words("communicative")
        if token.dep_ == "acl" and token.head.lemma_.lower() in texts:
            # "issued a statement demanding…": the statement's author
            return _direct_subject(token.head.head) if token.head.head.pos_ == "VERB" else None
        head = token.head
        via = token
        while head.i != head.head.i and head.pos_ in ("ADP", "ADJ", "PART"):
            via, head = head, head.head
        if head.i == token.i or token.dep_ not in ("pcomp", "acomp", "xcomp", "advcl", "prep"):
            # never the subject of a verb this one is reported by or describes: the
            # speaker of "ten killed in clash, officials say" is no agent
            return None
        controller = _object_controller(head, token, via)
        if controller is not None:
            return controller
        token = head
    return None


def _direct_subject(token: Token) -> Token | None:
    roles = for_token(token).roles
    subjects = roles.subjects(token)
    if subjects and not (roles.oblique and roles.is_passive(token)):
        return subjects[0]
    # the passive's agent; in UD the passive's subject is its target, not its source
    return next(iter(roles.agents(token)), None)


def _owner(noun: Token) -> Token | None:
    """Whose intention ``noun`` is: its possessor, its "by" phrase, or the subject of
    a verb that makes it theirs ("Turkey announced a plan to…")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    lang = for_token(noun)
    by = lang.roles.objects_of(noun, lang.actor_words("agent_prepositions"))
    if by:
        return by[0]
    if noun.dep_ in lang.roles.object and noun.head.lemma_.lower() in _OWNING_VERBS:
        return _direct_subject(noun.head)
    return None


def _object_controller(head: Token, clause: Token, via: Token) -> Token | None:
    """ "urged the council to act", "accused the minister of taking bribes": the
    object of the governing verb is the subject of the clause it governs."""
    if head.lemma_.lower() in _SUBJECT_CONTROL or head.pos_ != "VERB":
        return None
    through_prep = via.dep_ == "prep" and via.lower_ in ("of", "for", "into", "from")
    if clause.dep_ != "xcomp" and not through_prep:
        return None
    objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
    if not objects and clause.dep_ == "xcomp":
        # "called on Russia to help", "prevailed upon them to stay": the addressee
        objects = [
            o
            for p in head.children
            if p.dep_ == "prep" and p.lower_ in ("on", "upon")
            for o in p.children
            if o.dep_ == "pobj"
        ]
    return objects[0] if objects else None


def _antecedent(pronoun: Token) -> Token | None:
    """ "Hungary has said it will…": the subject of the verb that reports the pronoun's clause."""
    clause = pronoun.head
    while clause.dep_ in ("xcomp", "conj", "aux") and clause.head.i != clause.i:
        clause = clause.head
    # the last subject: "QUITO — Police said they…" parses the dateline as a first one
    subjects = [c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    reporter = subjects[-1] if clause.dep_ == "ccomp" and subjects else None
    if clause.dep_ == "ccomp" and reporter is None:
        reporter = _subject(clause.head)
    if reporter is None or reporter.pos_ == "PRON":
        return None
    plural = reporter.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in reporter.children)
    person = reporter.ent_type_ == "PERSON" or reporter.lemma_.lower() in PERSON_NOUNS
    fits = {"they": plural, "we": True, "it": not plural and not person}
    return reporter if fits.get(pronoun.lower_, person) else None


def is_actor(token: Token, owned: bool = True) -> bool:
    """People, groups, places and institutions; not dates, amounts or things. With
    ``owned`` a common noun a name modifies counts too ("Chinese artillery")."""
    lang = for_token(token)
    if token.ent_type_ in _NOT_ACTOR_ENTS or token.lower_ in lang.actor_words("time_words"):
        return False
    if token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ENTITY_TYPES:
        return True
    nouns = lang.actor_words("group_nouns") | lang.actor_words("collectives")
    lemma = token.lemma_.lower()
    if lemma in ACTOR_NOUNS or token.lower_ in ACTOR_NOUNS or lemma in nouns:
        return True
    plural = token.tag_ == "NNS" or (
        token.pos_ == "NOUN" and "Plur" in token.morph.get("Number", [])
    )
    if plural and token.lower_.endswith(tuple(lang.actor_words("agent_endings"))):
        return True
    if _personal_object(token):
        return True
    people = tuple(lang.actor_words("person_endings"))
    if people and token.pos_ == "NOUN" and token.lower_.endswith(people):
        return True
    return owned and any(
        c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in ENTITY_TYPES for c in token.lefts
    )


def _personal_object(token: Token) -> bool:
    """ "detuvo a tres sospechosos": a direct object with the personal "a" of the
    language's ``personal_markers`` names a person, when a determiner or number
    introduces it and it is no abstract noun (``abstract_endings``): "a piedradas" (with
    stones) and "en rechazo a una política" are no people."""
    lang = for_token(token)
    roles = lang.roles
    markers = lang.actor_words("personal_markers")
    if not markers or token.dep_ not in roles.object or token.pos_ != "NOUN":
        return False
    if roles.preposition_of(token) not in markers:
        return False
    introduced = any(c.dep_ in ("det", "nummod") for c in token.children if c.i < token.i)
    abstract = token.lemma_.lower().endswith(tuple(lang.actor_words("abstract_endings")))
    return introduced and not abstract


def phrase(token: Token) -> tuple[int, int]:
    """The noun phrase of ``token``: no relative clauses, appositions or loose preps."""
    keep, stack = {token.i}, [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            # "forces loyal to the regime": an adjective after the noun keeps its phrase
            postmodifier = current.pos_ == "ADJ" and current.i > token.i
            loose = (
                child.dep_ == "prep"
                and not postmodifier
                and (child.lower_ not in ("of", "in", "from") or current.pos_ == "PROPN")
            )
            hyphen = child.text in ("-", "/") and not child.whitespace_  # "US-backed"
            # "Germany, France and Britain": the commas of a list join its members
            listed = child.text == "," and any(
                c.dep_ == "conj" and c.i > child.i for c in current.children
            )
            if (child.dep_ not in _CUT_DEPS or hyphen or listed) and not loose:
                keep.add(child.i)
                stack.append(child)
    first = last = token.i
    while first - 1 in keep:
        first -= 1
    while last + 1 in keep:
        last += 1
    doc = token.doc
    cases = for_token(token).roles.case  # UD: "contra [el gobierno]", "de [militantes]"
    while first < token.i and (
        doc[first].lower_ in _DROP_LEFT or doc[first].is_punct or doc[first].dep_ in cases
    ):
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
        named = t.ent_type_ in ENTITY_TYPES or t.pos_ == "PROPN"
        if (mark is None or t.i > mark.i) and named and t.pos_ in ("PROPN", "NOUN", "ADJ"):
            if not is_actor(t):
                continue
            if t.pos_ == "ADJ":
                # "a blockade on Palestinian lorries": the Palestinians' lorries, named
                # as a phrase; "halt Kurdish expansion": the adjective names who acts
                if t.dep_ != "amod" or t.head.pos_ != "NOUN" or names_act(t.head):
                    continue
                return t.head
            while t.dep_ in ("compound", "flat") and t.head.i > t.i:
                t = t.head
            return t
    return None


def _noun_source(noun: Token) -> Token | None:
    """Who does what an event noun names: its possessor ("Russia's offensive"), a
    nationality ("Israeli airstrikes") or its "by" phrase ("strikes by the army")."""
    # "the country's worst massacre": with a superlative the possessor is the setting
    ranked = any(c.tag_ == "JJS" or c.lower_ in ("first", "last") for c in noun.children)
    children = list(noun.children)
    if noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        # "Russian airstrikes and shelling": the first noun's modifiers are shared
        children += [c for c in noun.head.children if c.i < noun.head.i]
    lang = for_token(noun)
    roles = lang.roles
    parties = lang.actor_words("agent_prepositions") | lang.actor_words("between_words")
    for child in children:
        if (child.dep_ == "poss" and not ranked) or (
            child.dep_ == "amod" and child.ent_type_ == "NORP"
        ):
            return child
        if child.dep_ in roles.preposition and child.lower_ in parties:
            return next((c for c in child.children if c.dep_ in roles.preposition_object), None)
        if child.dep_ in roles.oblique and roles.preposition_of(child) in parties:
            return child
    genitive = _genitive(noun)
    if genitive is not None and not _undergoes(noun):
        return genitive
    return _clause_doer(noun)


def _clause_doer(noun: Token) -> Token | None:
    """Who a clause on an event noun says does it, where the language lists the verbs
    (``organising_verbs``): "las protestas que organizan los sindicatos", "una marcha
    convocada por el Frente"."""
    lang = for_token(noun)
    roles, verbs = lang.roles, lang.actor_words("organising_verbs")
    for clause in noun.children:
        clause_like = clause.dep_ in roles.relative_clause | roles.modifier
        if not clause_like or clause.lemma_.lower() not in verbs:
            continue
        # a participle, which the parser may tag as an adjective ("convocada por…")
        if "Part" in clause.morph.get("VerbForm", []) or clause.pos_ == "ADJ":
            found = roles.objects_of(clause, lang.actor_words("agent_prepositions"))
        else:
            found = [s for s in roles.subjects(clause) if not has_feature(s, roles.relative_morph)]
        found = [t for t in found if is_actor(t)]
        if found:
            return found[0]
    return None


def _adjunct_of_verb(noun: Token) -> bool:
    """A standalone event noun that says how or why a verb's act was done ("en protesta",
    "como protesta"): a case- or mark-introduced oblique of the verb (UD), not its object."""
    roles = for_token(noun).roles
    if noun.head.pos_ not in ("VERB", "AUX") or not roles.oblique:
        return False
    marked = any(c.dep_ in roles.mark for c in noun.children)
    return noun.dep_ in roles.oblique or (marked and noun.dep_ in roles.object)


def _genitive(noun: Token) -> Token | None:
    """The actor an event noun's genitive names ("la protesta de los transportistas"),
    where the language's ``genitive_prepositions`` mark one."""
    lang = for_token(noun)
    words = lang.actor_words("genitive_prepositions")
    found = [
        c
        for w, c, _ in lang.roles.prepositional(noun)
        if w in words and c.i > noun.i and is_actor(c)
    ]
    return found[0] if found else None


def _undergoes(noun: Token) -> bool:
    """An event noun whose genitive undergoes it: "la detención del ministro", "el
    secuestro de un empresario" (by the noun's mode), not "la protesta de los vecinos"."""
    rule = plover.noun_rule(noun)
    return rule is not None and rule.mode in _UNDERGOER_MODES


def passive(pred: Token) -> bool:
    return for_token(pred).roles.is_passive(pred)


def source_token(trigger: Trigger) -> Token | None:
    pred, noun = trigger.pred, trigger.noun
    if trigger.occurring and noun is not None:
        found = _noun_source(noun)
        if found is None and noun.i == pred.i and _adjunct_of_verb(noun):
            # "realizaron un paro en protesta": the protest is the doers' of the verb
            return _agent(noun.head)
        return found
    if pred.dep_ == "conj" and pred.head.pos_ == "NOUN" and _direct_subject(pred) is None:
        return _noun_source(pred)  # "airstrikes and shelling": a gerund parsed as a verb
    lang = for_token(pred)
    agents = lang.roles.agents(pred)
    if passive(pred) or agents:
        # a "by" agent makes a participle passive without an auxiliary too: "groups
        # who, supported by the US, …", "getting bombed by coalition jets"
        return next(iter(agents), None)
    subject = _agent(pred)
    quantities = lang.actor_words("quantities")
    for _ in range(3):  # "tens of thousands of students"
        if subject is None or not (subject.lower_ in quantities or subject.like_num):
            break
        of = _of_phrase(subject, lang.word("of_words"))
        if not of:
            break
        subject = of[0]
    if subject is not None and subject.lower_ in _PRONOUNS:
        subject = _antecedent(subject) or subject
    return None if subject is not None and subject.lower_ == "there" else subject


def _of_phrase(token: Token, of_words: frozenset[str]) -> list[Token]:
    """ "thousands of students": what a quantity counts (in ClearNLP every child of its
    "of"; in UD its case-marked nouns)."""
    found = [p for c in token.children if c.lower_ in of_words for p in c.children]
    return found or for_token(token).roles.objects_of(token, of_words)


def target_token(trigger: Trigger) -> Token | None:
    if trigger.target_from is not None:
        return trigger.target_from
    pred, noun = trigger.pred, trigger.noun
    candidates: list[Token] = []
    # "ten inmates killed in…": the inmates; but "a rebel video released…" names a
    # thing, whose owner is no target of the verb
    described = pred.dep_ == "acl" and pred.tag_ == "VBN" and not trigger.occurring
    if described and is_actor(pred.head, owned=False):
        candidates.append(pred.head)
    lang = for_token(pred)
    roles = lang.roles
    if passive(pred) and not trigger.occurring:
        subjects = roles.passive_subject | (roles.subject if roles.oblique else frozenset())
        candidates += [c for c in pred.children if c.dep_ in subjects]
    if not (trigger.occurring and pred.lemma_.lower() in _ASPECTUAL):
        objects = set(roles.objects(pred))
        candidates += [c for c in pred.children if c in objects or c.dep_ in roles.indirect_object]
    if trigger.type in ("REQUEST", "ACCUSE", "REJECT"):
        clauses = [
            c
            for c in pred.children
            if c.dep_ == "ccomp"
            or (
                c.dep_ == "advcl"
                and any(m.lower_ == "for" and m.dep_ == "mark" for m in c.children)
            )
        ]  # "demanded that X…", "called for X to…"
        candidates += [s for c in clauses for s in c.children if s.dep_ == "nsubj"]
    if noun is not None and _undergoes(noun) and (genitive := _genitive(noun)) is not None:
        candidates.append(genitive)  # "la captura del cabecilla"
    targets = lang.actor_words("target_prepositions")
    for head in (noun, pred):
        if head is None:
            continue
        if roles.preposition:
            preps = [c for c in head.children if c.dep_ in roles.preposition]
            candidates += [o for p in preps if p.lower_ in targets for o in p.children]
        candidates += [o for w, o, via in roles.prepositional(head) if w in targets and via is o]
    candidates = [c for c in candidates if c.dep_ not in roles.preposition]
    if trigger.type in _THEME_TYPES:
        themes = [c for c in candidates if c.lemma_.lower() in lex.THEMES]
        candidates = [c for c in candidates if c not in themes] + themes
    for candidate in candidates:
        clause_like = any(t.dep_ == "mark" for t in candidate.subtree)
        itself = noun is not None and candidate.i == noun.i  # "declared a state of emergency"
        typed = candidate.dep_ in roles.object and plover.typed_by_object(pred, candidate)
        itself = itself or typed
        if is_actor(candidate) and candidate.lower_ != "it" and not clause_like and not itself:
            return candidate
    for candidate in candidates:
        if (named := _named_inside(candidate)) is not None:
            return named
    against = lang.actor_words("against_words")
    for token in pred.subtree:  # "protested … against the minister"
        if token.lower_ in against and token.dep_ in roles.preposition:
            opponents = [c for c in token.children if c.dep_ in roles.preposition_object]
            opponents = [c for c in opponents if is_actor(c)]
            if opponents:
                return opponents[0]
        opposed = token.dep_ in roles.oblique and roles.preposition_of(token) in against
        if opposed and is_actor(token):
            return token
    inner = [e for e in trigger.embedded if e.content and e.type != trigger.type]
    return next((t for e in inner if (t := target_token(e)) is not None), None)


def names_act(noun: Token) -> bool:
    """A noun that names an act ("expansion", "deal", "shelling"), not a thing."""
    lemma = noun.lemma_.lower()
    if lemma in ACTOR_NOUNS or lemma in lex.GENERIC_ACTORS:  # "faction", "delegation"
        return False
    return lemma in for_token(noun).nouns or lemma.endswith(_ACT_ENDINGS)


def relative(token: Token | None) -> Token | None:
    """ "the court, which has clashed…": the noun a relative pronoun stands for. After
    "X is one of the few Y that…", the relative clause says what X did: X is the actor."""
    if token is None:
        return token
    roles = for_token(token).roles
    english = token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl"
    # UD: "los campesinos, que bloquearon…": a relative pronoun (PronType=Rel) in an acl
    marked = token.head.dep_ in roles.relative_clause and has_feature(token, roles.relative_morph)
    if not (english or marked):
        return token
    antecedent = token.head.head
    seat = antecedent.head
    # "the court in The Hague, which can try…": the institution seated there acts
    seated = antecedent.ent_type_ in ("GPE", "LOC", "FAC") and seat.lower_ in ("in", "at")
    if seated and seat.head.pos_ in ("NOUN", "PROPN") and is_actor(seat.head):
        return seat.head
    of = antecedent.head
    one = of.head
    if of.lower_ == "of" and one.lower_ == "one" and one.dep_ == "attr":
        subject = _direct_subject(one.head)
        if subject is not None:
            return subject
    return antecedent


def generic(token: Token) -> bool:
    """A phrase with a quantifying determiner names a kind, not an actor."""
    return any(c.dep_ in ("det", "amod") and c.lower_ in _GENERIC_DETS for c in token.children)


def bare_adjective(token: Token) -> bool:
    """ "halt Kurdish expansion": a nationality adjective on a noun that names no actor
    says whose the thing is, not who undergoes the event."""
    return token.pos_ == "ADJ" and token.head.lemma_.lower() not in ACTOR_NOUNS


def whose_owner(token: Token) -> Token | None:
    """ "Egypt, whose navy patrolled…": the noun a "whose" before ``token`` points at."""
    if not any(c.dep_ == "poss" and c.lower_ == "whose" for c in token.children):
        return None
    clause = token
    while clause.dep_ != "relcl" and clause.head.i != clause.i:
        clause = clause.head
    return clause.head if clause.dep_ == "relcl" else None
