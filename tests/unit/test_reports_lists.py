"""Lists to print: the call list (in the order given, read in chunks, Trash left out) and the birthdays
of a month."""

from __future__ import annotations

import io
from datetime import date, datetime, timezone

import pytest

from smallcrm import reports
from smallcrm.errors import InvalidValue
from smallcrm.reports import lists
from smallcrm.services.contacts import delete_contacts
from smallcrm.services.purchases import record_purchase
from smallcrm.services.settings import set_setting
from tests.clock import time_zone
from tests.unit.test_reports_helpers import HOSTILE, flat, page_sizes, pages_text, person, text
from tests.unit.unlinked_refunds import insert_unlinked_refund

UTC = timezone.utc


@pytest.fixture
def shop(db):
    """The shop, in UTC: times stored at noon UTC fall on the day they name."""
    with time_zone("UTC"):
        set_setting("locale", "en_US")
        set_setting("paper_size", "A4")
        set_setting("default_region", "US")
        yield


def call_list(ids, title="Spring calls") -> io.BytesIO:
    out = io.BytesIO()
    reports.call_list_pdf(ids, out, title=title)
    return out


def rows(out) -> list[str]:
    """The lines of the list's table: those that start with a row number."""
    return [line for line in text(out).split("\n")
            if line.split(" ")[0].isdigit() and not line.endswith((" contacts", " contact"))]


def test_a_call_list_has_name_phone_and_last_purchase_in_the_order_given(shop):
    ann = person("Ann", "Lee", phones=["+1 202 555 0101"])
    bo = person("Bo", "Chen")
    record_purchase(bo, total_minor=1000, at=datetime(2024, 5, 6, 12, tzinfo=UTC))
    record_purchase(bo, total_minor=2000, at=datetime(2024, 7, 8, 12, tzinfo=UTC))
    out = call_list([bo, ann])
    assert rows(out) == ["1 Bo Chen Jul 8, 2024", "2 Ann Lee (202) 555-0101 never"]
    first = pages_text(out)[0]
    assert "Call list\nSpring calls\n2 contacts\n" in first
    assert "# Name Phone Last purchase Notes" in first


def test_a_call_list_has_every_phone_with_its_kind_in_the_customers_order(shop):
    ann = person("Ann", "Lee", phones=["+1 202 555 0101", "+44 20 7946 0958", "0456"],
                 phone_labels=["home", "Shop", ""])
    assert ("1 Ann Lee (202) 555-0101 (Home)\n+44 20 7946 0958 (Shop)\n0456\nnever\n"
            in text(call_list([ann])))
    set_setting("locale", "fr_FR")  # (the kinds in the shop's language, the owner's own as written)
    assert "1 Ann Lee (202) 555-0101 (Domicile)\n+44 20 7946 0958 (Shop)\n0456\njamais\n" in text(call_list([ann]))


def test_the_last_purchase_of_a_call_list_is_no_refund_without_its_sale(shop):
    """A refund the import could not link to a sale (only its total negative) is not the customer's last purchase."""
    bo, cy = person("Bo", "Chen"), person("Cy", "Diaz")
    record_purchase(bo, total_minor=2000, at=datetime(2024, 7, 8, 12, tzinfo=UTC))
    insert_unlinked_refund(bo, -500, datetime(2024, 9, 1, 12, tzinfo=UTC), reference="C1009")
    insert_unlinked_refund(cy, -500, datetime(2024, 9, 2, 12, tzinfo=UTC), reference="C1010")
    assert rows(call_list([bo, cy])) == ["1 Bo Chen Jul 8, 2024", "2 Cy Diaz never"]
    assert [c.last_purchase_on for c in lists.listed_contacts([bo, cy])] == [date(2024, 7, 8), None]


def test_the_trash_unknown_ids_and_repeats_are_left_out(shop):
    ann, bo, cy = person("Ann", "Lee"), person("Bo", "Chen"), person("Cy", "Diaz")
    delete_contacts([bo])
    assert rows(call_list([cy, bo, 999, ann, cy])) == ["1 Cy Diaz never", "2 Ann Lee never"]


def test_contacts_are_read_in_chunks_and_keep_their_order(shop, monkeypatch):
    monkeypatch.setattr(lists, "CHUNK", 3)
    ids = [person(f"Person{i:02d}", "Test") for i in range(10)]
    queries = []
    real = lists.contacts.contact_rows
    monkeypatch.setattr(lists.contacts, "contact_rows", lambda chunk: queries.append(list(chunk)) or real(chunk))
    order = ids[::-1]
    assert rows(call_list(order)) == [f"{n} Person{i:02d} Test never" for n, i in enumerate(range(9, -1, -1), 1)]
    assert queries == [order[0:3], order[3:6], order[6:9], order[9:10]]


def test_a_long_call_list_repeats_its_header_and_numbers_its_pages(shop):
    ids = [person(f"Person{i:03d}", "Test") for i in range(90)]
    pages = pages_text(call_list(ids))
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert page.count("# Name Phone Last purchase Notes") == 1
        assert f"Page {number} of {len(pages)}" in page
    assert len(rows(call_list(ids))) == 90


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_names_and_titles_print_exactly(shop, kind):
    first, last = HOSTILE[kind]
    cid = person(first, last)
    printed = flat(text(call_list([cid], title=f"{first} list")))
    assert flat(f"{first} {last}") in printed or (flat(first) in printed and flat(last) in printed)
    assert flat(first) in printed


def test_a_markup_title_prints_as_typed(shop):
    out = call_list([person()], title="<b>VIP</b> & friends")
    assert "<b>VIP</b> & friends" in pages_text(out)[0]


def test_an_empty_call_list_says_so(shop):
    assert "Nobody to call: the list is empty." in text(call_list([]))


# --- birthdays --------------------------------------------------------------------------------------


def birthday_list(month, **kwargs) -> io.BytesIO:
    out = io.BytesIO()
    reports.birthday_list_pdf(month, out, **kwargs)
    return out


def test_birthdays_of_a_month_by_day(shop):
    person("Ann", "Lee", birthday="1980-03-14", emails=["ann@example.com"])
    person("Bo", "Chen", birthday="--03-02", phones=["+1 202 555 0102"])
    person("Cy", "Diaz", birthday="1990-04-01")
    gone = person("Di", "Evans", birthday="1970-03-20")
    delete_contacts([gone])
    person("Ed", "Fox")
    out = birthday_list(3, year=2025)
    printed = text(out)
    assert rows_of_days(printed) == ["Sun, Mar 2 Bo Chen (202) 555-0102", "Fri, Mar 14 Ann Lee 45 ann@example.com"]
    assert "Birthdays\nMarch 2025\n2 birthdays\n" in printed


def rows_of_days(printed: str) -> list[str]:
    return [line for line in printed.split("\n") if line[:4] in ("Mon,", "Tue,", "Wed,", "Thu,", "Fri,", "Sat,",
                                                               "Sun,")]


def test_a_leap_day_birthday_is_on_the_28th_in_other_years(shop):
    person("Lea", "Leap", birthday="2000-02-29")
    assert rows_of_days(text(birthday_list(2, year=2025))) == ["Fri, Feb 28 Lea Leap 25"]
    assert rows_of_days(text(birthday_list(2, year=2028))) == ["Tue, Feb 29 Lea Leap 28"]


def test_the_month_to_come_is_this_years_or_next_years():
    assert lists._month_year(3, date(2025, 3, 31)) == 2025
    assert lists._month_year(2, date(2025, 3, 1)) == 2026


@pytest.mark.parametrize("month", [0, 13, "3", True, None])
def test_a_month_that_is_not_one_is_refused(shop, month):
    with pytest.raises(InvalidValue) as e:
        reports.birthday_list_pdf(month, io.BytesIO())
    assert e.value.field == "month"


def test_a_month_without_birthdays_says_so(shop):
    person("Ann", "Lee", birthday="1980-03-14")
    assert "No birthdays this month." in text(birthday_list(7, year=2025))


@pytest.mark.parametrize(("paper", "size"), [("A4", (595.3, 841.9)), ("Letter", (612.0, 792.0))])
def test_lists_follow_the_paper_size(shop, paper, size):
    set_setting("paper_size", paper)
    person("Ann", "Lee", birthday="1980-03-14")
    assert set(page_sizes(birthday_list(3, year=2025))) == {size}
    assert set(page_sizes(call_list([1]))) == {size}
