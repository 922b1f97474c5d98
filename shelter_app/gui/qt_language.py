"""Qt speaks the app's language too: its own dialogs (the file dialog's "Look in", the
buttons of message boxes, the menus of text fields) and its calendars ("December Mon
Tue"). Qt ships no Indonesian, so a translator answers Qt from our own gettext catalog
(the texts listed in gui/qt_strings.py), and the default QLocale follows the language, so
calendars name months and days in it. Both follow i18n.set_language at run time (the
login window and Administration switch the language).

On Linux the app uses Qt's own dialogs rather than the desktop's (a GTK file dialog
speaks the desktop's language, not the app's); on Windows and macOS the native dialogs
speak the system's language, which staff have chosen.
"""

from __future__ import annotations

import sys

import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator

from shelter_app import i18n
from shelter_app.gui.qt_strings import QT_STRINGS
from shelter_app.i18n import _

LOCALES = {
    "id": (QLocale.Language.Indonesian, QLocale.Country.Indonesia),
    "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
}
USE_QT_DIALOGS = not sys.platform.startswith(("win", "darwin"))


class CatalogTranslator(QTranslator):
    """Answers Qt from the app's catalog, in the language of the moment. Any text not in
    QT_STRINGS is left to Qt: None is Qt's "no translation", where "" would be taken as
    a translation and blank out the text (a key such as Alt+Left, the layout direction)."""

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        if source_text in QT_STRINGS.get(context, ()):
            return _(source_text)
        return None

    def isEmpty(self) -> bool:
        return False  # Qt installs only a translator that says it has something


_translator: CatalogTranslator | None = None
_following = False


def install(app: QCoreApplication) -> None:
    """Once per application: the translator, the locale, and both following the
    language from now on."""
    global _translator, _following
    if USE_QT_DIALOGS:
        app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    if _translator is not None and shiboken6.isValid(_translator):
        return
    _translator = CatalogTranslator(app)
    app.installTranslator(_translator)
    QLocale.setDefault(locale_for(i18n.current_language()))
    if not _following:
        i18n.when_language_changes(_follow)
        _following = True


def locale_for(language: str) -> QLocale:
    return QLocale(*LOCALES.get(language, LOCALES[i18n.DEFAULT_LANGUAGE]))


def _follow(language: str) -> None:
    QLocale.setDefault(locale_for(language))
    app = QCoreApplication.instance()
    if _translator is not None and shiboken6.isValid(_translator) and app is not None:
        # Installing it again sends LanguageChange to every widget: Qt's own widgets
        # already on screen (a dialog's buttons) ask for their texts again.
        app.removeTranslator(_translator)
        app.installTranslator(_translator)
