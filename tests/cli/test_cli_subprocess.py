"""The command line as a real process: exit codes, no tracebacks, UTF-8 whatever the locale, no Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def environment(**extra: str) -> dict[str, str]:
    env = dict(os.environ)  # the private XDG folders set up by tests/conftest.py come along
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("PYTHONIOENCODING", None)
    env.update(extra)
    return env


def smallcrm(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "smallcrm", *args], cwd=ROOT, env=environment(**env),
                          capture_output=True, timeout=120)


def test_add_list_show_as_a_process(tmp_path):
    db = str(tmp_path / "shop.sqlite")
    added = smallcrm("--db", db, "contacts", "add", "--first-name", "Zoë", "--last-name", "王",
                     "--birthday", "--03-04", "--phone", "+41 44 123 45 67")
    assert (added.returncode, added.stdout, added.stderr) == (0, b"1\n", b"")
    shown = smallcrm("contacts", "show", "1", "--json", "--db", db)
    obj = json.loads(shown.stdout.decode("utf-8"))
    assert (obj["first_name"], obj["last_name"], obj["birthday"], obj["phones"]) == (
        "Zoë", "王", "--03-04", ["+41441234567"])


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
def test_output_is_utf8_even_when_the_stream_is_not(tmp_path, encoding):
    db = str(tmp_path / "shop.sqlite")
    assert smallcrm("contacts", "add", "--first-name", "Zoë", "--last-name", "王小明", "--db", db).returncode == 0
    listed = smallcrm("contacts", "list", "--db", db, PYTHONIOENCODING=encoding)
    assert listed.returncode == 0 and listed.stderr == b""
    assert "Zoë 王小明" in listed.stdout.decode("utf-8")
    failed = smallcrm("contacts", "add", "--first-name", "Zoë", "--email", "zoë@", "--db", db,
                      PYTHONIOENCODING=encoding)
    assert failed.returncode == 1
    assert 'email "zoë@"' in failed.stderr.decode("utf-8")


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux lets a file's name hold bytes that are no UTF-8")
@pytest.mark.parametrize("stream", ["utf-8:strict", "ascii"])
def test_a_file_whose_name_is_no_utf8_is_imported_and_listed_by_the_name_windows_gave_it(tmp_path, stream):
    """A file unpacked from an old Windows archive: "clients_été.csv" with its é in Windows-1252."""
    db = str(tmp_path / "shop.sqlite")
    name = os.fsdecode(b"clients_\xe9t\xe9.csv")
    (tmp_path / name).write_text("First Name,Last Name,Email\nAnna,Schmidt,anna@example.com\n", encoding="utf-8")
    dry = smallcrm("--db", db, "import", "contacts", str(tmp_path / name), "--dry-run", PYTHONIOENCODING=stream)
    assert dry.returncode == 0 and dry.stderr == b"" and b"clients_\xe9t\xe9.csv" in dry.stdout  # (as `ls` says it)
    done = smallcrm("--db", db, "import", "contacts", str(tmp_path / name), "--json", PYTHONIOENCODING=stream)
    assert done.returncode == 0 and done.stderr == b"" and json.loads(done.stdout.decode("utf-8", "replace"))[
        "created"] == 1
    listed = smallcrm("--db", db, "import", "list", "--json")
    assert [b["file_name"] for b in json.loads(listed.stdout)] == ["clients_été.csv"]


@pytest.mark.parametrize(
    ("args", "code"),
    [(["contacts", "show", "7"], 1), (["contacts", "add", "--first-name", "A", "--birthday", "2023-02-30"], 1),
     (["contacts", "frobnicate"], 2), (["contacts", "add", "--birthday"], 2), (["--no-such-option"], 2)],
)
def test_errors_are_one_line_without_traceback(tmp_path, args, code):
    db = str(tmp_path / "shop.sqlite")
    assert smallcrm("contacts", "add", "--first-name", "Ann", "--db", db).returncode == 0
    result = smallcrm(*args, "--db", db)
    assert result.returncode == code
    err = result.stderr.decode("utf-8")
    assert len(err.splitlines()) == 1 and err.startswith("smallcrm: error: "), err
    assert "Traceback" not in err and result.stdout == b""


def test_newer_database_is_refused_by_the_process(problem_db):
    path = problem_db("newer_schema")
    before = path.read_bytes()
    result = smallcrm("contacts", "list", "--db", str(path))
    assert result.returncode == 1
    err = result.stderr.decode("utf-8")
    assert len(err.splitlines()) == 1 and "newer smallcrm" in err and "Update smallcrm" in err
    assert path.read_bytes() == before


CHECK_NO_QT = """
import sys
from smallcrm.cli import main
code = main(sys.argv[1:])
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6")
                or name.startswith("smallcrm.gui"))
assert not loaded, loaded
sys.exit(code)
"""


def test_no_command_but_the_window_loads_qt(tmp_path):
    db = str(tmp_path / "shop.sqlite")
    commands = [
        ["demo", "--contacts", "5"],
        ["contacts", "add", "--first-name", "Ann", "--json"],
        ["contacts", "list"],
        ["contacts", "list", "--json", "--search", "ann"],
        ["contacts", "show", "1"],
        ["contacts", "edit", "1", "--city", "Lyon"],
        ["contacts", "delete", "1"],
        ["contacts", "restore", "1"],
        ["contacts", "show", "999"],
        ["--version"],
    ]
    for command in commands:
        result = subprocess.run([sys.executable, "-c", CHECK_NO_QT, *command, "--db", db] if command != ["--version"]
                                else [sys.executable, "-c", CHECK_NO_QT, *command],
                                cwd=ROOT, env=environment(), capture_output=True, timeout=120)
        assert b"AssertionError" not in result.stderr, (command, result.stderr)
        assert result.returncode == (1 if command[-1] == "999" else 0), (command, result.stderr)


def test_a_closed_pipe_ends_the_listing_quietly(tmp_path):
    db = tmp_path / "shop.sqlite"
    assert smallcrm("demo", "--contacts", "3000", "--purchases", "0", "--db", str(db)).returncode == 0
    process = subprocess.Popen([sys.executable, "-m", "smallcrm", "contacts", "list", "--db", str(db)], cwd=ROOT,
                               env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.readline().split() == [b"ID", b"NAME", b"EMAIL", b"PHONE", b"CITY"]
    process.stdout.close()  # like `| head -1`
    err = process.stderr.read()
    process.wait(timeout=60)
    process.stderr.close()
    assert b"Traceback" not in err and b"Exception ignored" not in err, err
