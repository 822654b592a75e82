"""The context step's support matrices, computed a block of rows at a time, give the very
resolutions the whole matrices gave; and their memory grows linearly with the candidates."""

from __future__ import annotations

import re
import tracemalloc

import numpy as np
import pytest

from dossier.analyze import places
from dossier.analyze.homes import Home
from dossier.analyze.places import (
    ADMIN2,
    CITY,
    COUNTRY,
    COUNTRY_WEIGHT,
    HOME_COUNTRY_WEIGHT,
    HOME_DIVISION_WEIGHT,
    MAX_SUPPORT,
    NEAR_KM,
    OUTLET_WEIGHT,
    PLACE_WEIGHT,
    REGION,
    ROUNDS,
    _prior,
    _Toponym,
    resolve_mentions,
)
from dossier.models import Mention

# Written for this test: a regional round-up naming many towns, several of them names that
# many places bear (Springfield, Columbus, Paris, Richmond, Alexandria, Santa Rosa).
ROUNDUP = (
    "Storms crossed the Midwest on Monday. In Springfield, Illinois, the river rose past "
    "Peoria and Decatur, and schools closed in Champaign, Bloomington and Joliet. Farther "
    "east, Columbus, Dayton, Toledo and Cincinnati reported power cuts, as did Louisville, "
    "Lexington and Richmond in Kentucky. Crews from Indianapolis, Fort Wayne and Evansville "
    "drove south to Nashville, Memphis and Knoxville. In Texas, Paris and Tyler saw hail, "
    "and Dallas, Austin and Houston braced for more. Abroad, flights from Madrid, Lisbon, "
    "Paris and Rome to Chicago were delayed; Toronto, Montreal and Ottawa stayed dry. "
    "Relief groups in Alexandria, Louisiana, and in Shreveport, Monroe and Lafayette sent "
    "water to Jackson, Mississippi, and to Mobile and Montgomery in Alabama. Santa Rosa, "
    "Sacramento and Fresno in California were spared, as were Quito, Guayaquil, Cuenca and "
    "Manta in Ecuador, and Lima and Arequipa in Peru."
)
PLACE_WORDS = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?\b")
NOT_PLACES = {"Storms", "In", "Farther", "Crews", "Abroad", "Relief", "Midwest", "On"}


def roundup_mentions() -> list[Mention]:
    found = []
    for m in PLACE_WORDS.finditer(ROUNDUP):
        if m.group(0).split()[0] not in NOT_PLACES and m.group(0) != "Monday":
            found.append(Mention(m.start(), m.end(), m.group(0), "GPE"))
    return found


def dense_contextualise(
    toponyms: list[_Toponym], outlet_cc: str | None, home: Home | None = None
) -> None:
    """The context step as it was before the blocks: whole N x N matrices (kept here as
    the reference the blockwise step must equal)."""
    """Re-weigh every toponym's candidates by the support of the others (module doc, 4)."""
    live = [t for t in toponyms if len(t.candidates) > 0]
    if not live or (len(live) < 2 and outlet_cc is None and home is None):
        return
    entries = [e for t in live for e, _ in t.candidates]
    sizes = [len(t.candidates) for t in live]
    starts = np.cumsum([0, *sizes[:-1]])
    group = np.repeat(np.arange(len(live)), sizes)
    prior = np.array([_prior(e, p) for t in live for e, p in t.candidates])
    level = np.array([e.level for e in entries])
    codes: dict[object, int] = {}
    cc = np.array([codes.setdefault(e.country, len(codes)) if e.country else -1 for e in entries])
    a1 = np.array(
        [codes.setdefault((e.country, e.admin1), len(codes)) if e.admin1 else -1 for e in entries]
    )
    lat = np.radians([e.latitude for e in entries])
    lon = np.radians([e.longitude for e in entries])
    local = (level == CITY) | (level == ADMIN2)
    # [i, j]: how much candidate j, if right, supports candidate i. Sharing a country counts
    # once however many toponyms share it; sharing a division or a neighbourhood adds up.
    same_cc = (cc[:, None] == cc[None, :]) & (cc[:, None] >= 0)
    same_a1 = (a1[:, None] == a1[None, :]) & (a1[:, None] >= 0)
    dlat, dlon = lat[:, None] - lat[None, :], lon[:, None] - lon[None, :]
    h = np.sin(dlat / 2) ** 2 + np.outer(np.cos(lat), np.cos(lat)) * np.sin(dlon / 2) ** 2
    km = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    nearby = np.maximum(same_a1, np.exp(-km / NEAR_KM) * (local[:, None] & local[None, :]))
    for matrix in (same_cc, nearby):
        matrix[:, level == REGION] = 0
        matrix[level == REGION, :] = 0
    bonus = np.zeros(len(entries))
    if outlet_cc is not None and outlet_cc in codes:
        bonus += OUTLET_WEIGHT * (cc == codes[outlet_cc])
    if home is not None:
        bonus += HOME_COUNTRY_WEIGHT * np.array([home.country(e.country) for e in entries])
        bonus += HOME_DIVISION_WEIGHT * np.array(
            [home.division(e.country, e.admin1) if e.level != COUNTRY else 0.0 for e in entries]
        )
    probs = np.concatenate([np.array(t.probs) for t in live])
    rows = np.arange(len(entries))
    for _ in range(ROUNDS):
        plausible = (probs / np.maximum.reduceat(probs, starts)[group])[None, :]
        by_country = np.maximum.reduceat(same_cc * plausible, starts, axis=1)
        by_country[rows, group] = 0.0
        by_place = np.maximum.reduceat(nearby * plausible, starts, axis=1)
        by_place[rows, group] = 0.0
        scores = prior + bonus + COUNTRY_WEIGHT * by_country.max(axis=1)
        scores += PLACE_WEIGHT * np.minimum(by_place.sum(axis=1), MAX_SUPPORT)
        scores -= np.maximum.reduceat(scores, starts)[group]
        weights = np.exp(scores)
        probs = weights / np.add.reduceat(weights, starts)[group]
    for t, start, size in zip(live, starts, sizes, strict=True):
        t.probs = [float(p) for p in probs[start : start + size]]


def _probs(mentions: list[Mention], **kwargs: object) -> list[list[float]]:
    """Every toponym's beliefs after the context step (the resolver's full state)."""
    captured: list[list[float]] = []
    real = places._contextualise

    def spy(toponyms: list[_Toponym], *args: object) -> None:
        real(toponyms, *args)  # type: ignore[arg-type]
        captured.extend(list(t.probs) for t in toponyms)

    places._contextualise = spy  # type: ignore[assignment]
    try:
        resolve_mentions(ROUNDUP, mentions, **kwargs)  # type: ignore[arg-type]
    finally:
        places._contextualise = real
    return captured


HOME = Home(4, {("US", "Louisiana"): 0.5, ("US", None): 0.75})


@pytest.mark.parametrize("cells", [1, 997, 1 << 40])
@pytest.mark.parametrize("context", [{}, {"outlet": "diario.com.ec"}, {"home": HOME}])
def test_blocks_give_the_resolutions_of_the_whole_matrices(
    monkeypatch: pytest.MonkeyPatch, cells: int, context: dict[str, object]
) -> None:
    mentions = roundup_mentions()
    assert len({m.text for m in mentions}) >= 50  # many toponyms, many candidates
    monkeypatch.setattr(places, "_contextualise", dense_contextualise)
    before_places = resolve_mentions(ROUNDUP, mentions, **context)  # type: ignore[arg-type]
    before = _probs(mentions, **context)
    monkeypatch.undo()
    monkeypatch.setattr(places, "BLOCK_CELLS", cells)
    after_places = resolve_mentions(ROUNDUP, mentions, **context)  # type: ignore[arg-type]
    assert _probs(mentions, **context) == before  # bit for bit, not approximately
    assert after_places == before_places
    assert sum(p.resolved for p in after_places) >= 50


def _springfields(n: int) -> list[_Toponym]:
    """``n`` toponyms of ten candidates each: the Springfields, moved apart a little."""
    rng = np.random.default_rng(7)
    base = places.place_index().lookup("Springfield")
    made = []
    for k in range(n):
        entries = [base[(k + j) % len(base)] for j in range(10)]
        moved = [(e._replace(latitude=e.latitude + rng.normal()), p) for e, p in entries]
        made.append(_Toponym(moved))
    return made


def _peak(step: object, toponyms: list[_Toponym]) -> int:
    tracemalloc.start()
    try:
        step(toponyms, None)  # type: ignore[operator]
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_grows_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Four times the candidates: the whole matrices take sixteen times the memory, the
    blocks about four times (the per-candidate arrays), whatever the rounds."""
    monkeypatch.setattr(places, "BLOCK_CELLS", 1 << 14)
    monkeypatch.setattr(places, "KEEP_CELLS", 0)
    small, large = _springfields(50), _springfields(200)  # 500 and 2,000 candidates
    dense_small = _peak(dense_contextualise, _springfields(50))
    blocked_small, blocked_large = (
        _peak(places._contextualise, small),
        _peak(places._contextualise, large),
    )
    assert dense_small > 10 * 500 * 500  # several N x N matrices of eight-byte cells
    assert blocked_large < 6 * blocked_small
    assert blocked_large < dense_small / 2


def test_kept_and_recomputed_blocks_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    reference = _springfields(60)
    dense_contextualise(reference, "US")
    for keep in (0, 1 << 40):
        monkeypatch.setattr(places, "KEEP_CELLS", keep)
        monkeypatch.setattr(places, "BLOCK_CELLS", 4096)
        work = _springfields(60)
        places._contextualise(work, "US")
        assert [t.probs for t in work] == [t.probs for t in reference]
