"""The wheel over a field without the focus scrolls the page, never changes the field."""

from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


def turn_wheel(widget, notches=-3):
    """A wheel turned with the pointer over `widget`, delivered as Qt delivers it."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_past_fields_without_focus_and_changes_a_focused_one(qtbot):
    page = QWidget()
    layout = QVBoxLayout(page)
    date, number, choice = QDateEdit(QDate(2026, 11, 1)), QSpinBox(), QComboBox()
    number.setValue(5)
    choice.addItems(["a", "b", "c"])
    for field in (date, number, choice):
        layout.addWidget(field)
        layout.addSpacing(600)
    scroll = QScrollArea()
    scroll.setWidget(page)
    scroll.resize(300, 200)
    qtbot.addWidget(scroll)
    scroll.show()
    qtbot.waitExposed(scroll)

    # On a real display Qt focuses a field with wheel focus before any filter sees the
    # wheel (a report's language changed): no field keeps that focus policy.
    assert all(f.focusPolicy() != Qt.FocusPolicy.WheelFocus for f in (date, number, choice))
    for field in (date, number, choice):
        turn_wheel(field)
    assert (date.date(), number.value(), choice.currentIndex()) == (QDate(2026, 11, 1), 5, 0)
    assert scroll.verticalScrollBar().value() > 0  # the page moved instead

    number.setFocus()
    qtbot.waitUntil(number.hasFocus)
    turn_wheel(number, notches=1)
    assert number.value() == 6


def test_scrolling_the_reports_page_changes_no_date(logged_in, qtbot):
    from shelter_app.gui.date_field import TypedField

    window = logged_in.main_window
    window.show_area("reports")
    area = window.areas["reports"]
    qtbot.waitUntil(lambda: bool(area.findChildren(TypedField)), timeout=10000)
    fields = [f.edit for f in area.findChildren(TypedField) if f.isVisibleTo(area)] + [
        f for kind in (QAbstractSpinBox, QComboBox) for f in area.findChildren(kind)
        if f.isVisibleTo(area)]
    assert len(fields) >= 14  # nine dates and a month, a language for each report
    before = [f.currentText() if isinstance(f, QComboBox) else f.text() for f in fields]
    for field in fields:
        turn_wheel(field)
        turn_wheel(field, notches=2)
    assert [f.currentText() if isinstance(f, QComboBox) else f.text()
            for f in fields] == before
