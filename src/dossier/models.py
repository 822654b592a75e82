"""Typed, frozen records that flow between the stages.

Every span is a pair of character offsets into ``Article.text`` such that
``article.text[start:end] == span.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Bytes as they came from a source, before any extraction.

    ``source`` is the path or URL exactly as the user gave it; ``member``
    names the part of it this document came from (a file inside a folder, a
    feed item, a WARC record) and is empty when the source is the document.
    """

    source: str
    content: bytes
    kind: str  # "html" | "fragment" | "text" | "markdown"
    member: str = ""
    url: str | None = None
    charset: str | None = None
    hints: dict[str, str] = field(default_factory=dict)
    # The resolved path of the local file it came from (None for URLs and standard input):
    # what makes an edited file the same source as before, however its path was spelled.
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class Extracted:
    """Clean main text and metadata of one document."""

    source: str
    text: str
    member: str = ""
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None
    raw_hash: str = ""
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str


# The entity types an article's entities can have: spaCy's OntoNotes labels
# for names, as ``analyze.entities`` keeps them, and MISC for a name a language's model
# types only as "other" (the Spanish model's WikiNER labels have no finer type).
ENTITY_TYPES = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "MISC",
)


@dataclass(frozen=True, slots=True)
class Entity:
    """One canonical entity of an article, named by its longest form."""

    id: str
    name: str
    type: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to.

    ``start``/``end``/``text`` are the mention in the sentence (which may be a
    pronoun or a description); ``name`` and ``entity_id`` are what it resolves
    to. An unnamed source has ``anonymous=True`` and its ``description``.
    """

    name: str | None
    start: int | None = None
    end: int | None = None
    text: str | None = None
    entity_id: str | None = None
    role: str | None = None
    anonymous: bool = False
    description: str | None = None


QUOTE_KINDS = ("direct", "partial", "indirect")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quote or reported statement: its content span, kind, cue and speaker."""

    start: int
    end: int
    text: str
    kind: str
    cue: Span | None
    speaker: Speaker | None
    # Set by the store's read path (store.review): the finding's stable key and its review
    # state; neither takes part in equality, so a stored finding equals the one analysed.
    key: str = field(default="", compare=False)
    review: str = field(default="unreviewed", compare=False)


EVIDENCE_TYPES = ("named_person", "anonymous_person", "document", "organization", "outlet")


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a claim rests on; ``start``/``end`` locate the source's mention."""

    type: str
    source: str | None = None
    entity_id: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One reported statement (a sentence, or the content of a quote)."""

    start: int
    end: int
    text: str
    evidence: Evidence
    hedges: tuple[Span, ...] = ()
    quote: int | None = None
    # Set by the store's read path (store.review): the finding's stable key and its review
    # state; neither takes part in equality, so a stored finding equals the one analysed.
    key: str = field(default="", compare=False)
    review: str = field(default="unreviewed", compare=False)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number with its unit, qualifier and what it measures."""

    start: int
    end: int
    text: str
    kind: str
    value: float | None = None
    value_to: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    measure: str | None = None
    # Set by the store's read path (store.review): the finding's stable key and its review
    # state; neither takes part in equality, so a stored finding equals the one analysed.
    key: str = field(default="", compare=False)
    review: str = field(default="unreviewed", compare=False)


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the analysis stage found in one text."""

    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    figures: tuple[Figure, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[TimeExpression, ...] = ()
    events: tuple[Event, ...] = ()
    # The (country, first-level division or None) pairs the text names with confidence when
    # read without its outlet's home: the article's votes for that home (analyze.homes).
    regions: tuple[tuple[str, str | None], ...] = ()
    # False when the text's language has no analysis pipeline (analyze.languages): the
    # article is stored with its text and metadata and nothing else.
    analysed: bool = True


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    version: int
    source: str
    text: str
    content_hash: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    figures: tuple[Figure, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[TimeExpression, ...] = ()
    events: tuple[Event, ...] = ()
    analysed: bool = True
    # The ID of the earliest copy when this article is a near-duplicate (store.duplicates).
    duplicate_of: str | None = None
    # The story cluster the article belongs to (store.stories), if stories were built.
    story_id: str | None = None


@dataclass(frozen=True, slots=True)
class IngestError:
    """A failed input: where it came from, which stage failed, and why."""

    source: str
    stage: str
    code: str
    reason: str
    member: str = ""


@dataclass(frozen=True, slots=True)
class EntitySummary:
    id: str
    name: str
    type: str
    mentions: int
    articles: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: str
    title: str | None
    snippet: str
    rank: float


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article's listing line: everything but its text and entities."""

    id: str
    version: int
    source: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    entities: int


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What storing one document did: ``new``, ``version``, ``unchanged`` or ``duplicate``."""

    outcome: str
    article_id: str
    version: int


@dataclass(frozen=True, slots=True)
class Stats:
    articles: int
    versions: int
    entities: int
    mentions: int
    errors: int
    # Latest versions stored without analysis, in all and by language code.
    not_analysed: int = 0
    not_analysed_languages: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class QuoteHit:
    article_id: str
    title: str | None
    quote: Quote


@dataclass(frozen=True, slots=True)
class ClaimHit:
    article_id: str
    title: str | None
    claim: Claim


PLACE_FEATURES = ("city", "admin", "country", "region", "facility")


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym in the text and the gazetteer entry it resolves to.

    An unresolved toponym keeps its name with ``resolved=False`` and no
    coordinates, so no place of a document is silently dropped.
    """

    start: int
    end: int
    text: str
    name: str
    resolved: bool
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    feature: str | None = None
    confidence: float = 0.0
    # Set by the store's read path (store.review): the finding's stable key and its review
    # state; neither takes part in equality, so a stored finding equals the one analysed.
    key: str = field(default="", compare=False)
    review: str = field(default="unreviewed", compare=False)


DATE_PRECISIONS = ("day", "month", "year", "range")


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A date or period in the text, normalised against the publication date.

    ``start_date``/``end_date`` are ISO dates (YYYY-MM-DD) bounding the
    period; ``precision`` says how much of it the text gave. ``anchored`` is
    False when a relative expression ("last week") had no publication date
    to resolve against, in which case the dates are None.
    """

    start: int
    end: int
    text: str
    precision: str
    start_date: str | None
    end_date: str | None
    anchored: bool = True
    # Set by the store's read path (store.review): the finding's stable key and its review
    # state; neither takes part in equality, so a stored finding equals the one analysed.
    key: str = field(default="", compare=False)
    review: str = field(default="unreviewed", compare=False)


EVENT_STATUSES = ("happened", "ongoing", "planned", "historical", "hypothetical", "negated")
# The sixteen PLOVER event types, as ``analyze.plover`` codes them.
EVENT_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, coded in PLOVER, with the evidence span.

    ``start``/``end`` is the trigger clause; ``quote`` indexes the article's
    quotes when the event is reported inside a quote or reported speech, and
    ``claim`` its claims when the event is stated in a claim, whose evidence
    says what the report rests on. Location and date are attached after coding
    (``place``, ``date``), and so are the figures of the event's sentence
    (``figures``, indexes), so that each report keeps its own numbers.
    """

    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    type: str
    mode: str | None
    trigger: str
    trigger_start: int
    trigger_end: int
    source: str | None
    source_start: int | None
    source_end: int | None
    source_entity_id: str | None
    target: str | None
    target_start: int | None
    target_end: int | None
    target_entity_id: str | None
    status: str
    # A ranking score, not a probability: PLOVER's gold sets give no ground to calibrate
    # it on news (README, "The exported article").
    score: float
    quote: int | None = None
    place: int | None = None
    date: int | None = None
    claim: int | None = None
    figures: tuple[int, ...] = ()
    # Set by the store's read path (store.review): the finding's stable key and its review
    # state; neither takes part in equality, so a stored finding equals the one analysed.
    key: str = field(default="", compare=False)
    review: str = field(default="unreviewed", compare=False)


@dataclass(frozen=True, slots=True)
class EventHit:
    """One report of an event, with its article and the event it belongs to."""

    article_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    event: Event
    place: Place | None
    date: TimeExpression | None
    cluster_id: str
    source_name: str | None
    target_name: str | None
    sourcing: Evidence | None = None  # the evidence of the claim the event is stated in
    figures: tuple[Figure, ...] = ()  # the figures of the event's sentence, in this report
    language: str | None = None  # the reporting article's language


@dataclass(frozen=True, slots=True)
class PlaceSummary:
    name: str
    resolved: bool
    geonames_id: int | None
    latitude: float | None
    longitude: float | None
    country_code: str | None
    admin1: str | None
    feature: str | None
    mentions: int
    articles: int
    # the surface forms the texts write, most frequent first ("Durán" for Eloy Alfaro)
    texts: tuple[str, ...] = ()


REVIEW_STATES = ("unreviewed", "confirmed", "corrected", "rejected")
VERDICTS = ("confirm", "reject", "correct")
# What a verdict can be about, and the fields of each that a correction may replace
# (README, "Review and correction"). Entities change by merge, split and rename.
REVIEW_FIELDS: dict[str, tuple[str, ...]] = {
    "quote": ("speaker", "kind"),
    "claim": ("evidence",),
    "event": ("type", "status", "source", "target", "place", "date", "cluster"),
    "place": ("resolution",),
    "date": ("value",),
    "figure": (),
    "entity": ("merge", "split", "name"),
    "cluster": (),
}


@dataclass(frozen=True, slots=True)
class Verdict:
    """One row of the append-only review journal: a confirmation, a rejection or a
    correction of one finding, with the value it replaced (``old``) and who made it when."""

    id: int
    kind: str
    key: str
    field: str | None
    old: str | None
    new: str | None
    verdict: str
    who: str
    at: str
    note: str | None = None
