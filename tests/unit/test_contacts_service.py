"""The contacts service: add, read, change, list, search, Trash, tags for many at once."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

import pytest

from smallcrm.errors import InvalidValue, NotFound, ValidationFailed
from smallcrm.services.contacts import (
    ContactInput,
    add_contact,
    all_tags,
    contact_ids,
    contact_rows,
    count_contacts,
    delete_contacts,
    empty_trash,
    get_contact,
    merge_edit,
    purge_contacts,
    restore_contacts,
    tag_contacts,
    tags_of,
    untag_contacts,
    update_contact,
)
from smallcrm.services import settings
from smallcrm.services import validation as v
from smallcrm.services.settings import set_setting
from smallcrm.store.models import Contact, ContactEmail, ContactPhone, ContactTag, Tag, database


def table_counts() -> dict[str, int]:
    return {m.__name__: m.select().count() for m in (Contact, ContactEmail, ContactPhone, ContactTag, Tag)}


def test_add_then_get_returns_the_clean_values(db):
    cid = add_contact(
        ContactInput(first_name="  Zoë ", last_name="Mu\u0308ller", company="Café  Zoë", emails=["Zoe@Example.COM"],
                     phones=["06 12 34 56 78"], street="1 rue de la Paix", postal_code="75002", city="Paris",
                     country="France", birthday="--02-29", tags=["VIP", "coffee"], notes=" likes  oat milk \n "),
        region="FR",
    )
    record = get_contact(cid)
    assert (record.first_name, record.last_name, record.company) == ("Zoë", "M\u00fcller", "Café Zoë")  # NFC
    assert record.emails == ["Zoe@example.com"]
    assert [p.e164 for p in record.phones] == ["+33612345678"]
    assert record.birthday == "--02-29"
    assert record.tags == ["coffee", "VIP"]
    assert record.notes == "likes oat milk"
    assert record.created_at == record.updated_at and record.created_at.tzinfo is not None
    assert record.deleted_at is None
    assert record.display_name == "Zoë Müller"


def test_to_json_has_the_documented_fields(db):
    cid = add_contact(ContactInput(first_name="Ann", emails=["a@example.com", "b@example.com"],
                                   phones=["+33 6 12 34 56 78", "12 34"], birthday="1980-03-04"))
    obj = get_contact(cid).to_json()
    assert {"id", "first_name", "last_name", "company", "emails", "phones", "birthday", "street", "postal_code",
            "city", "country", "tags", "notes", "created_at", "updated_at"} <= set(obj)
    assert obj["emails"] == ["a@example.com", "b@example.com"]
    assert obj["phones"] == ["+33612345678", "12 34"]  # E.164 when it could be read, else as typed
    assert obj["birthday"] == "1980-03-04"
    assert obj["created_at"].endswith("Z")


def test_duplicates_in_lists_are_dropped_keeping_the_first(db):
    cid = add_contact(ContactInput(first_name="Ann", emails=["a@example.com", "A@EXAMPLE.com", " "],
                                   phones=["+33 6 12 34 56 78", "+33612345678"], tags=["vip", "VIP", "Vip "]))
    record = get_contact(cid)
    assert record.emails == ["a@example.com"]
    assert len(record.phones) == 1
    assert record.tags == ["vip"]


def test_tags_are_shared_case_insensitively(db):
    add_contact(ContactInput(first_name="Ann", tags=["VIP"]))
    bob = add_contact(ContactInput(first_name="Bob", tags=["vip"]))
    assert Tag.select().count() == 1
    assert get_contact(bob).tags == ["VIP"]  # the tag keeps its first spelling
    # whatever the letters: SQLite's NOCASE folds A to Z only
    cy = add_contact(ContactInput(first_name="Cy", tags=["FIDÈLE", "Été 2024"]))
    dee = add_contact(ContactInput(first_name="Dee", tags=["fidèle", "ÉTÉ 2024", "ΚΑΦΕΣ"]))
    assert tag_contacts([bob], "Fidèle") == [bob] and tag_contacts([cy], "καφες") == [cy]
    assert [set(get_contact(i).tags) for i in (bob, cy, dee)] == [
        {"FIDÈLE", "VIP"}, {"FIDÈLE", "Été 2024", "ΚΑΦΕΣ"}, {"FIDÈLE", "Été 2024", "ΚΑΦΕΣ"}]
    assert Tag.select().count() == 4
    assert untag_contacts([bob, dee], "fidÈle") == [bob, dee]
    assert set(all_tags()) == {"FIDÈLE", "VIP", "Été 2024", "ΚΑΦΕΣ"}


def test_validation_lists_every_problem_and_writes_nothing(db):
    add_contact(ContactInput(first_name="Existing"))
    before = table_counts()
    with pytest.raises(ValidationFailed) as caught:
        add_contact(ContactInput(first_name="x" * 300, emails=["ok@example.com", "not-an-email"],
                                 phones=["call me"], birthday="2023-02-30", tags=["  "]))
    problems = {(e.field, e.problem) for e in caught.value.errors}
    assert problems == {("first_name", "too_long"), ("emails[1]", "email"), ("phones[0]", "phone"),
                        ("birthday", "date")}
    assert "2023-02-30" in str(caught.value)
    assert table_counts() == before


def test_a_contact_needs_some_name(db):
    with pytest.raises(ValidationFailed) as caught:
        add_contact(ContactInput(emails=["a@example.com"]))
    assert [(e.field, e.problem) for e in caught.value.errors] == [("name", "required")]
    assert Contact.select().count() == 0
    assert get_contact(add_contact(ContactInput(company="Acme"))).display_name == "Acme"


def test_a_chinese_japanese_or_korean_name_is_shown_family_name_first(db):
    """As those names are written: 王小明, 山田さくら, 김민준; a name of Latin letters in either part stays
    first name first."""
    names = {("小明", "王"): "王小明", ("さくら", "山田"): "山田さくら", ("민준", "김"): "김민준", ("Wei", "王"): "Wei 王",
             ("小明", "Wang"): "小明 Wang", ("Anna", "Smith"): "Anna Smith", ("小明", ""): "小明"}
    for (first, last), shown in names.items():
        assert get_contact(add_contact(ContactInput(first_name=first, last_name=last))).display_name == shown


def test_update_replaces_fields_and_lists(db):
    cid = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["a@example.com"], tags=["old"],
                                   phones=["+33 6 12 34 56 78"]))
    created = get_contact(cid).created_at
    data = get_contact(cid).to_input()
    data.last_name = "Martin"
    data.emails = ["new@example.com", "a@example.com"]
    data.tags = ["new"]
    data.phones = []
    update_contact(cid, data)
    record = get_contact(cid)
    assert record.last_name == "Martin"
    assert record.emails == ["new@example.com", "a@example.com"]
    assert record.tags == ["new"] and record.phones == []
    assert record.created_at == created and record.updated_at >= created
    assert ContactEmail.select().count() == 2 and ContactPhone.select().count() == 0


def test_each_phone_keeps_what_kind_of_number_it_is(db):
    cid = add_contact(ContactInput(first_name="Ann", phones=["06 12 34 56 78", "01 23 45 67 89", "+44 20 7946 0958"],
                                   phone_labels=["Portable", "Atelier"]), region="FR")
    record = get_contact(cid)
    assert [p.label for p in record.phones] == ["mobile", "Atelier", ""]
    assert record.to_json()["phone_labels"] == ["mobile", "Atelier", ""]
    assert record.to_input().phone_labels == ["mobile", "Atelier", ""]
    data = record.to_input()
    data.phone_labels = ["mobile", "work", ""]  # only a label changed: a change, stored
    assert update_contact(cid, data, region="FR") is True
    assert [p.label for p in get_contact(cid).phones] == ["mobile", "work", ""]
    assert update_contact(cid, get_contact(cid).to_input(), region="FR") is False


def test_each_email_keeps_what_kind_of_address_it_is(db):
    cid = add_contact(ContactInput(first_name="Ann", emails=["ann@example.com", "ANN@example.com", "ann@atelier.fr",
                                                             "a.lee@example.org"],
                                   email_labels=["E-mail (privé)", "work", "Atelier"]))
    record = get_contact(cid)  # (the second, the first again, is left out with its label)
    assert (record.emails, record.email_labels) == (["ann@example.com", "ann@atelier.fr", "a.lee@example.org"],
                                                    ["home", "Atelier", ""])
    assert record.to_json()["email_labels"] == ["home", "Atelier", ""]
    data = record.to_input()
    assert data.email_labels == ["home", "Atelier", ""]
    data.email_labels = ["home", "work", ""]  # only a label changed: a change, stored
    assert update_contact(cid, data) is True
    assert get_contact(cid).email_labels == ["home", "work", ""]
    assert update_contact(cid, get_contact(cid).to_input()) is False


def test_a_label_changed_meanwhile_is_kept_and_one_changed_in_the_form_is_stored(db):
    base = ContactInput(first_name="Ann", phones=["06 12 34 56 78"], phone_labels=[""], city="Lyon")
    current = _with(base, phone_labels=["mobile"])  # (an import gave the number its label while the form was open)
    edit = merge_edit(base, _with(base, city="Paris"), current, "FR")
    assert edit.kept == ["phones"] and (edit.data.phone_labels, edit.data.city) == (["mobile"], "Paris")
    edit = merge_edit(base, _with(base, phone_labels=["home"]), current, "FR")
    assert edit.clashes == ["phones"] and edit.data.phone_labels == ["home"]


def test_to_input_round_trip_changes_nothing(db):
    cid = add_contact(ContactInput(first_name="Ann", emails=["a@example.com"], phones=["06 12 34 56 78"],
                                   phone_labels=["Shop"], birthday="--12-24", tags=["x", "y"], notes="two\nlines"),
                      region="FR")
    before = get_contact(cid).to_json()
    update_contact(cid, get_contact(cid).to_input(), region=None)  # phones come back as E.164: no region needed
    after = get_contact(cid).to_json()
    before.pop("updated_at"), after.pop("updated_at")
    assert after == before


def test_a_form_saved_unchanged_writes_nothing_and_an_edit_undone_puts_back_when_it_last_changed(db):
    cid = add_contact(ContactInput(first_name="Ann", phones=["06 12 34 56 78"], email_consent=True), region="FR")
    stamp = get_contact(cid).updated_at
    assert update_contact(cid, get_contact(cid).to_input(), region="FR") is False
    assert get_contact(cid).updated_at == stamp and get_contact(cid).phones[0].raw == "06 12 34 56 78"
    before = get_contact(cid).to_input()
    assert update_contact(cid, ContactInput(**{**before.__dict__, "city": "Lyon"}), region="FR") is True
    written = get_contact(cid).updated_at
    assert written > stamp
    update_contact(cid, before, stamp=(written, stamp))
    assert (get_contact(cid).city, get_contact(cid).updated_at) == ("", stamp)


def test_a_postal_code_is_stored_in_capitals_where_the_countrys_post_writes_it_so(db):
    cid = add_contact(ContactInput(first_name="Ann", postal_code="sw1a 2aa", city="London", country="UK"),
                      region="FR")
    assert get_contact(cid).postal_code == "SW1A 2AA"
    shop = add_contact(ContactInput(first_name="Bob", postal_code="m5h 2n2"), region="CA")  # (the shop's country)
    assert get_contact(shop).postal_code == "M5H 2N2"
    spaced = add_contact(ContactInput(first_name="Cy", postal_code="SW1A2AA", country="UK"), region="FR")
    assert get_contact(spaced).postal_code == "SW1A 2AA"  # (the space Royal Mail writes)
    kept = add_contact(ContactInput(first_name="Eve", postal_code="sw1a 2aa", country="France"), region="FR")
    assert get_contact(kept).postal_code == "sw1a 2aa"  # no French postal code: as typed
    # one stored in small letters before: its form saved unchanged still writes nothing
    Contact.update(postal_code="sw1a 2aa").where(Contact.id == cid).execute()
    stamp = get_contact(cid).updated_at
    assert update_contact(cid, get_contact(cid).to_input(), region="FR") is False
    assert (get_contact(cid).postal_code, get_contact(cid).updated_at) == ("sw1a 2aa", stamp)


def test_a_step_undone_puts_back_when_the_contact_last_changed_only_if_nothing_changed_it_since(db):
    cid = add_contact(ContactInput(first_name="Ann"))
    stamp = get_contact(cid).updated_at
    tag_contacts([cid], "VIP")
    written = get_contact(cid).updated_at
    untag_contacts([cid], "VIP", {cid: (written, stamp)})  # (Undo of the tag)
    assert get_contact(cid).updated_at == stamp
    tag_contacts([cid], "VIP")
    written = get_contact(cid).updated_at
    update_contact(cid, ContactInput(**{**get_contact(cid).to_input().__dict__, "notes": "Allergic to nuts"}))
    assert untag_contacts([cid], "VIP", {cid: (written, stamp)}) == [cid]  # (the command line edited her meanwhile)
    assert get_contact(cid).updated_at > written  # changed since: it says so, and an import's undo still sees it


def test_a_numbers_extension_outlives_saving_the_form_unchanged(db):
    cid = add_contact(ContactInput(first_name="Ann", phones=["06 12 34 56 78 ext. 12", "+1 415 555 2671 x89"]),
                      region="FR")
    update_contact(cid, get_contact(cid).to_input(), region=None)
    phones = get_contact(cid).phones
    assert [(p.e164, v.phone_extension(p.raw)) for p in phones] == [("+33612345678", "12"), ("+14155552671", "89")]
    assert [v.display_phone(p.e164, p.raw, "FR") for p in phones] == ["06 12 34 56 78 ext. 12",
                                                                        "+1 415-555-2671 ext. 89"]


def _with(data: ContactInput, **changes) -> ContactInput:
    return ContactInput(**{**data.__dict__, **changes})


def test_an_edit_made_over_a_change_made_meanwhile_keeps_what_the_form_left_alone(db):
    base = ContactInput(first_name="Ann", last_name="Lee", phones=["06 12 34 56 78"], street="1 rue Haute",
                        city="Lyon", tags=["vip"])
    mine = _with(base, city="Lyon 2e", tags=["vip", " regular"], notes="Prefers mornings")  # (the form's own spaces)
    current = _with(base, phones=["06 12 34 56 78", "+44 20 7946 0958"], email_consent=True,
                    email_consent_source="Newsletter sign-up")  # (an import added these while the form was open)
    edit = merge_edit(base, mine, current, "FR")
    assert edit.kept == ["phones", "email_consent"] and edit.clashes == []
    assert edit.data.phones == ["06 12 34 56 78", "+44 20 7946 0958"] and edit.data.email_consent
    assert (edit.data.city, edit.data.notes, edit.data.tags) == ("Lyon 2e", "Prefers mornings", ["vip", " regular"])

    assert merge_edit(base, mine, _with(base, first_name=" Ann "), "FR").data is mine  # (the same once stored)


def test_a_part_changed_both_ways_is_a_clash_and_an_address_is_one_part(db):
    base = ContactInput(first_name="Ann", street="1 rue Haute", postal_code="69001", city="Lyon", notes="A")
    mine = _with(base, street="5 quai Saint-Vincent", notes="B")
    current = _with(base, city="Villeurbanne", postal_code="69100")  # (moved, says the import)
    edit = merge_edit(base, mine, current, "FR")
    assert edit.clashes == ["address"] and edit.kept == []
    assert (edit.data.street, edit.data.postal_code, edit.data.city, edit.data.notes) == (
        "5 quai Saint-Vincent", "69001", "Lyon", "B")  # the form's whole address, not a street of one and a city of
    theirs = merge_edit(base, mine, current, "FR", mine_wins=False).data  # the other
    assert (theirs.street, theirs.postal_code, theirs.city, theirs.notes) == ("1 rue Haute", "69100", "Villeurbanne",
                                                                              "B")
    same = merge_edit(base, mine, _with(current, street="5 quai Saint-Vincent", postal_code="69001", city="Lyon"),
                      "FR")
    assert same.clashes == [] and same.data.notes == "B"  # (changed the same way twice: no clash)


def test_a_change_made_the_same_way_both_ways_is_no_clash_and_keeps_what_is_there(db):
    base = ContactInput(first_name="Ann", emails=["ann@example.com"], phones=["+48 601 234 567"], tags=["vip"])
    mine = _with(base, emails=["ann@example.com", "a2@example.com"], phones=["+48 601 234 567", "+48 22 123 45 67"],
                 tags=["VIP", "regular"], email_consent=True, email_consent_source="Web form", city="Łódź")
    at = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)
    current = _with(base, emails=["ann@example.com", "a2@example.com"], phones=["+48 601 234 567", "+48221234567"],
                    tags=["vip", "Regular"], email_consent=True, email_consent_at=at, email_consent_source="Web form")
    edit = merge_edit(base, mine, current, "PL")
    assert edit.clashes == [] and edit.kept == []
    assert (edit.data.email_consent_at, edit.data.city) == (at, "Łódź")  # (the date the other change gave: kept)


def test_an_emails_case_put_right_in_the_form_is_a_change(db):
    base = ContactInput(first_name="Ann", emails=["ANN.LEE@example.com"], notes="A")
    edit = merge_edit(base, _with(base, emails=["ann.lee@example.com"]), _with(base, notes="B"), "FR")
    assert (edit.data.emails, edit.data.notes, edit.kept) == (["ann.lee@example.com"], "B", ["notes"])


def test_a_merge_never_makes_a_contact_without_a_name_nor_trips_on_one_held_before_todays_rules(db):
    base = ContactInput(first_name="Marta", last_name="Kowalska", company="Kwiaciarnia", tags=["vip", "regular"])
    mine = _with(base, first_name="", last_name="")  # (the form keeps the company)
    edit = merge_edit(base, mine, _with(base, company=""), "PL")  # (meanwhile, the company emptied)
    assert edit.clashes == ["name"]
    assert (edit.data.first_name, edit.data.last_name, edit.data.company) == ("", "", "Kwiaciarnia")
    kept = merge_edit(base, mine, _with(base, company=""), "PL", mine_wins=False).data
    assert (kept.first_name, kept.last_name, kept.company) == ("Marta", "Kowalska", "")

    old = _with(base, first_name="M" * 300)  # (what today's rules refuse: compared as written)
    form = _with(old, first_name="Marta", tags=["vip", " regular"])  # (the form's own spaces)
    edit = merge_edit(old, form, _with(old, tags=["vip", "regular", "wholesale"]), "PL")
    assert edit.clashes == [] and edit.data.tags == ["vip", "regular", "wholesale"]
    assert edit.data.first_name == "Marta"


def test_invalid_update_changes_nothing(db):
    cid = add_contact(ContactInput(first_name="Ann", emails=["a@example.com"]))
    before = get_contact(cid)
    with pytest.raises(ValidationFailed):
        update_contact(cid, ContactInput(first_name="Ann", emails=["broken"]))
    assert get_contact(cid) == before


def test_unknown_ids_raise_not_found(db):
    with pytest.raises(NotFound) as caught:
        get_contact(42)
    assert (caught.value.kind, caught.value.key) == ("contact", 42)
    with pytest.raises(NotFound):
        update_contact(42, ContactInput(first_name="Ghost"))
    assert Contact.select().count() == 0


def test_region_setting_is_used_for_numbers_without_country_code(db):
    set_setting("default_region", "DE")
    cid = add_contact(ContactInput(first_name="Ann", phones=["030 1234567"]))
    assert get_contact(cid).phones[0].e164 == "+49301234567"
    other = add_contact(ContactInput(first_name="Bob", phones=["06 12 34 56 78"]), region="FR")
    assert get_contact(other).phones[0].e164 == "+33612345678"


def test_without_a_region_chosen_numbers_are_read_in_the_country_of_the_shops_money_and_dates(db, monkeypatch):
    monkeypatch.setattr(settings.locale, "getlocale", lambda *_: ("en_US", "UTF-8"))  # set up in English
    assert settings.default_region() == "US"
    set_setting("locale", "fr_FR")  # money and dates as in France
    assert settings.default_region() == "FR"
    cid = add_contact(ContactInput(first_name="Léa", phones=["06 12 34 56 78"]))
    assert get_contact(cid).phones[0].e164 == "+33612345678"
    set_setting("default_region", "BE")  # chosen
    assert settings.default_region() == "BE"


@pytest.mark.parametrize(("system", "name", "region"), [
    (("fr_FR", "UTF-8"), "fr_FR", "FR"), (("de_AT", "ISO8859-1"), "de_AT", "AT"),
    (("French_France", "1252"), "fr_FR", "FR"), (("English_United States", "1252"), "en_US", "US"),
    (("German_Austria", "1252"), "de_AT", "AT"), (("Portuguese_Brazil", "1252"), "pt_BR", "BR"),
    (("Chinese (Simplified)_China", "936"), "zh_CN", "CN"), (("C", None), "en_US", None), ((None, None), "en_US", None),
])
def test_the_systems_locale_is_read_as_linux_macos_and_windows_name_it(db, monkeypatch, system, name, region):
    monkeypatch.setattr(settings.locale, "getlocale", lambda *_: system)
    assert (settings.system_locale(), settings.default_region()) == (name, region)


def _people():
    ids = {}
    for first, last, company, city in [("ann", "Zane", "", "Lyon"), ("Bob", "adams", "Acme", "Paris"),
                                       ("Émile", "Adams", "", "Nice"), ("", "", "Zeta Corp", "Bern")]:
        ids[first or company] = add_contact(ContactInput(first_name=first, last_name=last, company=company, city=city))
    return ids


def test_list_order_by_name_folds_case_and_accents(db):
    p = _people()
    alvarez = add_contact(ContactInput(first_name="José", last_name="Álvarez", city="Évry"))
    # last name, then first name ("Álvarez" among the A's); a company alone sorts by the company
    assert list(contact_ids()) == [p["Bob"], p["Émile"], alvarez, p["ann"], p["Zeta Corp"]]
    assert list(contact_ids(descending=True)) == list(reversed(list(contact_ids())))
    assert list(contact_ids(order="city")) == [p["Zeta Corp"], alvarez, p["ann"], p["Émile"], p["Bob"]]


def test_search_words_and_prefixes(db):
    p = _people()
    assert sorted(contact_ids("adam")) == sorted([p["Bob"], p["Émile"]])
    assert list(contact_ids("emile ada")) == [p["Émile"]]
    assert list(contact_ids("zeta")) == [p["Zeta Corp"]]
    assert list(contact_ids("nobody")) == []
    assert list(contact_ids("?!")) == []


def test_trash_restore_purge_and_empty(db):
    p = _people()
    delete_contacts([p["ann"], p["Bob"]])
    assert count_contacts() == 2 and count_contacts(trash=True) == 2
    assert sorted(contact_ids(trash=True)) == sorted([p["ann"], p["Bob"]])
    assert p["ann"] not in contact_ids() and list(contact_ids("lyon")) == []
    assert get_contact(p["ann"]).deleted_at is not None

    with pytest.raises(NotFound):
        delete_contacts([p["Émile"], p["ann"]])  # ann is already in the Trash: nothing happens
    assert get_contact(p["Émile"]).deleted_at is None

    with pytest.raises(NotFound) as caught:
        restore_contacts([p["ann"], p["Émile"]])  # Émile is not in the Trash: nothing happens
    assert caught.value.kind == "contact in the Trash"
    assert get_contact(p["ann"]).deleted_at is not None

    restore_contacts([p["ann"]])
    assert list(contact_ids("lyon")) == [p["ann"]]
    purge_contacts([p["ann"]])
    with pytest.raises(NotFound):
        get_contact(p["ann"])
    assert empty_trash() == 1
    assert count_contacts(trash=True) == 0 and count_contacts() == 2


def test_re_adding_with_a_known_id_undoes_a_purge(db):
    cid = add_contact(ContactInput(first_name="Ann", emails=["a@example.com"]))
    data = get_contact(cid).to_input()
    purge_contacts([cid])
    assert add_contact(data, contact_id=cid) == cid
    assert get_contact(cid).emails == ["a@example.com"]
    assert list(contact_ids("ann")) == [cid]


def test_contact_rows_for_the_list(db):
    set_setting("default_region", "FR")
    cid = add_contact(ContactInput(first_name="Ann", last_name="Lee", emails=["a@example.com", "b@example.com"],
                                   phones=["06 12 34 56 78"], city="Lyon", tags=["vip", "bakery"]))
    other = add_contact(ContactInput(company="Acme"))
    rows = contact_rows([cid, other, 999])
    assert set(rows) == {cid, other}
    row = rows[cid]
    assert (row.name, row.email, row.phone, row.city, row.tags) == (
        "Ann Lee", "a@example.com", "06 12 34 56 78", "Lyon", "bakery, vip")
    assert rows[other].name == "Acme" and rows[other].email == ""
    assert contact_rows([]) == {}


def test_changes_are_one_transaction(db, monkeypatch):
    """A failure while writing the child rows leaves no half-added contact behind."""
    import smallcrm.services.contacts as service

    def broken(*_):
        database.execute_sql("INSERT INTO contact_email (contact_id, email) VALUES (1, 'half@example.com')")
        raise RuntimeError("disk full")

    monkeypatch.setattr(service, "_write_children", broken)
    with pytest.raises(RuntimeError):
        add_contact(ContactInput(first_name="Ann", emails=["a@example.com"]))
    assert table_counts() == {"Contact": 0, "ContactEmail": 0, "ContactPhone": 0, "ContactTag": 0, "Tag": 0}


def test_search_contacts_walks_or_sorts_and_always_counts_every_match(db):
    from smallcrm.services.contacts import ContactInput, add_contact, contact_ids, delete_contacts, search_contacts

    ids = [add_contact(ContactInput(first_name=f"Ann{i:03d}", last_name="Lee" if i % 2 else "Zed"))
           for i in range(300)]
    delete_contacts(ids[:10])  # the Trash is never listed
    every = list(contact_ids("ann"))
    assert len(every) == 290
    broad = search_contacts("ann", limit=25)  # most of the book matches: walks the name index
    assert broad.total == 290 and list(broad.ids) == every[:25]
    narrow = search_contacts("zed", limit=25)  # ~half: sorted, then cut
    assert narrow.total == len(contact_ids("zed")) and list(narrow.ids) == list(contact_ids("zed"))[:25]
    assert list(search_contacts("ann", descending=True, limit=5).ids) == every[::-1][:5]
    assert search_contacts("nobody-here", limit=5).total == 0


# --- marketing consent and where it came from ----------------------------------------------------


def test_consent_keeps_where_the_customer_agreed_trimmed(db):
    cid = add_contact(ContactInput(first_name="Ann", email_consent=True, email_consent_source="  at the   counter ",
                                   sms_consent=True, sms_consent_source="signed card"))
    record = get_contact(cid)
    assert (record.email_consent_source, record.sms_consent_source) == ("at the counter", "signed card")
    obj = record.to_json()
    assert (obj["email_consent_source"], obj["sms_consent_source"]) == ("at the counter", "signed card")
    assert obj["email_consent_at"].endswith("Z") and obj["sms_consent_at"].endswith("Z")


def test_a_consent_source_longer_than_200_characters_is_refused_and_nothing_is_written(db):
    with pytest.raises(ValidationFailed) as failed:
        add_contact(ContactInput(first_name="Ann", sms_consent=True, sms_consent_source="x" * 201))
    assert [(e.field, e.problem) for e in failed.value.errors] == [("sms_consent_source", "too_long")]
    assert count_contacts() == 0
    cid = add_contact(ContactInput(first_name="Ann", sms_consent=True, sms_consent_source="x" * 200))
    assert get_contact(cid).sms_consent_source == "x" * 200


def test_changing_only_the_source_keeps_the_date_consent_was_given(db):
    cid = add_contact(ContactInput(first_name="Ann", email_consent=True, email_consent_source="web form"))
    given = get_contact(cid).email_consent_at
    Contact.update(email_consent_at="2024-08-21T09:00:00Z").where(Contact.id == cid).execute()
    data = get_contact(cid).to_input()
    data.email_consent_source = "signed card"
    update_contact(cid, data)
    record = get_contact(cid)
    assert record.email_consent_source == "signed card"
    assert record.email_consent_at.isoformat() == "2024-08-21T09:00:00+00:00" != given.isoformat()


def test_withdrawn_consent_keeps_neither_date_nor_source(db):
    cid = add_contact(ContactInput(first_name="Ann", sms_consent=True, sms_consent_source="at the counter"))
    data = get_contact(cid).to_input()
    data.sms_consent = False  # the form and the command line send the source along; it goes too
    update_contact(cid, data)
    record = get_contact(cid)
    assert (record.sms_consent, record.sms_consent_at, record.sms_consent_source) == (False, None, "")


def test_a_source_without_consent_is_not_kept(db):
    cid = add_contact(ContactInput(first_name="Ann", email_consent_source="web form"))
    assert get_contact(cid).email_consent_source == ""


def test_a_tag_goes_on_and_comes_off_many_customers_at_once(db):
    ann = add_contact(ContactInput(first_name="Ann", tags=["VIP"]))
    bob = add_contact(ContactInput(first_name="Bob", tags=["newsletter"]))
    cy = add_contact(ContactInput(first_name="Cy"))
    database.execute_sql("UPDATE contact SET updated_at = '2024-01-01T00:00:00Z'")
    assert tag_contacts([bob, ann, cy, bob], " vip ") == [bob, cy]  # Ann has it: left as she was
    assert [get_contact(i).tags for i in (ann, bob, cy)] == [["VIP"], ["newsletter", "VIP"], ["VIP"]]
    assert [t.name for t in Tag.select()] == ["VIP", "newsletter"]  # not a second "vip"
    stamps = {c.id: c.updated_at.year for c in Contact.select()}
    assert stamps == {ann: 2024, bob: stamps[bob], cy: stamps[cy]} and stamps[bob] > 2024
    assert tags_of([bob, cy]) == ["newsletter", "VIP"] and tags_of([cy]) == ["VIP"]
    assert sorted(contact_ids("vip")) == sorted([ann, bob, cy])  # the search finds them by it

    assert untag_contacts([ann, cy], "VIP") == [ann, cy]
    assert [get_contact(i).tags for i in (ann, bob, cy)] == [[], ["newsletter", "VIP"], []]
    assert untag_contacts([ann], "VIP") == [] and untag_contacts([ann], "never used") == []
    assert all_tags() == ["newsletter", "VIP"]
    assert untag_contacts([bob], "newsletter") == [bob] and all_tags() == ["VIP"]  # nobody has it: not offered
    with pytest.raises(InvalidValue):
        tag_contacts([ann], "x" * 61)
    delete_contacts([cy])
    with pytest.raises(NotFound):
        tag_contacts([ann, cy], "VIP")  # (none of it done)
    assert get_contact(ann).tags == []


def test_a_selection_larger_than_sqlite_takes_parameters_for(db):
    """Selected by the thousand (all the customers of a large import, say): some SQLite builds take at most
    999 parameters in one statement."""
    database.connection().setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    with database.atomic():
        ids = [add_contact(ContactInput(first_name=f"P{i}"), welcome=False) for i in range(1500)]
    assert len(contact_rows(ids)) == 1500
    assert len(tag_contacts(ids, "fair")) == 1500 and len(untag_contacts(ids, "fair")) == 1500
    delete_contacts(ids)
    assert count_contacts() == 0
    restore_contacts(ids)
    purge_contacts(ids)
    assert count_contacts() == count_contacts(trash=True) == 0


def test_tags_are_listed_in_reading_order_whatever_their_case_and_accents(db):
    from smallcrm.cli_format import contact_records
    from smallcrm.services.export import _read_contacts
    from smallcrm.services.privacy import _contact_file

    # SQLite's NOCASE folds A to Z only: "Été" and "été" came after every plain letter, "É" before "é".
    tags = ["zinc", "FIDÈLE", "Été 2024", "abeille", "Émile", "été 2023", "Bio"]
    reading = ["abeille", "Bio", "Émile", "été 2023", "Été 2024", "FIDÈLE", "zinc"]
    cid = add_contact(ContactInput(first_name="Ann", tags=tags))
    assert get_contact(cid).tags == reading
    assert all_tags() == reading and tags_of([cid]) == reading
    assert contact_rows([cid])[cid].tags == ", ".join(reading)
    assert next(contact_records([cid])).tags == reading
    assert next(_read_contacts([cid], None)).tags == reading
    assert [row[2] for row in _contact_file(cid) if row[0] == "Tag"] == reading
