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


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class Entity:
    """One canonical entity of an article, named by its longest form."""

    id: str
    name: str
    type: str
    mentions: tuple[Mention, ...]


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
