"""The import benchmark's children still run the import as the window and the command line do: each one, on a
file of a few rows, finishes and counts those rows (no figure is looked at: timings live in bench/)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHILDREN = ROOT / "bench" / "children"

CONTACTS = "First Name,Last Name,E-mail,Mobile\nAnn,Lee,ann@example.com,06 12 34 56 78\nBob,Roe,bob@,\n"
SALES = ("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
         "536365,85123A,T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
         "536366,22633,HAND WARMER,6,12/1/2010 8:28,1.85,13047,United Kingdom\n")


def run(tmp_path: Path, script: str, *args: str) -> dict:
    """The child's last line of output, as JSON (it exits with 0)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run([sys.executable, str(CHILDREN / script), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize(("mode", "counts"), [
    ((), {"created": 1, "rejected": 1}),
    (("--dry-run",), {"create": 1, "reject": 1}),
])
def test_the_windows_import_child_imports_or_plans_a_contacts_file(tmp_path, mode, counts):
    source = tmp_path / "contacts.csv"
    source.write_text(CONTACTS, encoding="utf-8")
    facts = run(tmp_path, "import_gui.py", str(tmp_path / "shop.sqlite"), str(source), "FR", *mode)
    assert facts["error"] is None
    assert {key: facts["result"][key] for key in counts} == counts


@pytest.mark.parametrize(("mode", "key"), [("--purchases", "created"), ("--purchases-dry-run", "purchases")])
def test_the_windows_import_child_imports_or_plans_a_sales_file(tmp_path, mode, key):
    source = tmp_path / "sales.csv"
    source.write_text(SALES, encoding="utf-8")
    facts = run(tmp_path, "import_gui.py", str(tmp_path / "shop.sqlite"), str(source), "GB", mode)
    assert facts["error"] is None and facts["result"][key] == 2


def test_the_command_lines_import_child_imports_a_contacts_file(tmp_path):
    source = tmp_path / "contacts.csv"
    source.write_text(CONTACTS, encoding="utf-8")
    facts = run(tmp_path, "import_app.py", str(tmp_path / "shop.sqlite"), str(source), "FR", "skip")
    assert (facts["created"], facts["rejected"]) == (1, 1)
