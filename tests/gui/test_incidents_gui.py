"""Residents -> Incidents: recording one in the dialog (the residents chosen by name or
case number, as the role may see them), bad input shown at its field until fixed, Cancel
asking first, the list's filter, a manager marking a serious one handled (shown by display
name), and the profile's tab."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from shelter_app.gui.residents.incidents_page import IncidentsPage, IncidentsTab
from shelter_app.services.residents import incidents
from shelter_app.services.residents.incidents import IncidentData
from tests.incidents.conftest import residents  # noqa: F401 - the residents

pytestmark = pytest.mark.file_only


def _page(qtbot, workspace) -> IncidentsPage:
    page = IncidentsPage(workspace)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.zone is not None, timeout=10000)
    return page


def _save(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def _pick(qtbot, dialog, typed: str) -> None:
    """Type into the residents' field as a user does and take the first match with Enter
    in the list that opens."""
    picker = dialog.picker
    picker.edit.setFocus()
    qtbot.keyClicks(picker.edit, typed)
    qtbot.waitUntil(lambda: picker.searched == typed and picker.completer.popup().isVisible(),
                    timeout=10000)
    qtbot.keyClick(picker.completer.popup(), Qt.Key.Key_Return)


def _matches(qtbot, dialog, typed: str) -> list[str]:
    picker = dialog.picker
    picker.edit.clear()
    picker.edit.setFocus()
    qtbot.keyClicks(picker.edit, typed)
    qtbot.waitUntil(lambda: picker.searched == typed, timeout=10000)
    model = picker.model
    return [model.item(row).text() for row in range(model.rowCount())]


def _new_dialog(qtbot, page):
    dialog = page.open_incident(None)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    return dialog


def test_staff_record_an_incident_choosing_residents_by_name(qtbot, admin, residents,  # noqa: F811
                                                             login_as):
    staff = login_as("staff")
    page = _page(qtbot, staff)
    assert page.record.isVisibleTo(page) and not page.handled.isVisibleTo(page)
    dialog = _new_dialog(qtbot, page)
    dialog.kind.set_value("trafficker_seen")
    dialog.time.set_value(dt.time(1, 0))
    _pick(qtbot, dialog, "dew")
    assert dialog.picker.case_numbers() == (residents.dewi,)
    assert dialog.picker.list.item(0).text() == f"{residents.dewi} · Dewi Lestari"
    assert dialog.picker.edit.text() == "" and dialog.isVisible()
    # a hidden resident: found by her pseudonym, never by her real name, by staff
    (nothing,) = _matches(qtbot, dialog, "Sri")
    assert "No resident found" in nothing and "Sri" not in nothing
    dialog.picker.edit.clear()
    _pick(qtbot, dialog, "mawar")
    assert dialog.picker.list.item(1).text() == f"{residents.hidden} · Mawar 3"
    _pick(qtbot, dialog, "agus")
    dialog.picker.list.item(2).setSelected(True)  # chosen by mistake: removed
    dialog.picker.remove.click()
    assert dialog.picker.case_numbers() == (residents.dewi, residents.hidden)
    dialog.description.setPlainText("The recruiter's car waited outside the gate.")
    dialog.told["police"].setChecked(True)
    _save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)
    assert page.table.item(0, 2).text() == "Trafficker seen"
    assert "Mawar 3" in page.table.item(0, 4).text()
    assert "Sri" not in page.table.item(0, 4).text()
    assert page.table.item(0, 6).text() == "not yet handled"
    (row,) = incidents.list_incidents(admin)
    assert [p.case_number for p in row.involved] == sorted([residents.dewi, residents.hidden])
    assert row.severity == "critical"  # the kind's


def test_enter_in_the_residents_field_chooses_and_never_saves(qtbot, admin, residents,  # noqa: F811
                                                              login_as):
    page = _page(qtbot, login_as("staff"))
    dialog = _new_dialog(qtbot, page)
    dialog.kind.set_value("conflict")
    dialog.time.set_value(dt.time(8, 0))
    dialog.description.setPlainText("Two residents quarrelled at breakfast.")
    dialog.picker.edit.setFocus()
    qtbot.keyClicks(dialog.picker.edit, "agus sal")
    qtbot.keyClick(dialog.picker.edit, Qt.Key.Key_Return)  # before the search answered
    qtbot.waitUntil(lambda: dialog.picker.case_numbers() == (residents.agus,), timeout=10000)
    assert dialog.isVisible() and incidents.list_incidents(admin) == []
    # typed and not chosen: the form says so at the field and saves nothing
    dialog.picker.edit.setText("dewi")
    _save(dialog)
    message = dialog.fields.shown("case_numbers")
    assert "Choose the resident" in message and dialog.isVisible()
    qtbot.keyClicks(dialog.picker.edit, " l")  # typing on: the message goes
    assert dialog.fields.shown("case_numbers") == ""
    dialog.picker.edit.clear()
    _save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert [p.case_number for p in incidents.list_incidents(admin)[0].involved] == [
        residents.agus]


def test_a_refusal_shows_at_its_field_and_goes_once_it_is_fixed(qtbot, admin, residents,  # noqa: F811
                                                                login_as):
    page = _page(qtbot, login_as("staff"))
    dialog = _new_dialog(qtbot, page)
    dialog.kind.set_value("health")
    dialog.time.set_value(dt.time(23, 0))  # later today: not yet
    _save(dialog)
    qtbot.waitUntil(lambda: dialog.fields.shown("at") != "", timeout=10000)
    assert "future" in dialog.fields.shown("at") and dialog.isVisible()
    assert dialog.message.text() == ""
    dialog.time.edit.setFocus()
    dialog.time.edit.selectAll()
    qtbot.keyClicks(dialog.time.edit, "01:30")  # the time fixed: the day's message goes
    assert dialog.fields.shown("at") == ""
    _save(dialog)  # no description yet
    qtbot.waitUntil(lambda: dialog.fields.shown("description") != "", timeout=10000)
    assert "what happened" in dialog.fields.shown("description").lower()
    dialog.description.setPlainText("Fever at night.")  # fixed: the message goes
    assert dialog.fields.shown("description") == ""
    dialog.kind.set_value("")
    _save(dialog)
    qtbot.waitUntil(lambda: dialog.fields.shown("kind") != "", timeout=10000)
    dialog.kind.set_value("health")
    assert dialog.fields.shown("kind") == ""
    _save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert len(incidents.list_incidents(admin)) == 1


def test_cancel_and_escape_ask_before_typing_is_lost(qtbot, admin, residents, login_as):  # noqa: F811
    from tests.gui.test_counselling_gui import answer_discard_question

    page = _page(qtbot, login_as("staff"))
    dialog = _new_dialog(qtbot, page)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: it closes at once
    assert not dialog.isVisible()
    dialog = _new_dialog(qtbot, page)
    dialog.description.setPlainText("Half a sentence")
    asked = answer_discard_question(qtbot, "keep")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert asked == ["discard_typing"] and dialog.isVisible()
    asked = answer_discard_question(qtbot, "keep")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["discard_typing"] and dialog.isVisible()
    assert dialog.description.toPlainText() == "Half a sentence"
    asked = answer_discard_question(qtbot, "discard")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["discard_typing"] and not dialog.isVisible()
    assert incidents.list_incidents(admin) == []
    dialog = _new_dialog(qtbot, page)  # a resident chosen is typing too
    _matches(qtbot, dialog, "dewi")
    popup = dialog.picker.completer.popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Escape)  # closes the matches, not the form
    assert not popup.isVisible() and dialog.isVisible()
    dialog.picker.edit.clear()
    _pick(qtbot, dialog, "dewi")
    asked = answer_discard_question(qtbot, "discard")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert asked == ["discard_typing"] and not dialog.isVisible()


def test_an_opened_incident_closes_unasked_until_changed_and_names_users(
        qtbot, admin, residents, clock, login_as):  # noqa: F811
    from shelter_app.domain.roles import Role
    from shelter_app.services.administration import users
    from tests.conftest import ADMIN_PASSWORD

    users.add_user(admin, "budi", Role.STAFF, ADMIN_PASSWORD, display_name="Budi Santoso")
    users.add_user(admin, "ratna", Role.MANAGER, ADMIN_PASSWORD, display_name="Ratna Dewi")
    made = incidents.record_incident(login_as("staff", "budi"), IncidentData(
        kind="missing", severity="critical", at=clock() - dt.timedelta(hours=2),
        description="Not in her bed at the night count.", case_numbers=(residents.dewi,)))
    manager = login_as("manager", "ratna")
    incidents.mark_handled(manager, made)
    page = _page(qtbot, manager)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)
    assert page.table.item(0, 6).text() == "handled (Ratna Dewi)"
    dialog = page.open_incident(page.rows[0])
    text = dialog.recorded.text()
    assert "Recorded by Budi Santoso" in text and "handled by Ratna Dewi" in text
    assert "budi" not in text and "ratna" not in text
    assert dialog.picker.list.item(0).text() == f"{residents.dewi} · Dewi Lestari"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # opened, nothing changed: no question
    assert not dialog.isVisible()


def test_the_list_filters_and_a_manager_marks_handled(qtbot, admin, residents, clock,  # noqa: F811
                                                      login_as):
    for kind, severity in (("conflict", "low"), ("threat", "serious")):
        incidents.record_incident(admin, IncidentData(
            kind=kind, severity=severity, at=clock() - dt.timedelta(hours=2),
            description="Shouting in the dormitory.", case_numbers=(residents.agus,)))
    manager = login_as("manager")
    page = _page(qtbot, manager)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10000)
    page.severity.set_value("serious")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)
    page.table.selectRow(0)
    page.handled.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1
                    and page.table.item(0, 6).text().startswith("handled"), timeout=10000)
    dialog = page.open_incident(page.rows[0])  # change it: saved over its version
    dialog.follow_up.setPlainText("Ask the police whether the man was found.")
    _save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert incidents.get_incident(admin, page.rows[0].incident_id).follow_up.startswith("Ask")


def test_counsellors_read_without_saving_and_the_profile_lists_them(
        qtbot, admin, residents, clock, login_as):  # noqa: F811
    made = incidents.record_incident(admin, IncidentData(
        kind="health", severity="low", at=clock() - dt.timedelta(hours=1),
        description="Fever at night.", case_numbers=(residents.hidden,)))
    counsellor = login_as("counsellor")
    page = _page(qtbot, counsellor)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)
    assert not page.record.isVisibleTo(page)
    dialog = page.open_incident(page.rows[0])
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isVisibleTo(dialog)
    assert not dialog.picker.edit.isVisibleTo(dialog)
    assert not dialog.picker.remove.isVisibleTo(dialog)
    assert dialog.picker.list.item(0).text() == f"{residents.hidden} · Mawar 3"
    dialog.reject()
    tab = IncidentsTab(counsellor, residents.hidden_id)
    qtbot.addWidget(tab)
    tab.reload()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=10000)
    assert tab.table.item(0, 2).text() == "Health emergency" and made


def test_the_dashboard_button_ends_the_alert(qtbot, admin, residents, clock, login_as,  # noqa: F811
                                             monkeypatch):
    """...after asking, with the alerts it ends listed: one click once closed every
    serious alert, a trafficker seen among them, with no question (a tester)."""
    from shelter_app.gui import dashboard as dashboard_gui
    from shelter_app.gui.dashboard import DashboardArea
    from shelter_app.services.overview import dashboard

    asked, answer = [], [False]
    monkeypatch.setattr(dashboard_gui, "confirm", lambda _parent, _title, text, **_k:
                        asked.append(text) or answer[0])

    incidents.record_incident(admin, IncidentData(
        kind="missing", severity="critical", at=clock() - dt.timedelta(hours=1),
        description="Not in her bed at the night count.", case_numbers=(residents.dewi,)))
    manager = login_as("manager")
    area = DashboardArea(manager, clock().date())
    qtbot.addWidget(area)
    area._show(dashboard.snapshot(manager))
    assert area.incidents_handled.isVisibleTo(area)
    assert "Resident missing" in area.alerts.text()
    area.incidents_handled.click()
    assert "Resident missing" in asked[0]
    assert incidents.list_incidents(manager)[0].alerting  # "No": nothing changed
    answer[0] = True
    area.incidents_handled.click()
    qtbot.waitUntil(lambda: not area.incidents_handled.isVisibleTo(area), timeout=10000)
    assert "Resident missing" not in area.alerts.text()
    assert not incidents.list_incidents(manager)[0].alerting


def test_a_new_incident_starts_at_its_kinds_severity(qtbot, admin, clock):
    """A guard left "Low" on a trafficker seen at the gate and no alert was raised."""
    from shelter_app.gui.residents.incidents_page import IncidentDialog

    dialog = IncidentDialog(admin, clock().date(), dt.UTC)
    qtbot.addWidget(dialog)
    dialog.kind.set_value("trafficker_seen")
    assert dialog.severity.value() == "critical"
    dialog.kind.set_value("conflict")
    assert dialog.severity.value() == "low"
