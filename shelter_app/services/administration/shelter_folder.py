"""What can be known about a data folder before anyone logs in. Light on purpose: the
login window imports it, and must appear before the database libraries are loaded."""

from __future__ import annotations

from pathlib import Path

from shelter_app.domain.errors import StorageError
from shelter_app.storage import device
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.keyfile import KeyFile


def is_set_up(root: Path) -> bool:
    return DataDir(Path(root)).is_set_up()


def works_on_server(root: Path) -> bool:
    """A workstation of the shelter's server (its records are not on this PC)."""
    return DataDir(Path(root)).is_server()


def is_demo(root: Path) -> bool:
    try:
        return KeyFile.load(DataDir(Path(root)).key_file).demo
    except StorageError:
        return False


def keyring_available() -> bool:
    return device.keyring_available()


def saved_language(root: Path) -> str:
    return DataDir(Path(root)).read_preferences().get("language", "")


def save_language(root: Path, language: str) -> None:
    DataDir(Path(root)).write_preferences(language=language)


WINDOW_PLACE = ("x", "y", "width", "height")


def saved_window(root: Path, username: str) -> dict | None:
    """Where this user left the main window on this PC's data folder: x, y, width and
    height in screen pixels and whether it was maximised; None if never or unreadable.
    Kept in preferences.json (plain, like the language), keyed by the user name, which
    keys.json holds in the same folder anyway."""
    windows = DataDir(Path(root)).read_preferences().get("windows")
    place = windows.get(username) if isinstance(windows, dict) else None
    if not isinstance(place, dict) or not all(
            type(place.get(key)) is int for key in WINDOW_PLACE):
        return None
    return {key: place[key] for key in WINDOW_PLACE} | {
        "maximised": place.get("maximised") is True}


def save_window(root: Path, username: str, place: dict) -> None:
    data_dir = DataDir(Path(root))
    windows = data_dir.read_preferences().get("windows")
    windows = dict(windows) if isinstance(windows, dict) else {}
    windows[username] = {key: int(place[key]) for key in WINDOW_PLACE} | {
        "maximised": bool(place["maximised"])}
    data_dir.write_preferences(windows=windows)
