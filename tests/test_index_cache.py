"""The place indexes are built once and cached on disk; a damaged or stale cache is rebuilt."""

from __future__ import annotations

import logging
import marshal
from pathlib import Path

import pytest

from dossier.analyze import gazetteer, indexcache, placeindex
from dossier.config import cache_dir


class Builder:
    def __init__(self, value: dict[str, int]) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> dict[str, int]:
        self.calls += 1
        return dict(self.value)


def _cached(folder: Path, build: Builder, key: str = "k1") -> dict[str, int]:
    return indexcache.cached("demo", key, build, dict, _load, folder=folder)


def _load(payload: object) -> dict[str, int]:
    if not isinstance(payload, dict):
        raise ValueError("not a table")
    return payload


def test_built_once_then_read(tmp_path: Path) -> None:
    build = Builder({"quito": 1})
    assert _cached(tmp_path, build) == {"quito": 1}
    assert _cached(tmp_path, build) == {"quito": 1}
    assert build.calls == 1
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["demo-k1.idx"]  # no temporary file is left behind
    assert (tmp_path / "demo-k1.idx").read_bytes().startswith(indexcache.MAGIC)


def test_a_new_key_rebuilds_and_drops_the_stale_file(tmp_path: Path) -> None:
    build = Builder({"quito": 1})
    _cached(tmp_path, build, key="old")
    _cached(tmp_path, build, key="new")
    assert build.calls == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo-new.idx"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],  # truncated
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 0xFF]),  # one byte flipped
        lambda blob: b"not a cache file at all",
        lambda blob: b"",
    ],
)
def test_a_damaged_file_is_reported_and_rebuilt(
    tmp_path: Path, damage: object, caplog: pytest.LogCaptureFixture
) -> None:
    build = Builder({"manta": 2})
    _cached(tmp_path, build)
    path = tmp_path / "demo-k1.idx"
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    with caplog.at_level(logging.WARNING, logger="dossier"):
        assert _cached(tmp_path, build) == {"manta": 2}
    assert build.calls == 2
    assert str(path) in caplog.text and "rebuilding" in caplog.text
    assert _cached(tmp_path, build) == {"manta": 2} and build.calls == 2  # rewritten whole


def test_a_sound_file_of_the_wrong_shape_is_rebuilt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    body = marshal.dumps([1, 2, 3])
    import hashlib

    path = tmp_path / "demo-k1.idx"
    path.write_bytes(indexcache.MAGIC + hashlib.sha256(body).digest() + body)
    build = Builder({"loja": 3})
    with caplog.at_level(logging.WARNING, logger="dossier"):
        assert _cached(tmp_path, build) == {"loja": 3}
    assert build.calls == 1 and "unreadable" in caplog.text


def test_an_unwritable_folder_only_costs_the_rebuild(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    build = Builder({"cuenca": 4})
    with caplog.at_level(logging.WARNING, logger="dossier"):
        assert _cached(blocker / "cache", build) == {"cuenca": 4}
        assert _cached(blocker / "cache", build) == {"cuenca": 4}
    assert build.calls == 2 and "cannot write" in caplog.text


def test_the_key_follows_the_data_and_the_code(tmp_path: Path) -> None:
    code, data = tmp_path / "code.py", tmp_path / "data.json"
    code.write_text("x = 1")
    data.write_text("[1]")
    first = indexcache.cache_key("demo", [code], [data])
    assert indexcache.cache_key("demo", [code], [data]) == first
    data.write_text("[1, 2]")
    second = indexcache.cache_key("demo", [code], [data])
    code.write_text("x = 2")
    assert len({first, second, indexcache.cache_key("demo", [code], [data])}) == 3


def test_cache_dir_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path / "here"))
    assert cache_dir() == tmp_path / "here"
    monkeypatch.delenv("DOSSIER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "dossier"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == Path.home() / ".cache" / "dossier"


def test_the_place_index_survives_the_round_trip() -> None:
    index = placeindex.place_index()
    back = placeindex._load(marshal.loads(marshal.dumps(placeindex._dump(index))))
    assert len(back) == len(index)
    assert [list(c) for c in back.columns] == [list(c) for c in index.columns]
    assert back.names == index.names and back.demonyms == index.demonyms
    assert back.state_abbreviations == index.state_abbreviations
    assert back.capital_namesakes == index.capital_namesakes
    assert back.lookup("Manta") == index.lookup("Manta")
    assert back.admin1 is back.columns[5]


def test_the_cached_place_index_equals_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path))
    fresh = placeindex.build_place_index()
    key = placeindex._cache_key()
    built = indexcache.cached("placeindex", key, lambda: fresh, placeindex._dump, placeindex._load)
    assert built is fresh
    read = indexcache.cached(
        "placeindex", key, placeindex.build_place_index, placeindex._dump, placeindex._load
    )
    assert read is not fresh and read.names == fresh.names
    assert [list(c) for c in read.columns] == [list(c) for c in fresh.columns]


def test_the_gazetteer_survives_the_round_trip() -> None:
    places = gazetteer.gazetteer()
    back = gazetteer._load(marshal.loads(marshal.dumps(gazetteer._dump(places))))
    assert len(back) == len(places)
    assert back.lookup("Guayaquil") == places.lookup("Guayaquil")
    assert back._names == places._names


WRITER = """
import sys, time
from pathlib import Path
from dossier.analyze import indexcache

def build():
    time.sleep(0.5)  # both processes build at the same time
    return {"n": list(range(200_000))}

got = indexcache.cached("demo", "k1", build, dict, dict, folder=Path(sys.argv[1]))
assert got["n"][-1] == 199_999, got
print("ok")
"""


def test_two_processes_building_at_once_leave_one_whole_file(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0 and out.strip() == "ok", err
    assert [p.name for p in tmp_path.iterdir()] == ["demo-k1.idx"]
    build = Builder({})
    loaded = indexcache.cached("demo", "k1", build, dict, dict, folder=tmp_path)
    assert build.calls == 0 and loaded["n"][-1] == 199_999


def test_a_temporary_file_left_by_a_crash_is_never_read(tmp_path: Path) -> None:
    (tmp_path / ".demo-k1.idx.abc123").write_bytes(indexcache.MAGIC + b"half")
    build = Builder({"ibarra": 5})
    assert _cached(tmp_path, build) == {"ibarra": 5} and build.calls == 1
