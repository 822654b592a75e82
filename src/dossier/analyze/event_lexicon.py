"""English words the event coder reads beyond the per-language ``events.toml`` lexicons.

Actors and non-actors, the governors that set an event's status, and the
words that make a trigger no event: a question, a clause about the source
itself, a figure of speech, a dispute fought with words.
"""

from __future__ import annotations

from .event_language import event_language

# The lists the event coder reads per language now live in resources/languages/<code>/
# events.toml; their English values keep their names here.
_EN = event_language("en")

# Actors: group nouns beside the person and institution nouns of ``speakers``;
# time words and quantities that are not actors ("thousands of students").
GROUP_NOUNS = _EN.actor_words("group_nouns")
TIME_WORDS = _EN.actor_words("time_words")
QUANTITIES = _EN.actor_words("quantities")
# What a retreat, sanction or mobilisation moves is its theme, not its target.
THEMES = frozenset(
    """troop force soldier peacekeeper inspector worker diplomat ambassador envoy staff
    personnel observer monitor unit contingent settlement""".split()
)

# Words that never name an actor: they point at one named elsewhere (pronouns,
# wh-words, demonstratives) or at nobody in particular.
POINTERS = frozenset(
    """i me we us you he him she her it they them one who whom whose what which whoever
    whatever this that these those someone somebody anyone anybody everyone everybody
    nobody no-one none something anything everything""".split()
)
# A bare generic noun ("the group", "the country") stands for an entity named
# before it: the types of entity it may stand for.
GENERIC_ACTORS = {
    **dict.fromkeys(
        "group organisation organization movement faction outfit body party gang".split(),
        ("ORG",),
    ),
    **dict.fromkeys("country nation state".split(), ("GPE",)),
    **dict.fromkeys("side".split(), ("ORG", "GPE", "NORP")),
}

# Status: verbs (and types) that govern an event's clause: "refused to", "urged … to", "is set to".
NEG_GOVERNORS = _EN.status_words("neg_governors")
HYP_GOVERNORS = _EN.status_words("hyp_governors")
PLAN_GOVERNORS = _EN.status_words("plan_governors")
# Nouns whose "of" phrase is feared or possible, not done: "fears of an attack".
HYP_NOUNS = _EN.status_words("hyp_nouns")
# Words that make a clause negated: "no one was arrested", "without signing".
NEG_WORDS = _EN.status_words("neg_words")
# Adverbs of habit: the clause is a generalisation, not one event.
HABITUAL = _EN.status_words("habitual")
# Conjunctions of a condition: "if", "unless", "whenever" (a habit).
CONDITIONS = _EN.status_words("conditions")

# Clauses about the source itself: its anonymity, or its authority to speak.
ANONYMITY_NOUNS = frozenset("anonymity anonymously".split())
NAMING_VERBS = frozenset("name identify quote cite".split())
AUTHORITY_WORDS = frozenset(
    "authorise authorize authorised authorized permit allow entitle clear empower".split()
)
SPEECH_VERBS = frozenset("speak talk comment discuss brief disclose address".split())
# "declined to comment", "refused to give details": the source's silence.
SILENCE_VERBS = SPEECH_VERBS | frozenset(
    "say elaborate answer respond confirm specify reveal identify name give provide".split()
)
SILENCE_OBJECTS = frozenset("detail details information name names comment figure".split())
REFUSALS = frozenset("decline refuse".split())
# Conflict verbs that mean striving when they take an infinitive ("fighting to
# recover their money") or a thing for object ("battling traffic jams").
STRIVING = frozenset("fight battle struggle".split())

# What is fought without arms: fires and illnesses, and measures fought with
# votes or in court ("vowed to fight the budget", "fighting the extradition").
_AILMENTS = frozenset("fire blaze flame wildfire cancer disease illness addiction tear".split())
_MEASURES = frozenset(
    """budget bill law plan proposal policy reform measure decision ruling tax cut charge
    case lawsuit extradition deportation result verdict sentence appointment nomination
    corruption poverty inflation""".split()
)
# Figures of speech: a trigger with one of these as its object or prepositional
# object is no event ("stabbed in the back", "fought the blaze", "hit a record").
FIGURATIVE = {
    "stab": frozenset("back".split()),
    "shoot": frozenset("foot".split()),
    "kill": frozenset("time".split()),
    "hit": frozenset("record high low headline note wall milestone nerve jackpot target".split()),
    "beat": frozenset("odds record expectation estimate forecast deadline clock".split()),
    "strike": frozenset("balance chord tone note".split()),
    "fight": _AILMENTS | _MEASURES,
    "battle": _AILMENTS | _MEASURES,
    "attack": frozenset("problem issue question".split()),
}
# Particles that turn a conflict verb into something else: "stormed out", "fired off".
FIGURATIVE_PARTICLES = {
    "storm": frozenset("out off".split()),
    "fire": frozenset("off up back".split()),
    "shell": frozenset("out".split()),
    "shoot": frozenset("up".split()),
    "hit": frozenset("back".split()),
    "strike": frozenset("down".split()),
}
# Settings and kinds of conflict fought with words, votes or lawsuits: a
# "battle" on social media, an election battle, a legal fight, a war of words.
DISCOURSE_SETTINGS = frozenset(
    """media twitter facebook instagram tiktok youtube online internet web television tv
    airwaves radio press court courtroom courts poll polls ballot election elections
    electoral campaign legal political verbal rhetorical word words culture ideological
    ratings charm propaganda custody budget boardroom takeover bidding leadership tariff
    social council parliament congress senate legislature chamber""".split()
)
# Triggers that a dispute of words can borrow ("clashed with the court").
DISPUTE_LEMMAS = frozenset("clash fight battle spar feud war attack collide".split())
# Actors that fight with words, not arms: a clash between two of them is a dispute.
CIVIL_NOUNS = frozenset(
    """court courts judge judges justice justices tribunal parliament congress senate assembly
    lawmaker lawmakers legislator legislators senator senators party parties minister
    ministers ministry president presidency premier chancellor governor mayor official
    officials council commission committee union unions company companies firm firms
    newspaper media outlet opposition candidate candidates politician politicians prosecutor
    prosecutors attorney lawyer lawyers critic critics journalist journalists government
    administration cabinet spokesman spokeswoman leader leaders board regulator ombudsman""".split()
)
# Collectives that act though they are not listed as actors above.
COLLECTIVES = _EN.actor_words("collectives")
# Texts that may stand as the source of a stance: "the report criticised…".
COMMUNICATIVE = _EN.actor_words("communicative")
# Vehicles and other things that collide: with no actor named as their
# owner ("Israeli tanks"), they make accidents, not events.
VEHICLES = frozenset(
    """car cars truck trucks lorry lorries van vans bus buses coach train trains tram taxi
    vehicle vehicles motorcycle motorbike bicycle bike scooter tractor trailer suv minibus
    ferry""".split()
)
# Words that name nobody in particular: "not everyone agrees", "nobody recognises".
INDEFINITES = frozenset(
    "everyone everybody anyone anybody someone somebody nobody noone no-one one".split()
)
# Nobody who can be asked: "said this should be…" (not "the rebels that…", a relative).
UNASKABLE = INDEFINITES | frozenset("something everything anything nothing it this that".split())
# After "must"/"should", verbs of being and knowing state an opinion or a rule, not a
# demand: "the result must be right", "the minister should know better".
STATE_VERBS = frozenset(
    """be know have seem remain appear mean understand realise realize recognise recognize
    deserve""".split()
)
# What a state recognises as a political act; "recognised the issue" is no support.
RECOGNISED = frozenset(
    """state government independence sovereignty legitimacy authority regime republic
    election result annexation claim right rights border borders council administration
    parliament opposition junta union""".split()
)
RECOGNISING = frozenset("recognise recognize acknowledge".split())
# Requests that are also assertions: "insisted that the plan will work" asks nothing.
ASSERTING_REQUESTS = frozenset("insist".split())
# Hostile actions whose promise is a threat ("vowed to crush the revolt"), also where
# the verb alone is no trigger ("clear them from the border", "wipe out").
HOSTILE_ACTIONS = frozenset(
    """clear crush eliminate eradicate annihilate destroy wipe smash punish avenge retaliate
    defeat drive root hunt exterminate liquidate attack kill fight strike bomb invade""".split()
)
# Kin and friends: support for them is personal, no political event ("came to support
# their father").
KIN = frozenset(
    """dad father mum mom mother parent son daughter child kid wife husband brother sister
    family friend cousin uncle aunt grandmother grandfather grandparent widow partner""".split()
)
# Heads that make an infinitive a possibility or a rule, not an event: "hard to
# arrest", "illegal to join", "not allowed to fight", "risks being jailed".
POSSIBILITY_WORDS = frozenset(
    """hard easy difficult impossible possible tough illegal legal unlawful lawful forbidden
    allowed permitted supposed risk""".split()
)
# Degree words that make readiness a comparison of stances, not an offer: "less
# willing to", "more ready to".
DEGREE_WORDS = frozenset("less more least most increasingly equally as so too".split())
# Verbs and nouns of expecting and believing: what follows them is a prediction by
# others, not the actor's own announcement ("is expected to attack", "the thinking is
# that they will attack").
EXPECTING = frozenset(
    """expect anticipate predict forecast believe think fear suspect likely thinking
    expectation assessment belief prediction view""".split()
)
# Nouns whose infinitive is decided or promised, so planned ("the decision to
# withdraw"); any other noun's infinitive says what it is for ("an intervention to
# help"), which is hypothetical.
INTENT_NOUNS = frozenset(
    """plan decision move deal agreement pledge promise commitment intention intent vow
    resolution order""".split()
)
