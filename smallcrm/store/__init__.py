"""The store: one SQLite file, Peewee models, migrations and the search index. No Qt here."""
