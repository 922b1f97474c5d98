"""What a login found (a failed-login record deleted, failed logins, a cut audit log, a
silent credential store) is shown in the main window's status bar, in the reader's
language, to the one it is for (issue 13, findings 3, 5 and 8)."""

from PySide6.QtWidgets import QLabel

from shelter_app.services.administration import auth
from shelter_app.storage.datadir import DataDir


def _shown(window) -> list[str]:
    return [label.text() for label in window.notices.findChildren(QLabel)
            if not label.isHidden() and label.text()]


def test_an_administrator_sees_at_login_what_happened_while_away(demo_dir, clock,
                                                                  logged_in_as):
    auth.logout(auth.login(demo_dir, "staff", "demo", clock))
    DataDir(demo_dir).attempts_file.unlink()  # to start the lockout counts again
    staff = logged_in_as("staff")
    assert not any("failed logins" in text for text in _shown(staff.main_window))
    staff.shutdown()
    admin = logged_in_as("admin")
    assert any("record of failed logins was deleted" in text
               for text in _shown(admin.main_window))
