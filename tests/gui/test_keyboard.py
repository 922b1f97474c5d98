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
