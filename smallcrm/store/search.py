"""The contact search index: an FTS5 table kept in sync by triggers, and the prefix query builder."""

from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager

# One row per contact that is not in the Trash; rowid = contact id.
CREATE_INDEX = """
CREATE VIRTUAL TABLE contact_fts USING fts5(
    name, emails, phones, company, city, tags,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '1 2 3'
)
"""

# What the index holds for each contact outside the Trash (append `AND c.id = ...` or an ORDER BY).
INDEX_ROWS = """
SELECT c.id,
       c.first_name || ' ' || c.last_name,
       (SELECT group_concat(email, ' ') FROM contact_email WHERE contact_id = c.id),
       (SELECT group_concat(digits, ' ') FROM contact_phone WHERE contact_id = c.id),
       c.company,
       c.city,
       (SELECT group_concat(t.name, ' ') FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
         WHERE ct.contact_id = c.id)
  FROM contact c
 WHERE c.deleted_at IS NULL"""

_INSERT = "INSERT INTO contact_fts(rowid, name, emails, phones, company, city, tags)"


def _refresh(id_expr: str) -> str:
    return (
        f"DELETE FROM contact_fts WHERE rowid = {id_expr};\n"
        f"{_INSERT}{INDEX_ROWS} AND c.id = {id_expr};"
    )


# name -> trigger body; each keeps the index row of the touched contact up to date.
_TRIGGERS = {
    "contact_fts_ai": ("AFTER INSERT ON contact", _refresh("NEW.id")),
    "contact_fts_au": (
        "AFTER UPDATE OF first_name, last_name, company, city, deleted_at ON contact",
        _refresh("NEW.id"),
    ),
    "contact_fts_ad": ("AFTER DELETE ON contact", "DELETE FROM contact_fts WHERE rowid = OLD.id;"),
    "contact_email_fts_ai": ("AFTER INSERT ON contact_email", _refresh("NEW.contact_id")),
    "contact_email_fts_au": ("AFTER UPDATE ON contact_email", _refresh("OLD.contact_id") + _refresh("NEW.contact_id")),
    "contact_email_fts_ad": ("AFTER DELETE ON contact_email", _refresh("OLD.contact_id")),
    "contact_phone_fts_ai": ("AFTER INSERT ON contact_phone", _refresh("NEW.contact_id")),
    "contact_phone_fts_au": ("AFTER UPDATE ON contact_phone", _refresh("OLD.contact_id") + _refresh("NEW.contact_id")),
    "contact_phone_fts_ad": ("AFTER DELETE ON contact_phone", _refresh("OLD.contact_id")),
    "contact_tag_fts_ai": ("AFTER INSERT ON contact_tag", _refresh("NEW.contact_id")),
    "contact_tag_fts_ad": ("AFTER DELETE ON contact_tag", _refresh("OLD.contact_id")),
    "tag_fts_au": (
        "AFTER UPDATE OF name ON tag",
        f"DELETE FROM contact_fts WHERE rowid IN (SELECT contact_id FROM contact_tag WHERE tag_id = NEW.id);\n"
        f"{_INSERT}{INDEX_ROWS} AND c.id IN (SELECT contact_id FROM contact_tag WHERE tag_id = NEW.id);",
    ),
}


def trigger_statements() -> list[str]:
    return [f"CREATE TRIGGER {name} {when} BEGIN\n{body}\nEND" for name, (when, body) in _TRIGGERS.items()]


def drop_trigger_statements() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for name in _TRIGGERS]


def sort_key(text: str) -> str:
    """What lists sort by: case and accents folded, so "Álvarez" sorts with the A's."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


def sort_keys(first_name: str, last_name: str, company: str, city: str, country: str) -> dict[str, str]:
    """The sort columns of a contact row."""
    name = f"{last_name} {first_name}" if (first_name or last_name) else company
    return {
        "sort_name": sort_key(name),
        "sort_company": sort_key(company),
        "sort_city": sort_key(city),
        "sort_country": sort_key(country),
    }


def rebuild(conn) -> None:
    """Fill the index and any missing sort keys from scratch (after bulk work with the triggers off)."""
    conn.create_function("smallcrm_sort_key", 1, sort_key, deterministic=True)
    conn.execute(
        """UPDATE contact SET
               sort_name = smallcrm_sort_key(CASE WHEN first_name || last_name != ''
                                                  THEN last_name || ' ' || first_name ELSE company END),
               sort_company = smallcrm_sort_key(company),
               sort_city = smallcrm_sort_key(city),
               sort_country = smallcrm_sort_key(country)
         WHERE sort_name = '' AND (first_name || last_name || company) != ''"""
    )
    conn.execute("DELETE FROM contact_fts")
    conn.execute(_INSERT + INDEX_ROWS + " ORDER BY c.id")  # in id order: FTS5 fills fastest by rising rowid


@contextmanager
def triggers_off(conn):
    """Bulk inserts without per-row index upkeep; the index is rebuilt once at the end.

    Use inside a transaction, so that either everything (rows and index) lands or nothing does.
    """
    for statement in drop_trigger_statements():
        conn.execute(statement)
    yield
    rebuild(conn)
    for statement in trigger_statements():
        conn.execute(statement)


_PHONE_LIKE = re.compile(r"[\d\s+().\-/]+")
_TOKEN = re.compile(r"[^\W_]+")


def match_expression(text: str) -> str | None:
    """Turn what a user typed into an FTS5 prefix query, or None when there is nothing to look for.

    Every word must match the start of a word in some column. A query that looks like a phone
    number ("+33 6 12", "06-12") is searched as one run of digits. Only letters and digits reach
    FTS5, each inside quotes, so no input can be read as query syntax.
    """
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    if _PHONE_LIKE.fullmatch(text) and len(digits) >= 3:
        tokens = [digits]
    else:
        tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)
