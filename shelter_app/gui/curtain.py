"""While the records are locked, no window of the app shows what it holds.

A dialog cannot simply be hidden: hiding a QDialog ends its exec() loop, and the code
that opened it would carry on as if the user had cancelled (the typing lost). So every
shown window (the main window, profiles, the session dialog, wizards, previews, message
boxes) is covered instead: a plain panel drawn over all of it and a title that names
nothing. Its widgets, and what was typed in them, stay as they were underneath; the lock
screen, an application-modal window of its own, keeps the keyboard from reaching them.
Menus, drop-down lists and tooltips are closed. A window that opens while locked (an
error from a save that was under way) is covered as it appears.

`lift()` gives the same user everything back as it was; `discard()` closes it unsaved
for whoever logs in next.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QToolTip, QVBoxLayout, QWidget
from shiboken6 import isValid

from shelter_app.gui.widgets import heading
from shelter_app.i18n import _

_CLOSED_WHEN_LOCKED = (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
_DELETE_RETRY_MS = 20


def locked_title() -> str:
    return _("Rumah Aman: locked")


class _Cover(QObject):
    """The panel over one window, kept over it whatever the window does meanwhile."""

    def __init__(self, window: QWidget):
        super().__init__(window)  # goes with the window if it is deleted
        self.window = window
        self.title = window.windowTitle()
        self.panel = QWidget(window)
        self.panel.setObjectName("lockCurtain")
        self.panel.setAutoFillBackground(True)  # opaque: nothing beneath is painted
        layout = QVBoxLayout(self.panel)
        layout.addWidget(heading(_("Locked"), 18), 0, Qt.AlignmentFlag.AlignCenter)
        self.panel.setGeometry(window.rect())
        self.panel.show()
        self.panel.raise_()
        window.setWindowTitle(locked_title())
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize:
            self.panel.setGeometry(self.window.rect())
        elif kind == QEvent.Type.ChildAdded:
            self.panel.raise_()  # a widget added later would be drawn over the panel
        elif kind == QEvent.Type.WindowTitleChange and (
                self.window.windowTitle() != locked_title()):
            self.title = self.window.windowTitle()  # the window's own new title, for later
            self.window.setWindowTitle(locked_title())
        return False

    def remove(self) -> None:
        self.window.removeEventFilter(self)
        self.window.setWindowTitle(self.title)
        self.panel.hide()
        self.panel.deleteLater()
        self.deleteLater()


class Curtain(QObject):
    """Covers every window but `prompt` (the lock screen) while drawn."""

    def __init__(self, prompt: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self.prompt = prompt
        self.covers: list[_Cover] = []
        self.drawn = False
        self._focus: QWidget | None = None

    def draw(self) -> None:
        if self.drawn:
            return
        self.drawn = True
        self._focus = QApplication.focusWidget()
        QToolTip.hideText()
        for window in QApplication.topLevelWidgets():
            self._cover_if_shown(window)
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if (event.type() == QEvent.Type.Show and isinstance(watched, QWidget)
                and watched.isWindow() and watched is not self.prompt):
            self._cover_if_shown(watched)
            if watched.isModal():  # the newest modal window would take the keyboard
                self.prompt.hide()
                self.prompt.show()
        return False

    def _cover_if_shown(self, window: QWidget) -> None:
        if window is self.prompt or not window.isVisible() or self._covered(window):
            return
        if window.windowType() in _CLOSED_WHEN_LOCKED:
            window.hide()  # a menu's or a list's own loop just ends: nothing is lost
            return
        self.covers.append(_Cover(window))

    def _covered(self, window: QWidget) -> bool:
        return any(isValid(cover) and cover.window is window for cover in self.covers)

    def _stop_watching(self) -> list[_Cover]:
        QApplication.instance().removeEventFilter(self)
        self.drawn = False
        covers = [cover for cover in self.covers if isValid(cover) and isValid(cover.window)]
        self.covers = []
        return covers

    def lift(self) -> None:
        """The same user is back: every window as it was, the focus where it was."""
        for cover in self._stop_watching():
            cover.remove()
        focus, self._focus = self._focus, None
        if focus is not None and isValid(focus) and focus.isVisible():
            focus.activateWindow()
            focus.setFocus()

    def discard(self, keep: QWidget, level: int) -> None:
        """Another user: every covered window but `keep` (the main window, which its
        owner closes) is closed unsaved, and deleted once the loops are back at `level`.
        Hiding a dialog ends its exec() loop as 'rejected' and sends no accepted,
        rejected or finished signal, so nothing that was typed is saved."""
        self._focus = None
        for cover in self._stop_watching():
            window = cover.window
            if window is not keep:
                window.hide()
                delete_when_unwound(window, level)
        self.prompt.hide()


def delete_when_unwound(widget: QWidget, level: int) -> None:
    """deleteLater once the event loops are back at `level` (where the window was made).
    A dialog's exec() that a lock interrupted returns only as its loop unwinds, and the
    code that called it still holds its window until then: deleted under its feet, it
    would fail. (No inner function calling itself: that cycle kept windows alive.)"""
    if not isValid(widget):
        return  # went with its parent
    if QThread.currentThread().loopLevel() > level:
        QTimer.singleShot(_DELETE_RETRY_MS, lambda: delete_when_unwound(widget, level))
        return
    widget.deleteLater()
