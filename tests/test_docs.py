"""The README documents every command and every option of the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from storyline.cli import build_parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(actions[0].choices)


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    assert "make demo" in first_block
    assert "make test" in first_block


def test_every_command_and_option_is_documented() -> None:
    missing = []
    for name, sub in _commands().items():
        if f"storyline {name}" not in README:
            missing.append(name)
        for action in sub._actions:
            options = [o for o in action.option_strings if o.startswith("--") and o != "--help"]
            missing += [f"{name} {o}" for o in options if o not in README]
    assert missing == []
