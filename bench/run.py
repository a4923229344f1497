"""Run every benchmark: `python bench/run.py [--quick] [--only startup,search,scroll,import,report] [--runs N]`.

Each figure is printed beside a baseline measured in the same run. Results go to
bench/results/latest.json. Demo databases are made once in bench/.data and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import datetime, timezone

from _common import RESULTS, dataset

import bench_import
import bench_report
import bench_scroll
import bench_search
import bench_startup

SIZES = {
    # name: (contacts, purchases)
    "full": {"shop": (100_000, 1_000_000), "scroll": (1_000_000, 20_000), "import": 100_000},
    "quick": {"shop": (2_000, 20_000), "scroll": (20_000, 1_000), "import": 4_000},
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small data and few runs: a smoke test")
    parser.add_argument("--only", default="startup,search,scroll,import,report", help="comma-separated benchmarks to run")
    parser.add_argument("--runs", type=int, default=None, help="start-up runs per side (default 7, quick 3)")
    parser.add_argument("--import-runs", type=int, default=None,
                        help="import runs per side (default 3, quick 1); the window's import runs 2 (quick 1)")
    args = parser.parse_args(argv)
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = only - {"startup", "search", "scroll", "import", "report"}
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    size = "quick" if args.quick else "full"
    runs = args.runs or (3 if args.quick else 7)
    import_runs = args.import_runs or (1 if args.quick else 3)

    results = {
        "when": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "size": size,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "data": {},
    }
    failed = False

    def section(title):
        print(f"\n== {title}", flush=True)

    section("data")
    shop_path = scroll_path = None
    if only & {"startup", "search", "report"}:
        shop_path, info = dataset(f"shop-{size}", *SIZES[size]["shop"])
        results["data"]["shop"] = info
        print(f"  shop: {info['params']['contacts']:,} contacts, {info['params']['purchases']:,} purchases"
              f" ({'reused' if info['reused'] else 'made'}; generation took {info['generate_seconds']} s)")
    if "scroll" in only:
        scroll_path, info = dataset(f"scroll-{size}", *SIZES[size]["scroll"])
        results["data"]["scroll"] = info
        print(f"  scroll: {info['params']['contacts']:,} contacts, {info['params']['purchases']:,} purchases"
              f" ({'reused' if info['reused'] else 'made'}; generation took {info['generate_seconds']} s)")

    benches = [
        ("startup", "start-up to first paint (vs bare PySide6 QMainWindow + QTableView)",
         lambda: bench_startup.run(shop_path, runs), bench_startup.report),
        ("search", "search-as-you-type prefix queries (vs bare FTS count and PK lookups)",
         lambda: bench_search.run(shop_path, per_kind=8 if args.quick else 50, passes=1 if args.quick else 3),
         bench_search.report),
        ("scroll", "scroll top to bottom through the contacts table (vs empty QTableView)",
         lambda: bench_scroll.run(scroll_path, runs=3), bench_scroll.report),
        ("import", "import a messy contacts CSV (vs csv + sqlite3.executemany, and sqlite-utils insert --csv)",
         lambda: bench_import.run(SIZES[size]["import"], import_runs, gui_runs=1 if args.quick else 2),
         bench_import.report),
        ("report", "summary report PDF (vs its bare SQL aggregates) and customer dossier PDF",
         lambda: bench_report.run(shop_path, runs=2 if args.quick else 5, dossiers=5 if args.quick else 20),
         bench_report.report),
    ]
    for name, title, go, report in benches:
        if name not in only:
            continue
        section(title)
        started = time.perf_counter()
        try:
            result = go()
        except Exception as error:  # one benchmark failing should not hide the others
            failed = True
            results[name] = {"error": f"{type(error).__name__}: {error}"}
            print(f"  FAILED: {type(error).__name__}: {error}", flush=True)
            continue
        result["bench_seconds"] = round(time.perf_counter() - started, 1)
        results[name] = result
        for line in report(result):
            print(line, flush=True)

    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "latest.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nresults written to {out.relative_to(RESULTS.parent.parent)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
