"""The daily round as staff use it, the alerts, and a resident's provisions tab."""

from PySide6.QtCore import Qt

from shelter_app.gui.background import wait_for_idle


def settle(qtbot, ms=50):
    assert wait_for_idle(30000)
    qtbot.wait(ms)


def test_the_daily_round_is_confirmed_in_one_action(logged_in, qtbot):
    window = logged_in.main_window
    window.show_area("provisions")
    page = window.areas["provisions"].round
    settle(qtbot)
    assert page.table.rowCount() == len(page.lines) > 0
    assert "awaiting a decision" in window.provision_alerts.text()
    assert page.alerts.count() > 0
    first_item = page.table.item(0, 4)
    first_item.setText("x")
    page.confirm()
    assert "not a whole number" in page.message.text()
    first_item.setText("2")
    page.table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)  # not given today
    page.confirm()
    settle(qtbot, 100)
    assert page.last_saved.lines > 0
    assert page.lines[0].quantities[page.items[0].item_id] == 2


def show_round(window, qtbot, width=1366, height=740):
    """The round in the main window as on the office PC: 1366×768, maximised (a title
    bar and the taskbar take the rest)."""
    window.resize(width, height)
    window.show()
    window.show_area("provisions")
    page = window.areas["provisions"].round
    settle(qtbot, 100)
    return page


def test_confirming_the_round_says_what_was_saved(logged_in, qtbot):
    from shelter_app.i18n.formatting import format_date

    window = logged_in.main_window
    page = show_round(window, qtbot)
    page.table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)  # nothing given today
    page.table.item(2, 0).setCheckState(Qt.CheckState.Unchecked)
    page.confirm()
    settle(qtbot, 100)
    assert page.message.text() == (
        f"Saved: the round of {format_date(page.today)} for {len(page.lines)} residents "
        "(2 given nothing).")
    page.table.item(3, column_of(page, "OBAT")).setText("1")  # the next change
    assert "Saved" not in page.message.text()


def test_a_bad_quantity_names_the_resident_and_the_item_and_marks_its_cell(logged_in,
                                                                            qtbot):
    window = logged_in.main_window
    page = show_round(window, qtbot)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    row, column = 2, column_of(page, "OBAT")
    case, cell = page.lines[row].case_number, page.table.item(row, column)
    unmarked = cell.background()
    page.table.setCurrentCell(0, 0)
    cell.setText("-1")
    page.confirm()
    settle(qtbot, 100)
    assert page.message.text() == f"{case}, Obat ringan: the quantity cannot be less than 0."
    assert cell.background() != unmarked, "the cell is not marked"
    assert (page.table.currentRow(), page.table.currentColumn()) == (row, column)
    assert page.table.hasFocus()
    cell.setText("1")  # corrected: the mark and the message go
    assert cell.background() == unmarked
    assert case not in page.message.text()
    cell.setText("dua")  # not a number: said by the round itself, nothing is sent
    page.table.setCurrentCell(0, 0)
    page.confirm()
    assert page.message.text() == f"{case}, Obat ringan: “dua” is not a whole number."
    assert cell.background() != unmarked
    assert (page.table.currentRow(), page.table.currentColumn()) == (row, column)


def test_the_rounds_columns_fit_1366_pixels_with_meals_in_the_order_of_the_day(logged_in,
                                                                               qtbot):
    window = logged_in.main_window
    page = show_round(window, qtbot)
    meals = [item.code for item in page.items if item.code.startswith("MAKAN-")]
    assert meals == ["MAKAN-PAGI", "MAKAN-SIANG", "MAKAN-MALAM"]
    assert page.table.horizontalScrollBar().maximum() == 0, "the round scrolls sideways"
    header = page.table.horizontalHeader()
    for column in range(page.table.columnCount()):
        needed = header.sectionSizeFromContents(column).width()
        text = page.table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= needed, f"the header “{text}” is cut"
        assert "…" not in text or column < 4, f"the header “{text}” is shortened"
    assert header.sectionSize(1) >= page.table.sizeHintForColumn(1), "residents are cut"


def test_the_catalog_and_a_residents_provisions_tab(logged_in, qtbot):
    window = logged_in.main_window
    area = window.areas["provisions"]
    area.tabs.setCurrentIndex(1)
    settle(qtbot)
    assert area.catalog.table.rowCount() == 7
    clothes = [item.code for item in area.catalog.items].index("PAKAIAN")
    assert area.catalog.table.item(clothes, 5).text() == "1"  # given on arrival
    area.catalog.table.item(clothes, 5).setText("2")
    area.catalog.save_package()
    settle(qtbot)
    assert "saved" in area.catalog.message.text()
    from shelter_app.services.provisions import catalog

    assert {i.code: i.arrival_quantity for i in catalog.items(window.workspace)
            if i.arrival_quantity} == {"PAKAIAN": 2, "KEBERSIHAN": 1}
    person = area.round.lines[0].person_id
    profile = window.areas["residents"].open_profile(person)
    settle(qtbot, 100)
    assert profile.provisions.rowCount() > 0
    assert "Total given" in profile.decisions.text()
    profile.close()


def test_a_receipt_is_previewed_and_saved(logged_in, qtbot, tmp_path):
    import io

    from pypdf import PdfReader

    window = logged_in.main_window
    page = window.areas["provisions"].round
    settle(qtbot)
    page.table.selectRow(0)
    dialog = page.open_receipt()
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.last_preview is not None, timeout=10000)
    assert "Receipt" in PdfReader(io.BytesIO(dialog.last_preview.pdf)).pages[0].extract_text()
    dialog.last_preview.close()
    dialog.save(tmp_path / "r.pdf")
    settle(qtbot, 100)
    assert "Receipt" in PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
    dialog.close()


def test_the_small_save_dialogs_save_or_say_why_not(logged_in, qtbot):
    from shelter_app.domain.vocab import DecisionKind
    from shelter_app.gui.provisions.catalog_page import PriceDialog
    from shelter_app.gui.provisions.decisions import DecisionDialog
    from shelter_app.gui.residents.room_board import RoomDialog

    window = logged_in.main_window
    settle(qtbot)
    workspace, page = window.workspace, window.areas["provisions"].round
    room = RoomDialog(workspace, window)
    room.name.setText("Melati")  # taken in the demo
    room._save()
    settle(qtbot)
    assert "already a room" in room.message.text() and room.buttons.isEnabled()
    room.name.setText("Seruni")
    room._save()
    settle(qtbot)
    assert room.result() == 1
    price = PriceDialog(workspace, page.today, None, window)
    price.code.setText("SELIMUT")
    price.name.setText("Selimut")
    price.unit.setText("lembar")
    price.cost.setValue(45000)
    price._save()
    settle(qtbot)
    assert price.result() == 1, price.message.text()
    extension = DecisionDialog(workspace, page.lines[0], page.today, DecisionKind.EXTENSION,
                               window)
    extension._save()  # no reason given
    settle(qtbot)
    assert "why" in extension.message.text().lower()


def column_of(page, code):
    from shelter_app.gui.provisions.round_page import FIXED_COLUMNS

    return FIXED_COLUMNS + [item.code for item in page.items].index(code)


def row_of(page, case_number):
    return [line.case_number for line in page.lines].index(case_number)


def quantities_shown(page, row):
    return {item.code: page.table.item(row, column_of(page, item.code)).text()
            for item in page.items if page.table.item(row, column_of(page, item.code)).text()}


def admit_through_the_wizard(window, qtbot, name):
    from shelter_app.gui.residents.profile import ProfileDialog

    window.show_area("residents")
    area = window.areas["residents"]
    wizard = area.new_admission()
    settle(qtbot)
    wizard.full_name.setText(name)
    wizard.sex.set_value("F")
    wizard.estimated_age.setValue(24)
    for _page in range(4):
        wizard.next()
    settle(qtbot)
    wizard.beds.setCurrentRow(1)  # the first free bed
    admitted = []
    wizard.admitted.connect(admitted.append)
    wizard.validateCurrentPage()
    qtbot.waitUntil(lambda: bool(admitted), timeout=10000)
    settle(qtbot)
    area.findChild(ProfileDialog).close()
    return admitted[0]


def test_a_resident_admitted_after_the_round_was_opened_is_in_it_with_her_arrival_items(
        logged_in, qtbot):
    from shelter_app.services.provisions import rounds
    from shelter_app.services.residents import records

    window = logged_in.main_window
    window.show_area("provisions")
    page = window.areas["provisions"].round
    settle(qtbot)
    before = page.table.rowCount()
    breakfast = column_of(page, "MAKAN-PAGI")
    page.table.item(0, breakfast).setText("3")  # an edit not confirmed yet
    person_id = admit_through_the_wizard(window, qtbot, "Rahayu Ningsih")
    case = records.profile(window.workspace, person_id).case_number
    window.show_area("provisions")
    settle(qtbot)
    assert page.table.rowCount() == before + 1
    row = row_of(page, case)
    assert page.table.item(row, 0).checkState() == Qt.CheckState.Checked
    assert quantities_shown(page, row) == {
        "MAKAN-PAGI": "1", "MAKAN-SIANG": "1", "MAKAN-MALAM": "1", "AIR-MINUM": "2",
        "KEBERSIHAN": "1", "PAKAIAN": "1"}
    assert page.table.item(0, breakfast).text() == "3", "the unsaved edit is kept"
    page.confirm()
    settle(qtbot, 100)
    recorded = {line.case_number: line for line in
                rounds.daily_round(window.workspace, page.today)}
    assert recorded[case].recorded and len(recorded[case].quantities) == 6
    breakfast_id = next(item.item_id for item in page.items if item.code == "MAKAN-PAGI")
    assert recorded[page.lines[0].case_number].quantities[breakfast_id] == 3


def test_unticking_a_resident_records_that_nothing_was_given(logged_in, qtbot):
    from shelter_app.services.provisions import reports as provision_reports
    from shelter_app.services.shared import reporting

    window = logged_in.main_window
    window.show_area("provisions")
    page = window.areas["provisions"].round
    settle(qtbot)
    period = reporting.period(page.today, page.today)
    cost_before = provision_reports.gather(window.workspace, period).cost_idr
    row = 1
    case = page.lines[row].case_number
    her_cost = sum(int(page.table.item(row, column_of(page, item.code)).text() or 0)
                   * item.unit_cost_idr for item in page.items)
    assert page.lines[row].recorded and her_cost > 0  # the demo recorded today already
    her_package = {page.items[[i.item_id for i in page.items].index(item_id)].code: str(q)
                   for item_id, q in page.lines[row].package.items()}
    page.table.item(row, 0).setCheckState(Qt.CheckState.Unchecked)
    page.confirm()
    settle(qtbot, 100)
    window.show_area("residents")
    window.show_area("provisions")  # and back: the round is read again
    settle(qtbot)
    row = row_of(page, case)
    assert page.table.item(row, 0).checkState() == Qt.CheckState.Unchecked
    assert quantities_shown(page, row) == {}
    assert provision_reports.gather(window.workspace, period).cost_idr == cost_before - her_cost
    page.table.item(row, 0).setCheckState(Qt.CheckState.Checked)  # given after all
    assert quantities_shown(page, row) == her_package


def test_the_round_works_from_the_keyboard(logged_in, qtbot):
    """Ctrl+3 opens the round with the focus in it; Space unticks a resident; the
    confirm button's mnemonic confirms the round."""
    window = logged_in.main_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    settle(qtbot)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.areas["provisions"].round
    settle(qtbot)
    assert window.current_area == "provisions" and page.table.hasFocus()
    page.table.setCurrentCell(0, 0)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert page.table.item(0, 0).checkState() == Qt.CheckState.Unchecked
    case = page.lines[0].case_number
    with qtbot.waitSignal(page.confirm_button.clicked, timeout=5000):  # an animated click
        qtbot.keyClick(page.table, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)

    def unticked_and_recorded():
        line = next(line for line in page.lines if line.case_number == case)
        return line.recorded and not line.given and line.quantities == {}
    qtbot.waitUntil(unticked_and_recorded, timeout=10000)
    assert page.table.item(row_of(page, case), 0).checkState() == Qt.CheckState.Unchecked
