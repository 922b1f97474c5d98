"""Backups from the Administration area, the reminder, and restore from the login
window, as an administrator would do them."""

from shelter_app.gui.background import wait_for_idle


def settle(qtbot, ms=50):
    assert wait_for_idle(30000)
    qtbot.wait(ms)


def test_the_reminder_shows_until_a_backup_is_made_then_restore_brings_it_back(
        logged_in, qtbot, tmp_path, demo_dir):
    from shelter_app.gui.login import LoginDialog

    window = logged_in.main_window
    settle(qtbot)
    assert "No backup yet" in window.backup_warning.text()
    page = window.areas["administration"].backup_page
    page.folder.setText(str(tmp_path))
    page.passphrase.setText("kunci cadangan")
    page.again.setText("kunci cadangan beda")
    page.back_up()
    assert "differ" in page.message.text()
    page.again.setText("kunci cadangan")
    page.back_up()
    settle(qtbot)
    assert "Done and checked" in page.message.text(), page.message.text()
    assert page.last.text() != "never"
    made = next(tmp_path.glob("*.rabackup"))
    logged_in.shutdown()

    login = LoginDialog(demo_dir)
    qtbot.addWidget(login)
    dialog = login.restore_from_backup()
    dialog.file.setText(str(made))
    dialog.secret.setText("wrong passphrase")
    dialog.restore()
    settle(qtbot)
    assert "does not open" in dialog.message.text()
    dialog.secret.setText("kunci cadangan")
    dialog.restore()
    settle(qtbot, 200)
    assert dialog.result() == 1
    assert "restored" in login.ui.messageLabel.text()
    assert list((demo_dir / "backups").glob("before-restore-*"))


def test_restore_and_a_new_key_say_plainly_that_another_window_has_the_shelter_open(
        logged_in, qtbot, tmp_path, demo_dir, clock, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from shelter_app.gui.login import LoginDialog
    from shelter_app.services.administration import auth, backup

    made = backup.backup(logged_in.workspace, tmp_path, "kunci cadangan").path
    page = logged_in.main_window.areas["administration"].backup_page
    # Another window: a second login claims the database as another process would.
    other = auth.login(demo_dir, "manager", "demo", clock)
    try:
        monkeypatch.setattr("shelter_app.gui.admin.backup_page.confirm", lambda *a, **k: True)
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("demo", True))
        page.new_key()
        settle(qtbot)
        assert "open in another window" in page.rekey_message.text()
        assert "Traceback" not in page.rekey_message.text()
        logged_in.shutdown()

        login = LoginDialog(demo_dir)
        qtbot.addWidget(login)
        dialog = login.restore_from_backup()
        dialog.file.setText(str(made))
        dialog.secret.setText("kunci cadangan")
        dialog.restore()
        settle(qtbot)
        assert "open in another window" in dialog.message.text()
        assert dialog.restore_button.isEnabled()
    finally:
        auth.logout(other)
    dialog.restore()
    settle(qtbot, 200)
    assert dialog.result() == 1


def test_a_new_key_checks_the_password_before_asking_for_anything_else(logged_in, qtbot,
                                                                       monkeypatch):
    """A wrong password was found only after the recovery key had been typed too."""
    from PySide6.QtWidgets import QInputDialog

    asked = []

    def answer(_parent, _title, label, *_args, **_kwargs):
        asked.append(label)
        return "not my password", True

    monkeypatch.setattr("shelter_app.gui.admin.backup_page.confirm", lambda *a, **k: True)
    monkeypatch.setattr(QInputDialog, "getText", answer)
    page = logged_in.main_window.areas["administration"].backup_page
    page.new_key()
    settle(qtbot)
    assert asked == ["Your password:"]  # the recovery key was never asked for
    assert "password is wrong" in page.rekey_message.text()
    assert page.rekey_button.isEnabled()
