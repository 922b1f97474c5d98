"""Book a session, or open one: change the booking, record how it went and (counsellors
only) write its notes. Clashes are checked as the form changes and shown before saving;
a clashing booking is saved only when the user ticks that it is meant.

Save reads the whole form here, on the GUI thread, into one plain value and sends it to
one service call (booking.book or session_edit.edit): one transaction, all or nothing.
Save waits until the session has loaded, and a second press while saving does nothing.
The day and the times keep what was typed; while one of them is not a day or a time the
clash check waits and Save says what is wrong at the field.

What the service refuses is said at its field, and only for a field the user has
touched (or after Save): a new booking opens without an error. "New session…" suggests
the next free hour; moving the start moves the end with it. Escape, Cancel or the
window's close button ask before a filled-in booking is thrown away."""

from __future__ import annotations

import datetime as dt
from functools import reduce
from typing import NamedTuple

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox

from shelter_app.domain.errors import InputError
from shelter_app.domain.roles import Permission, Role
from shelter_app.domain.vocab import SessionKind, SessionStatus
from shelter_app.gui.background import Op, explain
from shelter_app.gui.date_field import first_problem, reveal
from shelter_app.gui.form_fields import CODE, CODES, NUMBER, TYPED, Way, typed_rules
from shelter_app.gui.forms.session_dialog_form import Ui_SessionDialog
from shelter_app.gui.residents.fields import AsksBeforeDiscarding, CheckList, FieldMessages
from shelter_app.gui.widgets import translate_buttons
from shelter_app.i18n import _
from shelter_app.services.counselling import (
    booking,
    session_edit,
    session_notes,
    session_views,
)
from shelter_app.services.counselling.booking import SessionDraft
from shelter_app.services.counselling.session_edit import Outcome, SessionEdit


class Field(NamedTuple):
    """A field of the session, and its widget in ui/session_dialog.ui."""

    name: str  # as a service's InputError names it
    widget: str
    way: Way
    edited: str  # the signal the widget sends when the user changes it: errors show then


BOOKING_FIELDS = (
    Field("kind", "kind", CODE, "activated"),
    Field("day", "day", TYPED, "edit.textEdited"),
    Field("start", "starts", TYPED, "edit.textEdited"),
    Field("end", "ends", TYPED, "edit.textEdited"),
    Field("room", "room", CODE, "activated"),
    Field("weeks", "weeks", NUMBER, "valueChanged"),  # a new booking's only
    Field("counsellors", "counsellors", CODES, "itemChanged"),
    Field("residents", "residents", CODES, "itemChanged"),
    Field("family", "family", CODES, "itemChanged"),
)
OUTCOME_FIELDS = (  # on the tab "After the session", of a session opened
    Field("status", "status", CODE, "activated"),
    Field("attendance", "attendance", CODES, "itemChanged"),
)


class SessionDialog(AsksBeforeDiscarding, QDialog, Ui_SessionDialog):
    """`start` (naive, shelter time) books a new session then; without it, the next
    free hour from `day` on is suggested. `session_id` opens a session."""

    def __init__(self, workspace, today: dt.date, zone, *, start: dt.datetime | None = None,
                 day: dt.date | None = None, session_id: int | None = None,
                 counsellor: str | None = None, room_id: int | None = None, parent=None):
        super().__init__(parent)
        self.workspace, self.today, self.zone = workspace, today, zone
        self.session_id, self.view, self.loaded_notes = session_id, None, None
        self.loaded_draft: SessionDraft | None = None
        self.loaded = self.saving = self.tried = False
        self.clashes: list = []
        self.touched: set[str] = set()  # fields the user changed: their errors are shown
        self._check_serial = 0
        self._opened_with: tuple | None = None  # the form as loaded: what Escape compares
        self.suggest = start is None and session_id is None
        self.setupUi(self)  # every widget of ui/session_dialog.ui, by its name
        self.setWindowTitle(_("Counselling session") if session_id else _("Book a session"))
        start = start or dt.datetime.combine(max(day or today, today), dt.time(9))
        self._minutes = 60  # the length kept when the start moves
        self.editable = editable = workspace.may(Permission.BOOK_SESSIONS)
        self._preset_counsellor, self._preset_room = counsellor, room_id

        self.kind.set_choices(list(SessionKind))
        self.room.set_choices([], empty=_("No room"))
        self.weeks.setMaximum(booking.MAX_WEEKS)
        self.day.set_value(start.date())
        self.starts.set_value(start.time())
        self.ends.set_value((start + dt.timedelta(hours=1)).time())
        self.until.setFixedHeight(self.starts.edit.sizeHint().height())
        self.clash_box.hide()
        self.confirm.hide()
        if session_id is None:
            self.tabs.removeTab(self.tabs.indexOf(self.outcome_tab))
            self.outcome_tab.deleteLater()
            self.table = BOOKING_FIELDS
        else:
            self.booking_form.setRowVisible(self.weeks, False)  # one session, not a series
            self.table = tuple(f for f in BOOKING_FIELDS if f.name != "weeks") + OUTCOME_FIELDS
            self._prepare_outcome(editable)
        self.booking_tab.setEnabled(editable)
        self.fields = FieldMessages()
        for field in self.table:
            if field.way is TYPED:
                typed_rules(self._widget(field), field.name)
            self.fields.add(field.name, self._widget(field))

        translate_buttons(self.buttons)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)  # which asks first, as Escape does
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)  # until the session and the choices are loaded

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._check)
        self.kind.setFocus()  # the first field, not the tab above it
        self._load()

    def _widget(self, field: Field):
        return getattr(self, field.widget)

    # -- after the session -----------------------------------------------------------
    def _prepare_outcome(self, editable: bool) -> None:
        self.status.set_choices(list(SessionStatus))
        self.status.setEnabled(editable)
        self.attendance.setEnabled(editable)
        # notes for counsellors who hold the counsellors' key (one still waiting for it
        # sees the same line as others: the notes are kept for counsellors)
        counsellor = session_notes.readable(self.workspace)
        self.outcome_form.setRowVisible(self.notes, counsellor)
        self.outcome_form.setRowVisible(self.notes_kept, not counsellor)

    # -- loading ---------------------------------------------------------------------
    def _load(self) -> None:
        workspace, session_id = self.workspace, self.session_id
        booking_day = self.day.value()  # widgets are read here, never in the worker
        suggest, counsellor = self.suggest, self._preset_counsellor or (
            workspace.user.username if workspace.user.role == Role.COUNSELLOR else None)
        room = self._preset_room

        def work():
            detail = session_views.detail(workspace, session_id) if session_id else None
            day = detail[0].start.date() if detail else booking_day
            also = detail[1].residents if detail else ()
            notes = (session_notes.read(workspace, session_id)
                     if session_id and session_notes.readable(workspace) else None)
            suggested = booking.suggested_start(
                workspace, booking_day, (counsellor,) if counsellor else (), room,
            ) if suggest else None
            if suggested is not None:
                day = suggested.date()
            return (detail, session_views.choices(workspace, day, also), notes, suggested,
                    counsellor)

        Op(self, work, self._loaded).run_in_background()

    def _loaded(self, result) -> None:
        detail, choices, notes, suggested, counsellor = result
        self.choices = choices
        self.counsellors.set_choices(choices.counsellors)
        self.residents.set_choices([(str(pid), label) for pid, label in choices.residents])
        self.room.set_choices([(str(room_id), name) for room_id, name in choices.rooms],
                              empty=_("No room"))
        if detail is not None:
            view, draft = detail
            self.view, self.loaded_draft = view, draft
            if view.room_id and self.room.findData(str(view.room_id)) < 0:
                self.room.addItem(view.room, str(view.room_id))  # a bedroom, from before
            self.kind.set_value(view.kind)
            self.day.set_value(view.start.date())
            self.starts.set_value(view.start.time())
            self.ends.set_value(view.end.time())
            self._minutes = view.minutes
            self.room.set_value(str(view.room_id) if view.room_id else "")
            self.counsellors.set_values(list(draft.counsellors))
            self.residents.set_values([str(pid) for pid in draft.residents])
            self._scroll_to_ticked(self.residents)
            self._refresh_family()
            self.family.set_values([str(cid) for cid in draft.family])
            self.status.set_value(view.status)
            self.attendance.set_choices([(str(p.id), p.label) for p in view.participants])
            self.attendance.set_values([str(p.id) for p in view.participants if p.attended])
            if notes is not None:
                self.notes.setPlainText(notes)
                self.loaded_notes = notes
        else:  # a new booking starts from the calendar's filters (or the counsellor)
            if counsellor:
                self.counsellors.set_values([counsellor])
            if self._preset_room is not None:
                self.room.set_value(str(self._preset_room))
            typed = self.touched & {"day", "start", "end"}
            if suggested is not None and not typed:  # nothing typed while it loaded
                start = suggested.astimezone(self.zone)
                self.day.set_value(start.date())
                self.starts.set_value(start.time())
                self.ends.set_value((start + dt.timedelta(minutes=self._minutes)).time())
        self._refresh_family()
        self.starts.edit.textEdited.connect(self._start_typed)
        self.ends.edit.textEdited.connect(self._end_typed)
        for field in self.table:  # from now on what changes is the user's doing
            widget = self._widget(field)
            reduce(getattr, field.edited.split("."), widget).connect(
                lambda *_args, name=field.name: self.touched.add(name))
            if field in BOOKING_FIELDS:  # the booking is checked for clashes again
                getattr(widget, field.way.changed).connect(self._changed)
        self._changed()
        self.loaded = True
        self._opened_with = self._form_state()
        self.save_button.setEnabled(self.editable)

    def _scroll_to_ticked(self, checks: CheckList) -> None:
        """Bring the first ticked choice into view: a reopened session shows its people."""
        for row in range(checks.count()):
            if checks.item(row).checkState() == Qt.CheckState.Checked:
                checks.scrollToItem(checks.item(row),
                                    QAbstractItemView.ScrollHint.PositionAtTop)
                return

    # -- the times -------------------------------------------------------------------
    def _start_typed(self, _text: str) -> None:
        """The end moves with the start: the session keeps its length."""
        if self.starts.problem() or self.day.problem():
            return
        start = dt.datetime.combine(self.day.value(), self.starts.value())
        end = start + dt.timedelta(minutes=self._minutes)
        if end.date() == start.date():
            self.ends.set_value(end.time())

    def _end_typed(self, _text: str) -> None:
        if not (self.starts.problem() or self.ends.problem()):
            minutes = (dt.datetime.combine(self.today, self.ends.value())
                       - dt.datetime.combine(self.today, self.starts.value()))
            if minutes > dt.timedelta(0):
                self._minutes = int(minutes.total_seconds() // 60)

    def _refresh_family(self) -> None:
        self.booking_form.setRowVisible(self.family_label,
                                        self.kind.value() == SessionKind.FAMILY.value)
        if not hasattr(self, "choices"):
            return
        chosen = self.family.values()
        self.family.blockSignals(True)
        self.family.set_choices([(str(cid), label)
                                 for pid in self.residents.values()
                                 for cid, label in self.choices.family.get(int(pid), [])])
        self.family.set_values(chosen)
        self.family.blockSignals(False)

    # -- the clash check -------------------------------------------------------------
    def draft(self) -> SessionDraft:
        """The booking in the form; InputError while the day or a time is not one."""
        day = self.day.value()
        start = dt.datetime.combine(day, self.starts.value(), self.zone)
        end = dt.datetime.combine(day, self.ends.value(), self.zone)
        room = self.room.value()
        kind = self.kind.value()
        return SessionDraft(
            kind, start, int((end - start).total_seconds() // 60),
            tuple(self.counsellors.values()), tuple(int(p) for p in self.residents.values()),
            tuple(int(c) for c in self.family.values()) if kind == "family" else (),
            int(room) if room else None,
            self.weeks.value() if self.session_id is None else 1, self.session_id)

    def _changed(self, *_args) -> None:
        self._refresh_family()
        self._timer.start()

    def _check(self) -> None:
        self._check_serial += 1
        serial, workspace = self._check_serial, self.workspace
        if any(field.problem() for field in (self.day, self.starts, self.ends)):
            self._show_clashes(serial, [], None)  # still being typed: no check with another day
            return
        draft = self.draft()
        Op(self, lambda: booking.check(workspace, draft),
           lambda found: self._show_clashes(serial, found, None)).failure(
            lambda error: self._show_clashes(serial, [], error)).run_in_background()

    def _show_clashes(self, serial: int, found: list, error: BaseException | None) -> None:
        if serial != self._check_serial:
            return  # the form changed since this check started
        self.clashes = found
        self.fields.clear()
        self.message.setText("")
        if error is not None:
            self._show_error(error, focus=False)
        if found:
            self.clash_box.setText(_("This booking clashes:") + "\n" + "\n".join(
                "• " + clash.text for clash in found))
        self.clash_box.setVisible(bool(found))
        self.confirm.setVisible(bool(found))
        if not found:
            self.confirm.setChecked(False)

    # -- saving ----------------------------------------------------------------------
    def changes(self) -> SessionEdit:
        """What the user changed in the open session, read from the form (GUI thread)."""
        view, draft = self.view, self.draft()
        outcome = notes = None
        status = self.status.value()
        ticked = self.attendance.values()
        attended = {p.id: str(p.id) in ticked for p in view.participants}
        if status != view.status or attended != {p.id: bool(p.attended)
                                                 for p in view.participants}:
            outcome = Outcome(status, attended)
        if (session_notes.readable(self.workspace)
                and self.notes.toPlainText() != (self.loaded_notes or "")):
            notes = self.notes.toPlainText()
        changed = not booking.same_booking(self.loaded_draft, draft)
        return SessionEdit(view.id, draft if changed else None, self.confirm.isChecked(),
                           outcome, notes, view.version)

    def _show_error(self, error: BaseException, focus: bool = True) -> None:
        """At its field (an InputError names it), once the user has touched that field or
        pressed Save; an error of no field below the form."""
        field = error.field if isinstance(error, InputError) else ""
        if field and field not in self.touched and not self.tried:
            return  # the user has not got there yet: nothing is wrong so far
        if field:
            on_outcome = field in {outcome.name for outcome in OUTCOME_FIELDS}
            self.tabs.setCurrentWidget(self.outcome_tab if on_outcome else self.booking_tab)
        if not self.fields.show(field, explain(error), focus):
            self.message.setText(explain(error))

    def _save(self) -> None:
        if not self.loaded or self.saving:
            return  # nothing to save from yet, or this save is already on its way
        self.tried = True
        wrong = first_problem(self)  # shown at its field; nothing is sent
        if wrong is not None:
            reveal(wrong)
            return
        self.message.setText("")
        workspace = self.workspace
        if self.session_id is None:
            draft, confirmed = self.draft(), self.confirm.isChecked()

            def work():
                return booking.book(workspace, draft, confirmed)
        else:
            change = self.changes()

            def work():
                return session_edit.edit(workspace, change)

        self.saving = True
        self.buttons.setEnabled(False)
        Op(self, work, lambda _r: self.accept()).failure(self._failed).run_in_background()

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        if isinstance(error, booking.ClashesFound):
            self._show_clashes(self._check_serial, error.clashes, None)
            self.message.setText(_("Change the booking, or tick that it should be booked "
                                   "anyway."))
            self.tabs.setCurrentIndex(0)
            return
        self._show_error(error)

    # -- closing ---------------------------------------------------------------------
    def _form_state(self) -> tuple:
        """Everything the form holds, as typed: to tell whether anything was changed."""
        state = tuple(field.way.shown(self._widget(field)) for field in self.table)
        return state + ((self.notes.toPlainText(),) if self.session_id is not None else ())

    def has_unsaved_typing(self) -> bool:
        return self.loaded and not self.saving and self._form_state() != self._opened_with
