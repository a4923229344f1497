"""Arrows point one way, and Qt stays in smallcrm/gui (DESIGN.md, "The house").

Two independent checks: import-linter's contracts from pyproject.toml, and a plain scan of the
source for Qt imports anywhere outside smallcrm/gui, also inside functions. Each is also run on a
copy of the package with `import PySide6` slipped into a service, to prove it would notice.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "smallcrm"
QT = ("PySide6", "shiboken6")
# The one place outside smallcrm/gui allowed to reach the GUI: cli.py, in the function opening the window.
WINDOW_OPENERS = {("smallcrm/cli.py", "open_window")}


# --- import-linter --------------------------------------------------------------------------

def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value)


def importlinter_config(target: Path) -> Path:
    """pyproject.toml's [tool.importlinter] as a file of its own.

    `include_external_packages` is switched on because import-linter refuses to check forbidden
    external modules (PySide6) without it; the contracts are exactly those in pyproject.toml.
    """
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    lines = ["[tool.importlinter]"]
    lines += [f"{key} = {_toml_value(value)}" for key, value in settings.items() if key != "contracts"]
    if "include_external_packages" not in settings:
        lines.append("include_external_packages = true")
    for contract in settings["contracts"]:
        lines += ["", "[[tool.importlinter.contracts]]"]
        lines += [f"{key} = {_toml_value(value)}" for key, value in contract.items()]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def lint_imports(source_root: Path, work: Path) -> subprocess.CompletedProcess:
    config = importlinter_config(work / "importlinter.toml")
    code = ("import sys; from importlinter.cli import lint_imports; "
            f"sys.exit(lint_imports(config_filename={str(config)!r}, no_cache=True, no_logo=True))")
    env = dict(os.environ, PYTHONPATH=str(source_root))  # check this tree, not an installed copy
    return subprocess.run([sys.executable, "-c", code], cwd=work, env=env, capture_output=True, text=True,
                          timeout=300)


def test_import_linter_contracts_are_kept(tmp_path):
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    assert {c["type"] for c in settings["contracts"]} >= {"forbidden", "layers"}
    result = lint_imports(ROOT, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and "0 broken" in result.stdout


# --- a plain scan of the source ---------------------------------------------------------------

def _module_name(path: Path, package_root: Path) -> str:
    parts = list(path.relative_to(package_root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(tree: ast.AST, module: str, is_package: bool):
    """(module imported, line, enclosing function or None) for every import in the tree."""
    here = module if is_package else module.rpartition(".")[0]

    def absolute(name: str | None, level: int) -> str:
        if not level:
            return name or ""
        base = here.split(".")
        base = base[: len(base) - (level - 1)]
        return ".".join(base + ([name] if name else []))

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield from visit(child, function or child.name)
                continue
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name, child.lineno, function
            elif isinstance(child, ast.ImportFrom):
                base = absolute(child.module, child.level)
                yield base, child.lineno, function
                for alias in child.names:  # `from smallcrm import gui`
                    yield f"{base}.{alias.name}", child.lineno, function
            elif (isinstance(child, ast.Call) and child.args and isinstance(child.args[0], ast.Constant)
                  and isinstance(child.args[0].value, str)
                  and (getattr(child.func, "attr", None) == "import_module"
                       or getattr(child.func, "id", None) in ("__import__", "import_module"))):
                yield child.args[0].value, child.lineno, function
            yield from visit(child, function)

    yield from visit(tree, None)


def qt_violations(package_root: Path) -> list[str]:
    """Every place outside smallcrm/gui that imports Qt, or the GUI where it may not."""
    problems = []
    for path in sorted(package_root.rglob("*.py")):
        relative = path.relative_to(package_root.parent).as_posix()
        if relative.startswith(f"{PACKAGE}/gui/"):
            continue
        module = _module_name(path, package_root)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative)
        for name, line, function in _imports(tree, module, path.name == "__init__.py"):
            top = name.split(".")[0]
            if top in QT:
                problems.append(f"{relative}:{line} imports {name}")
            elif (name == f"{PACKAGE}.gui" or name.startswith(f"{PACKAGE}.gui.")) and (
                (relative, function) not in WINDOW_OPENERS
            ):
                where = f"in {function}()" if function else "at module level"
                problems.append(f"{relative}:{line} imports {name} {where}")
    return problems


def test_no_qt_outside_the_gui_package():
    assert qt_violations(ROOT / PACKAGE) == []


def test_the_scan_reads_every_kind_of_import(tmp_path):
    package = tmp_path / PACKAGE
    (package / "services").mkdir(parents=True)
    (package / "gui").mkdir()
    (package / "__init__.py").write_text("")
    (package / "gui" / "__init__.py").write_text("from PySide6 import QtWidgets\n")  # fine: the GUI
    (package / "services" / "__init__.py").write_text("")
    (package / "services" / "a.py").write_text("import PySide6.QtCore as qc\n")
    (package / "services" / "b.py").write_text("def later():\n    from shiboken6 import isValid\n")
    (package / "services" / "c.py").write_text("import importlib\nimportlib.import_module('PySide6.QtGui')\n")
    (package / "services" / "d.py").write_text("from .. import gui\n")
    (package / "cli.py").write_text("from smallcrm.gui import app\n"
                                    "def open_window():\n    from smallcrm.gui.app import run\n"
                                    "def other():\n    import smallcrm.gui.main_window\n")
    assert qt_violations(package) == [
        "smallcrm/cli.py:1 imports smallcrm.gui at module level",
        "smallcrm/cli.py:1 imports smallcrm.gui.app at module level",
        "smallcrm/cli.py:5 imports smallcrm.gui.main_window in other()",
        "smallcrm/services/a.py:1 imports PySide6.QtCore",
        "smallcrm/services/b.py:2 imports shiboken6",
        "smallcrm/services/b.py:2 imports shiboken6.isValid",
        "smallcrm/services/c.py:2 imports PySide6.QtGui",
        "smallcrm/services/d.py:1 imports smallcrm.gui at module level",
    ]


def test_both_checks_catch_qt_slipped_into_a_service(tmp_path):
    copy = tmp_path / "tree"
    shutil.copytree(ROOT / PACKAGE, copy / PACKAGE, ignore=shutil.ignore_patterns("__pycache__"))
    service = copy / PACKAGE / "services" / "contacts.py"
    service.write_text(service.read_text(encoding="utf-8") + "\nimport PySide6\n", encoding="utf-8")

    assert any("services/contacts.py" in p and "PySide6" in p for p in qt_violations(copy / PACKAGE))
    work = tmp_path / "work"
    work.mkdir()
    result = lint_imports(copy, work)
    assert result.returncode != 0
    assert "Qt stays in smallcrm.gui BROKEN" in result.stdout, result.stdout
    assert "smallcrm.services.contacts -> PySide6" in result.stdout, result.stdout
