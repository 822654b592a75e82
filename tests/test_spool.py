"""The spool's parts: their layout, the order they load in, and damaged parts."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from dossier.analyze.homes import Home
from dossier.cli import main
from dossier.errors import Code, DossierError
from dossier.models import Analysis, Entity, Extracted, IngestError, Mention
from dossier.pipeline import Ingest
from dossier.spool import home_data, part_path, parts, read_part, write_part
from dossier.store import SqlStore, open_store


def _document(name: str, text: str) -> Extracted:
    return Extracted(source=f"{name}.txt", text=text, raw_hash=f"hash-{name}", title=name)


def _analysis(text: str) -> Analysis:
    """An analysis naming the text's first word as an organisation (no model needed)."""
    word = text.split()[0]
    mention = Mention(0, len(word), word, "ORG")
    return Analysis(entities=(Entity("e1", word, "ORG", (mention,)),))


def _part(folder: Path, run: str, batch: int, docs: list[tuple[str, str]]) -> Path:
    path = part_path(folder, run, batch)
    documents = [(_document(name, text), None) for name, text in docs]
    write_part(path, documents, [_analysis(text) for _, text in docs])
    return path


def _spool(folder: Path) -> list[Path]:
    folder.mkdir()
    return [
        _part(
            folder,
            "20261201T100000000000Z.1",
            0,
            [("a", "Harbour works begin."), ("b", "Bridge shut.")],
        ),
        _part(
            folder,
            "20261201T100000000000Z.1",
            1,
            [("c", "Dockers strike."), ("d", "Mill road floods.")],
        ),
        _part(
            folder,
            "20261201T100000000000Z.1",
            2,
            [("e", "Council votes."), ("f", "Tower repaired.")],
        ),
    ]


def test_a_part_holds_each_document_its_home_and_its_result(tmp_path: Path) -> None:
    path = part_path(tmp_path, "run", 3)
    failed = IngestError("bad.txt", "analyze", "E501", "failed in analysis: boom")
    documents = [(_document("a", "Harbour works begin."), {"articles": 2, "shares": []})]
    documents.append((_document("bad", "Broken text."), None))
    ack = write_part(path, documents, [_analysis("Harbour works begin."), failed])
    assert (ack.path, ack.count, ack.errors, ack.failed) == (str(path), 2, 1, None)
    assert path.name == "part-run-000003.parquet"
    table = pq.read_table(path)
    assert table.column_names == ["position", "extracted", "home", "analysis", "error"]
    assert table.column("position").to_pylist() == [0, 1]
    assert json.loads(table.column("extracted")[0].as_py())["source"] == "a.txt"
    assert table.column("analysis")[1].as_py() is None
    assert json.loads(table.column("error")[1].as_py())["code"] == "E501"
    [(_, first, home, result), (_, second, _, error)] = read_part(path)
    assert first == documents[0][0] and home == {"articles": 2, "shares": []}
    assert result == _analysis("Harbour works begin.") and error == failed
    assert second.source == "bad.txt"
    assert not list(tmp_path.glob(".*tmp"))  # written under a temporary name, then renamed


def test_parts_load_in_run_then_batch_order(tmp_path: Path) -> None:
    folder = tmp_path / "spool"
    folder.mkdir()
    same = "Harbour works begin on Monday."
    # The same text from four sources: the first part loaded stores it, the rest are copies.
    _part(folder, "20261202T000000000000Z.9", 0, [("late-run", same)])
    _part(folder, "20261201T000000000000Z.9", 10, [("batch-ten", same)])
    _part(folder, "20261201T000000000000Z.9", 2, [("batch-two", same)])
    (folder / "notes.txt").write_text("not a part")
    assert [p.name[-14:-8] for p in parts(folder)] == ["000002", "000010", "000000"]
    with open_store(str(tmp_path / "order.db")) as store:
        summary = Ingest(store, progress=False).load(str(folder))
        assert (summary.new, summary.duplicates) == (1, 2)
        [row] = store.articles()
        assert row.source == "batch-two.txt"


def _titles(store: SqlStore) -> list[str | None]:
    return sorted(row.title for row in store.articles())


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _garbage(path: Path) -> None:
    path.write_bytes(b"PAR1 these are not the bytes of a parquet file")


def _foreign(path: Path) -> None:
    pq.write_table(pa.table({"position": [0], "text": ["hello"]}), path)


def _no_document(path: Path) -> None:
    table = pq.read_table(path)
    pq.write_table(table.set_column(1, "extracted", pa.array([None, None], pa.string())), path)


def _bad_row(path: Path) -> None:
    table = pq.read_table(path)
    broken = table.set_column(3, "analysis", pa.array(['{"entities": 7}', None], pa.string()))
    pq.write_table(broken, path)


@pytest.mark.parametrize("damage", [_truncate, _garbage, _foreign, _no_document, _bad_row])
def test_a_damaged_part_is_an_error_naming_it_and_the_load_goes_on(
    tmp_path: Path, damage: object
) -> None:
    paths = _spool(tmp_path / "spool")
    damage(paths[1])  # type: ignore[operator]
    db = str(tmp_path / "load.db")
    done = CliRunner().invoke(main, ["--db", db, "load", str(tmp_path / "spool")])
    assert done.exit_code == 1
    assert "loaded: 4 new" in done.stdout
    assert str(paths[1]) in done.stderr and "E733" in done.stderr
    assert "is not a readable spool part" in done.stderr
    with open_store(db) as store:
        assert _titles(store) == ["a", "b", "e", "f"]  # nothing of the damaged part
        assert [e.source for e in store.errors()] == [str(paths[1])]
    with pytest.raises(DossierError) as raised:
        read_part(paths[1])
    assert raised.value.code == Code.BAD_SPOOL_PART and raised.value.source == str(paths[1])


def test_loading_again_stores_nothing_twice(tmp_path: Path) -> None:
    _spool(tmp_path / "spool")
    db = str(tmp_path / "load.db")
    for outcome in ("6 new", "0 new, 0 versions, 0 unchanged, 0 duplicates, 6 skipped"):
        done = CliRunner().invoke(main, ["--db", db, "load", str(tmp_path / "spool")])
        assert done.exit_code == 0, done.output
        assert f"loaded: {outcome}" in done.stdout
        with open_store(db) as store:
            assert _titles(store) == ["a", "b", "c", "d", "e", "f"]
            assert store.stats().entities == 6


def test_a_missing_spool_and_a_spool_without_the_cluster_are_refused(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    missing = CliRunner().invoke(main, ["--db", db, "--json", "load", str(tmp_path / "none")])
    assert missing.exit_code == 2
    assert json.loads(missing.stderr)["error"]["code"] == "E101"
    lone = CliRunner().invoke(main, ["--db", db, "ingest", "--spool", str(tmp_path), "x.txt"])
    assert lone.exit_code == 2 and "--spool" in lone.stderr
    with open_store(db) as store, pytest.raises(ValueError, match="only for engine 'dask'"):
        Ingest(store, spool=str(tmp_path))


def test_a_load_reads_again_only_what_its_own_articles_changed(tmp_path: Path) -> None:
    """Each part keeps the home its document was read with; the second pass compares it
    with the home the loaded store gives, so equal homes need no model at all."""
    folder = tmp_path / "spool"
    folder.mkdir()
    regions = (("US", None), ("US", "Texas"))
    # Each of the two articles, read with the other as its outlet's only article.
    home = home_data(Home(1, {("US", "Texas"): 0.5, ("US", None): 0.5}))
    documents = [
        (replace(_document(name, text), outlet="Valley Courier"), home)
        for name, text in (("mill", "Floods in Lamar County."), ("farm", "Cattle prices fall."))
    ]
    write_part(part_path(folder, "run", 0), documents, [Analysis(regions=regions)] * 2)
    with open_store(str(tmp_path / "homes.db")) as store:
        ingest = Ingest(store, progress=False)
        assert ingest.load(str(folder)).new == 2
        assert ingest._analyzer is None  # no article's home changed: none read again
