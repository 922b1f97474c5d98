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
