"""The daily round: everyone present on the day, the standard package filled in; staff
change what differs and confirm it all at once."""

from __future__ import annotations

import datetime as dt
import textwrap

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.roles import Permission
from shelter_app.gui.background import Op
from shelter_app.gui.provisions.decisions import DecisionDialog
from shelter_app.gui.residents.fields import date_edit, read_date
from shelter_app.gui.widgets import show_message
from shelter_app.i18n import _, ngettext
from shelter_app.i18n.formatting import format_date
from shelter_app.services import catalog, provisions

FIXED_COLUMNS = 4  # given, case, day, stage


def short_stage(stage: str) -> str:
    return {"1": _("Stage 1"), "2": _("Stage 2")}.get(stage, _("Extension"))
FLAG_COLOUR = QColor("#fff0c2")


class RoundPage(QWidget):
    alerts_changed = Signal(list)

    def __init__(self, workspace, today: dt.date):
        super().__init__()
        self.workspace, self.today = workspace, today
        self.lines: list = []
        self.items: list = []
        self.day = date_edit(today, today)
        self.day.dateChanged.connect(self.refresh)
        self.confirm_button = QPushButton(_("&Confirm the round"))
        self.confirm_button.setStyleSheet("font-weight: bold;")
        self.confirm_button.clicked.connect(self.confirm)
        self.confirm_button.setEnabled(workspace.may(Permission.RECORD_PROVISIONS))
        self.review_button = QPushButton(_("&Review: into stage 2…"))
        self.review_button.clicked.connect(lambda: self._decide(provisions.STAGE_TWO))
        self.review_button.setVisible(workspace.may(Permission.REVIEW_STAGE_TWO))
        self.extend_button = QPushButton(_("&Extension…"))
        self.extend_button.clicked.connect(lambda: self._decide(provisions.EXTENSION))
        self.extend_button.setVisible(workspace.may(Permission.EXTEND_STAY))
        self.receipt_button = QPushButton(_("Re&ceipt…"))
        self.receipt_button.clicked.connect(self.open_receipt)
        self.receipt_button.setVisible(workspace.may(Permission.PRINT_REPORTS))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
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
        split.setSizes([860, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        day = read_date(self.day)

        def work():
            return (catalog.items(self.workspace), provisions.daily_round(self.workspace, day),
                    provisions.alerts(self.workspace))
        Op(self, work, self._show).run_in_background()

    def _show(self, loaded) -> None:
        self.items, self.lines, alerts = loaded
        headers = [_("Given"), _("Resident"), _("Day"), _("Stage")] + [
            textwrap.fill(item.name, 14) + f"\n({item.unit})" for item in self.items]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            given = QTableWidgetItem("")
            given.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            given.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, 0, given)
            stage = short_stage(line.stage) + (
                " · " + _("awaiting decision") if line.awaiting_decision else "")
            for column, text in ((1, f"{line.case_number} {line.label}"),
                                 (2, str(line.day_number)), (3, stage)):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if line.awaiting_decision:
                    cell.setBackground(FLAG_COLOUR)
                self.table.setItem(row, column, cell)
            for offset, item in enumerate(self.items):
                quantity = line.quantities.get(item.item_id)
                self.table.setItem(row, FIXED_COLUMNS + offset,
                                   QTableWidgetItem(str(quantity) if quantity else ""))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column, item in enumerate(self.items, start=FIXED_COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, 92)
            self.table.horizontalHeaderItem(column).setToolTip(item.name)
        recorded = sum(line.recorded for line in self.lines)
        show_message(self.message, ngettext(
            "{count} resident present; ", "{count} residents present; ", len(self.lines))
            .format(count=len(self.lines)) + (
            _("this day is recorded already: confirming again replaces it.") if recorded
            else _("not recorded yet: the daily package is filled in.")), error=False)
        self._show_alerts(alerts)

    def _show_alerts(self, alerts) -> None:
        self.alerts.clear()
        for alert in alerts:
            if alert.kind == "flagged":
                text = ngettext("{case} {label}: {count} provision awaiting a decision",
                                "{case} {label}: {count} provisions awaiting a decision",
                                alert.count).format(case=alert.case_number, label=alert.label,
                                                    count=alert.count)
            else:
                text = _("{case} {label}: day {number} on {day}").format(
                    case=alert.case_number, label=alert.label, number=alert.kind[3:],
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
        result = {}
        for row, line in enumerate(self.lines):
            if self.table.item(row, 0).checkState() != Qt.CheckState.Checked:
                continue
            quantities = {}
            for offset, item in enumerate(self.items):
                text = (self.table.item(row, FIXED_COLUMNS + offset).text() or "").strip()
                if not text or text == "0":
                    continue
                if not text.isdigit():
                    show_message(self.message, _("Row {row}: “{text}” is not a whole number.")
                                 .format(row=row + 1, text=text[:10]))
                    return None
                quantities[item.item_id] = int(text)
            if quantities:
                result[line.stay_id] = quantities
        return result

    def confirm(self) -> None:
        given = self.given()
        if given is None:
            return
        day = read_date(self.day)
        self.confirm_button.setEnabled(False)
        Op(self, lambda: provisions.confirm_round(self.workspace, day, given),
           self._confirmed).failure(self._failed).run_in_background()

    def _confirmed(self, saved: int) -> None:
        self.confirm_button.setEnabled(True)
        self.refresh()
        self.last_saved = saved

    def _failed(self, error) -> None:
        from shelter_app.gui.background import explain

        self.confirm_button.setEnabled(True)
        show_message(self.message, explain(error))

    def selected_line(self):
        row = self.table.currentRow()
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def _decide(self, kind: str) -> None:
        line = self.selected_line()
        if line is None:
            show_message(self.message, _("Choose a resident in the list first."))
            return
        if DecisionDialog(self.workspace, line, read_date(self.day), kind, self).exec():
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
