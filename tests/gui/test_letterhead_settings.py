"""The administrator fills in the letterhead (address, city, phone, head of the shelter)
on the settings page; a bad phone number is refused with its reason."""

from PySide6.QtCore import Qt

from shelter_app.gui.admin.settings_page import SettingsPage
from shelter_app.services.shared import settings


def test_the_letterhead_is_set_on_the_settings_page(qtbot, admin):
    page = SettingsPage(admin, settings.get_settings(admin))
    qtbot.addWidget(page)
    page.address_edit.setText("Jl. Pejanggik No. 10")
    page.city_edit.setText("Mataram")
    page.phone_edit.setText("call us")
    page.head_edit.setText("Siti Rahmawati")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "phone number" in page.message.text(), timeout=10000)
    assert settings.get_settings(admin).city == ""  # nothing saved: one action, all or none
    page.phone_edit.setText("0370 123456")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text() == "Saved.", timeout=10000)
    stored = settings.get_settings(admin)
    assert (stored.address, stored.city, stored.phone, stored.head_name) == (
        "Jl. Pejanggik No. 10", "Mataram", "0370 123456", "Siti Rahmawati")
    again = SettingsPage(admin, stored)  # opened again, it shows what was saved
    qtbot.addWidget(again)
    assert again.head_edit.text() == "Siti Rahmawati"


def test_staff_see_the_letterhead_but_cannot_change_it(qtbot, admin, login_as):
    settings.update_settings(admin, city="Mataram")
    staff = login_as("staff")
    page = SettingsPage(staff, settings.get_settings(staff))
    qtbot.addWidget(page)
    assert page.city_edit.text() == "Mataram"
    assert not any(edit.isEnabled() for edit in page.letterhead_edits)
