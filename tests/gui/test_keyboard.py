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
