"""The bundled sample corpus ingests completely, with its versions, on both stores."""

from __future__ import annotations

from dossier.config import Settings
from dossier.pipeline import Ingest
from dossier.store import SqlStore

from .conftest import SAMPLES


def test_sample_corpus(store: SqlStore) -> None:
    summary = Ingest(store, settings=Settings(), progress=False).run([str(SAMPLES)])
    assert summary.errors == []
    assert (summary.new, summary.versions) == (37, 2)
    rows = store.articles()
    assert len(rows) == 37
    outlets = {row.outlet for row in rows if row.outlet}
    assert len(outlets) >= 6
    updated = [row for row in rows if len(store.versions(row.id)) == 2]
    assert len(updated) == 2
    for row in updated:
        old, new = store.article(row.id, 1), store.article(row.id, 2)
        assert old is not None and new is not None and old.text != new.text
        assert new.source.startswith(str(SAMPLES / "updates"))
    from_feed = [row for row in rows if row.source.endswith(".rss")]
    from_crawl = [row for row in rows if row.source.endswith(".warc.gz")]
    assert len(from_feed) == 4 and len(from_crawl) == 3
    for row in rows:
        article = store.article(row.id)
        assert article is not None and row.title
        for junk in ("Popular posts from this blog", "All rights reserved", "Subscribe to"):
            assert junk not in article.text, (row.source, junk)
    quito = [e for e in store.entities("GPE") if e.name.casefold() == "quito"]
    assert [e.name for e in quito] == ["Quito"]

    again = Ingest(store, settings=Settings(), progress=False).run([str(SAMPLES)])
    assert (again.new, again.versions, again.errors) == (0, 0, [])
