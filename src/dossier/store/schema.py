"""The versioned schema, as ordered migrations for each dialect.

A migration is applied once, in a transaction, and recorded in
``schema_version``. Add new migrations at the end; never edit an applied one.
"""

from __future__ import annotations

from ..stories import STEMMERS
from .query import ENGLISH, stemmed

SCHEMA_VERSION = 14

_COMMON = [
    """CREATE TABLE articles (
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        latest INTEGER NOT NULL DEFAULT 1,
        source TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        title TEXT,
        author TEXT,
        published TEXT,
        language TEXT,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        PRIMARY KEY (id, version)
    )""",
    "CREATE INDEX articles_content_hash ON articles (content_hash)",
    "CREATE INDEX articles_latest ON articles (latest, id)",
    """CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL
    )""",
    """CREATE TABLE mentions (
        article_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        entity_id TEXT NOT NULL REFERENCES entities (id),
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text TEXT NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (article_id, version, start_char, end_char),
        FOREIGN KEY (article_id, version) REFERENCES articles (id, version)
    )""",
    "CREATE INDEX mentions_entity ON mentions (entity_id)",
    """CREATE TABLE inputs (
        source TEXT NOT NULL,
        member TEXT NOT NULL,
        raw_hash TEXT NOT NULL,
        article_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (source, member, raw_hash)
    )""",
    """CREATE TABLE errors (
        source TEXT NOT NULL,
        member TEXT NOT NULL,
        stage TEXT NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (source, member)
    )""",
]

_QUOTES_CLAIMS_FIGURES = [
    """CREATE TABLE quotes (
        article_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        cue_start INTEGER,
        cue_end INTEGER,
        cue_text TEXT,
        speaker_name TEXT,
        speaker_entity_id TEXT,
        speaker_role TEXT,
        speaker_anonymous INTEGER NOT NULL DEFAULT 0,
        speaker_description TEXT,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_text TEXT,
        PRIMARY KEY (article_id, version, idx),
        FOREIGN KEY (article_id, version) REFERENCES articles (id, version)
    )""",
    "CREATE INDEX quotes_speaker ON quotes (speaker_entity_id)",
    """CREATE TABLE claims (
        article_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text TEXT NOT NULL,
        evidence_type TEXT NOT NULL,
        evidence_source TEXT,
        evidence_entity_id TEXT,
        evidence_start INTEGER,
        evidence_end INTEGER,
        hedges TEXT NOT NULL,
        quote_idx INTEGER,
        PRIMARY KEY (article_id, version, idx),
        FOREIGN KEY (article_id, version) REFERENCES articles (id, version)
    )""",
    "CREATE INDEX claims_evidence ON claims (evidence_type)",
    """CREATE TABLE figures (
        article_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        value DOUBLE PRECISION,
        value_to DOUBLE PRECISION,
        unit TEXT,
        qualifier TEXT,
        measure TEXT,
        PRIMARY KEY (article_id, version, idx),
        FOREIGN KEY (article_id, version) REFERENCES articles (id, version)
    )""",
    """CREATE TABLE entity_aliases (
        alias TEXT NOT NULL,
        type TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        PRIMARY KEY (alias, type)
    )""",
    "CREATE INDEX entity_aliases_entity ON entity_aliases (entity_id)",
    """CREATE TABLE entity_merges (
        from_id TEXT PRIMARY KEY,
        to_id TEXT NOT NULL,
        made_at TEXT NOT NULL
    )""",
    """CREATE TABLE entity_splits (
        alias TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        made_at TEXT NOT NULL,
        PRIMARY KEY (alias, entity_id)
    )""",
]

_EVENTS_PLACES_DATES = [
    """CREATE TABLE places (
        article_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text TEXT NOT NULL,
        name TEXT NOT NULL,
        resolved INTEGER NOT NULL,
        geonames_id BIGINT,
        latitude DOUBLE PRECISION,
        longitude DOUBLE PRECISION,
        country_code TEXT,
        admin1 TEXT,
        feature TEXT,
        confidence DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (article_id, version, idx),
        FOREIGN KEY (article_id, version) REFERENCES articles (id, version)
    )""",
    "CREATE INDEX places_geonames ON places (geonames_id)",
    """CREATE TABLE dates (
        article_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text TEXT NOT NULL,
        precision TEXT NOT NULL,
        start_date TEXT,
        end_date TEXT,
        anchored INTEGER NOT NULL,
        PRIMARY KEY (article_id, version, idx),
        FOREIGN KEY (article_id, version) REFERENCES articles (id, version)
    )""",
    """CREATE TABLE events (
        article_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text TEXT NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        type TEXT NOT NULL,
        mode TEXT,
        trigger TEXT NOT NULL,
        trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL,
        source TEXT,
        source_start INTEGER,
        source_end INTEGER,
        source_entity_id TEXT,
        target TEXT,
        target_start INTEGER,
        target_end INTEGER,
        target_entity_id TEXT,
        status TEXT NOT NULL,
        confidence DOUBLE PRECISION NOT NULL,
        quote_idx INTEGER,
        place_idx INTEGER,
        date_idx INTEGER,
        cluster_id TEXT NOT NULL,
        PRIMARY KEY (article_id, version, idx),
        FOREIGN KEY (article_id, version) REFERENCES articles (id, version)
    )""",
    "CREATE INDEX events_type ON events (type)",
    "CREATE INDEX events_cluster ON events (cluster_id)",
]

# Each article's votes for its outlet's home (analyze.homes); admin1 '' votes for a country.
_REGIONS = [
    """CREATE TABLE regions (
        article_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        country_code TEXT NOT NULL,
        admin1 TEXT NOT NULL,
        PRIMARY KEY (article_id, version, country_code, admin1),
        FOREIGN KEY (article_id, version) REFERENCES articles (id, version)
    )""",
    "CREATE INDEX articles_outlet ON articles (outlet, latest)",
]

# The claim an event is stated in (its sourcing).
_EVENT_CLAIMS = ["ALTER TABLE events ADD COLUMN claim_idx INTEGER"]
# The figures of an event's sentence, as a JSON list of indexes into the article's figures.
_EVENT_FIGURES = ["ALTER TABLE events ADD COLUMN figure_idxs TEXT NOT NULL DEFAULT '[]'"]

# The language gate and local identity: whether an article was analysed (0 when its language
# has no analysis pipeline), and the resolved path of the local file an input came from, so an
# edited file becomes the next version of the article it produced.
_GATE_AND_ORIGIN = [
    "ALTER TABLE articles ADD COLUMN analysed INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE inputs ADD COLUMN origin TEXT",
    "CREATE INDEX inputs_origin ON inputs (origin, member)",
]

# Blocking keys for linking reports of one event across articles (store.event_links): a
# new report looks up its candidates by key instead of scanning every event of its type.
_EVENT_KEYS = [
    """CREATE TABLE event_keys (
        article_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        key TEXT NOT NULL,
        PRIMARY KEY (article_id, version, idx, key),
        FOREIGN KEY (article_id, version) REFERENCES articles (id, version)
    )""",
    "CREATE INDEX event_keys_key ON event_keys (key)",
]

# The review journal (store.review): append-only verdicts on findings, applied at read
# time, and each finding's stable key (store.review_keys), which the journal refers to.
_FINDING_TABLES = ("quotes", "claims", "figures", "places", "dates", "events")
_REVIEW_KEYS = [
    *(f"ALTER TABLE {t} ADD COLUMN key TEXT" for t in _FINDING_TABLES),
    *(f"CREATE INDEX {t}_key ON {t} (key)" for t in _FINDING_TABLES),
]
_JOURNAL_COLUMNS = """
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        article_id TEXT,
        field TEXT,
        old TEXT,
        new TEXT,
        verdict TEXT NOT NULL,
        who TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        note TEXT
    )"""
_JOURNAL_INDEXES = [
    "CREATE INDEX review_journal_key ON review_journal (key)",
    "CREATE INDEX review_journal_article ON review_journal (article_id)",
]
_REVIEW_SQLITE = [
    *_REVIEW_KEYS,
    "CREATE TABLE review_journal (id INTEGER PRIMARY KEY AUTOINCREMENT," + _JOURNAL_COLUMNS,
    *_JOURNAL_INDEXES,
    *(
        f"CREATE TRIGGER review_journal_no_{op.lower()} BEFORE {op} ON review_journal "
        "BEGIN SELECT RAISE(ABORT, 'the review journal is append-only'); END"
        for op in ("UPDATE", "DELETE")
    ),
]
_REVIEW_POSTGRES = [
    *_REVIEW_KEYS,
    "CREATE TABLE review_journal (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    + _JOURNAL_COLUMNS,
    *_JOURNAL_INDEXES,
    "CREATE FUNCTION review_journal_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'the review journal is append-only'; END $$",
    "CREATE TRIGGER review_journal_append_only BEFORE UPDATE OR DELETE ON review_journal "
    "FOR EACH ROW EXECUTE FUNCTION review_journal_append_only()",
]

# Serving a large store (issue 9): an event's day (its date's start, else its article's
# publication date) kept on the row so the events list, the timeline and the map read
# them in day order from an index and stop at the page, instead of sorting every
# report; indexes for the entity page (mentions by entity and by article, events by
# actor) and for the journal's latest verdict per key.
EVENT_DAY = (
    "UPDATE events SET day = coalesce((SELECT d.start_date FROM dates d "
    "WHERE d.article_id = events.article_id AND d.version = events.version "
    "AND d.idx = events.date_idx), (SELECT a.published FROM articles a "
    "WHERE a.id = events.article_id AND a.version = events.version))"
)
_SERVING = [
    "ALTER TABLE events ADD COLUMN day TEXT",
    EVENT_DAY,
    "CREATE INDEX events_day ON events (day, article_id, idx)",
    "CREATE INDEX events_type_day ON events (type, day, article_id, idx)",
    "CREATE INDEX events_source_entity ON events (source_entity_id)",
    "CREATE INDEX events_target_entity ON events (target_entity_id)",
    "CREATE INDEX events_place ON events (article_id, version, place_idx)",
    "CREATE INDEX mentions_entity_article ON mentions (entity_id, article_id, version)",
    "CREATE INDEX mentions_article_entity ON mentions (article_id, version, entity_id)",
    # Name filters read the distinct stored names (store.matching) from these.
    "CREATE INDEX quotes_speaker_name ON quotes (speaker_name)",
    "CREATE INDEX quotes_speaker_text ON quotes (speaker_text)",
    "CREATE INDEX events_source ON events (source)",
    "CREATE INDEX events_target ON events (target)",
    "CREATE INDEX places_name ON places (name)",
    "CREATE INDEX places_text ON places (text)",
    "CREATE INDEX review_journal_key_id ON review_journal (key, id)",
    "CREATE INDEX places_resolved ON places (resolved, geonames_id)",
    # stats(): the articles a language gate held back, without reading article rows.
    "CREATE INDEX articles_analysed ON articles (latest, analysed, language)",
]

# The entity page's quotes about an entity (serve.queries.quotes_about) join its mentions
# to the quotes that contain them by span: both sides covered, so neither reads table
# rows. The mentions index replaces schema 10's (entity_id, article_id, version), its
# prefix. Speaker name filters (store.matching) read the third speaker column too.
_SERVING_11 = [
    "CREATE INDEX mentions_entity_span ON mentions "
    "(entity_id, article_id, version, start_char, end_char)",
    "DROP INDEX mentions_entity_article",
    "CREATE INDEX quotes_span ON quotes (article_id, version, start_char, end_char)",
    "CREATE INDEX quotes_speaker_description ON quotes (speaker_description)",
]

# Near-duplicates (store.duplicates): each article version's MinHash LSH band digests,
# looked up by band, and the earliest copy a latest article is a near-duplicate of.
_DUPLICATES = [
    """CREATE TABLE article_bands (
        band TEXT NOT NULL,
        article_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (band, article_id, version),
        FOREIGN KEY (article_id, version) REFERENCES articles (id, version)
    )""",
    "ALTER TABLE articles ADD COLUMN duplicate_of TEXT",
    "CREATE INDEX articles_duplicate_of ON articles (duplicate_of, latest)",
]

# Story clusters (store.stories): each article's story profile, kept so that a rebuild
# reads a few hundred bytes an article rather than its text; the stories themselves,
# rebuilt from the profiles after each ingest; and the articles a rebuild has yet to see.
_STORIES = [
    "ALTER TABLE articles ADD COLUMN story_terms TEXT",
    """CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        label TEXT,
        first_day TEXT NOT NULL,
        last_day TEXT NOT NULL,
        reports INTEGER NOT NULL,
        copies INTEGER NOT NULL,
        outlets INTEGER NOT NULL,
        first_article TEXT NOT NULL,
        central_article TEXT NOT NULL
    )""",
    """CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL REFERENCES stories (id),
        copy_of TEXT,
        similarity DOUBLE PRECISION NOT NULL
    )""",
    "CREATE INDEX story_articles_story ON story_articles (story_id)",
    "CREATE INDEX stories_first_day ON stories (first_day, id)",
    "CREATE INDEX stories_last_day ON stories (last_day)",
    # Articles whose profile was written since the last rebuild: where it starts.
    "CREATE TABLE story_pending (article_id TEXT PRIMARY KEY)",
]

# Search in every language Dossier analyses. SQLite: the FTS5 table gains a ``stems``
# column, the Snowball stems of a text in a language other than English (store.query.stems;
# FTS5's Porter tokenizer stems only English), filled for stored articles by
# ``SqlStore._backfill_stems``; row IDs are kept, which the serving index reads.
# PostgreSQL: the search vector is built with the text search configuration of the
# article's language.
_SEARCH_STEMS_SQLITE = [
    "CREATE VIRTUAL TABLE articles_fts_14 USING fts5(title, text, stems, article_id UNINDEXED, "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "INSERT INTO articles_fts_14 (rowid, title, text, stems, article_id) "
    "SELECT rowid, title, text, '', article_id FROM articles_fts",
    "DROP TABLE articles_fts",
    "ALTER TABLE articles_fts_14 RENAME TO articles_fts",
]


def search_vector_sql() -> str:
    """The PostgreSQL expression of an article's search vector: its title (weight A) and
    text, read with the text search configuration of its language, English by default."""

    def vector(config: str) -> str:
        return (
            f"setweight(to_tsvector('{config}', coalesce(title, '')), 'A') || "
            f"to_tsvector('{config}', text)"
        )

    cases = " ".join(f"WHEN '{code}' THEN {vector(STEMMERS[code])}" for code in stemmed())
    return (
        f"CASE split_part(lower(coalesce(language, '')), '-', 1) {cases} "
        f"ELSE {vector(STEMMERS[ENGLISH])} END"
    )


_SEARCH_STEMS_POSTGRES = [
    "ALTER TABLE articles DROP COLUMN search",
    f"ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS ({search_vector_sql()}) STORED",
    "CREATE INDEX articles_search ON articles USING GIN (search)",
]

MIGRATIONS: dict[str, list[tuple[int, list[str]]]] = {
    "sqlite": [
        (
            1,
            [
                *_COMMON,
                "CREATE VIRTUAL TABLE articles_fts USING fts5("
                "title, text, article_id UNINDEXED, tokenize='porter unicode61 remove_diacritics 2')",
            ],
        ),
        (2, _QUOTES_CLAIMS_FIGURES),
        (3, _EVENTS_PLACES_DATES),
        (4, _REGIONS),
        (5, _EVENT_CLAIMS),
        (6, _EVENT_FIGURES),
        (7, _GATE_AND_ORIGIN),
        (8, _EVENT_KEYS),
        (9, _REVIEW_SQLITE),
        (10, _SERVING),
        (11, _SERVING_11),
        (12, _DUPLICATES),
        (13, _STORIES),
        (14, _SEARCH_STEMS_SQLITE),
    ],
    "postgres": [
        (
            1,
            [
                *_COMMON,
                "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS "
                "(setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
                "to_tsvector('english', text)) STORED",
                "CREATE INDEX articles_search ON articles USING GIN (search)",
            ],
        ),
        (2, _QUOTES_CLAIMS_FIGURES),
        (3, _EVENTS_PLACES_DATES),
        (4, _REGIONS),
        (5, _EVENT_CLAIMS),
        (6, _EVENT_FIGURES),
        (7, _GATE_AND_ORIGIN),
        (8, _EVENT_KEYS),
        (9, _REVIEW_POSTGRES),
        (10, _SERVING),
        (11, _SERVING_11),
        (12, _DUPLICATES),
        (13, _STORIES),
        (14, _SEARCH_STEMS_POSTGRES),
    ],
}
