"""Refunds whose sale is unknown ("unlinked" refunds), for tests: the purchases import records a refund it cannot
link to its sale (a till's cancellation invoice, a negative amount on a later receipt) as a purchase row with a
negative total and no refund_of. `import_till_file` makes them the honest way, by importing a till's file;
`insert_unlinked_refund` writes the row as the importer writes it, for tests that need it at an exact moment or
many of them."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from smallcrm.services.importing import purchases_import as pi
from smallcrm.store.fields import utc_now
from smallcrm.store.models import Purchase

HEADER = ["Date", "Ticket", "Email", "Amount"]


def import_till_file(path: Path, rows: list[list[str]]) -> pi.PurchaseImportResult:
    """Import a till's file of `rows` (date, ticket, customer's email, amount; a refund's amount negative)."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        out.writerows(rows)
    return pi.import_purchases(path)


def insert_unlinked_refund(contact_id: int | None, total_minor: int, at: datetime, *, currency: str = "EUR",
                           reference: str = "", status: str = "paid") -> int:
    """A refund row as the importer writes one it cannot link: paid, what was paid its (negative) total."""
    assert total_minor < 0
    return Purchase.insert(contact=contact_id, occurred_at=at, currency=currency, total_minor=total_minor,
                           reference=reference, status=status, paid_minor=total_minor if status == "paid" else 0,
                           created_at=utc_now()).execute()


def unlinked_refunds() -> list[tuple[int, str, int]]:
    """(id, reference, total) of every refund stored without a link to its sale."""
    return [(p.id, p.reference, p.total_minor) for p in Purchase.select().where(
        Purchase.refund_of.is_null(), Purchase.total_minor < 0).order_by(Purchase.id)]
