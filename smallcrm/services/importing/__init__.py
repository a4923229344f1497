"""Importing contacts from CSV files: reading (reader), choosing columns (mapping), cleaning rows (cleaning)."""
