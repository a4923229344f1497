"""Import child, app side: `import_app.py DB CSV REGION POLICY` runs the real import,
`contacts_import.import_contacts(CSV, ImportOptions(region=REGION, on_duplicate=POLICY))`, into DB (a new
file is created first, with the schema, before the clock starts).

Prints one JSON line: the import's seconds, its counts, and the peak resident memory before the import
started (imports, database opened), so that the parent can tell the import's own growth from the
process's (launch.py reports the peak of the whole process); then this process's own peak and that of the
worker process a large import decides in (launch.py's peak is the larger of the two).
"""

import json
import resource
import sys
import time

from smallcrm.services.importing.contacts_import import ImportOptions, import_contacts
from smallcrm.store.db import close_database, open_database


def main() -> None:
    db, path, region, policy = sys.argv[1:5]
    open_database(db)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    progress_calls = []

    started = time.perf_counter()
    result = import_contacts(path, ImportOptions(region=region, on_duplicate=policy),
                             progress=lambda done, total: progress_calls.append(done))
    seconds = time.perf_counter() - started
    close_database()
    mib = 1024 * 1024 if sys.platform == "darwin" else 1024
    # A large file is decided in a worker process: its own peak, beside this process's (the launcher's
    # figure is the larger of the two, not their sum).
    print(json.dumps({"seconds": seconds, **result.to_json(), "progress_calls": len(progress_calls),
                      "peak_before_import_mib": before,
                      "peak_own_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / mib,
                      "peak_worker_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / mib}), flush=True)


if __name__ == "__main__":  # the import's worker process imports this file: it must not run it again
    main()
