"""What every router takes: a store from the application's pool."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from ...store import SqlStore
from ..params import Page, Review, page, review


def _store(request: Request) -> Iterator[SqlStore]:
    with request.app.state.pool.store() as store:
        yield store


StoreDep = Annotated[SqlStore, Depends(_store)]
PageDep = Annotated[Page, Depends(page)]
ReviewDep = Annotated[Review, Depends(review)]
