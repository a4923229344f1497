"""A database the command line cannot use: one line saying what and what to do, exit 1, file untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import PROBLEM_REASONS, snapshot

SAYS = {
    "not_sqlite": "not an SQLite file",
    "not_smallcrm": "another program",
    "corrupt": "damaged",
    "locked": "in use by another program",
    "read_only": "read-only",
    "newer_schema": "was made by a newer smallcrm (schema version 99",
    "not_a_file": "not a database file",
    "cannot_create": "cannot open or create",
}
WHAT_TO_DO = {
    "not_sqlite": "--db", "not_smallcrm": "--db", "corrupt": "backup", "locked": "Close the other program",
    "read_only": "permissions", "newer_schema": "Update smallcrm", "not_a_file": "--db", "cannot_create": "--db",
}


@pytest.mark.parametrize("reason", PROBLEM_REASONS)
@pytest.mark.parametrize("command", [["contacts", "add", "--first-name", "Ann"], ["contacts", "list"],
                                     ["contacts", "show", "1", "--json"], ["demo", "--contacts", "5"]])
def test_database_problem_is_one_line_exit_1_and_the_file_untouched(cli, problem_db, reason, command):
    path = problem_db(reason)
    folder = path.parent if path.parent.is_dir() else path.parent.parent
    before = snapshot(folder)

    result = cli(*command, db=path)

    assert result.code == 1
    line = result.error_line
    # with --json, the same line as JSON on standard output (a script reads JSON whatever happens), else nothing
    assert (result.json() == {"error": line.removeprefix("smallcrm: error: "), "exit_code": 1}
            if "--json" in command else result.out == "")
    after = snapshot(folder)
    assert {name: after.get(name) for name in before} == before
    if reason == "cannot_create" and command[1] in ("list", "show"):
        assert "no database at" in line  # reading commands do not try to create one
        return
    assert str(path) in line
    assert SAYS[reason] in line
    assert WHAT_TO_DO[reason] in line
    assert "untouched" in line or "nothing was written" in line


@pytest.mark.parametrize("args", [
    ("points", "statement", "1", "--from", "2026-02-30"),
    ("feedback", "summary", "--to", "31/12/2026"),
    ("tasks", "move", "1", "2026-04-31"),
])
def test_an_impossible_date_in_an_option_is_one_line_not_a_traceback(cli, args):
    done = cli(*args)
    assert done.code == 2
    assert "is not a real date" in done.error_line or "YYYY-MM-DD" in done.error_line


@pytest.mark.parametrize("command", [["import", "undo", "abc", "--json"],
                                     ["import", "contacts", "list.csv", "--json", "--on-duplicate", "bogus"],
                                     ["contacts", "list", "--json", "--no-such-option"]])
def test_a_command_line_that_cannot_be_read_still_answers_in_json_when_asked(cli, command):
    result = cli(*command)
    assert result.code == 2
    assert result.json() == {"error": result.error_line.removeprefix("smallcrm: error: "), "exit_code": 2}
    assert cli(*(word for word in command if word != "--json")).out == ""  # (without --json: nothing)


def test_a_book_of_an_earlier_version_is_said_to_be_updated_once_with_its_copy(cli, shop):
    shutil.copyfile(Path(__file__).resolve().parents[1] / "fixtures" / "schema_v5.sqlite", shop)
    first = cli("contacts", "list", "--json")
    assert first.code == 0, first.err
    copies = [p.name for p in shop.parent.glob("shop.before-v*.sqlite")]
    assert len(copies) == 1
    assert first.err.startswith(f"smallcrm: updating {shop} for this version of smallcrm")
    assert first.err.rstrip().endswith(f"saved first as {copies[0]}")
    assert any(c["first_name"] == "Łukasz" for c in first.json())  # standard output is the answer alone
    again = cli("contacts", "list", "--json")
    assert again.code == 0 and again.err == ""
