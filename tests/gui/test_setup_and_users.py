from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from shelter_app.gui.admin.users_model import OBJECT_ROLE, Column, UsersModel
from shelter_app.gui.setup_wizard import SetupWizard
from shelter_app.services.administration import auth, users
from tests.gui.setup_steps import wizard_on_the_recovery_page


def test_the_wizard_sets_up_a_shelter_and_shows_the_recovery_key_once(qtbot, data_dir,
                                                                      monkeypatch, tmp_path):
    wizard = SetupWizard(data_dir)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.shelter.name_edit.setText("Rumah Harapan")
    wizard.next()
    wizard.admin.username.setText("kepala")
    wizard.admin.password.setText("short")
    wizard.admin.confirm.setText("short")
    wizard.next()
    qtbot.waitUntil(lambda: "at least 8" in wizard.admin.message.text(), timeout=10000)
    assert wizard.currentPage() is wizard.admin
    wizard.admin.password.setText("a long password")
    wizard.admin.confirm.setText("a long password")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery, timeout=15000)
    key = wizard.recovery.key_label.text()
    assert len(key) == 35
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()

    sheet = tmp_path / "sheet.pdf"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(sheet), ""))
    wizard.recovery.save_button.click()
    qtbot.waitUntil(sheet.exists, timeout=10000)

    wizard.recovery.kept.setChecked(True)
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    with qtbot.waitSignal(wizard.finished_setup, timeout=10000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.recovery_key is None
    auth.login(data_dir, "kepala", "a long password").close_database()
    users.reset_with_recovery_key(data_dir, key, "kepala", "another password")


def test_an_admin_adds_a_user_from_the_users_screen(logged_in, qtbot, monkeypatch):
    from shelter_app.gui.admin.user_dialog import UserDialog

    window = logged_in.main_window
    window.show_area("administration")
    page = window.areas["administration"].users_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=10000)  # 4 roles, 2 more counsellors

    def fill_and_save(dialog):
        dialog.ui.usernameEdit.setText("siti")
        dialog.ui.roleCombo.setCurrentIndex(dialog.ui.roleCombo.findData("counsellor"))
        dialog.ui.passwordEdit.setText("siti password")
        dialog.ui.confirmEdit.setText("siti password")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10000)
        return 1

    monkeypatch.setattr(UserDialog, "exec", fill_and_save)
    page.add_user()
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=10000)
    row = [page.model.index(r, 0).data(OBJECT_ROLE).username
           for r in range(page.model.rowCount())].index("siti")
    assert page.model.index(row, Column.ROLE).data() == "Counsellor"


def test_the_users_model_is_a_sound_qt_model(qtmodeltester, admin):
    model = UsersModel()
    model.set_users(users.list_users(admin))
    qtmodeltester.check(model)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "User name"


def test_every_audit_action_has_a_label_people_can_read():
    from shelter_app.gui.admin.audit_page import ACTION_LABELS, action_label
    from shelter_app.services.shared.audit import Action

    assert {a.value for a in Action} == set(ACTION_LABELS)
    assert action_label("login") == "Logged in"


def test_cancel_on_the_recovery_key_page_asks_before_the_key_is_gone(qtbot, data_dir,
                                                                      monkeypatch):
    """A tester pressed Cancel before printing anything: the wizard closed and the key was
    never shown again."""
    wizard = wizard_on_the_recovery_page(qtbot, data_dir, "kepala")
    key = wizard.recovery.key_label.text()
    asked = []
    monkeypatch.setattr(wizard, "ask_to_leave_without_the_key",
                        lambda: asked.append("asked") or False)
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert asked and wizard.isVisible() and wizard.recovery_key == key  # stayed on the key
    monkeypatch.setattr(wizard, "ask_to_leave_without_the_key", lambda: True)
    with qtbot.waitSignal(wizard.finished_setup, timeout=10000):
        wizard.reject()  # Esc and the window's close button come here too
    assert wizard.recovery_key is None
