"""Deciding the rows in a worker process (large files) gives exactly the database that deciding them in the
importing thread gives, whatever the policy; a cancel, a bad file, a worker that stops and a killed import
behave as without one."""

from __future__ import annotations

import multiprocessing
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from smallcrm.errors import ImportFileProblem
from smallcrm.services.contacts import ContactInput, add_contact
from smallcrm.services.importing import contacts_import as ci, deciding
from smallcrm.store.db import close_database, open_database
from smallcrm.store.models import database
from tests.crash import child

ROOT = Path(__file__).resolve().parents[2]
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")  # when the import ran: differs from run to run


@pytest.fixture(autouse=True)
def _two_cores(monkeypatch):
    """A worker is used on a machine with two processors or more: so is this one, for these tests."""
    monkeypatch.setattr(ci, "_cores", lambda: 2)


@pytest.fixture
def files(tmp_path_factory):
    """A book's regulars and a larger, messy file that repeats some of them (and itself)."""
    folder = tmp_path_factory.mktemp("worker")
    regulars = child.contacts_csv(folder / "regulars.csv", 150, seed=7)
    big = child.contacts_csv(folder / "customers.csv", 600, seed=8, first=100)
    with open(big, "a", encoding="utf-8", newline="") as f:  # rows to reject or note, and a returning regular
        f.write(",Ann,,,not-an-email,,,,,,,,,,,\r\n")
        f.write(",Bob,,,,,,,,,,,31/02/1990,,,\r\n")
        f.write(",,,,,,,,,,,,,,,\r\n")
        f.write("10003,Ann,Lee,,,,06 12 34 56 78,,,75011,Paris,France,,VIP,yes,\r\n")
        f.write(",Dee,Roy,,dee@example.com\r\n")  # (a short row: said, with its row number)
    return regulars, big


def content() -> dict[str, list]:
    """Every row of every table and what the search index holds, with the import's times masked."""
    tables = [r[0] for r in database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'contact_fts_%'"
        " AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    found = {}
    for table in tables:
        query = f"SELECT {'rowid, ' if table == 'contact_fts' else ''}* FROM {table}"
        found[table] = sorted(([STAMP.sub("T", v) if isinstance(v, str) else v for v in row]
                               for row in database.execute_sql(query)), key=repr)
    found["schema"] = sorted(database.execute_sql("SELECT type, name, sql FROM sqlite_master").fetchall(), key=repr)
    return found


def imported(path: Path, regulars: Path, source: Path, options: ci.ImportOptions, *, worker: bool,
             monkeypatch) -> tuple[ci.ImportResult, dict]:
    """Import `source` into a new book holding `regulars` (and a hand-made contact), deciding in a worker
    process or in this thread; the result and what the book then holds."""
    # Each import at its own time, an hour after the one before (a contact an import changes always has a
    # new updated_at then, whatever second each run falls in).
    clock = (datetime(2024, 5, 1, 9, tzinfo=timezone.utc) + timedelta(hours=h) for h in range(1000))
    monkeypatch.setattr(ci, "utc_now", lambda: next(clock))
    open_database(path)
    try:
        add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"], city="Paris"))
        monkeypatch.setattr(ci, "POOL_MIN_BYTES", 10**12)
        ci.import_contacts(regulars, ci.ImportOptions(region="FR"))
        monkeypatch.setattr(ci, "POOL_MIN_BYTES", 0 if worker else 10**12)
        started = []
        real = ci.WorkerDecisions.begin

        def begin(self, setup):
            started.append(setup)
            real(self, setup)

        monkeypatch.setattr(ci.WorkerDecisions, "begin", begin)
        result = ci.import_contacts(source, options)
        assert bool(started) == worker
        return result, content()
    finally:
        close_database()


def result_facts(result: ci.ImportResult) -> tuple:
    return (result.created, result.updated, result.joined, result.skipped, result.rejected, result.rejects,
            result.warnings, result.warning_rows,
            result.preset, result.encoding)


@pytest.mark.parametrize("policy", ["skip", "fill", "overwrite", "create"])
def test_a_worker_decides_exactly_as_the_importing_thread(files, tmp_path, monkeypatch, policy):
    regulars, big = files
    monkeypatch.setattr(ci, "CHUNK", 64)  # many chunks: duplicates of contacts written chunks before
    fixed = ["", "Ann", "", "", "ann.b@example.com", *[""] * 11]  # Ann's row 602 as the owner corrected it (Fix…)
    options = ci.ImportOptions(region="FR", on_duplicate=policy, row_choices={5: "create", 9: "skip", 40: "fill"},
                               tags=["Spring fair"], corrections={602: fixed})
    here, here_content = imported(tmp_path / "here.sqlite", regulars, big, options, worker=False,
                                  monkeypatch=monkeypatch)
    there, there_content = imported(tmp_path / "there.sqlite", regulars, big, options, worker=True,
                                    monkeypatch=monkeypatch)
    assert result_facts(there) == result_facts(here)
    assert here.created > 400 and here.rejected >= 1
    assert 602 not in [r.row for r in here.rejects]  # (read as corrected, by the worker too)
    assert dict(here.warnings)["birthday_in_notes"] >= 1  # Bob's 31/02/1990, kept in his notes
    assert here.warning_rows["short_rows"][-1:] == [606]  # Dee's row, the file's last (where to look)
    assert policy == "create" or here.skipped + here.updated + here.joined > 20  # duplicates, of the book and the file
    assert there_content == here_content
    # the import's tag, on every customer it created or changed (its journal), and no one else
    fair = [tid for tid, name, _ in here_content["tag"] if name == "Spring fair"]
    changed = {contact for _, batch, contact, *_ in here_content["import_change"] if batch == here.batch}
    assert {contact for contact, tid in here_content["contact_tag"] if tid in fair} == changed
    assert len(changed) > 400


def planned(path: Path, regulars: Path, source: Path, options: ci.ImportOptions, *, worker: bool,
            monkeypatch) -> ci.ImportPlan:
    """The dry run of `source` on a book holding `regulars`, decided in a worker process or in this thread."""
    open_database(path)
    try:
        monkeypatch.setattr(ci, "POOL_MIN_BYTES", 10**12)
        ci.import_contacts(regulars, ci.ImportOptions(region="FR"))
        monkeypatch.setattr(ci, "POOL_MIN_BYTES", 0 if worker else 10**12)
        started = []
        monkeypatch.setattr(ci, "WorkerDecisions", type("Counted", (deciding.WorkerDecisions,), {
            "begin": lambda self, setup: started.append(setup) or deciding.WorkerDecisions.begin(self, setup)}))
        plan = ci.plan_contacts_import(source, options)
        assert bool(started) == worker
        return plan
    finally:
        close_database()


@pytest.mark.parametrize("policy", ["skip", "overwrite"])
def test_a_dry_run_in_a_worker_says_exactly_what_one_in_the_importing_thread_says(files, tmp_path, monkeypatch,
                                                                                 policy):
    regulars, big = files
    monkeypatch.setattr(ci, "CHUNK", 64)
    options = ci.ImportOptions(region="FR", on_duplicate=policy, row_choices={5: "create", 9: "skip"})
    here = planned(tmp_path / "here.sqlite", regulars, big, options, worker=False, monkeypatch=monkeypatch)
    there = planned(tmp_path / "there.sqlite", regulars, big, options, worker=True, monkeypatch=monkeypatch)
    assert there.counts == here.counts and there.rows == here.rows and there.rejects == here.rejects
    assert there.warnings == here.warnings and there.warning_rows == here.warning_rows
    assert there.preview == here.preview and len(here.preview) == ci.PREVIEW_ROWS
    assert all(p.contact is not None for p in here.preview if p.action != "reject")
    assert there.duplicates == here.duplicates
    # (row 9 is skipped, no match)
    assert len(here.duplicates) == here.counts["skip"] + here.counts["update"] + here.counts["join"] - 1
    assert {d.reason for d in here.duplicates} >= {"email", "phone"}
    assert all(d.name and (d.same_as if d.duplicate_of else d.duplicate_row) for d in here.duplicates)


def test_a_dry_run_reports_progress_and_stops_when_cancelled(db, files, monkeypatch):
    _, big = files
    monkeypatch.setattr(ci, "CHUNK", 50)
    monkeypatch.setattr(ci, "POOL_MIN_BYTES", 0)
    seen = []
    with pytest.raises(ci.ImportCancelled):
        ci.plan_contacts_import(big, ci.ImportOptions(region="FR"), progress=lambda done, total: seen.append(done),
                                cancelled=lambda: len(seen) >= 3)
    assert seen == [50, 100, 150]
    assert multiprocessing.active_children() == []


def test_the_worker_path_undoes_exactly(files, tmp_path, monkeypatch):
    regulars, big = files
    monkeypatch.setattr(ci, "CHUNK", 100)
    path = tmp_path / "book.sqlite"
    open_database(path)
    try:
        monkeypatch.setattr(ci, "POOL_MIN_BYTES", 10**12)
        ci.import_contacts(regulars, ci.ImportOptions(region="FR"))
        before = content()
        monkeypatch.setattr(ci, "POOL_MIN_BYTES", 0)
        result = ci.import_contacts(big, ci.ImportOptions(region="FR", on_duplicate="overwrite"))
        assert result.updated > 0
        ci.undo_import(result.batch)
        after = content()
        for bookkeeping in ("import_batch", "import_change"):
            before.pop(bookkeeping), after.pop(bookkeeping)
        assert after == before
    finally:
        close_database()


def test_cancel_with_a_worker_writes_nothing_and_stops_it(db, files, monkeypatch):
    _, big = files
    monkeypatch.setattr(ci, "CHUNK", 50)
    monkeypatch.setattr(ci, "POOL_MIN_BYTES", 0)
    before = content()
    seen = []
    with pytest.raises(ci.ImportCancelled):
        ci.import_contacts(big, ci.ImportOptions(region="FR"), progress=lambda done, total: seen.append(done),
                           cancelled=lambda: len(seen) >= 3)
    assert seen == [50, 100, 150]
    assert content() == before
    assert multiprocessing.active_children() == []  # the worker was stopped and waited for


@pytest.mark.parametrize("birthday", [False, True])  # found when reading the dates' order, or the rows
def test_a_file_problem_found_by_the_worker_is_the_same_problem(db, tmp_path, monkeypatch, birthday):
    path = tmp_path / "broken.csv"
    extra = ",1990-01-02" if birthday else ""
    rows = "".join(f"Zoë{i},Lee,zoe{i}@example.com{extra}\r\n" for i in range(20_000))  # UTF-8, past sniffing
    header = b"First Name,Last Name,Email" + (b",Birthday" if birthday else b"") + b"\r\n"
    path.write_bytes(header + rows.encode() + b"Bad,\xff\xfe,x@example.com\r\n")
    problems = []
    for threshold in (10**12, 0):
        monkeypatch.setattr(ci, "POOL_MIN_BYTES", threshold)
        with pytest.raises(ImportFileProblem) as caught:
            ci.import_contacts(path, ci.ImportOptions())
        problems.append(caught.value)
    assert problems[1] == problems[0]
    assert problems[0].reason == "encoding" and problems[0].row == 20_002
    assert database.execute_sql("SELECT count(*) FROM contact").fetchone()[0] == 0


def test_a_date_column_the_worker_cannot_settle_needs_an_answer_first(db, tmp_path, monkeypatch):
    monkeypatch.setattr(ci, "POOL_MIN_BYTES", 0)
    path = tmp_path / "dates.csv"
    path.write_text("First Name,Birthday\r\nAnn,03/04/1990\r\nBob,05/06/1991\r\n", encoding="utf-8")
    with pytest.raises(ci.DateOrderNeeded) as caught:
        ci.import_contacts(path, ci.ImportOptions())
    assert caught.value.columns == [(1, "Birthday")]
    assert database.execute_sql("SELECT count(*) FROM import_batch").fetchone()[0] == 0
    assert multiprocessing.active_children() == []
    result = ci.import_contacts(path, ci.ImportOptions(date_orders={1: "mdy"}))
    assert result.created == 2
    assert database.execute_sql("SELECT birthday FROM contact ORDER BY id").fetchall() == [("1990-03-04",),
                                                                                          ("1991-05-06",)]


def test_a_worker_that_stops_before_deciding_leaves_the_work_to_the_importing_thread(db, files, monkeypatch):
    _, big = files
    monkeypatch.setattr(ci, "POOL_MIN_BYTES", 0)

    def stopped(self):
        raise deciding.WorkerFailed("the import's worker process stopped")
        yield  # (a generator, as the real one)

    def no_dates(self, *args):
        raise deciding.WorkerFailed("the import's worker process stopped")

    monkeypatch.setattr(ci.WorkerDecisions, "date_orders", no_dates)
    monkeypatch.setattr(ci.WorkerDecisions, "__iter__", stopped)
    result = ci.import_contacts(big, ci.ImportOptions(region="FR"))
    assert result.created > 400
    assert database.execute_sql("SELECT count(*) FROM contact_fts").fetchone()[0] == result.created


def _started_workers(monkeypatch) -> list[deciding.WorkerDecisions]:
    """The workers the imports start, as they start them."""
    started = []
    real = ci._start_worker

    def start(path):
        worker = real(path)
        started.append(worker)
        return worker

    monkeypatch.setattr(ci, "_start_worker", start)
    return started


def test_a_preparer_that_is_gone_before_the_rows_leaves_the_work_to_the_importing_thread(db, files, monkeypatch):
    _, big = files
    monkeypatch.setattr(ci, "POOL_MIN_BYTES", 0)
    started = _started_workers(monkeypatch)
    real = ci.WorkerDecisions.begin

    def begin(self, setup):
        self.preparer.kill()  # (out of memory, say)
        self.preparer.join()
        real(self, setup)

    monkeypatch.setattr(ci.WorkerDecisions, "begin", begin)
    result = ci.import_contacts(big, ci.ImportOptions(region="FR"))
    assert started and started[0] is not None
    assert result.created > 400
    assert database.execute_sql("SELECT count(*) FROM contact_fts").fetchone()[0] == result.created
    assert multiprocessing.active_children() == []


def test_a_preparer_killed_half_way_leaves_nothing(db, tmp_path, monkeypatch):
    big = child.contacts_csv(tmp_path / "many.csv", 3000, seed=9)  # far more than the preparer reads ahead
    monkeypatch.setattr(ci, "CHUNK", 50)
    monkeypatch.setattr(ci, "POOL_MIN_BYTES", 0)
    before = content()
    started = _started_workers(monkeypatch)
    real = ci.Writer.create

    def create(self, states):
        real(self, states)
        if self.written >= 100 and started[0].preparer.is_alive():
            started[0].preparer.kill()

    monkeypatch.setattr(ci.Writer, "create", create)
    with pytest.raises(deciding.WorkerFailed):
        ci.import_contacts(big, ci.ImportOptions(region="FR"))
    assert content() == before
    assert multiprocessing.active_children() == []


def test_a_worker_that_stops_half_way_leaves_nothing(db, files, monkeypatch):
    _, big = files
    monkeypatch.setattr(ci, "CHUNK", 50)
    monkeypatch.setattr(ci, "POOL_MIN_BYTES", 0)
    before = content()
    real = ci.WorkerDecisions.__iter__

    def stops(self):
        for n, message in enumerate(real(self)):
            if n == 3:
                raise deciding.WorkerFailed("the import's worker process stopped")
            yield message

    monkeypatch.setattr(ci.WorkerDecisions, "__iter__", stops)
    with pytest.raises(deciding.WorkerFailed):
        ci.import_contacts(big, ci.ImportOptions(region="FR"))
    assert content() == before


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads process states from /proc")
def test_a_killed_import_leaves_nothing_and_its_worker_and_preparer_end(tmp_path):
    big = child.contacts_csv(tmp_path / "many.csv", 3000, seed=9)  # far more than the worker decides ahead
    path = tmp_path / "shop.sqlite"
    script = textwrap.dedent(f"""
        import multiprocessing, os, sys
        from smallcrm.store.db import open_database
        from smallcrm.services.contacts import ContactInput, add_contact
        from smallcrm.services.importing import contacts_import as ci

        if __name__ == "__main__":
            open_database({str(path)!r})
            add_contact(ContactInput(first_name="Kept"))
            ci.CHUNK = 50
            ci.POOL_MIN_BYTES = 0
            ci._cores = lambda: 2
            real = ci.Writer.create
            def create(self, states):
                real(self, states)
                if self.written >= 100:
                    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
                    os._exit(9)  # killed: no rollback, no cleanup, the worker and preparer not told
            ci.Writer.create = create
            ci.import_contacts({str(big)!r}, ci.ImportOptions(region="FR"))
    """)
    program = tmp_path / "killed.py"
    program.write_text(script, encoding="utf-8")
    done = subprocess.run([sys.executable, str(program)], cwd=ROOT, timeout=120, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 9, done.stderr
    processes = [int(pid) for pid in done.stdout.split()]
    assert len(processes) == 2  # the worker and its preparer
    deadline = time.monotonic() + 20
    while any(map(_running, processes)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_running, processes))
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT first_name FROM contact").fetchall() == [("Kept",)]
        assert conn.execute("SELECT count(*) FROM import_batch").fetchone()[0] == 0
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _running(pid: int) -> bool:
    """Whether the process is alive (a zombie waiting for its parent to collect it has ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return "\nState:\tZ" not in status
