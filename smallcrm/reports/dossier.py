"""A customer's dossier, to print at the counter: the profile, the figures at the head of the contact
(services.customer), every purchase and refund, the points statement, the satisfaction answers, the
complaints still open and what is owed. A contact in the Trash prints too, marked as such.

The rows are read with one query for each kind, by contact, so a customer with a typical history
prints in a fraction of a second."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from smallcrm.errors import Phrase
from smallcrm.reports.base import (
    LEFT, PROSE, RIGHT, SHORT, Styles, block_section, content_width, figure, label, masthead, member_number,
    note_table, para, section, side_by_side, styles, table, tile_grid, tile_width,
)
from smallcrm.reports.document import PageText, build
from smallcrm.reports.shop import Shop
from smallcrm.reports.words import said
from smallcrm.services import customer, loyalty, satisfaction, when
from smallcrm.services.addresses import address_lines
from smallcrm.services.contacts import ContactRecord, display_name, get_contact
from smallcrm.services.settings import default_region
from smallcrm.services.validation import display_phone, with_label
from smallcrm.store.fields import from_utc_text
from smallcrm.store.models import Contact, database, is_refund

TITLE = said("Customer dossier")
ITEMS_SHOWN = 4  # lines of a purchase named in the history; the rest are counted
STATUSES = {"paid": said("Paid"), "due": said("Due"), "partly_paid": said("Partly paid"),
            "written_off": said("Written off")}
POINT_KINDS = {"earn": said("Earned"), "redeem": said("Redeemed"), "expire": said("Expired"),
               "adjust": said("Adjusted"), "bonus": said("Bonus")}
FEEDBACK_KINDS = {"nps": "NPS (0–10)", "csat": "CSAT (1–5)"}  # (the same in every language)
COMPLAINT_STATUSES = {"open": said("Open"), "in_progress": said("In progress"), "resolved": said("Resolved")}
# The categories the window offers and the one a low score is given: printed in the shop's language (one typed
# by hand prints as typed).
COMPLAINT_CATEGORIES = (said("Product"), said("Service"), said("Delivery"), said("Price"), said("low score"),
                        said("Other"))

# What is still owed of a purchase, as services.purchases counts it: total - refunded - paid, for
# purchases due or partly paid.
_PURCHASES_SQL = """
SELECT p.id, p.occurred_at, p.reference, p.currency, p.total_minor, p.status, p.due_on, p.paid_minor,
       p.refund_of_id, coalesce(-(SELECT sum(r.total_minor) FROM purchase r WHERE r.refund_of_id = p.id), 0),
       (SELECT json_group_array(json_array(quantity, description))
          FROM (SELECT quantity, description FROM purchase_item WHERE purchase_id = p.id ORDER BY id))
  FROM purchase p
 WHERE p.contact_id = ?
 ORDER BY p.occurred_at DESC, p.id DESC
"""


@dataclass(frozen=True)
class HistoryLine:
    purchase_id: int
    on: date  # local day
    reference: str
    currency: str
    total_minor: int
    status: str
    due_on: date | None
    paid_minor: int
    refund_of: int | None
    refunded_minor: int
    items: list[tuple[int, str]]  # (quantity, description)

    @property
    def is_refund(self) -> bool:
        return is_refund(self.refund_of, self.total_minor)

    @property
    def owed_minor(self) -> int:
        if self.is_refund or self.status not in ("due", "partly_paid"):
            return 0
        return max(0, self.total_minor - self.refunded_minor - self.paid_minor)


def history(contact_id: int) -> list[HistoryLine]:
    """The customer's purchases and refunds, newest first."""
    out = []
    for (key, occurred_at, reference, currency, total, status, due_on, paid, refund_of, refunded,
         items) in database.execute_sql(_PURCHASES_SQL, (contact_id,)):
        out.append(HistoryLine(key, from_utc_text(occurred_at).astimezone().date(), reference, currency, total, status,
                               date.fromisoformat(due_on) if due_on else None, paid, refund_of, refunded,
                               [(q, d) for q, d in json.loads(items or "[]")]))
    return out


def _items_text(line: HistoryLine, shop: Shop) -> str:
    parts = [f"{shop.number(abs(q))} × {d}" if abs(q) != 1 else d for q, d in line.items[:ITEMS_SHOWN]]
    more = len(line.items) - ITEMS_SHOWN
    if more > 0:
        parts.append(shop.tr("and {n} more", n=shop.number(more)))
    return ", ".join(part for part in parts if part)


def _status_text(line: HistoryLine, shop: Shop, today: date) -> str:
    if line.is_refund:
        return shop.tr("Refund")
    text = shop.tr(STATUSES.get(line.status, line.status))
    if line.status in ("due", "partly_paid") and line.due_on:
        by = shop.day(line.due_on)
        text += (shop.tr(", by {day} (overdue)", day=by) if line.due_on < today else shop.tr(", by {day}", day=by))
    if line.refunded_minor:
        text += shop.tr("; {amount} refunded", amount=shop.money(line.refunded_minor, line.currency))
    return text


def _consent(granted: bool, since, source: str, shop: Shop) -> str:
    """"Yes, since 21 Aug 2024, at the counter", "Yes", or "No"."""
    if not granted:
        return shop.tr("No")
    parts = [shop.tr("Yes")] + ([shop.tr("since {day}", day=shop.day(since.astimezone().date()))] if since else [])
    return ", ".join(parts + ([source] if source else []))


def _profile(record: ContactRecord, since: date, shop: Shop, s: Styles, width: float) -> list[Flowable]:
    region = default_region()
    address = address_lines(record.street, record.postal_code, record.city, record.country, region)
    referrer = ""
    if record.referred_by_id is not None:
        row = Contact.get_or_none(Contact.id == record.referred_by_id)
        referrer = display_name(row.first_name, row.last_name, row.company) if row else ""
    left = [
        (shop.tr("First name"), record.first_name),
        (shop.tr("Last name"), record.last_name),
        (shop.tr("Company"), record.company),
        (shop.tr("Emails"), "\n".join(with_label(email, label, shop.label_name)
                                       for email, label in zip(record.emails, record.email_labels))),
        (shop.tr("Phones"), "\n".join(
            with_label(display_phone(p.e164, p.raw, region), p.label, shop.label_name) for p in record.phones)),
        (shop.tr("Address"), "\n".join(address)),
    ]
    right = [
        (shop.tr("Birthday"), shop.birthday(record.birthday)),
        (shop.tr("Tags"), ", ".join(record.tags)),
        (shop.tr("Emails allowed"),
         _consent(record.email_consent, record.email_consent_at, record.email_consent_source, shop)),
        (shop.tr("Text messages allowed"),
         _consent(record.sms_consent, record.sms_consent_at, record.sms_consent_source, shop)),
        (shop.tr("Found the shop through"), record.source),
        (shop.tr("Referred by"), referrer),
        (shop.tr("Customer since"), shop.day(since)),
        (shop.tr("Customer number"), member_number(record.id)),
        (shop.tr("Till or web shop no."), record.external_id),
        (shop.tr("Last changed"), shop.day(record.updated_at.astimezone().date())),
    ]
    half = (width - 8 * mm) / 2
    label_width = 38 * mm
    blocks = [note_table([(k, v or "—") for k, v in left], (label_width, half - label_width), s),
              note_table([(k, v or "—") for k, v in right], (label_width, half - label_width), s)]
    out = block_section(shop.tr("Profile"), s, side_by_side(blocks[0], blocks[1], width))
    if record.notes:  # up to pages of them: they flow on, outside the block above
        heading = ParagraphStyle("notes", parent=s.subheading, keepWithNext=0)
        out += [CondPageBreak(25 * mm), label(shop.tr("Notes"), heading),
                para(record.notes, s.body, prose=True)]
    return out


def _figures(summary: customer.CustomerSummary, shop: Shop, s: Styles, width: float) -> Flowable:
    inner = tile_width(4, width)

    def tile(title: str, value: str, note: str = "") -> list[Flowable]:
        return [label(title, s.figure_label), figure(value, s, inner)] + ([para(note, s.figure_label)] if note else [])

    last = summary.last_purchase_at
    others = ", ".join(summary.other_currencies)
    tiles = [
        tile(shop.tr("Lifetime spend"), shop.money(summary.lifetime_spend_minor),
             shop.tr("also bought in {currencies}", currencies=others) if others else ""),
        tile(shop.tr("Purchases"), shop.number(summary.purchases),
             shop.tr("last on {day}", day=shop.day(last.astimezone().date())) if last else shop.tr("none yet")),
        tile(shop.tr("Average basket"), shop.money(summary.average_basket_minor)),
        tile(shop.tr("Owed"), shop.money(summary.owed_minor)),
        tile(shop.tr("Points"), shop.number(summary.points_balance),
             shop.tr("worth {amount}", amount=shop.money(loyalty.redemption_value_minor(summary.points_balance)))
             if summary.points_balance > 0 else ""),
        tile(shop.tr("Tier"), shop.tier(summary.tier)),
        tile("NPS", shop.number(summary.nps, 0)),
        tile("CSAT", shop.number(summary.csat_average, 1), _open_complaints(summary.open_complaints, shop)),
    ]
    return tile_grid(tiles, 4, width)


def _open_complaints(count: int, shop: Shop) -> str:
    if not count:
        return ""
    return shop.counted(count, "{n} open complaint", "{n} open complaints")


def _purchases(lines: list[HistoryLine], shop: Shop, s: Styles, width: float, today: date) -> list[Flowable]:
    out = section(shop.tr("Purchases"), s)
    if not lines:
        return out + [label(shop.tr("No purchases yet."), s.muted)]
    rows = [[shop.day(line.on), line.reference, _items_text(line, shop), _status_text(line, shop, today),
             shop.money(line.total_minor, line.currency)] for line in lines]
    widths = [24 * mm, 26 * mm, 0, 40 * mm, 28 * mm]
    widths[2] = width - sum(widths)
    out.append(table([shop.tr("Date"), shop.tr("Reference"), shop.tr("Items"), shop.tr("Status"), shop.tr("Amount")],
                     rows, widths,
                     align=[SHORT, LEFT, LEFT, LEFT, RIGHT], s=s))
    return out


def _owed(lines: list[HistoryLine], shop: Shop, s: Styles, width: float, today: date) -> list[Flowable]:
    unpaid = sorted((line for line in lines if line.owed_minor > 0), key=lambda line: (line.on, line.purchase_id))
    out = section(shop.tr("Amount owed"), s)
    if not unpaid:
        return out + [label(shop.tr("Nothing is owed."), s.muted)]
    rows = [[shop.day(line.on), line.reference, shop.day(line.due_on),
             shop.number(max(0, (today - line.due_on).days)) if line.due_on else "",
             shop.money(line.total_minor, line.currency), shop.money(line.owed_minor, line.currency)]
            for line in unpaid]
    totals: dict[str, int] = {}
    for line in unpaid:
        totals[line.currency] = totals.get(line.currency, 0) + line.owed_minor
    total = [shop.tr("Total"), "", "", "", "", "\n".join(shop.money(v, c) for c, v in sorted(totals.items()))]
    widths = [24 * mm, 0, 26 * mm, 24 * mm, 28 * mm, 28 * mm]
    widths[1] = width - sum(widths)
    out.append(table([shop.tr("Bought"), shop.tr("Reference"), shop.tr("Due by"), shop.tr("Days overdue"),
                      shop.tr("Amount"), shop.tr("Owed")], rows, widths,
                     align=[SHORT, LEFT, SHORT, RIGHT, RIGHT, RIGHT], s=s, total=total))
    return out


def _reason(entry: loyalty.StatementLine, shop: Shop) -> str:
    """What the scheme wrote, in the shop's language; a reason typed by hand, as typed."""
    said_by = loyalty.reason_phrase(entry.kind, entry.reason, of_purchase=entry.purchase_id is not None)
    return shop.tr(said_by) if isinstance(said_by, Phrase) else said_by


def _points(contact_id: int, shop: Shop, s: Styles, width: float) -> list[Flowable]:
    statement = loyalty.statement(contact_id)
    out = section(shop.tr("Points statement"), s)
    if not statement.entries:
        return out + [label(shop.tr("No points yet."), s.muted)]
    rows = [[shop.day(e.at.astimezone().date()), shop.tr(POINT_KINDS.get(e.kind, e.kind)),
             _reason(e, shop),
             shop.signed(e.points, 0) if e.points else "0", shop.number(e.balance_after)]
            for e in reversed(statement.entries)]
    widths = [24 * mm, 24 * mm, 0, 24 * mm, 24 * mm]
    widths[2] = width - sum(widths)
    out.append(table([shop.tr("Date"), shop.tr("Movement"), shop.tr("Reason"), shop.tr("Points"), shop.tr("Balance")],
                     rows, widths,
                     align=[SHORT, SHORT, LEFT, RIGHT, RIGHT], s=s))
    if statement.expiring:
        soon = "; ".join(shop.tr("{points} on {day}", points=shop.number(points), day=shop.day(day))
                         for day, points in statement.expiring[:3])
        out += [Spacer(1, 3), para(shop.tr("Points due to expire: {soon}.", soon=soon), s.muted)]
    return out


def _answers(contact_id: int, shop: Shop, s: Styles, width: float) -> list[Flowable]:
    cursor = database.execute_sql(
        "SELECT occurred_at, kind, score, comment, channel FROM feedback WHERE contact_id = ?"
        " ORDER BY occurred_at DESC, id DESC", (contact_id,))
    rows = [[shop.day(from_utc_text(at).astimezone().date()), FEEDBACK_KINDS.get(kind, kind), shop.number(score),
             comment, channel] for at, kind, score, comment, channel in cursor]
    out = section(shop.tr("Satisfaction answers"), s)
    if not rows:
        return out + [label(shop.tr("No answers yet."), s.muted)]
    widths = [24 * mm, 24 * mm, 14 * mm, 0, 26 * mm]
    widths[3] = width - sum(widths)
    out.append(table([shop.tr("Date"), shop.tr("Question"), shop.tr("Score"), shop.tr("Comment"), shop.tr("Channel")],
                     rows, widths,
                     align=[SHORT, SHORT, RIGHT, PROSE, LEFT], s=s))
    return out


def _complaints(contact_id: int, shop: Shop, s: Styles, width: float) -> list[Flowable]:
    open_ones = [c for c in satisfaction.complaints(status="unresolved", contact_id=contact_id)]
    out = section(shop.tr("Open complaints"), s)
    if not open_ones:
        return out + [label(shop.tr("No open complaints."), s.muted)]
    rows = [[shop.day(c.opened_at.astimezone().date()), shop.tr(c.category),
             shop.tr(COMPLAINT_STATUSES.get(c.status, c.status)),
             c.description] for c in open_ones]
    widths = [24 * mm, 34 * mm, 22 * mm, 0]
    widths[3] = width - sum(widths)
    out.append(table([shop.tr("Opened"), shop.tr("Category"), shop.tr("Status"), shop.tr("What happened")],
                     rows, widths,
                     align=[SHORT, LEFT, SHORT, PROSE], s=s))
    return out


def story(contact_id: int, shop: Shop) -> tuple[list[Flowable], str]:
    """The dossier's flowables, and the customer's name."""
    today = when.today()
    summary = customer.summary(contact_id, today)  # NotFound for an unknown id
    record = get_contact(contact_id)
    s = styles()
    width = content_width(shop)
    lines = [shop.tr("Customer number {number}", number=member_number(contact_id))]
    if summary.in_trash:
        lines.append(shop.tr("In the Trash"))
    history_lines = history(contact_id)
    flow: list[Flowable] = [masthead(shop, shop.tr(TITLE), lines, s, width, headline=summary.name), Spacer(1, 5 * mm),
                            _figures(summary, shop, s, width)]
    flow += _profile(record, summary.since, shop, s, width)
    flow += _owed(history_lines, shop, s, width, today)
    flow += _purchases(history_lines, shop, s, width, today)
    flow += _points(contact_id, shop, s, width)
    flow += _answers(contact_id, shop, s, width)
    flow += _complaints(contact_id, shop, s, width)
    return flow, summary.name


def dossier_pdf(contact_id: int, out) -> None:
    """Write the dossier of one customer to `out` (a path or a binary file). An unknown id: NotFound."""
    shop = Shop.from_settings()
    flow, name = story(contact_id, shop)
    title = shop.tr(TITLE)
    build(out, flow, PageText(shop, f"{title} · {name}" if name else title), subject=name)
