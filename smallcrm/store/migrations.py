"""Ordered schema steps. The schema version lives in SQLite's `user_version`.

A step is a list of SQL statements written out in full, so that a step never changes once released:
the models may move on, the steps that built older files do not (nor does store/search.py, which
says what the search index holds today: the steps keep their own copy of what it held for them).
Each released version has a frozen database in tests/fixtures that a test migrates to the newest
version, and tests/unit/test_search_listing.py keeps a digest of each released step's text.
"""

from __future__ import annotations

import unicodedata


def _search_triggers(index_rows: str, columns: str, contact_columns: str) -> list[str]:
    """The triggers that keep the search index's row of a contact up to date, as a step made them: for an
    index filled by `index_rows` (a SELECT of the id and the index's `columns`), refreshed when a contact's
    `contact_columns` change. Frozen: released steps call it, so it must always give the same text."""
    insert = f"INSERT INTO contact_fts(rowid, {columns})"

    def refresh(id_expr: str) -> str:
        return f"DELETE FROM contact_fts WHERE rowid = {id_expr};\n{insert}{index_rows} AND c.id = {id_expr};"

    triggers = {
        "contact_fts_ai": ("AFTER INSERT ON contact", refresh("NEW.id")),
        "contact_fts_au": (f"AFTER UPDATE OF {contact_columns} ON contact", refresh("NEW.id")),
        "contact_fts_ad": ("AFTER DELETE ON contact", "DELETE FROM contact_fts WHERE rowid = OLD.id;"),
        "contact_email_fts_ai": ("AFTER INSERT ON contact_email", refresh("NEW.contact_id")),
        "contact_email_fts_au": ("AFTER UPDATE ON contact_email", refresh("OLD.contact_id") + refresh("NEW.contact_id")),
        "contact_email_fts_ad": ("AFTER DELETE ON contact_email", refresh("OLD.contact_id")),
        "contact_phone_fts_ai": ("AFTER INSERT ON contact_phone", refresh("NEW.contact_id")),
        "contact_phone_fts_au": ("AFTER UPDATE ON contact_phone", refresh("OLD.contact_id") + refresh("NEW.contact_id")),
        "contact_phone_fts_ad": ("AFTER DELETE ON contact_phone", refresh("OLD.contact_id")),
        "contact_tag_fts_ai": ("AFTER INSERT ON contact_tag", refresh("NEW.contact_id")),
        "contact_tag_fts_ad": ("AFTER DELETE ON contact_tag", refresh("OLD.contact_id")),
        "tag_fts_au": (
            "AFTER UPDATE OF name ON tag",
            (f"DELETE FROM contact_fts WHERE rowid IN (SELECT contact_id FROM contact_tag WHERE tag_id = NEW.id);\n"
             f"{insert}{index_rows} AND c.id IN (SELECT contact_id FROM contact_tag WHERE tag_id = NEW.id);"),
        ),
    }
    return [f"CREATE TRIGGER {name} {when} BEGIN\n{body}\nEND" for name, (when, body) in triggers.items()]


# The search index of version 1: name, emails, phones, company, city and tags, with prefix indexes of 1-3
# characters (store/search.py says what it holds today).
_V1_INDEX_ROWS = """
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
_V1_SEARCH = [
    """
CREATE VIRTUAL TABLE contact_fts USING fts5(
    name, emails, phones, company, city, tags,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '1 2 3'
)
""",
    *_search_triggers(_V1_INDEX_ROWS, "name, emails, phones, company, city, tags",
                      "first_name, last_name, company, city, deleted_at"),
]

V1 = [
    """CREATE TABLE contact (
        id INTEGER PRIMARY KEY,
        first_name TEXT NOT NULL DEFAULT '',
        last_name TEXT NOT NULL DEFAULT '',
        company TEXT NOT NULL DEFAULT '',
        street TEXT NOT NULL DEFAULT '',
        postal_code TEXT NOT NULL DEFAULT '',
        city TEXT NOT NULL DEFAULT '',
        country TEXT NOT NULL DEFAULT '',
        birthday TEXT CHECK (birthday IS NULL OR birthday GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                            OR birthday GLOB '--[0-9][0-9]-[0-9][0-9]'),
        notes TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        referred_by_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,
        email_consent INTEGER NOT NULL DEFAULT 0,
        email_consent_at TEXT,
        sms_consent INTEGER NOT NULL DEFAULT 0,
        sms_consent_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        sort_name TEXT NOT NULL DEFAULT '',
        sort_company TEXT NOT NULL DEFAULT '',
        sort_city TEXT NOT NULL DEFAULT '',
        sort_country TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX contact_by_name ON contact (sort_name, id)",
    "CREATE INDEX contact_by_company ON contact (sort_company, id)",
    "CREATE INDEX contact_by_city ON contact (sort_city, id)",
    "CREATE INDEX contact_by_country ON contact (sort_country, id)",
    "CREATE INDEX contact_by_updated ON contact (updated_at, id)",
    "CREATE INDEX contact_in_trash ON contact (deleted_at) WHERE deleted_at IS NOT NULL",
    "CREATE INDEX contact_referred_by ON contact (referred_by_id)",
    """CREATE TABLE contact_email (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX contact_email_by_contact ON contact_email (contact_id, position)",
    "CREATE INDEX contact_email_by_email ON contact_email (email COLLATE NOCASE)",
    """CREATE TABLE contact_phone (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        raw TEXT NOT NULL,
        e164 TEXT,
        digits TEXT NOT NULL DEFAULT '',
        label TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX contact_phone_by_contact ON contact_phone (contact_id, position)",
    "CREATE INDEX contact_phone_by_e164 ON contact_phone (e164)",
    "CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE)",
    """CREATE TABLE contact_tag (
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
        PRIMARY KEY (contact_id, tag_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX contact_tag_by_tag ON contact_tag (tag_id)",
    """CREATE TABLE import_batch (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        file_name TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        created INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0,
        undone_at TEXT,
        details TEXT NOT NULL DEFAULT '{}'
    )""",
    """CREATE TABLE interaction (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('call', 'visit', 'email', 'sms', 'note')),
        direction TEXT CHECK (direction IS NULL OR direction IN ('in', 'out')),
        occurred_at TEXT NOT NULL,
        duration_seconds INTEGER CHECK (duration_seconds IS NULL OR duration_seconds >= 0),
        outcome TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        follow_up_on TEXT,
        follow_up_done_at TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX interaction_by_contact ON interaction (contact_id, occurred_at)",
    "CREATE INDEX interaction_follow_ups ON interaction (follow_up_on) WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL",
    """CREATE TABLE purchase (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,
        occurred_at TEXT NOT NULL,
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        total_minor INTEGER NOT NULL,
        payment_method TEXT NOT NULL DEFAULT '',
        reference TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'paid' CHECK (status IN ('paid', 'due', 'partly_paid', 'written_off')),
        due_on TEXT,
        paid_minor INTEGER NOT NULL DEFAULT 0,
        refund_of_id INTEGER REFERENCES purchase (id) ON DELETE RESTRICT,
        import_batch_id INTEGER REFERENCES import_batch (id) ON DELETE SET NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX purchase_by_contact ON purchase (contact_id, occurred_at)",
    "CREATE INDEX purchase_by_date ON purchase (occurred_at)",
    "CREATE INDEX purchase_refunds ON purchase (refund_of_id) WHERE refund_of_id IS NOT NULL",
    "CREATE INDEX purchase_by_batch ON purchase (import_batch_id) WHERE import_batch_id IS NOT NULL",
    """CREATE TABLE purchase_item (
        id INTEGER PRIMARY KEY,
        purchase_id INTEGER NOT NULL REFERENCES purchase (id) ON DELETE CASCADE,
        description TEXT NOT NULL DEFAULT '',
        quantity INTEGER NOT NULL DEFAULT 1,
        unit_price_minor INTEGER NOT NULL,
        total_minor INTEGER NOT NULL
    )""",
    "CREATE INDEX purchase_item_by_purchase ON purchase_item (purchase_id)",
    """CREATE TABLE points_entry (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        occurred_at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('earn', 'redeem', 'expire', 'adjust', 'bonus')),
        points INTEGER NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        purchase_id INTEGER REFERENCES purchase (id) ON DELETE RESTRICT,
        expires_on TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX points_entry_by_contact ON points_entry (contact_id, occurred_at)",
    "CREATE INDEX points_entry_by_purchase ON points_entry (purchase_id) WHERE purchase_id IS NOT NULL",
    """CREATE TRIGGER points_entry_append_only BEFORE UPDATE ON points_entry
       BEGIN SELECT RAISE(ABORT, 'the points ledger is append-only'); END""",
    """CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER REFERENCES contact (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('csat', 'nps')),
        score INTEGER NOT NULL CHECK ((kind = 'csat' AND score BETWEEN 1 AND 5)
                                      OR (kind = 'nps' AND score BETWEEN 0 AND 10)),
        comment TEXT NOT NULL DEFAULT '',
        channel TEXT NOT NULL DEFAULT '',
        occurred_at TEXT NOT NULL,
        purchase_id INTEGER REFERENCES purchase (id) ON DELETE SET NULL,
        interaction_id INTEGER REFERENCES interaction (id) ON DELETE SET NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX feedback_by_contact ON feedback (contact_id, occurred_at)",
    "CREATE INDEX feedback_by_date ON feedback (occurred_at)",
    "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    *_V1_SEARCH,
]

# Version 2: complaints, and the points ledger refuses a movement that would take a balance below zero.
V2 = [
    """CREATE TABLE complaint (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        feedback_id INTEGER REFERENCES feedback (id) ON DELETE SET NULL,
        purchase_id INTEGER REFERENCES purchase (id) ON DELETE SET NULL,
        category TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved')),
        description TEXT NOT NULL DEFAULT '',
        resolution TEXT NOT NULL DEFAULT '',
        opened_at TEXT NOT NULL,
        resolved_at TEXT,
        created_at TEXT NOT NULL,
        CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
    )""",
    "CREATE INDEX complaint_by_contact ON complaint (contact_id, opened_at)",
    "CREATE INDEX complaint_unresolved ON complaint (opened_at) WHERE status != 'resolved'",
    "CREATE INDEX points_entry_expiry ON points_entry (expires_on) WHERE expires_on IS NOT NULL",
    "CREATE INDEX contact_birthday ON contact (substr(birthday, -5)) WHERE birthday IS NOT NULL",
    """CREATE TRIGGER points_entry_never_negative BEFORE INSERT ON points_entry
       WHEN NEW.points < 0 AND NEW.points + (SELECT coalesce(sum(points), 0) FROM points_entry
                                              WHERE contact_id = NEW.contact_id) < 0
       BEGIN SELECT RAISE(ABORT, 'a points balance cannot go below zero'); END""",
]

# Version 3: imports that can be undone exactly, and a faster contacts list. `import_change`
# journals every contact an import created or updated (for an update, the fields, emails, phones and
# tags it had before, as JSON); `contact.external_id` keeps a customer's number in another system (a
# till, a web shop) so that purchase files can name their customers by it.
V3 = [
    "ALTER TABLE contact ADD COLUMN external_id TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX contact_by_external_id ON contact (external_id) WHERE external_id != ''",
    """CREATE TABLE import_change (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        action TEXT NOT NULL CHECK (action IN ('created', 'updated')),
        before TEXT CHECK ((action = 'created') = (before IS NULL)),
        UNIQUE (batch_id, contact_id)
    )""",
    "CREATE INDEX import_change_by_contact ON import_change (contact_id, batch_id)",
    # The list in name order, without reading contact rows to skip those in the Trash: the whole list
    # and large searches walk this and stop early.
    "CREATE INDEX contact_live_by_name ON contact (sort_name, id) WHERE deleted_at IS NULL",
]

# Version 4: a faster summary of the shop, and where marketing consent came from. The figures about
# customers read every purchase once, customer by customer; this index holds all they need in that order,
# so the purchases are neither looked up nor sorted (services/metrics.py). `*_consent_source` says where
# and how the customer agreed to marketing by that channel ("at the counter", "web form").
#
# And a faster search as you type. The search index is made again: prefix indexes of 1-6 characters (a
# prefix of 4-6 characters matched thousands of words one by one, each phone number being a word), and a
# seventh column, `name_bucket`, with one token per contact that says in which stretch of the name order
# the contact stands. The stretches, `contact_fts_bucket`, are cut at fixed places (the digits, every
# letter and pair of letters, the start of other alphabets), so they never need recomputing. With them,
# FTS5 keeps only the matches in the first stretches of the list, and a search that matches thousands of
# contacts sorts only about as many as it shows (store/search.py, first_by_name). The triggers refresh a
# contact's row when its sort name changes too. `contact_sort_name_by_id` gives a contact's sort name
# by id from a small index rather than the contact row.
_V4_INDEX_ROWS = """
SELECT c.id,
       c.first_name || ' ' || c.last_name,
       (SELECT group_concat(email, ' ') FROM contact_email WHERE contact_id = c.id),
       (SELECT group_concat(digits, ' ') FROM contact_phone WHERE contact_id = c.id),
       c.company,
       c.city,
       (SELECT group_concat(t.name, ' ') FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
         WHERE ct.contact_id = c.id),
       (SELECT char(57344) || ((bucket >> 8) & 3) || ((bucket >> 6) & 3) || ((bucket >> 4) & 3) || ((bucket >> 2) & 3) || (bucket & 3) FROM contact_fts_bucket
         WHERE start <= c.sort_name ORDER BY start DESC LIMIT 1)
  FROM contact c
 WHERE c.deleted_at IS NULL"""
_V4_COLUMNS = "name, emails, phones, company, city, tags, name_bucket"
_V4_SEARCH = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in (
        "contact_fts_ai", "contact_fts_au", "contact_fts_ad", "contact_email_fts_ai", "contact_email_fts_au",
        "contact_email_fts_ad", "contact_phone_fts_ai", "contact_phone_fts_au", "contact_phone_fts_ad",
        "contact_tag_fts_ai", "contact_tag_fts_ad", "tag_fts_au")),
    "DROP TABLE contact_fts",
    "CREATE TABLE contact_fts_bucket (bucket INTEGER PRIMARY KEY, start TEXT NOT NULL UNIQUE)",
    """
INSERT INTO contact_fts_bucket (bucket, start)
WITH RECURSIVE
    step(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM step WHERE i < 39),
    letter(c) AS (SELECT char(97 + i) FROM step WHERE i < 26),
    point(p) AS (
        VALUES (123), (128), (192), (256), (384), (592), (880), (970), (1024), (1104), (1280), (1328), (1424),
               (1536), (1792), (2304), (3584), (4096), (4256), (4352), (7680), (8192), (12288), (12352), (12448),
               (12544), (13312), (40960), (44032), (57344), (63744), (65536), (131072)
        UNION ALL SELECT 945 + i FROM step WHERE i < 25           -- Greek small letters
        UNION ALL SELECT 1072 + i FROM step WHERE i < 32          -- Cyrillic small letters
        UNION ALL SELECT 19968 + 512 * i FROM step WHERE i < 40   -- CJK ideographs
        UNION ALL SELECT 44544 + 512 * i FROM step WHERE i < 21   -- Hangul syllables
    ),
    start(s) AS (
        SELECT '' UNION SELECT char(48 + i) FROM step WHERE i < 10
        UNION SELECT c FROM letter UNION SELECT a.c || b.c FROM letter a, letter b
        UNION SELECT char(p) FROM point
    )
SELECT row_number() OVER (ORDER BY s) - 1, s FROM start
""",
    """
CREATE VIRTUAL TABLE contact_fts USING fts5(
    name, emails, phones, company, city, tags, name_bucket,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '1 2 3 4 5 6'
)
""",
    f"INSERT INTO contact_fts(rowid, {_V4_COLUMNS}){_V4_INDEX_ROWS} ORDER BY c.id",
    *_search_triggers(_V4_INDEX_ROWS, _V4_COLUMNS, "first_name, last_name, company, city, deleted_at, sort_name"),
    "CREATE INDEX contact_sort_name_by_id ON contact (id, sort_name)",
]
V4 = [
    """CREATE INDEX purchase_by_customer_facts
       ON purchase (contact_id, currency, refund_of_id, occurred_at, total_minor)""",
    "ALTER TABLE contact ADD COLUMN email_consent_source TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE contact ADD COLUMN sms_consent_source TEXT NOT NULL DEFAULT ''",
    *_V4_SEARCH,
]
# The people erased at their request, by fingerprints of their emails and phone numbers (services.erased)
V5 = ["CREATE TABLE erased_key (key TEXT PRIMARY KEY, erased_at TEXT NOT NULL) WITHOUT ROWID"]


# Version 6: search without typing what is not on the keyboard. The sort keys fold more letters: besides
# case and accents, the letters that Unicode keeps apart from any plain letter ("ł", "ø", "đ", "æ"...), so
# "Łukasz" sorts with the L's. And the search index holds the folded name, company and city (the sort
# keys) rather than as written, so that "lukasz" finds "Łukasz", "oster" "Øster" and "elena" "Ελένα" too
# (FTS5's own folding takes the accents off Latin letters only). The triggers refresh a contact's row when
# its sort keys change, which every change of a name, company or city does.
_V6_PLAIN = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "ı": "i", "æ": "ae",
                           "œ": "oe", "þ": "th"})
_V6_SIGNS = str.maketrans({"№": " "})


def _fold_v6(text: str) -> str:
    """The sort key of version 6 (store.search.sort_key as it was then): frozen, as the steps are. (The columns it
    folds are NOT NULL.)"""
    if text.isascii():
        return text.lower().strip()
    decomposed = unicodedata.normalize("NFKD", text.translate(_V6_SIGNS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().translate(_V6_PLAIN).strip()


_V6_INDEX_ROWS = """
SELECT c.id,
       c.sort_name,
       (SELECT group_concat(email, ' ') FROM contact_email WHERE contact_id = c.id),
       (SELECT group_concat(digits, ' ') FROM contact_phone WHERE contact_id = c.id),
       c.sort_company,
       c.sort_city,
       (SELECT group_concat(t.name, ' ') FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
         WHERE ct.contact_id = c.id),
       (SELECT char(57344) || ((bucket >> 8) & 3) || ((bucket >> 6) & 3) || ((bucket >> 4) & 3) || ((bucket >> 2) & 3) || (bucket & 3) FROM contact_fts_bucket
         WHERE start <= c.sort_name ORDER BY start DESC LIMIT 1)
  FROM contact c
 WHERE c.deleted_at IS NULL"""
V6 = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in (
        "contact_fts_ai", "contact_fts_au", "contact_fts_ad", "contact_email_fts_ai", "contact_email_fts_au",
        "contact_email_fts_ad", "contact_phone_fts_ai", "contact_phone_fts_au", "contact_phone_fts_ad",
        "contact_tag_fts_ai", "contact_tag_fts_ad", "tag_fts_au")),
    """UPDATE contact SET
           sort_name = smallcrm_fold_v6(CASE WHEN first_name || last_name != ''
                                             THEN last_name || ' ' || first_name ELSE company END),
           sort_company = smallcrm_fold_v6(company),
           sort_city = smallcrm_fold_v6(city),
           sort_country = smallcrm_fold_v6(country)""",
    "DROP TABLE contact_fts",
    """
CREATE VIRTUAL TABLE contact_fts USING fts5(
    name, emails, phones, company, city, tags, name_bucket,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '1 2 3 4 5 6'
)
""",
    f"INSERT INTO contact_fts(rowid, {_V4_COLUMNS}){_V6_INDEX_ROWS} ORDER BY c.id",
    *_search_triggers(_V6_INDEX_ROWS, _V4_COLUMNS, "deleted_at, sort_name, sort_company, sort_city"),
]

# Version 7: tags are told apart as a person reads them, whatever their letters. Each has a key, its name
# case-folded, unique, so that "FIDÈLE" is the tag "Fidèle" (the name's NOCASE folds the letters A to Z only).
# Tags that were two only by case become the first of them, every customer keeping it (the search index's
# triggers refresh the rows of the customers whose tags move).
V7 = [
    "ALTER TABLE tag ADD COLUMN name_key TEXT NOT NULL DEFAULT ''",
    "UPDATE tag SET name_key = smallcrm_casefold_v7(name)",
    """INSERT OR IGNORE INTO contact_tag (contact_id, tag_id)
       SELECT ct.contact_id, first.id
         FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
         JOIN (SELECT name_key, min(id) AS id FROM tag GROUP BY name_key) first ON first.name_key = t.name_key
        WHERE t.id != first.id""",
    "DELETE FROM contact_tag WHERE tag_id NOT IN (SELECT min(id) FROM tag GROUP BY name_key)",
    "DELETE FROM tag WHERE id NOT IN (SELECT min(id) FROM tag GROUP BY name_key)",
    "CREATE UNIQUE INDEX tag_by_key ON tag (name_key)",
]

# STEPS[n - 1] takes a database from version n - 1 to version n.
STEPS: list[list[str]] = [V1, V2, V3, V4, V5, V6, V7]
LATEST = len(STEPS)


def register_functions(conn) -> None:
    """The functions the steps call, on `conn` (a sqlite3 connection that runs them)."""
    conn.create_function("smallcrm_fold_v6", 1, _fold_v6, deterministic=True)
    conn.create_function("smallcrm_casefold_v7", 1, str.casefold, deterministic=True)


def search_index(version: int) -> tuple[str, tuple[str, ...]]:
    """What the search index of a database of `version` holds for each contact: the SELECT of the id and
    the columns that fills it (the contacts outside the Trash), and the index's columns."""
    if version >= 6:
        return _V6_INDEX_ROWS, tuple(_V4_COLUMNS.split(", "))
    if version >= 4:
        return _V4_INDEX_ROWS, tuple(_V4_COLUMNS.split(", "))
    return _V1_INDEX_ROWS, ("name", "emails", "phones", "company", "city", "tags")


def _step(conn, version: int) -> list[str]:
    """The statements that take a database at `version` - 1 to `version`.

    For a while, version 6's step itself keyed tags by their name case-folded, with version 7's very statements
    (commit c1456c9): a book opened then is at version 6 with `tag.name_key` already there, and all version 7
    would do is done. Its step is then only the new version number."""
    if version == 7 and any(column[1] == "name_key" for column in conn.execute("PRAGMA table_info(tag)")):
        return []
    return STEPS[version - 1]


def apply(conn, current: int) -> None:
    """Run every step after `current`; each step and its version bump are one transaction.

    `conn` is a sqlite3 connection in autocommit mode (isolation_level=None).
    """
    register_functions(conn)
    for version in range(current + 1, LATEST + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _step(conn, version):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
