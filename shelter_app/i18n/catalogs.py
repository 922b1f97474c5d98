"""Keeping the catalogs honest: English is the source language, so its catalog is the
message ids themselves; every other catalog must translate every message with the same
{placeholders}. Used by `make extract` and by the tests."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from shelter_app.paths import locale_dir

PLACEHOLDER = re.compile(r"\{(\w*)\}")


def catalog_path(language: str) -> Path:
    return locale_dir() / language / "LC_MESSAGES" / "shelter_app.po"


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def fill_english() -> int:
    """Copy each new message id into the English catalog; returns how many were new."""
    path = catalog_path("en")
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    filled = 0
    for message in catalog:
        if message.id and not _translated(message.string):
            message.string = message.id
            filled += 1
    with path.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, sort_output=True, width=100,
                 ignore_obsolete=True)
    return filled


def drop_obsolete(language: str) -> None:
    """Messages gone from the source leave the catalog: kept as #~ they only hide what
    was renamed from whoever translates next."""
    path = catalog_path(language)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    with path.open("wb") as handle:
        write_po(handle, catalog, sort_output=True, width=76, ignore_obsolete=True)


def _translated(string) -> bool:
    return any(string) if isinstance(string, tuple | list) else bool(string)


def _all_placeholders(text) -> set[str]:
    texts = text if isinstance(text, tuple | list) else (text,)
    return set().union(*(placeholders(t) for t in texts))


def problems(language: str) -> list[str]:
    with catalog_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    found = []
    for message in catalog:
        if not message.id:
            continue
        if not _translated(message.string):
            found.append(f"{language}: untranslated: {message.id!r}")
        elif "fuzzy" in message.flags:
            found.append(f"{language}: fuzzy: {message.id!r}")
        elif _all_placeholders(message.string) != _all_placeholders(message.id):
            found.append(f"{language}: placeholders differ: {message.id!r}")
    return found


if __name__ == "__main__":
    print(f"English: {fill_english()} new messages")  # noqa: T201
    drop_obsolete("id")
    remaining = [p for language in ("id", "en") for p in problems(language)]
    print("\n".join(remaining) or "All catalogs complete.")  # noqa: T201
    sys.exit(0)
