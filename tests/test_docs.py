"""The CLI is documented: every command has help with an Example, and the README names it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from digest.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _walk(cmd: click.Command, path: list[str]) -> Iterator[tuple[str, click.Command]]:
    if isinstance(cmd, click.Group):
        for name, sub in cmd.commands.items():
            yield from _walk(sub, [*path, name])
    else:
        yield " ".join(path), cmd


COMMANDS = dict(_walk(cli, []))


def test_format_md_commands_exist() -> None:
    """The command-line contract of FORMAT.md: these names are kept."""
    for name in ["crawl", "articles", "classify", "draft", "export", "publish", "site build",
                 "subscribers add", "send", "serve", "demo"]:
        assert name in COMMANDS, name


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help_with_example(name: str) -> None:
    help_text = COMMANDS[name].help or ""
    assert help_text.strip(), f"`bantin {name}` has no help"
    assert "Example" in help_text, f"`bantin {name}` help has no Example line"


@pytest.mark.parametrize("name", sorted({n.split()[0] for n in COMMANDS}))
def test_readme_names_every_command(name: str) -> None:
    assert f"bantin {name}" in README, f"README does not mention `bantin {name}`"
