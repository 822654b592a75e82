"""Story clusters: the articles about one story, across outlets and over days.

A story is one incident or development and its direct follow-ups: a raid, then the
arraignment of those it detained. Two raids in one city a month apart are two stories.

Each article's *profile* is what it is about: the stemmed content words of its title
(counted ``TITLE_WEIGHT`` times) and of its lead, the first ``LEAD_WORDS`` words, since
later paragraphs of news reports are background that several stories share; plus the
entities it mentions, as ``@entity-id`` terms, which are the same in every language.
Profiles are weighted by TF-IDF over the corpus and compared by cosine.

Clustering is one pass in time order (day, then article ID). An article joins the most
similar story whose latest report is at most ``WINDOW_DAYS`` older and whose first is at
most ``SPAN_DAYS`` older, when the cosine with that story's centroid reaches
``THRESHOLD``; otherwise it starts a story. Candidates come from an inverted index of
the open stories' centroid terms, leaving out terms in more than ``MAX_DF`` of the corpus
and terms in more than ``MAX_POSTINGS`` open stories, so each article is scored against
the few stories that share a distinctive term with it, never against every story, and the
cost grows with the corpus, not its square. A near-duplicate joins its earliest copy's
story as a copy and is not a new report.

The pass reads only stored articles and their order is fixed, so the stories are the same
for any ingest order, any number of workers and any engine; the store rebuilds them after
each ingest. The constants were chosen on the tune part of ``samples/stories``
(``benchmarks/stories.py``).
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache
from importlib import resources

import snowballstemmer

from .keys import fold

TITLE_WEIGHT = 3
LEAD_WORDS = 150
ENTITY_WEIGHT = 2.0
THRESHOLD = 0.15
WINDOW_DAYS = 10
# Follow-ups keep a story open, but a story that runs on for more than a month has become
# a topic: its later reports start a new story, so chains of similar days cannot drift.
SPAN_DAYS = 30
MAX_DF = 0.2
ARTICLE_TERMS = 40
MAX_POSTINGS = 500
CENTROID_TERMS = 80

# Languages with a Snowball stemmer, by code; the names are also PostgreSQL's text search
# configurations (store.search_language).
STEMMERS = {"en": "english", "es": "spanish", "pt": "portuguese", "fr": "french"}
_WORD = re.compile(r"[^\W\d_]{3,}")


@cache
def stopwords(language: str) -> frozenset[str]:
    """The function words of a language (``resources/stopwords/<language>.txt``); a
    language without a list uses English's, which at worst keeps a few extra terms."""
    folder = resources.files("dossier") / "resources" / "stopwords"
    path = folder / f"{language}.txt"
    if not path.is_file():
        path = folder / "en.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(fold(line).split())
    return frozenset(words)


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer | None:
    name = STEMMERS.get(language)
    return snowballstemmer.stemmer(name) if name else None


@lru_cache(maxsize=200_000)
def _term(language: str, word: str) -> str | None:
    """A casefolded word's term, or None for a function word. The pure-Python stemmers
    take about 0.1 ms a word and news vocabulary repeats, so each word is read once per
    process."""
    if fold(word) in stopwords(language):
        return None
    stemmer = _stemmer(language)
    return fold(stemmer.stemWord(word) if stemmer else word)


def words(text: str, language: str | None) -> list[str]:
    """Folded, stemmed content words: three letters or more, function words left out.
    Words are stemmed before they are folded, since the stemmers read accents."""
    lang = (language or "en").split("-")[0].lower()
    terms = (_term(lang, w) for w in _WORD.findall(text.casefold()))
    return [t for t in terms if t is not None]


def profile(
    title: str | None, text: str, language: str | None, entities: Mapping[str, int] | None = None
) -> dict[str, float]:
    """What an article is about, as term counts (see the module docstring)."""
    counts: Counter[str] = Counter()
    for w in words(title or "", language):
        counts[w] += TITLE_WEIGHT
    lead = " ".join(text.split()[:LEAD_WORDS])
    counts.update(words(lead, language))
    out = {t: float(n) for t, n in counts.items()}
    for eid, n in (entities or {}).items():
        out[f"@{eid}"] = ENTITY_WEIGHT * min(n, 3)
    return out


@dataclass(frozen=True)
class StoryInput:
    """One stored article, as the clustering pass sees it."""

    id: str
    day: str
    terms: Mapping[str, float]
    copy_of: str | None = None


@dataclass(frozen=True)
class StoryGroup:
    id: str
    members: tuple[str, ...]
    copies: tuple[tuple[str, str], ...]
    similarity: Mapping[str, float]
    central: str


@dataclass
class _Open:
    id: str
    seq: int
    first: date
    last: date
    members: list[str] = field(default_factory=list)
    sums: dict[str, float] = field(default_factory=dict)
    centroid: dict[str, float] = field(default_factory=dict)
    similarity: dict[str, float] = field(default_factory=dict)


def story_id(first_article: str) -> str:
    """A story's ID follows its first report, so it stays put while reports are added."""
    return "s" + hashlib.blake2b(first_article.encode(), digest_size=8).hexdigest()[:15]


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return date.min


def _unit(vec: Mapping[str, float], keep: int) -> dict[str, float]:
    top = heapq.nlargest(keep, vec.items(), key=lambda kv: (kv[1], kv[0]))
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {t: v / norm for t, v in top}


class Clusterer:
    """The time-ordered pass over one corpus (see the module docstring)."""

    def __init__(
        self,
        df: Mapping[str, int],
        documents: int,
        threshold: float = THRESHOLD,
        window_days: int = WINDOW_DAYS,
    ) -> None:
        self.documents = max(documents, 1)
        self.threshold = threshold
        self.window = timedelta(days=window_days)
        self.span = timedelta(days=SPAN_DAYS)
        # A term in more than MAX_DF of the corpus names no story; keep it only in
        # corpora too small to judge.
        cap = MAX_DF * self.documents if self.documents >= 50 else float("inf")
        self.idf = {
            t: math.log((1 + self.documents) / (1 + n)) + 1.0 for t, n in df.items() if n <= cap
        }
        self.open: dict[str, _Open] = {}
        self.index: dict[str, set[str]] = {}
        self.expiry: list[tuple[date, str]] = []
        self.done: list[_Open] = []
        self.created = 0

    def vector(self, terms: Mapping[str, float]) -> dict[str, float]:
        raw = {
            t: (1.0 + math.log(n)) * self.idf[t]
            for t, n in terms.items()
            if n > 0 and t in self.idf
        }
        return _unit(raw, ARTICLE_TERMS)

    def _close_before(self, day: date) -> None:
        while self.expiry and self.expiry[0][0] < day - self.window:
            last, sid = heapq.heappop(self.expiry)
            story = self.open.get(sid)
            if story is None or story.last != last:
                continue
            for t in story.centroid:
                self.index[t].discard(sid)
            # A closed story keeps only what the labels need.
            story.sums = {}
            if len(story.members) < 2:
                story.centroid = {}
            self.done.append(self.open.pop(sid))

    def add(self, doc: StoryInput) -> None:
        day = _day(doc.day)
        self._close_before(day)
        vec = self.vector(doc.terms)
        scores: dict[str, float] = {}
        for t, w in vec.items():
            postings = self.index.get(t, ())
            # A term in the centroids of very many open stories tells none of them apart,
            # and on a crowded day scoring it would cost more than the rest together.
            if len(postings) > MAX_POSTINGS:
                continue
            for sid in postings:
                scores[sid] = scores.get(sid, 0.0) + w * self.open[sid].centroid[t]
        for sid in [s for s in scores if day - self.open[s].first > self.span]:
            del scores[sid]
        best = max(scores.items(), key=lambda kv: (kv[1], kv[0]), default=None)
        if best is not None and best[1] >= self.threshold:
            story = self.open[best[0]]
            story.similarity[doc.id] = round(best[1], 4)
        else:
            story = _Open(id=story_id(doc.id), seq=self.created, first=day, last=day)
            self.created += 1
            self.open[story.id] = story
            story.similarity[doc.id] = 1.0
        story.members.append(doc.id)
        story.last = max(story.last, day)
        for t, w in vec.items():
            story.sums[t] = story.sums.get(t, 0.0) + w
        # A long story's sums keep only their strongest terms, so an update costs the
        # same for the hundredth report as for the second.
        if len(story.sums) > 3 * CENTROID_TERMS:
            story.sums = dict(
                heapq.nlargest(
                    CENTROID_TERMS * 2, story.sums.items(), key=lambda kv: (kv[1], kv[0])
                )
            )
        for t in story.centroid:
            self.index[t].discard(story.id)
        story.centroid = _unit(story.sums, CENTROID_TERMS)
        for t in story.centroid:
            self.index.setdefault(t, set()).add(story.id)
        heapq.heappush(self.expiry, (story.last, story.id))

    def finish(self) -> list[_Open]:
        out = sorted(self.done + list(self.open.values()), key=lambda s: s.seq)
        self.done, self.open, self.index, self.expiry = [], {}, {}, []
        return out


def document_frequencies(docs: Iterable[StoryInput]) -> tuple[Counter[str], int]:
    """How many original articles (copies left out) hold each term, and how many there are."""
    df: Counter[str] = Counter()
    n = 0
    for doc in docs:
        if doc.copy_of is None:
            df.update(doc.terms.keys())
            n += 1
    return df, n


def cluster(
    read: Callable[[], Iterable[StoryInput]],
    threshold: float = THRESHOLD,
    window_days: int = WINDOW_DAYS,
    weights: tuple[Counter[str], int] | None = None,
) -> list[StoryGroup]:
    """Group articles into stories, in order of each story's first report.

    ``read`` yields the articles in time order (day, then ID) each time it is called; it
    is read three times (which article copies which, with the document frequencies;
    the pass; the labels) so that no pass holds every profile. ``weights`` gives the
    document frequencies of a larger corpus when ``read`` yields only part of it (a
    rebuild from a given day)."""
    copy_of: dict[str, str | None] = {}

    def listed() -> Iterator[StoryInput]:
        for doc in read():
            copy_of[doc.id] = doc.copy_of
            yield doc

    counted = document_frequencies(listed())
    df, n = weights if weights is not None else counted
    clusterer = Clusterer(df, n, threshold, window_days)
    copies: list[tuple[str, str]] = []
    for doc in read():
        # A copy joins its earliest copy's story; the store keeps duplicate_of pointing
        # at a group's root, so a root that is itself a copy means a stale link.
        if doc.copy_of is not None and doc.copy_of in copy_of and copy_of[doc.copy_of] is None:
            copies.append((doc.id, doc.copy_of))
        else:
            clusterer.add(doc)
    stories = clusterer.finish()
    story_of = {m: s for s in stories for m in s.members}
    central: dict[str, tuple[float, str]] = {}
    for doc in read():
        story = story_of.get(doc.id)
        if story is None or len(story.members) < 2:
            continue
        vec = clusterer.vector(doc.terms)
        cos = sum(w * story.centroid.get(t, 0.0) for t, w in vec.items())
        # The most central report names the story; ties go to the earlier one.
        if story.id not in central or cos > central[story.id][0] + 1e-9:
            central[story.id] = (cos, doc.id)
    attached: dict[str, list[tuple[str, str]]] = {}
    for copy, root in copies:
        attached.setdefault(story_of[root].id, []).append((copy, root))
    return [
        StoryGroup(
            id=s.id,
            members=tuple(s.members),
            copies=tuple(attached.get(s.id, ())),
            similarity=dict(s.similarity),
            central=central.get(s.id, (0.0, s.members[0]))[1],
        )
        for s in stories
    ]
