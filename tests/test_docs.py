"""Every command, option, setting and format is documented in the README."""

from __future__ import annotations

import click

from dossier import export
from dossier.cli import main
from dossier.config import ENV_VARS
from dossier.errors import Code

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_documented() -> None:
    ctx = click.Context(main)
    for name, command in main.commands.items():
        assert f"dossier {name}" in README, f"command {name} is not in the README"
        for param in command.get_params(ctx):
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in README, f"option {opt} of {name} is not in the README"
    for param in main.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--"):
                assert opt in README, f"global option {opt} is not in the README"


def test_every_setting_format_and_error_code_is_documented() -> None:
    for var in ENV_VARS:
        assert var in README, var
    for fmt in export.FORMATS:
        assert f"--format {fmt}" in README or fmt in README
    for code in Code:
        assert code.value in README, f"error code {code.value} is not in the README"
