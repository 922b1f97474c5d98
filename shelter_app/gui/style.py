"""The application's one style sheet, resources/style/app.qss, and its named colours.

Widgets get a role, never colours of their own: a dynamic property the sheet selects on
(`set_role(label, tone="warning")` for `QLabel[tone="warning"]`), or an object name for
a widget there is one of. The sheet writes its colours as @name; COLOURS is the one place
they are defined, also for what the app paints itself (the week view, the round's cells).
"""

from __future__ import annotations

import re
from functools import cache

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QFocusFrame,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
)

from shelter_app.paths import style_dir

COLOURS = {
    # text tones: QLabel[tone=...]
    "error": "#b00020",
    "warning": "#8a5a00",
    "muted": "#555555",
    "good": "#1b6e2a",
    "accent": "#1f4f8a",
    # the ring around the focused widget, and the round's current cell
    "focus": "#e07800",
    "view-edge": "#b4b4b4",  # a table's or a list's edge when it has no focus
    # boxes: QLabel[panel=...] and the dashboard's tiles
    "problem": "#8a1c12", "problem-fill": "#fdecea", "problem-edge": "#f5c2bd",
    "demo-fill": "#fff4d6",
    "secret-fill": "#f4f4f4", "secret-edge": "#cccccc",
    "tile-fill": "#ffffff",
    # the kinds of session: the week view's blocks and its legend
    "individual-fill": "#d7e8fb", "individual-edge": "#3b78c2",
    "group-fill": "#dff3e3", "group-edge": "#3c8d50",
    "family-fill": "#fbead2", "family-edge": "#c27a1f",
    "other-kind-fill": "#eeeeee", "other-kind-edge": "#777777",
    "cancelled-fill": "#f1f1f1", "cancelled-edge": "#aaaaaa", "cancelled-text": "#777777",
    "no-show-fill": "#fbe3e3",
    # the week view's page
    "calendar": "#ffffff", "calendar-today": "#fffbe8", "calendar-weekend": "#f6f6f6",
    "calendar-grid": "#e1e4e8", "calendar-text": "#222222", "calendar-hours": "#666666",
    "calendar-block-text": "#111111",
    # the daily round's cells
    "flagged-fill": "#fff0c2",  # given while awaiting a decision
    "not-given": "#9a9a9a",  # an unticked row's quantities: kept, not given
    "refused-fill": "#f5c2bd",  # the quantity a message is about
    # `make screenshots`: what a dialog is drawn on
    "screenshot-backdrop": "#5b6770",
}

_NAMED = re.compile(r"@([a-z][a-z0-9-]*)")


@cache  # painted hundreds of times a frame; callers never change it
def colour(name: str) -> QColor:
    return QColor(COLOURS[name])


def style_sheet() -> str:
    """app.qss with its @names replaced by their colours (an unknown name is an error)."""
    text = (style_dir() / "app.qss").read_text(encoding="utf-8")
    return _NAMED.sub(lambda match: COLOURS[match.group(1)], text)


def apply_style(app: QApplication) -> None:
    """The one place the app's look is set: once, for every window."""
    app.setStyleSheet(style_sheet())
    global _focus_ring
    if _focus_ring is None:
        _focus_ring = FocusRing(app)


# Text fields draw their own focus frame, tables and lists theirs by app.qss; an editor
# in a table is inside its cell's.
_OWN_FOCUS_FRAME = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QTableView,
                    QListView, QTreeView)


class FocusRing(QObject):
    """A ring around the widget with the keyboard focus, in every window: Fusion shows
    the focus of a combo box, a table or the week view faintly or not at all. It is one
    QFocusFrame that follows the focus, drawn by app.qss (QFocusFrame)."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.frame: QFocusFrame | None = None
        app.focusChanged.connect(self.follow)

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        wanted = new if _ringed(new) else None
        if self.frame is None or not shiboken6.isValid(self.frame):
            if wanted is None:
                return
            self.frame = QFocusFrame()  # goes with the widget's window when that closes
        self.frame.setWidget(wanted)


def _ringed(widget: QWidget | None) -> bool:
    if widget is None or widget.parentWidget() is None or isinstance(widget, QFocusFrame):
        return False
    if isinstance(widget, _OWN_FOCUS_FRAME):
        return False
    viewport_of = widget.parentWidget().parentWidget()
    return not (isinstance(viewport_of, QAbstractItemView)
                and widget.parentWidget() is viewport_of.viewport())


_focus_ring: FocusRing | None = None


def set_role(widget: QWidget, **roles: str) -> None:
    """Give `widget` roles the sheet selects on (tone="warning", panel="demo", ...; ""
    takes a role away). Qt does not restyle a widget when a property changes, so it is
    polished again: a role can change while the widget is on screen."""
    for name, value in roles.items():
        widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
