"""What the benchmarks share: where things live, the demo databases, statistics, child processes."""

from __future__ import annotations

import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / ".data"
RESULTS = BENCH / "results"
CHILDREN = BENCH / "children"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MIB = 1024 * 1024


# ------------------------------------------------------------------------------------------------
# Demo databases, generated once and reused while the parameters (and the generator) stay the same


def _generator_fingerprint() -> str:
    """Changes when the generator or the schema changes, so that stale data is made again (the schema by
    its steps' text too: a step may change until its version is released)."""
    from smallcrm.store import migrations

    source = (ROOT / "smallcrm" / "services" / "demo.py").read_bytes()
    steps = "\n;\n".join(statement for step in migrations.STEPS for statement in step).encode()
    return f"{hashlib.sha256(source).hexdigest()[:16]}-v{migrations.LATEST}-{hashlib.sha256(steps).hexdigest()[:8]}"


def dataset(name: str, contacts: int, purchases: int, seed: int = 1) -> tuple[Path, dict]:
    """Path of a demo database with these parameters (made now if missing) and facts about it."""
    from smallcrm.services import demo
    from smallcrm.store.db import close_database, open_database

    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"{name}.sqlite"
    info_path = DATA / f"{name}.json"
    wanted = {"contacts": contacts, "purchases": purchases, "seed": seed, "generator": _generator_fingerprint()}
    if path.exists() and info_path.exists():
        info = json.loads(info_path.read_text(encoding="utf-8"))
        if info.get("params") == wanted:
            info["reused"] = True
            return path, info

    stale_files = (path, info_path, *DATA.glob(f"{name}.sqlite-*"), *DATA.glob(f"{name}.partial*"),
                   *DATA.glob(f"{name}.before-*"))  # the last: copies made by a migration at open
    for stale in stale_files:
        stale.unlink(missing_ok=True)
    partial = DATA / f"{name}.partial.sqlite"
    print(f"  generating {name}: {contacts:,} contacts, {purchases:,} purchases ...", flush=True)
    open_database(partial)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 5:
            last[0] = now
            print(f"    {done / total:6.1%}", flush=True)

    try:
        started = time.perf_counter()
        summary = demo.generate(contacts, seed=seed, purchases=purchases, progress=progress)
        seconds = time.perf_counter() - started
    finally:
        close_database()  # checkpoints the write-ahead log into the file
    for leftover in DATA.glob(f"{name}.partial.sqlite-*"):
        leftover.unlink()
    partial.replace(path)
    info = {
        "params": wanted,
        "summary": summary.as_dict(),
        "generate_seconds": round(seconds, 2),
        "file_mib": round(path.stat().st_size / MIB, 1),
        "reused": False,
    }
    info_path.write_text(json.dumps(info, indent=2), encoding="utf-8")
    print(f"  generated {name} in {seconds:.1f} s ({info['file_mib']} MiB)", flush=True)
    return path, info


# ------------------------------------------------------------------------------------------------
# Statistics


def percentile(values, p: float) -> float:
    """Linear interpolation between closest ranks (p in 0..100)."""
    data = sorted(values)
    if not data:
        return float("nan")
    if len(data) == 1:
        return data[0]
    k = (len(data) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def summary_ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 3),
        "p95_ms": round(percentile(ms, 95), 3),
        "max_ms": round(max(ms), 3) if ms else None,
        "mean_ms": round(statistics.fmean(ms), 3) if ms else None,
    }


def ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else float("inf")


# ------------------------------------------------------------------------------------------------
# Child processes: wall time to a marker line, and peak resident memory


def child_env(extra: dict | None = None) -> dict:
    """Headless Qt, the repository importable, and private user folders (no real settings touched)."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    home = Path(tempfile.gettempdir()) / f"smallcrm-bench-home-{os.getuid() if hasattr(os, 'getuid') else 0}"
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    runtime = home / "runtime"
    runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    env.pop("PYTHONSTARTUP", None)
    env.update(extra or {})
    return env


class ChildFailed(RuntimeError):
    pass


def run_child(script: str, *args: str, marker: str | None = None, timeout: float = 600,
              crash_after_marker_ok: bool = False) -> dict:
    """Run a child script; return its wall time to `marker` (or to exit), peak RSS and output lines.

    The child is spawned by children/launch.py (see there why), which times it from just before the
    spawn, so the interpreter's own start-up is included on both sides of every comparison. `script`
    is a file in children/, or "-m" with a module and its arguments in `args` (`python -m module ...`).
    """
    if not hasattr(os, "wait4") or not hasattr(os, "posix_spawn"):
        raise ChildFailed("measuring a child needs os.posix_spawn and os.wait4 (Linux or macOS)")
    with tempfile.TemporaryFile() as stderr:
        try:
            done = subprocess.run(
                [sys.executable, str(CHILDREN / "launch.py"), marker or "-",
                 script if script == "-m" else str(CHILDREN / script), *args],
                stdout=subprocess.PIPE, stderr=stderr, env=child_env(), cwd=str(ROOT), timeout=timeout,
            )
        except subprocess.TimeoutExpired as error:
            raise ChildFailed(f"{script} took more than {timeout} s") from error
        stderr.seek(0)
        errors = stderr.read().decode("utf-8", "replace")
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    try:
        facts = json.loads(lines[-1])
    except (IndexError, ValueError):
        facts = {"exit": done.returncode, "marked": None}
    reached = marker is None or facts.get("marked") is not None
    crashed = done.returncode != 0 or facts["exit"] != 0
    if not reached or (crashed and not (crash_after_marker_ok and marker is not None)):
        raise ChildFailed(f"{script} exited with {facts['exit']}, output {lines[-5:]}, stderr:\n{errors[-3000:]}")
    return {"seconds": facts["marked"] if marker is not None else facts["ended"], "total_seconds": facts["ended"],
            "peak_mib": facts["peak_mib"], "lines": lines[:-1], "exit": facts["exit"],
            "stderr_tail": errors[-600:] if crashed else ""}
