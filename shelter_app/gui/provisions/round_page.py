"""The daily round: everyone present on the day, the package filled in for whoever is not
recorded yet; staff change what differs and confirm it all at once. Every row is sent:
an unticked row records that nothing was given.

The round is read again each time the page is shown and when its day changes, so an
admission or a discharge made meanwhile (in the residents area, or on another PC) is in
it. Rows the user changed and has not confirmed keep their changes across a reload.
A day typed in the future or not a day is said at the field; the round shown stays, and
only the round of the day shown can be confirmed."""

from __future__ import annotations

import datetime as dt
import re
import textwrap

from PySide6.QtCore import QItemSelectionModel, QRegularExpression, Qt, Signal
from PySide6.QtGui import QPen, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import RecordChanged
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import DecisionKind
from shelter_app.gui.background import Op
from shelter_app.gui.date_field import DateField
from shelter_app.gui.provisions.decisions import DecisionDialog
from shelter_app.gui.style import colour, set_role
from shelter_app.gui.widgets import show_message, shown_only_if
from shelter_app.i18n import _, ngettext
from shelter_app.i18n.formatting import format_date
from shelter_app.services.provisions import catalog, rounds

FIXED_COLUMNS = 4  # given, case, day, stage


def short_stage(stage: str) -> str:
    return {"1": _("Stage 1"), "2": _("Stage 2")}.get(stage, _("Extension"))
# Typing takes digits only (RoundDelegate); a text set otherwise is still checked:
_WHOLE_NUMBER = re.compile(r"^[+-]?\d+$")  # -1 is sent: the service says what is wrong


class RoundDelegate(QStyledItemDelegate):
    """The round's cells. The current cell is drawn as a spreadsheet draws it, unselected
    in its selected row and framed: Tab moved between cells unseen. A quantity is typed
    as digits only: "abc" or "-" cannot be typed at all, without a word (what a number may
    be stays the service's to say, at confirming)."""

    DIGITS = QRegularExpression(r"\d{0,4}")

    def createEditor(self, parent, option, index):
        if index.column() < FIXED_COLUMNS:
            return super().createEditor(parent, option, index)
        editor = QLineEdit(parent)
        editor.setValidator(QRegularExpressionValidator(self.DIGITS, editor))
        return editor

    def paint(self, painter, option, index) -> None:
        if index != self.parent().currentIndex():
            super().paint(painter, option, index)
            return
        current = QStyleOptionViewItem(option)
        current.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, current, index)
        painter.save()
        painter.setPen(QPen(colour("focus"), 2))
        painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
        painter.restore()


def item_header(name: str, unit: str) -> str:
    """An item's column header: its whole name on up to three lines, broken between
    words (never inside one), as narrow as that allows, and its unit below."""
    width = max((len(word) for word in name.split()), default=1)
    lines = textwrap.wrap(name, width, break_long_words=False)
    while len(lines) > 3:
        width += 1
        lines = textwrap.wrap(name, width, break_long_words=False)
    return "\n".join(lines + [f"({unit})"])


def saved_text(saved: rounds.RoundSaved) -> str:
    """What confirming the round saved, in a sentence."""
    day = format_date(saved.day)
    if saved.given_nothing:
        return ngettext("Saved: the round of {day} for {count} resident ({nothing} given "
                        "nothing).",
                        "Saved: the round of {day} for {count} residents ({nothing} given "
                        "nothing).", saved.residents).format(
            day=day, count=saved.residents, nothing=saved.given_nothing)
    return ngettext("Saved: the round of {day} for {count} resident.",
                    "Saved: the round of {day} for {count} residents.",
                    saved.residents).format(day=day, count=saved.residents)


class RoundPage(QWidget):
    alerts_changed = Signal(list)

    def __init__(self, workspace, today: dt.date):
        super().__init__()
        self.workspace, self.today = workspace, today
        self.lines: list = []
        self.items: list = []
        self.shown_day: dt.date | None = None
        self.edited: set[int] = set()  # stay ids of rows changed and not confirmed yet
        self.refused: tuple[int, int] | None = None  # (stay id, item id) of a marked cell
        self.saved_note = ""  # what the last confirmation saved, until the next change
        self.changed_note = ""  # the round was saved elsewhere: said once it is read again
        self._filling = False
        self.day = DateField(today, today=today, field="date")
        self.day.changed.connect(self._day_changed)
        self.confirm_button = QPushButton(_("&Confirm the round"))
        set_role(self.confirm_button, primary="true")
        self.confirm_button.clicked.connect(self.confirm)
        self.confirm_button.setEnabled(workspace.may(Permission.RECORD_PROVISIONS))
        self.review_button = QPushButton(_("&Review: into stage 2…"))
        self.review_button.clicked.connect(lambda: self._decide(DecisionKind.STAGE_TWO_REVIEW))
        shown_only_if(self.review_button, workspace.may(Permission.REVIEW_STAGE_TWO))
        self.extend_button = QPushButton(_("&Extension…"))
        self.extend_button.clicked.connect(lambda: self._decide(DecisionKind.EXTENSION))
        shown_only_if(self.extend_button, workspace.may(Permission.EXTEND_STAY))
        self.receipt_button = QPushButton(_("Recei&pt…"))
        self.receipt_button.clicked.connect(self.open_receipt)
        shown_only_if(self.receipt_button, workspace.may(Permission.PRINT_REPORTS))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setItemDelegate(RoundDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.itemChanged.connect(self._changed)
        self.alerts = QListWidget()
        self.alerts.setWordWrap(True)
        self.alerts.itemDoubleClicked.connect(self._go_to_alert)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Round of")))
        top.addWidget(self.day)
        top.addStretch()
        for button in (self.review_button, self.extend_button, self.receipt_button,
                       self.confirm_button):
            top.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(_("<b>Alerts</b>")))
        right_layout.addWidget(self.alerts)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([880, 220])  # the whole round fits 1366 pixels, no sideways scroll
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        focus = QApplication.focusWidget()
        choosing = isinstance(focus, (QAbstractItemView, QTabBar)) and not self.isAncestorOf(
            focus)  # arrow keys in the list of areas or the tabs keep choosing
        if not choosing and (focus is None or not self.isAncestorOf(focus)):
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh()

    reloads_when_shown = True  # (showEvent): live refresh need not

    def is_being_edited(self) -> bool:
        """A cell open for typing or a day half typed: a reload now would undo it (rows
        changed and not confirmed are kept across reloads, in `edited`)."""
        return (self.table.state() == QAbstractItemView.State.EditingState
                or bool(self.day.problem()))

    def refresh(self) -> None:
        if not self.day.check():  # a day still being typed, or not a day: said at the field
            return
        day = self.day.value()

        def work():
            return (day, catalog.items(self.workspace),
                    rounds.daily_round(self.workspace, day),
                    rounds.alerts(self.workspace))
        Op(self, work, self._show).run_in_background()

    def _row_state(self, row: int) -> tuple[bool, dict[int, str]]:
        return (self.table.item(row, 0).checkState() == Qt.CheckState.Checked,
                {item.item_id: self.table.item(row, FIXED_COLUMNS + offset).text()
                 for offset, item in enumerate(self.items)})

    def _show(self, loaded) -> None:
        day, items, lines, alerts = loaded
        kept = {}
        if day == self.shown_day:  # the same round read again: keep what the user changed
            kept = {line.stay_id: self._row_state(row) for row, line in enumerate(self.lines)
                    if line.stay_id in self.edited}
        current = self.selected_line()
        column = self.table.currentColumn()
        self.shown_day, self.items, self.lines = day, items, lines
        self._filling = True
        try:
            self._fill(kept)
        finally:
            self._filling = False
        rows = {line.stay_id: row for row, line in enumerate(lines)}
        if current is not None and current.stay_id in rows:  # stay where the user was
            self.table.setCurrentCell(rows[current.stay_id], max(column, 0))
        self.edited = set(kept) & {line.stay_id for line in lines}
        self._show_summary()
        self._show_alerts(alerts)

    def _fill(self, kept: dict[int, tuple[bool, dict[int, str]]]) -> None:
        headers = [_("Given"), _("Resident"), _("Day"), _("Stage")] + [
            item_header(item.name, item.unit) for item in self.items]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.lines))
        self.table.horizontalHeaderItem(0).setToolTip(
            _("Ticked: given what the row says. Unticked: nothing given that day."))
        for row, line in enumerate(self.lines):
            ticked, texts = kept.get(line.stay_id, (line.given, {
                item_id: str(quantity) for item_id, quantity in line.quantities.items()}))
            given = QTableWidgetItem("")
            given.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                           | Qt.ItemFlag.ItemIsSelectable)
            given.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, given)
            stage = short_stage(line.stage) + (
                "\n" + _("awaiting decision") if line.awaiting_decision else "")
            for column, text in ((1, f"{line.case_number} {line.label}"),
                                 (2, str(line.day_number)), (3, stage)):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if line.awaiting_decision:
                    cell.setBackground(colour("flagged-fill"))
                self.table.setItem(row, column, cell)
            for offset, item in enumerate(self.items):
                self.table.setItem(row, FIXED_COLUMNS + offset,
                                   QTableWidgetItem(texts.get(item.item_id, "")))
            self._shade(row, ticked)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(48)
        # Every column as wide as its header and cells, so no header is cut; the residents'
        # column takes what is left. The standard catalog fits 1366 pixels this way.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, item in enumerate(self.items, start=FIXED_COLUMNS):
            self.table.horizontalHeaderItem(column).setToolTip(item.name)
        self.table.resizeRowsToContents()
        self.refused = None

    def _show_summary(self) -> None:
        recorded = sum(line.recorded for line in self.lines)
        missing = len(self.lines) - recorded
        if not recorded:
            state = _("not recorded yet: the daily package is filled in.")
        elif missing:
            state = _("{missing} of them not recorded yet (the package is filled in): "
                      "confirming records everyone.").format(missing=missing)
        else:
            state = _("this day is recorded already: confirming again replaces it.")
        if self.edited:
            state += " " + _("Your changes are kept: confirm the round to save them.")
        if self.changed_note:
            show_message(self.message, self.changed_note)
            self.changed_note = ""
            return
        if self.saved_note:
            show_message(self.message, self.saved_note, error=False)
            return
        show_message(self.message, ngettext(
            "{count} resident present; ", "{count} residents present; ", len(self.lines))
            .format(count=len(self.lines)) + state, error=False)

    def _changed(self, cell: QTableWidgetItem) -> None:
        """Remember the user's change; ticking an empty row fills in her package."""
        if self._filling or not 0 <= cell.row() < len(self.lines):
            return
        line = self.lines[cell.row()]
        self.edited.add(line.stay_id)
        if self.saved_note or self.refused is not None:  # a new change: the word on the
            self.saved_note = ""                        # last one goes
            self._unmark()
            self._show_summary()
        if cell.column() != 0:
            return
        ticked, texts = self._row_state(cell.row())
        self._filling = True  # the cells changed here are part of this change
        try:
            self._shade(cell.row(), ticked)
            if ticked and not any(text.strip() for text in texts.values()):
                for offset, item in enumerate(self.items):
                    quantity = line.package.get(item.item_id)
                    self.table.item(cell.row(), FIXED_COLUMNS + offset).setText(
                        str(quantity) if quantity else "")
        finally:
            self._filling = False

    def _shade(self, row: int, ticked: bool) -> None:
        for column in range(FIXED_COLUMNS, FIXED_COLUMNS + len(self.items)):
            cell = self.table.item(row, column)
            if ticked:
                cell.setData(Qt.ItemDataRole.ForegroundRole, None)
            else:
                cell.setForeground(colour("not-given"))

    def _show_alerts(self, alerts) -> None:
        self.alerts.clear()
        for alert in alerts:
            if alert.kind is rounds.AlertKind.AWAITING_DECISION:
                text = ngettext("{case} {label}: {count} provision awaiting a decision",
                                "{case} {label}: {count} provisions awaiting a decision",
                                alert.count).format(case=alert.case_number, label=alert.label,
                                                    count=alert.count)
            else:
                text = _("{case} {label}: day {number} on {day}").format(
                    case=alert.case_number, label=alert.label, number=alert.kind.day_number,
                    day=format_date(alert.day, "short"))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, alert.stay_id)
            self.alerts.addItem(item)
        if not alerts:
            self.alerts.addItem(_("No alerts."))
        self.alerts_changed.emit(alerts)

    def _go_to_alert(self, item) -> None:
        stay_id = item.data(Qt.ItemDataRole.UserRole)
        for row, line in enumerate(self.lines):
            if line.stay_id == stay_id:
                self.table.selectRow(row)

    def given(self) -> dict[int, dict[int, int]] | None:
        """Every row of the round: {stay id: {item id: quantity}}, {} for nothing given
        (unticked); None after saying which cell is not a number, at the cell. Whether a
        number can be given is the service's to say."""
        result = {}
        for row, line in enumerate(self.lines):
            quantities = result[line.stay_id] = {}
            if self.table.item(row, 0).checkState() != Qt.CheckState.Checked:
                continue
            for offset, item in enumerate(self.items):
                text = (self.table.item(row, FIXED_COLUMNS + offset).text() or "").strip()
                if not text:
                    continue
                if not _WHOLE_NUMBER.match(text):
                    self._refuse(line.stay_id, item.item_id, _(
                        "{case}, {item}: “{text}” is not a whole number.").format(
                        case=line.case_number, item=item.name, text=text[:10]))
                    return None
                quantities[item.item_id] = int(text)
        return result

    def _refuse(self, stay_id: int, item_id: int, message: str) -> None:
        """Say what is wrong with one quantity, mark its cell and put the focus on it; both
        go when the cell is changed."""
        self._unmark()
        show_message(self.message, message)
        rows = [row for row, line in enumerate(self.lines) if line.stay_id == stay_id]
        columns = [FIXED_COLUMNS + offset for offset, item in enumerate(self.items)
                   if item.item_id == item_id]
        if not rows or not columns:
            return
        cell = self.table.item(rows[0], columns[0])
        self._filling = True  # marking is not the user's change
        try:
            cell.setBackground(colour("refused-fill"))
        finally:
            self._filling = False
        self.refused = (stay_id, item_id)
        # the cell is current but its row not selected: a selected row would hide the mark
        self.table.clearSelection()
        self.table.selectionModel().setCurrentIndex(self.table.indexFromItem(cell),
                                                    QItemSelectionModel.SelectionFlag.NoUpdate)
        self.table.scrollToItem(cell)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _unmark(self) -> None:
        if self.refused is None:
            return
        stay_id, item_id = self.refused
        self.refused = None
        for row, line in enumerate(self.lines):
            for offset, item in enumerate(self.items):
                if line.stay_id == stay_id and item.item_id == item_id:
                    self._filling = True
                    try:
                        self.table.item(row, FIXED_COLUMNS + offset).setData(
                            Qt.ItemDataRole.BackgroundRole, None)
                    finally:
                        self._filling = False

    def _day_changed(self) -> None:
        self.saved_note = ""
        if not self.day.problem():
            self.refresh()

    def confirm(self) -> None:
        if not self.day.check():
            show_message(self.message, self.day.problem())
            self.day.setFocus()
            return
        day = self.day.value()
        if day != self.shown_day:  # that day's round is still being read
            show_message(self.message, _("The round of {day} is being read: confirm it once "
                                         "it is shown.").format(day=format_date(day)))
            self.refresh()
            return
        given = self.given()
        if given is None:
            return
        sent, self.edited = self.edited, set()  # changes made while it saves stay edits
        seen = {line.stay_id: line.record_id for line in self.lines}  # as the round read
        self.confirm_button.setEnabled(False)
        Op(self, lambda: rounds.confirm_round(self.workspace, day, given, seen),
           self._confirmed).failure(lambda error: self._failed(error, sent)
                                    ).run_in_background()

    def _confirmed(self, saved: rounds.RoundSaved) -> None:
        self.confirm_button.setEnabled(True)
        self.last_saved = saved
        if saved.day == self.shown_day:  # until the round is read again
            for line in self.lines:
                line.record_id = saved.records.get(line.stay_id, line.record_id)
        self.saved_note = saved_text(saved)
        self.refresh()

    def _failed(self, error, sent: set[int]) -> None:
        from shelter_app.gui.background import explain

        self.edited |= sent
        self.confirm_button.setEnabled(True)
        if isinstance(error, rounds.BadQuantity):
            self._refuse(error.stay_id, error.item_id, str(error))
            return
        show_message(self.message, explain(error))
        if isinstance(error, RecordChanged):  # saved elsewhere: read again, edits kept
            self.saved_note, self.changed_note = "", explain(error)
            self.refresh()

    def selected_line(self):
        row = self.table.currentRow()
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def _decide(self, kind: DecisionKind) -> None:
        line = self.selected_line()
        if line is None:
            show_message(self.message, _("Choose a resident in the list first."))
            return
        if DecisionDialog(self.workspace, line, self.today, kind, self,
                          day=self.shown_day).exec():
            self.refresh()

    def open_receipt(self):
        from shelter_app.gui.provisions.receipt_dialog import ReceiptDialog

        line = self.selected_line()
        if line is None:
            show_message(self.message, _("Choose a resident in the list first."))
            return None
        dialog = ReceiptDialog(self.workspace, line, self)
        dialog.open()
        return dialog
