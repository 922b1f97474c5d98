"""Rooms and beds at a glance: who sleeps where on a day, free beds by designation."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import RoomDesignation, Sex
from shelter_app.gui.background import Op
from shelter_app.gui.date_field import DateField
from shelter_app.gui.residents.fields import CodedCombo
from shelter_app.gui.save_dialog import SaveDialog
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import shown_only_if
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.services.residents import rooms

CARDS_PER_ROW = 3


class RoomDialog(SaveDialog):
    """A new room, or a new number of beds for one."""

    def __init__(self, workspace, parent=None, room=None):
        super().__init__(_("Change the number of beds") if room else _("New room"), parent)
        self.workspace, self.room = workspace, room
        self.name = QLineEdit(room.name if room else "")
        self.name.setEnabled(room is None)
        self.designation = CodedCombo(list(RoomDesignation))
        if room:
            self.designation.set_value(room.designation)
            self.designation.setEnabled(False)
        self.beds = QSpinBox()
        self.beds.setRange(1, rooms.MAX_BEDS_PER_ROOM)
        self.beds.setValue(len(room.beds) if room else 4)
        self.form.addRow(_("Name"), self.name)
        self.form.addRow(_("For"), self.designation)
        self.form.addRow(_("Beds"), self.beds)

    def work(self):
        name, designation, beds = self.name.text(), self.designation.value(), self.beds.value()
        if self.room is None:
            return lambda: rooms.create_room(self.workspace, name, designation, beds)
        room_id, version = self.room.room_id, self.room.version
        return lambda: rooms.set_capacity(self.workspace, room_id, beds, version)


class RoomBoard(QWidget):
    open_profile = Signal(int)

    def __init__(self, workspace, today: dt.date):
        super().__init__()
        self.workspace = workspace
        self.day = DateField(today, today=today, field="date")
        self.day.changed.connect(lambda: not self.day.problem() and self.refresh())
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setObjectName("roomSummary")
        self.add_room = QPushButton(_("&New room…"))
        self.add_room.clicked.connect(self._new_room)
        shown_only_if(self.add_room, workspace.may(Permission.MANAGE_ROOMS))
        self.cards = QWidget()
        self.grid = QGridLayout(self.cards)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.cards)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Beds on")))
        top.addWidget(self.day)
        top.addStretch()
        top.addWidget(self.add_room)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)

    def refresh(self) -> None:
        if not self.day.check():  # a day still being typed, or not a day: said at the field
            return
        day = self.day.value()
        Op(self, lambda: rooms.board(self.workspace, day), lambda states: self._show(
            states, day)).run_in_background()

    def _show(self, states, day: dt.date) -> None:
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        beds = sum(len(room.beds) for room in states)
        free = sum(room.free for room in states)
        by_designation: dict[str, list[int]] = {}
        for room in states:
            counts = by_designation.setdefault(room.designation, [0, 0])
            counts[0] += room.free
            counts[1] += len(room.beds)
        details = "; ".join(_("{designation}: {free} of {beds} free").format(
            designation=RoomDesignation(key).label, free=value[0], beds=value[1])
            for key, value in by_designation.items())
        self.summary.setText(_("{day}: {taken} of {beds} beds taken, {free} free.").format(
            day=format_date(day), taken=beds - free, beds=beds, free=free) + "  " + details)
        if not states:
            self.summary.setText(_("No rooms yet. A manager adds them with “New room”."))
        for index, room in enumerate(states):
            self.grid.addWidget(self._card(room), index // CARDS_PER_ROW,
                                index % CARDS_PER_ROW)
        self.grid.setRowStretch(len(states) // CARDS_PER_ROW + 1, 1)

    def _card(self, room) -> QGroupBox:
        card = QGroupBox(_("{room} ({designation}): {free} of {beds} free").format(
            room=room.name, designation=RoomDesignation(room.designation).label,
            free=room.free, beds=len(room.beds)))
        layout = QVBoxLayout(card)
        for bed in room.beds:
            if bed.occupant is None:
                label = QLabel(_("{bed}. free").format(bed=bed.label))
                set_role(label, tone="good")
                layout.addWidget(label)
                continue
            who = bed.occupant
            button = QPushButton(_("{bed}. {case} {initials} · {sex}, {age}").format(
                bed=bed.label, case=who.case_number, initials=who.label,
                sex=Sex(who.sex).label, age=who.age if who.age is not None else "?"))
            button.setFlat(True)
            button.setObjectName("bedOccupant")
            button.setToolTip(_("In this bed since {since}. Click to open the profile.")
                              .format(since=format_date(who.since)))
            button.clicked.connect(lambda _c=False, pid=who.person_id: self.open_profile.emit(
                pid))
            layout.addWidget(button)
        if self.workspace.may(Permission.MANAGE_ROOMS):
            change = QPushButton(_("Beds…"))
            change.clicked.connect(lambda _c=False, r=room: self._change(r))
            layout.addWidget(change)
        layout.addStretch()
        return card

    def _new_room(self) -> None:
        if RoomDialog(self.workspace, self).exec():
            self.refresh()

    def _change(self, room) -> None:
        if RoomDialog(self.workspace, self, room).exec():
            self.refresh()
