"""Test set-up shared by every test: headless Qt, private user folders, a fresh database per test.

The environment is set at import time, before anything imports Qt or platformdirs, so that no test
(and no subprocess a test starts) can touch the real user's data, settings or cache.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import sys
import tempfile
from contextlib import closing
from pathlib import Path

SESSION_HOME = Path(tempfile.mkdtemp(prefix="smallcrm-tests-"))

os.environ["QT_QPA_PLATFORM"] = "offscreen"
for _name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_name] = str(SESSION_HOME / _name.lower())
_runtime = SESSION_HOME / "xdg_runtime_dir"
_runtime.mkdir(mode=0o700)
os.environ["XDG_RUNTIME_DIR"] = str(_runtime)  # Qt wants one, owned by us and private
if sys.platform == "darwin":  # platformdirs and Qt use ~/Library there, whatever XDG says
    os.environ["HOME"] = str(SESSION_HOME / "home")
elif sys.platform == "win32":
    os.environ["APPDATA"] = str(SESSION_HOME / "appdata")
    os.environ["LOCALAPPDATA"] = str(SESSION_HOME / "localappdata")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# No example database in the work tree, and no deadlines that a busy CI machine could miss.
settings.register_profile("smallcrm", database=None, deadline=None)
settings.load_profile("smallcrm")


def pytest_unconfigure(config):
    shutil.rmtree(SESSION_HOME, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _private_user_folders():
    """Fail loudly, rather than write into the real user's folders, if the redirection above stops working."""
    from smallcrm import paths

    assert paths.data_dir().is_relative_to(SESSION_HOME), paths.data_dir()
    yield


@pytest.fixture
def db(tmp_path):
    """A fresh smallcrm database for this test; returns its path. Closed after the test."""
    from smallcrm.store.db import close_database, open_database

    path = tmp_path / "test.sqlite"
    open_database(path)
    yield path
    close_database()


# ---------------------------------------------------------------------------------------------
# Database files that cannot be used, one per DatabaseProblem reason (for tests/unit and tests/cli)

PROBLEM_REASONS = ["not_sqlite", "not_smallcrm", "corrupt", "locked", "read_only", "newer_schema", "not_a_file",
                   "cannot_create"]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (names relative to it) with a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def make_smallcrm_file(path: Path) -> Path:
    """A real smallcrm database with one contact, closed again."""
    from smallcrm.services.contacts import ContactInput, add_contact
    from smallcrm.store.db import close_database, open_database

    open_database(path)
    add_contact(ContactInput(first_name="Ann", last_name="Lee"))
    close_database()
    return path


@pytest.fixture
def problem_db(tmp_path, monkeypatch):
    """make(reason) -> a path that `open_database` must refuse with that reason, in its own folder."""
    holders: list[sqlite3.Connection] = []

    def make(reason: str) -> Path:
        folder = tmp_path / reason
        folder.mkdir()
        path = folder / "shop.sqlite"
        if reason == "not_sqlite":
            path.write_text("name,email\nAnn,ann@example.com\n", encoding="utf-8")
        elif reason == "not_smallcrm":
            with closing(sqlite3.connect(path)) as other:
                other.execute("CREATE TABLE song (title TEXT, artist TEXT)")
                other.execute("INSERT INTO song VALUES ('Blue', 'Joni Mitchell')")
                other.commit()
        elif reason == "corrupt":
            path.write_bytes(b"SQLite format 3\x00" + random.Random(7).randbytes(8192))
        elif reason == "locked":
            make_smallcrm_file(path)
            holder = sqlite3.connect(path, isolation_level=None)
            holder.execute("PRAGMA locking_mode = EXCLUSIVE")
            holder.execute("BEGIN EXCLUSIVE")
            holder.execute("INSERT INTO setting (key, value) VALUES ('other', '1')")
            holders.append(holder)  # another program, in the middle of writing
        elif reason == "read_only":
            make_smallcrm_file(path)
            # Tests run as root, for whom every file is writable: make smallcrm.store.db's
            # os.access report no write access to this file and its folder instead.
            real_access = os.access

            def access(target, mode, *args, **kwargs):
                if mode & os.W_OK and Path(target).resolve() in (path.resolve(), folder.resolve()):
                    return False
                return real_access(target, mode, *args, **kwargs)

            monkeypatch.setattr("smallcrm.store.db.os.access", access)
        elif reason == "newer_schema":
            make_smallcrm_file(path)
            with closing(sqlite3.connect(path)) as newer:
                newer.execute("PRAGMA user_version = 99")
        elif reason == "not_a_file":
            path.mkdir()
            (path / "keep.txt").write_text("a folder, not a database", encoding="utf-8")
        elif reason == "cannot_create":
            (folder / "plain-file").write_text("a file where a folder should be", encoding="utf-8")
            path = folder / "plain-file" / "shop.sqlite"
        else:
            raise ValueError(reason)
        return path

    def release() -> None:
        """The other program finishes (rolls back) and closes the file."""
        while holders:
            holders.pop().close()

    make.release = release
    yield make
    release()
