"""Start-up child, app side: the real start-up code on a database; prints `painted` at the first paint.

Imports nothing more than `python -m smallcrm` would to open the window.
"""

import sys

from smallcrm.gui.app import run


def painted() -> None:
    from PySide6.QtWidgets import QApplication

    print("painted", flush=True)
    QApplication.quit()


sys.exit(run(sys.argv[1], on_first_paint=painted))
