"""The entry point of the built program (PyInstaller freezes this file).

`smallcrm ARGS` behaves as the installed `smallcrm` command; `smallcrm --self-test DB [N]` opens the
window on DB, checks the shipped form and icons (see selftest.py) and exits; it runs headless too.
The second program in the same folder, `smallcrm-window` (no console on Windows; the one a macOS
.app starts), opens the window as the installed `smallcrm-window` does.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

WINDOWED = "smallcrm-window"


def main() -> int:
    multiprocessing.freeze_support()
    args = sys.argv[1:]
    if args[:1] == ["--self-test"]:
        import selftest

        return selftest.main(args[1:])
    from smallcrm import cli

    name = os.path.splitext(os.path.basename(sys.executable))[0].lower()
    return cli.open_window_entry() if name == WINDOWED else cli.main()


if __name__ == "__main__":
    sys.exit(main())
