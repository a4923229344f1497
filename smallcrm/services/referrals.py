"""Who brought whom: each contact has at most one referrer, and the chain of referrers never loops."""

from __future__ import annotations

from smallcrm.errors import InvalidValue, NotFound
from smallcrm.services.activity import require_live_contact
from smallcrm.store.fields import edited_now
from smallcrm.store.models import Contact, database


def _exists(contact_id: int) -> Contact:
    row = Contact.get_or_none(Contact.id == contact_id)
    if row is None:
        raise NotFound("contact", contact_id)
    return row


def set_referrer(contact_id: int, referrer_id: int | None) -> None:
    """Record that `referrer_id` brought `contact_id` to the shop (None forgets the referrer).

    Both must exist and be out of the Trash (NotFound, NotAllowed). A contact cannot refer itself,
    nor someone among its own referrers (InvalidValue "self" or "cycle").
    """
    with database.atomic():
        require_live_contact(contact_id, "referral")
        if referrer_id is not None:
            if referrer_id == contact_id:
                raise InvalidValue("referred_by", referrer_id, "self", "a contact cannot refer itself")
            require_live_contact(referrer_id, "referral")
            # The referrer's own chain of referrers: it must not pass through the contact.
            chain = database.execute_sql(
                """WITH RECURSIVE up(id) AS (
                       SELECT referred_by_id FROM contact WHERE id = ?
                       UNION  -- not UNION ALL: stops even on a loop written by some other program
                       SELECT c.referred_by_id FROM contact c JOIN up ON c.id = up.id)
                   SELECT 1 FROM up WHERE id = ? LIMIT 1""",
                (referrer_id, contact_id),
            ).fetchone()
            if chain:
                raise InvalidValue("referred_by", referrer_id, "cycle",
                                   f"contact {referrer_id} was itself brought, directly or not, by {contact_id}")
        Contact.update(referred_by=referrer_id, updated_at=edited_now(Contact.updated_at)).where(
            Contact.id == contact_id).execute()


def referrer_of(contact_id: int) -> int | None:
    return _exists(contact_id).referred_by_id


def referrals_of(contact_id: int) -> list[int]:
    """The contacts `contact_id` brought directly, oldest first; those in the Trash are left out."""
    _exists(contact_id)
    query = (
        Contact.select(Contact.id)
        .where(Contact.referred_by == contact_id, Contact.deleted_at.is_null())
        .order_by(Contact.id)
    )
    return [row.id for row in query]


def referral_count(contact_id: int) -> int:
    """How many contacts `contact_id` brought directly (not counting those in the Trash)."""
    _exists(contact_id)
    return Contact.select().where(Contact.referred_by == contact_id, Contact.deleted_at.is_null()).count()
