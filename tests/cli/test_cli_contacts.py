"""`smallcrm contacts ...` in-process: what it prints, what it stores, and its exit codes."""

from __future__ import annotations

import sqlite3
import sys
import types
from contextlib import closing

import pytest

from smallcrm import __version__, cli_format
from smallcrm.cli import join_birthday, main, open_window_entry

DOCUMENTED = {"id", "first_name", "last_name", "company", "emails", "phones", "birthday", "street", "postal_code",
              "city", "country", "tags", "notes", "created_at", "updated_at"}


def test_the_customers_number_in_another_system_is_shown(cli, tmp_path):
    path = tmp_path / "shopify.csv"
    path.write_text("Customer ID,First Name,Last Name,Email\n7021458,Zoë,Roux,zoe@example.fr\n", encoding="utf-8")
    assert cli("import", "contacts", str(path)).code == 0
    assert cli("contacts", "show", "1", "--json").json()["external_id"] == "7021458"
    assert "Number in another system: 7021458" in cli("contacts", "show", "1").out
    assert cli("contacts", "list", "--json").json()[0]["external_id"] == "7021458"


def test_add_then_show_and_list(cli, add):
    cid = add("--first-name", "Ann", "--last-name", "Lee", "--email", "ann@example.com", "--phone",
              "06 12 34 56 78", "--region", "FR", "--company", "Bakery", "--street", "1 Main St", "--postal-code",
              "69001", "--city", "Lyon", "--country", "France", "--birthday", "1980-03-04", "--tag", "vip",
              "--tag", "bread", "--notes", "Prefers rye")
    assert cid == 1

    shown = cli("contacts", "show", "1")
    assert shown.code == 0 and shown.err == ""
    fields = dict(line.split(":", 1) for line in shown.out.splitlines())
    fields = {k: v.strip() for k, v in fields.items()}
    assert fields["First name"] == "Ann" and fields["Last name"] == "Lee"
    assert fields["Emails"] == "ann@example.com"
    assert fields["Phones"] in ("+33 6 12 34 56 78", "06 12 34 56 78")
    assert (fields["Company"], fields["Street"], fields["Postal code"]) == ("Bakery", "1 Main St", "69001")
    assert (fields["City"], fields["Country"], fields["Birthday"]) == ("Lyon", "France", "1980-03-04")
    assert fields["Tags"] == "bread, vip" and fields["Notes"] == "Prefers rye"
    assert fields["Created"] and fields["Updated"]

    listed = cli("contacts", "list")
    assert listed.code == 0
    header, row = listed.out.splitlines()
    assert header.split() == ["ID", "NAME", "EMAIL", "PHONE", "CITY"]
    assert row.split()[:4] == ["1", "Ann", "Lee", "ann@example.com"] and row.endswith("Lyon")


def test_json_objects_have_the_documented_fields(cli, add):
    result = cli("contacts", "add", "--first-name", "Ann", "--email", "ann@example.com", "--phone",
                 "+33 6 12 34 56 78", "--phone", "12 34", "--tag", "vip", "--json")
    assert result.code == 0
    obj = result.json()
    assert DOCUMENTED <= set(obj)
    assert obj["phones"] == ["+33612345678", "12 34"] and obj["emails"] == ["ann@example.com"]
    assert obj["birthday"] is None and obj["tags"] == ["vip"] and obj["id"] == 1
    assert cli("contacts", "show", "1", "--json").json() == obj
    assert cli("contacts", "list", "--json").json() == [obj]


@pytest.mark.parametrize("form", [["--birthday", "--03-04"], ["--birthday=--03-04"]])
def test_birthday_without_a_year(cli, add, form):
    cid = add("--first-name", "Ann", *form)
    assert cli("contacts", "show", str(cid), "--json").json()["birthday"] == "--03-04"
    edited = cli("contacts", "edit", str(cid), "--birthday", "--02-29", "--json")
    assert edited.code == 0 and edited.json()["birthday"] == "--02-29"


def test_join_birthday_only_touches_a_dash_dash_date_after_birthday():
    assert join_birthday(["contacts", "add", "--birthday", "--03-04", "--city", "x"]) == [
        "contacts", "add", "--birthday=--03-04", "--city", "x"]
    assert join_birthday(["--birthday", "1980-01-02"]) == ["--birthday", "1980-01-02"]
    assert join_birthday(["--birthday", "--city", "x"]) == ["--birthday", "--city", "x"]
    assert join_birthday(["--notes", "--", "--birthday", "--03-04"]) == ["--notes", "--", "--birthday", "--03-04"]


def test_edit_changes_only_what_is_given_and_lists_are_replaced(cli, add):
    cid = add("--first-name", "Ann", "--last-name", "Lee", "--email", "a@example.com", "--email", "b@example.com",
              "--tag", "vip", "--city", "Lyon")
    result = cli("contacts", "edit", str(cid), "--last-name", "Martin", "--email", "c@example.com")
    assert result.code == 0 and result.out.strip() == f"contact {cid} updated"
    again = cli("contacts", "edit", str(cid), "--last-name", "Martin")  # (nothing to change: nothing written)
    assert again.code == 0 and again.out.strip() == f"contact {cid} unchanged: it already holds that"
    obj = cli("contacts", "show", str(cid), "--json").json()
    assert (obj["first_name"], obj["last_name"], obj["city"]) == ("Ann", "Martin", "Lyon")
    assert obj["emails"] == ["c@example.com"] and obj["tags"] == ["vip"]
    assert cli("contacts", "edit", str(cid), "--email", "", "--tag", "").code == 0
    obj = cli("contacts", "show", str(cid), "--json").json()
    assert obj["emails"] == [] and obj["tags"] == []


def test_an_email_is_given_with_what_kind_of_address_it_is_and_keeps_it_when_given_again(cli, add):
    cid = add("--first-name", "Ann", "--email", "work: ann@atelier.fr", "--email", "ann@example.com")
    obj = cli("contacts", "show", str(cid), "--json").json()
    assert (obj["emails"], obj["email_labels"]) == (["ann@atelier.fr", "ann@example.com"], ["work", ""])
    shown = dict(line.split(":", 1) for line in cli("contacts", "show", str(cid)).out.splitlines())
    assert shown["Emails"].strip() == "ann@atelier.fr (Work), ann@example.com"
    assert cli("contacts", "edit", str(cid), "--email", "home: ann@example.com", "--email", " ANN@atelier.fr").code == 0
    listed = cli("contacts", "list", "--json").json()  # (the list says it too, and each phone's kind)
    assert [(c["emails"], c["email_labels"]) for c in listed] == [(["ann@example.com", "ANN@atelier.fr"],
                                                                   ["home", "work"])]


def test_a_link_copied_from_a_web_page_is_an_address_or_a_number_not_a_label(cli, add):
    cid = add("--first-name", "Ann", "--region", "FR", "--email", "mailto:ann@example.com", "--email",
              "work: mailto:ann@atelier.fr", "--phone", "tel:+33612345678", "--phone", "mobile: tel:+33698765432")
    obj = cli("contacts", "show", str(cid), "--json").json()
    assert (obj["emails"], obj["email_labels"]) == (["ann@example.com", "ann@atelier.fr"], ["", "work"])
    assert (obj["phones"], obj["phone_labels"]) == (["+33612345678", "+33698765432"], ["", "mobile"])


def test_a_phone_is_given_with_what_kind_of_number_it_is_and_keeps_it_when_given_again(cli, add):
    cid = add("--first-name", "Ann", "--region", "FR", "--phone", "mobile: 06 12 34 56 78", "--phone",
              "Atelier = 01 23 45 67 89", "--phone", "+44 20 7946 0958")
    obj = cli("contacts", "show", str(cid), "--json").json()
    assert obj["phones"] == ["+33612345678", "+33123456789", "+442079460958"]
    assert obj["phone_labels"] == ["mobile", "Atelier", ""]
    shown = dict(line.split(":", 1) for line in cli("contacts", "show", str(cid)).out.splitlines())
    assert shown["Phones"].strip() == "+33 6 12 34 56 78 (Mobile), +33 1 23 45 67 89 (Atelier), +44 20 7946 0958"
    # the number given again without its label keeps it; one given with a label takes it
    assert cli("contacts", "edit", str(cid), "--region", "FR", "--phone", "work: +44 20 7946 0958", "--phone",
               "01 23 45 67 89", "--phone", "06 12 34 56 78").code == 0
    obj = cli("contacts", "show", str(cid), "--json").json()
    assert (obj["phones"], obj["phone_labels"]) == (["+442079460958", "+33123456789", "+33612345678"],
                                                    ["work", "Atelier", "mobile"])
    assert cli("contacts", "edit", str(cid), "--city", "Lyon").code == 0  # (phones not given: left as they are)
    assert cli("contacts", "show", str(cid), "--json").json()["phone_labels"] == ["work", "Atelier", "mobile"]
    assert cli("contacts", "list", "--json").json()[0]["phone_labels"] == ["work", "Atelier", "mobile"]


def test_delete_and_restore(cli, add):
    ann, bob, cid = (add("--first-name", name) for name in ("Ann", "Bob", "Cid"))
    result = cli("contacts", "delete", str(ann), str(bob))
    assert result.code == 0 and "Trash" in result.out
    assert [o["id"] for o in cli("contacts", "list", "--json").json()] == [cid]
    trash = cli("contacts", "list", "--trash", "--json").json()
    assert sorted(o["id"] for o in trash) == [ann, bob] and all(o["in_trash"] for o in trash)

    again = cli("contacts", "delete", str(ann))
    assert again.code == 1 and "already in the Trash" in again.error_line

    assert cli("contacts", "restore", str(ann)).code == 0
    assert sorted(o["id"] for o in cli("contacts", "list", "--json").json()) == [ann, cid]
    wrong = cli("contacts", "restore", str(cid))
    assert wrong.code == 1 and "not in the Trash" in wrong.error_line


def test_a_tag_given_to_and_taken_off_many_contacts(cli, add):
    ann = add("--first-name", "Ann", "--city", "Lyon", "--tag", "VIP")
    bob = add("--first-name", "Bob", "--city", "Lyon")
    cid = add("--first-name", "Cid", "--city", "Paris")
    result = cli("contacts", "tag", "vip", "--search", "lyon")
    assert result.code == 0, result.err
    # said as the book writes it
    assert result.out == (f'tagged contact {bob} "VIP" (1 had it already) '
                          f'(undo: smallcrm contacts tag "VIP" {bob} --remove)\n')
    tags = {o["first_name"]: o["tags"] for o in cli("contacts", "list", "--json").json()}
    assert tags == {"Ann": ["VIP"], "Bob": ["VIP"], "Cid": []}  # the book's "VIP", not another one
    both = cli("contacts", "tag", "Spring fair", str(bob), str(cid), "--json").json()
    assert both == {"tag": "Spring fair", "added": [bob, cid], "unchanged": []}
    again = cli("contacts", "tag", "SPRING FAIR", str(cid), "--json").json()
    assert again == {"tag": "Spring fair", "added": [], "unchanged": [cid]}
    off = cli("contacts", "tag", "VIP", str(ann), str(bob), str(cid), "--remove")
    assert off.out.startswith('took "VIP" off 2 contacts (1 did not have it)')
    assert cli("contacts", "tag", "VIP", str(ann), "--remove").out == 'no contact had "VIP"; nothing was changed\n'
    assert cli("contacts", "tag", "VIP", "--search", "nowhere").out.startswith("no contact matches")

    neither = cli("contacts", "tag", "VIP")
    assert neither.code == 2 and "--search TEXT" in neither.err
    too_long = cli("contacts", "tag", "x" * 61, str(ann))
    assert too_long.code == 1 and "nothing was changed: tag is too long" in too_long.error_line
    two = cli("contacts", "tag", "Fair, 2025", str(ann))
    assert two.code == 1 and two.error_line.endswith(
        'nothing was changed: tag "Fair, 2025" cannot be stored (a comma separates tags: give each tag on its own)')
    cli("contacts", "delete", str(cid))
    trashed = cli("contacts", "tag", "VIP", str(ann), str(cid))
    assert trashed.code == 1 and f"contact {cid} is in the Trash; nothing was changed" in trashed.error_line
    assert cli("contacts", "show", str(ann), "--json").json()["tags"] == []


@pytest.mark.parametrize("command", [["show", "42"], ["edit", "42", "--city", "x"], ["delete", "42"],
                                     ["restore", "42"], ["show", "42", "--json"]])
def test_unknown_contact_is_exit_1_with_one_line(cli, add, command):
    add("--first-name", "Ann")
    result = cli("contacts", *command)
    assert result.code == 1 and "42" in result.error_line
    assert (result.json()["error"] == result.error_line.removeprefix("smallcrm: error: ") if "--json" in command
            else result.out == "")


def test_a_failed_delete_of_several_moves_none(cli, add):
    ann = add("--first-name", "Ann")
    assert cli("contacts", "delete", str(ann), "999").code == 1
    assert [o["id"] for o in cli("contacts", "list", "--json").json()] == [ann]


def test_bad_email_is_exit_1_and_nothing_saved(cli, add):
    add("--first-name", "Existing")
    result = cli("contacts", "add", "--first-name", "Ann", "--email", "ann@")
    assert result.code == 1 and result.out == ""
    assert 'email "ann@" is not a valid email address' in result.error_line
    assert len(cli("contacts", "list", "--json").json()) == 1


def test_impossible_birthday_reads_as_documented(cli):
    result = cli("contacts", "add", "--first-name", "Ann", "--birthday", "2023-02-30")
    assert result.code == 1
    assert result.error_line.endswith(
        'birthday "2023-02-30" is not a real date (day is out of range for month); write it as YYYY-MM-DD or --MM-DD')


def test_every_field_problem_in_one_line(cli):
    result = cli("contacts", "add", "--first-name", "x" * 201, "--email", "nope", "--phone", "call me",
                 "--birthday", "soon")
    assert result.code == 1
    line = result.error_line
    for part in ("first name is too long", 'email "nope"', 'phone "call me"', 'birthday "soon" is not a date'):
        assert part in line
    assert "x" * 201 not in line  # a long value is named, not repeated


def test_missing_name_is_bad_data(cli):
    result = cli("contacts", "add", "--email", "ann@example.com")
    assert result.code == 1 and "name is missing" in result.error_line


def test_edit_with_bad_data_changes_nothing(cli, add):
    cid = add("--first-name", "Ann", "--email", "a@example.com")
    before = cli("contacts", "show", str(cid), "--json").json()
    assert cli("contacts", "edit", str(cid), "--email", "broken", "--city", "Paris").code == 1
    assert cli("contacts", "show", str(cid), "--json").json() == before


@pytest.mark.parametrize(
    ("argv", "says"),
    [(["bogus"], "invalid choice"), (["contacts"], "required"), (["contacts", "show"], "required"),
     (["contacts", "show", "abc"], "“abc” is not a number"),
     (["contacts", "show", "99999999999999999999"], "larger than any number smallcrm gives"),
     (["purchases", "refund", "-99999999999999999999"], "larger than any number smallcrm gives"),
     (["import", "undo", "99999999999999999999999"], "larger than any number smallcrm gives"),
     (["contacts", "add", "--bogus", "x"], "unrecognized"),
     (["contacts", "list", "--limit", "x"], "--limit"), (["contacts", "list", "--limit", "-1"], "negative"),
     (["contacts", "add", "--first-name", "A", "--region", "XX"], "country code"),
     (["contacts", "list", "--search", "ann", "--trash"], "--trash"), (["contacts", "delete"], "required"),
     (["demo", "--contacts", "many"], "--contacts")],
)
def test_bad_usage_is_exit_2_with_one_line(cli, shop, argv, says):
    result = cli(*argv)
    assert result.code == 2 and result.out == ""
    assert says in result.error_line
    assert not shop.exists()


@pytest.mark.parametrize("typed", ["UK", "gb", "United Kingdom"])
def test_a_region_may_be_written_as_people_write_it(cli, shop, typed):
    cid = int(cli("contacts", "add", "--first-name", "Tom", "--phone", "07911 123456", "--region", typed).out)
    assert cli("contacts", "show", str(cid), "--json").json()["phones"] == ["+447911123456"]


def test_db_option_before_or_after_the_command(cli, shop, tmp_path, capsys):
    other = tmp_path / "other.sqlite"
    assert main(["--db", str(other), "contacts", "add", "--first-name", "Before"]) == 0
    assert main(["contacts", "--db", str(other), "add", "--first-name", "Middle"]) == 0
    assert main(["contacts", "add", "--first-name", "After", "--db", str(other)]) == 0
    assert capsys.readouterr().out.split() == ["1", "2", "3"]
    names = [o["first_name"] for o in cli("contacts", "list", "--json", db=other).json()]
    assert sorted(names) == ["After", "Before", "Middle"]
    assert not shop.exists()


def test_default_database_is_in_the_user_data_folder(cli):
    from smallcrm.paths import default_database

    assert cli("contacts", "add", "--first-name", "Ann", db=None).code == 0
    assert default_database().exists()
    assert [o["first_name"] for o in cli("contacts", "list", "--json", db=None).json()] == ["Ann"]
    default_database().unlink()


def test_reading_commands_do_not_create_a_database(cli, shop):
    for command in (["contacts", "list"], ["contacts", "show", "1"], ["contacts", "delete", "1"]):
        result = cli(*command)
        assert result.code == 1 and "no database at" in result.error_line
    assert not shop.exists() and list(shop.parent.iterdir()) == []


def test_non_ascii_round_trip(cli, add):
    names = [("Zoë", "Müller-Łukasiewicz", "Zürich"), ("小明", "王", "北京"), ("Ольга", "Петрова", "Москва"),
             ("Thị Hương", "Nguyễn", "Hà Nội"), ("José", "Álvarez 🙂", "Sevilla")]
    for first, last, city in names:
        add("--first-name", first, "--last-name", last, "--city", city)
    objects = cli("contacts", "list", "--json").json()
    assert sorted((o["first_name"], o["last_name"], o["city"]) for o in objects) == sorted(names)
    table = cli("contacts", "list").out
    for first, last, city in names:
        shown = last + first if city == "北京" else f"{first} {last}"  # (a Chinese name: family name first)
        assert shown in table and city in table
    assert "Zoë" in cli("contacts", "show", "1").out


def test_table_columns_line_up_whatever_the_script(cli, add):
    add("--first-name", "王", "--last-name", "小明", "--email", "wang@example.cn", "--city", "北京")
    add("--first-name", "Zoe\u0308", "--last-name", "M", "--email", "zoe@example.ch", "--city", "Zürich")
    add("--first-name", "Al", "--email", "al@example.com")
    lines = cli("contacts", "list").out.splitlines()
    column = cli_format.text_width(lines[0][: lines[0].index("EMAIL")])
    for line in lines[1:]:
        at = line.index("@") - line[: line.index("@")][::-1].index(" ")  # start of the email
        assert cli_format.text_width(line[:at]) == column, line


def test_long_values_are_shortened_in_the_table_only(cli, add):
    long_name = "Maximiliane-Alexandrina " * 3
    add("--first-name", long_name.strip(), "--last-name", "von Habsburg")
    row = cli("contacts", "list").out.splitlines()[1]
    assert "…" in row and "von Habsburg" not in row
    assert cli("contacts", "list", "--json").json()[0]["last_name"] == "von Habsburg"


def test_search_and_limit(cli, add):
    ann = add("--first-name", "Ann", "--last-name", "Baker", "--city", "Lyon")
    add("--first-name", "Bob", "--last-name", "Archer", "--city", "Paris")
    cid = add("--first-name", "Cid", "--last-name", "Carter", "--city", "Lyon", "--phone", "+33 6 12 34 56 78")
    assert [o["id"] for o in cli("contacts", "list", "--search", "lyon", "--json").json()] == [ann, cid]
    assert [o["id"] for o in cli("contacts", "list", "--search", "+33 6 12", "--json").json()] == [cid]
    assert [o["first_name"] for o in cli("contacts", "list", "--limit", "2", "--json").json()] == ["Bob", "Ann"]
    assert cli("contacts", "list", "--search", "nobody", "--json").json() == []
    assert cli("contacts", "list", "--search", "nobody").out.splitlines() == [
        "ID  NAME  EMAIL  PHONE  CITY"]


def test_list_json_matches_show_json_for_every_contact(cli, add):
    for i in range(7):
        add("--first-name", f"P{i}", "--email", f"p{i}@example.com", "--phone", f"+33 6 12 34 56 7{i}",
            "--tag", f"t{i % 3}", "--tag", "all", "--birthday", f"--0{i + 1}-1{i}")
    cli("contacts", "delete", "3")
    listed = cli("contacts", "list", "--json").json() + cli("contacts", "list", "--trash", "--json").json()
    assert len(listed) == 7
    for obj in listed:
        assert cli("contacts", "show", str(obj["id"]), "--json").json() == obj


class _Recorder:
    """A stdout that remembers the largest single write."""

    encoding = "utf-8"

    def __init__(self):
        self.largest = 0
        self.parts: list[str] = []

    def write(self, text):
        self.largest = max(self.largest, len(text))
        self.parts.append(text)
        return len(text)

    def flush(self):
        pass


def _bulk_contacts(shop, n: int) -> None:
    from smallcrm.store import search
    from smallcrm.store.db import close_database, open_database
    from smallcrm.store.models import database

    open_database(shop)
    now = "2024-01-01T00:00:00Z"
    with database.atomic():
        conn = database.connection()
        with search.triggers_off(conn):
            conn.executemany("INSERT INTO contact (first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?)",
                             [(f"F{i:05d}", "Row", now, now) for i in range(n)])
            conn.executemany("INSERT INTO contact_email (contact_id, email) VALUES (?, ?)",
                             [(i + 1, f"p{i}@example.com") for i in range(n)])
    close_database()


@pytest.mark.parametrize("form", [[], ["--json"]])
def test_lists_are_streamed_a_row_at_a_time(shop, monkeypatch, form):
    _bulk_contacts(shop, 2600)  # more than the sample that sizes the columns, several chunks
    recorder = _Recorder()
    monkeypatch.setattr(sys, "stdout", recorder)
    assert main(["contacts", "list", *form, "--db", str(shop)]) == 0
    text = "".join(recorder.parts)
    assert recorder.largest < 1000  # no giant string: the output went out in small pieces
    if form:
        import json

        objects = json.loads(text)
        assert [o["first_name"] for o in objects] == [f"F{i:05d}" for i in range(2600)]
    else:
        lines = text.splitlines()
        assert len(lines) == 2601
        assert lines[1].split()[1] == "F00000" and lines[-1].split()[1] == "F02599"


def test_version_and_help(cli, capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"smallcrm {__version__}"
    assert main(["contacts", "add", "--help"]) == 0
    assert "--birthday" in capsys.readouterr().out


def test_no_command_opens_the_window_with_the_database(monkeypatch, shop):
    opened = []
    fake = types.ModuleType("smallcrm.gui.app")
    fake.run = lambda db_path, **kwargs: opened.append(db_path) or 7
    monkeypatch.setitem(sys.modules, "smallcrm.gui.app", fake)
    assert main(["--db", str(shop)]) == 7
    assert opened == [shop]
    monkeypatch.setattr(sys, "argv", ["smallcrm-window", "--db", str(shop), "-psn_0_12345"])
    assert open_window_entry() == 7
    assert opened == [shop, shop]


def test_json_output_is_stored_data_not_reinterpreted(cli, add, shop):
    cid = add("--first-name", "<b>Ann</b>", "--notes", '=HYPERLINK("x")\n"quoted"\ttab')
    obj = cli("contacts", "show", str(cid), "--json").json()
    assert obj["first_name"] == "<b>Ann</b>"
    with closing(sqlite3.connect(shop)) as conn:
        assert conn.execute("SELECT notes FROM contact").fetchone()[0] == obj["notes"]


def test_consent_with_and_without_saying_how(cli, add, shop):
    ann = add("--first-name", "Ann", "--email-consent", "  web form ", "--sms-consent")
    obj = cli("contacts", "show", str(ann), "--json").json()
    assert (obj["email_consent"], obj["email_consent_source"]) == (True, "web form")
    assert (obj["sms_consent"], obj["sms_consent_source"]) == (True, "Command line")
    assert obj["email_consent_at"].endswith("Z") and obj["sms_consent_at"].endswith("Z")
    shown = cli("contacts", "show", str(ann)).out
    assert any(line.startswith("Email consent:") and line.endswith(", web form") for line in shown.splitlines())

    with closing(sqlite3.connect(shop)) as conn, conn:
        conn.execute("UPDATE contact SET email_consent_at = '2024-08-21T09:00:00Z' WHERE id = ?", (ann,))
    assert cli("contacts", "edit", str(ann), "--email-consent", "signed card").code == 0
    assert cli("contacts", "edit", str(ann), "--sms-consent").code == 0  # given already: its source stays
    obj = cli("contacts", "show", str(ann), "--json").json()
    assert (obj["email_consent_source"], obj["email_consent_at"]) == ("signed card", "2024-08-21T09:00:00Z")
    assert obj["sms_consent_source"] == "Command line"

    assert cli("contacts", "edit", str(ann), "--no-sms-consent").code == 0
    obj = cli("contacts", "show", str(ann), "--json").json()
    assert (obj["sms_consent"], obj["sms_consent_at"], obj["sms_consent_source"]) == (False, None, "")
    assert obj["email_consent"] and obj["email_consent_source"] == "signed card"  # the other channel is untouched

    bob = add("--first-name", "Bob")
    obj = cli("contacts", "show", str(bob), "--json").json()
    assert (obj["email_consent"], obj["email_consent_source"], obj["email_consent_at"]) == (False, "", None)


def test_consent_options_refuse_a_long_source_and_both_yes_and_no(cli, add):
    ann = add("--first-name", "Ann")
    result = cli("contacts", "edit", str(ann), "--email-consent", "x" * 201)
    assert result.code == 1 and len(result.err.strip().splitlines()) == 1 and "200" in result.err
    assert not cli("contacts", "show", str(ann), "--json").json()["email_consent"]
    result = cli("contacts", "edit", str(ann), "--sms-consent", "--no-sms-consent")
    assert result.code == 2 and "not allowed with" in result.err
