"""The shop's PDF reports: the summary of a period, a customer's dossier, and lists to print (calls,
birthdays, mailing labels, loyalty cards). Built with reportlab from services; no Qt here.

`out` is a path (written whole through a temporary file, or not at all) or a binary file object.
Importing this package is light: reportlab is loaded when a report is first made.
"""

from __future__ import annotations

from importlib import import_module

_WHERE = {
    "summary_pdf": "summary",
    "dossier_pdf": "dossier",
    "call_list_pdf": "lists",
    "birthday_list_pdf": "lists",
    "labels_pdf": "labels",
    "LABEL_LAYOUTS": "labels",
    "cards_pdf": "cards",
}

__all__ = ["LABEL_LAYOUTS", "birthday_list_pdf", "call_list_pdf", "cards_pdf", "dossier_pdf", "labels_pdf",
           "summary_pdf"]


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
