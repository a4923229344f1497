"""`smallcrm report summary|customer|list`: PDFs whose text carries the right figures and names, JSON that
equals a recomputation from the raw rows, and one clear line for every mistake."""

from __future__ import annotations

import calendar
import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from smallcrm.store.db import close_database, open_database


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def demo_shop(cli, shop):
    done = cli("demo", "--contacts", "120", "--seed", "4")
    assert done.code == 0, done.err
    return shop


# --- mistakes -------------------------------------------------------------------------------------


@pytest.mark.parametrize("args, words", [
    (("report", "summary"), "--out FILE.pdf"),
    (("report", "list", "birthdays", "--segment", "lost", "--out", "x.pdf"), "leave out --segment"),
    (("report", "list", "calls", "--month", "3", "--out", "x.pdf"), "--month is for birthday lists"),
    (("report", "list", "cards", "--layout", "5160", "--out", "x.pdf"), "--layout is for mailing labels"),
    (("report", "list", "cards", "--everyone", "--out", "x.pdf"), "are for call lists and mailing labels"),
    (("report", "list", "birthdays", "--consenting", "sms", "--out", "x.pdf"), "are for call lists and mailing labels"),
    (("report", "list", "posters", "--out", "x.pdf"), "invalid choice"),
    (("report", "customer", "1"), "--out"),
    (("report", "summary", "--from", "2026-02-30", "--json"), "2026-02-30"),
])
def test_usage_mistakes_are_one_line_and_exit_2(cli, args, words, tmp_path):
    done = cli(*args)
    assert done.code == 2
    assert words in done.error_line
    assert not list(tmp_path.glob("*.pdf"))


def test_a_missing_database_is_not_created(cli, shop, tmp_path):
    done = cli("report", "summary", "--json")
    assert done.code == 1 and "no database" in done.error_line
    assert not shop.exists()


def test_bad_values_are_one_line_and_exit_1(cli, demo_shop, tmp_path):
    out = tmp_path / "r.pdf"
    cases = [
        (("report", "summary", "--from", "2026-03-01", "--to", "2026-02-01", "--json"), "ends before it starts"),
        (("report", "list", "calls", "--segment", "vips", "--out", str(out)), "champions, loyal"),
        (("report", "list", "birthdays", "--month", "13", "--out", str(out)), "1 to 12"),
        (("report", "customer", "999999", "--out", str(out)), "no contact with id 999999"),
        (("report", "customer", "zzqxv", "--out", str(out)), "no contact matches"),
        (("report", "list", "calls", "--search", "zzqxv", "--out", str(out)), "nothing to print"),
    ]
    for args, words in cases:
        done = cli(*args)
        assert done.code == 1, (args, done.out)
        assert words in done.error_line, (args, done.err)
    assert not out.exists()


def test_a_report_that_cannot_be_written_says_so_and_leaves_nothing(cli, demo_shop, tmp_path):
    out = tmp_path / "no such folder" / "r.pdf"
    done = cli("report", "summary", "--out", str(out))
    assert done.code == 1
    assert "cannot write" in done.error_line and "folder exists" in done.error_line
    assert not out.parent.exists()
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    blocked.chmod(0o500)
    try:
        done = cli("report", "customer", "1", "--out", str(blocked / "dossier.pdf"))
        if done.code == 0:  # running as a user whom permissions do not stop (root)
            assert (blocked / "dossier.pdf").stat().st_size > 0
        else:
            assert done.code == 1 and "cannot write" in done.error_line
            assert list(blocked.iterdir()) == []
    finally:
        blocked.chmod(0o700)


# --- what the reports hold ------------------------------------------------------------------------


def test_summary_json_equals_the_metrics_and_the_pdf_shows_them(cli, demo_shop, tmp_path):
    from smallcrm.services import metrics, when

    out = tmp_path / "summary.pdf"
    done = cli("report", "summary", "--out", str(out), "--from", "2026-01-01", "--to", "2026-06-30", "--json")
    assert done.code == 0, done.err
    data = done.json()
    for key in ("revenue", "purchases", "average_basket", "active_customers", "new_customers", "nps",
                "csat_average", "revenue_by_month", "segments", "points_outstanding", "receivables"):
        assert key in data, key
    assert [row["month"] for row in data["revenue_by_month"]] == [f"2026-{m:02d}" for m in range(1, 7)]
    assert set(data["segments"]) == set(metrics.SEGMENTS)

    open_database(demo_shop)
    try:
        expected = metrics.summary_json(metrics.summary(metrics.Period(date(2026, 1, 1), date(2026, 6, 30)),
                                                        today=when.today()))
    finally:
        close_database()
    assert data == expected
    assert sum(row["revenue"] for row in data["revenue_by_month"]) == data["revenue"]
    text = pdf_text(out)
    assert "Page 1 of" in text


def test_summary_defaults_to_the_twelve_months_up_to_today(cli, demo_shop):
    data = cli("report", "summary", "--json").json()
    today = date.today()
    assert data["period"]["end"] == today.isoformat()
    start = date.fromisoformat(data["period"]["start"])
    assert start.day == (today + timedelta(days=1)).day or start.day == 1
    assert 365 <= (today - start).days + 1 <= 366


def test_a_dossier_by_id_or_by_words(cli, add, shop, tmp_path):
    lee = add("--first-name", "<b>Bob</b>", "--last-name", "Lee & Co", "--email", "bob@example.com")
    add("--first-name", "Ann", "--last-name", "Lee")
    out = tmp_path / "dossier.pdf"
    assert cli("report", "customer", str(lee), "--out", str(out)).code == 0
    assert "<b>Bob</b> Lee & Co" in pdf_text(out)
    out.unlink()
    done = cli("report", "customer", "bob@example", "--out", str(out))
    assert done.code == 0, done.err
    assert "bob@example.com" in pdf_text(out)
    done = cli("report", "customer", "lee", "--out", str(out))
    assert done.code == 1 and "more than one contact matches" in done.error_line


def test_a_call_list_for_a_segment_has_exactly_its_customers(cli, demo_shop, tmp_path):
    from smallcrm.services import contacts, metrics

    open_database(demo_shop)
    try:
        counts = {s.key: s.customers for s in metrics.segments()}
        key = max(counts, key=counts.get)
        members = metrics.segment_members(key)
        names = {contacts.get_contact(i).display_name for i in members}
        everyone = {contacts.get_contact(i).display_name for i in contacts.contact_ids("")}
    finally:
        close_database()
    out = tmp_path / "calls.pdf"
    done = cli("report", "list", "calls", "--segment", key.replace("_", "-").upper(), "--everyone",
               "--out", str(out))
    assert done.code == 0, done.err
    assert f"of {len(members)} contacts (everyone, whether or not they agreed to marketing)" in done.out
    text = pdf_text(out)
    assert metrics.SEGMENT_TEXT[key][0] in text and "Everyone" not in text
    assert all(name in text for name in names)
    outsiders = [n for n in everyone - names if not any(n in m or m in n for m in names)]
    assert outsiders and not any(name in text for name in outsiders)


@pytest.mark.parametrize(("options", "channel"), [([], "sms"), (["--consenting", "email"], "email")])
def test_a_call_list_has_only_those_who_agreed_unless_told_otherwise(cli, demo_shop, tmp_path, options, channel):
    from smallcrm.services import contacts, metrics

    open_database(demo_shop)
    try:
        counts = {s.key: s.customers for s in metrics.segments()}
        key = max(counts, key=counts.get)
        members = [contacts.get_contact(i) for i in metrics.segment_members(key)]
    finally:
        close_database()
    agreed = {c.display_name for c in members if getattr(c, f"{channel}_consent")}
    refused = {c.display_name for c in members if not getattr(c, f"{channel}_consent")}
    refused = {n for n in refused if not any(n in m or m in n for m in agreed)}
    assert agreed and refused  # the demo data has both
    out = tmp_path / "calls.pdf"
    done = cli("report", "list", "calls", "--segment", key, *options, "--out", str(out))
    assert done.code == 0, done.err
    words = {"sms": "SMS", "email": "email"}[channel]
    assert f"of {len(agreed)} contact" in done.out and f"only customers who agreed to {words} marketing" in done.out
    text = pdf_text(out)
    assert all(name in text for name in agreed) and not any(name in text for name in refused)


def test_birthdays_labels_and_cards(cli, add, shop, tmp_path):
    month = date.today().month % 12 + 1
    add("--first-name", "Zoë", "--last-name", "Birthday", "--birthday", f"--{month:02d}-15")
    add("--first-name", "Olaf", "--last-name", "Otherday", "--birthday", f"1980-{month % 12 + 1:02d}-15")
    out = tmp_path / "b.pdf"
    assert cli("report", "list", "birthdays", "--out", str(out)).code == 0  # next month by default
    text = pdf_text(out)
    assert "Zoë Birthday" in text and "Olaf" not in text
    named = calendar.month_name[month % 12 + 1]
    assert cli("report", "list", "birthdays", "--month", named, "--out", str(out)).code == 0
    assert "Olaf Otherday" in pdf_text(out)

    for kind, layout, size in (("labels", "L7160", (595, 842)), ("labels", "5160", (612, 792)), ("cards", None, None)):
        out = tmp_path / f"{kind}-{layout}.pdf"
        args = ["report", "list", kind, "--search", "birthday", "--out", str(out)]
        if layout:
            args += ["--layout", layout]
        done = cli(*args)
        assert done.code == 0, done.err
        reader = PdfReader(out)
        assert "Zoë Birthday" in pdf_text(out) and "Olaf" not in pdf_text(out)
        if size:
            box = reader.pages[0].mediabox
            assert (round(float(box.width)), round(float(box.height))) == size


def test_report_functions_accept_a_file_object(db):
    from smallcrm import reports
    from smallcrm.services.contacts import ContactInput, add_contact

    contact_id = add_contact(ContactInput(first_name="Ἀριστοτέλης", last_name="Πετρόπουλος"))
    buffer = io.BytesIO()
    reports.dossier_pdf(contact_id, buffer)
    assert buffer.getvalue().startswith(b"%PDF")
