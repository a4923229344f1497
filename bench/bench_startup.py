"""Start-up to the first painted main window, against a bare PySide6 window; and peak memory."""

from __future__ import annotations

import compileall
import statistics

from _common import ROOT, run_child

TIME_LIMIT = 2.0  # app at most 2x the baseline
MEMORY_LIMIT_MIB = 60  # app at most the baseline + 60 MiB


def compile_package() -> bool:
    """smallcrm's bytecode, as an installed copy has it (pip compiles a package as it installs it; PySide6 and
    the other dependencies were compiled so). Without it, and with PYTHONDONTWRITEBYTECODE set, every start
    would compile smallcrm's sources again, a cost that no installed smallcrm pays and the baseline never
    does. The files go to the git-ignored __pycache__ folders; a source changed since is compiled again."""
    return compileall.compile_dir(ROOT / "smallcrm", quiet=1)


def run(db_path, runs: int) -> dict:
    compiled = compile_package()
    # One warm-up of each first (fills the OS file cache for Python, Qt and the database), then
    # alternate so that any drift in the machine's load hits both sides alike.
    run_child("startup_baseline.py", marker="painted")
    app_args = [str(db_path)]
    run_child("startup_app.py", *app_args, marker="painted", crash_after_marker_ok=True)
    app, base = [], []
    for _ in range(runs):
        base.append(run_child("startup_baseline.py", marker="painted"))
        # The figure is taken at the first paint; a crash while quitting afterwards is reported, not fatal.
        app.append(run_child("startup_app.py", *app_args, marker="painted", crash_after_marker_ok=True))
    app_s = statistics.median(r["seconds"] for r in app)
    base_s = statistics.median(r["seconds"] for r in base)
    app_mib = statistics.median(r["peak_mib"] for r in app)
    base_mib = statistics.median(r["peak_mib"] for r in base)
    result = {
        "runs": runs,
        "bytecode_compiled": bool(compiled),
        "app_seconds": [round(r["seconds"], 3) for r in app],
        "baseline_seconds": [round(r["seconds"], 3) for r in base],
        "app_peak_mib": [round(r["peak_mib"], 1) for r in app],
        "baseline_peak_mib": [round(r["peak_mib"], 1) for r in base],
        "median_app_seconds": round(app_s, 3),
        "median_baseline_seconds": round(base_s, 3),
        "time_ratio": round(app_s / base_s, 2),
        "time_ratio_limit": TIME_LIMIT,
        "median_app_peak_mib": round(app_mib, 1),
        "median_baseline_peak_mib": round(base_mib, 1),
        "extra_mib": round(app_mib - base_mib, 1),
        "extra_mib_limit": MEMORY_LIMIT_MIB,
        "app_exit_codes": [r["exit"] for r in app],
        "app_crash": next((r["stderr_tail"] for r in app if r["exit"] != 0), ""),
    }
    result["ok"] = result["time_ratio"] <= TIME_LIMIT and result["extra_mib"] <= MEMORY_LIMIT_MIB
    return result


def report(r: dict) -> list[str]:
    return [
        f"  first paint   app {r['median_app_seconds'] * 1000:7.0f} ms"
        f"   baseline {r['median_baseline_seconds'] * 1000:7.0f} ms"
        f"   ratio {r['time_ratio']:.2f}x (limit {r['time_ratio_limit']:.1f}x)   medians of {r['runs']}",
        f"  peak memory   app {r['median_app_peak_mib']:7.1f} MiB baseline {r['median_baseline_peak_mib']:7.1f} MiB"
        f"   extra {r['extra_mib']:+.1f} MiB (limit +{r['extra_mib_limit']} MiB)",
        "  smallcrm's bytecode " + ("compiled beforehand, as an installed copy has it" if r.get("bytecode_compiled")
                                    else "could NOT be compiled beforehand: each start compiled the sources"),
        f"  -> {'OK' if r['ok'] else 'OVER THE LIMIT'}",
    ] + ([
        f"  WARNING: the app exited abnormally after its first paint (exit codes {r['app_exit_codes']}):",
        *("    " + line for line in [x for x in r["app_crash"].splitlines()
                                      if x.strip() and "propagateSizeHints" not in x][:2]),
    ] if any(r["app_exit_codes"]) else [])
