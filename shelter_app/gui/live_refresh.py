"""Live refresh (shared mode): another PC's change shows here within 2 s, and a lost
connection to the server is said in a banner until it is back.

The listener (services/shared/live.py) runs on a thread of its own; its news reaches the
GUI thread through this object's signals. The screen on show reads again, after a short
pause that gathers a burst of changes into one reload; a screen out of sight reads again
when it is next shown. A screen whose user is in the middle of something a reload would
undo (a cell being typed in the round, a session being dragged) waits until they finish.
Dialogs are never reloaded: what is typed in them stays.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from shelter_app.gui.style import set_role
from shelter_app.i18n import _
from shelter_app.services.shared import live

GATHER_MS = 300  # changes within this long give one reload
BUSY_RETRY_MS = 1000  # a screen in the middle of an edit is tried again this often


class LiveRefresh(QObject):
    changes_heard = Signal(object)  # list[live.Change]; emitted on the listener's thread
    connection_changed = Signal(bool)  # the same

    def __init__(self, window):
        super().__init__(window)  # the window is its parent, never held by a reference:
        # a discarded window must go with its last reference (the GUI runs no cyclic GC)
        self.banner = QLabel(_("The shelter's server cannot be reached: reconnecting… "
                               "Nothing you have typed is lost: save it once the server "
                               "is back."))
        self.banner.setWordWrap(True)
        set_role(self.banner, panel="problem")
        self.banner.hide()
        self.stale: set[str] = set()  # screens to read again (SCREENS' keys)
        self.reloads = 0  # for tests: screens read again so far
        self._listener = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._reload)
        self.changes_heard.connect(self._heard)  # queued to this (the GUI) thread
        self.connection_changed.connect(self._connected)
        self._watched: dict[str, QWidget] = {}

    @property
    def window(self):
        return self.parent()

    # -- the listener ----------------------------------------------------------------
    def start(self, reload: bool = False) -> None:
        """After login, and again after an unlock (`reload`: what changed while locked)."""
        if self._listener is None:
            self._listener = live.start_listening(self.window.workspace, self._tell_changes,
                                                  self._tell_state)
        if reload and self._listener is not None:
            self._heard([live.EVERYTHING])

    def stop(self) -> None:
        """At lock, logout and close: nothing is heard after this returns."""
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.stop(wait_s=0)  # never waits on the GUI thread; it ends by itself
        self._timer.stop()
        self.banner.hide()

    @property
    def listening(self) -> bool:
        return self._listener is not None

    # on the listener's thread: only hand over to the GUI thread
    def _tell_changes(self, changes) -> None:
        if shiboken6.isValid(self):
            self.changes_heard.emit(changes)

    def _tell_state(self, connected: bool) -> None:
        if shiboken6.isValid(self):
            self.connection_changed.emit(connected)

    # -- on the GUI thread -------------------------------------------------------------
    def _connected(self, connected: bool) -> None:
        if self._listener is not None:
            self.banner.setVisible(not connected)

    def _heard(self, _changes) -> None:
        if self._listener is None or self.window.locked:
            return
        self.stale |= set(SCREENS)
        if not self._timer.isActive():
            self._timer.start(GATHER_MS)

    def _reload(self) -> None:
        if self._listener is None or self.window.locked:
            return
        waiting = False
        for key in sorted(self.stale):
            screen = SCREENS[key](self.window)
            if screen is None:  # not for this user, or not loaded yet: nothing shown
                self.stale.discard(key)
                continue
            self._watch(screen, key)
            if not screen.isVisible():
                continue  # read again when shown
            if _busy(screen):
                waiting = True
                continue
            self.stale.discard(key)
            self.reloads += 1
            screen.refresh()
        if waiting:
            self._timer.start(BUSY_RETRY_MS)

    def _watch(self, screen: QWidget, key: str) -> None:
        if key not in self._watched:
            self._watched[key] = screen
            screen.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Show and self.stale:  # a stale screen comes into sight
            if getattr(watched, "reloads_when_shown", False):  # it reads again by itself
                self.stale -= {k for k, screen in self._watched.items() if screen is watched}
            elif not self._timer.isActive():
                self._timer.start(0)
        return False


def _busy(screen: QWidget) -> bool:
    """True while a reload now could undo what the user is doing."""
    if QApplication.activePopupWidget() is not None:  # a list dropped down, a menu
        return True
    editing = getattr(screen, "is_being_edited", None)
    return bool(editing and editing())


def _residents(window):
    return window.areas.get("residents")


def _round(window):
    area = window.areas.get("provisions")
    return getattr(area, "round", None)


def _calendar(window):
    calendar = getattr(window.areas.get("counselling"), "calendar", None)
    return calendar if getattr(calendar, "_shown_once", False) else None


def _dashboard(window):
    board = window.areas.get("dashboard")
    # managers only (others have an empty page); loaded once it has been shown
    return board if getattr(board, "_shown_once", False) and hasattr(board, "refresh") \
        else None


def _training(window):
    page = getattr(window.areas.get("counselling"), "training", None)
    return page if getattr(page, "_shown_once", False) else None


SCREENS = {"residents": _residents, "round": _round, "calendar": _calendar,
           "dashboard": _dashboard, "training": _training}
