"""Import child, baseline A: Python's csv module reads CSV and sqlite3's executemany inserts every row,
raw (every column TEXT, nothing cleaned or checked), into one table of the new database DB, in one
transaction. `import_raw.py DB CSV`. Prints one JSON line with the seconds and the row count.

The file is read as what it is (UTF-8 with a byte-order mark: "utf-8-sig"); SQLite's defaults are kept.
"""

import csv
import json
import sqlite3
import sys
import time

db, path = sys.argv[1:3]
started = time.perf_counter()
with open(path, encoding="utf-8-sig", newline="") as f:
    rows = csv.reader(f)
    header = next(rows)
    conn = sqlite3.connect(db)
    columns = ", ".join('"' + name.replace('"', '""') + '" TEXT' for name in header)
    conn.execute(f"CREATE TABLE raw ({columns})")
    with conn:  # one transaction
        conn.executemany(f"INSERT INTO raw VALUES ({', '.join('?' * len(header))})", rows)
seconds = time.perf_counter() - started
count = conn.execute("SELECT count(*) FROM raw").fetchone()[0]
conn.close()
print(json.dumps({"seconds": seconds, "rows": count}), flush=True)
