"""The intake's bed page: today's free beds under "No bed yet", those whose room fits the
person first (Down picks one), and a warning when the chosen room does not fit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem

from shelter_app.domain.errors import InputError
from shelter_app.domain.vocab import RoomDesignation
from shelter_app.i18n import _
from shelter_app.services import rooms
from shelter_app.services.person_fields import PersonData, likely_birth_date

BED = 256  # the item's (bed id, room designation); None for "No bed yet"


class BedChoice:
    """The list and its warning line. `who()` is the person as typed so far and the
    day, read when the list is sorted or a bed is chosen (InputError while half typed)."""

    def __init__(self, who: Callable[[], tuple[PersonData, dt.date]]):
        self.who = who
        self.beds = QListWidget()
        self.warning = QLabel("")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color:#8a5a00;")
        self.beds.currentItemChanged.connect(self.check)

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

    def _warnings(self, designation: str) -> list[str] | None:
        try:
            data, today = self.who()
        except InputError:  # a date still being typed: its page says what is wrong
            return None
        return rooms.allocation_warnings(designation, data.sex,
                                         likely_birth_date(data, today), today)

    def fitting_first(self) -> None:
        """Under "No bed yet", the beds whose room fits the person (no warning), then
        the others, each in the rooms' order; the chosen bed stays chosen."""
        if self._warnings(RoomDesignation.FAMILY.value) is None:
            return
        current = self.beds.currentItem()
        self.beds.blockSignals(True)
        try:
            items = [self.beds.takeItem(0) for _row in range(self.beds.count())]
            beds = [item for item in items if item.data(BED)]
            fitting = [item for item in beds if not self._warnings(item.data(BED)[1])]
            for item in ([item for item in items if not item.data(BED)] + fitting
                         + [item for item in beds if item not in fitting]):
                self.beds.addItem(item)
            self.beds.setCurrentItem(current)
        finally:
            self.beds.blockSignals(False)
        self.check(self.beds.currentItem())

    def check(self, item, _previous=None) -> None:
        chosen = item.data(BED) if item is not None else None
        warnings = self._warnings(chosen[1]) if chosen else None
        self.warning.setText(" ".join(warnings or []))
