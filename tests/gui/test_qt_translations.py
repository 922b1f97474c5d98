"""Qt's own dialogs speak the app's language: Qt ships no Indonesian, so the app's
catalog answers Qt (gui/qt_language.py), and calendars follow the language's locale."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
)

from shelter_app import i18n


@pytest.fixture
def indonesian():
    i18n.set_language("id")
    yield
    i18n.set_language("en")


def open_file_dialog(qtbot, accept=QFileDialog.AcceptMode.AcceptSave) -> QFileDialog:
    dialog = QFileDialog(None, "Simpan laporan")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(accept)
    dialog.setNameFilter("PDF (*.pdf)")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def label(dialog, name: str) -> str:
    return dialog.findChild(QLabel, name).text()


def buttons(box: QDialogButtonBox) -> list[str]:
    return sorted(button.text() for button in box.buttons())


def test_the_file_dialog_speaks_indonesian(qtbot, indonesian):
    dialog = open_file_dialog(qtbot)
    assert label(dialog, "lookInLabel") == "&Lihat di:"
    assert label(dialog, "fileNameLabel") == "&Nama berkas:"
    assert label(dialog, "fileTypeLabel") == "&Jenis berkas:"
    assert buttons(dialog.findChild(QDialogButtonBox)) == ["&Simpan", "Batal"]
    tips = {button.objectName(): button.toolTip() for button in dialog.findChildren(QToolButton)}
    assert tips["backButton"] == "Kembali"
    assert tips["toParentButton"] == "Folder induk"
    assert tips["newFolderButton"] == "Buat folder baru"
    assert tips["detailModeButton"] == "Tampilan rinci"


def test_a_language_switch_reaches_a_dialog_already_open(qtbot, indonesian):
    dialog = open_file_dialog(qtbot, QFileDialog.AcceptMode.AcceptOpen)
    assert buttons(dialog.findChild(QDialogButtonBox)) == ["&Buka", "Batal"]
    i18n.set_language("en")  # the login window or Administration switched
    qtbot.waitUntil(lambda: label(dialog, "lookInLabel") == "&Look in:")
    assert buttons(dialog.findChild(QDialogButtonBox)) == ["Cancel", "Open"]


def test_message_box_buttons_and_text_menus_speak_indonesian(qtbot, indonesian):
    box = QMessageBox(QMessageBox.Icon.Question, "Rumah Aman", "Lanjut?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert sorted(button.text() for button in box.findChildren(QPushButton)) == [
        "&Tidak", "&Ya", "Batal"]
    field = QLineEdit("teks")
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    texts = [action.text().split("\t")[0] for action in menu.actions() if action.text()]
    assert texts == ["&Urungkan", "U&langi", "Po&tong", "&Salin", "T&empel", "Hapus",
                     "Pilih semua"]


def test_calendars_name_months_and_days_in_indonesian(qtbot, indonesian):
    calendar = QCalendarWidget()
    qtbot.addWidget(calendar)
    calendar.setSelectedDate(QDate(2026, 12, 3))
    calendar.show()
    month = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    assert month.text() == "Desember"
    view = calendar.findChild(QTableView, "qt_calendar_calendarview")
    days = [view.model().index(0, column).data() for column in range(1, 8)]
    assert "Sen" in days and "Sab" in days and "Mon" not in days


def test_the_date_fields_calendar_starts_on_monday_in_indonesian(qtbot, indonesian):
    from shelter_app.gui.date_field import DateField

    field = DateField()
    qtbot.addWidget(field)
    field.show()
    field.open_calendar()
    view = field.calendar.findChild(QTableView, "qt_calendar_calendarview")
    first_column = 1 if view.model().columnCount() == 8 else 0
    assert view.model().index(0, first_column).data() == "Sen"
    field.calendar.hide()


def test_english_stays_english(qtbot):
    i18n.set_language("en")
    dialog = open_file_dialog(qtbot)
    assert label(dialog, "lookInLabel") == "&Look in:"
    assert buttons(dialog.findChild(QDialogButtonBox)) == ["&Save", "Cancel"]
    assert QLocale().monthName(12) == "December"


def test_only_qts_listed_texts_are_translated_and_reports_leave_the_locale_alone(
        qtbot, indonesian):
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Lihat di:"
    # a key stays a key, and a text Qt asks for that is not listed stays Qt's
    assert QCoreApplication.translate("QFileDialog", "Alt+Left") == "Alt+Left"
    assert QCoreApplication.translate("QGuiApplication", "QT_LAYOUT_DIRECTION") == (
        "QT_LAYOUT_DIRECTION")
    assert QCoreApplication.translate("SomeWidget", "Cancel") == "Cancel"  # not listed
    with i18n.in_language("en"):  # a report built in English leaves the screen alone
        assert QLocale().language() == QLocale.Language.Indonesian
    assert QLocale().monthName(12) == "Desember"
