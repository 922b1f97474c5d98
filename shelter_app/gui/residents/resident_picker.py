"""The one resident picker of the app's forms (an incident's residents, a resident put in
a course): type part of a name or a case number; the matches (found by the service, as
the role may see names: a hidden person by her pseudonym) open under the field, those
who have left marked "(not staying here now)". Nothing is highlighted until Down; Down
goes to the first row; Enter takes the highlighted row, or the first when none is. A
tester's Down + Enter once took the second resident: the list opened highlighted."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.gui.background import Op
from shelter_app.i18n import _
from shelter_app.services.residents import incidents
from shelter_app.services.residents.incidents import Candidate

TYPING_PAUSE_MS = 250  # a search once the typing pauses, not at every key
LIST_ROWS = 3


def chosen_label(case_number: str, shown_name: str) -> str:
    return f"{case_number} · {shown_name}"


def match_label(found: Candidate) -> str:
    if found.present:
        return chosen_label(found.case_number, found.shown_name)
    return _("{case} · {name} (not staying here now)").format(case=found.case_number,
                                                              name=found.shown_name)


class _SearchEdit(QLineEdit):
    """Enter with a name typed chooses (the highlighted match, or the first) instead of
    saving the form: a guard's Enter after a name once saved an incident without her.
    Only a match highlighted with Down is left to the list's own Enter."""

    enter = Signal()

    def __init__(self, highlighted):
        super().__init__()
        self._highlighted = highlighted

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip()
                and not self._highlighted()):
            event.accept()
            self.enter.emit()
            return
        super().keyPressEvent(event)


class ResidentPicker(QWidget):
    """Type, then choose with Down and Enter, Enter alone (the first match) or a click.
    The chosen are listed under the field by case number and shown name; Remove (or
    Delete) takes one away. `single`: one resident only, a new choice replaces her."""

    changed = Signal()  # the chosen residents changed

    def __init__(self, workspace, single: bool = False, parent=None):
        super().__init__(parent)
        self.workspace, self.single = workspace, single
        self.chosen: list[tuple[int, str, str]] = []  # person id, case number, shown name
        self.matches: dict[str, Candidate] = {}  # by label, for the text `searched`
        self.searched = ""
        self._choose_first = False  # Enter was pressed before the matches came
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(incidents.PICK_LIMIT)
        self.edit = _SearchEdit(self._highlighted)
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
        self.list.setMaximumHeight((1 if single else LIST_ROWS) * 21 + 6)
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

    def person_ids(self) -> tuple[int, ...]:
        return tuple(pid for pid, _case, _name in self.chosen)

    def value(self) -> int | None:
        """The one resident chosen (`single`), None before one is."""
        return self.chosen[0][0] if self.chosen else None

    def typed(self) -> str:
        """Text typed and not chosen from the matches (the form does not save it)."""
        return self.edit.text().strip()

    @staticmethod
    def unchosen_message() -> str:
        return _("Choose the resident from the list that opens under the field, or clear "
                 "what you typed.")

    def set_chosen(self, involved) -> None:
        """The residents already chosen (rows with person_id, case_number, shown_name)."""
        self.chosen = []
        self.list.clear()
        for person in involved:
            self._add(person.person_id, person.case_number, person.shown_name)

    # -- choosing ----------------------------------------------------------------------
    def _highlighted(self) -> bool:
        popup = self.completer.popup()
        return popup.isVisible() and popup.currentIndex().isValid()

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
        if self._choose_first and self.matches:
            self._choose(next(iter(self.matches.values())))
        self._choose_first = False

    def _show_matches(self, text: str, found: list[Candidate]) -> None:
        self.searched, self.matches = text, {}
        self.model.clear()
        popup = self.completer.popup()
        if not text:
            popup.hide()
            return
        taken = set() if self.single else {pid for pid, _case, _name in self.chosen}
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
            # nothing highlighted: Down goes to the first, Enter alone takes the first
            popup.setCurrentIndex(QModelIndex())

    def _enter(self) -> None:
        if self.searched == self.typed() and self.matches:
            self._choose(next(iter(self.matches.values())))
        elif self.searched != self.typed() or self.typing.isActive():
            self._choose_first = True
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
        if self.single:
            self.chosen = []
            self.list.clear()
        self._add(found.person_id, found.case_number, found.shown_name)
        self.changed.emit()

    def _add(self, person_id: int, case_number: str, shown_name: str) -> None:
        if any(pid == person_id for pid, _case, _name in self.chosen):
            return
        self.chosen.append((person_id, case_number, shown_name))
        item = QListWidgetItem(chosen_label(case_number, shown_name))
        item.setData(Qt.ItemDataRole.UserRole, person_id)
        item.setToolTip(item.text())
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
