"""`smallcrm calls|tasks|purchases|points|feedback|complaints|today`: what they store, print and refuse."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, timedelta

import pytest


@pytest.fixture
def anna(add):
    return add("--first-name", "Anna", "--last-name", "Kowalska", "--birthday", (date.today() + timedelta(days=2))
               .replace(year=1990).isoformat())


def rows(shop, sql):
    with closing(sqlite3.connect(shop)) as conn:
        return conn.execute(sql).fetchall()


def test_a_purchase_earns_points_and_reports_them(cli, anna, shop):
    done = cli("purchases", "add", str(anna), "--amount", "25.50", "--ref", "R-1", "--json")
    assert done.code == 0, done.err
    data = done.json()
    assert data["id"] == 1 and data["points_earned"] == 25 and data["total_minor"] == 2550
    assert data["currency"] == "EUR" and data["reference"] == "R-1"
    balance = cli("points", "balance", str(anna), "--json").json()
    assert balance["balance"] == 25 and balance["tier"] == "Bronze"
    assert rows(shop, "SELECT kind, points FROM points_entry") == [("earn", 25)]


def test_items_are_summed_and_a_refund_takes_points_back(cli, anna):
    done = cli("purchases", "add", str(anna), "--item", "Tea;2;4.50", "--item", "Mug;1;12.00", "--json")
    assert done.code == 0, done.err
    assert done.json()["total_minor"] == 2100 and len(done.json()["items"]) == 2
    refund = cli("purchases", "refund", "1", "--amount", "10.50")
    assert refund.code == 0, refund.err
    assert "points taken back" in refund.out
    assert cli("purchases", "show", "2").out.startswith(f"purchase 2, a refund of purchase 1, of contact {anna}: ")
    assert cli("points", "balance", str(anna), "--json").json()["balance"] == 11
    too_much = cli("purchases", "refund", "1", "--amount", "20")
    assert too_much.code == 1 and "10.50 EUR left to refund" in too_much.error_line


def test_a_refund_imported_without_its_sale_cannot_be_refunded_and_is_no_purchase_in_the_summary(cli, add, tmp_path):
    """A till's credit note in a later file, under a number of its own: the import finds no sale to link it to."""
    ann = add("--first-name", "Ann", "--email", "ann@example.com")
    for name, row in (("march.csv", "2025-03-05 10:00,451,ann@example.com,80.00"),
                      ("april.csv", "2025-04-02 10:00,AV-12,ann@example.com,-6.00")):
        (tmp_path / name).write_text(f"Date,Ticket,Email,Amount\n{row}\n", encoding="utf-8")
        assert cli("import", "purchases", str(tmp_path / name)).code == 0
    shown = cli("purchases", "show", "2", "--json").json()
    assert [shown[k] for k in ("contact_id", "total_minor", "refund_of", "refunded_minor")] == [ann, -600, None, 0]
    assert cli("purchases", "show", "2").out.startswith(f"purchase 2 of contact {ann}: -6.00 EUR")
    refused = cli("purchases", "refund", "2")
    assert refused.code == 1 and refused.error_line.endswith("purchase 2 is itself a refund")
    refused = cli("purchases", "pay", "2")
    assert refused.code == 1 and refused.error_line.endswith("purchase 2 is a refund")
    data = cli("report", "summary", "--from", "2025-03-01", "--to", "2025-04-30", "--json").json()
    assert (data["revenue"], data["purchases"], data["average_basket"], data["active_customers"]) == (7400, 1, 7400, 1)
    assert [(c["contact_id"], c["purchases"], c["last_purchase_on"]) for c in data["top_customers"]] == [
        (ann, 1, "2025-03-05")]


@pytest.mark.parametrize("amount, words", [
    ("abc", "amount"), ("-0", "-0"), ("1e9999", "amount"), ("12.345", "2 decimals"), ("-5", "negative"),
])
def test_bad_amounts_write_nothing(cli, anna, shop, amount, words):
    result = cli("purchases", "add", str(anna), f"--amount={amount}")
    assert result.code == 1
    assert result.error_line.startswith("smallcrm: error: purchase not recorded:") and words in result.error_line
    assert rows(shop, "SELECT count(*) FROM purchase") == [(0,)]


def test_impossible_dates_and_unknown_contacts_write_nothing(cli, anna, shop):
    bad_date = cli("purchases", "add", str(anna), "--amount", "5", "--at", "2023-02-30")
    assert bad_date.code == 1 and "day is out of range" in bad_date.error_line
    nobody = cli("purchases", "add", "999", "--amount", "5")
    assert nobody.code == 1 and "no contact with id 999" in nobody.error_line
    assert rows(shop, "SELECT count(*) FROM purchase") == [(0,)]


def test_redeeming_more_than_the_balance_is_refused_with_the_balance(cli, anna, shop):
    cli("purchases", "add", str(anna), "--amount", "30")
    refused = cli("points", "redeem", str(anna), "31")
    assert refused.code == 1 and "has 30 points" in refused.error_line
    done = cli("points", "redeem", str(anna), "20", "--json")
    assert done.code == 0 and done.json()["balance"] == 10
    assert rows(shop, "SELECT sum(points) FROM points_entry") == [(10,)]


def test_adjust_needs_a_reason_and_the_statement_adds_up(cli, anna):
    cli("purchases", "add", str(anna), "--amount", "40")
    assert cli("points", "adjust", str(anna), "15").code == 2  # --reason is required
    assert cli("points", "adjust", str(anna), "15", "--reason", "Birthday gift").code == 0
    assert cli("points", "adjust", str(anna), "-5", "--reason", "Correction").code == 0
    statement = cli("points", "statement", str(anna), "--json").json()
    assert statement["opening_balance"] == 0 and statement["closing_balance"] == 50
    assert [e["points"] for e in statement["entries"]] == [40, 15, -5]
    assert [e["balance"] for e in statement["entries"]] == [40, 55, 50]
    text = cli("points", "statement", str(anna))
    assert text.code == 0 and "closing balance" in text.out and "Birthday gift" in text.out


def test_a_call_with_a_follow_up_becomes_a_task(cli, anna):
    day = (date.today() + timedelta(days=3)).isoformat()
    logged = cli("calls", "add", str(anna), "--direction", "out", "--duration", "5", "--summary", "Order ready",
                 "--follow-up", day, "--json")
    assert logged.code == 0, logged.err
    assert logged.json()["duration_seconds"] == 300 and logged.json()["direction"] == "out"
    tasks = cli("tasks", "list", "--json").json()
    assert [t["summary"] for t in tasks] == ["Order ready"]
    assert cli("tasks", "done", str(tasks[0]["id"])).code == 0
    assert cli("tasks", "list", "--json").json() == []
    again = cli("tasks", "done", str(tasks[0]["id"]))
    assert again.code == 1 and again.error_line


def test_feedback_scores_are_checked_and_a_low_one_opens_a_complaint(cli, anna):
    eleven = cli("feedback", "add", str(anna), "--nps", "11")
    assert eleven.code == 1 and "task" not in eleven.error_line and "11" in eleven.error_line
    both = cli("feedback", "add", str(anna), "--nps", "9", "--csat", "4")
    assert both.code == 2
    low = cli("feedback", "add", str(anna), "--nps", "3", "--comment", "Rude at the till", "--json")
    assert low.code == 0 and low.json()["complaint_id"] and low.json()["task_id"]
    listed = cli("complaints", "list", "--json").json()
    assert len(listed) == 1 and listed[0]["status"] == "open"
    resolved = cli("complaints", "update", str(listed[0]["id"]), "--status", "Resolved", "--resolution", "Apologised")
    assert resolved.code == 0 and "resolved" in resolved.out
    assert cli("complaints", "list", "--json").json() == []


def test_today_lists_birthdays_tasks_and_overdue_payments(cli, anna):
    cli("calls", "add", str(anna), "--summary", "Ring back", "--follow-up", date.today().isoformat())
    cli("purchases", "add", str(anna), "--amount", "12", "--at", (date.today() - timedelta(days=40)).isoformat(),
        "--status", "due", "--due", (date.today() - timedelta(days=5)).isoformat())
    text = cli("today")
    assert text.code == 0, text.err
    assert "Follow-ups today (1)" in text.out and "Ring back" in text.out
    assert "Birthdays this week (1)" in text.out and "Anna Kowalska" in text.out
    assert "Overdue payments (1)" in text.out and "5 days overdue" in text.out
    data = cli("today", "--json").json()
    assert len(data["overdue_payments"]) == 1 and data["overdue_payments"][0]["owed_minor"] == 1200
    assert cli("purchases", "pay", "1").code == 0
    assert cli("today", "--json").json()["overdue_payments"] == []


def test_write_off_and_feedback_summary(cli, anna):
    cli("purchases", "add", str(anna), "--amount", "20", "--status", "due")
    assert cli("purchases", "owed", "--json").json()[0]["owed_minor"] == 2000
    written = cli("purchases", "write-off", "1")
    assert written.code == 0 and "written off" in written.out
    assert cli("purchases", "owed", "--json").json() == []
    for score in ("10", "9", "7", "3"):
        cli("feedback", "add", str(anna), "--nps", score)
    cli("feedback", "add", str(anna), "--csat", "4")
    summary = cli("feedback", "summary", "--json").json()
    # 2 promoters, 1 passive, 1 detractor of 4: 50% - 25% = 25
    assert summary["nps"] == 25 and summary["nps_answers"] == 4 and summary["csat_average"] == 4
    assert "NPS +25 from 4 answers" in cli("feedback", "summary").out


def test_who_referred_whom(cli, add, anna):
    ben = add("--first-name", "Ben", "--referred-by", str(anna))
    shown = cli("contacts", "show", str(ben), "--json").json()
    assert shown["first_name"] == "Ben" and shown["referred_by"] == anna
    assert cli("contacts", "edit", str(anna), "--referred-by", str(anna)).code == 1  # not oneself
    nobody = cli("contacts", "add", "--first-name", "Cy", "--referred-by", "999")
    assert nobody.code == 1
    assert "Cy" not in cli("contacts", "list").out  # the contact and its referrer, or neither


def test_feedback_about_a_call(cli, anna, shop):
    call = cli("calls", "add", str(anna), "--summary", "Complained about parking", "--json").json()["id"]
    done = cli("feedback", "add", str(anna), "--csat", "4", "--call", str(call))
    assert done.code == 0, done.err
    assert rows(shop, "SELECT kind, score, interaction_id FROM feedback") == [("csat", 4, call)]
