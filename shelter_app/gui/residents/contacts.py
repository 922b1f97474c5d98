"""Family and contacts: a small editable table, used by the intake wizard and the profile."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
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

from shelter_app.domain.errors import InputError
from shelter_app.domain.vocab import Relation
from shelter_app.gui.residents.fields import CodedCombo, FieldMessages, error_label, yes_no
from shelter_app.gui.style import colour
from shelter_app.gui.widgets import translate_buttons
from shelter_app.i18n import _
from shelter_app.services.residents.fields import ContactData, contact_columns


class ContactDialog(QDialog):
    """One contact, checked (name, phone) before the dialog closes. With `flags_only`
    (a hidden person's contact, whose name and phone this user does not see) only "safe"
    and "must not visit" can change; the caller saves just those."""

    def __init__(self, parent=None, contact: ContactData | None = None, *,
                 flags_only: bool = False):
        super().__init__(parent)
        self.setWindowTitle(_("Family member or contact"))
        self.flags_only = flags_only
        contact = contact or ContactData()
        self.name = QLineEdit(contact.name)
        self.relation = CodedCombo(list(Relation))
        self.relation.set_value(contact.relation)
        self.phone = QLineEdit(contact.phone)
        self.phone.setPlaceholderText(_("for example 0812 3456 7890"))
        self.id_number = QLineEdit(contact.id_number)
        self.id_number.setPlaceholderText(_("KTP (NIK) or passport number, if known"))
        self.safe = QCheckBox(_("Safe to contact"))
        self.safe.setChecked(contact.safe)
        self.must_not_visit = QCheckBox(_("Must not visit, nor be told where the person is"))
        self.must_not_visit.setChecked(contact.must_not_visit)
        self.must_not_visit.toggled.connect(lambda on: on and self.safe.setChecked(False))
        self.note = QLineEdit(contact.note)
        self.message = error_label()  # what is wrong with no field of its own
        self.fields = FieldMessages()  # what is wrong at its field, gone when it changes
        if flags_only:
            for field in (self.name, self.relation, self.phone, self.id_number, self.note):
                field.setEnabled(False)
            for field in (self.name, self.phone, self.id_number):  # as in the table
                field.setPlaceholderText(_("(withheld)"))
        form = QFormLayout()
        form.addRow(_("Name *"), self.fields.add("name", self.name))
        form.addRow(_("Relation"), self.relation)
        form.addRow(_("Phone"), self.fields.add("phone", self.phone))
        form.addRow(_("ID number"), self.fields.add("id_number", self.id_number))
        form.addRow(self.safe)
        form.addRow(self.must_not_visit)
        form.addRow(_("Note"), self.note)
        buttons = translate_buttons(QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if flags_only:
            layout.addWidget(QLabel(_(
                "The person's identity is hidden: you can change whether this contact is "
                "safe and whether they must not visit. Only a manager can change the rest.")))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def value(self) -> ContactData:
        return ContactData(name=self.name.text(), relation=self.relation.value(),
                           phone=self.phone.text(), safe=self.safe.isChecked(),
                           must_not_visit=self.must_not_visit.isChecked(),
                           note=self.note.text(), id_number=self.id_number.text())

    def accept(self) -> None:
        if self.flags_only:
            super().accept()
            return
        try:
            contact_columns(self.value())  # quick checks only; the service checks again
        except InputError as error:
            if not self.fields.show(error.field, str(error)):
                self.message.setText(str(error))
            return
        super().accept()


def contact_row(table: QTableWidget, row: int, contact) -> None:
    # A contact always has a name (contact_columns requires one): a blank one was
    # withheld with the phone (records.profile: a hidden person's contacts, to a user who
    # may not see who she is). Said so, as the profile says a withheld NIK: a blank read
    # as a contact nobody had written down.
    withheld = not contact.name
    cells = [_("(withheld)") if withheld else contact.name, Relation(contact.relation).label,
             _("(withheld)") if withheld else contact.phone,
             yes_no(contact.safe), yes_no(contact.must_not_visit)]
    for column, text in enumerate(cells):
        item = QTableWidgetItem(text)
        if column == 4 and contact.must_not_visit:
            item.setForeground(Qt.GlobalColor.darkRed)
        elif withheld and column in (0, 2):
            item.setForeground(colour("muted"))
        table.setItem(row, column, item)


def contacts_table() -> QTableWidget:
    table = QTableWidget(0, 5)
    table.setHorizontalHeaderLabels([_("Name"), _("Relation"), _("Phone"), _("Safe"),
                                     _("Must not visit")])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().hide()
    return table


class ContactsEditor(QWidget):
    """The contacts typed during intake, saved with the person."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._contacts: list[ContactData] = []
        self.table = contacts_table()
        # not Alt+K, as in the profile: the wizard's "< Kembali" (Back) takes it here
        add = QPushButton(_("Add a &contact…"))
        add.clicked.connect(self.add)
        remove = QPushButton(_("&Remove"))
        remove.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add(self) -> None:
        dialog = ContactDialog(self)
        if dialog.exec():
            self._contacts.append(dialog.value())
            self._show()

    def remove(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._contacts):
            del self._contacts[row]
            self._show()

    def values(self) -> list[ContactData]:
        return list(self._contacts)

    def _show(self) -> None:
        self.table.setRowCount(len(self._contacts))
        for row, contact in enumerate(self._contacts):
            contact_row(self.table, row, contact)
