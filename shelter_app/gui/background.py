"""Run slow work off the GUI thread and get the result back on it (after Anki's QueryOp).

Every operation runs on one worker thread, so database writes are serialised. A busy
cursor appears after 300 ms and, when asked for, a progress dialog after 600 ms.

Qt objects must only be created and destroyed on the GUI thread. Two things here see
to it: results come back through one long-lived relay object (not one per operation),
and Python's cyclic garbage collector runs only on the GUI thread (as Anki does): left
automatic, it can run in the worker and free a widget there, which deadlocked CI.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from shelter_app.domain.errors import Locked, ShelterError, storage_fault
from shelter_app.i18n import _

log = logging.getLogger(__name__)
BUSY_CURSOR_MS = 300
PROGRESS_DIALOG_MS = 600

_worker_pool: QThreadPool | None = None
_relay: _Relay | None = None
_running: set[Op] = set()
GC_INTERVAL_MS = 30_000
_gc_timer: QTimer | None = None


def collect_garbage_on_gui_thread() -> None:
    """Switch off automatic cyclic GC and run it from a GUI-thread timer instead."""
    global _gc_timer
    gc.disable()
    if _gc_timer is None:
        _gc_timer = QTimer()
        _gc_timer.timeout.connect(gc.collect)
        _gc_timer.start(GC_INTERVAL_MS)


def worker_pool() -> QThreadPool:
    global _worker_pool, _relay
    if _relay is None:
        _relay = _Relay()  # made on the GUI thread, which is where its slot runs
    if _worker_pool is None:
        _worker_pool = QThreadPool()
        _worker_pool.setMaxThreadCount(1)
        _worker_pool.setExpiryTimeout(-1)
    return _worker_pool


def wait_for_idle(msecs: int = 30000) -> bool:
    """For tests and shutdown: wait until queued operations have finished."""
    return worker_pool().waitForDone(msecs)


class _Relay(QObject):
    """Lives on the GUI thread: its slot runs there whatever thread emits."""

    finished = Signal(object, object, object)  # op, result, error

    def __init__(self):
        super().__init__()
        # Emitted from the worker, received here: Qt queues it to the GUI thread.
        self.finished.connect(self._deliver)

    @Slot(object, object, object)
    def _deliver(self, op: Op, result: Any, error: BaseException | None) -> None:
        op._finish(result, error)


class _Job(QRunnable):
    def __init__(self, op: Op, relay: _Relay):
        super().__init__()
        self.setAutoDelete(True)
        self._op, self._relay = op, relay

    def run(self) -> None:
        op, self._op = self._op, None  # the GUI thread holds the last reference, not us
        try:
            result = op._work()
        except BaseException as error:  # delivered to the GUI thread, never lost
            self._relay.finished.emit(op, None, error)
        else:
            self._relay.finished.emit(op, result, None)
        del op


def explain(error: BaseException) -> str:
    """The one message a user sees for an error: ours as is; a disk that refuses by what
    it is (full, read-only...); anything else, generic."""
    if isinstance(error, ShelterError):
        return str(error)
    if isinstance(error, OSError):
        fault = storage_fault(error)
        if fault is not None:
            return str(fault)
        return _("The system refused: {reason}.").format(
            reason=error.strerror or type(error).__name__)
    log.error("unexpected %s in a background operation", type(error).__name__)
    return _("Something unexpected went wrong ({kind}). Nothing was changed after the last "
             "saved step.").format(kind=type(error).__name__)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, _("Rumah Aman"), explain(error), parent=parent)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


class Op:
    """Op(parent, work, success).failure(f).with_progress(label).run_in_background()"""

    def __init__(self, parent: QWidget | None, work: Callable[[], Any],
                 success: Callable[[Any], None] | None = None):
        self._parent, self._work = parent, work
        self._success = success or (lambda _result: None)
        self._failure: Callable[[BaseException], None] = (
            lambda error, shown_over=parent: show_error(shown_over, error))
        self._progress_label: str | None = None
        self._progress: QProgressDialog | None = None
        self._cursor_set = False
        self._done = False

    def failure(self, handler: Callable[[BaseException], None]) -> Op:
        self._failure = handler
        return self

    def with_progress(self, label: str) -> Op:
        self._progress_label = label
        return self

    def run_in_background(self) -> Op:
        pool = worker_pool()
        _running.add(self)
        QTimer.singleShot(BUSY_CURSOR_MS, self._show_busy_cursor)
        if self._progress_label is not None:
            QTimer.singleShot(PROGRESS_DIALOG_MS, self._show_progress)
        pool.start(_Job(self, _relay))
        return self

    def _show_busy_cursor(self) -> None:
        if not self._done:
            from PySide6.QtCore import Qt  # the Qt namespace costs 60 ms to load: not at start

            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self._cursor_set = True

    def _show_progress(self) -> None:
        if self._done:
            return
        self._progress = QProgressDialog(self._progress_label, "", 0, 0, self._parent)
        self._progress.setCancelButton(None)
        self._progress.setWindowTitle(_("Please wait"))
        from PySide6.QtCore import Qt

        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.show()

    def _finish(self, result: Any, error: BaseException | None) -> None:
        self._done = True
        _running.discard(self)
        if self._cursor_set:
            QApplication.restoreOverrideCursor()
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
        success, failure, parent = self._success, self._failure, self._parent
        # Drop every widget and closure here, on the GUI thread, so that nothing of Qt's
        # is ever released by the worker.
        self._parent = self._work = self._progress = None
        self._success = self._failure = None
        if parent is not None and not shiboken6.isValid(parent):
            return  # its window was closed while the work ran: nobody to tell
        if isinstance(error, Locked):
            return  # locked or logged out meanwhile: the lock screen says so already
        if error is None:
            success(result)
        else:
            failure(error)
