"""Ingest on a Dask cluster stores what a single process stores."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dossier.cli import main
from dossier.config import Settings
from dossier.errors import Code, DossierError
from dossier.models import Analysis
from dossier.pipeline import Ingest
from dossier.spool import parts, read_part
from dossier.store import open_store

from .test_workers import _everything, _folder, _paris

HAVE_DASK = importlib.util.find_spec("distributed") is not None
needs_dask = pytest.mark.skipif(
    not HAVE_DASK,
    reason="dask.distributed is not installed (the optional extra: pip install -e '.[cluster]')",
)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A local cluster of two worker processes, one thread each."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@needs_dask
def test_a_two_worker_cluster_stores_what_one_process_stores(
    tmp_path: Path, scheduler: str, store_url: str
) -> None:
    folder = _folder(tmp_path)
    # Batches of two, so that the eight documents make several batches on the cluster.
    settings = Settings(batch_size=2)
    results: list[dict[str, Any]] = []
    # One process into SQLite; the cluster into SQLite, then into PostgreSQL.
    runs = (("local", None, str(tmp_path / "one.db")), ("dask", scheduler, store_url))
    for engine, address, url in runs:
        with open_store(url) as store:
            ingest = Ingest(
                store, settings=settings, progress=False, engine=engine, address=address
            )
            summary = ingest.run([str(folder)])
            assert summary.new == 8 and summary.errors == []
            # On the cluster, this process never loads the model: the Dask workers do.
            assert (ingest._analyzer is None) == (engine == "dask")
            assert ingest.run([str(folder)]).skipped == 8
            # The second pass ran on the cluster too: the run taught its outlet a home.
            assert (_paris(store).country_code, _paris(store).admin1) == ("US", "Texas")
            results.append(_everything(store))
    assert results[0] == results[1]
    assert results[0]["quotes"] and results[0]["events"] and results[0]["entities"]


@needs_dask
def test_each_dask_worker_loads_the_model_once(tmp_path: Path, scheduler: str) -> None:
    from distributed import Client

    with open_store(str(tmp_path / "once.db")) as store:
        Ingest(
            store, settings=Settings(batch_size=2), progress=False, engine="dask", address=scheduler
        ).run([str(_folder(tmp_path))])
    with Client(scheduler, set_as_default=False) as client:
        loaded = client.run(_loaded_models)
    assert len(loaded) == 2
    # Each worker holds one analyser, however many batches it ran, over both tests.
    assert all(models == [(Settings().model, 2)] for models in loaded.values()), loaded


def _loaded_models() -> list[tuple[str, int]]:
    from dossier import cluster

    return sorted(cluster._analyzers)


@needs_dask
def test_the_engine_options_of_ingest(tmp_path: Path, scheduler: str) -> None:
    db = str(tmp_path / "cli.db")
    story = tmp_path / "harbour.txt"
    story.write_text("Mayor Clara Ruiz said on Monday that the harbour wall would be rebuilt.")
    done = CliRunner().invoke(
        main, ["--db", db, "ingest", "--engine", "dask", "--address", scheduler, str(story)]
    )
    assert done.exit_code == 0, done.output
    assert "1 new" in done.stdout


def test_the_engine_needs_an_address_and_the_address_the_engine(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    bare = CliRunner().invoke(main, ["--db", db, "ingest", "--engine", "dask", str(tmp_path)])
    assert bare.exit_code == 2 and "--address" in bare.stderr
    lone = CliRunner().invoke(
        main, ["--db", db, "--json", "ingest", "--address", "tcp://127.0.0.1:8786", str(tmp_path)]
    )
    assert lone.exit_code == 2 and "--engine dask" in lone.stderr
    assert json.loads(lone.stderr)["error"]["code"] == "E702"
    with open_store(db) as store, pytest.raises(ValueError, match="engine must be one of"):
        Ingest(store, engine="ray")


def test_without_the_extra_the_engine_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    story = tmp_path / "bridge.txt"
    story.write_text("Engineers closed the Miller Street bridge in Eastbrook on Friday.")
    with open_store(str(tmp_path / "none.db")) as store:
        ingest = Ingest(store, progress=False, engine="dask", address="tcp://127.0.0.1:1")
        with pytest.raises(DossierError) as raised:
            ingest.run([str(story)])
    assert raised.value.code == Code.NO_ENGINE
    assert "dossier[cluster]" in str(raised.value)


@needs_dask
def test_an_unreachable_scheduler_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 2)

    story = tmp_path / "bridge.txt"
    story.write_text("Engineers closed the Miller Street bridge in Eastbrook on Friday.")
    address = "tcp://127.0.0.1:9"  # the discard port: nothing listens there
    with open_store(str(tmp_path / "far.db")) as store:
        ingest = Ingest(store, progress=False, engine="dask", address=address)
        with pytest.raises(DossierError) as raised:
            ingest.run([str(story)])
    assert raised.value.code == Code.ENGINE_UNREACHABLE and raised.value.source == address


@needs_dask
def test_a_spooled_cluster_run_stores_what_one_process_stores(
    tmp_path: Path, scheduler: str, store_url: str
) -> None:
    folder = _folder(tmp_path)
    settings = Settings(batch_size=2)
    with open_store(str(tmp_path / "one.db")) as store:
        Ingest(store, settings=settings, progress=False).run([str(folder)])
        alone = _everything(store)
    spool = tmp_path / "spool"
    with open_store(store_url) as store:
        ingest = Ingest(
            store,
            settings=settings,
            progress=False,
            engine="dask",
            address=scheduler,
            spool=str(spool),
        )
        summary = ingest.run([str(folder)])
        assert summary.new == 8 and summary.errors == []
        assert ingest._analyzer is None  # the workers analysed, and wrote the parts
        # The second pass ran: the run's own articles taught the local outlet its home.
        assert (_paris(store).country_code, _paris(store).admin1) == ("US", "Texas")
        assert _everything(store) == alone
        assert ingest.run([str(folder)]).skipped == 8
    # Eight documents in batches of two: four parts of one run, each written whole.
    names = sorted(p.name for p in spool.iterdir())
    assert len(names) == 4 and all(n.startswith("part-") for n in names), names
    assert [n[-14:] for n in names] == [f"{b:06d}.parquet" for b in range(4)]
    rows = [row for part in parts(spool) for row in read_part(part)]
    assert len(rows) == 8 and all(isinstance(row[3], Analysis) for row in rows)


@needs_dask
def test_dossier_load_stores_a_spool_elsewhere_and_again_changes_nothing(
    tmp_path: Path, scheduler: str
) -> None:
    folder = _folder(tmp_path)
    spool = str(tmp_path / "spool")
    env = {"DOSSIER_BATCH_SIZE": "2"}
    first = str(tmp_path / "first.db")
    cluster = ["--engine", "dask", "--address", scheduler, "--spool", spool]
    ran = CliRunner(env=env).invoke(main, ["--db", first, "ingest", *cluster, str(folder)])
    assert ran.exit_code == 0, ran.output
    assert "8 new" in ran.stdout
    with open_store(first) as store:
        ingested = _everything(store)
    # Loaded later into another store: what the cluster run stored, second pass included.
    later = str(tmp_path / "later.db")
    loaded = CliRunner(env=env).invoke(main, ["--db", later, "load", "--workers", "1", spool])
    assert loaded.exit_code == 0, loaded.output
    assert "loaded: 8 new" in loaded.stdout
    with open_store(later) as store:
        assert _everything(store) == ingested
        inputs = store._execute("SELECT count(*) FROM inputs")
    again = CliRunner(env=env).invoke(main, ["--db", later, "--json", "load", spool])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["run"] == {
        "new": 0,
        "versions": 0,
        "unchanged": 0,
        "duplicates": 0,
        "skipped": 8,
        "errors": 0,
        "not_analysed": 0,
    }
    with open_store(later) as store:
        assert _everything(store) == ingested
        assert store._execute("SELECT count(*) FROM inputs") == inputs


@needs_dask
def test_a_spool_that_cannot_be_written_stops_the_run_naming_it(
    tmp_path: Path, scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier import spool

    story = tmp_path / "harbour.txt"
    story.write_text("Mayor Clara Ruiz said on Monday that the harbour wall would be rebuilt.")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    folder = tmp_path / "spool"
    # The worker's part cannot take its name: a folder of that name is in the way.
    monkeypatch.setattr(spool, "run_id", lambda: "fixed")
    (folder / "part-fixed-000000.parquet").mkdir(parents=True)
    for where in (blocker / "spool", folder):
        with open_store(str(tmp_path / "w.db")) as store:
            ingest = Ingest(
                store,
                settings=Settings(batch_size=2),  # the other tests' model, loaded once
                progress=False,
                engine="dask",
                address=scheduler,
                spool=str(where),
            )
            with pytest.raises(DossierError) as raised:
                ingest.run([str(story)])
            assert raised.value.code == Code.SPOOL_UNWRITABLE
            assert raised.value.source == str(where)
            assert store.stats().articles == 0
    assert "part-fixed-000000.parquet" in str(raised.value)
    assert sorted(p.name for p in folder.iterdir()) == ["part-fixed-000000.parquet"]
