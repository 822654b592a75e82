"""The throughput benchmark's interleaved rounds: how texts are cut, the order stages
run in, and the sums and ratios it reports (timed stages replaced by recorded calls)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from benchmarks import throughput, throughput_rounds


@pytest.mark.parametrize(
    ("count", "rounds", "sizes"),
    [(10, 4, [3, 3, 2, 2]), (3, 5, [1, 1, 1]), (6, 1, [6]), (7, 2, [4, 3])],
)
def test_slices_are_consecutive_nearly_equal_and_never_empty(
    count: int, rounds: int, sizes: list[int]
) -> None:
    texts = [f"t{i}" for i in range(count)]
    parts = throughput_rounds.slices(texts, rounds)
    assert [len(p) for p in parts] == sizes
    assert [t for p in parts for t in p] == texts


@dataclass
class _Run:
    seconds: float


@dataclass
class _Log:
    calls: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)


def test_each_slice_is_ingested_then_timed_bare_before_the_next(tmp_path: Path) -> None:
    log = _Log()

    def ingest(folder: Path) -> _Run:
        names = tuple(sorted(p.read_text().strip() for p in folder.iterdir()))
        log.calls.append(("ingest", names))
        return _Run(2.0 * len(names))

    def bare(part: Sequence[str]) -> float:
        log.calls.append(("bare", tuple(part)))
        return 1.0 * len(part)

    def plain(part: Sequence[str]) -> float:
        log.calls.append(("plain", tuple(part)))
        return 1.6 * len(part)

    texts = ["a", "b", "c", "d", "e"]
    rounds = throughput_rounds.run(texts, tmp_path, 2, throughput.write_folder, ingest, bare, plain)
    assert log.calls == [
        ("ingest", ("a", "b", "c")),
        ("bare", ("a", "b", "c")),
        ("plain", ("a", "b", "c")),
        ("ingest", ("d", "e")),
        ("bare", ("d", "e")),
        ("plain", ("d", "e")),
    ]
    assert rounds.ingest == [6.0, 4.0] and rounds.bare == [3.0, 2.0]
    assert rounds.ratios(rounds.bare) == [2.0, 2.0]
    assert rounds.ratios(rounds.plain) == pytest.approx([1.25, 1.25])
    assert throughput_rounds.spread([1.2, 1.5, 1.3]) == (
        "median 1.30x, from 1.20x to 1.50x over 3 rounds"
    )


@dataclass
class _Summary:
    new: int
    errors: list[str]

    def as_dict(self) -> dict[str, object]:
        return {"new": self.new, "errors": len(self.errors)}


def test_round_summaries_add_up() -> None:
    total = throughput_rounds.total([_Summary(3, []), _Summary(2, ["E401 bad.html"])])
    assert total.as_dict() == {"new": 5, "errors": 1}
    assert total.errors == ["E401 bad.html"]


def test_rounds_cannot_be_combined_with_repeats() -> None:
    with pytest.raises(SystemExit):
        throughput._parse_args(["--rounds", "3", "--repeat", "2"])
    with pytest.raises(SystemExit):
        throughput._parse_args(["--rounds", "0"])
    assert throughput._parse_args(["--rounds", "4"]).rounds == 4
