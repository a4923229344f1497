"""Running a test in a time zone of its own (the shop's local time), so that a time stored in UTC falls on a
known day and local time and UTC differ."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager


@contextmanager
def time_zone(name: str):
    """Run in the time zone `name` ("Europe/Berlin"), then in the one before."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
