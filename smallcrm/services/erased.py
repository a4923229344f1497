"""The people erased at their request (services.privacy), remembered by a fingerprint of each email address and
phone number they had, so that an import does not bring them back: a row of a customer list with one of them is
skipped, and a sale of theirs is recorded without a customer. A fingerprint is the SHA-256 of the address as
duplicates are found by it (an email casefolded, a phone number in E.164); the addresses are not kept."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from smallcrm.store.fields import to_utc_text, utc_now


def fingerprint(kind: str, value: str) -> str:
    """The fingerprint of an email ("email", casefolded) or a phone number ("phone", E.164)."""
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


def remember(conn, contact_id: int) -> None:
    """Remember the emails and phone numbers of a customer about to be erased."""
    prints = [fingerprint("email", email.casefold()) for (email,) in conn.execute(
        "SELECT email FROM contact_email WHERE contact_id = ?", (contact_id,))]
    prints += [fingerprint("phone", e164) for (e164,) in conn.execute(
        "SELECT e164 FROM contact_phone WHERE contact_id = ? AND e164 IS NOT NULL", (contact_id,))]
    moment = to_utc_text(utc_now())
    conn.executemany("INSERT OR IGNORE INTO erased_key (key, erased_at) VALUES (?, ?)",
                     [(key, moment) for key in prints])


def fingerprints(conn) -> frozenset[str]:
    """The fingerprints of everyone erased."""
    return frozenset(key for (key,) in conn.execute("SELECT key FROM erased_key"))


def is_erased(prints: frozenset[str], emails: Iterable[str], phones: Iterable[str]) -> bool:
    """Whether one of these emails (casefolded) or phone numbers (E.164) was an erased person's."""
    return bool(prints) and (any(fingerprint("email", e) in prints for e in emails)
                             or any(fingerprint("phone", p) in prints for p in phones))
