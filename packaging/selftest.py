"""Check that an installed or built smallcrm can open its window: run with a database path.

    python packaging/selftest.py SHOP.sqlite [EXPECTED_CONTACTS]

Opens the main window on the database, waits for its first paint, then checks that the contact
form's Qt Designer file loads, that the application icon and a toolbar icon draw real pixels, and
(when given) that the list shows the expected number of customers. Prints one line per check and
exits 0 when all pass, 1 when one fails, 3 when the window never paints. Meant to run headless
(QT_QPA_PLATFORM=offscreen). The frozen build runs the same checks with `smallcrm --self-test`.
"""

from __future__ import annotations

import sys

TIMEOUT_MS = 60_000


def _drawn(icon, size: int = 32) -> bool:
    """True when the icon draws at least one pixel that is not fully transparent."""
    image = icon.pixmap(size, size).toImage()
    if image.isNull():
        return False
    return any(image.pixelColor(x, y).alpha() > 0 for x in range(image.width()) for y in range(image.height()))


def checks(window, expected_contacts: int | None) -> list[tuple[str, bool, str]]:
    import smallcrm
    from smallcrm.gui.forms import load_form
    from smallcrm.gui.icons import app_icon, icon
    from smallcrm.paths import ui_form

    results = [("smallcrm imported from", True, str(smallcrm.__file__))]
    try:
        form = load_form("contact_form.ui")
        loaded = form is not None and form.objectName() == "ContactForm"
        detail = f"{ui_form('contact_form.ui')}"
    except Exception as error:  # a missing or unreadable form is what this check is for
        loaded, detail = False, repr(error)
    results.append(("contact form loads", loaded, detail))
    results.append(("application icon draws", _drawn(app_icon()), ""))
    results.append(("toolbar icon draws", _drawn(icon("contact-new")), ""))
    from smallcrm.services.addresses import town_lines

    town = town_lines("62704", "Springfield", "US", None)  # (from the address data bundled)
    results.append(("address layouts load", town == ["Springfield 62704"], " / ".join(town)))
    if expected_contacts is not None:
        shown = window.model.rowCount()
        results.append(("customers listed", shown == expected_contacts, f"{shown} of {expected_contacts}"))
    return results


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    db_path = argv[0]
    expected = int(argv[1]) if len(argv) > 1 else None

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from smallcrm.gui.app import application, run

    outcome = {"code": 3}

    def painted() -> None:
        window = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow")
        results = checks(window, expected)
        for name, ok, detail in results:
            print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}", flush=True)
        outcome["code"] = 0 if all(ok for _, ok, _ in results) else 1
        QApplication.quit()

    def too_long() -> None:
        print(f"FAIL the window did not paint within {TIMEOUT_MS // 1000} s", flush=True)
        QApplication.quit()

    app = application()
    QTimer.singleShot(TIMEOUT_MS, app, too_long)
    code = run(db_path, on_first_paint=painted)
    if code != 0:
        print(f"FAIL the window exited with {code}", flush=True)
        return 1
    if outcome["code"] == 0:
        print("self-test passed", flush=True)
    return outcome["code"]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
