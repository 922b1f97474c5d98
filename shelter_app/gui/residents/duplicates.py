"""Before a new person is saved: people on record who may be the same one. The user
decides; nothing is merged."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from shelter_app.domain.vocab import Sex
from shelter_app.i18n import _


class DuplicatesDialog(QDialog):
    def __init__(self, found, parent=None):
        super().__init__(parent)
        self.returning_person_id: int | None = None
        self.setWindowTitle(_("Is this person already on record?"))
        text = QLabel(_("These people on record have the same NIK, or a similar name with "
                        "the same sex and a close year of birth. If one of them is this "
                        "person, admit them again as a returning person; their records stay "
                        "together. Otherwise save a new person."))
        text.setWordWrap(True)
        self.list = QListWidget()
        for candidate in found:
            reason = _("same NIK") if candidate.same_nik else _("similar name")
            item = QListWidgetItem(_("{case}: {name}, {sex}, born {year} ({reason})").format(
                case=candidate.case_number, name=candidate.shown_name,
                sex=Sex(candidate.sex).label, year=candidate.birth_year or "?",
                reason=reason))
            item.setData(256, candidate.person_id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        same = QPushButton(_("The selected one: admit &again"))
        same.clicked.connect(self._same)
        new = QPushButton(_("A &different person: save new"))
        new.clicked.connect(self.accept)
        back = QPushButton(_("&Back to the form"))
        back.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(same)
        buttons.addWidget(new)
        buttons.addStretch()
        buttons.addWidget(back)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.resize(640, 320)

    def _same(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.returning_person_id = item.data(256)
            self.accept()
