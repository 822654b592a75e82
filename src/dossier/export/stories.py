"""The stories export: one JSON object per story cluster, as ``dossier story --json`` and
``/api/stories/{id}`` give it, the stories in order of their first report."""

from __future__ import annotations

import json
from typing import IO

from ..store import SqlStore


def write_stories(store: SqlStore, out: IO[str], min_reports: int = 1) -> int:
    count = 0
    for listed in store.stories(min_reports=min_reports, by_first_report=True):
        story = store.story(listed["id"])
        if story is None:
            continue
        out.write(json.dumps(story, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
