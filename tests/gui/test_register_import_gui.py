"""Administration -> Import register, as an administrator uses it: choose the file,
see the columns matched, check (dry run), import after confirming, save the report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from shelter_app.domain.models import Person
from shelter_app.gui.background import wait_for_idle
from tests.data_import.sheets import HEADER, row, write_xlsx


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
    assert shown["L/P"] == "sex" and shown["No"] == "register_number"
    assert page.summary.text().startswith("2 rows read.")  # data rows, not the header
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert page.bad_rows.rowCount() == 1  # "Menikah" is no reason the app knows
    assert page.bad_rows.item(0, 0).text() == "5 (No 2)"  # the register's own "No" too
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


def _open_page(admin, qtbot, rows, path):
    from shelter_app.gui.admin.import_page import ImportPage

    page = ImportPage(admin)
    qtbot.addWidget(page)
    page.choose_file(write_xlsx(path, rows))
    settle(qtbot)
    return page


def _combo(page, header):
    return next(page.columns.cellWidget(r, 1) for r in range(page.columns.rowCount())
                if page.columns.item(r, 0).text() == header)


def test_choosing_the_corrected_file_again_keeps_the_columns_chosen(admin, qtbot, tmp_path):
    page = _open_page(admin, qtbot, [row()], tmp_path / "register.xlsx")
    _combo(page, "Kontak").setCurrentIndex(0)  # the user: not the contact's name
    nik = _combo(page, "NIK")
    nik.setCurrentIndex(nik.findData("contact_phone"))
    page.choose_file(write_xlsx(tmp_path / "register.xlsx", [row(name="Sari W.")]))
    settle(qtbot)
    assert _combo(page, "Kontak").currentData() == ""
    assert _combo(page, "NIK").currentData() == "contact_phone"
    assert _combo(page, "L/P").currentData() == "sex"


def test_every_check_reads_the_file_again(admin, qtbot, tmp_path):
    path = tmp_path / "register.xlsx"
    page = _open_page(admin, qtbot, [row(sex="?")], path)
    page.check()
    settle(qtbot)
    assert page.bad_rows.rowCount() == 1 and not page.import_button.isEnabled()
    write_xlsx(path, [row(), row(name="Budi Santoso", sex="L")])  # corrected and saved
    page.check()  # without choosing the file again
    settle(qtbot)
    assert page.bad_rows.rowCount() == 0
    assert "Would create 2 persons" in page.summary.text()
    assert page.import_button.isEnabled()
    # the columns changed in the file: shown again to check, no dry run on a guess
    write_xlsx(path, [row()], header=["Urut", *HEADER[1:]])
    page.check()
    settle(qtbot)
    assert "columns changed" in page.summary.text() and not page.import_button.isEnabled()
    assert page.columns.item(0, 0).text() == "Urut"


def test_a_file_changed_after_the_check_is_not_imported(admin, qtbot, tmp_path):
    path = tmp_path / "register.xlsx"
    page = _open_page(admin, qtbot, [row()], path)
    page.check()
    settle(qtbot)
    write_xlsx(path, [row(), row(name="Budi Santoso", sex="L")])
    page.run_import(confirmed=True)
    settle(qtbot)
    assert "changed since the check" in page.summary.text() and _persons(admin) == 0
    assert not page.import_button.isEnabled()


def test_results_stand_out_and_nothing_to_import_disables_import(admin, qtbot, tmp_path):
    page = _open_page(admin, qtbot, [row(admitted=dt.date(2025, 6, 12))],
                      tmp_path / "register.xlsx")
    page.check()
    settle(qtbot)
    assert page.summary.property("tone") == "good"
    assert page.summary.property("heading") == "section"  # bold, larger: not grey
    text = page.summary.text()
    assert "1 of them would be present in the shelter today" in text
    assert "given the intake's values: risk level (medium)" in text
    assert page.notes.item(0, 0).text() == "4 (No 1)"
    assert "will count as present since 12 June 2025" in page.notes.item(0, 1).text()
    page.run_import(confirmed=True)
    settle(qtbot)
    page.check()  # the same register again: everyone is on record now
    settle(qtbot)
    assert page.plan.ok and page.plan.persons == 0
    assert "Nothing to import" in page.summary.text()
    assert page.summary.property("tone") == "warning"
    assert not page.import_button.isEnabled()


def test_the_file_dialogs_start_in_the_users_folders(admin, qtbot, tmp_path, monkeypatch):
    from shelter_app.gui.admin import import_page

    monkeypatch.setattr(import_page, "_last_register_folder", None)
    asked = []
    monkeypatch.setattr(import_page.QFileDialog, "getOpenFileName",
                        lambda parent, title, folder, pattern: asked.append(folder) or ("", ""))
    page = import_page.ImportPage(admin)
    qtbot.addWidget(page)
    page.choose_file()
    assert asked[-1] == str(import_page.save_folder())
    assert Path(asked[-1]) != Path.cwd()
    folder = tmp_path / "usb"
    folder.mkdir()
    page.choose_file(write_xlsx(folder / "register.xlsx", [row()]))
    settle(qtbot)
    page.choose_file()
    assert asked[-1] == str(folder)  # the last folder used, in this session
    name = page.report_name()
    assert name == folder / "register-import-2026-11-27.pdf"


def test_the_residents_area_reads_again_after_an_import(logged_in_as, qtbot, tmp_path,
                                                       monkeypatch):
    window = logged_in_as("admin").main_window
    residents = window.areas["residents"]
    settle(qtbot)
    before = residents.counts.text()
    page = window.areas["administration"].import_page
    page.choose_file(write_xlsx(tmp_path / "register.xlsx", [
        row(name="Ratna Impor", admitted=dt.date(2026, 11, 1)),
        row(name="Dewi Impor", born=dt.date(1990, 5, 5), admitted=dt.date(2026, 11, 2))]))
    settle(qtbot)
    page.check()
    settle(qtbot)
    assert page.plan.creates, page.plan.bad_rows
    page.run_import(confirmed=True)
    settle(qtbot, 200)
    assert residents.counts.text() != before
    present = int(before.split()[0])
    assert residents.counts.text().startswith(f"{present + 2} ")
