"""The counselling calendar, the session dialog with its clash check, the drag, and the
profile's sessions and plan tabs, as counsellors and managers use them."""

import datetime as dt
import json
import threading

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from shelter_app.gui.background import Op, wait_for_idle
from shelter_app.services import casework, counselling, session_notes, session_views


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
    dialog._save()
    settle(qtbot, 100)
    assert "ends before it starts" in dialog.message.text()
    dialog.reject()


def test_dragging_a_planned_session_moves_it_through_the_clash_check(logged_in, qtbot,
                                                                     monkeypatch):
    asked = []
    monkeypatch.setattr("shelter_app.gui.counselling.calendar_page.confirm",
                        lambda *args: asked.append(args) or True)
    page = calendar(logged_in, qtbot)
    page.step(1)  # next week: all planned
    settle(qtbot)
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


def test_the_profile_shows_sessions_and_the_plan_and_advances_the_stage(logged_in, qtbot,
                                                                       monkeypatch):
    monkeypatch.setattr("shelter_app.gui.counselling.profile_tabs.confirm",
                        lambda *args: True)
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
    dialog.reject()
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
    from shelter_app.services import session_notes

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
    from shelter_app.services import session_edit

    sent = []
    whole = session_edit.edit
    monkeypatch.setattr(session_edit, "edit",
                        lambda workspace, change: sent.append(change) or whole(workspace, change))
    monkeypatch.setattr(counselling, "change", forbid)
    monkeypatch.setattr(counselling, "record_outcome", forbid)
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
    assert dialog.isVisible() and "no-show" in dialog.message.text()
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
    dialog.reject()

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
