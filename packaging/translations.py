"""Update the translations from the source, then compile them.

    python packaging/translations.py

Runs pyside6-lupdate over smallcrm/gui/*.py and ui/*.ui into every resources/translations/smallcrm_*.ts
(translations already made are kept; messages no longer in the source are dropped), then pyside6-lrelease
into the .qm files smallcrm loads. lupdate does not see through a module's own translate helper
(`def _tr(text): return QCoreApplication.translate("messages", text)`), so the texts passed to such a
helper are handed to it as QT_TRANSLATE_NOOP lines with the helper's context.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("fr_FR",)


def sources() -> list[Path]:
    return sorted((ROOT / "smallcrm" / "gui").glob("*.py")) + sorted((ROOT / "ui").glob("*.ui"))


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"smallcrm_{language.split('_')[0]}.ts"


def _helper_context(node: ast.AST) -> str | None:
    """The context of `def name(text): return QCoreApplication.translate("context", text)`, else None."""
    if not isinstance(node, ast.FunctionDef) or len(node.args.args) != 1 or len(node.body) != 1:
        return None
    body = node.body[0]
    call = body.value if isinstance(body, ast.Return) else None
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "translate"
            and len(call.args) == 2 and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)
            and isinstance(call.args[1], ast.Name) and call.args[1].id == node.args.args[0].arg):
        return None
    return call.args[0].value


def helper_messages(path: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(context, text) for every string passed to the module's translate helpers (written out, or a
    module-level constant), and where a helper is given anything else (which no tool can collect)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    helpers = {node.name: context for node in tree.body if (context := _helper_context(node)) is not None}
    constants = {node.targets[0].id: node.value.value for node in tree.body
                 if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)}
    found, unreadable = [], []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in helpers:
            argument = node.args[0] if len(node.args) == 1 else None
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.append((helpers[node.func.id], argument.value))
            elif isinstance(argument, ast.Name) and argument.id in constants:
                found.append((helpers[node.func.id], constants[argument.id]))
            else:
                unreadable.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found, unreadable


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        sys.exit(f"translations: {name} is not on PATH (it comes with PySide6)")
    return found


def update(ts: Path, language: str) -> str:
    """Bring `ts` up to date with the source; returns what lupdate said."""
    with tempfile.TemporaryDirectory(prefix="smallcrm-lupdate-") as scratch:
        helper_file = Path(scratch) / "translate_helpers.py"
        lines, unreadable = [], []
        for path in sorted((ROOT / "smallcrm" / "gui").glob("*.py")):
            found, bad = helper_messages(path)
            lines += [f"QT_TRANSLATE_NOOP({context!r}, {text!r})\n" for context, text in found]
            unreadable += bad
        if unreadable:
            sys.exit("translations: a translate helper is given something other than a plain string at "
                     + ", ".join(unreadable))
        helper_file.write_text("".join(lines), encoding="utf-8")
        ts.parent.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [_tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete", "-source-language", "en",
             "-target-language", language, *map(str, sources()), str(helper_file), "-ts", str(ts)],
            capture_output=True, text=True, encoding="utf-8", check=False)
    if done.returncode != 0:
        sys.exit(f"translations: lupdate failed\n{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def release(ts: Path) -> Path:
    qm = ts.with_suffix(".qm")
    done = subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], capture_output=True, text=True,
                          encoding="utf-8", check=False)
    if done.returncode != 0:
        sys.exit(f"translations: lrelease failed\n{done.stdout}{done.stderr}")
    print(done.stdout.strip())
    return qm


def main() -> int:
    for language in LANGUAGES:
        ts = ts_file(language)
        print(update(ts, language).strip())
        release(ts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
