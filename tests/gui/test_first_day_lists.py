"""What a fresh-eyes tester tripped on in the lists, the daily round, the save and print
dialogs, the focus and the area keys. Real Qt offscreen over a real encrypted demo
shelter, the main window at 1366 pixels as on the office PC."""

import re
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrintDialog, QPrinterInfo
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from shelter_app.gui.background import wait_for_idle

LIST_DAY = re.compile(r"^\d\d/\d\d/\d{4}$")


def settle(qtbot, ms=80):
    assert wait_for_idle(30000)
    qtbot.wait(ms)


def at_office_size(window, qtbot):
    window.resize(1366, 740)  # 1366×768 maximised: a title bar and the taskbar take the rest
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    settle(qtbot)
    return window


# -- 8. dates in lists; the consent column --------------------------------------------------
def test_lists_show_days_as_dd_mm_yyyy_and_consent_capitalised(logged_in, qtbot):
    window = logged_in.main_window
    page = window.areas["residents"].list_page
    page.presence.set_value("all")
    qtbot.waitUntil(lambda: page.model.rowCount() == 15, timeout=10000)
    admitted = [page.model.index(row, 5).data() for row in range(page.model.rowCount())]
    assert admitted and all(LIST_DAY.match(day) for day in admitted), admitted
    profile = window.areas["residents"].open_profile(page.model.person_id(0))
    qtbot.waitUntil(lambda: profile.stays.rowCount() > 0, timeout=10000)
    assert LIST_DAY.match(profile.stays.item(0, 0).text())
    profile.close()
    window.show_area("referrals")
    referrals = window.areas["referrals"].referrals
    qtbot.waitUntil(lambda: referrals.table.rowCount() > 0, timeout=10000)
    table = referrals.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    day_column, consent_column = headers.index("Date"), headers.index("Consent")
    days = [table.item(row, day_column).text() for row in range(table.rowCount())]
    assert all(LIST_DAY.match(day) for day in days), days
    consents = {table.item(row, consent_column).text() for row in range(table.rowCount())}
    assert consents and consents <= {"Recorded", "Override"}, consents


# -- 4. the resident list's columns ----------------------------------------------------------
def test_the_resident_lists_columns_fit_their_headers_and_cells_at_1366(logged_in_as, qtbot):
    """In Indonesian “|enis kelamin” and “mar / tempat tic” were cut, the case stages
    shortened to “2. Penelusuran dan …”, while “Status” was very wide."""
    from shelter_app import i18n

    i18n.set_language("id")
    window = at_office_size(logged_in_as("admin").main_window, qtbot)
    window.show_area("residents")
    page = window.areas["residents"].list_page
    page.presence.set_value("all")
    qtbot.waitUntil(lambda: page.model.rowCount() == 15, timeout=10000)
    settle(qtbot)
    header = page.table.horizontalHeader()
    for column in range(page.model.columnCount()):
        name = page.model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= header.sectionSizeFromContents(column).width(), (
            f"the header “{name}” is cut")
        assert header.sectionSize(column) >= page.table.sizeHintForColumn(column), (
            f"the cells of “{name}” are cut")
    assert page.table.horizontalScrollBar().maximum() == 0, "the list scrolls sideways"
    status = 4
    needed = max(header.sectionSizeFromContents(status).width(),
                 page.table.sizeHintForColumn(status))
    assert header.sectionSize(status) <= needed + 60, "“Status” takes room the others need"


# -- 3. the daily round ----------------------------------------------------------------------
def show_round(window, qtbot):
    at_office_size(window, qtbot)
    window.show_area("provisions")
    page = window.areas["provisions"].round
    settle(qtbot, 100)
    return page


def test_a_quantity_cell_takes_only_digits(logged_in, qtbot):
    """“abc” and “-1” went into a cell and were refused only at Save: now they cannot be
    typed; the round says nothing more about it."""
    page = show_round(logged_in.main_window, qtbot)
    message = page.message.text()
    row, column = 0, 4
    page.table.setCurrentCell(row, column)
    page.table.edit(page.table.currentIndex())
    editor = page.table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "-abc1x2")
    assert editor.text() == "12"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # on to the next cell, the value kept
    assert page.table.item(row, column).text() == "12"
    assert (page.table.currentRow(), page.table.currentColumn()) == (row, column + 1)
    assert "not a whole number" not in page.message.text()  # nothing more is said
    assert page.message.text().startswith(message.split(";")[0])


def test_the_current_cell_of_the_round_is_seen(logged_in, qtbot):
    """Tab moved between cells but the whole row was highlighted: which cell would take
    the typing could not be seen."""
    page = show_round(logged_in.main_window, qtbot)
    page.table.setFocus()
    page.table.setCurrentCell(0, 4)
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    current = page.table.currentIndex()
    assert (current.row(), current.column()) == (0, 5)
    image = page.table.viewport().grab().toImage()

    def background(column):
        rect = page.table.visualRect(page.table.model().index(0, column))
        return image.pixelColor(rect.right() - 3, rect.center().y())
    assert background(5) != background(4) and background(5) != background(6)


# -- 5. a focused widget is seen -------------------------------------------------------------
def ring_around(widget: QWidget, colour: QColor) -> bool:
    """Whether the focus colour is drawn at `widget`'s edge or just outside it, on two
    sides at least (a widget at its page's edge shows the ring above and below only)."""
    window = widget.window()
    image = window.grab().toImage()
    scale = image.width() / window.width()
    top_left = widget.mapTo(window, widget.rect().topLeft())
    left, top = top_left.x(), top_left.y()
    middle_x, middle_y = left + widget.width() // 2, top + widget.height() // 2
    right, bottom = left + widget.width() - 1, top + widget.height() - 1
    sides = [[(x, middle_y) for x in (left - 1, left)], [(x, middle_y) for x in (right, right + 1)],
             [(middle_x, y) for y in (top - 1, top)], [(middle_x, y) for y in (bottom, bottom + 1)]]

    def near(c: QColor) -> bool:
        return (abs(c.red() - colour.red()) + abs(c.green() - colour.green())
                + abs(c.blue() - colour.blue())) < 40
    return sum(any(near(image.pixelColor(int(x * scale), int(y * scale))) for x, y in side)
               for side in sides) >= 2


def test_focus_is_seen_on_combo_boxes_tables_and_the_week(logged_in, qtbot):
    from shelter_app.gui.style import colour

    window = at_office_size(logged_in.main_window, qtbot)
    window.show_area("residents")
    page = window.areas["residents"].list_page
    settle(qtbot)
    focus = colour("focus")
    for widget in (page.sex, page.table):
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus, timeout=3000)
        qtbot.wait(20)
        assert ring_around(widget, focus), type(widget).__name__
    assert not ring_around(page.search, focus)
    window.show_area("provisions")  # the round's table fills its side of a splitter
    settle(qtbot)
    table = window.areas["provisions"].round.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus, timeout=3000)
    qtbot.wait(20)
    assert ring_around(table, focus)
    window.show_area("counselling")
    settle(qtbot)
    week = window.areas["counselling"].findChild(QWidget, "weekView") or next(
        w for w in window.areas["counselling"].findChildren(QWidget)
        if type(w).__name__ == "WeekView" and w.isVisible())
    week.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(week.hasFocus, timeout=3000)
    qtbot.wait(20)
    assert ring_around(week, focus)


# -- 7. Ctrl+number puts the focus in the area ----------------------------------------------
def test_an_area_key_puts_the_focus_in_the_new_area(logged_in_as, qtbot):
    window = at_office_size(logged_in_as("staff").main_window, qtbot)
    residents = window.areas["residents"].list_page
    assert residents.search.hasFocus(), "after logging in, not on the Lock button"
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert window.current_area == "counselling"
    focused = QApplication.focusWidget()
    assert focused is not None and window.areas["counselling"].isAncestorOf(focused)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert window.current_area == "residents" and residents.search.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    focused = QApplication.focusWidget()
    assert window.current_area == "reports" and window.areas["reports"].isAncestorOf(focused)
    item = window.nav.item(1)
    assert item.text() == "Residents" and "Ctrl+2" in item.toolTip()


# -- 1. save dialogs start in Documents, then where the user last saved -------------------
def answer_save_dialog(qtbot, chosen: Path, seen: list[str]):
    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, answer)
            return
        seen.append(dialog.directory().absolutePath())
        dialog.selectFile(str(chosen))
        dialog.accept()
    QTimer.singleShot(50, answer)


def test_save_dialogs_open_in_documents_then_where_the_user_saved(qtbot, tmp_path,
                                                                    monkeypatch):
    import platformdirs

    from shelter_app.gui import widgets

    documents = tmp_path / "Dokumen"
    documents.mkdir()
    elsewhere = tmp_path / "flashdisk"
    elsewhere.mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(documents))
    monkeypatch.setattr(widgets, "_last_folder", None)
    owner = QWidget()
    qtbot.addWidget(owner)
    seen: list[str] = []
    answer_save_dialog(qtbot, elsewhere / "laporan.pdf", seen)
    assert widgets.save_path(owner, "Save as PDF", "laporan.pdf") == elsewhere / "laporan.pdf"
    answer_save_dialog(qtbot, elsewhere / "lagi.pdf", seen)
    widgets.save_path(owner, "Save as PDF", "lagi.pdf")
    assert seen == [str(documents), str(elsewhere)]
    assert Path.cwd() != documents


def test_without_a_documents_folder_the_save_dialog_opens_at_home(qtbot, tmp_path,
                                                                    monkeypatch):
    import platformdirs

    from shelter_app.gui import widgets

    monkeypatch.setattr(platformdirs, "user_documents_dir",
                        lambda: str(tmp_path / "no-such-folder"))
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))
    monkeypatch.setattr(widgets, "_last_folder", None)
    owner = QWidget()
    qtbot.addWidget(owner)
    seen: list[str] = []
    answer_save_dialog(qtbot, tmp_path / "a.pdf", seen)
    widgets.save_path(owner, "Save as PDF", "a.pdf")
    assert seen == [str(tmp_path)] and not (tmp_path / "no-such-folder").exists()


# -- 2. printing with no printer -------------------------------------------------------------
def test_print_with_no_printer_says_so_and_offers_to_save(qtbot, tmp_path, monkeypatch):
    """Print… picked “Print to file (PDF)” into the home folder and said it in small grey
    letters: with no printer set up it says so and offers the PDF instead."""
    from shelter_app.gui import widgets
    from shelter_app.gui.printing.preview import PdfPreview

    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: []))
    monkeypatch.setattr(widgets, "_last_folder", tmp_path)
    pdf = _small_pdf()
    saved = []
    preview = PdfPreview(pdf, "Laporan", save=lambda path: saved.append(path),
                         file_name="laporan.pdf")
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.first_page_shown, timeout=10000):
        preview.show()
    told = []

    def read_and_save():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, read_and_save)
            return
        told.append(box.text())
        (save,) = [b for b in box.buttons() if b.text().replace("&", "") == "Save as PDF…"]
        answer_save_dialog(qtbot, tmp_path / "laporan.pdf", [])
        save.click()
    QTimer.singleShot(50, read_and_save)
    assert preview.choose_printer() is None
    qtbot.waitUntil(lambda: saved == [tmp_path / "laporan.pdf"], timeout=10000)
    assert told and told[0].startswith("No printer is set up on this PC")
    assert not preview.findChildren(QPrintDialog)
    assert "Sent to" not in preview.message.text()
    preview.close()


def _small_pdf() -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.drawString(72, 720, "Laporan hunian")
    page.save()
    return out.getvalue()



def test_focus_is_seen_in_a_notes_box(qtbot):
    """Fusion's frame on a focused notes box could not be seen (the session dialog's
    notes, a referral's reason)."""
    from shelter_app.gui.style import colour
    from shelter_app.gui.widgets import text_box

    holder = QWidget()
    qtbot.addWidget(holder)
    notes, other = text_box(lines=4), text_box(lines=4)
    layout = QVBoxLayout(holder)
    layout.addWidget(notes)
    layout.addWidget(other)
    holder.resize(400, 300)
    holder.show()
    qtbot.waitExposed(holder)
    notes.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(notes.hasFocus, timeout=3000)
    qtbot.wait(20)
    assert ring_around(notes, colour("focus"))
    assert not ring_around(other, colour("focus"))
