"""Every date and time field in the app keeps what the user typed: a day in the future,
out of range or not a day at all stays as typed, a message says what is wrong at the
field, and nothing is saved until it is right. QDateEdit and QTimeEdit turned such
text into another date or time without a word (15/03/2027 was saved as a day in 2006).
Real Qt offscreen over a real encrypted demo shelter, today 27/11/2026."""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QDialogButtonBox, QWidget

import shelter_app.gui
from shelter_app.domain.vocab import DecisionKind
from shelter_app.gui.background import wait_for_idle
from shelter_app.gui.save_dialog import SaveDialog
from shelter_app.services.administration import audit_log
from shelter_app.services.counselling import session_views
from shelter_app.services.provisions import catalog
from shelter_app.services.referrals import followups
from shelter_app.services.referrals.tracking import NEXT

SPIN_BOX_DATES = {"QDateEdit", "QTimeEdit", "QDateTimeEdit"}


def settle(qtbot, ms=80):
    assert wait_for_idle(30000)
    qtbot.wait(ms)


@pytest.fixture
def window(logged_in_as, qtbot, request):
    # An assessment's text is sealed for counsellors: its screen is a counsellor's.
    logged_in = logged_in_as("counsellor" if "[assessment]" in request.node.name else "admin")
    settle(qtbot)
    yield logged_in.main_window
    for widget in QApplication.topLevelWidgets():  # dialogs and profiles opened here
        if widget is not logged_in.main_window and widget.isVisible():
            widget.close()


@pytest.fixture
def auditor(demo_dir, clock):
    """The administrator, to read the audit log of what the screen saved."""
    from shelter_app.services.administration import auth

    workspace = auth.login(demo_dir, "admin", "demo", clock)
    yield workspace
    auth.logout(workspace)


def last_event(workspace) -> int:
    return audit_log.recent_events(workspace, 1)[0].id


def writes_since(workspace, event_id: int) -> list[str]:
    return [event.action for event in audit_log.recent_events(workspace, 100)
            if event.id > event_id and event.action != "view"]


def type_into(qtbot, field: QWidget, text: str) -> None:
    """As a user does: into the field, everything selected, type, Tab out."""
    target = getattr(field, "edit", field)  # a QDateEdit takes the keys itself
    target.setFocus()
    target.selectAll()
    qtbot.keyClicks(target, text)
    qtbot.keyClick(target, Qt.Key.Key_Tab)


def press_save(qtbot, dialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.waitUntil(button.isEnabled, timeout=10000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@dataclass
class Screen:
    root: QWidget  # the dialog or the page the field is on
    field: QWidget
    save: Callable[[], None]
    saved: Callable[[], bool] | None = None  # default: a write in the audit log


def present_person(window) -> int:
    return session_views.choices(window.workspace, dt.date(2026, 11, 27)).residents[0][0]


def dialog_screen(qtbot, dialog, field) -> Screen:
    return Screen(dialog, field, lambda: press_save(qtbot, dialog))


# -- the screens, each opened as a user opens it, filled so that only the date is wrong ----
def assessment(window, qtbot, _tmp):
    profile = window.areas["residents"].open_profile(present_person(window))
    settle(qtbot, 200)
    tab = profile.casework
    profile.tabs.setCurrentWidget(tab)
    tab._new_assessment()
    dialog = tab.last_dialog
    dialog.problems.setPlainText("Sulit tidur")
    return dialog_screen(qtbot, dialog, dialog.assessed_on)


def _booking(window, qtbot):
    window.show_area("counselling")
    page = window.areas["counselling"].calendar
    qtbot.waitUntil(lambda: bool(page.loaded), timeout=15000)
    page.book_at(dt.datetime.combine(page.today, dt.time(20)))
    dialog = page.last_dialog
    settle(qtbot, 100)
    dialog.counsellors.set_values(["counsellor"])
    dialog.residents.set_values([str(present_person(window))])
    settle(qtbot, 400)  # the clash check ran: nothing clashes at 20:00
    return dialog


def session_day(window, qtbot, _tmp):
    dialog = _booking(window, qtbot)
    return dialog_screen(qtbot, dialog, dialog.day)


def session_start(window, qtbot, _tmp):
    dialog = _booking(window, qtbot)
    return dialog_screen(qtbot, dialog, dialog.starts)


def _conference(window, qtbot):
    window.show_area("counselling")
    area = window.areas["counselling"]
    area.tabs.setCurrentWidget(area.conferences)
    area.conferences.record()
    dialog = area.conferences.last_dialog
    qtbot.waitUntil(lambda: dialog.case_choice.count() > 0, timeout=10000)
    dialog._add_chosen()
    qtbot.waitUntil(lambda: dialog.editors.count() == 1, timeout=10000)
    settle(qtbot)
    dialog.participants.setPlainText("Konselor Demo, Manajer Demo")
    dialog.editors.widget(0).decision.setPlainText("Mulai pelatihan")
    return dialog


def conference_day(window, qtbot, _tmp):
    dialog = _conference(window, qtbot)
    return dialog_screen(qtbot, dialog, dialog.held_on)


def goal_target_date(window, qtbot, _tmp):
    dialog = _conference(window, qtbot)
    goals = dialog.editors.widget(0).goals
    goals.add_goal()
    row = goals.rowCount() - 1
    goals.cellWidget(row, 1).setText("Pelatihan menjahit")
    return dialog_screen(qtbot, dialog, goals.cellWidget(row, 4))


def referral_step(window, qtbot, _tmp):
    window.show_area("referrals")
    page = window.areas["referrals"].referrals
    settle(qtbot)
    page.table.selectRow(next(row for row, view in enumerate(page.views)
                              if NEXT[view.status]))
    page.next_step()
    dialog = page.last_dialog
    dialog.note.setPlainText("Diterima oleh petugas")
    return dialog_screen(qtbot, dialog, dialog.on)


def _discharged_profile(window, qtbot):
    workspace = window.workspace
    person = next(v.person_id for v in followups.visits(workspace, due_until=None)
                  if not followups.is_closed(followups.closures(workspace, v.person_id)))
    profile = window.areas["residents"].open_profile(person)
    settle(qtbot, 200)
    profile.tabs.setCurrentWidget(profile.referrals)
    return profile.referrals


def follow_up_visit(window, qtbot, _tmp):
    tab = _discharged_profile(window, qtbot)
    tab.plan()
    settle(qtbot, 200)
    tab.record_visit()
    dialog = tab.last_dialog
    dialog.findings.setPlainText("Sehat, bekerja lagi")
    return dialog_screen(qtbot, dialog, dialog.on)


def closing_the_case(window, qtbot, _tmp):
    tab = _discharged_profile(window, qtbot)
    tab.close_case(False)
    dialog = tab.last_dialog
    dialog.reason.setPlainText("Reintegrasi berhasil")
    return dialog_screen(qtbot, dialog, dialog.on)


def _decision(window, qtbot, kind):
    from shelter_app.gui.provisions.decisions import DecisionDialog

    window.show_area("provisions")
    page = window.areas["provisions"].round
    settle(qtbot)
    dialog = DecisionDialog(window.workspace, page.lines[0], page.today, kind, page)
    dialog.reason.setText("Masih perlu perlindungan")
    dialog.show()
    return dialog_screen(qtbot, dialog, dialog.on)


def stage_two_review(window, qtbot, _tmp):
    return _decision(window, qtbot, DecisionKind.STAGE_TWO_REVIEW)


def extension(window, qtbot, _tmp):
    return _decision(window, qtbot, DecisionKind.EXTENSION)


def new_price(window, qtbot, _tmp):
    from shelter_app.gui.provisions.catalog_page import PriceDialog

    page = window.areas["provisions"].catalog
    item = catalog.items(window.workspace)[0]
    dialog = PriceDialog(window.workspace, page.today, item, page)
    dialog.cost.setValue(12500)
    dialog.show()
    return dialog_screen(qtbot, dialog, dialog.since)


def round_day(window, qtbot, _tmp):
    window.show_area("provisions")
    page = window.areas["provisions"].round
    settle(qtbot)
    return Screen(page, page.day,
                  lambda: qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton))


def _report(window, qtbot, tmp, key, field_name):
    window.show_area("reports")
    box = window.areas["reports"].boxes[key]
    box.quiet = True
    path = tmp / f"{key}.json"
    settle(qtbot)
    return Screen(box, getattr(box, field_name), lambda: box.save("json", path),
                  path.exists)


def report_period(window, qtbot, tmp):
    return _report(window, qtbot, tmp, "occupancy", "last")


def report_month(window, qtbot, tmp):
    return _report(window, qtbot, tmp, "monthly", "first")


SCREENS = [  # the screen, a text that must be refused as it is, a text that saves
    (assessment, "15/03/2027", "20/11/2026"),
    (session_day, "31/02/2027", "04/12/2026"),
    (session_start, "25:00", "19:00"),
    (conference_day, "15/03/2027", "26/11/2026"),
    (goal_target_date, "31/02/2027", "31/01/2027"),
    (referral_step, "15/03/2027", "27/11/2026"),
    (follow_up_visit, "15/03/2027", "27/11/2026"),
    (closing_the_case, "15/03/2027", "27/11/2026"),
    (stage_two_review, "15/03/2027", "27/11/2026"),
    (extension, "31/02/2027", "31/01/2027"),
    (new_price, "31/02/2027", "01/01/2027"),
    (round_day, "15/03/2027", "27/11/2026"),
    (report_period, "15/03/2027", "26/11/2026"),
    (report_month, "03/2027", "10/2026"),
]


@pytest.mark.parametrize(("open_screen", "bad", "good"), SCREENS,
                         ids=[screen.__name__ for screen, _bad, _good in SCREENS])
def test_a_wrong_date_typed_stays_is_said_at_the_field_and_nothing_is_saved(
        window, auditor, qtbot, tmp_path, open_screen, bad, good):
    workspace = auditor
    screen = open_screen(window, qtbot, tmp_path)
    settle(qtbot, 100)
    assert not screen.root.findChildren(QDateTimeEdit), "a spin box changes what is typed"
    before = last_event(workspace)
    saved = screen.saved or (lambda: bool(writes_since(workspace, before)))

    type_into(qtbot, screen.field, bad)
    assert screen.field.text() == bad, "the typed text was changed into another one"
    message = getattr(screen.field, "message", None)
    assert message is not None
    if not screen.field.says_on_leaving():  # said on Save: nothing moves under the mouse
        assert isinstance(screen.root, SaveDialog) and not message.isVisible()
    else:
        assert message.isVisible() and message.text()
    screen.save()
    settle(qtbot, 150)
    assert not saved() and writes_since(workspace, before) == []
    assert screen.field.text() == bad and message.isVisible() and message.text()
    assert screen.root.isVisible()
    if isinstance(screen.root, SaveDialog):  # said once: at the field, not also below
        assert screen.root.message.text() == ""

    type_into(qtbot, screen.field, good)  # once it is right, the screen saves as before
    assert screen.field.text() == good and not message.text()
    screen.save()
    qtbot.waitUntil(saved, timeout=10000)


def test_the_goal_table_row_grows_to_show_the_message_of_its_date(window, qtbot, tmp_path):
    screen = goal_target_date(window, qtbot, tmp_path)
    goals = screen.field.parentWidget().parentWidget()  # cell widget -> viewport -> table
    row = goals.rowCount() - 1
    type_into(qtbot, screen.field, "31/02/2027")
    settle(qtbot)
    message = screen.field.message
    assert message.isVisible() and "not a date" in message.text()
    assert goals.rowHeight(row) >= screen.field.heightForWidth(goals.columnWidth(4))
    assert message.height() >= message.heightForWidth(message.width()), "the message is cut"


def test_the_round_is_read_for_a_day_typed_and_keeps_the_last_good_one(window, qtbot):
    screen = round_day(window, qtbot, None)
    page = screen.root
    assert page.shown_day == dt.date(2026, 11, 27)
    type_into(qtbot, page.day, "20/11/2026")
    qtbot.waitUntil(lambda: page.shown_day == dt.date(2026, 11, 20), timeout=10000)
    settle(qtbot)
    assert "20/11/2026" in page.day.text() and page.table.rowCount() == len(page.lines)
    before = last_event(window.workspace)
    type_into(qtbot, page.day, "2O/11/2026")  # a letter O: not a day
    settle(qtbot)
    assert page.shown_day == dt.date(2026, 11, 20) and page.day.message.isVisible()
    screen.save()
    settle(qtbot)
    assert "not a date" in page.message.text()
    assert writes_since(window.workspace, before) == []


def test_a_typed_time_is_booked_as_typed(window, qtbot, tmp_path):
    screen = session_start(window, qtbot, tmp_path)
    dialog = screen.field.window()
    type_into(qtbot, dialog.starts, "13:00")
    type_into(qtbot, dialog.ends, "14:30")
    assert (dialog.starts.text(), dialog.ends.text()) == ("13:00", "14:30")
    dialog.day.set_value(dt.date(2026, 12, 6))  # a Sunday: no session clashes
    settle(qtbot, 400)
    screen.save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    booked = [(view.start.time(), view.minutes) for view in session_views.calendar(
        window.workspace, dt.date(2026, 12, 6), days=1, counsellor="counsellor")]
    assert booked == [(dt.time(13), 90)]


def test_a_half_typed_day_does_not_run_the_clash_check_with_another_day(
        window, qtbot, tmp_path, monkeypatch):
    from shelter_app.services.counselling import booking

    checked = []
    real_check = booking.check
    monkeypatch.setattr(booking, "check", lambda workspace, draft: checked.append(
        draft.start.date()) or real_check(workspace, draft))
    screen = session_day(window, qtbot, tmp_path)
    dialog = screen.field.window()
    checked.clear()
    qtbot.keyClick(dialog.day.edit, Qt.Key.Key_End)
    qtbot.keyClick(dialog.day.edit, Qt.Key.Key_Backspace)  # 27/11/202: not a day
    settle(qtbot, 400)
    assert checked == [] and dialog.message.text() == ""
    qtbot.keyClicks(dialog.day.edit, "7")
    settle(qtbot, 400)
    assert checked == [dt.date(2027, 11, 27)]


def test_no_area_holds_a_spin_box_date_and_each_date_field_keeps_a_wrong_day(
        window, qtbot):
    from shelter_app.gui.date_field import DateField

    fields = 0
    for key, area in window.areas.items():
        window.show_area(key)
        settle(qtbot)
        assert not area.findChildren(QDateTimeEdit), f"a QDateEdit in {key}"
        for field in area.findChildren(DateField):
            if not field.isVisible():
                continue
            fields += 1
            type_into(qtbot, field, "31/02/2027")
            assert field.text() == "31/02/2027" and field.message.isVisible(), key
    assert fields >= 5  # the room board, the round, the reports' periods and month


def test_no_spin_box_date_or_time_is_left_in_the_gui_code():
    """QDateEdit, QTimeEdit and QDateTimeEdit change what is typed: the app uses
    gui.date_field instead. Only code counts, not the comments that explain why."""
    found = []
    for path in sorted(Path(shelter_app.gui.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = (node.name if isinstance(node, ast.alias) else
                    node.id if isinstance(node, ast.Name) else
                    node.attr if isinstance(node, ast.Attribute) else None)
            if name in SPIN_BOX_DATES:
                found.append(f"{path.name}:{getattr(node, 'lineno', '?')} {name}")
    assert found == []


# -- typed the way people type them -------------------------------------------------------
@pytest.mark.parametrize("typed, day", [
    ("15032027", dt.date(2027, 3, 15)), ("15/3/2027", dt.date(2027, 3, 15)),
    ("15-03-2027", dt.date(2027, 3, 15)), ("15.3.2027", dt.date(2027, 3, 15)),
    ("15 3 2027", dt.date(2027, 3, 15)), (" 1/1/2027 ", dt.date(2027, 1, 1))])
def test_a_day_is_read_as_people_type_it(typed, day):
    from shelter_app.gui.date_field import parse_day

    assert parse_day(typed) == day


@pytest.mark.parametrize("typed", ["15/3/27", "150327", "31/02/2027", "15/13/2027",
                                   "2027", "15 Maret", "besok"])
def test_a_day_that_is_not_one_is_refused(typed):
    """A two-digit year is refused: while "2026" is typed, "27/11/20" would already be
    a day (2020) and the round would be read for it."""
    from shelter_app.gui.date_field import parse_day

    with pytest.raises(ValueError):
        parse_day(typed)


@pytest.mark.parametrize("typed, time", [
    ("13:00", dt.time(13)), ("1300", dt.time(13)), ("13.00", dt.time(13)),
    ("9.30", dt.time(9, 30)), ("09.30", dt.time(9, 30)), ("930", dt.time(9, 30)),
    ("9", dt.time(9)), ("13", dt.time(13)), ("13 00", dt.time(13)), ("0:05", dt.time(0, 5))])
def test_a_time_is_read_as_people_type_it(typed, time):
    """Indonesian writes 13.00 ("pukul 13.00"); people also type 1300, 930 or the hour
    alone."""
    from shelter_app.gui.date_field import parse_time

    assert parse_time(typed) == time


@pytest.mark.parametrize("typed", ["25:00", "13:60", "24", "1:2", "13:000", "12345",
                                   "jam 9", "9 pagi"])
def test_a_time_that_is_not_one_is_refused(typed):
    from shelter_app.gui.date_field import parse_time

    with pytest.raises(ValueError):
        parse_time(typed)


def test_keys_typed_into_a_date_or_time_field_replace_it_without_choosing_a_part(qtbot):
    """Tab into the field and type: the whole text is replaced (QDateEdit wanted a part
    chosen first); a refused text keeps its message at the field until it is right."""
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    from shelter_app.gui.date_field import DateField, TimeField

    form = QWidget()
    before = QLineEdit()
    day, time = DateField(dt.date(2026, 11, 27), field="day"), TimeField(dt.time(9), field="t")
    layout = QVBoxLayout(form)
    for widget in (before, day, time):
        layout.addWidget(widget)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=5000)
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert day.edit.hasFocus()
    qtbot.keyClicks(day.edit, "15032027")
    qtbot.keyClick(day.edit, Qt.Key.Key_Tab)
    assert time.edit.hasFocus()
    qtbot.keyClicks(time.edit, "13.00")
    qtbot.keyClick(time.edit, Qt.Key.Key_Tab)
    assert (day.value(), time.value()) == (dt.date(2027, 3, 15), dt.time(13))
    assert (day.text(), time.text()) == ("15/03/2027", "13:00")  # written out on leaving
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.keyClick(day.edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(time.edit, "25.00")
    qtbot.keyClick(time.edit, Qt.Key.Key_Tab)
    assert time.text() == "25.00" and time.message.isVisible()
    time.edit.setFocus()
    qtbot.keyClick(time.edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(time.edit, Qt.Key.Key_Backspace)  # 25.
    qtbot.keyClicks(time.edit, "15")  # 25.15 still refused, then right
    assert time.message.isVisible()
    time.edit.selectAll()
    qtbot.keyClicks(time.edit, "2015")
    assert not time.message.isVisible() and time.value() == dt.time(20, 15)


@pytest.mark.parametrize("typed, shown", [
    ("", dt.date(2026, 11, 27)),  # empty: today
    ("15/03/1990", dt.date(1990, 3, 15)),  # the day typed
    ("15/03/2027", dt.date(2026, 11, 27)),  # a day that cannot be chosen: today
    ("bukan", dt.date(2026, 11, 27))])
def test_the_calendar_opens_on_the_day_typed_or_today(qtbot, typed, shown):
    from shelter_app.gui.date_field import DateField

    field = DateField(today=dt.date(2026, 11, 27), optional=True, field="birth_date")
    qtbot.addWidget(field)
    field.show()
    field.edit.setText(typed)
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert field.calendar.isVisible()
    assert field.calendar.selectedDate().toPython() == shown
    assert (field.calendar.yearShown(), field.calendar.monthShown()) == (shown.year,
                                                                         shown.month)
    field.calendar.hide()


def test_a_calendar_without_a_today_opens_on_the_day_given_or_the_pcs_today(qtbot):
    """Fields that allow the future (a session's day, a target date) know no `today`:
    their calendar opens on the day they hold, or else on the PC's today."""
    from shelter_app.gui.date_field import DateField

    field = DateField(dt.date(2026, 12, 3), field="start")
    empty = DateField(optional=True, field="target")
    for widget, shown in ((field, dt.date(2026, 12, 3)), (empty, dt.date.today())):
        qtbot.addWidget(widget)
        widget.show()
        widget.open_calendar()
        assert widget.calendar.selectedDate().toPython() == shown
        widget.calendar.hide()
