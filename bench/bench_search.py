"""Search as you type: `contacts.search_contacts(text, limit=1000)`, what the window runs per debounced
keystroke, for short prefixes of real values in the data."""

from __future__ import annotations

import random
import statistics
import time

import _common  # noqa: F401  (puts the repository on sys.path)
from _common import percentile, ratio, summary_ms

P95_LIMIT_MS = 5.0
LIMIT = 1000  # the window lists at most this many matches (gui.contacts_model.SEARCH_LIMIT)
KINDS = ("first name", "last name", "city", "email local part", "company", "phone digits")
LENGTHS = range(1, 7)


def _values(rnd: random.Random, kind: str, wanted: int) -> list[str]:
    from smallcrm.store.models import database

    table, column = {
        "first name": ("contact", "first_name"),
        "last name": ("contact", "last_name"),
        "city": ("contact", "city"),
        "company": ("contact", "company"),
        "email local part": ("contact_email", "email"),
        "phone digits": ("contact_phone", "digits"),
    }[kind]
    top = database.execute_sql(f"SELECT max(id) FROM {table}").fetchone()[0] or 0
    values: list[str] = []
    tries = 0
    while len(values) < wanted and tries < wanted * 50 and top:
        tries += 1
        row = database.execute_sql(f"SELECT {column} FROM {table} WHERE id = ?", (rnd.randint(1, top),)).fetchone()
        if not row or not row[0]:
            continue
        value = row[0]
        if kind == "email local part":
            value = value.split("@")[0]
        elif kind == "phone digits":
            value = rnd.choice(value.split())  # international, national or bare national number
        values.append(value)
    return values


def queries(rnd: random.Random, per_kind: int) -> list[tuple[str, int, str]]:
    """(kind, length, text): every prefix of 1-6 characters of `per_kind` sampled values of each kind."""
    out = []
    for kind in KINDS:
        for value in _values(rnd, kind, per_kind):
            for length in LENGTHS:
                if length <= len(value):
                    out.append((kind, length, value[:length]))
    rnd.shuffle(out)
    return out


def _time(fn, args_list, passes: int = 1) -> tuple[list[float], list]:
    """Seconds per call (the median of `passes` passes over the whole list, so that a moment of load
    from elsewhere on the machine does not make one query look slow) and each call's result."""
    samples: list[list[float]] = [[] for _ in args_list]
    results: list = [None] * len(args_list)
    for _ in range(passes):
        for i, args in enumerate(args_list):
            t = time.perf_counter()
            results[i] = fn(*args)
            samples[i].append(time.perf_counter() - t)
    return [statistics.median(s) for s in samples], results


def run(db_path, per_kind: int, seed: int = 11, passes: int = 3) -> dict:
    from smallcrm.services import contacts
    from smallcrm.store import search
    from smallcrm.store.db import close_database, open_database
    from smallcrm.store.models import database

    open_database(db_path)
    try:
        rnd = random.Random(seed)
        qs = queries(rnd, per_kind)
        warm = queries(random.Random(seed + 1), max(2, per_kind // 10))
        for _, _, text in warm:
            contacts.search_contacts(text, limit=LIMIT)

        conn = database.connection()
        top = conn.execute("SELECT max(id) FROM contact").fetchone()[0]

        def pk(i):
            return conn.execute("SELECT id FROM contact WHERE id = ?", (i,)).fetchone()

        def fts_count(text):
            match = search.match_expression(text)
            return conn.execute("SELECT count(*) FROM contact_fts WHERE contact_fts MATCH ?", (match,)).fetchone()[0]

        def search_as_typed(text):
            return contacts.search_contacts(text, limit=LIMIT)

        app_s, found = _time(search_as_typed, [(text,) for _, _, text in qs], passes)
        fts_s, _ = _time(fts_count, [(text,) for _, _, text in qs], passes)
        pk_s, _ = _time(pk, [(rnd.randint(1, top),) for _ in qs], passes)

        by_length = {}
        for length in LENGTHS:
            picked = [i for i, q in enumerate(qs) if q[1] == length]
            if not picked:
                continue
            by_length[length] = {
                "n": len(picked),
                "p95_ms": round(percentile([app_s[i] * 1000 for i in picked], 95), 3),
                "fts_count_p95_ms": round(percentile([fts_s[i] * 1000 for i in picked], 95), 3),
                "mean_matches": round(statistics.fmean(found[i].total for i in picked)),
                "mean_listed": round(statistics.fmean(len(found[i].ids) for i in picked)),
            }
        by_kind = {}
        for kind in KINDS:
            picked = [i for i, q in enumerate(qs) if q[0] == kind]
            if picked:
                by_kind[kind] = {"n": len(picked),
                                 "p95_ms": round(percentile([app_s[i] * 1000 for i in picked], 95), 3)}
        slowest = sorted(range(len(qs)), key=lambda i: -app_s[i])[:5]

        # What the table model asks per block of 200 rows, and what loading the whole list costs.
        t = time.perf_counter()
        all_ids = contacts.contact_ids("")
        list_all = time.perf_counter() - t
        starts = [rnd.randrange(0, max(1, len(all_ids) - 200)) for _ in range(min(200, per_kind * 4))]
        blocks = [list(all_ids[s:s + 200]) for s in starts]
        rows_s, _ = _time(contacts.contact_rows, [(b,) for b in blocks], passes)

        def plain_rows(ids):
            marks = ",".join("?" * len(ids))
            return conn.execute(f"SELECT * FROM contact WHERE id IN ({marks})", ids).fetchall()

        plain_s, _ = _time(plain_rows, [(b,) for b in blocks], passes)

        # The search index's size: its FTS5 tables, its name buckets, and the index of sort keys by id.
        # (One name at a time: dbstat reads only that table's pages then.)
        names = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'index')"
            " AND (tbl_name LIKE 'contact_fts%' OR name = 'contact_sort_name_by_id')")]
        index_bytes = sum(conn.execute("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = ?",
                                       (name,)).fetchone()[0] for name in names)

        result = {
            "contacts": len(all_ids),
            "search_index_mib": round(index_bytes / 2**20, 1),
            "queries": len(qs),
            "passes": passes,
            "mix": {kind: by_kind.get(kind, {}).get("n", 0) for kind in KINDS},
            "limit": LIMIT,
            "search_contacts": summary_ms(app_s),
            "baseline_fts_count": summary_ms(fts_s),
            "baseline_pk_lookup": summary_ms(pk_s),
            "ratio_p95_vs_fts_count": ratio(percentile(app_s, 95), percentile(fts_s, 95)),
            "ratio_p95_vs_pk_lookup": ratio(percentile(app_s, 95), percentile(pk_s, 95)),
            "by_length": by_length,
            "by_kind": by_kind,
            "slowest": [{"text": qs[i][2], "kind": qs[i][0], "ms": round(app_s[i] * 1000, 1),
                         "matches": found[i].total, "listed": len(found[i].ids)} for i in slowest],
            "p95_limit_ms": P95_LIMIT_MS,
            "list_all_ms": round(list_all * 1000, 1),
            "contact_rows_200": summary_ms(rows_s),
            "baseline_plain_rows_200": summary_ms(plain_s),
        }
        result["ok"] = result["search_contacts"]["p95_ms"] <= P95_LIMIT_MS
        return result
    finally:
        close_database()


def report(r: dict) -> list[str]:
    a, f, p = r["search_contacts"], r["baseline_fts_count"], r["baseline_pk_lookup"]
    mix = ", ".join(f"{n} {kind}" for kind, n in r["mix"].items())
    lines = [
        f"  {r['queries']} prefix queries over {r['contacts']:,} contacts ({mix}); prefixes of 1-6 characters;"
        f" each timed {r['passes']}x, median kept",
        f"  search_contacts(text, limit={r['limit']})  p50 {a['p50_ms']:6.2f}  p95 {a['p95_ms']:6.2f}"
        f"  max {a['max_ms']:6.2f} ms   (target p95 <= {r['p95_limit_ms']:.0f} ms)",
        f"  baseline FTS count(*) MATCH  p50 {f['p50_ms']:6.2f}  p95 {f['p95_ms']:6.2f}  max {f['max_ms']:6.2f} ms"
        f"   ratio p95 {r['ratio_p95_vs_fts_count']:.1f}x",
        f"  baseline primary-key lookup  p50 {p['p50_ms']:6.3f}  p95 {p['p95_ms']:6.3f}  max {p['max_ms']:6.3f} ms"
        f"   ratio p95 {r['ratio_p95_vs_pk_lookup']:.0f}x",
        "  p95 by prefix length: " + "   ".join(
            f"{n}: {v['p95_ms']:.1f} ms ({v['mean_matches']:,} hits, {v['mean_listed']:,} listed;"
            f" FTS {v['fts_count_p95_ms']:.1f})"
            for n, v in r["by_length"].items()),
        "  p95 by kind: " + "   ".join(f"{k}: {v['p95_ms']:.1f} ms" for k, v in r["by_kind"].items()),
        f"  whole list (no search) {r['list_all_ms']:.0f} ms;  contact_rows(200 ids) p50"
        f" {r['contact_rows_200']['p50_ms']:.2f} ms p95 {r['contact_rows_200']['p95_ms']:.2f} ms"
        f"  vs plain SELECT p95 {r['baseline_plain_rows_200']['p95_ms']:.2f} ms",
        f"  search index {r['search_index_mib']:.1f} MiB (FTS5 tables, name buckets, sort keys by id)",
        f"  -> {'OK' if r['ok'] else 'OVER THE LIMIT'}",
    ]
    return lines
