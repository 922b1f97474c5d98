"""The counselling calendar, the session dialog with its clash check, the drag, and the
profile's sessions and plan tabs, as counsellors and managers use them."""

import datetime as dt
import json
import threading

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from shelter_app.gui.background import Op, wait_for_idle
from shelter_app.services.counselling import booking, casework, session_notes, session_views


def settle(qtbot, ms=50):
    assert wait_for_idle(30000)
    qtbot.wait(ms)


def calendar(logged_in, qtbot):
    window = logged_in.main_window
    window.show_area("counselling")
    page = window.areas["counselling"].calendar
    qtbot.waitUntil(lambda: bool(page.loaded), timeout=15000)
    settle(qtbot)
    return page


def test_the_week_shows_the_shelters_sessions_and_filters(logged_in, qtbot):
    page = calendar(logged_in, qtbot)
    assert page.days == 7 and page.first.weekday() == 0
    assert len(page.view.blocks) == len(page.loaded) > 0
    assert "sessions" in page.summary.text()
    everyone = len(page.loaded)
    page.counsellor.setCurrentIndex(page.counsellor.findData("counsellor"))
    settle(qtbot)
    assert 0 < len(page.loaded) < everyone
    assert all("counsellor" in v.counsellors for v in page.loaded)
    page.span.setCurrentIndex(1)  # one day
    settle(qtbot)
    assert page.first == page.today and page.view.days == 1
    page.step(-1)
    settle(qtbot)
    assert page.first == page.today - dt.timedelta(days=1)


def test_a_clashing_booking_is_shown_and_saved_only_when_confirmed(logged_in, qtbot):
    page = calendar(logged_in, qtbot)
    taken = page.loaded[0]
    page.book_at(taken.start.replace(tzinfo=None) + dt.timedelta(minutes=15))
    dialog = page.last_dialog
    settle(qtbot, 100)
    dialog.counsellors.set_values([taken.counsellors[0]])
    dialog.residents.set_values([str(pid) for pid in session_views.choices(
        page.workspace, taken.start.date()).residents[:1][0][:1]])
    qtbot.waitUntil(lambda: dialog.clash_box.isVisible(), timeout=10000)
    assert "already has a session" in dialog.clash_box.text()
    before = len(page.loaded)
    dialog._save()
    settle(qtbot, 100)
    assert dialog.isVisible() and "tick" in dialog.message.text()
    dialog.confirm.setChecked(True)
    dialog._save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    settle(qtbot, 100)
    assert len(page.loaded) == before + 1
    assert any(v.clash_confirmed for v in page.loaded)


def test_an_end_before_the_start_is_refused_in_the_dialog(logged_in, qtbot):
    page = calendar(logged_in, qtbot)
    page.book_at(dt.datetime.combine(page.today, dt.time(15)))
    dialog = page.last_dialog
    settle(qtbot, 100)
    dialog.ends.set_value(dt.time(14, 30))  # before the 15:00 start
    dialog.counsellors.set_values(["counsellor"])
    dialog.residents.set_values([str(session_views.choices(page.workspace, page.today)
                                     .residents[0][0])])
    dialog._save()
    settle(qtbot, 100)
    assert "ends before it starts" in dialog.ends.message.text()  # said at the end time
    assert dialog.ends.message.isVisible() and dialog.message.text() == ""
    dialog.done(0)


def test_dragging_a_planned_session_moves_it_through_the_clash_check(logged_in, qtbot,
                                                                     monkeypatch):
    asked = []
    monkeypatch.setattr("shelter_app.gui.counselling.calendar_page.confirm",
                        lambda *args: asked.append(args) or True)
    page = calendar(logged_in, qtbot)
    page.step(1)  # next week: all planned
    settle(qtbot)
    page.view.setFocus()  # as the press will: the focus ring shown lays the page out again,
    qtbot.wait(20)  # which would undo the resize below in the middle of the drag
    page.view.resize(1000, 600)
    block = next(b for b in page.view.blocks if b.draggable)
    moved_id, start = block.view.id, block.view.start
    origin = block.rect.center().toPoint() - QPoint(0, int(block.rect.height() / 2) - 4)
    target = origin + QPoint(0, int(page.view._hour_height() * 2))
    qtbot.mousePress(page.view, Qt.MouseButton.LeftButton, pos=origin)
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication
    move = QMouseEvent(QMouseEvent.Type.MouseMove, target.toPointF(),
                       page.view.mapToGlobal(target).toPointF(), Qt.MouseButton.NoButton,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(page.view, move)
    qtbot.mouseRelease(page.view, Qt.MouseButton.LeftButton, pos=target)
    settle(qtbot, 200)
    moved = next(v for v in page.loaded if v.id == moved_id)
    assert moved.start - start == dt.timedelta(hours=2)


def test_the_profile_shows_sessions_and_the_plan_and_advances_the_stage(logged_in_as, qtbot,
                                                                       monkeypatch):
    monkeypatch.setattr("shelter_app.gui.counselling.profile_tabs.confirm",
                        lambda *args: True)
    logged_in = logged_in_as("counsellor")  # an assessment's text is sealed for counsellors
    page = calendar(logged_in, qtbot)
    person = page.loaded[0].person_ids[0]
    profile = logged_in.main_window.areas["residents"].open_profile(person)
    settle(qtbot, 200)
    assert profile.sessions.table.rowCount() > 0
    tab = profile.casework
    profile.tabs.setCurrentWidget(tab)
    tab._new_assessment()
    dialog = tab.last_dialog
    dialog.problems.setPlainText("Sulit tidur")
    dialog.needs["health"].setText("Periksa HIV")
    dialog._save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    settle(qtbot, 100)
    assert "Sulit tidur" in tab.assessment_text.toPlainText()
    tab._conference()
    conference = tab.last_dialog
    qtbot.waitUntil(lambda: conference.editors.count() == 1, timeout=10000)
    settle(qtbot, 100)
    conference.participants.setPlainText("Konselor Demo, Manajer Demo")
    editor = conference.editors.widget(0)
    editor.decision.setPlainText("Mulai pelatihan")
    editor.goals.add_goal()
    editor.goals.cellWidget(editor.goals.rowCount() - 1, 1).setText("Pelatihan menjahit")
    conference._save()
    qtbot.waitUntil(lambda: not conference.isVisible(), timeout=10000)
    settle(qtbot, 200)
    plan = casework.plan(page.workspace, person)
    assert "Pelatihan menjahit" in [g.goal for g in plan.goals]
    assert tab.goals.rowCount() == len(plan.goals)
    stage = plan.stage
    tab._advance()
    settle(qtbot, 200)
    assert casework.plan(page.workspace, person).stage == casework.next_stage(stage)
    profile.close()


def test_administrators_see_no_notes_and_managers_print_the_sessions_report(
        logged_in, qtbot, tmp_path):
    page = calendar(logged_in, qtbot)
    held = next(v for v in page.loaded if v.status == "held")
    page.open_session(held.id)
    dialog = page.last_dialog
    settle(qtbot, 100)
    assert dialog.tabs.count() == 2
    dialog.tabs.setCurrentIndex(1)
    assert dialog.notes.isVisibleTo(dialog) is False  # administrators never see notes
    assert dialog.loaded_notes is None
    assert dialog.attendance.count() == len(held.participants)
    dialog.done(0)
    window = logged_in.main_window
    window.show_area("reports")
    box = window.areas["reports"].boxes["sessions"]
    box.quiet = True
    out = tmp_path / "sessions.json"
    box.save("json", out)
    settle(qtbot, 200)
    assert json.loads(out.read_text())["report"] == "sessions"
    page.print_week(tmp_path / "week.pdf")
    settle(qtbot, 200)
    assert (tmp_path / "week.pdf").read_bytes().startswith(b"%PDF")


def test_a_counsellor_starts_on_their_own_week_and_writes_notes(qtbot, as_counsellor):
    from shelter_app.services.counselling import session_notes

    controller = as_counsellor
    window = controller.main_window
    assert window.current_area == "residents"  # no dashboard for counsellors
    page = calendar(controller, qtbot)
    assert page.counsellor.currentData() == "counsellor"
    assert all("counsellor" in v.counsellors for v in page.loaded)
    held = next(v for v in page.loaded if v.status == "held")
    page.open_session(held.id)
    dialog = page.last_dialog
    settle(qtbot, 150)
    dialog.tabs.setCurrentIndex(1)
    assert dialog.notes.isVisibleTo(dialog)
    dialog.notes.setPlainText("Tidur lebih baik; rencana pulang dibahas.")
    dialog._save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert session_notes.read(controller.workspace, held.id).startswith("Tidur lebih")


@pytest.fixture
def as_counsellor(logged_in_as):
    return logged_in_as("counsellor")


def save_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


class BusyWorker:
    """Holds the one worker thread busy, so whatever the dialog queues waits behind it."""

    def __enter__(self):
        self.gate = threading.Event()
        Op(None, lambda: self.gate.wait(20)).run_in_background()
        return self

    def __exit__(self, *_exc):
        self.gate.set()


def forbid(*_args, **_kwargs):
    raise AssertionError("the dialog composed a save of several calls")


def test_a_session_edit_is_one_call_and_a_refused_part_saves_nothing(as_counsellor, qtbot,
                                                                    monkeypatch):
    from shelter_app.services.counselling import session_edit

    sent = []
    whole = session_edit.edit
    monkeypatch.setattr(session_edit, "edit",
                        lambda workspace, change: sent.append(change) or whole(workspace, change))
    monkeypatch.setattr(booking, "change", forbid)
    monkeypatch.setattr(booking, "record_outcome", forbid)
    monkeypatch.setattr(session_notes, "write", forbid)
    page = calendar(as_counsellor, qtbot)
    workspace = page.workspace
    held = next(v for v in page.loaded if v.status == "held" and v.room_id is not None
                and not v.clash_confirmed)
    notes_before = session_notes.read(workspace, held.id)
    page.open_session(held.id)
    dialog = page.last_dialog
    qtbot.waitUntil(save_button(dialog).isEnabled, timeout=10000)
    settle(qtbot, 100)
    dialog.room.set_value("")  # no room: frees a room, cannot clash
    dialog.tabs.setCurrentIndex(1)
    dialog.attendance.set_values([])  # held, yet nobody came: refused
    dialog.notes.setPlainText("Tidur lebih baik; rencana pulang dibahas.")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    settle(qtbot, 100)
    assert dialog.isVisible() and "no-show" in dialog.fields.shown("attendance")
    view, _draft = session_views.detail(workspace, held.id)
    assert view.room_id == held.room_id  # the booking change was not saved on its own
    assert session_notes.read(workspace, held.id) == notes_before
    assert len(sent) == 1
    came = str(held.participants[0].id)
    dialog.attendance.set_values([came])
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert len(sent) == 2
    view, _draft = session_views.detail(workspace, held.id)
    assert (view.room_id, view.status) == (None, "held")
    assert [p.attended for p in view.participants] == [
        str(p.id) == came for p in held.participants]
    assert session_notes.read(workspace, held.id).startswith("Tidur lebih baik")


def test_the_dialog_reads_its_fields_on_the_gui_thread_and_saves_what_was_shown(
        logged_in, qtbot, monkeypatch):
    from shelter_app.gui.date_field import DateField

    on_gui_thread = []
    read = DateField.value
    monkeypatch.setattr(DateField, "value", lambda field: on_gui_thread.append(
        threading.current_thread() is threading.main_thread()) or read(field))
    page = calendar(logged_in, qtbot)
    evening = dt.datetime.combine(page.today, dt.time(20))
    page.book_at(evening)
    dialog = page.last_dialog
    qtbot.waitUntil(save_button(dialog).isEnabled, timeout=10000)
    settle(qtbot, 100)
    resident = session_views.choices(page.workspace, page.today).residents[0][0]
    dialog.counsellors.set_values(["counsellor"])
    dialog.residents.set_values([str(resident)])
    settle(qtbot, 400)  # the clash check has run: nothing clashes at 20:00
    with BusyWorker():
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        dialog.day.set_value(dialog.day.value() + dt.timedelta(days=1))  # before it ran
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    booked = [(v.start.replace(tzinfo=None), v.person_ids) for v in session_views.calendar(
        page.workspace, page.today, days=2, counsellor="counsellor") if v.start.hour == 20]
    assert booked == [(evening, (resident,))]
    assert on_gui_thread and all(on_gui_thread)


def test_the_dialog_cannot_save_before_it_has_loaded_nor_save_twice(logged_in, qtbot):
    page = calendar(logged_in, qtbot)
    held = next(v for v in page.loaded if v.status == "held")
    with BusyWorker():
        page.open_session(held.id)
        dialog = page.last_dialog
        assert not save_button(dialog).isEnabled()
        dialog._save()  # Enter pressed at once: the form still holds its defaults
    qtbot.waitUntil(save_button(dialog).isEnabled, timeout=10000)
    settle(qtbot, 100)
    assert dialog.isVisible() and dialog.message.text() == ""
    assert session_views.detail(page.workspace, held.id)[0] == held
    dialog.done(0)

    taken = page.loaded[0]  # booked again on purpose, its clash confirmed
    page.book_at(taken.start.replace(tzinfo=None))
    dialog = page.last_dialog
    qtbot.waitUntil(save_button(dialog).isEnabled, timeout=10000)
    dialog.counsellors.set_values([taken.counsellors[0]])
    dialog.residents.set_values([str(taken.person_ids[0])])
    qtbot.waitUntil(dialog.confirm.isVisible, timeout=10000)
    dialog.confirm.setChecked(True)

    def at_that_time():
        return [v.start for v in session_views.calendar(
            page.workspace, taken.start.date(), days=1)].count(taken.start)
    before = at_that_time()
    with BusyWorker():
        dialog._save()
        dialog._save()  # pressed again before the first save came back
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    settle(qtbot, 100)
    assert at_that_time() == before + 1


# -- the booking as a user meets it ----------------------------------------------------
def new_session(page, qtbot):
    """Sesi baru…, as the button does; the dialog once it has loaded."""
    page.new_button.click()
    dialog = page.last_dialog
    qtbot.waitUntil(save_button(dialog).isEnabled, timeout=10000)
    settle(qtbot, 400)  # the clash check has run
    return dialog


def shown_errors(dialog):
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in dialog.findChildren(QLabel)
            if label.isVisible() and label.text() and "b00020" in label.styleSheet()]


def test_a_new_booking_says_nothing_wrong_before_it_is_touched(as_counsellor, qtbot):
    page = calendar(as_counsellor, qtbot)
    dialog = new_session(page, qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.kind.hasFocus, timeout=5000)  # the first field, not the tab
    assert dialog.message.text() == "" and shown_errors(dialog) == []
    assert not dialog.clash_box.isVisible()
    assert dialog.counsellors.values() == ["counsellor"]
    first = dialog.residents.item(0)
    first.setCheckState(Qt.CheckState.Checked)
    first.setCheckState(Qt.CheckState.Unchecked)  # touched, and now nobody is chosen
    qtbot.waitUntil(lambda: dialog.fields.shown("residents") != "", timeout=5000)
    assert "at least one resident" in dialog.fields.shown("residents")
    first.setCheckState(Qt.CheckState.Checked)  # corrected: the message goes
    assert dialog.fields.shown("residents") == ""
    settle(qtbot, 400)
    assert shown_errors(dialog) == []
    dialog.done(0)


def test_new_session_suggests_the_next_free_hour_and_the_end_follows_the_start(
        clock, logged_in_as, qtbot):
    clock.advance(hours=5, minutes=20)  # 14:20 in the shelter
    page = calendar(logged_in_as("counsellor"), qtbot)
    dialog = new_session(page, qtbot)
    start = dt.datetime.combine(dialog.day.value(), dialog.starts.value(), dialog.zone)
    now = clock.now.astimezone(dialog.zone)
    assert start >= now and start.minute == 0, start
    busy = [(v.start, v.end) for v in session_views.calendar(
        page.workspace, now.date(), days=14, counsellor="counsellor")]

    def free(hour):
        return not any(s < hour + dt.timedelta(hours=1) and hour < e for s, e in busy)
    assert free(start)
    earlier = start - dt.timedelta(hours=1)
    assert earlier < now or not free(earlier) or earlier.hour < 8
    assert dialog.ends.value() == (start + dt.timedelta(hours=1)).time()
    dialog.starts.edit.setFocus()
    dialog.starts.edit.selectAll()
    qtbot.keyClicks(dialog.starts.edit, "1400")
    assert dialog.ends.text() == "15:00"  # the same length
    dialog.ends.edit.selectAll()
    qtbot.keyClicks(dialog.ends.edit, "15.30")
    dialog.starts.edit.selectAll()
    qtbot.keyClicks(dialog.starts.edit, "16")
    assert dialog.ends.text() == "17:30"
    dialog.done(0)


def answer_discard_question(qtbot, answer):
    """Answer the "Discard what you typed?" box once it shows; the questions seen."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    asked = []

    def reply():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, reply)
            return
        asked.append(box.objectName())
        buttons = {b.text(): b for b in box.buttons()}
        box.defaultButton().click() if answer == "keep" else buttons["Discard"].click()
    QTimer.singleShot(50, reply)
    return asked


def test_escape_on_a_filled_in_booking_asks_first(as_counsellor, qtbot):
    page = calendar(as_counsellor, qtbot)
    dialog = new_session(page, qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # untouched: it closes at once
    assert not dialog.isVisible()
    dialog = new_session(page, qtbot)
    dialog.residents.item(0).setCheckState(Qt.CheckState.Checked)
    asked = answer_discard_question(qtbot, "keep")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["discard_typing"] and dialog.isVisible()  # Keep typing: still open
    asked = answer_discard_question(qtbot, "discard")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert asked == ["discard_typing"] and not dialog.isVisible()
    assert dialog.result() == 0


def test_reopening_a_session_scrolls_to_its_residents(logged_in, qtbot):
    page = calendar(logged_in, qtbot)
    residents = session_views.choices(page.workspace, page.today).residents
    last = residents[-1][0]
    rooms = session_views.choices(page.workspace, page.today).rooms
    [booked] = booking.book(page.workspace, booking.SessionDraft(
        "individual", dt.datetime.combine(page.today, dt.time(21), page.zone), 30,
        ("counsellor",), (last,), (), rooms[0][0]))
    with BusyWorker():  # the list made short before the session loads into it
        page.open_session(booked)
        dialog = page.last_dialog
        dialog.residents.setFixedHeight(60)  # three or four names
    qtbot.waitUntil(save_button(dialog).isEnabled, timeout=10000)
    settle(qtbot, 100)
    ticked = next(dialog.residents.item(i) for i in range(dialog.residents.count())
                  if dialog.residents.item(i).checkState() == Qt.CheckState.Checked)
    assert dialog.residents.row(ticked) >= 3  # further down than the list shows at once
    assert dialog.residents.viewport().rect().contains(
        dialog.residents.visualItemRect(ticked)), "the session's resident is out of view"
    assert dialog.room.value() == str(rooms[0][0])
    dialog.done(0)


def test_the_booking_offers_no_bedroom_and_its_times_sit_on_one_line(logged_in, qtbot):
    from PySide6.QtCore import QPoint

    from shelter_app.services.residents import rooms

    page = calendar(logged_in, qtbot)
    dialog = new_session(page, qtbot)
    dialog.resize(760, 600)
    dialog.show()
    settle(qtbot, 100)
    offered = {dialog.room.itemText(i) for i in range(1, dialog.room.count())}
    bedrooms = {room.name for room in rooms.board(page.workspace)}
    assert offered and not offered & bedrooms, offered & bedrooms

    def top(widget):
        return widget.mapTo(dialog, QPoint(0, 0)).y()
    assert top(dialog.starts.edit) == top(dialog.ends.edit), "the start sits lower"
    assert abs(top(dialog.day.edit) + dialog.day.edit.height() - top(dialog.starts.edit)) < 20
    dialog.done(0)


def test_an_error_from_the_service_is_shown_at_its_field_and_goes_when_corrected(
        as_counsellor, qtbot):
    page = calendar(as_counsellor, qtbot)
    dialog = new_session(page, qtbot)
    dialog.kind.set_value("group")  # two residents or more
    dialog.residents.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.activateWindow()
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.fields.shown("residents") != "", timeout=5000)
    assert "two residents or more" in dialog.fields.shown("residents")
    assert dialog.isVisible()
    dialog.residents.item(1).setCheckState(Qt.CheckState.Checked)
    assert dialog.fields.shown("residents") == ""
    dialog.done(0)


def test_the_week_is_used_from_the_keyboard(as_counsellor, qtbot):
    """Tab reached the calendar with nothing shown and no key did anything: a session
    could not be reopened without the mouse. The arrows move a cursor that is drawn,
    Enter opens the session under it, or books at a free hour."""
    page = calendar(as_counsellor, qtbot)
    view = page.view
    page.counsellor.setFocus()
    settle(qtbot)
    unfocused = view.grab().toImage()
    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(view.hasFocus, timeout=5000)
    assert view.grab().toImage() != unfocused  # the cursor shows where the keys act
    shown = {v.id for v in page.loaded}
    reached = []
    for _back in range(7):  # to the week's first day
        qtbot.keyClick(view, Qt.Key.Key_Left)
    for _day in range(7):
        for _up in range(30):
            qtbot.keyClick(view, Qt.Key.Key_Up)
        for _down in range(30):
            if view.focused_session() is not None:
                reached.append(view.focused_session())
            qtbot.keyClick(view, Qt.Key.Key_Down)
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert reached and set(reached) <= shown
    assert len(set(reached)) == len(shown)  # every session of the week is reachable
    for _back in range(7):  # the first session of the week
        qtbot.keyClick(view, Qt.Key.Key_Left)
    for _step in range(7 * 30):
        if view.focused_session() is not None:
            break
        qtbot.keyClick(view, Qt.Key.Key_Down)
        if view.cursor[0].hour == 18:  # the day's last hour: on to the next day
            qtbot.keyClick(view, Qt.Key.Key_Right)
            for _up in range(30):
                qtbot.keyClick(view, Qt.Key.Key_Up)
    chosen = view.focused_session()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = page.last_dialog
    assert dialog.session_id == chosen
    settle(qtbot, 100)
    dialog.done(0)
    view.setFocus()
    for _down in range(30):  # a free hour
        if view.focused_session() is None:
            break
        qtbot.keyClick(view, Qt.Key.Key_Down)
    start, _none = view.cursor
    qtbot.keyClick(view, Qt.Key.Key_Enter)
    booking_dialog = page.last_dialog
    assert booking_dialog is not dialog and booking_dialog.session_id is None
    settle(qtbot, 100)
    assert (booking_dialog.day.value(), booking_dialog.starts.value()) == (
        start.date(), start.time())
    booking_dialog.done(0)


def test_enter_on_a_session_in_the_profile_opens_it(as_counsellor, qtbot):
    page = calendar(as_counsellor, qtbot)
    held = next(v for v in page.loaded if v.status == "held")
    profile = as_counsellor.main_window.areas["residents"].open_profile(held.person_ids[0])
    qtbot.waitUntil(lambda: profile.sessions.table.rowCount() > 0, timeout=10000)
    settle(qtbot, 100)
    profile.tabs.setCurrentWidget(profile.sessions)
    table = profile.sessions.table
    row = next(r for r, v in enumerate(profile.sessions.views) if v.id == held.id)
    table.setFocus()
    table.setCurrentCell(row, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = profile.sessions.last_dialog
    assert dialog.session_id == held.id and dialog.isVisible()
    settle(qtbot, 150)
    assert profile.isVisible()  # Enter opened the session, it did not close the profile
    dialog.tabs.setCurrentIndex(1)
    assert dialog.notes.isVisibleTo(dialog)  # a counsellor reads the notes there
    dialog.done(0)
    profile.close()


def test_a_planned_session_with_attendance_ticked_is_refused_at_the_attendance(
        as_counsellor, qtbot):
    """It was saved as planned and the ticks silently dropped."""
    page = calendar(as_counsellor, qtbot)
    planned = next(v for v in page.loaded if v.status == "planned")
    page.open_session(planned.id)
    dialog = page.last_dialog
    qtbot.waitUntil(save_button(dialog).isEnabled, timeout=10000)
    settle(qtbot, 100)
    dialog.tabs.setCurrentIndex(1)
    dialog.attendance.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.notes.setPlainText("Persiapan sesi")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    settle(qtbot, 100)
    assert dialog.isVisible()
    assert "once the session is held" in dialog.fields.shown("attendance")
    assert dialog.message.text() == ""  # one message, at the field
    view, _draft = session_views.detail(page.workspace, planned.id)
    assert [p.attended for p in view.participants] == [None] * len(view.participants)
    assert session_notes.read(page.workspace, planned.id) == ""
    dialog.attendance.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.fields.shown("attendance") == ""
    dialog.done(0)
