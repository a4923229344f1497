"""Where smallcrm keeps its files, and where the shipped resources are."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "smallcrm"
_PACKAGE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The user's data folder for smallcrm (created on demand)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    return data_dir() / "smallcrm.sqlite"


def log_file() -> Path:
    return data_dir() / "smallcrm.log"


def shipped(kind: str) -> Path:
    """The `ui` or `resources` folder: inside the installed wheel, or at the top of a source checkout."""
    installed = _PACKAGE / "_data" / kind
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / kind


def resource(*parts: str) -> Path:
    return shipped("resources").joinpath(*parts)


def ui_form(name: str) -> Path:
    return shipped("ui") / name
