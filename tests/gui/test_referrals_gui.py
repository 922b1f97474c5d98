"""The dashboard, the referrals area, the profile's referrals tab and the monthly report,
as managers and staff use them."""

import json
import re

from shelter_app.gui.background import wait_for_idle
from shelter_app.services.referrals import followups, tracking


def settle(qtbot, ms=80):
    assert wait_for_idle(30000)
    qtbot.wait(ms)


def test_the_dashboard_opens_first_with_its_charts(logged_in, qtbot):
    window = logged_in.main_window
    area = window.areas["dashboard"]
    qtbot.waitUntil(lambda: area.board is not None, timeout=15000)
    assert window.current_area == "dashboard"
    assert area.tiles["present"].value.text() == str(area.board.present)
    assert area.census.renderer().isValid() and area.referral_chart.renderer().isValid()
    assert area.alerts.text()


def test_the_dashboard_and_the_status_bar_count_the_same_residents(logged_in, qtbot):
    """The dashboard said "12 provisions await a decision" under a status bar counting
    the residents: both count residents now."""
    window = logged_in.main_window
    area = window.areas["dashboard"]
    qtbot.waitUntil(lambda: area.board is not None, timeout=15000)
    window.show_area("provisions")
    qtbot.waitUntil(lambda: window.provision_alerts.text() != "", timeout=20000)
    awaiting = area.board.residents_awaiting_decision
    assert awaiting > 0
    assert window.provision_alerts.text().endswith(
        f"residents awaiting a decision: {awaiting}")
    assert re.search(rf"\b{awaiting} residents? awaits? a decision\.", area.alerts.text())
    assert "provision" not in area.alerts.text()


def test_a_referral_from_draft_to_sent_with_its_letter(logged_in, qtbot, tmp_path):
    window = logged_in.main_window
    window.show_area("referrals")
    page = window.areas["referrals"].referrals
    settle(qtbot)
    before = len(page.views)
    page.new_referral()
    dialog = page.last_dialog
    qtbot.waitUntil(lambda: dialog.person.count() > 0 and dialog.institution.count() > 0,
                    timeout=10000)
    settle(qtbot)
    dialog._save()
    settle(qtbot)
    assert dialog.isVisible() and "required" in dialog.message.text()
    dialog.reason.setPlainText("Pemeriksaan kesehatan")
    dialog.override.setPlainText("Perlu segera")  # used only when consent is missing
    dialog._save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    settle(qtbot)
    assert len(page.views) == before + 1
    newest = max(page.views, key=lambda v: v.id)
    page.table.selectRow(page.views.index(newest))
    page.next_step()
    step = page.last_dialog
    step.status.set_value("sent")
    step._save()
    qtbot.waitUntil(lambda: not step.isVisible(), timeout=10000)
    settle(qtbot)
    assert tracking.detail(logged_in.workspace, newest.id).status == "sent"
    page.table.selectRow([v.id for v in page.views].index(newest.id))
    page.print_letter(tmp_path / "letter.pdf")
    settle(qtbot, 200)
    assert (tmp_path / "letter.pdf").read_bytes().startswith(b"%PDF")


def test_institutions_are_added_and_imported(logged_in, qtbot, tmp_path):
    window = logged_in.main_window
    window.show_area("referrals")
    area = window.areas["referrals"]
    area.tabs.setCurrentIndex(2)
    page = area.institutions
    settle(qtbot)
    count = len(page.infos)
    page.edit(None)
    dialog = page.last_dialog
    dialog.name.setText("Puskesmas Contoh Utara")
    dialog.kind.set_value("puskesmas")
    dialog.services.set_values(["health_medical"])
    dialog._save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    settle(qtbot)
    assert len(page.infos) == count + 1
    csv_file = tmp_path / "list.csv"
    csv_file.write_text("name,type\nKlinik Contoh,hospital\nKlinik Contoh 2,Spaceport\n")
    page.import_csv(csv_file)
    settle(qtbot)
    assert "Row 3" in page.message.text() and len(page.infos) == count + 1
    csv_file.write_text("name,type\nKlinik Contoh,hospital\n")
    page.import_csv(csv_file)
    settle(qtbot, 200)
    assert "1 institution added" in page.message.text() and len(page.infos) == count + 2


def test_after_discharge_the_handover_visits_and_closing(logged_in, qtbot, tmp_path):
    workspace = logged_in.workspace
    window = logged_in.main_window
    discharged = next(v.person_id for v in followups.visits(workspace, due_until=None)
                      if not followups.is_closed(followups.closures(workspace, v.person_id)))
    profile = window.areas["residents"].open_profile(discharged)
    settle(qtbot, 200)
    tab = profile.referrals
    profile.tabs.setCurrentWidget(tab)
    assert tab.buttons["handover"].isEnabled()
    tab.print_handover(tmp_path / "handover.pdf")
    settle(qtbot, 200)
    assert (tmp_path / "handover.pdf").read_bytes().startswith(b"%PDF")
    before = len(tab.visits)
    tab.plan()
    settle(qtbot, 200)
    assert len(tab.visits) == before + 3
    tab.close_case(False)
    dialog = tab.last_dialog
    dialog.reason.setPlainText("Reintegrasi berhasil")
    dialog._save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    settle(qtbot, 200)
    assert followups.is_closed(tab.history) and tab.buttons["reopen"].isEnabled()
    assert "closed" in tab.state.text()
    profile.close()


def test_the_monthly_report_from_the_reports_area(logged_in, qtbot, tmp_path):
    window = logged_in.main_window
    window.show_area("reports")
    box = window.areas["reports"].boxes["monthly"]
    box.quiet = True
    box.save("json", tmp_path / "month.json")
    settle(qtbot, 300)
    assert json.loads((tmp_path / "month.json").read_text())["month"] == "2026-11"


def referrals_page(controller, qtbot):
    window = controller.main_window
    window.show_area("referrals")
    page = window.areas["referrals"].referrals
    qtbot.waitUntil(lambda: bool(page.views), timeout=10000)
    settle(qtbot)
    return page


def test_a_counsellor_is_told_who_records_consent_and_a_refusal_goes_with_the_resident(
        logged_in_as, qtbot):
    """A counsellor was told to record the consent in the profile, which she cannot
    change; the refusal stayed on screen under another resident who had agreed."""
    page = referrals_page(logged_in_as("counsellor"), qtbot)
    page.new_referral()
    dialog = page.last_dialog
    qtbot.waitUntil(lambda: dialog.person.count() > 1, timeout=10000)
    settle(qtbot)
    agreed = {index: tracking.has_consent(page.workspace, dialog.person.itemData(index))
              for index in range(dialog.person.count())}
    dialog.person.setCurrentIndex(next(i for i, yes in agreed.items() if not yes))
    settle(qtbot)
    said = dialog.consent.text()
    assert "Record it in the profile" not in said
    assert "Shelter staff" in said and "Manager" in said  # who can record it, by role
    dialog.reason.setPlainText("Pendampingan psikologis lanjutan")
    dialog._save()
    settle(qtbot)
    assert dialog.isVisible() and "not agreed" in dialog.message.text()
    dialog.person.setCurrentIndex(next(i for i, yes in agreed.items() if yes))
    settle(qtbot)
    assert dialog.message.text() == ""
    assert dialog.consent.text() == "The resident agreed to share their data."
    dialog.done(0)


def test_a_new_referral_opens_in_its_first_field_and_row_actions_wait_for_a_row(
        logged_in_as, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    page = referrals_page(logged_in_as("manager"), qtbot)
    page.table.clearSelection()
    settle(qtbot)
    buttons = {b.text(): b for b in page.findChildren(QPushButton)}
    row_actions = [buttons["Next &step…"], buttons["Print the &letter…"]]
    assert not any(b.isEnabled() for b in row_actions)  # pressed, they did nothing
    page.table.selectRow(0)
    assert all(b.isEnabled() for b in row_actions)
    page.refresh()
    settle(qtbot)
    page.new_referral()
    dialog = page.last_dialog
    qtbot.waitUntil(lambda: dialog.person.count() > 0, timeout=10000)
    assert dialog.focusWidget() is dialog.person  # not Save: Enter saved an empty form
    qtbot.keyClick(dialog.person, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.domain
    dialog.done(0)
