"""The counselling calendar, the session dialog with its clash check, the drag, and the
profile's sessions and plan tabs, as counsellors and managers use them."""

import datetime as dt
import json

from PySide6.QtCore import QPoint, Qt

from shelter_app.gui.background import wait_for_idle
from shelter_app.services import casework, session_views


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
    dialog.ends.setTime(dialog.starts.time().addSecs(-1800))
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


def test_a_counsellor_starts_on_their_own_week_and_writes_notes(qtbot, demo_dir, clock):
    from shelter_app.gui.app import AppController
    from shelter_app.services import session_notes

    controller = AppController(demo_dir, clock)
    controller.start()
    controller.login.ui.usernameEdit.setText("counsellor")
    controller.login.ui.passwordEdit.setText("demo")
    qtbot.mouseClick(controller.login.ui.loginButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=15000)
    qtbot.addWidget(controller.main_window)
    try:
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
    finally:
        controller.shutdown()
