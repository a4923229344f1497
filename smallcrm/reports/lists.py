"""Lists to print and work through with a pen: a call list (whom to ring, with room for notes) and the
birthdays of a month.

A list may be a whole segment of thousands: contacts are read in chunks, in the order given. Contacts
in the Trash, and ids no longer in the database, are left out; an id given twice prints once.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from smallcrm.errors import InvalidValue
from smallcrm.reports.base import LEFT, RIGHT, RULE, SHORT, content_width, label, masthead, styles, table
from smallcrm.reports.document import PageText, build
from smallcrm.reports.shop import Shop
from smallcrm.services import contacts, settings, today, when
from smallcrm.services.validation import display_phone, with_label
from smallcrm.store.fields import from_utc_text
from smallcrm.store.models import database, sale_sql

CHUNK = 500
NOTE_HEIGHT = 16  # points: the least room a row of the call list leaves for a handwritten note


@dataclass(frozen=True)
class ListedContact:
    id: int
    name: str
    phone: str
    email: str
    last_purchase_on: date | None  # local day
    # every phone, as (e164, raw, label), in the customer's order (with `every_phone`)
    phones: tuple[tuple[str | None, str, str], ...] = ()


def unique_ids(ids: Iterable[int]) -> list[int]:
    seen: set[int] = set()
    out = []
    for contact_id in ids:
        if contact_id not in seen:
            seen.add(contact_id)
            out.append(contact_id)
    return out


def listed_contacts(contact_ids: Iterable[int], *, last_purchase: bool = True,
                    every_phone: bool = False) -> Iterator[ListedContact]:
    """The contacts out of the Trash among `contact_ids`, in that order, read CHUNK at a time."""
    ids = unique_ids(contact_ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        among = ",".join("?" * len(chunk))
        rows = contacts.contact_rows(chunk)
        last: dict[int, str] = {}
        if last_purchase:
            cursor = database.execute_sql(
                f"""SELECT contact_id, max(occurred_at) FROM purchase
                     WHERE contact_id IN ({among}) AND {sale_sql()}
                     GROUP BY contact_id""", chunk)
            last = dict(cursor.fetchall())
        phones: dict[int, list[tuple[str | None, str, str]]] = {}
        if every_phone:
            cursor = database.execute_sql(
                f"SELECT contact_id, e164, raw, label FROM contact_phone WHERE contact_id IN ({among})"
                " ORDER BY contact_id, position", chunk)
            for contact_id, e164, raw, kind in cursor:
                phones.setdefault(contact_id, []).append((e164, raw, kind))
        for contact_id in chunk:
            row = rows.get(contact_id)
            if row is None or row.deleted_at is not None:
                continue
            when_text = last.get(contact_id)
            yield ListedContact(contact_id, row.name, row.phone, row.email,
                                from_utc_text(when_text).astimezone().date() if when_text else None,
                                tuple(phones.get(contact_id, ())))


def _call_rows(contact_ids: list[int], shop: Shop) -> list[list]:
    """A row for each contact: its number on the list, name, every phone with its kind, last purchase, and room
    for a note."""
    never, region = shop.tr("never"), settings.default_region()
    return [[shop.number(number), c.name,
             "\n".join(with_label(display_phone(e164, raw, region), kind, shop.label_name)
                       for e164, raw, kind in c.phones),
             shop.day(c.last_purchase_on) if c.last_purchase_on else never, Spacer(1, NOTE_HEIGHT)]
            for number, c in enumerate(listed_contacts(contact_ids, every_phone=True), start=1)]


def call_list_pdf(contact_ids: list[int], out, *, title: str) -> None:
    """A call list: each contact's name, phones and last purchase, and an empty column to write notes in.
    `title` (the user's words, e.g. a segment's name) heads the list."""
    shop = Shop.from_settings()
    s = styles()
    width = content_width(shop)
    rows = _call_rows(contact_ids, shop)
    count = shop.counted(len(rows), "{n} contact", "{n} contacts")
    name = shop.tr("Call list")
    widths = [10 * mm, 50 * mm, 46 * mm, 26 * mm, 0]
    widths[-1] = width - sum(widths)
    flow: list[Flowable] = [masthead(shop, name, [count], s, width, headline=title), Spacer(1, 4 * mm)]
    if rows:
        header = ["#", shop.tr("Name"), shop.tr("Phone"), shop.tr("Last purchase"), shop.tr("Notes")]
        result = table(header, rows, widths,
                       align=[RIGHT, LEFT, LEFT, SHORT, LEFT], s=s, zebra=False)
        result.setStyle([("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE)])
        flow.append(result)
    else:
        flow.append(label(shop.tr("Nobody to call: the list is empty."), s.muted))
    build(out, flow, PageText(shop, f"{name} · {title}" if title else name), subject=title)


def _month_year(month: int, on: date) -> int:
    """The year in which `month` comes next, counting the current month as to come."""
    return on.year if month >= on.month else on.year + 1


def birthday_list_pdf(month: int, out, *, year: int | None = None) -> None:
    """Customers out of the Trash with a birthday in `month` (1-12), by day: the month's next coming
    (this year's when it is the current month), or `year`'s. Someone born on 29 February is listed on
    the 28th in other years."""
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise InvalidValue("month", month, "month", "a month from 1 to 12")
    year = year if year is not None else _month_year(month, when.today())
    first = date(year, month, 1)
    days = calendar.monthrange(year, month)[1]
    lines = today.birthdays(first, days)
    shop = Shop.from_settings()
    s = styles()
    width = content_width(shop)
    details = {c.id: c for c in listed_contacts([line.contact_id for line in lines], last_purchase=False)}
    rows = []
    for line in lines:
        contact = details.get(line.contact_id)
        if contact is None:
            continue
        rows.append([shop.weekday_day(line.on), contact.name,
                     shop.number(line.turns) if line.turns is not None else "", contact.phone, contact.email])
    month_name = shop.month(first)
    count = shop.counted(len(rows), "{n} birthday", "{n} birthdays")
    name = shop.tr("Birthdays")
    flow: list[Flowable] = [masthead(shop, name, [count], s, width, headline=month_name), Spacer(1, 4 * mm)]
    widths = [26 * mm, 0, 12 * mm, 34 * mm, 64 * mm]
    widths[1] = width - sum(widths)
    if rows:
        header = [shop.tr("Day"), shop.tr("Name"), shop.tr("Turns"), shop.tr("Phone"), shop.tr("Email")]
        flow.append(table(header, rows, widths,
                          align=[SHORT, LEFT, RIGHT, LEFT, LEFT], s=s))
    else:
        flow.append(label(shop.tr("No birthdays this month."), s.muted))
    build(out, flow, PageText(shop, f"{name} · {month_name}"),
          subject=shop.tr("Birthdays in {month}", month=month_name))
