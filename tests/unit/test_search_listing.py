"""A search lists exactly the first matches in name order, whichever way the index finds them; the name
buckets in the index stay right; the index of version 4 is what search.py makes, from new and from v3."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smallcrm.services import backup
from smallcrm.services.contacts import (
    ContactInput,
    add_contact,
    contact_ids,
    delete_contacts,
    search_contacts,
    update_contact,
)
from smallcrm.store import migrations, search
from smallcrm.store.db import close_database, open_database
from smallcrm.store.fields import utc_now
from smallcrm.store.models import Contact, database

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

FIRST = ["Ann", "Anna", "annie", "Bob", "Émile", "Zoë", "Ольга", "Μαρία", "小明", "Ana-Lucía", "Ø", "", "José", "Bea"]
LAST = ["Lee", "Lévy", "Adams", "adams", "Zane", "O'Brien", "Иванова", "Παπαδάκη", "王", "van Dijk", "'s Gravensande",
        "Ångström", "Baker", "Bakker", "", "Müller", "Nguyen", "Ba"]
COMPANIES = ["", "", "", "Acme", "Zeta Corp", "3M", "(The) Corner Shop", "Ünal GmbH", "Ba Ba Bakery"]
CITIES = ["Lyon", "Paris", "Bern", "Basel", "Athens", "Москва", "Anvers", "Zürich", ""]


def make_book(n: int, seed: int = 5) -> None:
    """`n` contacts with names from short lists (many share a name or a prefix), in bulk, some in the Trash."""
    rnd = random.Random(seed)
    now = utc_now()
    rows = []
    for _ in range(n):
        first, last, company = rnd.choice(FIRST), rnd.choice(LAST), rnd.choice(COMPANIES)
        if not (first or last or company):
            company = "Nameless Ltd"
        city = rnd.choice(CITIES)
        rows.append({"first_name": first, "last_name": last, "company": company, "city": city,
                     "created_at": now, "updated_at": now, **search.sort_keys(first, last, company, city, "")})
    conn = database.connection()
    with database.atomic(), search.triggers_off(conn):
        for start in range(0, n, 200):
            Contact.insert_many(rows[start:start + 200]).execute()
    delete_contacts(rnd.sample(list(contact_ids()), n // 20))


QUERIES = ["a", "A", "an", "ann", "b", "ba", "bak", "z", "l", "le", "o", "ol", "ο", "μα", "и", "王", "小", "ü", "u",
           "3", "the", "corner", "lyon", "pa", "ann l", "ba ba", "s", "g", "van d", "e", "n", "nobody", "'", "-"]


def expected(text: str, descending: bool, limit: int) -> tuple[list[int], int]:
    every = list(contact_ids(text, descending=descending))
    return every[:limit], len(every)


@pytest.mark.parametrize("way", ["sort all", "sample", "walk"])
def test_every_way_lists_exactly_the_first_matches_in_name_order(db, monkeypatch, way):
    make_book(700)
    if way == "sort all":
        monkeypatch.setattr(search, "SORT_ALL_MAX", 10**9)
    elif way == "sample":
        monkeypatch.setattr(search, "SORT_ALL_MAX", 0)
        monkeypatch.setattr(search, "WALK_VISITS", 0)
        monkeypatch.setattr(search, "SAMPLE_SIZE", 40)
    else:
        monkeypatch.setattr(search, "SORT_ALL_MAX", 0)
        monkeypatch.setattr(search, "WALK_VISITS", 10**9)
    for text in QUERIES:
        for descending in (False, True):
            for limit in (1, 7, 60, 1000):
                found = search_contacts(text, descending=descending, limit=limit)
                assert (list(found.ids), found.total) == expected(text, descending, limit), (text, descending, limit)


def test_a_sample_that_says_the_list_ends_too_early_still_lists_every_first_match(db, monkeypatch):
    make_book(300)
    monkeypatch.setattr(search, "SORT_ALL_MAX", 0)
    monkeypatch.setattr(search, "WALK_VISITS", 0)
    # Every sampled name the first possible one: the list would end in the first bucket.
    monkeypatch.setattr(search, "_SAMPLE", "SELECT '' FROM contact_fts WHERE contact_fts MATCH ? AND ? > 0 -- {dir}")
    for text in ("a", "b", "z", "lyon"):
        for descending in (False, True):
            found = search_contacts(text, descending=descending, limit=50)
            assert (list(found.ids), found.total) == expected(text, descending, 50)


def test_other_orders_and_no_limit_list_every_match(db):
    make_book(200)
    for order in ("company", "city", "updated", "email", "phone"):
        found = search_contacts("a", order=order, limit=30)
        assert list(found.ids) == list(contact_ids("a", order=order))[:30]
        assert found.total == len(contact_ids("a"))
    everything = search_contacts("b")
    assert list(everything.ids) == list(contact_ids("b")) and everything.total == len(everything.ids)
    assert search_contacts("nobody-at-all", limit=5).total == 0


# ---------------------------------------------------------------------------------------------
# The name buckets


def buckets(conn) -> list[tuple[int, str]]:
    return conn.execute("SELECT bucket, start FROM contact_fts_bucket ORDER BY bucket").fetchall()


def test_the_buckets_cut_the_name_order_in_order_and_fit_the_tokens(db):
    rows = buckets(database.connection())
    starts = [start for _, start in rows]
    assert [bucket for bucket, _ in rows] == list(range(len(rows)))
    assert starts[0] == "" and starts == sorted(starts) and len(set(starts)) == len(starts)
    assert len(rows) <= 4**5  # five base-4 digits in a token
    assert {"0", "a", "ab", "z", "zz", "α", "я", "一"} <= set(starts)


def token(bucket: int) -> str:
    return search.BUCKET_MARK + "".join(str((bucket >> shift) & 3) for shift in (8, 6, 4, 2, 0))


def test_a_contact_has_the_token_of_the_bucket_its_sort_name_is_in(db):
    conn = database.connection()
    starts = [start for _, start in buckets(conn)]
    for first, last in [("Ann", "Lee"), ("", "Zane"), ("Olga", "Иванова"), ("", "王"), ("Bo", "'t Hooft"),
                        ("Ann", "Lee")]:
        cid = add_contact(ContactInput(first_name=first, last_name=last))
        name = Contact.get_by_id(cid).sort_name
        bucket = max(i for i, start in enumerate(starts) if start <= name)
        assert database.execute_sql("SELECT name_bucket FROM contact_fts WHERE rowid = ?",
                                    (cid,)).fetchone()[0] == token(bucket)


@pytest.fixture(scope="module")
def every_bucket():
    """An index with one row per possible bucket number (rowid = bucket + 1), holding only its token."""
    conn = sqlite3.connect(":memory:")
    conn.execute(search.CREATE_INDEX)
    conn.executemany("INSERT INTO contact_fts (rowid, name_bucket) VALUES (?, ?)",
                     [(b + 1, token(b)) for b in range(4**5)])
    yield conn
    conn.close()


@given(st.integers(0, 4**5 - 1), st.integers(1, 4**5))
def test_a_bucket_filter_matches_exactly_its_run_of_buckets(every_bucket, first, length):
    end = min(first + length, 4**5)
    rows = every_bucket.execute("SELECT rowid - 1 FROM contact_fts WHERE contact_fts MATCH ?",
                                (search.bucket_filter(first, end),)).fetchall()
    assert [row[0] for row in rows] == list(range(first, end))


def test_an_empty_run_of_buckets_is_refused():
    with pytest.raises(ValueError):
        search.bucket_filter(3, 3)


@given(st.text())
def test_typed_text_never_reaches_a_bucket_token(every_bucket, typed):
    expression = search.match_expression(typed)
    if expression is None:
        return
    assert search.BUCKET_MARK not in expression
    assert every_bucket.execute("SELECT count(*) FROM contact_fts WHERE contact_fts MATCH ?",
                                (expression,)).fetchone()[0] == 0


def index_rows() -> list[tuple]:
    return database.execute_sql(f"SELECT rowid, {', '.join(search.COLUMNS)} FROM contact_fts ORDER BY rowid").fetchall()


def rebuilt_rows() -> list[tuple]:
    with database.atomic() as tx:
        search.rebuild(database.connection())
        rows = index_rows()
        tx.rollback()
    return rows


def test_the_token_follows_the_sort_name(db):
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee"))
    update_contact(ann, ContactInput(first_name="Ann", last_name="Zhou"))
    assert index_rows() == rebuilt_rows()
    Contact.update(sort_name="abc").where(Contact.id == ann).execute()  # the sort key alone, as a rebuild may
    rows = index_rows()
    bucket_of_start = {start: bucket for bucket, start in buckets(database.connection())}
    assert rows == rebuilt_rows() and rows[0][-1] == token(bucket_of_start["ab"])


def test_check_finds_a_stale_name_bucket(db):
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee"))
    close_database()
    with closing(sqlite3.connect(db, isolation_level=None)) as conn:
        conn.execute("UPDATE contact_fts SET name_bucket = ? WHERE rowid = ?", (token(0), ann))
    report = backup.check_database(db)
    assert [(p.check, p.kind, p.row) for p in report.problems] == [("search_index", "stale", ann)]
    assert "name_bucket" in report.problems[0].detail
    open_database(db)


# ---------------------------------------------------------------------------------------------
# The schema


def schema(conn) -> set[str]:
    return {row[0] for row in conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")}


def test_a_new_database_has_the_index_search_py_makes(db):
    made = schema(database.connection())
    assert {search.CREATE_INDEX.strip(), search.CREATE_BUCKETS, search.CREATE_SORT_KEYS} <= made
    assert set(search.trigger_statements()) <= made
    with closing(sqlite3.connect(":memory:")) as fresh:
        fresh.execute(search.CREATE_BUCKETS)
        fresh.execute(search.FILL_BUCKETS)
        assert buckets(fresh) == buckets(database.connection())


RELEASED = {  # sha256 of each released step's statements: a released step never changes
    1: "197daac744c471b80a24b69f3b3d5558cc3832a98a72bb3a6b1d72414ad4f730",
    2: "d255865e7f31281166cbff1dabd1aee04ac91898f0d990dc848c54d58c002a29",
    3: "db4dbceec2c3953f8f847601af3bfeba406c58f76b09aac978e53a1bcfc6b324",
    4: "04fde10b6f3c2459ecffb30e790c6d3f8f7a8fbe21246fde5ae11cc13b0b7ef1",
    5: "d0827454ea07bdc067dbad9d8303a6006dcaa974f565e17d5238977f6a065df8",
    6: "e5593054587f9d07ac7925abe62340d894d314e340d4f99b4675a7a234043f07",
}


def step_digest(version: int) -> str:
    return hashlib.sha256("\n;\n".join(migrations.STEPS[version - 1]).encode()).hexdigest()


@pytest.mark.parametrize("version", sorted(RELEASED))
def test_released_steps_never_change(version):
    assert step_digest(version) == RELEASED[version]


def test_check_reads_each_version_with_its_own_index(tmp_path):
    for version in sorted(RELEASED):
        path = tmp_path / f"v{version}.sqlite"
        shutil.copyfile(FIXTURES / f"schema_v{version}.sqlite", path)
        report = backup.check_database(path)  # not migrated: the index of that version
        assert report.ok and report.schema_version == version, report.problems


def test_version_3_gains_the_new_index_with_the_same_searches(tmp_path):
    path = tmp_path / "shop.sqlite"
    shutil.copyfile(FIXTURES / "schema_v3.sqlite", path)
    with closing(sqlite3.connect(path)) as old:
        texts = ["a", "z", "zo", "jose", "coffee", "sevilla", "41", "+41 44", "example"]
        before = {}
        for text in texts:
            match = search.match_expression(text)
            before[text] = sorted(r[0] for r in old.execute(
                "SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?", (match,)))
    try:
        open_database(path)
        conn = database.connection()
        assert database.execute_sql("PRAGMA user_version").fetchone()[0] == migrations.LATEST
        assert {search.CREATE_INDEX.strip(), search.CREATE_BUCKETS, search.CREATE_SORT_KEYS} <= schema(conn)
        assert set(search.trigger_statements()) <= schema(conn)
        assert index_rows() == rebuilt_rows() and len(index_rows()) == len(contact_ids())
        for text in texts:
            assert sorted(contact_ids(text)) == before[text], text
            for descending in (False, True):
                found = search_contacts(text, descending=descending, limit=2)
                assert (list(found.ids), found.total) == expected(text, descending, 2)
    finally:
        close_database()
    assert backup.check_database(path).ok
