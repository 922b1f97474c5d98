"""Before a new person is saved: people on record who may be the same one. The user
decides; nothing is merged. Someone in the shelter now is offered their profile, not a
second admission (the service says who can be admitted again)."""

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
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import shown_only_if
from shelter_app.i18n import _


class DuplicatesDialog(QDialog):
    def __init__(self, found, parent=None, *, back_text: str | None = None,
                 new_text: str | None = None):
        """`back_text`, `new_text`: the buttons' words where there is no form to go back
        to or to save (receiving a case from another shelter)."""
        super().__init__(parent)
        self.returning_person_id: int | None = None
        self.profile_person_id: int | None = None
        self.setWindowTitle(_("Is this person already on record?"))
        text = QLabel(_("These people on record have the same NIK, or a similar name with "
                        "the same sex and a close year of birth. If one of them is this "
                        "person, admit them again as a returning person; their records stay "
                        "together. Otherwise save a new person."))
        text.setWordWrap(True)
        self.list = QListWidget()
        self._found = {candidate.person_id: candidate for candidate in found}
        for candidate in found:
            reason = _("same NIK") if candidate.same_nik else _("similar name")
            label = _("{case}: {name}, {sex}, born {year} ({reason})").format(
                case=candidate.case_number, name=candidate.shown_name,
                sex=Sex(candidate.sex).label, year=candidate.birth_year or "?",
                reason=reason)
            if not candidate.can_admit_again:
                label += " · " + _("in the shelter now")
            item = QListWidgetItem(label)
            item.setData(256, candidate.person_id)
            self.list.addItem(item)
        self.here_now = QLabel("")
        set_role(self.here_now, tone="muted")
        self.here_now.setWordWrap(True)
        self.admit_again = QPushButton(_("The selected one: admit &again"))
        self.admit_again.clicked.connect(self._same)
        self.open_profile = QPushButton(_("The selected one: open the &profile"))
        self.open_profile.clicked.connect(self._profile)
        new = QPushButton(new_text or _("A &different person: save new"))
        new.clicked.connect(self.accept)
        self.new_button = new
        back = QPushButton(back_text or _("&Back to the form"))
        back.clicked.connect(self.reject)
        self.back_button = back
        buttons = QHBoxLayout()
        buttons.addWidget(self.admit_again)
        buttons.addWidget(self.open_profile)
        buttons.addWidget(new)
        buttons.addStretch()
        buttons.addWidget(back)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list)
        layout.addWidget(self.here_now)
        layout.addLayout(buttons)
        self.resize(640, 320)
        self.list.currentItemChanged.connect(self._offer)
        self.list.setCurrentRow(0)
        self._offer()

    def _selected(self):
        item = self.list.currentItem()
        return self._found.get(item.data(256)) if item is not None else None

    def _offer(self, *_args) -> None:
        """Admit again, or (someone here now) open the profile: never both."""
        chosen = self._selected()
        returning = chosen is not None and chosen.can_admit_again
        here = chosen is not None and not chosen.can_admit_again
        shown_only_if(self.admit_again, returning)
        shown_only_if(self.open_profile, here)
        self.here_now.setText(_("{case} is in the shelter now: open the profile instead of "
                                "admitting again.").format(case=chosen.case_number)
                              if here else "")

    def _same(self) -> None:
        chosen = self._selected()
        if chosen is not None and chosen.can_admit_again:
            self.returning_person_id = chosen.person_id
            self.accept()

    def _profile(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self.profile_person_id = chosen.person_id
            self.accept()
