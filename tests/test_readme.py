"""README stays true: its command reference names every command the parser has, and nothing else."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from smallcrm.cli import build_parser

README = Path(__file__).resolve().parent.parent / "README.md"


def parser_commands() -> set[str]:
    found = set()

    def walk(parser: argparse.ArgumentParser, prefix: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, f"{prefix} {name}".strip())
                return
        found.add(prefix)

    walk(build_parser(), "")
    return found - {""}


def readme_commands() -> set[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Command line", 1)[1].split("\n## ", 1)[0]
    names = set()
    for match in re.finditer(r"`smallcrm ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*)?)", section):
        names.add(match.group(1))
    for match in re.finditer(r"/ `([a-z][a-z-]*) ([a-z][a-z-]*)", section):  # "/ `tasks done TASK`" shorthand
        names.add(f"{match.group(1)} {match.group(2)}")
    return names


def test_every_command_is_in_the_readme_and_every_readme_command_exists():
    commands = parser_commands()
    documented = {name for name in readme_commands() if name.split()[0] in {c.split()[0] for c in commands}}
    assert commands - documented == set(), "missing from README"
    undocumented_in_parser = {d for d in readme_commands() if d not in commands and d.split()[0] in
                              {c.split()[0] for c in commands} and " " in d}
    assert undocumented_in_parser == set(), "README names commands that do not exist"


def test_the_two_setup_commands_are_there():
    text = README.read_text(encoding="utf-8")
    assert 'python3 -m pip install . && python3 -m smallcrm' in text
    assert 'python3 -m pip install ".[test]" && python3 -m pytest' in text
