"""The intake's bed page: today's free beds under "No bed yet", those whose room fits the
person first (Down picks one), and a warning when the chosen room does not fit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from shelter_app.domain.errors import InputError
from shelter_app.domain.vocab import RoomDesignation
from shelter_app.gui.style import set_role
from shelter_app.i18n import _
from shelter_app.services.residents import rooms
from shelter_app.services.residents.fields import PersonData, likely_birth_date

BED = 256  # the item's (bed id, room designation); None for "No bed yet"


class BedChoice(QWidget):
    """The list and its warning line. `who()` is the person as typed so far and the
    day, read when the list is sorted or a bed is chosen (InputError while half typed);
    a form made from a .ui file gives it after setupUi."""

    def __init__(self, who: Callable[[], tuple[PersonData, dt.date]] | None = None,
                 parent=None):
        super().__init__(parent)
        self.who = who
        self.beds = QListWidget()
        self.warning = QLabel("")
        self.warning.setWordWrap(True)
        set_role(self.warning, tone="warning")
        self.beds.currentItemChanged.connect(self.check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.beds, 1)
        layout.addWidget(self.warning)

    def fill(self, free) -> None:
        none = QListWidgetItem(_("No bed yet"))
        none.setData(BED, None)
        self.beds.addItem(none)
        for bed in free:
            item = QListWidgetItem(_("{room}, bed {bed} ({designation})").format(
                room=bed.room_name, bed=bed.bed_label,
                designation=RoomDesignation(bed.designation).label))
            item.setData(BED, (bed.bed_id, bed.designation))
            self.beds.addItem(item)
        self.beds.setCurrentRow(0)

    def chosen(self) -> int | None:
        item = self.beds.currentItem()
        chosen = item.data(BED) if item is not None else None
        return chosen[0] if chosen else None

    def _person(self) -> tuple[str, dt.date | None, dt.date] | None:
        """(sex, likely birth date, day); None while a date is half typed (its page says
        what is wrong)."""
        try:
            data, today = self.who()
        except InputError:
            return None
        return data.sex, likely_birth_date(data, today), today

    def fitting_first(self) -> None:
        """Under "No bed yet", the beds of the person's own room first (women's, men's,
        children's), then the other rooms with no warning, then the rest, each in the
        rooms' order (rooms.fit_rank); the chosen bed stays chosen."""
        person = self._person()
        if person is None:
            return
        current = self.beds.currentItem()
        self.beds.blockSignals(True)
        try:
            items = [self.beds.takeItem(0) for _row in range(self.beds.count())]
            items.sort(key=lambda item: -1 if not item.data(BED) else rooms.fit_rank(
                item.data(BED)[1], *person))  # a stable sort keeps the rooms' order
            for item in items:
                self.beds.addItem(item)
            self.beds.setCurrentItem(current)
        finally:
            self.beds.blockSignals(False)
        self.check(self.beds.currentItem())

    def check(self, item, _previous=None) -> None:
        chosen = item.data(BED) if item is not None else None
        person = self._person() if chosen else None
        warnings = rooms.allocation_warnings(chosen[1], *person) if person else []
        self.warning.setText(" ".join(warnings))
