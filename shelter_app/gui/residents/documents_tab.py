"""The profile's Documents tab: the resident's documents held in the office safe, their
movements, and the dialogs that receive, lend, return and hand back a document. After
each movement its receipt opens, to be printed and signed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import InputError
from shelter_app.domain.roles import Permission
from shelter_app.gui.background import Op, explain
from shelter_app.gui.date_field import DateField
from shelter_app.gui.printing import open_preview
from shelter_app.gui.residents.fields import CodedCombo
from shelter_app.gui.save_dialog import SaveDialog
from shelter_app.gui.widgets import (
    fill_table,
    open_dialog,
    read_only_table,
    show_message,
    shown_only_if,
    text_box,
)
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.services.residents import documents
from shelter_app.services.residents.documents import DocumentData, DocumentKind, Institution


def _line(text: str = "", placeholder: str = "") -> QLineEdit:
    field = QLineEdit(text)
    field.setPlaceholderText(placeholder)
    return field


class _MovementDialog(SaveDialog):
    """A movement's dialog: `work()` keeps the movement it made, for its receipt."""

    movement_id: int | None = None

    def _keeping(self, call):
        def run():
            self.movement_id = call()
            return self.movement_id
        return run


class ReceiveDialog(_MovementDialog):
    def __init__(self, workspace, person_id: int, today: dt.date, parent=None):
        super().__init__(_("Receive a document into the safe"), parent)
        self.workspace, self.person_id = workspace, person_id
        self.setMinimumWidth(520)
        self.kind = CodedCombo(list(DocumentKind))
        self.description = _line(placeholder=_("What it is, for another document"))
        self.number = _line(placeholder=_("Optional"))
        self.on = DateField(today, today=today, field="on")
        self.received_from = _line(placeholder=_("e.g. the resident, or Polres Bogor"))
        self.kept_at = _line(placeholder=_("e.g. Brankas kantor, map 3"))
        self.note = text_box("", 2)
        for label, name, widget in (
                (_("Document"), "kind", self.kind), (_("Which"), "description", self.description),
                (_("Number"), "number", self.number), (_("Received on"), "on", self.on),
                (_("Received from"), "received_from", self.received_from),
                (_("Kept at"), "kept_at", self.kept_at), (_("Note"), "note", self.note)):
            self.form.addRow(label, self.fields.add(name, widget))

    def work(self):
        data = DocumentData(kind=self.kind.value(), received_on=self.on.value(),
                            received_from=self.received_from.text(),
                            kept_at=self.kept_at.text(), number=self.number.text(),
                            description=self.description.text(),
                            note=self.note.toPlainText())
        workspace, person_id = self.workspace, self.person_id
        return self._keeping(lambda: documents.receive(workspace, person_id, data))


class LendDialog(_MovementDialog):
    def __init__(self, workspace, row, today: dt.date, parent=None):
        super().__init__(_("Lend a document"), parent, heading=row.kind_label)
        self.workspace, self.document_id = workspace, row.document_id
        self.setMinimumWidth(520)
        self.on = DateField(today, today=today, field="on")
        # the day it is due back: two weeks by default, moved along with the lending day
        # until someone writes another; never before the lending
        self.until = DateField(documents.default_due(today), earliest=today, field="until")
        self._lent_on = today
        self.on.changed.connect(self._lending_day_changed)
        self.institution = CodedCombo(list(Institution))
        self.to = _line(placeholder=_("Institution and name, e.g. Polres Bogor, Bripka Andi"))
        self.note = text_box("", 2)
        for label, name, widget in (
                (_("Lent on"), "on", self.on), (_("Lent to"), "institution", self.institution),
                (_("Institution and name"), "to", self.to),
                (_("Due back on"), "until", self.until), (_("Note"), "note", self.note)):
            self.form.addRow(label, self.fields.add(name, widget))

    def _lending_day_changed(self) -> None:
        try:
            lent_on = self.on.value()
        except InputError:  # not a date yet: the field says so
            return
        if lent_on is None or lent_on == self._lent_on:
            return
        try:
            until = self.until.value()
        except InputError:
            until = None
        if until is None or until == documents.default_due(self._lent_on):
            self.until.set_value(documents.default_due(lent_on))
        self.until.earliest, self._lent_on = lent_on, lent_on
        if not self.until.problem():  # a message about the day before stays only if true
            self.until.show_problem("")

    def work(self):
        on, until, kind, to, note = (self.on.value(), self.until.value(),
                                     self.institution.value(), self.to.text(),
                                     self.note.toPlainText())
        workspace, document_id = self.workspace, self.document_id
        return self._keeping(lambda: documents.lend(workspace, document_id, on, kind, to, note,
                                                    until=until))


class ReturnDialog(_MovementDialog):
    def __init__(self, workspace, row, today: dt.date, parent=None):
        super().__init__(_("A lent document comes back"), parent, heading=_(
            "{document}, lent to {whom}").format(document=row.kind_label, whom=row.lent_to))
        self.workspace, self.document_id = workspace, row.document_id
        self.setMinimumWidth(520)
        self.on = DateField(today, today=today, field="on")
        self.by = _line(placeholder=_("Empty: the one it was lent to"))
        self.note = text_box("", 2)
        for label, name, widget in ((_("Returned on"), "on", self.on),
                                    (_("Returned by"), "returned_by", self.by),
                                    (_("Note"), "note", self.note)):
            self.form.addRow(label, self.fields.add(name, widget))

    def work(self):
        on, by, note = self.on.value(), self.by.text(), self.note.toPlainText()
        workspace, document_id = self.workspace, self.document_id
        return self._keeping(lambda: documents.give_back(workspace, document_id, on, by, note))


class HandBackDialog(_MovementDialog):
    def __init__(self, workspace, row, today: dt.date, parent=None):
        super().__init__(_("Hand a document back to the resident"), parent,
                         heading=row.kind_label)
        self.workspace, self.document_id = workspace, row.document_id
        self.setMinimumWidth(520)
        self.on = DateField(today, today=today, field="on")
        self.by = _line(placeholder=_("Empty: the resident in person"))
        self.note = text_box("", 2)
        for label, name, widget in ((_("Handed back on"), "on", self.on),
                                    (_("Received by"), "received_by", self.by),
                                    (_("Note"), "note", self.note)):
            self.form.addRow(label, self.fields.add(name, widget))

    def work(self):
        on, by, note = self.on.value(), self.by.text(), self.note.toPlainText()
        workspace, document_id = self.workspace, self.document_id
        return self._keeping(lambda: documents.hand_back(workspace, document_id, on, by, note))


class DocumentsTab(QWidget):
    changed = Signal()

    def __init__(self, workspace, person_id: int):
        super().__init__()
        self.workspace, self.person_id = workspace, person_id
        self.rows: list = []
        self.moves: list = []
        self.today: dt.date | None = None
        self.table = read_only_table([_("Document"), _("Number"), _("Received"),
                                      _("From"), _("Kept at"), _("Status"), _("Due back")])
        self.table.itemSelectionChanged.connect(self._chosen)
        header = self.table.horizontalHeader()
        for column in (1, 2, 5, 6):  # number, days, status: as wide as they are (the status
            # "Dipinjam Polres Bogor, Bripka Andi sejak …" lost its day); a cell's tooltip
            # has its whole text when the window is narrower still (fill_table)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.movements = read_only_table([_("Date"), _("What happened"), _("Whom"),
                                          _("Recorded by")])
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.buttons = {
            "receive": QPushButton(_("&Receive…")), "lend": QPushButton(_("&Lend…")),
            "return": QPushButton(_("Ret&urn…")), "hand_back": QPushButton(_("&Hand back…")),
            "receipt": QPushButton(_("Print re&ceipt…")),
        }
        for key, dialog in (("lend", LendDialog), ("return", ReturnDialog),
                            ("hand_back", HandBackDialog)):
            self.buttons[key].clicked.connect(lambda _c=False, d=dialog: self._move(d))
        self.buttons["receive"].clicked.connect(lambda _c=False: self.receive())
        self.buttons["receipt"].clicked.connect(lambda _c=False: self.print_receipt())
        keeps = workspace.may(Permission.EDIT_RESIDENTS)
        for button in self.buttons.values():
            shown_only_if(button, keeps)
        bar = QHBoxLayout()
        for button in self.buttons.values():
            bar.addWidget(button)
        bar.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 3)
        layout.addWidget(QLabel(_("Movements of the chosen document")))
        layout.addWidget(self.movements, 2)
        layout.addWidget(self.message)
        self._chosen()

    def reload(self) -> None:
        workspace, person = self.workspace, self.person_id
        Op(self, lambda: (documents.documents_of(workspace, person),
                          documents.safe_today(workspace)), self._show).run_in_background()

    def _show(self, loaded) -> None:
        chosen = self._selected()
        self.rows, self.today = loaded
        fill_table(self.table, [[
            row.kind_label, row.number, format_date(row.received_on, "short"),
            row.received_from, row.kept_at, row.status_text,
            row.due_text(self.today)]
            for row in self.rows])
        ids = [row.document_id for row in self.rows]
        if chosen is not None and chosen.document_id in ids:
            self.table.selectRow(ids.index(chosen.document_id))
        self._chosen()

    def _selected(self):
        picked = self.table.selectionModel().selectedRows()
        row = picked[0].row() if picked else -1
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _chosen(self) -> None:
        row = self._selected()
        status = row.status if row is not None else ""
        self.buttons["receive"].setEnabled(self.today is not None)  # the dialogs' latest day
        self.buttons["lend"].setEnabled(status == documents.IN_SAFE)
        self.buttons["return"].setEnabled(status == documents.LENT)
        self.buttons["hand_back"].setEnabled(status == documents.IN_SAFE)
        self.buttons["receipt"].setEnabled(row is not None)
        if row is None:
            self.moves = []
            fill_table(self.movements, [])
            return
        Op(self, lambda: documents.movements_of(self.workspace, row.document_id),
           self._show_moves).run_in_background()

    def _show_moves(self, moves) -> None:
        self.moves = moves
        fill_table(self.movements, [[
            format_date(m.on, "short"), documents.movement_label(m.kind), m.party,
            m.recorder] for m in moves])

    def _after(self, dialog: _MovementDialog) -> None:
        self.reload()
        self.changed.emit()
        if dialog.movement_id is not None:
            self.print_receipt(dialog.movement_id)

    def receive(self) -> None:
        if self.today is None:  # not loaded yet
            return
        dialog = ReceiveDialog(self.workspace, self.person_id, self.today, self)
        open_dialog(self, dialog, lambda: self._after(dialog))

    def _move(self, dialog_class) -> None:
        row = self._selected()
        if row is None or self.today is None:
            return
        dialog = dialog_class(self.workspace, row, self.today, self)
        open_dialog(self, dialog, lambda: self._after(dialog))

    def print_receipt(self, movement_id: int | None = None) -> None:
        """The receipt of `movement_id`, or of the chosen movement, or of the chosen
        document's last movement."""
        workspace, document_id = self.workspace, None
        if movement_id is None:
            row, picked = self._selected(), self.movements.selectionModel().selectedRows()
            if picked and picked[0].row() < len(self.moves):
                movement_id = self.moves[picked[0].row()].movement_id
            elif row is not None:
                document_id = row.document_id
            else:
                return

        def make() -> tuple[bytes, str]:
            wanted = movement_id or documents.last_movement(workspace, document_id)
            return (documents.receipt(workspace, wanted),
                    documents.receipt_file_name(workspace, wanted))

        def failed(error: BaseException) -> None:
            show_message(self.message, explain(error))

        def show(made: tuple[bytes, str]) -> None:
            # the PDF is made: the preview only shows it, under the movement's own name
            pdf, file_name = made
            open_preview(self, workspace, lambda: pdf, _("Receipt of a document"),
                         "receipt_document", file_name, failed=failed)

        Op(self, make, show).with_progress(_("Making the document…")).failure(
            failed).run_in_background()
