"""Everything is reachable from the keyboard: a label that shows an Alt key gives the
focus to its field (otherwise Qt prints a literal "&"), and logging out has an Alt key."""

import re

from PySide6.QtWidgets import QLabel

MNEMONIC = re.compile(r"&[^&\s]")


def labels_without_buddy(root):
    return [label.text() for label in root.findChildren(QLabel)
            if MNEMONIC.search(label.text()) and label.buddy() is None
            and not label.textFormat() == label.textFormat().RichText]


def test_the_set_up_wizard_labels_lead_to_their_fields(qtbot, data_dir):
    from shelter_app.gui.setup_wizard import SetupWizard

    wizard = SetupWizard(data_dir)
    qtbot.addWidget(wizard)
    assert labels_without_buddy(wizard) == []


def test_the_main_window_labels_lead_to_their_fields_and_log_out_has_a_key(logged_in, qtbot):
    window = logged_in.main_window
    for key in ("residents", "provisions", "counselling", "referrals", "reports",
                "administration"):
        window.show_area(key)
        qtbot.wait(20)
    assert labels_without_buddy(window) == []
    assert MNEMONIC.search(window.logout_button.text())


def visible_alt_keys(root):
    """The Alt keys of the buttons and labelled fields a user sees now, with their texts."""
    from PySide6.QtWidgets import QAbstractButton

    found: dict[str, list[str]] = {}
    for widget in root.findChildren(QAbstractButton) + root.findChildren(QLabel):
        if not widget.isVisibleTo(root) or not widget.isEnabled():
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        key = MNEMONIC.search(widget.text())
        if key:
            found.setdefault(key.group()[1].lower(), []).append(widget.text())
    return {key: texts for key, texts in found.items() if len(texts) > 1}


def test_no_two_things_on_a_screen_share_an_alt_key(logged_in_as, qtbot):
    """Two buttons with one Alt key only move the focus between them: Alt+K on the daily
    round (Konfirmasi) also meant Keluar (log out), and the round was not saved."""
    from shelter_app import i18n

    clashes = {}
    for language in ("id", "en"):
        i18n.set_language(language)
        window = logged_in_as("manager").main_window
        for key in ("dashboard", "residents", "provisions", "counselling", "referrals",
                    "reports", "administration"):
            window.show_area(key)
            qtbot.wait(30)
            found = visible_alt_keys(window)
            if found:
                clashes[language, key] = found
    assert clashes == {}, "\n".join(f"{k}: {v}" for k, v in clashes.items())


def test_every_text_box_of_several_lines_lets_tab_move_on():
    """Tab typed a tab into the session notes and the referral's reason, and the focus
    never left them. Every multi-line field is made by widgets.text_box or in a .ui
    file, and moves on with Tab."""
    from pathlib import Path
    from xml.etree import ElementTree

    import shelter_app
    from shelter_app.gui.widgets import text_box

    assert text_box().tabChangesFocus()
    gui = Path(shelter_app.__file__).parent / "gui"
    made_elsewhere = [str(path.relative_to(gui)) for path in gui.rglob("*.py")
                      if path.parent.name != "forms" and path.name != "widgets.py"
                      and re.search(r"Q(PlainText|Text)Edit\(", path.read_text())]
    assert made_elsewhere == []
    ui = Path(shelter_app.__file__).parent.parent / "ui"
    for path in ui.glob("*.ui"):
        for widget in ElementTree.parse(path).iter("widget"):
            if widget.get("class") in ("QPlainTextEdit", "QTextEdit"):
                tab = widget.find("property[@name='tabChangesFocus']/bool")
                assert tab is not None and tab.text == "true", (path.name, widget.get("name"))


def test_tab_leaves_the_session_notes_and_ctrl_enter_saves(logged_in_as, qtbot):
    from PySide6.QtCore import Qt

    from shelter_app.services.counselling import session_notes
    from tests.gui.test_counselling_gui import calendar, settle

    controller = logged_in_as("counsellor")
    page = calendar(controller, qtbot)
    held = next(v for v in page.loaded if v.status == "held")
    page.open_session(held.id)
    dialog = page.last_dialog
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
    dialog.tabs.setCurrentIndex(1)
    dialog.notes.setPlainText("")
    dialog.notes.setFocus()
    qtbot.waitUntil(dialog.notes.hasFocus, timeout=5000)
    qtbot.keyClicks(dialog.notes, "Tidur lebih baik")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Tab)
    assert dialog.notes.toPlainText() == "Tidur lebih baik"
    assert not dialog.notes.hasFocus()
    dialog.notes.setFocus()
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    settle(qtbot)
    assert session_notes.read(page.workspace, held.id) == "Tidur lebih baik"


def test_ctrl_enter_saves_a_referral_from_its_reason(logged_in_as, qtbot):
    from PySide6.QtCore import Qt

    from shelter_app.gui.background import wait_for_idle

    window = logged_in_as("manager").main_window
    window.show_area("referrals")
    page = window.areas["referrals"].referrals
    qtbot.waitUntil(lambda: bool(page.views), timeout=10000)
    before = len(page.views)
    page.new_referral()
    dialog = page.last_dialog
    qtbot.waitUntil(lambda: dialog.person.count() > 0, timeout=10000)
    assert wait_for_idle(10000)
    qtbot.wait(50)
    dialog.reason.setFocus()
    qtbot.keyClicks(dialog.reason, "Butuh pendampingan hukum")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Tab)
    assert dialog.reason.toPlainText() == "Butuh pendampingan hukum"
    if dialog.override.isVisible():
        dialog.override.setPlainText("Sidang besok")
    dialog.reason.setFocus()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: len(page.views) == before + 1, timeout=10000)


def test_no_two_things_on_an_intake_page_share_an_alt_key(logged_in_as, qtbot):
    """On "Family and contacts", "Tambah &kontak…" and "< &Kembali" both took Alt+K:
    the wizard's own buttons (Back, Next, Save, Cancel) count with the page's."""
    from shelter_app import i18n
    from shelter_app.gui.background import wait_for_idle

    clashes = {}
    for language in ("id", "en"):
        i18n.set_language(language)
        window = logged_in_as("manager").main_window
        wizard = window.areas["residents"].new_admission()
        assert wait_for_idle(10000)
        wizard.full_name.setText("Contoh Nama Karangan")
        wizard.sex.set_value("F")
        wizard.estimated_age.setValue(30)
        for page in range(len(wizard.pageIds())):
            assert wizard.currentId() == page
            qtbot.wait(20)
            found = visible_alt_keys(wizard)
            if found:
                clashes[language, wizard.currentPage().title()] = found
            if page < len(wizard.pageIds()) - 1:  # the last one's Next saves
                wizard.next()
        wizard.done(0)
    assert clashes == {}, "\n".join(f"{k}: {v}" for k, v in clashes.items())
