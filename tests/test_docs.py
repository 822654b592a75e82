"""Every command, option, setting, format and error code has its own entry in the README.

A name that merely occurs somewhere in the README proves nothing ("csv" always
does), so each check looks for the entry where it belongs: an option inside its
command's section, a setting and an error code as a row of their tables, an
export format as its own bullet in the ``dossier export`` section.
"""

from __future__ import annotations

import re

import click

from dossier import export
from dossier.cli import main
from dossier.config import ENV_VARS
from dossier.errors import Code

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(heading: str, text: str = README) -> str:
    """The README text under the first heading that starts with ``heading``, to the next one."""
    match = re.search(rf"^(#+) {re.escape(heading)}.*$", text, flags=re.MULTILINE)
    assert match, f"no README heading starts with {heading!r}"
    level = len(match.group(1))
    rest = text[match.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, flags=re.MULTILINE)
    return rest[: end.start()] if end else rest


def mentions_option(text: str, opt: str) -> bool:
    # "--out" must not be found inside "--outlet".
    return re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", text) is not None


def test_section_reads_up_to_the_next_heading_of_its_level() -> None:
    text = "# A\n## `x` one\nbody --out\n### sub\nmore\n## `y`\nother\n"
    assert section("`x`", text) == "\nbody --out\n### sub\nmore\n"
    assert mentions_option("use --out PATH", "--out")
    assert not mentions_option("use --outlet NAME", "--out")


def commands() -> list[tuple[str, click.Command]]:
    """Every command by its name after `dossier`; a group's commands (`review confirm`) each
    have a section of their own."""
    found: list[tuple[str, click.Command]] = []
    for name, command in main.commands.items():
        if isinstance(command, click.Group):
            found += [(f"{name} {sub}", leaf) for sub, leaf in command.commands.items()]
        else:
            found.append((name, command))
    return found


def test_every_command_and_option_is_documented_in_its_section() -> None:
    ctx = click.Context(main)
    for name, command in commands():
        body = section(f"`dossier {name}")
        for param in command.get_params(ctx):
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert mentions_option(body, opt), (
                        f"option {opt} of {name} is not in the README's `dossier {name}` section"
                    )
    table = section("Commands")
    for param in main.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--"):
                assert f"| `{opt}" in table, f"global option {opt} has no row in the README"


def test_no_command_section_documents_an_option_the_command_lacks() -> None:
    ctx = click.Context(main)
    known = {o for p in main.params for o in [*p.opts, *p.secondary_opts]}
    for name, command in commands():
        own = {o for p in command.get_params(ctx) for o in [*p.opts, *p.secondary_opts]}
        body = section(f"`dossier {name}")
        for opt in re.findall(r"(?<![\w-])(--[a-z][\w-]*)", body):
            assert opt in own | known, (
                f"the README's `dossier {name}` section names {opt}, which {name} does not take"
            )


def test_every_setting_and_error_code_has_a_row() -> None:
    settings, errors = section("Settings"), section("Errors")
    for var in ENV_VARS:
        assert f"| `{var}` |" in settings, f"setting {var} has no row under Settings"
    for code in Code:
        assert f"| `{code.value}` |" in errors, f"error code {code.value} has no row under Errors"


def test_every_export_format_has_its_own_entry() -> None:
    usage = re.search(r"^### `dossier export --format ([\w|]+)", README, flags=re.MULTILINE)
    assert usage, "the `dossier export` heading does not list the formats"
    assert tuple(usage.group(1).split("|")) == export.FORMATS
    body = section("`dossier export")
    bullets = re.findall(r"^- `--format (\w+)`", body, flags=re.MULTILINE)
    assert bullets == list(export.FORMATS), "one `--format NAME` bullet per format, in order"
    ctx = click.Context(main)
    (fmt,) = [p for p in main.commands["export"].get_params(ctx) if p.name == "fmt"]
    assert isinstance(fmt.type, click.Choice)
    assert tuple(fmt.type.choices) == export.FORMATS
