"""Scrolling the real contacts model from top to bottom: peak memory (and time) of the whole process."""

from __future__ import annotations

import json
import statistics

from _common import ratio, run_child

MEMORY_LIMIT_MIB = 200
TRIVIAL_PAGES = 3000


def run(db_path, runs: int) -> dict:
    base = [run_child("scroll_baseline.py", marker=None) for _ in range(runs)]
    app = run_child("scroll_app.py", str(db_path), marker=None, timeout=3600)
    facts = json.loads(app["lines"][-1])
    base_mib = statistics.median(r["peak_mib"] for r in base)
    # Time per page of a model whose data() costs nothing, same view, same number of rows.
    trivial = json.loads(run_child("scroll_baseline.py", str(facts["rows"]), str(TRIVIAL_PAGES),
                                   marker=None)["lines"][-1])
    trivial_ms = trivial["scroll_seconds"] * 1000 / max(1, trivial["pages"])
    result = {
        **{k: (round(v, 3) if isinstance(v, float) else v) for k, v in facts.items()},
        "app_peak_mib": round(app["peak_mib"], 1),
        "baseline_peak_mib": round(base_mib, 1),
        "extra_mib": round(app["peak_mib"] - base_mib, 1),
        "memory_ratio": round(app["peak_mib"] / base_mib, 2),
        "peak_limit_mib": MEMORY_LIMIT_MIB,
        "ms_per_page": round(facts["scroll_seconds"] * 1000 / max(1, facts["pages"]), 3),
        "ms_per_fetch": round(facts["fetch_seconds"] * 1000 / max(1, facts["fetch_calls"]), 3),
        "baseline_ms_per_page": round(trivial_ms, 3),
        "baseline_pages": trivial["pages"],
    }
    result["page_time_ratio"] = ratio(result["ms_per_page"], result["baseline_ms_per_page"])
    result["ok"] = (result["app_peak_mib"] < MEMORY_LIMIT_MIB and facts["last_row_fetched"]
                    and facts["rows_fetched"] >= facts["rows"])
    return result


def report(r: dict) -> list[str]:
    return [
        f"  {r['rows']:,} rows, {r['pages']:,} pages of {r['page_rows']} rows painted in {r['scroll_seconds']:.1f} s"
        f" ({r['ms_per_page']:.2f} ms a page); id list loaded in {r['load_seconds'] * 1000:.0f} ms",
        f"  baseline: a trivial model, same view, {r['baseline_ms_per_page']:.2f} ms a page"
        f" ({r['baseline_pages']:,} pages)   ratio {r['page_time_ratio']:.1f}x",
        f"  model fetched {r['rows_fetched']:,} rows in {r['fetch_calls']:,} queries,"
        f" {r['ms_per_fetch']:.2f} ms each; last row reached: {r['last_row_fetched']}",
        f"  peak memory   app {r['app_peak_mib']:.1f} MiB (limit {r['peak_limit_mib']} MiB)   baseline"
        f" {r['baseline_peak_mib']:.1f} MiB   ratio {r['memory_ratio']:.2f}x, extra {r['extra_mib']:+.1f} MiB",
        f"  -> {'OK' if r['ok'] else 'OVER THE LIMIT'}",
    ]
