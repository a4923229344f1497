"""A till's sales export for the responsiveness measurement: the layout of the well-known Online Retail data
set (InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country), one to eight
lines per invoice, about 6,000 customers by number, 2 % cancellations (invoice numbers starting with C,
negative quantities). Made once per size and seed, kept in bench/.data."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from _common import DATA

HEADER = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]
ITEMS = ("WHITE HANGING HEART T-LIGHT HOLDER", "WHITE METAL LANTERN", "HAND WARMER UNION JACK",
         "ASSORTED COLOUR BIRD ORNAMENT", "SET OF 3 COLOURED FLYING DUCKS", "PLASTERS IN TIN CIRCUS PARADE",
         "60 CAKE CASES VINTAGE CHRISTMAS", "REGENCY CAKESTAND 3 TIER", "JUMBO BAG RED RETROSPOT")


def purchases_csv(rows: int, seed: int = 1) -> Path:
    """Path of a sales export of `rows` lines (made now if missing)."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"purchases-{rows}-{seed}.csv"
    if path.exists():
        return path
    rng = random.Random(seed)
    partial = path.with_suffix(".partial")
    with open(partial, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        invoice, written = 536365, 0
        while written < rows:
            invoice += 1
            customer = rng.randint(12346, 18287)
            when = f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/2011 {rng.randint(8, 18)}:{rng.randint(0, 59):02d}"
            cancelled = rng.random() < 0.02
            for _ in range(min(rng.randint(1, 8), rows - written)):
                quantity = rng.randint(1, 12)
                out.writerow([f"C{invoice}" if cancelled else invoice, rng.randint(10000, 99999), rng.choice(ITEMS),
                              -quantity if cancelled else quantity, when, f"{rng.uniform(0.5, 20):.2f}", customer,
                              "United Kingdom"])
                written += 1
    partial.replace(path)
    return path
