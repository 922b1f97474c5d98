"""Residents -> Incidents: recording one in the dialog, bad input kept in the dialog,
the list's filter, a manager marking a serious one handled, and the profile's tab."""

import datetime as dt

import pytest
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


def test_staff_record_an_incident_in_the_dialog(qtbot, admin, residents, login_as):  # noqa: F811
    staff = login_as("staff")
    page = _page(qtbot, staff)
    assert page.record.isVisibleTo(page) and not page.handled.isVisibleTo(page)
    dialog = page.open_incident(None)
    dialog.kind.set_value("trafficker_seen")
    dialog.time.set_value(dt.time(1, 0))
    dialog.severity.set_value("critical")
    dialog.cases.setText(f"{residents.dewi}, RA-1999-9999")
    _save(dialog)  # no description yet
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=10000)
    assert "what happened" in dialog.message.text().lower() and dialog.isVisible()
    dialog.description.setPlainText("The recruiter's car waited outside the gate.")
    _save(dialog)
    qtbot.waitUntil(lambda: "case numbers" in dialog.message.text(), timeout=10000)
    dialog.cases.setText(f"{residents.dewi}, {residents.hidden}")
    dialog.told["police"].setChecked(True)
    _save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)
    assert page.table.item(0, 2).text() == "Trafficker seen"
    assert "Mawar 3" in page.table.item(0, 4).text()
    assert "Sri" not in page.table.item(0, 4).text()
    assert page.table.item(0, 6).text() == "not yet handled"


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
