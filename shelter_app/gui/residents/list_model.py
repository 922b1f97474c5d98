"""The resident list as a lazy table model: it holds ids only and asks the service for
a page of rows when they scroll into view (after Vorta's archive table model)."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from shelter_app.domain.errors import Locked
from shelter_app.domain.vocab import CaseStage, RiskLevel, Sex
from shelter_app.i18n import N_, _
from shelter_app.i18n.formatting import format_date

PAGE = 100
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1
NO_PARENT = QModelIndex()


class Column(IntEnum):
    CASE = 0
    INITIALS = 1
    SEX = 2
    AGE = 3
    STATUS = 4
    ADMITTED = 5
    BED = 6
    STAGE = 7
    RISK = 8


HEADERS = {
    Column.CASE: N_("Case number"), Column.INITIALS: N_("Initials"), Column.SEX: N_("Sex"),
    Column.AGE: N_("Age"), Column.STATUS: N_("Status"), Column.ADMITTED: N_("Admitted"),
    Column.BED: N_("Room / bed"), Column.STAGE: N_("Case stage"), Column.RISK: N_("Risk"),
}


LIST_DAY_SAMPLE = dt.date(2026, 12, 28)  # two-digit day and month: as wide as a day gets


def column_samples(column: Column) -> list[str]:
    """The widest texts `column` can show, from its vocabulary: the list sizes its
    columns by them (a lazy list never reads every row to measure it)."""
    day = format_date(LIST_DAY_SAMPLE, "short")
    return {
        Column.CASE: ["RA-2026-0000"], Column.INITIALS: ["M.W.M."],
        Column.SEX: [sex.label for sex in Sex], Column.AGE: ["100"],
        Column.STATUS: [_("Present"), _("Not yet"), _("Discharged {date}").format(date=day)],
        Column.ADMITTED: [day], Column.BED: ["Kenanga / 10"],
        Column.STAGE: [stage.label for stage in CaseStage],
        Column.RISK: [risk.label for risk in RiskLevel],
    }[column]


class ResidentTableModel(QAbstractTableModel):
    def __init__(self, fetch_rows, parent=None):
        """`fetch_rows(ids) -> {id: ResidentRow}`: the service call for one page."""
        super().__init__(parent)
        self._fetch_rows = fetch_rows
        self._ids: list[int] = []
        self._rows: dict[int, object] = {}

    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids, self._rows = list(ids), {}
        self.endResetModel()

    def person_id(self, row: int) -> int:
        return self._ids[row]

    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[Column(section)])
        return None

    def _row(self, row: int):
        person_id = self._ids[row]
        if person_id not in self._rows:
            start = row - row % PAGE
            page = self._ids[start:start + PAGE]
            try:
                fetched = self._fetch_rows(page)
            except Locked:
                # locked or logged out while the list was still on screen (a repaint
                # after logout): nothing to show, and nothing raised into Qt's loop;
                # the rows are read again at the next reset
                return None
            self._rows.update(fetched)
        return self._rows.get(person_id)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        item = self._row(index.row())
        if item is None:
            return None
        if role == OBJECT_ROLE:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, Column(index.column()))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == Column.INITIALS:
            return _("Open the profile to see more (the opening is recorded).")
        return None

    @staticmethod
    def _display(item, column: Column) -> str:
        if column == Column.CASE:
            return item.case_number
        if column == Column.INITIALS:
            return item.label
        if column == Column.SEX:
            return Sex(item.sex).label
        if column == Column.AGE:
            return "" if item.age is None else str(item.age)
        if column == Column.STATUS:
            if item.present:
                return _("Present")
            return _("Discharged {date}").format(date=format_date(
                item.discharge_date, "short")) if item.discharge_date else _("Not yet")
        if column == Column.ADMITTED:
            return format_date(item.admission_date, "short") if item.admission_date else ""
        if column == Column.BED:
            return f"{item.room} / {item.bed}" if item.room else ""
        if column == Column.STAGE:
            return CaseStage(item.stage).label
        return RiskLevel(item.risk_level).label
