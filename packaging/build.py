"""Build smallcrm as a one-folder program with PyInstaller, then check that what was built works.

    python packaging/build.py [--skip-build]

Installs PyInstaller into this Python when it is missing, builds dist/smallcrm/ (the folder to ship:
`smallcrm` and `smallcrm-window`, plus dist/SmallCRM.app on macOS) from packaging/smallcrm.spec, then
runs the built program the way a user would, headless, in a temporary folder with private user
folders: `demo`, `contacts list`, `report summary` to a PDF, and the window (`--self-test`: first paint,
the contact form, icons, the customer count). Prints the build time and the folder's size, and exits
non-zero when the build or a check fails. `--skip-build` only checks an existing dist/smallcrm/.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "smallcrm.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
APP = DIST / "smallcrm"
EXE = APP / ("smallcrm.exe" if os.name == "nt" else "smallcrm")
CONTACTS = 5


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        print("build: installing PyInstaller", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "pyinstaller>=6"], check=True)


def build() -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)], check=True, cwd=ROOT)
    return time.monotonic() - started


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def check() -> list[str]:
    """Run the built program; return what failed (empty when everything passed)."""
    failures = []
    with tempfile.TemporaryDirectory(prefix="smallcrm-build-check-") as scratch:
        home = Path(scratch)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            env[name] = str(home / name.lower())
        runtime = home / "runtime"
        runtime.mkdir(mode=0o700)
        env["XDG_RUNTIME_DIR"] = str(runtime)
        if sys.platform == "win32":
            env["APPDATA"], env["LOCALAPPDATA"] = str(home / "appdata"), str(home / "localappdata")
        env.pop("PYTHONPATH", None)
        db = str(home / "shop.sqlite")
        pdf = home / "summary.pdf"

        def run(title: str, *args: str, expect: str = "") -> None:
            done = subprocess.run([str(EXE), *args], cwd=home, env=env, capture_output=True, text=True,
                                  encoding="utf-8", timeout=300)
            ok = done.returncode == 0 and expect in done.stdout
            print(f"build: {'ok  ' if ok else 'FAIL'} {title}", flush=True)
            if not ok:
                print(done.stdout + done.stderr, flush=True)
                failures.append(title)

        run("--version", "--version", expect="smallcrm ")
        run("demo data", "demo", "--db", db, "--contacts", str(CONTACTS), expect=f"{CONTACTS} contacts")
        run("contacts list", "contacts", "list", "--db", db, "--json", expect='"id"')
        run("summary report", "report", "summary", "--db", db, "--out", str(pdf))
        if "summary report" not in failures and not (pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")):
            print("build: FAIL the summary report is not a PDF", flush=True)
            failures.append("summary report file")
        run("window (headless self-test)", "--self-test", db, str(CONTACTS), expect="self-test passed")
    return failures


def main(argv: list[str]) -> int:
    if argv and argv != ["--skip-build"]:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    if not argv:
        ensure_pyinstaller()
        seconds = build()
        print(f"build: built {APP.relative_to(ROOT)} in {seconds:.0f} s", flush=True)
    if not EXE.is_file():
        print(f"build: there is no {EXE.relative_to(ROOT)}; run without --skip-build first", file=sys.stderr)
        return 1
    print(f"build: {APP.relative_to(ROOT)} is {folder_size(APP) / 2**20:.0f} MiB", flush=True)
    failures = check()
    if failures:
        print(f"build: {len(failures)} check(s) failed: {', '.join(failures)}", file=sys.stderr)
        return 1
    print("build: the built program works", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
