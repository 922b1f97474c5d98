"""Items, prices, the standard daily package and the arrival items (managers)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import ProvisionCategory
from shelter_app.gui.background import Op, explain
from shelter_app.gui.date_field import DateField
from shelter_app.gui.residents.fields import CodedCombo, RupiahBox
from shelter_app.gui.save_dialog import SaveDialog
from shelter_app.gui.widgets import show_message, shown_only_if
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_rupiah
from shelter_app.services.provisions import catalog


class PriceDialog(SaveDialog):
    """A new item (with its first price) or a new price for an item."""

    def __init__(self, workspace, today: dt.date, item=None, parent=None):
        super().__init__(_("New price") if item else _("New item"), parent)
        self.workspace, self.item = workspace, item
        self.code, self.name, self.unit = QLineEdit(), QLineEdit(), QLineEdit()
        self.category = CodedCombo(list(ProvisionCategory))
        self.cost = RupiahBox(catalog.MAX_UNIT_COST, 500, item.unit_cost_idr if item else 0)
        self.since = DateField(today, field="effective_from") if item else None
        form = self.form
        if item is None:
            form.addRow(_("Code"), self.fields.add("code", self.code))
            form.addRow(_("Name"), self.fields.add("name", self.name))
            form.addRow(_("Category"), self.fields.add("category", self.category))
            form.addRow(_("Unit"), self.fields.add("unit", self.unit))
        else:
            form.addRow(_("Item"), QLabel(item.name))
            form.addRow(_("From"), self.since)
        form.addRow(_("Unit cost"), self.fields.add("unit_cost", self.cost))

    def work(self):
        cost = self.cost.value()
        if self.item is None:
            code, name, category, unit = (self.code.text(), self.name.text(),
                                          self.category.value(), self.unit.text())
            return lambda: catalog.add_item(self.workspace, code, name, category, unit, cost)
        item_id, since = self.item.item_id, self.since.value()
        return lambda: catalog.set_price(self.workspace, item_id, cost, since)


class CatalogPage(QWidget):
    def __init__(self, workspace, today: dt.date):
        super().__init__()
        self.workspace, self.today, self.items = workspace, today, []
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([_("Code"), _("Item"), _("Category"),
                                              _("Price today"), _("Daily package"),
                                              _("On arrival (day 1)")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        editable = workspace.may(Permission.MANAGE_CATALOG)
        if not editable:  # staff read the packages; only a manager changes them
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        new_item = QPushButton(_("&New item…"))
        new_item.clicked.connect(lambda: self._price(None))
        new_price = QPushButton(_("New &price…"))
        new_price.clicked.connect(self._new_price)
        self.save_button = QPushButton(_("&Save the packages"))
        self.save_button.clicked.connect(self.save_package)
        for button in (new_item, new_price, self.save_button):
            shown_only_if(button, editable)
        self.message = QLabel("")
        buttons = QHBoxLayout()
        for button in (new_item, new_price):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        note = QLabel(_("The daily package is what every present resident gets unless staff "
                        "change it in the round; on her day 1 a new arrival also gets the "
                        "items on arrival. A new price applies from its date on; what was "
                        "already given keeps its cost."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        Op(self, lambda: catalog.items(self.workspace), self._show).run_in_background()

    def _show(self, items) -> None:
        self.items = items
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            cells = [item.code, f"{item.name} ({item.unit})",
                     ProvisionCategory(item.category).label, format_rupiah(item.unit_cost_idr)]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, cell)
            self.table.setItem(row, 4, QTableWidgetItem(str(item.standard_quantity)))
            self.table.setItem(row, 5, QTableWidgetItem(str(item.arrival_quantity)))

    def _new_price(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.items):
            self._price(self.items[row])
        else:
            show_message(self.message, _("Choose an item first."))

    def _price(self, item) -> None:
        if PriceDialog(self.workspace, self.today, item, self).exec():
            self.refresh()

    def save_package(self) -> None:
        daily, arrival = {}, {}
        for row, item in enumerate(self.items):
            for column, quantities in ((4, daily), (5, arrival)):
                text = self.table.item(row, column).text().strip() or "0"
                if not text.isdigit():
                    show_message(self.message, _("Row {row}: “{text}” is not a whole number.")
                                 .format(row=row + 1, text=text[:10]))
                    return
                quantities[item.item_id] = int(text)
        Op(self, lambda: catalog.set_standard_package(self.workspace, daily, arrival),
           lambda _r: show_message(self.message, _("The packages are saved."),
                                   error=False)).failure(
            lambda e: show_message(self.message, explain(e))).run_in_background()
