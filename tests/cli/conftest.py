"""Running the command line in-process: `cli(*args)` -> exit code, stdout, stderr."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from smallcrm.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)

    @property
    def error_line(self) -> str:
        """The one line a failing command prints (and checks that it is exactly one)."""
        lines = self.err.splitlines()
        assert len(lines) == 1, self.err
        assert lines[0].startswith("smallcrm: error: "), lines[0]
        assert "Traceback" not in self.err
        return lines[0]


@pytest.fixture
def shop(tmp_path):
    """Where this test's database lives (not created yet)."""
    return tmp_path / "shop.sqlite"


@pytest.fixture
def cli(capsys, shop):
    """cli(*args) runs `smallcrm *args --db <this test's database>`; cli(*args, db=None) leaves --db out."""

    def run(*args: str, db=shop) -> Result:
        argv = [*args, "--db", str(db)] if db is not None else list(args)
        code = main(argv)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def add(cli):
    """add(*options) -> the new contact's id, through `smallcrm contacts add`."""

    def run(*options: str) -> int:
        result = cli("contacts", "add", *options)
        assert result.code == 0, result.err
        return int(result.out)

    return run
