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
    assert page.last_saved > 0
    assert "recorded already" in page.message.text()
    assert page.lines[0].quantities[page.items[0].item_id] == 2


def test_the_catalog_and_a_residents_provisions_tab(logged_in, qtbot):
    window = logged_in.main_window
    area = window.areas["provisions"]
    area.tabs.setCurrentIndex(1)
    settle(qtbot)
    assert area.catalog.table.rowCount() == 7
    area.catalog.save_package()
    settle(qtbot)
    assert "saved" in area.catalog.message.text()
    person = area.round.lines[0].person_id
    profile = window.areas["residents"].open_profile(person)
    settle(qtbot, 100)
    assert profile.provisions.rowCount() > 0
    assert "Total given" in profile.decisions.text()
    profile.close()


def test_a_receipt_is_previewed_and_saved(logged_in, qtbot, tmp_path):
    from pypdf import PdfReader

    window = logged_in.main_window
    page = window.areas["provisions"].round
    settle(qtbot)
    page.table.selectRow(0)
    dialog = page.open_receipt()
    dialog.preview()
    settle(qtbot, 100)
    assert "Receipt" in dialog.last_preview.document.toPlainText()
    dialog.last_preview.close()
    dialog.save(tmp_path / "r.pdf")
    settle(qtbot, 100)
    assert "Receipt" in PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
    dialog.close()


def test_the_small_save_dialogs_save_or_say_why_not(logged_in, qtbot):
    from shelter_app.gui.provisions.catalog_page import PriceDialog
    from shelter_app.gui.provisions.decisions import DecisionDialog
    from shelter_app.gui.residents.room_board import RoomDialog
    from shelter_app.services import provisions

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
    extension = DecisionDialog(workspace, page.lines[0], page.today, provisions.EXTENSION,
                               window)
    extension._save()  # no reason given
    settle(qtbot)
    assert "why" in extension.message.text().lower()
