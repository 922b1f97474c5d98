"""A counsellor sees, in the status bar at login, a colleague waiting for the counsellors'
key, and gives it with one confirmed click."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from shelter_app.domain.roles import Role
from shelter_app.services.administration import auth, users
from shelter_app.services.counselling import session_notes


def test_a_counsellor_gives_a_new_colleague_access_from_the_status_bar(
        logged_in_as, demo_dir, clock, qtbot, monkeypatch):
    admin = auth.login(demo_dir, "admin", "demo", clock)
    users.add_user(admin, "sari", Role.COUNSELLOR, "demo", "Sari Psikolog")
    auth.logout(admin)
    sari = auth.login(demo_dir, "sari", "demo", clock)
    assert not session_notes.readable(sari)
    auth.logout(sari)

    window = logged_in_as("counsellor").main_window
    requests = window.access_requests
    qtbot.waitUntil(requests.isVisible, timeout=10000)
    [button] = requests.findChildren(QPushButton)
    assert button.text() == "Give access to Sari Psikolog (sari)"
    asked = []
    monkeypatch.setattr("shelter_app.gui.access_requests.confirm",
                        lambda parent, title, text: asked.append(text) or True)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    # the row goes, and what was done is said where it was (it used to vanish unsaid,
    # the focus falling on the Lock button)
    qtbot.waitUntil(lambda: not requests.findChildren(QPushButton), timeout=10000)
    assert requests.done.text() == "Sari Psikolog (sari) has access now."
    assert requests.isVisible()
    assert QApplication.focusWidget() is not window.lock_button
    assert "fingerprint" in asked[0]
    sari = auth.login(demo_dir, "sari", "demo", clock)
    assert session_notes.readable(sari)
    auth.logout(sari)


def test_staff_and_administrators_see_no_request_for_the_counsellors_key(
        logged_in_as, demo_dir, clock, qtbot):
    admin = auth.login(demo_dir, "admin", "demo", clock)
    users.add_user(admin, "sari", Role.COUNSELLOR, "demo", "Sari Psikolog")
    auth.logout(admin)
    for who in ("staff", "admin"):
        requests = logged_in_as(who).main_window.access_requests
        qtbot.waitUntil(lambda requests=requests: requests.loaded, timeout=10000)
        texts = [b.text() for b in requests.findChildren(QPushButton)]
        assert not any("sari" in text for text in texts), who
