"""Where the app's bundled files are, in an installed wheel and in a checkout."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    installed = _PACKAGE_DIR / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def resources_dir() -> Path:
    return _bundled("resources")


def locale_dir() -> Path:
    return resources_dir() / "locale"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def style_dir() -> Path:
    return resources_dir() / "style"


def app_icon_path() -> Path:
    return resources_dir() / "icons" / "rumah-aman.png"


def migrations_dir() -> Path:
    return _bundled("db")


def ui_dir() -> Path:
    return _bundled("ui")


def default_data_dir() -> Path:
    """SHELTER_DATA_DIR, else the platform's per-user data folder."""
    override = os.environ.get("SHELTER_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("RumahAman", appauthor=False))
