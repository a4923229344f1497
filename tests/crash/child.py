"""The program the crash test kills: opens a database and does one piece of a shop owner's work.

    python tests/crash/child.py WORK DATABASE [ARGUMENT]

WORK is one of
- "contacts-import CSV": imports the contacts file (duplicates filled in, region FR);
- "purchases-import CSV": imports the purchases file (customers by their number, missing ones created);
- "edits COUNT": edits contacts one at a time, a new contact every fifth edit (see `edit`);
- "migrate": opens an older database, which backs it up and migrates it;
- "snapshot FOLDER": takes a snapshot of the database into FOLDER.

It prints "started" when everything is loaded and the work begins, and "done SECONDS" when the work is
finished and saved. The files the test imports are made here too (`contacts_csv`, `purchases_csv`):
what a shop is handed, with the usual mess.
"""

from __future__ import annotations

import csv
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EDITED = 40  # the contacts `edit` cycles through: the first 40 of the database
REGION = "FR"

# --------------------------------------------------------------------------------------------------
# The files

FIRST = ["Jean", "Marie", "Éloïse", "François", "Zoë", "Anaïs", "Jürgen", "Łukasz", "Søren", "Ana", "José",
         "Ελένη", "Дмитрий", "Yuki", "Mei", "Karim", "Chloé", "Noé", "Inès", "Hélène", "Björn", "Ólafur"]
LAST = ["Dupont", "Martin", "Lefèvre", "Müller", "Nowak", "García", "Rossi", "Papadopoulos", "Иванов",
        "Tanaka", "Wang", "Haddad", "Bernard", "Petit", "O'Brien", "van der Berg", "Da Silva", "Moreau"]
CITIES = [("Paris", "75011"), ("Lyon", "69001"), ("Nantes", "44000"), ("Lille", "59000"), ("Zürich", "8001"),
          ("Bruxelles", "1000"), ("Marseille", "13001"), ("Köln", "50667")]
TAGS = ["VIP", "Regular", "Wholesale", "Newsletter", "Fidélité", "Local", "Online"]
NOTES = ["Prefers mornings.", 'Said "call me back", twice.', "Allergic to nuts; gift wrap, please.",
         "Two lines:\nsecond line here.", "=SUM(A1:A2)", "Paid by cheque, 12,50 € short."]
CONTACT_HEADER = ["Customer No", "First Name", "Last Name", "Company", "E-mail", "E-mail 2", "Mobile", "Phone",
                  "Street", "Postcode", "City", "Country", "Date of Birth", "Tags", "Newsletter", "Notes"]


def _phone(rnd: random.Random, n: int) -> str:
    digits = f"6{n % 100000000:08d}"
    groups = " ".join(digits[i:i + 2] for i in range(1, 9, 2))
    return rnd.choice([f"0{digits[0]} {groups}", f"+33 {digits[0]} {groups}", f"0{digits}", f"+33{digits}",
                       f"0033 {digits[0]} {groups}", f"'0{digits}", f"0{digits[0]}.{groups.replace(' ', '.')}",
                       "n/a", "12"])


def _person(rnd: random.Random, n: int) -> list[str]:
    first, last = rnd.choice(FIRST), rnd.choice(LAST)
    shape = rnd.random()
    if shape < 0.05:
        last = last.upper()
    elif shape < 0.08:
        first = f"  {first.lower()} "
    company = rnd.choice(["", "", "", "", "Boulangerie Petit", "Atelier Moreau & Fils", "Café du Coin"])
    if rnd.random() < 0.03:
        first = last = ""
        company = company or "Maison Lefèvre"
    email = f"{first.strip().lower()[:4] or 'shop'}.{n}@example.{rnd.choice(['fr', 'com', 'de'])}"
    email = rnd.choice([email, email, email.upper(), f" {email} ", email.capitalize()])
    if rnd.random() < 0.02:
        email = email.replace("@", "@@")
    city, postcode = rnd.choice(CITIES)
    birthday = rnd.choice(["", "", "", f"{rnd.randint(1, 28):02d}/{rnd.randint(1, 12):02d}/{rnd.randint(1940, 2005)}",
                           f"{rnd.randint(13, 28)}.{rnd.randint(1, 12)}.{rnd.randint(1940, 2005)}"])
    tags = rnd.choice([", ", "; "]).join(rnd.sample(TAGS, rnd.randint(0, 2)))
    return [str(10000 + n), first, last, company, email if rnd.random() < 0.85 else "",
            f"alt.{n}@example.net" if rnd.random() < 0.1 else "", _phone(rnd, n) if rnd.random() < 0.7 else "",
            _phone(rnd, n + 50_000_000) if rnd.random() < 0.2 else "",
            f"{rnd.randint(1, 200)}, rue {rnd.choice(LAST)}" if rnd.random() < 0.7 else "", postcode, city,
            rnd.choice(["France", "FR", "", "Suisse", "Belgique"]), birthday, tags,
            rnd.choice(["yes", "no", "oui", "x", "", "0"]), rnd.choice(NOTES) if rnd.random() < 0.1 else ""]


def contacts_csv(path: Path, rows: int, seed: int, *, first: int = 1) -> Path:
    """A contacts file as Excel writes it (UTF-8 with a BOM, CRLF): customers numbered from `first`, about
    one row in twenty repeating an earlier customer (the email in another case, or the phone alone)."""
    rnd = random.Random(seed)
    written: list[list[str]] = []
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f, lineterminator="\r\n")
        out.writerow(CONTACT_HEADER)
        for n in range(first, first + rows):
            if written and rnd.random() < 0.05:
                row = list(rnd.choice(written))
                row[0] = ""
                if rnd.random() < 0.5:
                    row[4] = row[4].strip().upper()
                    row[13] = "Returning"
                else:
                    row[4] = row[5] = ""
                    row[12] = ""
            else:
                row = _person(rnd, n)
                written.append(row)
            out.writerow(row)
    return path


RETAIL_HEADER = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID",
                 "Country"]


def purchases_csv(path: Path, receipts: int, seed: int, *, customers: range) -> Path:
    """Till receipts in the Online Retail layout: a few lines each, some cancellations ("C..."), some rows
    without a customer, a few bad rows; customers drawn from `customers` (their numbers)."""
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(RETAIL_HEADER)
        for r in range(receipts):
            cancelled = rnd.random() < 0.04
            invoice = f"{'C' if cancelled else ''}{560000 + r}"
            customer = str(rnd.choice(customers)) if rnd.random() < 0.85 else ""
            moment = f"{rnd.randint(1, 12)}/{rnd.randint(1, 28)}/2024 {rnd.randint(8, 19)}:{rnd.randint(0, 59):02d}"
            for line in range(rnd.randint(1, 4)):
                quantity = rnd.randint(1, 12) * (-1 if cancelled else 1)
                price = f"{rnd.randint(1, 4000) / 100:.2f}"
                if rnd.random() < 0.01:
                    quantity = "two"
                out.writerow([invoice, f"SKU{line}{r % 97}", rnd.choice(["MUG", "CANDLE, RED", 'BAG "XL"', "Thé vert"]),
                              quantity, moment, price, customer, rnd.choice(["France", "United Kingdom"])])
    return path


# --------------------------------------------------------------------------------------------------
# The edits


def edit(i: int, contact_id: int | None):
    """Edit number `i`: every field and list of the contact says `i`, so that a half-applied edit shows."""
    from smallcrm.services.contacts import ContactInput

    return ContactInput(first_name=f"Edit{i}", last_name="New" if contact_id is None else f"Contact{contact_id}",
                        emails=[f"e{i}@example.com", f"e{i}.b@example.org"],
                        phones=[f"+33 6 12 {i // 10000 % 100:02d} {i // 100 % 100:02d} {i % 100:02d}"],
                        tags=[f"edit-{i}", "burst"], notes=f"edit {i}", city=f"Town {i}")


def edit_target(i: int, ids: list[int]) -> int | None:
    """The contact edit `i` changes (None: it adds a new one)."""
    return None if i % 5 == 4 else ids[i % len(ids)]


# --------------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    work, database_path, *rest = argv
    database_path = Path(database_path)
    if work == "migrate":
        from smallcrm.store.db import close_database, open_database

        print("started", flush=True)
        began = time.perf_counter()
        open_database(database_path)
        close_database()
    elif work == "snapshot":
        from smallcrm.services import backup

        print("started", flush=True)
        began = time.perf_counter()
        backup.take_snapshot(database_path, folder=rest[0])
    else:
        from smallcrm.services import contacts
        from smallcrm.services.importing import contacts_import as ci, purchases_import as pi
        from smallcrm.store.db import close_database, open_database

        open_database(database_path, create=False)
        print("started", flush=True)
        began = time.perf_counter()
        if work == "contacts-import":
            ci.import_contacts(rest[0], ci.ImportOptions(region=REGION, on_duplicate="fill"))
        elif work == "purchases-import":
            pi.import_purchases(rest[0], pi.PurchaseImportOptions(match="id", create_missing=True))
        elif work == "edits":
            ids = sorted(contacts.contact_ids())[:EDITED]
            for i in range(int(rest[0])):
                target = edit_target(i, ids)
                if target is None:
                    contacts.add_contact(edit(i, None), region=REGION)
                else:
                    contacts.update_contact(target, edit(i, target), region=REGION)
        else:
            raise SystemExit(f"unknown work: {work}")
        close_database()
    print(f"done {time.perf_counter() - began:.4f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
