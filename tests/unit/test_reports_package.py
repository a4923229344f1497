"""The reports package: what it offers, and that importing it stays light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import smallcrm.reports

ROOT = Path(__file__).resolve().parents[2]


def test_every_report_is_offered():
    assert set(smallcrm.reports.__all__) == {"summary_pdf", "dossier_pdf", "call_list_pdf", "birthday_list_pdf",
                                            "labels_pdf", "cards_pdf", "LABEL_LAYOUTS"}
    for name in smallcrm.reports.__all__:
        assert getattr(smallcrm.reports, name) is not None
    assert set(smallcrm.reports.LABEL_LAYOUTS) == {"L7160", "5160"}


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        smallcrm.reports.invoice_pdf  # noqa: B018


def test_importing_the_package_does_not_load_reportlab():
    code = ("import sys, smallcrm.reports; "
            "print(sorted(m for m in ('reportlab', 'bidi', 'arabic_reshaper') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_fonts_and_their_licence_ship_with_the_resources():
    from smallcrm.paths import resource

    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        assert resource("fonts", name).read_bytes()[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    assert "Bitstream Vera" in resource("fonts", "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
