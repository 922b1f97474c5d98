"""The application's one style sheet, resources/style/app.qss, and its named colours.

Widgets get a role, never colours of their own: a dynamic property the sheet selects on
(`set_role(label, tone="warning")` for `QLabel[tone="warning"]`), or an object name for
a widget there is one of. The sheet writes its colours as @name; COLOURS is the one place
they are defined, also for what the app paints itself (the week view, the round's cells).
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget

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
