"""Spawns one benchmark child and reports on it: `launch.py MARKER script [args...]` (or `-m module`).

Why a launcher: on Linux a child's `ru_maxrss` includes the high-water mark of the memory of the
process that spawned it (the address space it had before exec). The benchmark runner has loaded
a database and may hold hundreds of MiB, so it would drown the figure; this small, fresh process
adds only its own few MiB, far below any Qt child's peak.

Prints the child's output lines, then one JSON line: seconds to MARKER (or to exit when MARKER is
`-`), seconds to exit, peak RSS in MiB, exit code.
"""

import json
import os
import sys
import time

marker, script, *args = sys.argv[1:]
read_end, write_end = os.pipe()
started = time.perf_counter()
pid = os.posix_spawn(sys.executable, [sys.executable, script, *args], os.environ,
                     file_actions=[(os.POSIX_SPAWN_DUP2, write_end, 1), (os.POSIX_SPAWN_CLOSE, read_end)])
os.close(write_end)
marked = None
lines = []
with os.fdopen(read_end, "rb") as out:
    for raw in out:
        line = raw.decode("utf-8", "replace").rstrip("\n")
        if marked is None and line == marker:
            marked = time.perf_counter() - started
        lines.append(line)
_, status, usage = os.wait4(pid, 0)
ended = time.perf_counter() - started
peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)  # macOS: bytes, Linux: KiB
for line in lines:
    print(line)
print(json.dumps({"marked": marked, "ended": ended, "peak_mib": peak,
                  "exit": os.waitstatus_to_exitcode(status)}), flush=True)
