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

from smallcrm.reports.base import (
    LEFT, PROSE, RIGHT, SHORT, Styles, block_section, content_width, figure, label, masthead, member_number,
    note_table, para, section, side_by_side, styles, table, tile_grid, tile_width,
)
from smallcrm.reports.document import PageText, build
from smallcrm.reports.shop import Shop
from smallcrm.services import customer, loyalty, satisfaction, when
from smallcrm.services.contacts import ContactRecord, display_name, get_contact
from smallcrm.services.settings import default_region
from smallcrm.services.validation import display_phone
from smallcrm.store.fields import from_utc_text
from smallcrm.store.models import Contact, database

TITLE = "Customer dossier"
ITEMS_SHOWN = 4  # lines of a purchase named in the history; the rest are counted
STATUSES = {"paid": "Paid", "due": "Due", "partly_paid": "Partly paid", "written_off": "Written off"}
POINT_KINDS = {"earn": "Earned", "redeem": "Redeemed", "expire": "Expired", "adjust": "Adjusted", "bonus": "Bonus"}
FEEDBACK_KINDS = {"nps": "NPS (0–10)", "csat": "CSAT (1–5)"}
COMPLAINT_STATUSES = {"open": "Open", "in_progress": "In progress", "resolved": "Resolved"}

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
    def owed_minor(self) -> int:
        if self.refund_of is not None or self.status not in ("due", "partly_paid"):
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
        parts.append(f"and {more} more")
    return ", ".join(part for part in parts if part)


def _status_text(line: HistoryLine, shop: Shop, today: date) -> str:
    if line.refund_of is not None:
        return "Refund"
    text = STATUSES.get(line.status, line.status)
    if line.status in ("due", "partly_paid") and line.due_on:
        text += f", by {shop.day(line.due_on)}" + (" (overdue)" if line.due_on < today else "")
    if line.refunded_minor:
        text += f"; {shop.money(line.refunded_minor, line.currency)} refunded"
    return text


def _address(record: ContactRecord) -> str:
    town = " ".join(part for part in (record.postal_code, record.city) if part)
    return "\n".join(part for part in (record.street, town, record.country) if part)


def _consent(granted: bool, since, source: str, shop: Shop) -> str:
    """"Yes, since 21 Aug 2024, at the counter", "Yes", or "No"."""
    if not granted:
        return "No"
    parts = ["Yes"] + ([f"since {shop.day(since.astimezone().date())}"] if since else []) + ([source] if source else [])
    return ", ".join(parts)


def _profile(record: ContactRecord, shop: Shop, s: Styles, width: float) -> list[Flowable]:
    region = default_region()
    referrer = ""
    if record.referred_by_id is not None:
        row = Contact.get_or_none(Contact.id == record.referred_by_id)
        referrer = display_name(row.first_name, row.last_name, row.company) if row else ""
    left = [
        ("First name", record.first_name),
        ("Last name", record.last_name),
        ("Company", record.company),
        ("Emails", "\n".join(record.emails)),
        ("Phones", "\n".join(display_phone(p.e164, p.raw, region) for p in record.phones)),
        ("Address", _address(record)),
    ]
    right = [
        ("Birthday", shop.birthday(record.birthday)),
        ("Tags", ", ".join(record.tags)),
        ("Emails allowed", _consent(record.email_consent, record.email_consent_at, record.email_consent_source, shop)),
        ("Text messages allowed", _consent(record.sms_consent, record.sms_consent_at, record.sms_consent_source, shop)),
        ("Found the shop through", record.source),
        ("Referred by", referrer),
        ("Customer since", shop.day(record.created_at.astimezone().date())),
        ("Customer number", member_number(record.id)),
        ("Till or web shop no.", record.external_id),
        ("Last changed", shop.day(record.updated_at.astimezone().date())),
    ]
    half = (width - 8 * mm) / 2
    label_width = 38 * mm
    blocks = [note_table([(k, v or "—") for k, v in left], (label_width, half - label_width), s),
              note_table([(k, v or "—") for k, v in right], (label_width, half - label_width), s)]
    out = block_section("Profile", s, side_by_side(blocks[0], blocks[1], width))
    if record.notes:  # up to pages of them: they flow on, outside the block above
        out += [CondPageBreak(25 * mm), label("Notes", ParagraphStyle("notes", parent=s.subheading, keepWithNext=0)),
                para(record.notes, s.body, prose=True)]
    return out


def _figures(summary: customer.CustomerSummary, shop: Shop, s: Styles, width: float) -> Flowable:
    inner = tile_width(4, width)

    def tile(title: str, value: str, note: str = "") -> list[Flowable]:
        return [label(title, s.figure_label), figure(value, s, inner)] + ([para(note, s.figure_label)] if note else [])

    last = summary.last_purchase_at
    others = ", ".join(summary.other_currencies)
    tiles = [
        tile("Lifetime spend", shop.money(summary.lifetime_spend_minor),
             f"also bought in {others}" if others else ""),
        tile("Purchases", shop.number(summary.purchases),
             f"last on {shop.day(last.astimezone().date())}" if last else "none yet"),
        tile("Average basket", shop.money(summary.average_basket_minor)),
        tile("Owed", shop.money(summary.owed_minor)),
        tile("Points", shop.number(summary.points_balance),
             f"worth {shop.money(loyalty.redemption_value_minor(summary.points_balance))}"
             if summary.points_balance > 0 else ""),
        tile("Tier", summary.tier or "—"),
        tile("NPS", shop.number(summary.nps, 0)),
        tile("CSAT", shop.number(summary.csat_average, 1), _open_complaints(summary.open_complaints, shop)),
    ]
    return tile_grid(tiles, 4, width)


def _open_complaints(count: int, shop: Shop) -> str:
    if not count:
        return ""
    return f"{shop.number(count)} open complaint{'s' if count != 1 else ''}"


def _purchases(lines: list[HistoryLine], shop: Shop, s: Styles, width: float, today: date) -> list[Flowable]:
    out = section("Purchases", s)
    if not lines:
        return out + [label("No purchases yet.", s.muted)]
    rows = [[shop.day(line.on), line.reference, _items_text(line, shop), _status_text(line, shop, today),
             shop.money(line.total_minor, line.currency)] for line in lines]
    widths = [24 * mm, 26 * mm, 0, 40 * mm, 28 * mm]
    widths[2] = width - sum(widths)
    out.append(table(["Date", "Reference", "Items", "Status", "Amount"], rows, widths,
                     align=[SHORT, LEFT, LEFT, LEFT, RIGHT], s=s))
    return out


def _owed(lines: list[HistoryLine], shop: Shop, s: Styles, width: float, today: date) -> list[Flowable]:
    unpaid = sorted((line for line in lines if line.owed_minor > 0), key=lambda line: (line.on, line.purchase_id))
    out = section("Amount owed", s)
    if not unpaid:
        return out + [label("Nothing is owed.", s.muted)]
    rows = [[shop.day(line.on), line.reference, shop.day(line.due_on),
             shop.number(max(0, (today - line.due_on).days)) if line.due_on else "",
             shop.money(line.total_minor, line.currency), shop.money(line.owed_minor, line.currency)]
            for line in unpaid]
    totals: dict[str, int] = {}
    for line in unpaid:
        totals[line.currency] = totals.get(line.currency, 0) + line.owed_minor
    total = ["Total", "", "", "", "", "\n".join(shop.money(v, c) for c, v in sorted(totals.items()))]
    widths = [24 * mm, 0, 26 * mm, 24 * mm, 28 * mm, 28 * mm]
    widths[1] = width - sum(widths)
    out.append(table(["Bought", "Reference", "Due", "Days overdue", "Amount", "Owed"], rows, widths,
                     align=[SHORT, LEFT, SHORT, RIGHT, RIGHT, RIGHT], s=s, total=total))
    return out


def _points(contact_id: int, shop: Shop, s: Styles, width: float) -> list[Flowable]:
    statement = loyalty.statement(contact_id)
    out = section("Points statement", s)
    if not statement.entries:
        return out + [label("No points yet.", s.muted)]
    rows = [[shop.day(e.at.astimezone().date()), POINT_KINDS.get(e.kind, e.kind), e.reason,
             shop.signed(e.points, 0) if e.points else "0", shop.number(e.balance_after)]
            for e in reversed(statement.entries)]
    widths = [24 * mm, 24 * mm, 0, 24 * mm, 24 * mm]
    widths[2] = width - sum(widths)
    out.append(table(["Date", "Movement", "Reason", "Points", "Balance"], rows, widths,
                     align=[SHORT, SHORT, LEFT, RIGHT, RIGHT], s=s))
    if statement.expiring:
        soon = "; ".join(f"{shop.number(points)} on {shop.day(day)}" for day, points in statement.expiring[:3])
        out += [Spacer(1, 3), para(f"Points due to expire: {soon}.", s.muted)]
    return out


def _answers(contact_id: int, shop: Shop, s: Styles, width: float) -> list[Flowable]:
    cursor = database.execute_sql(
        "SELECT occurred_at, kind, score, comment, channel FROM feedback WHERE contact_id = ?"
        " ORDER BY occurred_at DESC, id DESC", (contact_id,))
    rows = [[shop.day(from_utc_text(at).astimezone().date()), FEEDBACK_KINDS.get(kind, kind), shop.number(score),
             comment, channel] for at, kind, score, comment, channel in cursor]
    out = section("Satisfaction answers", s)
    if not rows:
        return out + [label("No answers yet.", s.muted)]
    widths = [24 * mm, 24 * mm, 14 * mm, 0, 26 * mm]
    widths[3] = width - sum(widths)
    out.append(table(["Date", "Question", "Score", "Comment", "Channel"], rows, widths,
                     align=[SHORT, SHORT, RIGHT, PROSE, LEFT], s=s))
    return out


def _complaints(contact_id: int, shop: Shop, s: Styles, width: float) -> list[Flowable]:
    open_ones = [c for c in satisfaction.complaints(status="unresolved", contact_id=contact_id)]
    out = section("Open complaints", s)
    if not open_ones:
        return out + [label("No open complaints.", s.muted)]
    rows = [[shop.day(c.opened_at.astimezone().date()), c.category, COMPLAINT_STATUSES.get(c.status, c.status),
             c.description] for c in open_ones]
    widths = [24 * mm, 34 * mm, 22 * mm, 0]
    widths[3] = width - sum(widths)
    out.append(table(["Opened", "Category", "Status", "What happened"], rows, widths,
                     align=[SHORT, LEFT, SHORT, PROSE], s=s))
    return out


def story(contact_id: int, shop: Shop) -> tuple[list[Flowable], str]:
    """The dossier's flowables, and the customer's name."""
    today = when.today()
    summary = customer.summary(contact_id, today)  # NotFound for an unknown id
    record = get_contact(contact_id)
    s = styles()
    width = content_width(shop)
    lines = [f"Customer number {member_number(contact_id)}"]
    if summary.in_trash:
        lines.append("In the Trash")
    history_lines = history(contact_id)
    flow: list[Flowable] = [masthead(shop, TITLE, lines, s, width, headline=summary.name), Spacer(1, 5 * mm),
                            _figures(summary, shop, s, width)]
    flow += _profile(record, shop, s, width)
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
    build(out, flow, PageText(shop, f"{TITLE} · {name}" if name else TITLE), subject=name)
