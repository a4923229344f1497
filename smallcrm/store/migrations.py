"""Ordered schema steps. The schema version lives in SQLite's `user_version`.

A step is a list of SQL statements written out in full, so that a step never changes once released:
the models may move on, the steps that built older files do not. Each released version has a
frozen database in tests/fixtures that a test migrates to the newest version.
"""

from __future__ import annotations

from smallcrm.store import search

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
    search.CREATE_INDEX,
    *search.trigger_statements(),
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
V4 = [
    """CREATE INDEX purchase_by_customer_facts
       ON purchase (contact_id, currency, refund_of_id, occurred_at, total_minor)""",
    "ALTER TABLE contact ADD COLUMN email_consent_source TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE contact ADD COLUMN sms_consent_source TEXT NOT NULL DEFAULT ''",
]

# STEPS[n - 1] takes a database from version n - 1 to version n.
STEPS: list[list[str]] = [V1, V2, V3, V4]
LATEST = len(STEPS)


def apply(conn, current: int) -> None:
    """Run every step after `current`; each step and its version bump are one transaction.

    `conn` is a sqlite3 connection in autocommit mode (isolation_level=None).
    """
    for version in range(current + 1, LATEST + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in STEPS[version - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
