"""Administration -> Import register, as an administrator uses it: choose the file,
see the columns matched, check (dry run), import after confirming, save the report."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from shelter_app.domain.models import Person
from shelter_app.gui.background import wait_for_idle
from tests.data_import.sheets import row, write_xlsx


def settle(qtbot, ms=50):
    assert wait_for_idle(30000)
    qtbot.wait(ms)


def _persons(workspace) -> int:
    with workspace.reading() as session:
        return session.scalar(select(func.count(Person.id)))


def test_choose_check_import_and_save_the_report(admin, house, qtbot, tmp_path,
                                                 monkeypatch):
    from shelter_app.gui.admin import import_page
    from shelter_app.gui.admin.import_page import ImportPage

    page = ImportPage(admin)
    qtbot.addWidget(page)
    assert not page.check_button.isEnabled() and not page.import_button.isEnabled()
    register = write_xlsx(tmp_path / "register.xlsx", [
        row(room="Melati"), row(name="Budi Santoso", sex="L", born=None, age=30,
                                admitted=dt.date(2025, 6, 1), discharged=dt.date(2025, 7, 1),
                                reason="Menikah")])
    page.choose_file(register)
    settle(qtbot)
    assert page.columns.rowCount() == 16
    shown = {page.columns.item(r, 0).text(): page.columns.cellWidget(r, 1).currentData()
             for r in range(page.columns.rowCount())}
    assert shown["L/P"] == "sex" and shown["No"] == ""
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert page.bad_rows.rowCount() == 1  # "Menikah" is no reason the app knows
    assert page.bad_rows.item(0, 0).text() == "5"
    assert page.bad_rows.item(0, 1).text() == "Alasan Keluar"
    assert not page.import_button.isEnabled()

    register = write_xlsx(tmp_path / "register.xlsx", [
        row(room="Melati"), row(name="Budi Santoso", sex="L", born=None, age=30,
                                admitted=dt.date(2025, 6, 1), discharged=dt.date(2025, 7, 1),
                                reason="Left of own accord")])
    page.choose_file(register)
    settle(qtbot)
    page.check()
    settle(qtbot)
    assert "Would create 2 persons, 2 stays" in page.summary.text()
    assert page.import_button.isEnabled()
    asked = []
    monkeypatch.setattr(import_page, "confirm", lambda *args, **kw: asked.append(args) or
                        False)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert asked and _persons(admin) == 0  # said no: nothing imported
    monkeypatch.setattr(import_page, "confirm", lambda *args, **kw: True)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert "Imported 2 persons" in page.summary.text()
    assert _persons(admin) == 2
    assert not page.import_button.isEnabled() and page.report_button.isEnabled()
    page.save_report(tmp_path / "report.pdf")
    settle(qtbot)
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert "Report saved" in page.summary.text()


def test_a_mapping_is_saved_and_loaded_again(admin, qtbot, tmp_path):
    from shelter_app.gui.admin.import_page import ImportPage

    page = ImportPage(admin)
    qtbot.addWidget(page)
    page.choose_file(write_xlsx(tmp_path / "register.xlsx", [row()]))
    settle(qtbot)
    combo = page.columns.cellWidget(0, 1)  # "No"
    combo.setCurrentIndex(combo.findData("room"))
    page.save_mapping(tmp_path / "mapping.json")
    settle(qtbot)
    combo.setCurrentIndex(0)
    page.load_mapping(tmp_path / "mapping.json")
    settle(qtbot)
    assert page.columns.cellWidget(0, 1).currentData() == "room"


def test_a_hostile_file_gets_its_one_message(admin, qtbot, tmp_path):
    from shelter_app.gui.admin.import_page import ImportPage
    from tests.data_import import malicious

    page = ImportPage(admin)
    qtbot.addWidget(page)
    path = tmp_path / "register.xlsx"
    path.write_bytes(malicious.formula_workbook())
    page.choose_file(path)
    settle(qtbot)
    assert "Cell C2 holds a formula" in page.summary.text()
    assert not page.check_button.isEnabled()


def test_only_who_may_import_sees_the_tab(logged_in_as):
    staff = logged_in_as("staff").main_window.areas.get("administration")
    assert staff is None or not hasattr(staff, "import_page")
    manager = logged_in_as("manager").main_window.areas["administration"]
    assert manager.import_page is not None
