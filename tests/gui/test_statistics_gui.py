"""Statistics for the province from Reports: the protected tables previewed (worked out
off the GUI thread), saved as JSON; staff do not see the panel; the threshold on the
settings page is refused below 11 with its reason."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QScrollArea

from shelter_app.gui.admin.settings_page import SettingsPage
from shelter_app.services.shared import settings


def test_the_protected_tables_are_previewed_and_saved(logged_in, qtbot, tmp_path):
    window = logged_in.main_window
    window.show_area("reports")
    area = window.areas["reports"]
    box = area.statistics
    area.show_statistics()
    assert area.tabs.currentWidget() is box
    box.first.edit.setText("01/01/2026")
    qtbot.mouseClick(box.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.table.rowCount() > 0, timeout=15000)
    assert box.table_choice.count() == 9
    shown = [box.table.item(r, c).text() for r in range(box.table.rowCount())
             for c in range(1, 4)]
    assert all(text in ("•", "0") or int(text.replace(".", "")) >= 11 for text in shown)
    box.table_choice.setCurrentIndex(1)  # by modus, in a shelter of 15: nothing to show
    assert box.table.rowCount() == 0 and "too few people" in box.table_note.text()
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


def test_the_statistics_have_their_own_tab_and_the_table_the_rest_of_it(logged_in, qtbot):
    """Not at the bottom of the long list of reports, its table scrolling inside the
    scrolling page: a tab of its own, the table taking the height left."""
    window = logged_in.main_window
    window.resize(1200, 800)
    window.show_area("reports")
    area = window.areas["reports"]
    box = area.statistics
    assert [area.tabs.tabText(n) for n in range(area.tabs.count())] == [
        "The shelter's reports", "Statistics for the province"]
    area.show_statistics()
    qtbot.mouseClick(box.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.table.rowCount() > 0, timeout=15000)
    parent = box.table.parentWidget()
    while parent is not None:
        assert not isinstance(parent, QScrollArea), "the table scrolls inside a page"
        parent = parent.parentWidget()
    assert box.table.height() > box.height() // 3


def test_the_buttons_are_the_other_reports_in_their_order(logged_in):
    window = logged_in.main_window
    window.show_area("reports")
    area = window.areas["reports"]

    def texts(widget):
        return [b.text() for b in widget.findChildren(QPushButton)]

    report = texts(area.boxes["occupancy"])
    assert report == ["Preview and print…", "Save as PDF…", "Save as JSON…", "Save as CSV…"]
    assert texts(area.statistics)[:4] == report


def test_the_panel_speaks_plainly_and_says_where_the_province_is_set(logged_in, qtbot):
    window = logged_in.main_window
    window.show_area("reports")
    area = window.areas["reports"]
    box = area.statistics
    area.show_statistics()
    assert "Administration → Settings" in box.province.text()
    qtbot.mouseClick(box.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.table.rowCount() > 0, timeout=15000)
    words = [label.text() for label in box.findChildren(QLabel)]
    words += [combo.itemText(n) for combo in box.findChildren(QComboBox)
              for n in range(combo.count())]
    shown = " ".join(words).casefold()
    assert "counts from 1 to 10 are not shown" in shown
    for jargon in ("htcds", "suppress", "threshold", "complementary", "withheld"):
        assert jargon not in shown, jargon
    settings.update_settings(logged_in.workspace, province="ID-JK")
    area.tabs.setCurrentIndex(0)
    area.show_statistics()  # shown again: read again
    assert "DKI Jakarta" in box.province.text()
    assert "Administration" not in box.province.text()


def test_preview_and_print_shows_the_statistics_pdf(logged_in, qtbot):
    window = logged_in.main_window
    window.show_area("reports")
    area = window.areas["reports"]
    area.show_statistics()
    qtbot.mouseClick(area.statistics.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: area.statistics.last_preview is not None, timeout=15000)
    assert area.statistics.last_preview.pdf.startswith(b"%PDF")
    area.statistics.last_preview.close()
