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

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import InputError
from shelter_app.domain.roles import Permission, Role
from shelter_app.domain.vocab import SessionKind, SessionStatus
from shelter_app.gui.background import Op, explain
from shelter_app.gui.date_field import DateField, TimeField, first_problem, reveal
from shelter_app.gui.residents.fields import (
    CheckList,
    CodedCombo,
    FieldMessages,
    discard_typing,
)
from shelter_app.gui.widgets import ERROR_STYLE, translate_buttons
from shelter_app.i18n import _
from shelter_app.services.counselling import (
    booking,
    session_edit,
    session_notes,
    session_views,
)
from shelter_app.services.counselling.booking import SessionDraft
from shelter_app.services.counselling.session_edit import Outcome, SessionEdit

CLASH_STYLE = "background:#fdecea; color:#8a1c12; padding:6px; border:1px solid #f5c2bd;"


class SessionDialog(QDialog):
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
        self.setWindowTitle(_("Counselling session") if session_id else _("Book a session"))
        self.resize(760, 600)
        start = start or dt.datetime.combine(max(day or today, today), dt.time(9))
        self._minutes = 60  # the length kept when the start moves
        editable = workspace.may(Permission.BOOK_SESSIONS)

        self.kind = CodedCombo(list(SessionKind))
        self.day = DateField(start.date(), field="start")
        self.starts = TimeField(start.time(), field="start")
        self.ends = TimeField((start + dt.timedelta(hours=1)).time(), field="end")
        self.room = CodedCombo([], empty=_("No room"))
        self.weeks = QSpinBox()
        self.weeks.setRange(1, booking.MAX_WEEKS)
        self.weeks.setSuffix(_(" week(s)"))
        self.counsellors = CheckList([], rows=4)
        self.residents = CheckList([], rows=7)
        self.residents.setMaximumHeight(16777215)  # the list takes the height there is
        self.residents.setSizePolicy(QSizePolicy.Policy.Expanding,
                                     QSizePolicy.Policy.Expanding)
        self.family = CheckList([], rows=3)
        self.family_label = QLabel(_("Family members"))
        self.clash_box = QLabel("")
        self.clash_box.setWordWrap(True)
        self.clash_box.setStyleSheet(CLASH_STYLE)
        self.clash_box.hide()
        self.confirm = QCheckBox(_("Book it anyway: I have checked these clashes"))
        self.confirm.hide()
        self._preset_counsellor, self._preset_room = counsellor, room_id

        self.fields = FieldMessages()
        times = QWidget()  # one line, each part at its top, whichever shows a message
        times.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        times_row = QHBoxLayout(times)
        times_row.setContentsMargins(0, 0, 0, 0)
        until = QLabel(_("until"))
        until.setFixedHeight(self.starts.edit.sizeHint().height())
        for widget in (self.fields.add("start", self.starts), until,
                       self.fields.add("end", self.ends)):
            times_row.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)
        times_row.addStretch()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Type"), self.fields.add("kind", self.kind))
        form.addRow(_("Day"), self.fields.add("day", self.day))
        form.addRow(_("Time"), times)
        form.addRow(_("Where"), self.fields.add("room", self.room))
        if session_id is None:
            form.addRow(_("Repeat weekly for"), self.fields.add("weeks", self.weeks))
        form.addRow(_("Counsellors"), self.fields.add("counsellors", self.counsellors))
        residents = self.fields.add("residents", self.residents)
        residents.setSizePolicy(QSizePolicy.Policy.Preferred,
                                QSizePolicy.Policy.Expanding)
        form.addRow(_("Residents"), residents)
        form.addRow(self.family_label, self.fields.add("family", self.family))
        booking_tab = QWidget()
        booking_layout = QVBoxLayout(booking_tab)
        booking_layout.addLayout(form, 1)
        booking_layout.addWidget(self.clash_box)
        booking_layout.addWidget(self.confirm)
        for widget in (booking_tab,):
            widget.setEnabled(editable)

        self.tabs = QTabWidget()
        self.tabs.addTab(booking_tab, _("Booking"))
        if session_id is not None:
            self.tabs.addTab(self._outcome_tab(editable), _("After the session"))

        self.message = QLabel("")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.buttons = translate_buttons(QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)  # which asks first, as Escape does
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)  # until the session and the choices are loaded
        self.editable = editable
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._check)
        self.kind.setFocus()  # the first field, not the tab above it
        self._load()

    # -- after the session -----------------------------------------------------------
    def _outcome_tab(self, editable: bool) -> QWidget:
        self.status = CodedCombo(list(SessionStatus))
        self.attendance = CheckList([], rows=6)
        self.attendance_note = QLabel(_("Tick who came (for a session held)."))
        tab = QWidget()
        form = QFormLayout(tab)
        form.addRow(_("Status"), self.fields.add("status", self.status))
        form.addRow(_("Attendance"), self.fields.add("attendance", self.attendance))
        form.addRow("", self.attendance_note)
        self.status.setEnabled(editable)
        self.attendance.setEnabled(editable)
        self.notes = QPlainTextEdit()
        if self.workspace.may(Permission.SESSION_NOTES):
            self.notes.setPlaceholderText(_("Only counsellors can read these notes."))
            form.addRow(_("Notes (counsellors only)"), self.notes)
        else:
            hidden = QLabel(_("Session notes are kept for counsellors only."))
            hidden.setStyleSheet("color:#555;")
            form.addRow(_("Notes"), hidden)
        return tab

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
                     if session_id and workspace.may(Permission.SESSION_NOTES) else None)
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
        self.room.clear()
        self.room.addItem(_("No room"), "")
        for room_id, name in choices.rooms:
            self.room.addItem(name, str(room_id))
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
        for name, signal in (("kind", self.kind.activated),
                             ("room", self.room.activated),
                             ("weeks", self.weeks.valueChanged),
                             ("counsellors", self.counsellors.itemChanged),
                             ("residents", self.residents.itemChanged),
                             ("family", self.family.itemChanged)):
            signal.connect(lambda *_args, field=name: self.touched.add(field))
        for signal in (self.kind.currentIndexChanged, self.day.changed,
                       self.starts.changed, self.ends.changed,
                       self.room.currentIndexChanged, self.weeks.valueChanged,
                       self.counsellors.itemChanged, self.residents.itemChanged,
                       self.family.itemChanged):
            signal.connect(self._changed)
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
        self.touched.add("start")
        if self.starts.problem() or self.day.problem():
            return
        start = dt.datetime.combine(self.day.value(), self.starts.value())
        end = start + dt.timedelta(minutes=self._minutes)
        if end.date() == start.date():
            self.ends.set_value(end.time())

    def _end_typed(self, _text: str) -> None:
        self.touched.add("end")
        if not (self.starts.problem() or self.ends.problem()):
            minutes = (dt.datetime.combine(self.today, self.ends.value())
                       - dt.datetime.combine(self.today, self.starts.value()))
            if minutes > dt.timedelta(0):
                self._minutes = int(minutes.total_seconds() // 60)

    def _refresh_family(self) -> None:
        family_kind = self.kind.value() == SessionKind.FAMILY.value
        self.family.setVisible(family_kind)
        self.family_label.setVisible(family_kind)
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
        if self.day.edit.isModified():
            self.touched.add("day")
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
        if (self.workspace.may(Permission.SESSION_NOTES)
                and self.notes.toPlainText() != (self.loaded_notes or "")):
            notes = self.notes.toPlainText()
        changed = not booking.same_booking(self.loaded_draft, draft)
        return SessionEdit(view.id, draft if changed else None, self.confirm.isChecked(),
                           outcome, notes)

    def _show_error(self, error: BaseException, focus: bool = True) -> None:
        """At its field (an InputError names it), once the user has touched that field or
        pressed Save; an error of no field below the form."""
        field = error.field if isinstance(error, InputError) else ""
        if field and field not in self.touched and not self.tried:
            return  # the user has not got there yet: nothing is wrong so far
        if field == "attendance" or field == "status":
            self.tabs.setCurrentIndex(1)
        elif field:
            self.tabs.setCurrentIndex(0)
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
        state = (self.kind.value(), self.day.text(), self.starts.text(), self.ends.text(),
                 self.room.value(), self.weeks.value(), self.counsellors.values(),
                 self.residents.values(), self.family.values())
        if self.session_id is not None:
            state += (self.status.value(), self.attendance.values(),
                      self.notes.toPlainText())
        return state

    def reject(self) -> None:
        """Escape, Cancel and the window's close button: ask first when something was
        typed (a closed window is closed without asking: see closeEvent)."""
        filled_in = self.loaded and self._form_state() != self._opened_with
        if filled_in and not self.saving and not discard_typing(self):
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if event.spontaneous():  # the window's close button: as Cancel
            super().closeEvent(event)
            return
        self.done(QDialog.DialogCode.Rejected)  # closed by the app (a log-out, a lock)
        event.accept()
