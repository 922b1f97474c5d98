"""Issue 13, finding 1 on screen: the manager's dashboard (their first screen at login)
tells of an admission that may be a protected person; staff's profile of a protected
person shows nothing that identifies them, and staff cannot tick "hidden identity"."""

from PySide6.QtCore import Qt

from shelter_app.gui.background import wait_for_idle
from shelter_app.services.administration import auth, demo
from shelter_app.services.residents import records
from tests.security.conftest import PSEUDONYM, leaked, real_person, stay


def settle(qtbot, ms=80):
    assert wait_for_idle(30000)
    qtbot.wait(ms)


def test_a_manager_is_told_at_login_and_marks_it_reviewed(demo_dir, clock, logged_in_as,
                                                          qtbot):
    manager = auth.login(demo_dir, "manager", demo.DEMO_PASSWORD, clock)
    staff = auth.login(demo_dir, "staff", demo.DEMO_PASSWORD, clock)
    kept = records.admit_new(manager, real_person(), stay())
    typed = real_person(hidden_identity=False, pseudonym="", regency="",
                        police_report_number="")
    again = records.admit_new(staff, typed, stay(days_ago=1))  # no error, nothing said
    auth.logout(manager)
    auth.logout(staff)

    window = logged_in_as("manager").main_window
    area = window.areas["dashboard"]
    qtbot.waitUntil(lambda: area.board is not None, timeout=15000)
    assert window.current_area == "dashboard"
    assert (f"Admission {again.case_number} may be the same person as the protected record "
            f"{kept.case_number} ({PSEUDONYM})") in area.alerts.text()
    assert area.reviewed.isVisible()
    qtbot.mouseClick(area.reviewed, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "protected record" not in area.alerts.text(), timeout=15000)
    settle(qtbot)
    assert not area.reviewed.isVisible()


def test_staff_see_a_protected_profile_without_what_identifies_and_cannot_hide(
        demo_dir, clock, qtbot):
    from shelter_app.gui.residents.intake import IntakeWizard
    from shelter_app.gui.residents.profile import ProfileDialog

    manager = auth.login(demo_dir, "manager", demo.DEMO_PASSWORD, clock)
    person_id = records.admit_new(manager, real_person(), stay()).person_id
    auth.logout(manager)
    staff = auth.login(demo_dir, "staff", demo.DEMO_PASSWORD, clock)
    try:
        profile = ProfileDialog(staff, person_id)
        qtbot.addWidget(profile)
        qtbot.waitUntil(lambda: profile.profile is not None, timeout=10000)
        settle(qtbot)
        shown = " ".join(label.text() for label in profile.findChildren(type(profile.title)))
        assert PSEUDONYM in shown and "1996 (the exact date is withheld)" in shown
        assert leaked(shown) == []
        rows = profile_rows(profile)  # the pseudonym is called one, NIK is withheld, not "–"
        assert rows["Pseudonym"] == PSEUDONYM and "Full name" not in rows
        assert rows["NIK"] == rows["Regency / city"] == "(withheld)"
        wizard = IntakeWizard(staff, profile.profile.today)
        qtbot.addWidget(wizard)
        assert not wizard.hidden_identity.isEnabled()
        profile.close()
    finally:
        auth.logout(staff)


def profile_rows(profile) -> dict[str, str]:
    """The overview's rows as label -> value, as the profile shows them."""
    from PySide6.QtWidgets import QFormLayout

    rows = {}
    for form in profile.overview.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            value = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label and value:
                rows[label.widget().text().replace("<b>", "").replace("</b>", "")] = \
                    value.widget().text()
    return rows


def test_a_manager_sees_the_pseudonym_staff_know_a_protected_person_by(demo_dir, clock,
                                                                        qtbot):
    from shelter_app.gui.residents.profile import ProfileDialog

    manager = auth.login(demo_dir, "manager", demo.DEMO_PASSWORD, clock)
    try:
        person_id = records.admit_new(manager, real_person(), stay()).person_id
        profile = ProfileDialog(manager, person_id)
        qtbot.addWidget(profile)
        qtbot.waitUntil(lambda: profile.profile is not None, timeout=10000)
        settle(qtbot)
        rows = profile_rows(profile)
        assert rows["Pseudonym"] == PSEUDONYM and rows["Full name"] != PSEUDONYM
        profile.close()
    finally:
        auth.logout(manager)
