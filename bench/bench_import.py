"""Importing a large, messy contacts CSV: time against a raw load and sqlite-utils, memory, responsiveness."""

from __future__ import annotations

import importlib.util
import json
import shutil
import statistics
import tempfile

from _common import DATA, ChildFailed, percentile, ratio, run_child
from _contacts_csv import SHOP_REGION, contacts_csv
from _purchases_csv import purchases_csv

RAW_RATIO_LIMIT = 6.0  # smallcrm at most 6x Python's csv + sqlite3.executemany
SQLITE_UTILS_RATIO_LIMIT = 1.0  # and faster than `sqlite-utils insert --csv`
GAP_LIMIT_MS = 50.0  # no stall of the event loop over 50 ms
SMALL_SHARE = 4  # the file a quarter the size, to show how memory grows with it
SALES_ROWS = 2  # the sales export for the window's responsiveness: this many lines per contact row


def _sqlite_utils() -> list[str] | None:
    """How to run the sqlite-utils CLI with this interpreter (None when it is not installed)."""
    if importlib.util.find_spec("sqlite_utils") is None:
        return None
    return ["-m", "sqlite_utils"]


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _round(value, digits=3):
    return None if value is None else round(value, digits)


def run(rows: int, runs: int, gui_runs: int) -> dict:
    path, info = contacts_csv(f"contacts-{rows}", rows)
    small_rows = rows // SMALL_SHARE
    small_path, small_info = contacts_csv(f"contacts-{small_rows}", small_rows)
    for facts, name in ((info, "file"), (small_info, "small file")):
        print(f"  {name}: {facts['rows']:,} rows, {facts['file_mib']} MiB"
              f" ({'reused' if facts['reused'] else 'made'} in bench/.data)", flush=True)
    DATA.mkdir(parents=True, exist_ok=True)
    work = tempfile.mkdtemp(prefix="import-runs-", dir=DATA)  # the same disk as the data, cleaned at the end
    counter = [0]

    def fresh(kind: str) -> str:
        counter[0] += 1
        return f"{work}/{kind}-{counter[0]}.sqlite"

    def app(csv_path, db=None, policy="skip") -> tuple[dict, dict, str]:
        db = db or fresh("app")
        child = run_child("import_app.py", db, str(csv_path), SHOP_REGION, policy, timeout=3600)
        return child, json.loads(child["lines"][-1]), db

    def raw(csv_path) -> tuple[dict, dict]:
        child = run_child("import_raw.py", fresh("raw"), str(csv_path), timeout=3600)
        return child, json.loads(child["lines"][-1])

    cli = _sqlite_utils()

    def sqlite_utils(csv_path) -> dict:
        return run_child("-m", *cli[1:], "insert", fresh("sqlite-utils"), "contacts", str(csv_path), "--csv",
                         timeout=3600)

    try:
        # The small file first: it warms the OS cache (Python, the modules, the CSV) for both sides.
        small_app, small_raw = [], []
        for _ in range(runs):
            small_raw.append(raw(small_path))
            child, facts, small_db = app(small_path)
            small_app.append((child, facts))
        # The customers the small file made, as a phone's contacts: exported as vCards by smallcrm, imported
        # into a new book (beside the small file's own import and its raw load).
        vcf_path = f"{work}/contacts-{small_rows}.vcf"
        run_child("-m", "smallcrm", "export", "contacts", vcf_path, "--everyone", "--db", small_db, timeout=3600)
        small_vcf = [app(vcf_path)[:2] for _ in range(runs)]

        full_app, full_again, full_raw, full_su = [], [], [], []
        for i in range(runs):
            # Alternate the order so that drift in the machine's load touches every side alike.
            steps = ["raw", "su", "app"] if i % 2 == 0 else ["app", "su", "raw"]
            for step in steps:
                if step == "raw":
                    full_raw.append(raw(path))
                elif step == "su" and cli:
                    full_su.append(sqlite_utils(path))
                elif step == "app":
                    child, facts, db = app(path)
                    full_app.append((child, facts))
                    # Again, into the book that now holds these contacts: every row is a duplicate.
                    full_again.append(app(path, db=db)[:2])

        gui = []
        sales = purchases_csv(rows * SALES_ROWS) if gui_runs else None
        for _ in range(gui_runs):
            gui.append(_responsiveness(path, sales, fresh("gui")))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    app_s = _median(f["seconds"] for _, f in full_app)
    app_process_s = _median(c["total_seconds"] for c, _ in full_app)
    again_s = _median(f["seconds"] for _, f in full_again)
    raw_s = _median(f["seconds"] for _, f in full_raw)
    raw_process_s = _median(c["total_seconds"] for c, _ in full_raw)
    su_s = _median(c["total_seconds"] for c in full_su) if full_su else None
    first, again = full_app[0][1], full_again[0][1]

    def peaks(children):
        return {"peak_mib": _round(_median(c["peak_mib"] for c in children), 1)}

    memory = {
        "app": {rows: {**peaks([c for c, _ in full_app]),
                       "before_import_mib": _round(_median(f["peak_before_import_mib"] for _, f in full_app), 1)},
                small_rows: {**peaks([c for c, _ in small_app]),
                             "before_import_mib": _round(_median(f["peak_before_import_mib"] for _, f in small_app),
                                                         1)}},
        "app_again": {rows: {**peaks([c for c, _ in full_again]),
                             "before_import_mib": _round(_median(f["peak_before_import_mib"] for _, f in full_again),
                                                         1)}},
        "raw": {rows: peaks([c for c, _ in full_raw]), small_rows: peaks([c for c, _ in small_raw])},
        "sqlite_utils": {rows: peaks(full_su)} if full_su else {},
    }
    for side in ("app", "app_again"):
        for facts in memory[side].values():
            facts["import_growth_mib"] = _round(facts["peak_mib"] - facts["before_import_mib"], 1)
    # The import process's own peak and its worker's (a large file is decided in a worker process): the
    # launcher's peak above is the larger of the two, the memory the import holds at once their sum at most.
    for side, children, size in (("app", full_app, rows), ("app", small_app, small_rows),
                                  ("app_again", full_again, rows)):
        for key in ("peak_own_mib", "peak_worker_mib"):
            memory[side][size][key] = _round(_median(f.get(key) for _, f in children), 1)

    result = {
        "rows": rows,
        "file": {k: v for k, v in info.items() if k != "params"} | {"seed": info["params"]["seed"]},
        "runs": runs,
        "region": SHOP_REGION,
        "app_seconds": [_round(f["seconds"]) for _, f in full_app],
        "app_process_seconds": [_round(c["total_seconds"]) for c, _ in full_app],
        "again_seconds": [_round(f["seconds"]) for _, f in full_again],
        "raw_seconds": [_round(f["seconds"]) for _, f in full_raw],
        "raw_process_seconds": [_round(c["total_seconds"]) for c, _ in full_raw],
        "sqlite_utils_seconds": [_round(c["total_seconds"]) for c in full_su],
        "sqlite_utils": "python -m sqlite_utils insert DB contacts FILE --csv" if cli else None,
        "median_app_seconds": _round(app_s),
        "median_app_process_seconds": _round(app_process_s),
        "median_again_seconds": _round(again_s),
        "median_raw_seconds": _round(raw_s),
        "median_raw_process_seconds": _round(raw_process_s),
        "median_sqlite_utils_seconds": _round(su_s),
        "rows_per_second": round(rows / app_s),
        "again_rows_per_second": round(rows / again_s),
        "ratio_to_raw": ratio(app_s, raw_s),
        "ratio_to_raw_limit": RAW_RATIO_LIMIT,
        "again_ratio_to_raw": ratio(again_s, raw_s),
        # Whole processes on both sides (interpreter start, imports, creating the database, the import):
        "ratio_to_sqlite_utils": ratio(app_process_s, su_s) if su_s else None,
        "ratio_to_sqlite_utils_import_only": ratio(app_s, su_s) if su_s else None,
        "ratio_to_sqlite_utils_limit": SQLITE_UTILS_RATIO_LIMIT,
        "first_counts": {k: first[k] for k in ("created", "updated", "skipped", "rejected")},
        "again_counts": {k: again[k] for k in ("created", "updated", "skipped", "rejected")},
        "detected": {"encoding": first["encoding"], "delimiter": first["delimiter"], "preset": first["preset"]},
        "memory": memory,
        "small_rows": small_rows,
        "small_app_seconds": [_round(f["seconds"]) for _, f in small_app],
        "small_raw_seconds": [_round(f["seconds"]) for _, f in small_raw],
        "vcard_seconds": [_round(f["seconds"]) for _, f in small_vcf],
        "vcard_created": small_vcf[0][1]["created"],
        "vcard_ratio_to_csv": ratio(_median(f["seconds"] for _, f in small_vcf),
                                    _median(f["seconds"] for _, f in small_app)),
        "vcard_ratio_to_raw": ratio(_median(f["seconds"] for _, f in small_vcf),
                                    _median(f["seconds"] for _, f in small_raw)),
        "responsiveness": _summarise_gui(gui),
        "gap_limit_ms": GAP_LIMIT_MS,
    }
    result["ok_vs_raw"] = result["ratio_to_raw"] <= RAW_RATIO_LIMIT
    result["ok_vs_sqlite_utils"] = (None if su_s is None
                                    else result["ratio_to_sqlite_utils"] < SQLITE_UTILS_RATIO_LIMIT)
    result["ok_responsive"] = (max(result["responsiveness"][part]["max_gap_ms"]
                                   for part in ("import", *(part for part, _ in WINDOW_WORK))) <= GAP_LIMIT_MS
                               if gui else None)
    result["ok"] = bool(result["ok_vs_raw"] and result["ok_vs_sqlite_utils"] is not False
                        and result["ok_responsive"] is not False)
    return result


# ------------------------------------------------------------------------------------------------
# Responsiveness


def _in_window(db: str, csv_path, *mode: str) -> dict:
    facts = json.loads(run_child("import_gui.py", db, str(csv_path), SHOP_REGION, *mode, timeout=3600)["lines"][-1])
    if facts["error"]:
        raise ChildFailed(f"{' '.join(mode) or 'the import'} in the window failed: {facts['error']}")
    return facts


def _responsiveness(csv_path, sales_path, db: str) -> dict:
    busy = _in_window(db, csv_path)
    # The wizard's dry run of the same file, into an empty book; then a sales export, planned and imported.
    dry = _in_window(db + "-dry", csv_path, "--dry-run")
    sales_dry = _in_window(db + "-sales", sales_path, "--purchases-dry-run")
    sales = _in_window(db + "-sales", sales_path, "--purchases")
    # The baseline: the same window and timer, no import, as long as the import's measurement lasted.
    seconds = busy["gap_at"][-1] if busy["gap_at"] else 1.0
    idle = _in_window(db + "-idle", csv_path, "--idle", f"{seconds:.2f}")
    return {"busy": busy, "dry": dry, "sales_dry": sales_dry, "sales": sales, "idle": idle}


def _while_working(facts: dict) -> dict:
    """The gaps from the start of the work on, and how long the work took."""
    return {"seconds": round(facts["done"] - facts["started"], 2),
            **_gap_stats([g for g, at in zip(facts["gaps_ms"], facts["gap_at"]) if at >= facts["started"]])}


# Work in the window besides the import, measured the same way: (part of the summary, key of a run's facts).
WINDOW_WORK = (("dry_run", "dry"), ("sales_dry_run", "sales_dry"), ("sales_import", "sales"))


def _gap_stats(gaps: list[float]) -> dict:
    return {
        "ticks": len(gaps) + 1,
        "max_gap_ms": round(max(gaps), 1) if gaps else None,
        "p99_gap_ms": round(percentile(gaps, 99), 1) if gaps else None,
        "p50_gap_ms": round(percentile(gaps, 50), 1) if gaps else None,
        "gaps_over_limit": sum(1 for g in gaps if g > GAP_LIMIT_MS),
    }


def _summarise_gui(runs: list[dict]) -> dict:
    if not runs:
        return {}
    per_run = []
    for r in runs:
        busy, idle = r["busy"], r["idle"]
        start, done = busy["started"], busy["done"]
        during = [g for g, at in zip(busy["gaps_ms"], busy["gap_at"]) if start <= at <= done + 0.001]
        after = [g for g, at in zip(busy["gaps_ms"], busy["gap_at"]) if at > done + 0.001]
        whole = [g for g, at in zip(busy["gaps_ms"], busy["gap_at"]) if at >= start]
        worst = sorted(((g, at) for g, at in zip(busy["gaps_ms"], busy["gap_at"]) if at >= start),
                       reverse=True)[:5]
        def where(at, progress=busy["progress"]):
            """How far the import had got when a long gap began: rows reported done by then."""
            reached = [n for t, n in progress if t <= at]
            return reached[-1] if reached else 0

        per_run.append({
            "import_seconds": round(done - start, 2),
            **{part: _while_working(r[key]) for part, key in WINDOW_WORK},
            "import": _gap_stats(whole),
            "during": _gap_stats(during),
            "after_done": _gap_stats(after),
            "idle": _gap_stats(idle["gaps_ms"]),
            "progress_updates": len(busy["progress"]),
            "worst": [{"gap_ms": g, "at_s": round(at - start, 2), "rows_done_by_then": where(at - g / 1000)}
                      for g, at in worst],
        })
    keys = ("max_gap_ms", "p99_gap_ms", "p50_gap_ms", "gaps_over_limit")
    # The worst run counts for the target (a stall is a stall), the medians are shown beside it.
    summary = {}
    for part in ("import", *(part for part, _ in WINDOW_WORK), "during", "after_done", "idle"):
        summary[part] = {k: max(r[part][k] for r in per_run) for k in keys}
        summary[part]["median_max_gap_ms"] = statistics.median(r[part]["max_gap_ms"] for r in per_run)
    for part, _ in WINDOW_WORK:
        summary[part]["seconds"] = statistics.median(r[part]["seconds"] for r in per_run)
    summary["runs"] = per_run
    return summary


# ------------------------------------------------------------------------------------------------


def report(r: dict) -> list[str]:
    f, m = r["file"], r["memory"]
    rows, small = r["rows"], r["small_rows"]
    dups = sum(f["duplicates_written"].values())
    c, a = r["first_counts"], r["again_counts"]
    lines = [
        f"  file: {rows:,} rows, {f['file_mib']} MiB, {f['encoding']}, '{f['delimiter']}', {f['line_end']};"
        f" {dups:,} rows repeat an earlier customer; read as {r['detected']['encoding']}"
        f" '{r['detected']['delimiter']}', layout {r['detected']['preset']}; region {r['region']};"
        f" medians of {r['runs']}",
        f"  smallcrm import_contacts (fresh database)  {r['median_app_seconds']:7.2f} s"
        f"  {r['rows_per_second']:,} rows/s   created {c['created']:,}, skipped {c['skipped']:,},"
        f" rejected {c['rejected']:,}",
        f"  baseline A: csv + sqlite3.executemany, raw  {r['median_raw_seconds']:6.2f} s"
        f"   ratio {r['ratio_to_raw']:.1f}x (target <= {r['ratio_to_raw_limit']:.0f}x)"
        f" -> {'OK' if r['ok_vs_raw'] else 'OVER THE TARGET'}",
    ]
    if r["median_sqlite_utils_seconds"] is None:
        lines.append("  baseline B: sqlite-utils is not installed (pip install 'sqlite-utils>=3.36'):"
                     " comparison skipped")
    else:
        lines.append(
            f"  baseline B: sqlite-utils insert --csv, whole process {r['median_sqlite_utils_seconds']:6.2f} s;"
            f" smallcrm whole process {r['median_app_process_seconds']:6.2f} s   ratio"
            f" {r['ratio_to_sqlite_utils']:.2f}x (import alone {r['ratio_to_sqlite_utils_import_only']:.2f}x;"
            f" target < 1x) -> {'OK' if r['ok_vs_sqlite_utils'] else 'OVER THE TARGET'}")
    lines.append(
        f"  again, into the book now holding them (skip)  {r['median_again_seconds']:6.2f} s"
        f"  {r['again_rows_per_second']:,} rows/s   ratio to A {r['again_ratio_to_raw']:.1f}x   created"
        f" {a['created']:,}, skipped {a['skipped']:,}, rejected {a['rejected']:,}")
    lines.append(
        f"  the {small:,}-row file's customers as vCards ({r['vcard_created']:,} contacts, exported by smallcrm):"
        f" import {statistics.median(r['vcard_seconds']):.2f} s, {r['vcard_ratio_to_csv']:.1f}x the import of the"
        f" {small:,}-row CSV file, {r['vcard_ratio_to_raw']:.1f}x its raw load (A)")
    app_full, app_small = m["app"][rows], m["app"][small]
    raw_full, raw_small = m["raw"][rows], m["raw"][small]
    su = m["sqlite_utils"].get(rows)
    lines.append(
        f"  peak memory (whole process): smallcrm {app_small['peak_mib']:.0f} MiB for {small:,} rows,"
        f" {app_full['peak_mib']:.0f} MiB for {rows:,} (the import's own growth {app_small['import_growth_mib']:+.0f}"
        f" -> {app_full['import_growth_mib']:+.0f} MiB); again {m['app_again'][rows]['peak_mib']:.0f} MiB"
        f" ({m['app_again'][rows]['import_growth_mib']:+.0f}); A {raw_small['peak_mib']:.0f}"
        f" -> {raw_full['peak_mib']:.0f} MiB" + (f"; B {su['peak_mib']:.0f} MiB" if su else ""))
    if app_full.get("peak_worker_mib"):
        lines.append(
            f"  of which, for {rows:,} rows: the importing process {app_full['peak_own_mib']:.0f} MiB, its worker"
            f" process {app_full['peak_worker_mib']:.0f} MiB (again: {m['app_again'][rows]['peak_own_mib']:.0f}"
            f" + {m['app_again'][rows]['peak_worker_mib']:.0f} MiB)")
    g = r.get("responsiveness")
    if g:
        imp, idle, after = g["import"], g["idle"], g["after_done"]
        lines.append(
            f"  event loop, 10 ms timer, import on a pool thread ({len(g['runs'])} runs, worst):"
            f" max gap {imp['max_gap_ms']:.0f} ms, p99 {imp['p99_gap_ms']:.1f} ms, {imp['gaps_over_limit']} gaps"
            f" over {r['gap_limit_ms']:.0f} ms (of which after done: max {after['max_gap_ms']:.0f} ms)")
        for part, what in (("dry_run", "the wizard's dry run of the file"),
                           ("sales_dry_run", f"a dry run of a {r['rows'] * SALES_ROWS:,}-line sales export"),
                           ("sales_import", "that sales export's import")):
            w = g[part]
            lines.append(f"  {what} ({w['seconds']:.2f} s): max gap {w['max_gap_ms']:.0f} ms, p99"
                         f" {w['p99_gap_ms']:.1f} ms, {w['gaps_over_limit']} gaps over {r['gap_limit_ms']:.0f} ms")
        lines.append(
            f"  baseline, same window, no import: max gap {idle['max_gap_ms']:.0f} ms, p99 {idle['p99_gap_ms']:.1f} ms"
            f"   target max <= {r['gap_limit_ms']:.0f} ms -> {'OK' if r['ok_responsive'] else 'OVER THE TARGET'}")
        worst = g["runs"][0]["worst"][:3]
        lines.append("  longest gaps (first run): " + "; ".join(
            f"{w['gap_ms']:.0f} ms at {w['at_s']:.1f} s ({w['rows_done_by_then']:,} rows done)" for w in worst))
    lines.append(f"  -> {'OK' if r['ok'] else 'OVER A TARGET'}")
    return lines
