"""Statistics for the province from Reports: the protected tables previewed (worked out
off the GUI thread), saved as JSON; staff do not see the panel; the threshold on the
settings page is refused below 11 with its reason."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from shelter_app.gui.admin.settings_page import SettingsPage
from shelter_app.services.shared import settings


def test_the_protected_tables_are_previewed_and_saved(logged_in, qtbot, tmp_path):
    window = logged_in.main_window
    window.show_area("reports")
    box = window.areas["reports"].statistics
    box.first.edit.setText("01/01/2026")
    qtbot.mouseClick(box.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.table.rowCount() > 0, timeout=15000)
    assert box.table_choice.count() == 9
    shown = [box.table.item(r, c).text() for r in range(box.table.rowCount())
             for c in range(1, 4)]
    assert all(text in ("•", "0") or int(text.replace(".", "")) >= 11 for text in shown)
    box.table_choice.setCurrentIndex(1)  # by modus, in a shelter of 15: nothing to show
    assert box.table.rowCount() == 0 and "Withheld" in box.table_note.text()
    box.quiet = True
    box.save("json", tmp_path / "stats.json")
    qtbot.waitUntil(lambda: (tmp_path / "stats.json").exists(), timeout=15000)
    assert json.loads((tmp_path / "stats.json").read_text())["period_from"] == "2026-01-01"


def test_staff_have_no_statistics_panel(logged_in_as):
    window = logged_in_as("staff").main_window
    window.show_area("reports")
    assert window.areas["reports"].statistics is None


def test_the_threshold_below_eleven_is_refused_on_the_settings_page(qtbot, admin):
    page = SettingsPage(admin, settings.get_settings(admin))
    qtbot.addWidget(page)
    page.threshold.setValue(10)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cannot be below 11" in page.message.text(), timeout=10000)
    assert settings.get_settings(admin).statistics_threshold == 11
    page.threshold.setValue(15)
    page.province.set_value("ID-NB")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text() == "Saved.", timeout=10000)
    stored = settings.get_settings(admin)
    assert (stored.statistics_threshold, stored.province) == (15, "ID-NB")
