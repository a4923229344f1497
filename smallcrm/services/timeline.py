"""Everything that happened with one customer, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from smallcrm.store.fields import from_utc_text
from smallcrm.store.models import database, refund_sql

KINDS = ("interaction", "purchase", "points", "feedback")


@dataclass(frozen=True)
class Event:
    id: int  # of the interaction, purchase, points entry or feedback
    kind: str  # one of KINDS
    subkind: str  # call, visit, ... / purchase, refund / earn, redeem, ... / nps, csat
    at: datetime  # UTC
    text: str  # summary, items, reason or comment
    number: int | None  # amount in minor units, points, or score
    currency: str | None
    extra: str  # direction, reference, the purchase a points line is about (its id), ...
    state: str | None = None  # an interaction's open follow-up date (ISO); a purchase's payment status


_SQL = {
    "interaction": """SELECT id, 'interaction', kind, occurred_at,
                             summary || CASE WHEN outcome != '' THEN ' — ' || outcome ELSE '' END,
                             duration_seconds, NULL, coalesce(direction, ''),
                             CASE WHEN follow_up_done_at IS NULL THEN follow_up_on END
                        FROM interaction WHERE contact_id = :id""",
    "purchase": f"""SELECT id, 'purchase', CASE WHEN {refund_sql()} THEN 'refund' ELSE 'purchase' END, occurred_at,
                          (SELECT group_concat(CASE WHEN quantity != 1 THEN quantity || ' × ' ELSE '' END || description, ', ')
                             FROM purchase_item WHERE purchase_id = purchase.id),
                          total_minor, currency, reference, status FROM purchase WHERE contact_id = :id""",
    "points": """SELECT id, 'points', kind, occurred_at, reason, points, NULL, coalesce(purchase_id, ''), NULL
                   FROM points_entry WHERE contact_id = :id""",
    "feedback": """SELECT id, 'feedback', kind, occurred_at, comment, score, NULL, channel, NULL
                     FROM feedback WHERE contact_id = :id""",
}


def timeline(contact_id: int, kinds: tuple[str, ...] = KINDS, limit: int = 500) -> list[Event]:
    if not kinds:
        return []
    sql = " UNION ALL ".join(_SQL[k] for k in kinds)
    cursor = database.execute_sql(
        f"SELECT * FROM ({sql}) ORDER BY 4 DESC, 1 DESC LIMIT :limit", {"id": contact_id, "limit": limit}
    )
    return [
        Event(i, k, sub, from_utc_text(at), text or "", num, cur, extra or "", state)
        for i, k, sub, at, text, num, cur, extra, state in cursor
    ]
