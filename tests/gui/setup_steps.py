"""The set-up wizard walked to its recovery key page, as the GUI tests need it."""

from __future__ import annotations

from shelter_app.gui.setup_wizard import SetupWizard


def wizard_on_the_recovery_page(qtbot, data_dir, username: str = "admin") -> SetupWizard:
    wizard = SetupWizard(data_dir)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.shelter.name_edit.setText("Rumah Harapan")
    wizard.next()
    wizard.admin.username.setText(username)
    wizard.admin.password.setText("a long password")
    wizard.admin.confirm.setText("a long password")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery, timeout=15000)
    return wizard
