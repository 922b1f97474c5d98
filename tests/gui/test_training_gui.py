"""Counselling -> Training and the profile's Training and placement tab: planning a course,
putting residents in it with the picker, their results; placements and how they go, also
asked at a follow-up visit; bad input said in the dialog as one message; staff read but
have no buttons."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from shelter_app.gui.counselling.training_page import TrainingPage
from shelter_app.gui.residents.training_tab import TrainingTab
from shelter_app.services.counselling import training
from shelter_app.services.referrals import followups, placements
from shelter_app.services.referrals.placements import PlacementData
from shelter_app.services.residents import records
from tests.training.conftest import ADMITTED, TODAY, people  # noqa: F401 - the shelter

pytestmark = pytest.mark.file_only


def _page(qtbot, workspace) -> TrainingPage:
    page = TrainingPage(workspace, TODAY)
    qtbot.addWidget(page)
    page.show()  # loads when first shown
    qtbot.waitUntil(lambda: page.rows != [] or page.courses.rowCount() == 0, timeout=10000)
    qtbot.waitUntil(lambda: page.courses.rowCount() == len(training.courses(workspace)),
                    timeout=10000)
    return page


def _tab(qtbot, workspace, person_id) -> TrainingTab:
    tab = TrainingTab(workspace, person_id)
    qtbot.addWidget(tab)
    tab.show()
    tab.reload("RA · DL", TODAY)
    qtbot.waitUntil(lambda: tab.buttons["new"].isEnabled(), timeout=10000)
    return tab


def _save(qtbot, dialog, says: str | None = None, at: str = "") -> None:
    """Save; `says`: refused with that message, at field `at` (else under the form), and
    said once."""
    dialog.buttons.accepted.emit()
    if says is None:
        qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10000)
        return
    if at:
        qtbot.waitUntil(lambda: says in dialog.fields.said().get(at, ""), timeout=10000)
        assert dialog.message.text() == "" and list(dialog.fields.said()) == [at]
    else:
        qtbot.waitUntil(lambda: says in dialog.message.text(), timeout=10000)
        assert dialog.fields.said() == {}
    assert dialog.isVisible() or dialog.result() == 0


def test_a_course_its_residents_and_their_results(qtbot, login_as, people):  # noqa: F811
    counsellor = login_as("counsellor")
    page = _page(qtbot, counsellor)
    assert page.courses.rowCount() == 1
    assert page.courses.item(0, 2).text() == "BLK Kota Contoh"
    assert page.chosen_title.text() == "Menjahit dasar: BLK Kota Contoh"  # as the list says
    assert not page.buttons["new"].isHidden()
    page.new_course()
    dialog = page.last_dialog
    qtbot.waitUntil(lambda: dialog.provider.loaded, timeout=10000)
    dialog.title.setText("Memasak untuk katering")
    dialog.skill.set_value("cooking")
    dialog.starts_on.set_value(TODAY)
    dialog.ends_on.set_value(TODAY - dt.timedelta(days=1))
    _save(qtbot, dialog, "cannot end before it starts", at="ends_on")
    assert len(training.courses(counsellor)) == 1  # nothing saved
    dialog.ends_on.set_value(None)  # not fixed yet
    assert dialog.provider.value() is None  # the shelter itself
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.courses.rowCount() == 2, timeout=10000)
    cooking = next(r for r in page.rows if r.data.title == "Memasak untuk katering")
    # the new course is the one chosen: "Add a resident…" goes to it
    qtbot.waitUntil(lambda: page.selected_course() is not None
                    and page.selected_course().course_id == cooking.course_id, timeout=10000)
    assert page.chosen_title.text() == "Memasak untuk katering: The shelter itself"
    assert cooking.provider == "" and cooking.data.ends_on is None
    row = page.rows.index(cooking)
    assert page.courses.item(row, 2).text() == "The shelter itself"

    page.courses.selectRow(row)
    page.enrol()
    dialog = page.last_dialog
    dialog.picker.edit.setText("agus")
    dialog.buttons.accepted.emit()  # typed, not chosen: refused, nothing guessed
    assert dialog.result() == 0 and dialog.picker.value() is None
    dialog.picker.edit.setFocus()
    qtbot.keyClick(dialog.picker.edit, Qt.Key.Key_Return)  # the first match: the picker's
    qtbot.waitUntil(lambda: dialog.picker.value() == people.agus, timeout=10000)
    assert dialog.picker.list.item(0).text().endswith("Agus Salim")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.participants.rowCount() == 1, timeout=10000)
    assert page.participants.item(0, 1).text() == "Agus Salim"
    assert page.participants.item(0, 2).text() == "Taking part"

    page.participants.selectRow(0)
    page.record_result()
    dialog = page.last_dialog
    dialog.completed_on.set_value(TODAY - dt.timedelta(days=3))
    _save(qtbot, dialog, "cannot be completed before it starts", at="completed_on")
    dialog.completed_on.set_value(TODAY)
    dialog.certificate.setChecked(True)
    dialog.number.setText("SERT-2026-014")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.participants.item(0, 2).text() == "Completed", timeout=10000)
    assert page.participants.item(0, 4).text() == "SERT-2026-014"
    assert page.courses.item(page.rows.index(page.selected_course()), 5).text() == "1"
    page.participants.selectRow(0)
    assert not page.buttons["withdraw"].isEnabled()  # a result is recorded


def test_a_resident_put_in_by_mistake_is_taken_out(qtbot, admin, people):  # noqa: F811
    training.enrol(admin, people.course, people.dewi)
    page = _page(qtbot, admin)
    page.courses.selectRow(0)
    qtbot.waitUntil(lambda: page.participants.rowCount() == 1, timeout=10000)
    page.participants.selectRow(0)
    assert page.buttons["withdraw"].isEnabled()
    page.withdraw(asked=False)
    qtbot.waitUntil(lambda: page.participants.rowCount() == 0, timeout=10000)
    assert training.course(admin, people.course).participants == ()


def test_staff_see_the_courses_without_buttons_and_no_hidden_name(qtbot, admin, login_as,
                                                                  people):  # noqa: F811
    training.enrol(admin, people.course, people.hidden)
    staff = login_as("staff")
    page = _page(qtbot, staff)
    assert page.courses.rowCount() == 1
    assert all(button.isHidden() for button in page.buttons.values())
    page.courses.selectRow(0)
    qtbot.waitUntil(lambda: page.participants.rowCount() == 1, timeout=10000)
    assert page.participants.item(0, 1).text() == "Mawar 3"
    from shelter_app.gui.residents.resident_picker import ResidentPicker

    picker = ResidentPicker(staff, single=True)  # the one the course's dialog uses
    qtbot.addWidget(picker)
    picker.edit.setText("sri")  # her real name finds nobody for staff
    picker.search_now()
    qtbot.waitUntil(lambda: picker.searched == "sri", timeout=10000)
    assert picker.matches == {}
    picker.edit.setText("mawar")
    picker.search_now()
    qtbot.waitUntil(lambda: picker.searched == "mawar", timeout=10000)
    assert [found.shown_name for found in picker.matches.values()] == ["Mawar 3"]


def test_placements_and_how_they_go_in_the_profile(qtbot, login_as, people):  # noqa: F811
    counsellor = login_as("counsellor")
    tab = _tab(qtbot, counsellor, people.dewi)
    assert tab.placements.rowCount() == 0 and not tab.buttons["check"].isEnabled()
    tab.new_placement()
    dialog = tab.last_dialog
    qtbot.waitUntil(lambda: dialog.institution.loaded, timeout=10000)
    dialog.kind.set_value("business")
    dialog.place.setText("Warung jahit di desa asal")
    dialog.starts_on.set_value(ADMITTED - dt.timedelta(days=1))
    dialog.startup_help.setPlainText("Mesin jahit dan modal kain")
    dialog.startup_value.setValue(2_500_000)
    _save(qtbot, dialog, "cannot start before her admission", at="starts_on")
    assert placements.placements_of(counsellor, people.dewi) == []
    dialog.starts_on.set_value(TODAY - dt.timedelta(days=2))
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: tab.placements.rowCount() == 1, timeout=10000)
    assert tab.placements.item(0, 0).text() == "Own business"
    assert tab.placements.item(0, 3).text() == "Started"
    assert "2,500,000" in tab.placements.item(0, 4).text()
    assert placements.placements_of(counsellor, people.dewi)[0].data.startup_value == 2_500_000

    tab.placements.selectRow(0)
    tab.record_check()
    dialog = tab.last_dialog
    dialog.outcome.set_value("difficulties")
    _save(qtbot, dialog, "what is difficult", at="note")  # a note is needed unless it goes well
    dialog.note.setPlainText("Sewa tempat naik.")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: tab.checks.rowCount() == 1, timeout=10000)
    assert tab.placements.item(0, 5).text().startswith("Has difficulties")
    assert tab.checks.item(0, 2).text() == "Sewa tempat naik."

    from shelter_app.gui.residents.training_tab import CheckDialog

    placements.record_check(counsellor, tab.rows[0].placement_id, TODAY, "ended", "Tutup.")
    ended = CheckDialog(counsellor, tab.rows[0], TODAY)  # opened before it ended
    qtbot.addWidget(ended)
    ended.outcome.set_value("going_well")
    _save(qtbot, ended, "This placement has ended.", at="outcome")
    tab.reload()
    qtbot.waitUntil(lambda: tab.placements.item(0, 3).text().startswith("Ended"),
                    timeout=10000)
    tab.placements.selectRow(0)
    assert not tab.buttons["check"].isEnabled()


def test_the_profile_tab_for_staff_reads_without_buttons(qtbot, admin, login_as,
                                                         people):  # noqa: F811
    participant = training.enrol(admin, people.course, people.dewi)
    training.record_result(admin, participant, "completed", completed_on=TODAY,
                           certificate=True, certificate_number="C-7")
    placements.add_placement(admin, people.dewi, PlacementData(
        kind="work", institution_id=people.centre, starts_on=TODAY))
    tab = TrainingTab(login_as("staff"), people.dewi)
    qtbot.addWidget(tab)
    tab.show()
    tab.reload("x", TODAY)
    qtbot.waitUntil(lambda: tab.placements.rowCount() == 1, timeout=10000)
    assert all(button.isHidden() for button in tab.buttons.values())
    assert tab.courses.item(0, 0).text() == "Menjahit dasar"
    assert tab.courses.item(0, 4).text().startswith("Completed")
    assert tab.courses.item(0, 5).text() == "C-7"
    assert tab.placements.item(0, 1).text() == "BLK Kota Contoh"


def test_the_profile_groups_its_tabs_and_the_plan_lists_training(qtbot, admin, people):  # noqa: F811
    from PySide6.QtWidgets import QTabWidget

    from shelter_app import i18n
    from shelter_app.gui.residents.profile import ProfileDialog

    participant = training.enrol(admin, people.course, people.dewi)
    training.record_result(admin, participant, "completed", completed_on=TODAY)
    placements.add_placement(admin, people.dewi, PlacementData(
        kind="school", place="SMK Negeri 1", starts_on=TODAY))
    for language in ("id", "en"):
        i18n.set_language(language)
        profile = ProfileDialog(admin, people.dewi)
        qtbot.addWidget(profile)
        profile.show()
        qtbot.waitUntil(lambda p=profile: p.profile is not None, timeout=10000)
        assert profile.tabs.count() == 3
        assert len(profile.tabs.pages()) == 12
        for index in range(profile.tabs.count()):  # every row of tabs fits the window
            group = profile.tabs.widget(index)
            assert isinstance(group, QTabWidget)
            assert group.tabBar().sizeHint().width() <= 1366 - 60, (language, index)
        profile.tabs.setCurrentWidget(profile.training)
        assert profile.tabs.current_page() is profile.training
        qtbot.waitUntil(lambda p=profile: p.training.placements.rowCount() == 1,
                        timeout=10000)
        profile.tabs.setCurrentWidget(profile.casework)
        qtbot.waitUntil(lambda p=profile: "Menjahit dasar" in p.casework.training.text(),
                        timeout=10000)
        assert "SMK Negeri 1" in profile.casework.training.text()
        profile.close()
    i18n.set_language("en")


def test_a_follow_up_visit_asks_how_the_placement_goes(qtbot, admin, people):  # noqa: F811
    from shelter_app.gui.referrals.dialogs import VisitDialog

    placed = placements.add_placement(admin, people.dewi, PlacementData(
        kind="family", place="Desa Sukamaju", starts_on=TODAY - dt.timedelta(days=5)))
    records.discharge(admin, people.dewi, TODAY - dt.timedelta(days=3), "family_reintegration")
    followups.plan_visits(admin, people.dewi, [TODAY - dt.timedelta(days=1)])
    [visit] = followups.visits(admin, person_id=people.dewi)
    dialog = VisitDialog(admin, visit, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.placement is not None, timeout=10000)
    assert dialog.placement.placement_id == placed
    assert dialog.placement_label.isVisible() and "Desa Sukamaju" in dialog.placement_where.text()
    dialog.status.set_value("missed")
    assert not dialog.outcome.isVisible()
    dialog.status.set_value("done")
    dialog.activateWindow()
    dialog.findings.setFocus()
    qtbot.waitUntil(dialog.findings.hasFocus, timeout=5000)
    qtbot.keyClick(dialog.findings, Qt.Key.Key_Tab)  # on to the placement, not to Save
    qtbot.waitUntil(dialog.outcome.hasFocus, timeout=5000)
    dialog.findings.setPlainText("Tinggal bersama ibunya; sehat.")
    dialog.outcome.set_value("difficulties")
    _save(qtbot, dialog, "what is difficult")  # the note: nothing of the visit saved
    assert followups.visits(admin, person_id=people.dewi)[0].status == "planned"
    dialog.placement_note.setPlainText("Belum ada pekerjaan di desa.")
    _save(qtbot, dialog)
    [row] = placements.placements_of(admin, people.dewi)
    assert row.last_outcome == "difficulties" and row.checks[0].at_follow_up
    assert followups.visits(admin, person_id=people.dewi)[0].status == "done"


def test_a_visit_without_a_placement_asks_nothing(qtbot, admin, people):  # noqa: F811
    from shelter_app.gui.referrals.dialogs import VisitDialog

    records.discharge(admin, people.agus, TODAY - dt.timedelta(days=3), "family_reintegration")
    followups.plan_visits(admin, people.agus, [TODAY - dt.timedelta(days=1)])
    [visit] = followups.visits(admin, person_id=people.agus)
    dialog = VisitDialog(admin, visit, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.findings.setPlainText("Sehat.")
    _save(qtbot, dialog)
    assert dialog.placement is None and not dialog.placement_label.isVisible()


def test_no_two_things_on_the_training_tab_share_an_alt_key(logged_in_as, qtbot):
    """The Training tab's buttons beside the main window's own (Keluar, Alt+U)."""
    from shelter_app import i18n
    from tests.gui.test_keyboard import visible_alt_keys

    clashes = {}
    for language in ("id", "en"):
        i18n.set_language(language)
        window = logged_in_as("counsellor").main_window
        window.show_area("counselling")
        area = window.areas["counselling"]
        area.tabs.setCurrentWidget(area.training)
        qtbot.waitUntil(lambda a=area: a.training.courses.rowCount() > 0, timeout=10000)
        area.training.participants.selectRow(0)
        qtbot.wait(30)
        found = visible_alt_keys(window)
        if found:
            clashes[language] = found
    i18n.set_language("en")
    assert clashes == {}
