"""Contacts: add, change, find, move to the Trash and back."""

from __future__ import annotations

import json
import re
from array import array
from dataclasses import dataclass, field, fields, replace
from datetime import datetime

from smallcrm.errors import InvalidValue, NotFound, ValidationFailed
from smallcrm.services import validation as v
from smallcrm.services.addresses import postal_code_as_posted
from smallcrm.services.settings import default_region
from smallcrm.store import search
from smallcrm.store.fields import edited_now, to_utc_text, utc_now
from smallcrm.store.models import Contact, ContactEmail, ContactPhone, ContactTag, Tag, among, database

TEXT_FIELDS = ("first_name", "last_name", "company", "street", "postal_code", "city", "country")


@dataclass
class ContactInput:
    """What a person fills in for a contact; checked and normalised by `clean_contact`."""

    first_name: str = ""
    last_name: str = ""
    company: str = ""
    emails: list[str] = field(default_factory=list)
    email_labels: list[str] = field(default_factory=list)  # what kind each of `emails` is ("work"); "" for none
    phones: list[str] = field(default_factory=list)
    phone_labels: list[str] = field(default_factory=list)  # what kind each of `phones` is ("mobile"); "" for none
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = ""
    birthday: str | None = None
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    email_consent: bool = False
    email_consent_at: datetime | None = None
    sms_consent: bool = False
    sms_consent_at: datetime | None = None
    email_consent_source: str = ""  # where and how they agreed: "at the counter", "web form"
    sms_consent_source: str = ""


@dataclass
class CleanContact:
    values: dict  # column -> value for the contact row
    emails: list[str]
    phones: list[v.Phone]
    tags: list[str]
    email_labels: list[str] = field(default_factory=list)  # (of each of `emails`)

    def __post_init__(self):
        self.email_labels = aligned(self.email_labels, self.emails)


def aligned(labels: list[str], values: list) -> list[str]:
    """A label for each of `values`: "" for those that `labels` has none for."""
    return (list(labels) + [""] * len(values))[:len(values)]


def clean_contact(data: ContactInput, region: str | None = None) -> CleanContact:
    """Check every field; raise ValidationFailed listing all problems, or return what to store."""
    errors: list[InvalidValue] = []

    def attempt(check, *args, **kwargs):
        try:
            return check(*args, **kwargs)
        except InvalidValue as e:
            errors.append(e)
            return None

    values = {name: attempt(v.clean_text, getattr(data, name), name) or "" for name in TEXT_FIELDS}
    values["notes"] = attempt(v.clean_text, data.notes, "notes", v.MAX_TEXT, multiline=True) or ""
    values["birthday"] = attempt(v.clean_birthday, data.birthday)
    if not (values["first_name"] or values["last_name"] or values["company"]) and not any(
        e.field in ("first_name", "last_name", "company") for e in errors
    ):
        errors.append(InvalidValue("name", "", "required", "give a first name, a last name or a company"))

    emails: list[str] = []
    email_labels: list[str] = []
    for i, text in enumerate(data.emails):
        if text and text.strip():
            email = attempt(v.clean_email, text, f"emails[{i}]")
            if email and email.lower() not in (e.lower() for e in emails):
                emails.append(email)
                email_labels.append(v.label_at(data.email_labels, i))
    region = region if region is not None else default_region()
    values["postal_code"] = postal_code_as_posted(values["postal_code"], values["country"], region)
    phones: list[v.Phone] = []
    for i, text in enumerate(data.phones):
        if text and text.strip():
            phone = attempt(v.clean_phone, text, region, f"phones[{i}]")
            if phone and all((p.e164 or p.raw) != (phone.e164 or phone.raw) for p in phones):
                label = v.label_at(data.phone_labels, i)
                phones.append(replace(phone, label=label) if label else phone)
    tags = v.clean_tags(data.tags, lambda text: attempt(v.clean_tag, text))

    values.update(search.sort_keys(*(values[k] for k in ("first_name", "last_name", "company", "city", "country"))))
    now = utc_now()
    for channel in ("email", "sms"):
        granted = bool(getattr(data, f"{channel}_consent"))
        source = (attempt(v.clean_consent_source, getattr(data, f"{channel}_consent_source"),
                          f"{channel}_consent_source") or "") if granted else ""
        values.update(consent_values(channel, granted, getattr(data, f"{channel}_consent_at"), source, now))

    if errors:
        raise ValidationFailed(errors)
    return CleanContact(values, emails, phones, tags, email_labels)


def consent_values(channel: str, granted: bool, at: datetime | None, source: str, now: datetime) -> dict:
    """The consent columns of one channel ("email" or "sms"). Consent given keeps the date it was first given
    (`at`), or takes `now`; withdrawn, it keeps neither date nor source."""
    return {f"{channel}_consent": granted,
            f"{channel}_consent_at": (at or now) if granted else None,
            f"{channel}_consent_source": source if granted else ""}


def _write_children(contact_id: int, clean: CleanContact) -> None:
    ContactEmail.delete().where(ContactEmail.contact == contact_id).execute()
    ContactPhone.delete().where(ContactPhone.contact == contact_id).execute()
    ContactTag.delete().where(ContactTag.contact == contact_id).execute()
    if clean.emails:
        ContactEmail.insert_many(
            [{"contact": contact_id, "email": e, "label": label, "position": i}
             for i, (e, label) in enumerate(zip(clean.emails, clean.email_labels))]
        ).execute()
    if clean.phones:
        ContactPhone.insert_many(
            [
                {"contact": contact_id, "raw": p.raw, "e164": p.e164, "digits": p.digits, "label": p.label,
                 "position": i}
                for i, p in enumerate(clean.phones)
            ]
        ).execute()
    for name in clean.tags:
        ContactTag.insert(contact=contact_id, tag=_tag_id(name)).on_conflict_ignore().execute()


def _tag_named(name: str) -> Tag | None:
    """The book's tag `name` (a checked one) in whatever capitals, or None."""
    return Tag.get_or_none(Tag.name_key == name.casefold())


def _tag_id(name: str) -> int:
    """The id of the tag `name` (a checked one), made if there is none: "vip" is the book's "VIP", "fidèle" its
    "FIDÈLE"."""
    key = name.casefold()
    Tag.insert(name=name, name_key=key).on_conflict_ignore().execute()
    return Tag.get(Tag.name_key == key).id


def add_contact(data: ContactInput, *, region: str | None = None, contact_id: int | None = None,
                welcome: bool = True) -> int:
    """Store a new contact and return its id (`contact_id` re-creates one with a known id).

    A new customer gets the loyalty programme's welcome bonus, if there is one (`welcome=False`: not).
    """
    from smallcrm.services import loyalty  # loyalty reads contacts' rows: import it only here

    clean = clean_contact(data, region)
    now = utc_now()
    with database.atomic():
        row = {**clean.values, "created_at": now, "updated_at": now}
        if contact_id is not None:
            row["id"] = contact_id
        new_id = Contact.insert(row).execute()
        _write_children(new_id, clean)
        if welcome:
            loyalty.grant_welcome(new_id, at=now)
    return new_id


def update_contact(contact_id: int, data: ContactInput, *, region: str | None = None,
                   stamp: tuple[datetime, datetime] | None = None) -> bool:
    """Store the form `data` as the contact's. False when it holds what the contact has: nothing is written, and the
    contact stays as an import left it (to be undone). `stamp`: of an edit undone, see _stamp."""
    clean = clean_contact(data, region)
    with database.atomic():
        try:
            if clean == clean_contact(get_contact(contact_id).to_input(), region):
                return False
        except ValidationFailed:  # (what it holds is not what a form takes now: a change, then)
            pass
        changed = Contact.update(clean.values).where(Contact.id == contact_id).execute()
        if not changed:
            raise NotFound("contact", contact_id)
        _write_children(contact_id, clean)
        _stamp([contact_id], {contact_id: stamp} if stamp else None)
    return True


# The parts of a contact a form changes, each taken as a whole when two changes meet: an address is one part (a
# street from one change and a city from another would make an address that is nowhere), and so is the name with the
# company (a contact needs one of them: one change emptying the names and another the company would leave none).
PARTS = {
    "name": ("first_name", "last_name", "company"), "emails": ("emails", "email_labels"),
    "phones": ("phones", "phone_labels"),
    "address": ("street", "postal_code", "city", "country"), "birthday": ("birthday",), "tags": ("tags",),
    "notes": ("notes",), "email_consent": ("email_consent", "email_consent_at", "email_consent_source"),
    "sms_consent": ("sms_consent", "sms_consent_at", "sms_consent_source"),
}


@dataclass
class Edit:
    """A form's change (or an undo's) to store over what the contact holds now."""

    data: ContactInput  # what to store
    kept: list[str]  # PARTS changed meanwhile by something else (an import, the command line), kept
    clashes: list[str]  # PARTS changed meanwhile and in the form, each its own way


def merge_edit(base: ContactInput, mine: ContactInput, current: ContactInput, region: str | None = None, *,
               mine_wins: bool = True) -> Edit:
    """The change from `base` (the contact when the form opened) to `mine` (the form), made to `current` (the contact
    now): the parts the form did not change stay as they are now. A part changed both ways is the form's
    (`mine_wins`) or stays as it is now; one changed the same way both ways stays as it is now (its consent date,
    say). When what that makes could not be stored (the contact held what today's rules refuse), the form's whole."""
    views = [_parts(data, region) for data in (base, mine, current)]
    if None in views:  # (held before the rules of today: compared as written)
        views = [_parts_as_written(data) for data in (base, mine, current)]
    was, wanted, now = views
    if now == was:
        return Edit(mine, [], [])
    changed = [part for part in PARTS if wanted[part] != was[part]]
    clashes = [part for part in changed if now[part] not in (was[part], wanted[part])]
    data = replace(current)
    for part in changed:
        if now[part] != wanted[part] and (mine_wins or part not in clashes):
            for name in PARTS[part]:
                setattr(data, name, getattr(mine, name))
    if _parts(data, region) is None:
        return Edit(mine, [], [])
    return Edit(data, [part for part in PARTS if now[part] != was[part] and part not in changed], clashes)


def save_edit(contact_id: int, base: ContactInput, mine: ContactInput, region: str | None = None, *,
              mine_wins: bool = True) -> tuple[bool, ContactInput, Edit]:
    """Store a form's change over the contact as it is now (merge_edit), read and written in one transaction:
    whether anything was written (update_contact), the contact as it was, and the edit stored."""
    with database.atomic():
        current = get_contact(contact_id).to_input()
        edit = merge_edit(base, mine, current, region, mine_wins=mine_wins)
        return update_contact(contact_id, edit.data, region=region), current, edit


def _parts(data: ContactInput, region: str | None) -> dict[str, object] | None:
    """Each part of `data` as it would be stored and read (None: `data` would not be stored as it is): a tag's case
    aside (a tag is one whatever its case), a phone number by what it dials, consent by whether and how it was
    given."""
    try:
        clean = clean_contact(data, region)
    except ValidationFailed:
        return None
    values = clean.values
    view: dict[str, object] = {
        "emails": tuple(zip(clean.emails, clean.email_labels)), "tags": tuple(t.casefold() for t in clean.tags),
        "phones": tuple(((p.e164, v.phone_extension(p.raw)) if p.e164 else p.raw, p.label) for p in clean.phones)}
    view.update({part: tuple(values[name] for name in names) for part, names in PARTS.items() if part not in view})
    for part in ("email_consent", "sms_consent"):
        view[part] = (values[part], values[f"{part}_source"])
    return view


def _parts_as_written(data: ContactInput) -> dict[str, object]:
    def tidy(value):
        if isinstance(value, list):
            return tuple(item.strip() for item in value if item.strip())
        return value.strip() if isinstance(value, str) else value

    return {part: tuple(tidy(getattr(data, name)) for name in names) for part, names in PARTS.items()}


def stamps(ids) -> dict[int, datetime]:
    """When each of the contacts last changed: to put back when the step that changed them is undone."""
    return {row.id: row.updated_at for row in Contact.select(Contact.id, Contact.updated_at).where(
        among(Contact.id, list(ids)))}


def _stamp(ids: list[int], undone: dict[int, tuple[datetime, datetime]] | None) -> None:
    """The contacts `ids` changed now. Of a step undone, `undone` gives each contact (when the step wrote it, when
    it changed before): one that still says the former says the latter again (an import it came from can be undone
    again); one changed since (another window, the command line) says now."""
    changed_since = ids
    if undone is not None:
        current = stamps(ids)
        changed_since = [i for i in ids if current.get(i) != undone[i][0]]
        database.connection().executemany("UPDATE contact SET updated_at = ? WHERE id = ?", [
            (to_utc_text(undone[i][1]), i) for i in ids if current.get(i) == undone[i][0]])
    if changed_since:
        Contact.update(updated_at=edited_now(Contact.updated_at)).where(among(Contact.id, changed_since)).execute()


@dataclass
class ContactRecord:
    id: int
    first_name: str
    last_name: str
    company: str
    emails: list[str]
    phones: list[v.Phone]
    street: str
    postal_code: str
    city: str
    country: str
    birthday: str | None
    tags: list[str]
    notes: str
    source: str
    referred_by_id: int | None
    email_consent: bool
    email_consent_at: datetime | None
    sms_consent: bool
    sms_consent_at: datetime | None
    email_consent_source: str
    sms_consent_source: str
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
    external_id: str = ""  # the customer's number in another system (till, web shop), from an import
    email_labels: list[str] = field(default_factory=list)  # what kind each of `emails` is ("work"); "" for none

    def __post_init__(self):
        self.email_labels = aligned(self.email_labels, self.emails)

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name, self.company)

    def to_input(self) -> ContactInput:
        """The record as a form would hold it (for editing, and for undoing an edit)."""
        names = {f.name for f in fields(ContactInput)}
        data = {name: getattr(self, name) for name in names if name not in ("phones", "phone_labels")}
        return ContactInput(**data, phones=[v.phone_text(p.e164, p.raw) for p in self.phones],
                            phone_labels=[p.label for p in self.phones])

    def to_json(self) -> dict:
        def when(value):
            return to_utc_text(value) if value else None

        return {
            "id": self.id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "company": self.company,
            "emails": list(self.emails),
            "email_labels": list(self.email_labels),
            "phones": [v.phone_text(p.e164, p.raw) for p in self.phones],
            "phone_labels": [p.label for p in self.phones],
            "birthday": self.birthday,
            "street": self.street,
            "postal_code": self.postal_code,
            "city": self.city,
            "country": self.country,
            "tags": list(self.tags),
            "notes": self.notes,
            "source": self.source,
            "external_id": self.external_id,
            "referred_by": self.referred_by_id,
            "email_consent": self.email_consent,
            "email_consent_at": when(self.email_consent_at),
            "sms_consent": self.sms_consent,
            "sms_consent_at": when(self.sms_consent_at),
            "email_consent_source": self.email_consent_source,
            "sms_consent_source": self.sms_consent_source,
            "created_at": when(self.created_at),
            "updated_at": when(self.updated_at),
            "in_trash": self.deleted_at is not None,
        }


# A name written in Chinese, Japanese or Korean letters: Han, kana, Hangul (and no other)
_EAST_ASIAN = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
                         "\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]+")


def east_asian(word: str) -> bool:
    """Whether a name (or a word of one) is written in Chinese, Japanese or Korean letters only."""
    return not word.isascii() and _EAST_ASIAN.fullmatch(word) is not None


def display_name(first: str, last: str, company: str = "") -> str:
    """The customer's name as it is written: first name then last ("Anna Smith"), or, for a name whose both
    parts are written in Chinese, Japanese or Korean letters, the family name first, without a space ("王小明",
    "山田さくら", "김민준"); their company's name when they have none."""
    if first and last and east_asian(first) and east_asian(last):
        return last + first
    name = " ".join(part for part in (first, last) if part)
    return name or company


def get_contact(contact_id: int) -> ContactRecord:
    row = Contact.get_or_none(Contact.id == contact_id)
    if row is None:
        raise NotFound("contact", contact_id)
    emails = list(ContactEmail.select().where(ContactEmail.contact == contact_id).order_by(ContactEmail.position))
    phones = [
        v.Phone(p.raw, p.e164, p.digits, p.label)
        for p in ContactPhone.select().where(ContactPhone.contact == contact_id).order_by(ContactPhone.position)
    ]
    tags = [
        t.name
        for t in Tag.select(Tag.name).join(ContactTag).where(ContactTag.contact == contact_id)
        .order_by(Tag.name.collate("by_sort_key"))
    ]
    values = {f.name: getattr(row, f.name) for f in fields(ContactRecord)
              if f.name not in ("emails", "email_labels", "phones", "tags")}
    return ContactRecord(**values, emails=[e.email for e in emails], email_labels=[e.label for e in emails],
                         phones=phones, tags=tags)


# The orders a contact list can be sorted in: key -> SQL over `c` (contact).
ORDERS = {
    "name": "c.sort_name {dir}, c.id {dir}",
    "company": "c.sort_company {dir}, c.id {dir}",
    "city": "c.sort_city {dir}, c.id {dir}",
    "country": "c.sort_country {dir}, c.id {dir}",
    "updated": "c.updated_at {dir}, c.id {dir}",
    "email": "(SELECT email FROM contact_email WHERE contact_id = c.id ORDER BY position LIMIT 1)"
    " COLLATE NOCASE {dir}, c.id {dir}",
    "phone": "(SELECT coalesce(e164, raw) FROM contact_phone WHERE contact_id = c.id ORDER BY position LIMIT 1)"
    " {dir}, c.id {dir}",
}


def contact_ids(search_text: str = "", order: str = "name", descending: bool = False, *, trash: bool = False,
                limit: int | None = None) -> array:
    """Ids of the contacts in the list (or in the Trash), matching `search_text`, in `order`.

    An array of 64-bit ints: a million ids take 8 MB.
    """
    direction = "DESC" if descending else "ASC"
    order_sql = ORDERS[order].format(dir=direction)
    where = "c.deleted_at IS NOT NULL" if trash else "c.deleted_at IS NULL"
    params: list = []
    match = search.match_expression(search_text)
    if match and not trash:
        sql = f"SELECT c.id FROM contact_fts f JOIN contact c ON c.id = f.rowid WHERE contact_fts MATCH ? AND {where}"
        params.append(match)
    elif search_text.strip() and not match:
        return array("q")  # only punctuation: nothing can match
    else:
        sql = f"SELECT c.id FROM contact c WHERE {where}"
    if limit is not None:
        sql += " ORDER BY " + order_sql + " LIMIT ?"
        params.append(limit)
    else:
        sql += " ORDER BY " + order_sql
    cursor = database.execute_sql(sql, params)
    return array("q", (row[0] for row in cursor))


@dataclass(frozen=True)
class SearchResult:
    ids: array  # in list order; at most the limit asked for
    total: int  # how many contacts match in all


def search_contacts(search_text: str, order: str = "name", descending: bool = False, *,
                    limit: int | None = None) -> SearchResult:
    """What the window lists for a search: the matches in order, at most `limit` of them, and how many
    match in all."""
    match = search.match_expression(search_text)
    if not match or limit is None:
        ids = contact_ids(search_text, order, descending)
        return SearchResult(ids, len(ids))
    total = database.execute_sql("SELECT count(*) FROM contact_fts WHERE contact_fts MATCH ?", (match,)).fetchone()[0]
    if not total:
        return SearchResult(array("q"), 0)
    if order == "name":  # the list's usual order: the index can give the first matches without sorting all
        return SearchResult(array("q", search.first_by_name(database.execute_sql, match, total, limit, descending)),
                            total)
    return SearchResult(contact_ids(search_text, order, descending, limit=limit), total)


def count_contacts(*, trash: bool = False) -> int:
    condition = Contact.deleted_at.is_null(not trash)
    return Contact.select().where(condition).count()


@dataclass(frozen=True)
class ContactRow:
    """What a list shows of a contact."""

    id: int
    name: str
    first_name: str
    last_name: str
    company: str
    email: str
    city: str
    country: str
    tags: str
    updated_at: str
    deleted_at: str | None
    # The first phone as stored, and the shop's region it is shown for (see `phone`).
    phone_e164: str | None = field(default=None, repr=False)
    phone_raw: str = field(default="", repr=False)
    region: str | None = field(default=None, repr=False)

    @property
    def phone(self) -> str:
        """The first phone as lists show it. Formatted when asked, not when the row is read: formatting
        a number costs more than reading the whole row, and a list shows few of the rows it reads."""
        if not (self.phone_e164 or self.phone_raw):
            return ""
        return v.display_phone(self.phone_e164, self.phone_raw, self.region)


def contact_rows(ids) -> dict[int, ContactRow]:
    """List rows for the given ids, in one query."""
    ids = list(ids)
    if not ids:
        return {}
    region = default_region()
    cursor = database.execute_sql(
        """SELECT c.id, c.first_name, c.last_name, c.company, c.city, c.country, c.updated_at, c.deleted_at,
                   (SELECT email FROM contact_email WHERE contact_id = c.id ORDER BY position LIMIT 1),
                   (SELECT e164 FROM contact_phone WHERE contact_id = c.id ORDER BY position LIMIT 1),
                   (SELECT raw FROM contact_phone WHERE contact_id = c.id ORDER BY position LIMIT 1),
                   (SELECT group_concat(name, ', ') FROM (SELECT t.name FROM contact_tag ct
                      JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id ORDER BY t.name COLLATE by_sort_key))
              FROM contact c WHERE c.id IN (SELECT value FROM json_each(?))""",
        [json.dumps(ids)],
    )
    rows = {}
    for cid, first, last, company, city, country, updated, deleted, email, e164, raw, tags in cursor:
        rows[cid] = ContactRow(
            id=cid,
            name=display_name(first, last, company),
            first_name=first,
            last_name=last,
            company=company,
            email=email or "",
            city=city,
            country=country,
            tags=tags or "",
            updated_at=updated,
            deleted_at=deleted,
            phone_e164=e164,
            phone_raw=raw or "",
            region=region,
        )
    return rows


def _require(ids: list[int], trash: bool) -> None:
    found = {
        c.id for c in Contact.select(Contact.id).where(among(Contact.id, ids), Contact.deleted_at.is_null(not trash))
    }
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound("contact in the Trash" if trash else "contact", missing[0])


def delete_contacts(ids) -> None:
    """Move contacts to the Trash (they can be restored)."""
    ids = list(ids)
    with database.atomic():
        _require(ids, trash=False)
        Contact.update(deleted_at=utc_now()).where(among(Contact.id, ids)).execute()


def restore_contacts(ids) -> None:
    ids = list(ids)
    with database.atomic():
        _require(ids, trash=True)
        Contact.update(deleted_at=None).where(among(Contact.id, ids)).execute()


def purge_contacts(ids) -> None:
    """Delete contacts for good. Their purchases stay, without a customer, so revenue does not change."""
    ids = list(ids)
    with database.atomic():
        Contact.delete().where(among(Contact.id, ids)).execute()


def empty_trash() -> int:
    with database.atomic():
        return Contact.delete().where(Contact.deleted_at.is_null(False)).execute()


def tag_contacts(ids, name: str, undone: dict[int, tuple[datetime, datetime]] | None = None) -> list[int]:
    """Give the contacts (none of them in the Trash) the tag `name`, checked as a form's: "vip" is the book's
    "VIP". Returns those that did not have it; the others are left as they were. `undone`: see _stamp."""
    ids = list(dict.fromkeys(ids))
    name = v.clean_tag(name)
    with database.atomic():
        _require(ids, trash=False)
        tag_id = _tag_id(name)
        have = {row.contact_id for row in ContactTag.select(ContactTag.contact).where(
            ContactTag.tag == tag_id, among(ContactTag.contact, ids))}
        changed = [i for i in ids if i not in have]
        if changed:
            database.execute_sql("INSERT INTO contact_tag (contact_id, tag_id) SELECT value, ? FROM json_each(?)",
                                 (tag_id, json.dumps(changed)))
            _stamp(changed, undone)
    return changed


def untag_contacts(ids, name: str, undone: dict[int, tuple[datetime, datetime]] | None = None) -> list[int]:
    """Take the tag `name` off the contacts (none of them in the Trash); returns those that had it. `undone`: see
    _stamp."""
    ids = list(dict.fromkeys(ids))
    with database.atomic():
        _require(ids, trash=False)
        tag = _tag_named(v.clean_tag(name))
        if tag is None:
            return []
        changed = [row.contact_id for row in ContactTag.select(ContactTag.contact).where(
            ContactTag.tag == tag.id, among(ContactTag.contact, ids))]
        if changed:
            ContactTag.delete().where(ContactTag.tag == tag.id, among(ContactTag.contact, changed)).execute()
            _stamp(changed, undone)
    return sorted(changed, key=ids.index)


def tags_of(ids) -> list[str]:
    """The tags at least one of the contacts has, in name order."""
    ids = list(ids)
    return [t.name for t in Tag.select(Tag.name).join(ContactTag).where(among(ContactTag.contact, ids))
            .distinct().order_by(Tag.name.collate("by_sort_key"))]


def book_tag(name: str) -> str:
    """The tag `name` as the book writes it ("vip" is "VIP"), for saying what was done; `name` checked when the
    book has no such tag."""
    name = v.clean_tag(name)
    tag = _tag_named(name)
    return tag.name if tag is not None else name


def all_tags() -> list[str]:
    """The tags to offer: those a customer has (one in the Trash included), in name order. A tag taken off its
    last customer is not offered any more."""
    return [t.name for t in Tag.select(Tag.name).join(ContactTag).distinct().order_by(Tag.name.collate("by_sort_key"))]
