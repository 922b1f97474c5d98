"""The incident form (Residents -> Incidents): record an incident or change one. The
residents involved are chosen by part of a name or a case number (ResidentPicker), as the
role may see them; a refusal is shown at its field and goes once that field changes;
Cancel, Escape and the window's close ask before half-written typing is lost."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import InputError
from shelter_app.gui.background import Op, explain
from shelter_app.gui.date_field import DateField, TimeField, first_problem, format_time, reveal
from shelter_app.gui.residents.fields import AsksBeforeDiscarding, CodedCombo, FieldMessages
from shelter_app.gui.save_dialog import SaveDialog
from shelter_app.gui.widgets import text_box
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.services.residents import incidents
from shelter_app.services.residents.incidents import Candidate, IncidentData

TYPING_PAUSE_MS = 250  # a search once the typing pauses, not at every key
LIST_ROWS = 3


def when(at: dt.datetime, zone) -> str:
    local = at.astimezone(zone)
    return f"{format_date(local.date(), 'short')} {format_time(local.time())}"


def chosen_label(case_number: str, shown_name: str) -> str:
    return f"{case_number} · {shown_name}"


def match_label(found: Candidate) -> str:
    if found.present:
        return chosen_label(found.case_number, found.shown_name)
    return _("{case} · {name} (not staying here now)").format(case=found.case_number,
                                                              name=found.shown_name)


class _SearchEdit(QLineEdit):
    """Enter while a name is typed and no list is open chooses (or searches) instead of
    saving the form: a guard's Enter after a name once saved an incident without her."""

    enter = Signal()

    def __init__(self, popup_visible):
        super().__init__()
        self._popup_visible = popup_visible

    def keyPressEvent(self, event) -> None:
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip()
                and not self._popup_visible()):
            event.accept()
            self.enter.emit()
            return
        super().keyPressEvent(event)


class ResidentPicker(QWidget):
    """Type part of a name or a case number; the matches (found by the service, as the
    role may see names) open under the field: Down and Enter, or a click, choose one. The
    chosen are listed by case number and shown name; Remove (or Delete) takes one away."""

    changed = Signal()  # the chosen residents changed

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.chosen: list[tuple[int, str, str]] = []  # person id, case number, shown name
        self.matches: dict[str, Candidate] = {}  # by label, for the text `searched`
        self.searched = ""
        self._choose_single = False  # Enter was pressed before the matches came
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(incidents.PICK_LIMIT)
        self.edit = _SearchEdit(lambda: self.completer.popup().isVisible())
        self.edit.setPlaceholderText(_("Type part of a name or a case number, then choose"))
        self.edit.setClearButtonEnabled(True)
        self.completer.setWidget(self.edit)  # not the edit's own: it never writes the text
        self.completer.activated.connect(self._activated)
        self.typing = QTimer(self)
        self.typing.setSingleShot(True)
        self.typing.setInterval(TYPING_PAUSE_MS)
        self.typing.timeout.connect(self.search_now)
        self.edit.textEdited.connect(lambda _text: self.typing.start())
        self.edit.enter.connect(self._enter)
        self.list = QListWidget()
        self.list.setMaximumHeight(LIST_ROWS * 21 + 6)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.remove = QPushButton(_("Remove"))
        self.remove.setEnabled(False)
        self.remove.clicked.connect(self.remove_selected)
        self.list.itemSelectionChanged.connect(
            lambda: self.remove.setEnabled(bool(self.list.selectedItems())))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list,
                  self.remove_selected, context=Qt.ShortcutContext.WidgetShortcut)
        below = QHBoxLayout()
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.list, 1)
        below.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addLayout(below)
        self.setFocusProxy(self.edit)

    # -- what the form reads ---------------------------------------------------------
    def case_numbers(self) -> tuple[str, ...]:
        return tuple(case for _pid, case, _name in self.chosen)

    def typed(self) -> str:
        """Text typed and not chosen from the matches (the form does not save it)."""
        return self.edit.text().strip()

    def set_chosen(self, involved) -> None:
        """The residents already involved (the incident's rows: Involved)."""
        self.chosen = []
        self.list.clear()
        for person in involved:
            self._add(person.person_id, person.case_number, person.shown_name)

    # -- choosing ----------------------------------------------------------------------
    def search_now(self) -> None:
        self.typing.stop()
        text, workspace = self.typed(), self.workspace
        if not text:
            self._show_matches(text, [])
            return
        Op(self, lambda: incidents.find_residents(workspace, text),
           lambda found: self._found(text, found)).run_in_background()

    def _found(self, text: str, found: list[Candidate]) -> None:
        if text != self.typed():
            return  # typed on meanwhile: the newer search shows its own
        self._show_matches(text, found)
        if self._choose_single and len(self.matches) == 1:
            self._choose(next(iter(self.matches.values())))
        self._choose_single = False

    def _show_matches(self, text: str, found: list[Candidate]) -> None:
        self.searched, self.matches = text, {}
        self.model.clear()
        popup = self.completer.popup()
        if not text:
            popup.hide()
            return
        taken = {pid for pid, _case, _name in self.chosen}
        for candidate in found:
            if candidate.person_id not in taken:
                label = match_label(candidate)
                self.matches[label] = candidate
                self.model.appendRow(QStandardItem(label))
        if not self.matches:
            none = QStandardItem(_("No resident found: type a case number, or part of a "
                                   "name, as the resident list shows it."))
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            self.model.appendRow(none)
        if self.edit.hasFocus():
            self.completer.complete()
            if self.matches:  # Enter takes the first; Down goes on to the others
                popup.setCurrentIndex(self.model.index(0, 0))

    def _enter(self) -> None:
        if self.searched == self.typed() and len(self.matches) == 1:
            self._choose(next(iter(self.matches.values())))
        elif self.searched == self.typed() and self.matches:
            self.completer.complete()
            self.completer.popup().setCurrentIndex(self.model.index(0, 0))
        else:
            self._choose_single = True
            self.search_now()

    def _activated(self, label: str) -> None:
        found = self.matches.get(label)
        if found is not None:
            self._choose(found)

    def _choose(self, found: Candidate) -> None:
        self.completer.popup().hide()
        self.edit.clear()
        self.searched, self.matches = "", {}
        self.model.clear()
        self._add(found.person_id, found.case_number, found.shown_name)
        self.changed.emit()

    def _add(self, person_id: int, case_number: str, shown_name: str) -> None:
        if any(pid == person_id for pid, _case, _name in self.chosen):
            return
        self.chosen.append((person_id, case_number, shown_name))
        item = QListWidgetItem(chosen_label(case_number, shown_name))
        item.setData(Qt.ItemDataRole.UserRole, person_id)
        self.list.addItem(item)

    def remove_selected(self) -> None:
        gone = {item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()}
        if not gone or self.remove.isHidden():  # hidden: a role that only reads
            return
        self.chosen = [each for each in self.chosen if each[0] not in gone]
        for row in reversed(range(self.list.count())):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) in gone:
                self.list.takeItem(row)
        self.changed.emit()


class IncidentDialog(AsksBeforeDiscarding, SaveDialog):
    """Record an incident, or change one (`row`: what the list read, with its version).
    A role that may only read sees it without Save."""

    def __init__(self, workspace, today: dt.date, zone, row=None, parent=None):
        super().__init__(_("Change the incident") if row else _("Record an incident"), parent)
        self.workspace, self.zone, self.row = workspace, zone, row
        self.writes = workspace.may(incidents.WRITE)
        self.setMinimumWidth(620)
        self.fields = FieldMessages()
        self.kind = CodedCombo([(code, incidents.kind_label(code))
                                for code in incidents.KINDS], empty=_("Choose…"))
        self.day = DateField(today, today=today, field="at")
        self.time = TimeField(field="at")
        when_row = QHBoxLayout()
        when_row.addWidget(self.day)
        when_row.addWidget(self.time)
        when_row.addStretch()
        self.severity = CodedCombo([(code, incidents.severity_label(code))
                                    for code in incidents.SEVERITIES])
        if row is None:  # a new incident starts at its kind's severity
            self.kind.currentIndexChanged.connect(self._severity_of_kind)
        self.picker = ResidentPicker(workspace)
        self.description = text_box("", 4)
        self.action = text_box("", 3)
        self.told = {code: QCheckBox(incidents.told_label(code)) for code in incidents.TOLD}
        told_box = QWidget()
        told = QHBoxLayout(told_box)
        told.setContentsMargins(0, 0, 0, 0)
        for box in self.told.values():
            told.addWidget(box)
        told.addStretch()
        self.told_detail = QLineEdit()
        self.told_detail.setPlaceholderText(_("Who was told, and when"))
        self.follow_up = text_box("", 2)
        self.done_on = DateField(None, today=today, optional=True, field="follow_up_done_on")
        add = self.fields.add
        self.form.addRow(_("Kind"), add("kind", self.kind))
        self.form.addRow(_("When"), when_row)
        self.fields.add("at", self.time)  # a time in the future: said under the time
        self.form.addRow(_("Severity"), add("severity", self.severity))
        self.form.addRow(_("Residents involved"), add("case_numbers", self.picker))
        self.form.addRow(_("What happened"), add("description", self.description))
        self.form.addRow(_("What was done"), add("action_taken", self.action))
        self.form.addRow(_("Told"), add("told", told_box))
        self.form.addRow(_("Names and when"), add("told_detail", self.told_detail))
        self.form.addRow(_("Follow-up"), add("follow_up", self.follow_up))
        self.form.addRow(_("Follow-up done on"), self.done_on)
        self.fields.add("follow_up_done_on", self.done_on)
        self.recorded = QLabel("")  # who recorded it and who marked it handled, by name
        self.recorded.setWordWrap(True)
        self.recorded.hide()
        self.form.addRow("", self.recorded)
        note = QLabel(_("Serious and critical incidents alert the manager on the dashboard "
                        "until a manager marks them handled."))
        note.setWordWrap(True)
        self.form.addRow("", note)
        self._watch_changes()
        if row is not None:
            self._fill(row)
        if not self.writes:  # read only: nothing to choose or remove either
            self.buttons.button(self.buttons.StandardButton.Save).hide()
            self.picker.edit.hide()
            self.picker.remove.hide()
        self._opened_with = self._form_state()

    def _watch_changes(self) -> None:
        """A message about the form goes once the user changes something; a date's or a
        time's once that field, or the one it is checked against, changes."""
        for box in self.told.values():
            box.toggled.connect(lambda _on: self.fields.clear("told"))
        self.picker.edit.textEdited.connect(lambda _text: self.fields.clear("case_numbers"))
        for signal in (self.kind.currentIndexChanged, self.severity.currentIndexChanged,
                       self.picker.changed, self.picker.edit.textEdited,
                       self.description.textChanged, self.action.textChanged,
                       self.told_detail.textChanged, self.follow_up.textChanged,
                       self.day.changed, self.time.changed, self.done_on.changed,
                       *(box.toggled for box in self.told.values())):
            signal.connect(lambda *_args: self.message.setText(""))
        for signal in (self.day.changed, self.time.changed):
            signal.connect(lambda: self._recheck(self.day, self.time, self.done_on))
        self.done_on.changed.connect(lambda: self._recheck(self.done_on))

    @staticmethod
    def _recheck(*fields) -> None:
        for field in fields:
            if field.message.text():
                field.show_problem(field.problem())  # "" once the text itself is right

    def _severity_of_kind(self) -> None:
        kind = self.kind.value()
        if kind in incidents.SEVERITY_OF_KIND:
            self.severity.set_value(incidents.SEVERITY_OF_KIND[kind])

    def _fill(self, row) -> None:
        local = row.at.astimezone(self.zone)
        self.kind.set_value(row.kind)
        self.day.set_value(local.date())
        self.time.set_value(local.time().replace(second=0, microsecond=0))
        self.severity.set_value(row.severity)
        self.picker.set_chosen(row.involved)
        self.description.setPlainText(row.description)
        self.action.setPlainText(row.action_taken)
        for code, box in self.told.items():
            box.setChecked(code in row.told)
        self.told_detail.setText(row.told_detail)
        self.follow_up.setPlainText(row.follow_up)
        self.done_on.set_value(row.follow_up_done_on)
        lines = []
        if row.recorded_at is not None:
            lines.append(_("Recorded by {name}, {when}.").format(
                name=row.recorded_by_name, when=when(row.recorded_at, self.zone)))
        if row.handled_at is not None:
            lines.append(_("Marked handled by {name}, {when}.").format(
                name=row.handled_by_name, when=when(row.handled_at, self.zone)))
        self.recorded.setText(" ".join(lines))
        self.recorded.setVisible(bool(lines))
        self.fields.clear()
        self.message.setText("")

    def data(self) -> IncidentData:
        day, time = self.day.value(), self.time.value()
        at = (dt.datetime.combine(day, time, self.zone)
              if day is not None and time is not None else None)
        return IncidentData(
            kind=self.kind.value(), at=at, severity=self.severity.value(),
            case_numbers=self.picker.case_numbers(),
            description=self.description.toPlainText(), action_taken=self.action.toPlainText(),
            told=tuple(code for code, box in self.told.items() if box.isChecked()),
            told_detail=self.told_detail.text(), follow_up=self.follow_up.toPlainText(),
            follow_up_done_on=self.done_on.value())

    def work(self):
        data, workspace, row = self.data(), self.workspace, self.row
        if row is None:
            return lambda: incidents.record_incident(workspace, data)
        return lambda: incidents.update_incident(workspace, row.incident_id, data,
                                                 row.version)

    # -- saving: a refusal at its field ---------------------------------------------------
    def _save(self) -> None:
        self.fields.clear()
        self.message.setText("")
        wrong = first_problem(self)  # a date or a time that cannot be read: at the field
        if wrong is not None:
            reveal(wrong)
            return
        if self.picker.typed():
            self.fields.show("case_numbers", _(
                "Choose the resident from the list that opens under the field, or clear "
                "what you typed."))
            return
        super()._save()

    def _failed(self, error: BaseException) -> None:
        field = error.field if isinstance(error, InputError) else ""
        if field and self.fields.show(field, explain(error)):
            self.buttons.setEnabled(True)
            return
        super()._failed(error)

    # -- closing: ask before typing is lost -------------------------------------------
    def _form_state(self) -> tuple:
        return (self.kind.value(), self.day.text(), self.time.text(), self.severity.value(),
                self.picker.case_numbers(), self.picker.typed(),
                self.description.toPlainText(), self.action.toPlainText(),
                tuple(box.isChecked() for box in self.told.values()),
                self.told_detail.text(), self.follow_up.toPlainText(), self.done_on.text())

    def has_unsaved_typing(self) -> bool:
        return self.writes and self._form_state() != self._opened_with

    def reject(self) -> None:
        if not self.buttons.isEnabled():
            return  # the save is on its way: it closes the form when it is done
        super().reject()
