"""A program to kill: tests/unit/test_crash_safety.py runs child.py and kills it part way through its work."""
