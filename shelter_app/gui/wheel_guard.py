"""The mouse wheel changes only the field that has the focus.

Qt lets a wheel turned over any spin box, date field or list change its value, focused
or not: scrolling the Reports page changed a report date under the pointer. One filter on
the whole application stops that; the wheel then scrolls the page as the user meant.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
)

_FIELDS = (QAbstractSpinBox, QComboBox, QAbstractSlider)  # date and time edits are spin boxes


def _no_wheel_focus(widget) -> None:
    # Qt gives a field with wheel focus the focus before any filter sees the wheel, so
    # "not focused" would never hold on a real display: no wheel focus at all.
    if _is_field(widget) and widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class WheelGuard(QObject):
    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish:
            _no_wheel_focus(watched)
        elif kind == QEvent.Type.Wheel and _is_field(watched) and not watched.hasFocus():
            area = _scroll_area_around(watched)
            if area is not None:  # the page scrolls, as if the field were not there
                QApplication.sendEvent(area.viewport(), event)
            event.accept()
            return True
        return False


def _is_field(widget) -> bool:
    return isinstance(widget, _FIELDS) and not isinstance(widget, QScrollBar)


def _scroll_area_around(widget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


_guard: WheelGuard | None = None


def install(app: QApplication) -> None:
    global _guard
    if _guard is None:
        _guard = WheelGuard()
        app.installEventFilter(_guard)
        for widget in app.allWidgets():  # made before the guard: the login window's
            _no_wheel_focus(widget)
