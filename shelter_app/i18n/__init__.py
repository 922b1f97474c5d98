"""Translations. `_` looks up the current language at call time, so a language switch
takes effect for every string built afterwards. Module-level strings use `N_` and
are translated where they are shown.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import threading
from collections.abc import Callable, Iterator

from shelter_app.paths import locale_dir

DOMAIN = "shelter_app"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

_current_language = DEFAULT_LANGUAGE
_switch_lock = threading.Lock()
_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_listeners: list[Callable[[str], None]] = []


def set_language(language: str) -> None:
    _load(language)
    for listener in _listeners:
        listener(_current_language)


def when_language_changes(listener: Callable[[str], None]) -> None:
    """Call `listener(language)` after every set_language: the GUI's Qt translator and
    calendar locale follow the app's language. Not for in_language's report."""
    _listeners.append(listener)


def _load(language: str) -> None:
    global _current_language, _translations
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    _translations = _gettext.translation(
        DOMAIN, localedir=str(locale_dir()), languages=[language], fallback=True
    )
    _current_language = language


def current_language() -> str:
    return _current_language


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def language_names() -> dict[str, str]:
    """Each language in its own name, as a language picker shows it."""
    return {"id": "Bahasa Indonesia", "en": "English"}


set_language(DEFAULT_LANGUAGE)


@contextlib.contextmanager
def in_language(language: str | None) -> Iterator[None]:
    """Build something (a report) in another language, then switch back."""
    if not language or language == _current_language:
        yield
        return
    previous = _current_language
    with _switch_lock:
        _load(language)
        try:
            yield
        finally:
            _load(previous)
