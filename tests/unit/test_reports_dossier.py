"""A customer's dossier: profile, figures, purchases, points, answers, open complaints and money owed,
each printed as stored."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta, timezone

import pytest

from smallcrm import reports
from smallcrm.errors import NotFound
from smallcrm.services import loyalty
from smallcrm.services.contacts import ContactInput, add_contact, delete_contacts, get_contact, update_contact
from smallcrm.services.purchases import Item, record_purchase, refund_purchase
from smallcrm.services.referrals import set_referrer
from smallcrm.services.satisfaction import open_complaint, record_feedback, update_complaint
from smallcrm.services.settings import set_setting
from tests.clock import time_zone
from tests.unit.test_reports_helpers import HOSTILE, characters, flat, page_sizes, pages_text, person, text
from tests.unit.unlinked_refunds import import_till_file

UTC = timezone.utc
T0 = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def shop(db):
    """The shop, in UTC: times stored at noon UTC fall on the day they name."""
    with time_zone("UTC"):
        set_setting("locale", "en_US")
        set_setting("paper_size", "Letter")
        set_setting("default_region", "US")
        set_setting("currency", "USD")
        yield


@pytest.fixture
def customer(shop) -> int:
    referrer = person("Rita", "Referrer")
    cid = add_contact(ContactInput(
        first_name="Ann", last_name="Lee", company="Lee & Sons", emails=["ann@example.com", "ann.lee@work.example"],
        phones=["+1 202 555 0101", "+1 202 555 0102"], phone_labels=["mobile", "Shop <b>"], street="12 Elm Street",
        postal_code="12345", city="Springfield",
        country="United States", birthday="1984-03-04", tags=["VIP", "Wholesale"], notes="Prefers <b>tulips</b>.",
        email_consent=True, email_consent_at=T0, email_consent_source="card <b>", sms_consent=False,
    ), welcome=False)
    set_referrer(cid, referrer)
    first = record_purchase(cid, items=[Item("Roses", 2, 1000), Item("Vase", 1, 500)], at=T0, reference="R-1")
    record_purchase(cid, total_minor=4000, at=T0 + timedelta(days=10), reference="R-2", status="partly_paid",
                    paid_minor=1500, due_on=date(2024, 4, 10))
    refund_purchase(first.purchase_id, 500, at=T0 + timedelta(days=12), reason="Broken vase")
    loyalty.redeem(cid, 10, at=T0 + timedelta(days=20), reason="Coffee voucher")
    record_feedback(cid, "nps", 3, comment="Late & <rude>", at=T0 + timedelta(days=21))  # opens a complaint
    record_feedback(cid, "csat", 5, comment="Lovely bouquet", at=T0 + timedelta(days=22))
    done = open_complaint(cid, category="Delivery", description="Came a day late", at=T0 + timedelta(days=2))
    update_complaint(done, status="resolved", resolution="Refunded the delivery")
    return cid


def dossier(contact_id: int) -> io.BytesIO:
    out = io.BytesIO()
    reports.dossier_pdf(contact_id, out)
    return out


def test_an_unknown_contact_is_not_found(shop):
    with pytest.raises(NotFound) as e:
        reports.dossier_pdf(404, io.BytesIO())
    assert (e.value.kind, e.value.key) == ("contact", 404)


def test_the_profile_prints_every_field(customer):
    printed = text(dossier(customer))
    for line in ("First name Ann", "Last name Lee", "Company Lee & Sons", "Emails ann@example.com",
                 "ann.lee@work.example", "Phones (202) 555-0101 (Mobile)", "(202) 555-0102 (Shop <b>)",
                 "Address 12 Elm Street", "Springfield 12345",
                 "United States", "Birthday March 4, 1984", "Tags VIP, Wholesale", "Emails allowed Yes, since "
                 "Mar 1, 2024,", "Text messages allowed No", "Referred by Rita Referrer",
                 f"Customer number {customer:06d}", "Notes\nPrefers <b>tulips</b>.\n",
                 "Customer since Mar 1, 2024"):  # (the first purchase, older than the day she was added)
        assert line in printed, line
    assert "Emails allowed Yes, since Mar 1, 2024, card <b>" in " ".join(printed.split())  # with how they agreed


def test_what_kind_of_number_a_phone_is_prints_in_the_shops_language(customer):
    set_setting("locale", "fr_FR")
    printed = text(dossier(customer))
    assert "Téléphones (202) 555-0101 (Mobile)" in printed and "(202) 555-0102 (Shop <b>)" in printed
    update = get_contact(customer).to_input()
    update.phone_labels = ["home", "work"]
    update.email_labels = ["home", "work"]
    update_contact(customer, update)
    printed = text(dossier(customer))
    assert "(202) 555-0101 (Domicile)" in printed and "(202) 555-0102 (Travail)" in printed
    assert "E-mails ann@example.com (Domicile) ann.lee@work.example (Travail)" in " ".join(printed.split())


def test_the_figures_at_the_head(customer):
    printed = text(dossier(customer))
    # spend: 2500 + 4000 - 500 refunded; owed: 4000 - 1500 paid
    assert "Lifetime spend\n$60.00\n" in printed
    assert "Purchases\n2\nlast on Mar 11, 2024\n" in printed
    assert "Owed\n$25.00\n" in printed
    balance = loyalty.points_balance(customer)
    assert f"Points\n{balance}\n" in printed
    assert "NPS\n-100\n" in printed.replace("−", "-")
    assert "CSAT\n5.0\n1 open complaint\n" in printed


def test_the_purchase_history_newest_first(customer):
    printed = text(dossier(customer))
    printed = printed[printed.index("Purchases\nDate"):printed.index("Points statement")]
    refund = printed.index("Mar 13, 2024 Broken vase Refund -$5.00")
    second = printed.index("Mar 11, 2024 R-2")
    first = printed.index("Mar 1, 2024 R-1 2 × Roses, Vase Paid; $5.00 refunded $25.00")
    assert refund < second < first
    assert "Partly paid, by Apr 10, 2024 (overdue) $40.00" in flat_lines(printed)


def test_a_refund_imported_without_its_sale_prints_as_a_refund_and_is_not_counted_a_purchase(shop, tmp_path):
    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["ann@example.com"]), welcome=False)
    import_till_file(tmp_path / "march.csv", [["2024-03-01 12:00", "451", "ann@example.com", "80.00"]])
    import_till_file(tmp_path / "april.csv", [["2024-04-02 12:00", "C1009", "ann@example.com", "-6.00"]])
    printed = text(dossier(ann))
    assert "Purchases\n1\nlast on Mar 1, 2024\n" in printed  # not 2, last on Apr 2
    assert "Average basket\n$74.00\n" in printed
    history = flat_lines(printed[printed.index("Purchases\nDate"):printed.index("Points statement")])
    assert "Apr 2, 2024 C1009 Refund -$6.00" in history  # not "Paid"


def flat_lines(printed: str) -> str:
    return " ".join(printed.split())


def test_the_amount_owed_lists_each_purchase(customer):
    printed = text(dossier(customer))
    section = printed[printed.index("Amount owed"):printed.index("Purchases\nDate")]
    assert "Mar 11, 2024 R-2 Apr 10, 2024" in section
    assert "$40.00 $25.00" in section
    assert "Total $25.00" in section


def test_the_points_statement(customer):
    printed = text(dossier(customer))
    assert "Mar 21, 2024 Redeemed Coffee voucher −10" in printed
    assert "Mar 1, 2024 Earned Purchase R-1 +25 25" in printed  # 1 point a euro of €25.00, the first row


def test_answers_with_their_comments_and_only_open_complaints(customer):
    printed = text(dossier(customer))
    assert "Mar 23, 2024 CSAT (1–5) 5 Lovely bouquet" in printed
    assert "Mar 22, 2024 NPS (0–10) 3 Late & <rude>" in printed
    complaints = printed[printed.index("Open complaints"):]
    assert "Mar 22, 2024 low score Open Late & <rude>" in complaints
    assert "Came a day late" not in complaints  # resolved


def test_a_contact_in_the_trash_prints_marked_as_such(customer):
    delete_contacts([customer])
    assert "In the Trash" in pages_text(dossier(customer))[0]


def test_a_customer_without_history_prints_plain_messages(shop):
    cid = person("Zed", "New")
    printed = text(dossier(cid))
    for message in ("Nothing is owed.", "No purchases yet.", "No points yet.", "No answers yet.",
                    "No open complaints."):
        assert message in printed


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_names_print_exactly(shop, kind):
    first, last = HOSTILE[kind]
    cid = person(first, last, street=first[:200], notes=last)
    record_purchase(cid, items=[Item(last, 1, 100)], at=T0, reference=first[:50])
    printed = text(dossier(cid))
    profile = flat(printed[printed.index("Profile"):printed.index("Amount owed")])
    assert flat(first) in profile and flat(last) in profile
    history = flat(printed[printed.index("Purchases\nDate"):printed.index("Points statement")])
    assert flat(last) in history


def test_an_emoji_prints_as_a_square(shop):
    cid = person("Anna 🌸", "Smith")
    printed = text(dossier(cid))
    assert "First name Anna □" in printed


def test_a_long_history_repeats_the_table_header_on_each_page(shop):
    cid = person()
    for day in range(80):
        record_purchase(cid, total_minor=1000 + day, at=T0 + timedelta(days=day), reference=f"R-{day:03d}")
    pages = pages_text(dossier(cid))
    with_purchases = [page for page in pages if re.search(r"^\w{3} \d{1,2}, \d{4} R-\d{3} ", page, re.MULTILINE)]
    assert len(with_purchases) >= 2
    for page in with_purchases:
        assert page.count("Date Reference Items Status Amount") == 1
    assert all(f"R-{day:03d}" in "".join(pages) for day in range(80))
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    assert set(page_sizes(dossier(cid))) == {(612.0, 792.0)}


def test_texts_longer_than_a_page_flow_on_over_several_pages(shop):
    notes = " ".join(f"note{i}" for i in range(4000))
    cid = person("Long", "Texts", notes=notes)
    record_feedback(cid, "csat", 5, comment=" ".join(f"comment{i}" for i in range(3000)), at=T0)
    hebrew = " ".join(["שלום"] * 2500 + ["סוף"])
    open_complaint(cid, category="Long", description=hebrew, at=T0)
    pages = pages_text(dossier(cid))
    assert len(pages) >= 6
    printed = "\n".join(pages)
    assert re.findall(r"note\d+", printed) == notes.split()  # every word once, in order, across the pages
    assert re.findall(r"comment\d+", printed) == [f"comment{i}" for i in range(3000)]
    assert printed.count("שלום") == 2500 and "סוף" in printed
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


def test_a_long_history_prints_every_reference_as_stored_under_a_header_on_each_page(shop):
    cid = person()
    hebrew, arabic = "אבגדהוזחטיכלמנסעפצקרשת", "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    references = [[f"R-<{n}> & Co", f"חשבון{hebrew[n % 22]}{hebrew[n // 22]}",
                   f"فاتورة{arabic[n % 28]}{arabic[n // 28]}", "W" * 30 + str(n)][n % 4] for n in range(160)]
    for n, reference in enumerate(references):
        items = [Item("Roses " * 12 if n % 3 else f"Vase {n}", 1, 1000 + 10 * n)]  # every amount ends in 0
        record_purchase(cid, items=items, at=T0 + timedelta(days=n), reference=reference)
    out = dossier(cid)
    pages = pages_text(out)
    history = [page for page in pages if "Date Reference Items Status Amount" in page]
    assert len(history) >= 4
    assert all(page.count("Date Reference Items Status Amount") == 1 for page in history)
    printed = "\n".join(pages)
    printed = flat(printed[printed.index("Purchases\nDate"):printed.index("Points statement")])
    for reference in references:
        assert flat(reference) in printed, reference
    assert printed.count(flat("Roses " * 12)) == sum(1 for n in range(160) if n % 3)  # wrapped, whole
    chars = characters(out)
    right = 612 - 16 * 72 / 25.4 - 4  # the text's right edge (Letter, 16 mm margins) less the cell's padding
    for dollar in (c for c in chars if c.char == "$" and c.left > right - 80):  # every amount ends at one edge
        amount = [c for c in chars if c.page == dollar.page and abs(c.bottom - dollar.bottom) < 3
                  and dollar.left <= c.left < right]
        assert right - 1.5 < max(c.right for c in amount) <= right, "".join(c.char for c in amount)
