"""The login window offers to restore a backup only for records that really are
damaged, never for a disk that refuses: a shelter that restores because its disk was
full loses its recent work."""

from PySide6.QtCore import Qt

from shelter_app.gui.login import LoginDialog
from shelter_app.storage.datadir import DataDir
from tests.conftest import ADMIN_PASSWORD
from tests.safety import conftest as safety

small_disk, shelter_on_disk = safety.small_disk, safety.shelter_on_disk  # the fixtures


def _log_in(qtbot, folder, clock) -> LoginDialog:
    dialog = LoginDialog(folder, clock)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.usernameEdit.setText("admin")
    dialog.ui.passwordEdit.setText(ADMIN_PASSWORD)
    qtbot.mouseClick(dialog.ui.loginButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ui.loginButton.isEnabled()
                    and dialog.ui.messageLabel.text() != "", timeout=15000)
    return dialog


def test_a_full_disk_is_named_and_no_restore_is_offered(qtbot, shelter_on_disk, small_disk,
                                                        clock):
    safety.fill_disk(small_disk)
    dialog = _log_in(qtbot, shelter_on_disk, clock)
    assert "The disk is full" in dialog.ui.messageLabel.text()
    assert "do not restore a backup" in dialog.ui.messageLabel.text()
    assert dialog.focusWidget() is dialog.ui.passwordEdit


def test_a_database_the_right_key_cannot_open_offers_the_restore(qtbot, shelter, data_dir,
                                                                 clock):
    database = DataDir(data_dir).database
    data = bytearray(database.read_bytes())
    data[20:40] = bytes(20)  # inside the first page: its checksum fails
    database.write_bytes(bytes(data))
    dialog = _log_in(qtbot, data_dir, clock)
    assert "damaged" in dialog.ui.messageLabel.text()
    assert dialog.focusWidget() is dialog.restore_button
