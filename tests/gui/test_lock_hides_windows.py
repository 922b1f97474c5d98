"""Locking hides every window that shows personal data, not only the main window: an open
profile, a session dialog with its notes, a wizard in its own exec() loop. The same user
gets them back as they were; another user logging in gets none of them."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

from shelter_app.gui.background import wait_for_idle

NOTES = "Catatan rahasia: mimpi buruk tentang agen"


def settle(qtbot, ms=50):
    assert wait_for_idle(30000)
    qtbot.wait(ms)


def _on_screen(widget: QWidget) -> bool:
    """Shown and not wholly covered by something drawn over it."""
    return widget.isVisible() and (widget.isWindow() or not widget.visibleRegion().isEmpty())


def _texts_of(widget: QWidget) -> list[str]:
    if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
        return [widget.text()]
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return [widget.toPlainText()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        return [str(model.index(row, column).data() or "")
                for row in range(min(model.rowCount(), 200)) for column in range(50)
                if model.index(row, column).isValid()]
    return []


def on_screen_text() -> str:
    """Every text a person looking at the screen could read: window titles and what every
    shown, uncovered widget of every shown window holds."""
    texts = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        texts.append(window.windowTitle())
        for widget in [window, *window.findChildren(QWidget)]:
            if _on_screen(widget):
                texts.extend(_texts_of(widget))
    return "\n".join(texts)


def unlock(window, qtbot, password="demo"):
    qtbot.waitUntil(lambda: window.workspace.is_locked, timeout=10000)
    window.lock_screen.password.setText(password)
    window.lock_screen.unlock()
    qtbot.waitUntil(lambda: not window.locked, timeout=10000)


def open_session_with_notes(controller, qtbot):
    window = controller.main_window
    window.show_area("counselling")
    page = window.areas["counselling"].calendar
    qtbot.waitUntil(lambda: bool(page.loaded), timeout=15000)
    settle(qtbot)
    held = next(v for v in page.loaded if v.status == "held")
    page.open_session(held.id)
    dialog = page.last_dialog
    settle(qtbot, 150)
    dialog.tabs.setCurrentIndex(1)
    dialog.notes.setPlainText(NOTES)  # typed, not saved
    return dialog, held


def test_ctrl_l_hides_the_session_dialog_and_its_notes_until_the_same_user_unlocks(
        logged_in_as, qtbot):
    controller = logged_in_as("counsellor")
    window = controller.main_window
    dialog, _held = open_session_with_notes(controller, qtbot)
    title = dialog.windowTitle()
    assert NOTES in on_screen_text() and title in on_screen_text().splitlines()
    window.lock()
    assert NOTES not in on_screen_text()
    assert title not in on_screen_text().splitlines()
    assert window.lock_screen.isVisible()
    qtbot.waitUntil(window.lock_screen.password.hasFocus)  # the keyboard is there
    unlock(window, qtbot)
    assert dialog.isVisible() and dialog.notes.toPlainText() == NOTES  # the typing is kept
    assert NOTES in on_screen_text() and dialog.windowTitle() == title
    dialog.notes.setPlainText("")  # nothing left to ask about when the test closes it
    dialog.done(0)


def test_ctrl_l_typed_in_a_dialog_locks_too(logged_in_as, qtbot):
    """Ctrl+L was the main window's shortcut only: typed in a profile or the session
    dialog (which block the main window) it did nothing."""
    controller = logged_in_as("counsellor")
    window = controller.main_window
    dialog, _held = open_session_with_notes(controller, qtbot)
    qtbot.keyClick(dialog.notes, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked and NOTES not in on_screen_text()
    assert dialog.notes.toPlainText() == NOTES  # the keys were not typed into the notes
    unlock(window, qtbot)
    qtbot.keyClick(window.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked  # and in the main window as before
    unlock(window, qtbot)
    dialog.notes.setPlainText("")
    dialog.done(0)


def test_the_idle_lock_in_a_wizards_own_loop_hides_it_and_the_profile_beneath(
        logged_in, qtbot, clock):
    """The profile's Edit runs the intake wizard with exec(): the idle lock fires inside that
    loop. Nothing with the name stays on screen; unlocking gives back the wizard with what
    was typed, and only then does the user end it."""
    from shelter_app.gui.residents.intake import IntakeWizard

    window = logged_in.main_window
    area = window.areas["residents"]
    window.show_area("residents")
    qtbot.waitUntil(lambda: area.list_page.model.rowCount() > 0, timeout=10000)
    profile = area.open_profile(area.list_page.model.person_id(0))
    qtbot.waitUntil(lambda: profile.profile is not None, timeout=10000)
    settle(qtbot)
    name = profile.profile.shown_name
    assert name in on_screen_text()
    seen = {}

    def inside_the_wizards_loop():
        wizard = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, IntakeWizard) and w.isVisible())
        wizard.full_name.setText(name + " Baru")  # typed, not saved
        clock.advance(minutes=window.settings.idle_lock_minutes, seconds=1)
        window.idle.check_now()
        seen["locked"] = window.locked
        seen["screen while locked"] = on_screen_text()
        unlock(window, qtbot)
        seen["wizard back"] = wizard.isVisible()
        seen["typing kept"] = wizard.full_name.text()
        seen["screen after"] = on_screen_text()
        wizard.full_name.setText(profile.profile.data.full_name)
        wizard.done(0)

    QTimer.singleShot(0, inside_the_wizards_loop)
    profile.actions["edit"].click()  # returns when the wizard's loop ends
    assert seen["locked"]
    assert name not in seen["screen while locked"]
    assert seen["wizard back"] and seen["typing kept"] == name + " Baru"
    assert name + " Baru" in seen["screen after"] and profile.isVisible()
    profile.done(0)


def log_in(controller, qtbot, username):
    controller.login.ui.usernameEdit.setText(username)
    controller.login.ui.passwordEdit.setText("demo")
    controller.login.ui.loginButton.click()
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=15000)


def test_another_user_at_the_lock_screen_gets_none_of_the_open_windows(
        qtbot, demo_dir, clock):
    """Locked with a session dialog open, the lock screen's 'another user': the dialog is
    closed without saving and the next user sees only their own main window."""
    from shelter_app.gui.app import AppController
    from shelter_app.services.administration import auth
    from shelter_app.services.counselling import session_notes

    controller = AppController(demo_dir, clock)  # not the fixture: the app deletes this
    controller.start()  # first main window itself, so pytest-qt must not close it
    log_in(controller, qtbot, "counsellor")
    window = controller.main_window
    dialog, held = open_session_with_notes(controller, qtbot)
    window.lock()
    qtbot.waitUntil(lambda: window.workspace.is_locked, timeout=10000)
    window.lock_screen.switch_user.emit()
    qtbot.waitUntil(lambda: controller.login is not None and controller.login.isVisible(),
                    timeout=10000)
    assert QApplication.activeModalWidget() is None  # nothing stands over the login window
    assert NOTES not in on_screen_text()
    log_in(controller, qtbot, "staff")
    qtbot.addWidget(controller.main_window)
    qtbot.waitUntil(lambda: not isValid(window) and not isValid(dialog))  # deleted
    settle(qtbot)
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert shown == [controller.main_window]
    assert NOTES not in on_screen_text()
    counsellor = auth.login(demo_dir, "counsellor", "demo")
    try:
        assert NOTES not in (session_notes.read(counsellor, held.id) or "")  # not saved
    finally:
        auth.logout(counsellor)
        controller.shutdown()


def test_another_user_ends_a_wizards_loop_without_saving_what_was_typed(
        qtbot, demo_dir, clock):
    """The lock came inside the edit wizard's exec() loop; 'another user' ends that loop
    as a cancel: the code that opened it carries on without error and saves nothing."""
    from shelter_app.gui.app import AppController
    from shelter_app.gui.residents.intake import IntakeWizard
    from shelter_app.services.administration import auth
    from shelter_app.services.residents import records

    controller = AppController(demo_dir, clock)
    controller.start()
    log_in(controller, qtbot, "admin")
    window = controller.main_window
    area = window.areas["residents"]
    window.show_area("residents")
    qtbot.waitUntil(lambda: area.list_page.model.rowCount() > 0, timeout=10000)
    person_id = area.list_page.model.person_id(0)
    profile = area.open_profile(person_id)
    qtbot.waitUntil(lambda: profile.profile is not None, timeout=10000)
    settle(qtbot)
    name = profile.profile.data.full_name

    def inside_the_wizards_loop():
        wizard = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, IntakeWizard) and w.isVisible())
        wizard.full_name.setText("Nama Yang Diketik")
        window.lock()
        qtbot.waitUntil(lambda: window.workspace.is_locked, timeout=10000)
        window.lock_screen.switch_user.emit()

    QTimer.singleShot(0, inside_the_wizards_loop)
    profile.actions["edit"].click()  # returns once 'another user' ended the wizard
    assert controller.login is not None and controller.login.isVisible()
    assert not profile.isVisible()
    assert "Nama Yang Diketik" not in on_screen_text() and name not in on_screen_text()
    qtbot.waitUntil(lambda: not isValid(window) and not isValid(profile))
    admin = auth.login(demo_dir, "admin", "demo")
    try:
        assert records.profile(admin, person_id).data.full_name == name  # nothing saved
    finally:
        auth.logout(admin)
        controller.shutdown()
