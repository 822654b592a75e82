"""Per-step costs for the throughput benchmark: Dossier's conversion steps, timed one by
one over documents that ``nlp.pipe`` has already parsed (``throughput.py`` prints them
unless ``--no-step-costs``)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from typing import Any


def analysis_costs(nlp: Any, texts: Sequence[str], batch_size: int) -> dict[str, float]:
    """Seconds spent in each of Dossier's conversion steps over parsed documents.

    The documents are parsed with ``nlp.pipe`` (not timed here); each step then
    runs on them exactly as ``dossier.analyze.analyze_doc`` runs it.
    """
    from dossier.analyze.attribution import find_quotes
    from dossier.analyze.claims import find_claims
    from dossier.analyze.dates import find_dates
    from dossier.analyze.entities import doc_entities
    from dossier.analyze.events import find_events
    from dossier.analyze.figures import find_figures
    from dossier.analyze.homes import Home, regions_named
    from dossier.analyze.placeindex import place_index
    from dossier.analyze.places import place_mentions, resolve_mentions
    from dossier.analyze.speakers import SpeakerResolver

    place_index()  # built once per process, before timing, as ingest has already built it
    costs = {
        "entities": 0.0,
        "quotes and claims": 0.0,
        "figures": 0.0,
        "places": 0.0,
        "dates": 0.0,
        "events": 0.0,
    }
    read: list[tuple[tuple[str, str | None], ...]] = []
    votes: Counter[tuple[str, str | None]] = Counter()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        started = time.perf_counter()
        entities = doc_entities(doc)
        costs["entities"] += time.perf_counter() - started
        started = time.perf_counter()
        resolver = SpeakerResolver(doc, doc.text, entities)
        quotes = find_quotes(doc, entities, resolver)
        find_claims(doc, entities, quotes, resolver)
        costs["quotes and claims"] += time.perf_counter() - started
        started = time.perf_counter()
        find_figures(doc)
        costs["figures"] += time.perf_counter() - started
        started = time.perf_counter()
        # As ingest reads places: alone (the article's votes), then with the home the
        # outlet's earlier articles give; the set is one outlet's.
        toponyms = place_mentions(doc.text, entities)
        alone = resolve_mentions(doc.text, toponyms)
        if home := Home.learn(len(read), votes):
            resolve_mentions(doc.text, toponyms, home=home)
        read.append(regions_named(alone))
        votes.update(read[-1])
        costs["places"] += time.perf_counter() - started
        started = time.perf_counter()
        find_dates(doc, None)
        costs["dates"] += time.perf_counter() - started
        started = time.perf_counter()
        find_events(doc, entities, quotes)
        costs["events"] += time.perf_counter() - started
    return costs
