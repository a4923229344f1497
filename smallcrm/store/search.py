"""The contact search index: an FTS5 table kept in sync by triggers, the prefix query builder, and the
name-ordered listing of what a search finds."""

from __future__ import annotations

import math
import re
import unicodedata
from contextlib import contextmanager
from itertools import islice

# What the index holds for each contact, in the order of its columns. `name_bucket` is not text anyone
# types: it is one token that says where the contact stands in the name order (see the buckets below).
COLUMNS = ("name", "emails", "phones", "company", "city", "tags", "name_bucket")

# One row per contact that is not in the Trash; rowid = contact id. The prefix indexes answer every
# prefix of up to six characters from one list each (longer ones are rare and narrow).
CREATE_INDEX = """
CREATE VIRTUAL TABLE contact_fts USING fts5(
    name, emails, phones, company, city, tags, name_bucket,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '1 2 3 4 5 6'
)
"""

# The name order (contact.sort_name, compared as SQLite compares text) cut into buckets at fixed places:
# the digits, every letter a-z and pair of letters, and the start of other alphabets and blocks of
# characters. Bucket n holds the contacts whose sort name is at least its `start` and below the next
# bucket's. The places do not depend on the contacts, so nothing has to be recomputed as the book changes.
CREATE_BUCKETS = "CREATE TABLE contact_fts_bucket (bucket INTEGER PRIMARY KEY, start TEXT NOT NULL UNIQUE)"
FILL_BUCKETS = """
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
"""

# A contact's bucket token: a private-use character (typed text never reaches FTS5 with one, see
# match_expression) and the bucket number in five base-4 digits, so that any run of buckets is a few
# prefix queries on the column.
BUCKET_MARK = "\ue000"
_DIGITS = 5
_BUCKET_TOKEN = ("char(57344) || ((bucket >> 8) & 3) || ((bucket >> 6) & 3) || ((bucket >> 4) & 3)"
                 " || ((bucket >> 2) & 3) || (bucket & 3)")

# What the index holds for each contact outside the Trash (append `AND c.id = ...` or an ORDER BY). The
# name, company and city are their sort keys, folded by `sort_key` (FTS5 folds only Latin accents: "Łukasz",
# "Øster" and "Ελένη" would be found only as written); match_expression folds what is typed the same way.
INDEX_ROWS = f"""
SELECT c.id,
       c.sort_name,
       (SELECT group_concat(email, ' ') FROM contact_email WHERE contact_id = c.id),
       (SELECT group_concat(digits, ' ') FROM contact_phone WHERE contact_id = c.id),
       c.sort_company,
       c.sort_city,
       (SELECT group_concat(t.name, ' ') FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
         WHERE ct.contact_id = c.id),
       (SELECT {_BUCKET_TOKEN} FROM contact_fts_bucket
         WHERE start <= c.sort_name ORDER BY start DESC LIMIT 1)
  FROM contact c
 WHERE c.deleted_at IS NULL"""

_INSERT = f"INSERT INTO contact_fts(rowid, {', '.join(COLUMNS)})"

# Each contact's sort key by id: a search reads its matches' keys from this small index rather than from
# the contact rows. It holds the contacts in the Trash too: the search index has none of them anyway, and
# with a partial index the query would have to name `deleted_at`, which only the rows hold.
CREATE_SORT_KEYS = "CREATE INDEX contact_sort_name_by_id ON contact (id, sort_name)"


def _refresh(id_expr: str) -> str:
    return (
        f"DELETE FROM contact_fts WHERE rowid = {id_expr};\n"
        f"{_INSERT}{INDEX_ROWS} AND c.id = {id_expr};"
    )


# name -> trigger body; each keeps the index row of the touched contact up to date.
_TRIGGERS = {
    "contact_fts_ai": ("AFTER INSERT ON contact", _refresh("NEW.id")),
    "contact_fts_au": (
        "AFTER UPDATE OF deleted_at, sort_name, sort_company, sort_city ON contact",
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
        (f"DELETE FROM contact_fts WHERE rowid IN (SELECT contact_id FROM contact_tag WHERE tag_id = NEW.id);\n"
         f"{_INSERT}{INDEX_ROWS} AND c.id IN (SELECT contact_id FROM contact_tag WHERE tag_id = NEW.id);"),
    ),
}


def trigger_statements() -> list[str]:
    return [f"CREATE TRIGGER {name} {when} BEGIN\n{body}\nEND" for name, (when, body) in _TRIGGERS.items()]


def drop_trigger_statements() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for name in _TRIGGERS]


# Letters that are a letter of their own in Unicode, not a plain letter with a mark, but that people
# write plain when they type fast or have no key for it ("Lodz" for "Łódź", "Oster" for "Øster").
_PLAIN = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "ı": "i", "æ": "ae", "œ": "oe",
                        "þ": "th"})
# Signs that decomposing would turn into letters stuck to the number after them ("№12" into "No12"): a space,
# so that "12" finds "Аптека №12" (FTS5 parts words at the sign itself in what is typed and in tags).
_SIGNS = str.maketrans({"№": " "})


def sort_key(text: str) -> str:
    """What lists sort by and the search index holds: case, accents and letters like "ł" and "ø" folded, so
    "Álvarez" sorts with the A's and "lodz" finds "Łódź"."""
    if text.isascii():
        return text.lower().strip()
    decomposed = unicodedata.normalize("NFKD", text.translate(_SIGNS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().translate(_PLAIN).strip()


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
_TOKEN = re.compile(r"[^\W_]+")  # what FTS5 takes for a word: letters and digits (marks and the rest part words)


def _words(text: str) -> list[str]:
    """The words of `text`: runs of letters, digits and the marks written on them (a Hindi virama, a Thai tone
    mark), which folding may take away."""
    words, word = [], []
    for ch in text:
        if ch.isalnum() or (word and unicodedata.category(ch).startswith("M")):
            word.append(ch)
        elif word:
            words.append("".join(word))
            word = []
    if word:
        words.append("".join(word))
    return words


def match_expression(text: str) -> str | None:
    """Turn what a user typed into an FTS5 prefix query, or None when there is nothing to look for.

    Every word must match the start of a word in some column. A query that looks like a phone
    number ("+33 6 12", "06-12") is searched as one run of digits. Only letters and digits reach
    FTS5, each inside quotes, so no input can be read as query syntax. A word is looked for folded as
    `sort_key` folds the names, companies and cities in the index and, when it is not plain ASCII, also as
    typed (tags and emails are indexed as written, and FTS5 folds Latin accents only). Each way, the word is
    cut where FTS5 cuts the text it is compared with: folding can join what a mark parted ("शर्मा").
    """
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    if _PHONE_LIKE.fullmatch(text) and len(digits) >= 3:
        return f'"{digits}"*'
    terms = [term for term in map(_term, _words(text)) if term]
    return " AND ".join(terms) or None


def _term(word: str) -> str:
    """The FTS5 expression of one typed word: its prefixes as typed or folded ("" for a word of no letters)."""
    ways: list[str] = []
    for tokens in ([] if word.isascii() else _TOKEN.findall(word), _TOKEN.findall(sort_key(word))):
        way = " AND ".join(f'"{token}"*' for token in tokens)
        way = f"({way})" if len(tokens) > 1 else way
        if way and way not in ways:
            ways.append(way)
    return f"({ways[0]} OR {ways[1]})" if len(ways) == 2 else "".join(ways)


# ------------------------------------------------------------------------------------------------
# Listing what a search finds in name order, the first `limit` of them.
#
# The index gives a search's matches in id order; the list wants them in name order. For a few thousand
# matches, looking up each one's sort key and sorting them all is quick. For more, the bucket tokens let
# FTS5 itself keep only the matches in a stretch of the name order: when the matches are dense, the name
# index is walked through the first stretches, with only their matches; otherwise a sample of the matches
# says where the list ends, and only the matches before that are sorted.

SORT_ALL_MAX = 2500  # up to this many matches: sort them all
WALK_VISITS = 8000  # when the list should end within about this many names: walk the name index to there
SAMPLE_SIZE = 150  # otherwise: about this many matches, picked at random, show where the list ends

# (Sorted without a LIMIT, and read only as far as needed: SQLite's sort with a LIMIT costs more.)
_SORTED = ("SELECT c.id FROM contact_fts f JOIN contact c INDEXED BY contact_sort_name_by_id ON c.id = f.rowid"
           " WHERE contact_fts MATCH ? ORDER BY c.sort_name {dir}, c.id {dir}")
# A pseudo-random share of the matches (a multiplicative hash of the id, 16 bits, below a cut), by name.
_SAMPLE = ("SELECT c.sort_name FROM contact_fts f JOIN contact c INDEXED BY contact_sort_name_by_id ON c.id = f.rowid"
           " WHERE contact_fts MATCH ? AND (((f.rowid & 2147483647) * 2654435769) >> 16) & 65535 < ?"
           " ORDER BY c.sort_name {dir}")
_WALK = ("SELECT id FROM contact INDEXED BY contact_by_name WHERE {stretch}"
         " id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?) ORDER BY sort_name {dir}, id {dir} LIMIT ?")


def bucket_filter(first: int, end: int) -> str:
    """An FTS5 expression that matches the contacts in buckets `first` <= bucket < `end`."""
    top = 4**_DIGITS
    end = min(end, top)
    if not 0 <= first < end:
        raise ValueError(f"no buckets from {first} to {end}")
    terms = []
    while first < end:
        size = top  # the largest aligned block of buckets that starts at `first` and fits
        while first % size or size > end - first:
            size //= 4
        fixed = _DIGITS - (size.bit_length() - 1) // 2  # leading digits the block shares
        digits = "".join(str((first >> 2 * k) & 3) for k in range(_DIGITS - 1, _DIGITS - 1 - fixed, -1))
        terms.append(f'"{BUCKET_MARK}{digits}"' + ("*" if size > 1 else ""))
        first += size
    return "name_bucket : (" + " OR ".join(terms) + ")"


def _ids(cursor, limit: int | None = None) -> list[int]:
    """The first column of the cursor's first `limit` rows (all without a limit); the cursor is closed."""
    try:
        return [row[0] for row in islice(cursor, limit)]
    finally:
        cursor.close()


def first_by_name(run, match: str, total: int, limit: int, descending: bool = False) -> list[int]:
    """The ids of the first `limit` contacts matching `match` (an FTS5 expression that `total` contacts
    match), in name order: by sort name, then id, both descending if asked.

    `run(sql, params)` executes a statement and returns its cursor (a connection's `execute`).
    """
    direction = "DESC" if descending else "ASC"
    sorted_sql = _SORTED.format(dir=direction)
    buckets = run("SELECT max(bucket) + 1 FROM contact_fts_bucket").fetchone()[0] or 0
    if total <= SORT_ALL_MAX or limit <= 0 or not buckets:
        return _ids(run(sorted_sql, (match,)), limit)
    book = run("SELECT max(rowid) FROM contact_fts").fetchone()[0] or 0  # about the number of contacts, at once
    if limit * book <= WALK_VISITS * total:  # the matches are dense enough: `limit` of them within few names
        return _walk(run, match, total, limit, descending, buckets)
    # Where does the list end? Read the sort names of a sample of the matches and take the one that
    # about 1.2 times `limit` matches come before (a little more, so that a sample that happens to say
    # too early is rare). The matches in the buckets before that name's bucket are sorted; the list goes
    # on into its bucket by walking the name index there (many matches can share a bucket: typing the start
    # of a surname finds everybody whose sort name starts with it).
    cut = max(1, 65536 * SAMPLE_SIZE // total)
    names = [row[0] for row in run(_SAMPLE.format(dir=direction), (match, cut))]
    edge = math.ceil(len(names) * limit / total * 1.2) + 2
    if edge < len(names):
        bucket = run("SELECT bucket FROM contact_fts_bucket WHERE start <= ? ORDER BY start DESC LIMIT 1",
                     (names[edge],)).fetchone()[0]
        before = (bucket + 1, buckets) if descending else (0, bucket)
        ids: list[int] = []
        if before[0] < before[1]:
            ids = _ids(run(sorted_sql, (f"({match}) AND {bucket_filter(*before)}",)), limit)
        if len(ids) < limit:
            ids += _walk_buckets(run, match, bucket, bucket + 1, buckets, limit - len(ids), descending)
        if len(ids) == limit:
            return ids
    return _ids(run(sorted_sql, (match,)), limit)  # the sample said too early: sort them all


def _walk(run, match: str, total: int, limit: int, descending: bool, buckets: int) -> list[int]:
    """Walk the name index through runs of buckets, each time with only the matches FTS5 finds in that run,
    until the list is full. A run is made 1.5 times as long as would hold the matches still needed if they
    were spread evenly over the buckets, and each next run twice as long again."""
    ids: list[int] = []
    done = 0  # buckets walked, from the start of the list
    factor = 1.5
    while len(ids) < limit and done < buckets:
        need = limit - len(ids)
        span = max(1, math.ceil(factor * need * buckets / total))
        if descending:
            first, end = max(0, buckets - done - span), buckets - done
        else:
            first, end = done, min(buckets, done + span)
        ids += _walk_buckets(run, match, first, end, buckets, need, descending)
        done += end - first
        factor *= 2
    return ids


def _walk_buckets(run, match: str, first: int, end: int, buckets: int, need: int, descending: bool) -> list[int]:
    """The first `need` matches in buckets `first` <= bucket < `end`, in name order, walking the name index
    there with only the matches FTS5 finds in those buckets."""

    def start(bucket: int) -> str:
        return run("SELECT start FROM contact_fts_bucket WHERE bucket = ?", (bucket,)).fetchone()[0]

    conditions, params = [], []
    if first > 0:
        conditions.append("sort_name >= ? AND")
        params.append(start(first))
    if end < buckets:
        conditions.append("sort_name < ? AND")
        params.append(start(end))
    expression = match if (first, end) == (0, buckets) else f"({match}) AND {bucket_filter(first, end)}"
    sql = _WALK.format(stretch=" ".join(conditions), dir="DESC" if descending else "ASC")
    return _ids(run(sql, (*params, expression, need)))
