"""Deciding rows: the values a row becomes are those `clean_for_import` gives, the quick paths agree with the
functions they stand in for, and deciding makes no reference cycles (a worker process decides with the
cyclic garbage collector off)."""

from __future__ import annotations

import gc

import phonenumbers
from hypothesis import example, given, settings, strategies as st

from smallcrm.errors import InvalidValue, ValidationFailed
from smallcrm.services import validation
from smallcrm.services.importing import cleaning, contacts_import as ci, deciding, mapping, reader
from smallcrm.services.importing.cleaning import Reject
from smallcrm.services.importing.duplicates import DuplicateIndex, facts
from smallcrm.store.fields import to_utc_text
from smallcrm.store import search
from tests.crash import child

HEADER = ["First Name", "Last Name", "Company", "Email", "Phone", "City", "Postal Code", "Birthday", "Tags", "Notes",
          "Customer ID", "Newsletter", "Source", "Phone Type", "Email Type"]
NOW = "2024-05-01T09:00:00Z"
MOMENT = "2024-05-01T08:59:00Z"

_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
_cell = st.one_of(_text, st.sampled_from(["", "Ann", " Lee ", "ann@example.com", "ANN@Example.COM", "06 12 34 56 78",
                                          "0033 6 12 34 56 78", "14/07/1985", "31/02/1990", "VIP ::: coffee",
                                          "'0612345678", "Zürich", "yes", "x", "maybe", "n/a", "ann@@example.com",
                                          "Mobile", "* Work ::: Home", "Fax"]))


@settings(max_examples=200)
@given(cells=st.lists(_cell, min_size=len(HEADER), max_size=len(HEADER)))
@example(cells=["", "", "0", "", "", "", "", "", "", "", "", "1900/01/01", "", "", ""])  # (agreed on a day)
def test_a_row_becomes_what_clean_for_import_and_the_writer_make_of_it(cells):
    fields = mapping.auto_map(HEADER)
    read = cleaning.RowCleaner(fields, HEADER, region="FR", date_orders={7: "dmy"})(2, cells)
    if isinstance(read, Reject):
        return
    source = "Imported from customers.csv"
    try:
        new, found = deciding.incoming(read, source, NOW, MOMENT)
    except ValidationFailed:
        new = None
    for channel in ("email", "sms"):  # what the import did before cleaning: a source for consent given
        if getattr(read, f"{channel}_consent") and not getattr(read, f"{channel}_consent_source"):
            setattr(read, f"{channel}_consent_source", source)
    try:
        clean = ci.clean_for_import(read, "FR")
    except ValidationFailed:
        assert new is None
        return
    expected = ci._db_values(clean, ci.extras_of(read), MOMENT)
    for channel in ("email", "sms"):  # when consent was given: the file's, else the import's time, in both
        if expected[f"{channel}_consent_at"] is not None:
            given = getattr(read, f"{channel}_consent_at")
            expected[f"{channel}_consent_at"] = to_utc_text(given) if given is not None else NOW
    assert dict(zip(deciding.CONTACT_COLUMNS, new.values)) == expected
    assert list(new.emails) == list(zip(clean.emails, clean.email_labels)) and list(new.tags) == clean.tags
    assert list(new.phones) == [(p.raw, p.e164, p.digits, p.label) for p in clean.phones]
    values = clean.values
    assert found == facts(clean.emails, [p.e164 for p in clean.phones], sort_name=values["sort_name"],
                          sort_city=values["sort_city"], postal_code=values["postal_code"],
                          sort_company=values["sort_company"], birthday=values["birthday"],
                          company_only=not (values["first_name"] or values["last_name"]),
                          sort_first=search.sort_key(values["first_name"]),
                          number=dict(zip(deciding.CONTACT_COLUMNS, new.values))["external_id"],
                          typed=[p.raw for p in clean.phones if p.e164 is None])


def test_deciding_makes_no_reference_cycles(tmp_path):
    """Rejected rows, bad emails kept in the notes, impossible birthdays, duplicates: all freed as they go."""
    path = child.contacts_csv(tmp_path / "messy.csv", 800, seed=3)
    with open(path, "a", encoding="utf-8", newline="") as f:
        f.write(",Bob,,,,,,,,,,,31/02/1990,,,\r\n,Cy,,,bad@@example.com,,abc,,,,,,,,,\r\n")
    dialect = reader.sniff(path)
    headers = reader.read_header(path, dialect)
    fields = mapping.auto_map(headers)
    setup = deciding.Setup(path, dialect, fields, headers, {12: "dmy"}, "FR", "fill", {}, "Imported", 1, MOMENT)
    decider = deciding.Decider(setup, DuplicateIndex())
    rows = list(reader.read_rows(path, dialect))
    gc.collect()
    gc.disable()
    try:
        gc.set_debug(gc.DEBUG_SAVEALL)
        decided = decider.decide(rows, keep_data=False)
        del decided
        assert gc.collect() == 0, {type(o).__name__ for o in gc.garbage}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


def _international_prefixes() -> list[tuple[str, str]]:
    """(region, how numbers abroad are dialled from it) for regions with a plain international prefix."""
    found = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
        prefix = meta.preferred_international_prefix or meta.international_prefix
        if prefix and prefix.isdigit():
            found.append((region, prefix))
    return found


def _outcome(check, text, region):
    try:
        phone = check(text, region)
    except InvalidValue as e:
        phone = e
    if isinstance(phone, InvalidValue):  # (the cache keeps the problem rather than raising it)
        return ("invalid", phone.problem, phone.detail)
    return (phone.raw, phone.e164, phone.digits)


@settings(max_examples=300)
@given(dialled=st.sampled_from(_international_prefixes()), number=st.text("0123456789", min_size=1, max_size=14),
       gap=st.sampled_from(["", " ", "-", "."]))
def test_a_number_after_an_international_prefix_reads_as_clean_phone_reads_it(dialled, number, gap):
    region, prefix = dialled
    text = f"{prefix}{gap}{number}"
    uncached = cleaning._phone_or_problem.__wrapped__
    assert _outcome(uncached, text, region) == _outcome(validation.clean_phone, text, region)


def test_numbers_dialled_from_france_to_other_countries():
    for text, e164 in [("0033 6 12 34 56 78", "+33612345678"), ("0049 30 280022", "+4930280022"),
                       ("0044 7599 970856", "+447599970856"), ("001 215-578-8093", "+12155788093"),
                       ("'0033612345678", "+33612345678")]:
        assert cleaning.check_phone(text, "FR").e164 == e164 == validation.clean_phone(text, "FR").e164
