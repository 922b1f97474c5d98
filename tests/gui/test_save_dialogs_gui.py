"""The dialogs built on SaveDialog (the safe's, the courses', the placements', the
catalog's): a refusal is said once, at its field when the dialog knows the field (a date's
own problem always), else under the form, and it goes as soon as the user changes that
field (under the form: any field); no message line moves the fields while the user types;
Escape and Cancel ask before typing is thrown away; money is written with separators."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTextBoundaryFinder
from PySide6.QtWidgets import QApplication, QMessageBox

from shelter_app import i18n
from shelter_app.gui.residents.documents_tab import LendDialog, ReceiveDialog
from shelter_app.services.residents import documents
from shelter_app.services.residents.documents import DocumentData
from tests.documents.conftest import TODAY, safe  # noqa: F401 - the shelter's residents
from tests.gui.test_counselling_gui import answer_discard_question

pytestmark = pytest.mark.file_only


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    return dialog


def _in_safe(admin, person_id) -> object:
    documents.receive(admin, person_id, DocumentData(
        kind="ktp", received_on=TODAY - dt.timedelta(days=5), received_from="the resident",
        kept_at="Brankas kantor, map 1"))
    return documents.documents_of(admin, person_id)[0]


def _y(dialog, widget) -> int:
    return widget.mapTo(dialog, widget.rect().topLeft()).y()


def test_a_refusal_is_said_at_its_field_once_and_goes_when_the_field_changes(
        qtbot, admin, safe):  # noqa: F811
    dialog = _open(qtbot, ReceiveDialog(admin, safe.dewi, TODAY))
    dialog.kept_at.setText("Brankas kantor, map 3")
    dialog.buttons.accepted.emit()  # from whom: not written
    qtbot.waitUntil(lambda: "from whom" in dialog.fields.said().get("received_from", ""),
                    timeout=10000)
    assert dialog.message.text() == "" and list(dialog.fields.said()) == ["received_from"]
    assert dialog.buttons.isEnabled() and dialog.isVisible()
    qtbot.keyClicks(dialog.received_from, "P")  # the tester's message stayed after this
    assert dialog.fields.said() == {} and dialog.message.text() == ""
    # a date in the future: at the date only, not a second time under the form
    dialog.on.set_value(TODAY + dt.timedelta(days=1))
    dialog.buttons.accepted.emit()
    assert "future" in dialog.on.message.text() and dialog.message.text() == ""
    assert dialog.fields.said() == {"on": dialog.on.message.text()}
    dialog.on.set_value(TODAY)
    assert dialog.fields.said() == {}
    assert documents.documents_of(admin, safe.dewi) == []  # nothing was sent
    dialog.done(0)


def test_a_due_day_before_the_lending_is_said_at_it_and_goes_when_it_is_fixed(
        qtbot, admin, safe):  # noqa: F811
    dialog = _open(qtbot, LendDialog(admin, _in_safe(admin, safe.dewi), TODAY))
    dialog.to.setText("Polres Bogor")
    dialog.until.set_value(TODAY - dt.timedelta(days=1))
    dialog.buttons.accepted.emit()
    assert "cannot be before" in dialog.until.message.text()
    assert dialog.message.text() == ""  # once, at the field
    dialog.until.edit.setFocus()
    dialog.until.edit.selectAll()
    qtbot.keyClicks(dialog.until.edit, TODAY.strftime("%d/%m/%Y"))
    assert dialog.until.message.text() == "" and dialog.message.text() == ""
    dialog.done(0)


def test_a_refusal_about_no_field_is_said_under_the_form_until_anything_changes(
        qtbot, admin, safe):  # noqa: F811
    row = _in_safe(admin, safe.dewi)
    dialog = _open(qtbot, LendDialog(admin, row, TODAY))
    documents.lend(admin, row.document_id, TODAY, "court", "PN Bogor")  # meanwhile
    dialog.to.setText("Polres Bogor")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "lent out already" in dialog.message.text(), timeout=10000)
    assert dialog.fields.said() == {}
    qtbot.keyClicks(dialog.note, "x")  # any field
    assert dialog.message.text() == ""
    dialog.done(0)


def test_no_message_line_moves_the_fields_while_the_user_types(qtbot, admin, safe):  # noqa: F811
    dialog = _open(qtbot, ReceiveDialog(admin, safe.dewi, TODAY))
    kept_at = _y(dialog, dialog.kept_at)
    dialog.on.edit.setFocus()
    dialog.on.edit.selectAll()
    qtbot.keyClicks(dialog.on.edit, "31/02/2026")
    qtbot.keyClick(dialog.on.edit, Qt.Key.Key_Tab)  # on to "received from"
    QApplication.processEvents()
    assert dialog.received_from.hasFocus()
    assert not dialog.on.message.isVisible() and _y(dialog, dialog.kept_at) == kept_at
    dialog.buttons.accepted.emit()  # said on Save, nothing sent
    assert "not a date" in dialog.on.message.text() and dialog.on.message.isVisible()
    QApplication.processEvents()
    moved = _y(dialog, dialog.kept_at)
    dialog.on.edit.selectAll()
    qtbot.keyClicks(dialog.on.edit, "27/11/2026")  # right: the message goes, its line stays
    QApplication.processEvents()
    assert dialog.on.message.text() == "" and _y(dialog, dialog.kept_at) == moved
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: bool(dialog.fields.said().get("received_from")), timeout=10000)
    QApplication.processEvents()
    moved = _y(dialog, dialog.kept_at)
    qtbot.keyClicks(dialog.received_from, "Polres Bogor")
    QApplication.processEvents()
    assert dialog.fields.said() == {} and _y(dialog, dialog.kept_at) == moved
    dialog.done(0)


def test_escape_and_cancel_ask_before_typing_is_thrown_away(qtbot, admin, safe):  # noqa: F811
    dialog = _open(qtbot, ReceiveDialog(admin, safe.dewi, TODAY))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert not dialog.isVisible() and QApplication.activeModalWidget() is None
    dialog = _open(qtbot, ReceiveDialog(admin, safe.dewi, TODAY))
    qtbot.keyClicks(dialog.kept_at, "Brankas kantor, map 3")
    asked = answer_discard_question(qtbot, "keep")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["discard_typing"] and dialog.isVisible()
    assert dialog.kept_at.text() == "Brankas kantor, map 3"
    asked = answer_discard_question(qtbot, "discard")
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert asked == ["discard_typing"] and not dialog.isVisible() and dialog.result() == 0
    # typed and changed back: nothing to lose
    dialog = _open(qtbot, ReceiveDialog(admin, safe.dewi, TODAY))
    dialog.kept_at.setText("x")
    dialog.kept_at.setText("")
    dialog.reject()
    assert not dialog.isVisible()
    # while the save is on its way: no question, the save closes it
    dialog = _open(qtbot, ReceiveDialog(admin, safe.dewi, TODAY))
    dialog.received_from.setText("the resident")
    dialog.kept_at.setText("Brankas kantor, map 3")
    dialog.buttons.accepted.emit()
    dialog.reject()
    assert not isinstance(QApplication.activeModalWidget(), QMessageBox)
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10000)
    assert len(documents.documents_of(admin, safe.dewi)) == 1


@pytest.mark.parametrize(("language", "shown", "typed"), [
    ("id", "Rp 2.500.000", "1.250.000"), ("en", "Rp 2,500,000", "1,250,000")])
def test_money_is_written_with_separators_and_read_back_with_them(
        qtbot, language, shown, typed):
    from shelter_app.gui.residents.fields import RupiahBox

    try:
        i18n.set_language(language)
        box = RupiahBox(100_000_000, 50_000, 2_500_000)
    finally:
        i18n.set_language("en")
    qtbot.addWidget(box)
    box.show()
    assert box.text() == shown
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, typed)
    box.interpretText()
    assert box.value() == 1_250_000


def test_the_placement_and_price_dialogs_write_money_with_separators(qtbot, admin, safe):  # noqa: F811
    from shelter_app.gui.provisions.catalog_page import PriceDialog
    from shelter_app.gui.residents.training_tab import PlacementDialog

    placement = PlacementDialog(admin, safe.dewi, "RA · DL", TODAY)
    qtbot.addWidget(placement)
    placement.startup_value.setValue(2_500_000)
    assert placement.startup_value.text() == "Rp 2,500,000"
    price = PriceDialog(admin, TODAY)
    qtbot.addWidget(price)
    price.cost.setValue(12_500)
    assert price.cost.text() == "Rp 12,500"


def test_a_certificate_number_is_not_broken_across_lines():
    from shelter_app.gui.residents.training_tab import unbroken

    text = "Course: Menjahit, completed, certificate " + unbroken("BLK/MJ/2026-0157")
    start = text.index("BLK")
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    breaks = []
    position = finder.toNextBoundary()
    while position != -1:
        breaks.append(position)
        position = finder.toNextBoundary()
    assert not [b for b in breaks if start < b < len(text)]
    assert unbroken("BLK/MJ/2026-0157").replace("\u2060", "").replace(
        "\u2011", "-") == "BLK/MJ/2026-0157"


def test_the_goal_status_is_off_until_a_goal_of_the_plan_is_chosen(qtbot, admin, safe):  # noqa: F811
    from shelter_app.gui.counselling.profile_tabs import CaseWorkTab
    from shelter_app.services.counselling import casework
    from shelter_app.services.counselling.casework import CaseDecision, ConferenceData, GoalData

    tab = CaseWorkTab(admin, safe.dewi, TODAY)
    qtbot.addWidget(tab)
    tab.show()
    tab.reload("RA · DL")
    qtbot.waitUntil(lambda: tab.stage.text() != "", timeout=10000)
    assert tab.plan.goals == []  # no plan yet: nothing to set, and it says why
    assert not tab.goal_status.isEnabled() and not tab.set_status.isEnabled()
    assert "Choose a goal" in tab.set_status.toolTip()
    casework.record_conference(admin, ConferenceData(TODAY, "Rina", "", (CaseDecision(
        safe.dewi, "Plan", (GoalData("economic", "Sewing course", "Enrol", "Rina",
                                     TODAY + dt.timedelta(days=30), status="in_progress"),)),)))
    tab.reload()
    qtbot.waitUntil(lambda: tab.goals.rowCount() == 1, timeout=10000)
    assert not tab.set_status.isEnabled()  # none chosen yet
    tab.goals.selectRow(0)
    assert tab.set_status.isEnabled() and tab.goal_status.isEnabled()
    assert tab.goal_status.value() == "in_progress"  # the chosen goal's status


def test_a_times_message_beside_a_date_wraps_in_a_readable_width(qtbot, admin):
    """The incident form's time message stood in a column of two or three words."""
    from zoneinfo import ZoneInfo

    from shelter_app.gui.residents.incident_dialog import IncidentDialog

    dialog = _open(qtbot, IncidentDialog(admin, TODAY, ZoneInfo("Asia/Jakarta")))
    dialog.time.edit.setText("25.00")
    dialog.buttons.accepted.emit()
    QApplication.processEvents()
    message = dialog.time.message
    lines = message.fontMetrics().lineSpacing()
    assert "not a time" in message.text() and message.isVisible()
    assert message.width() >= message.fontMetrics().horizontalAdvance("0" * 40)
    assert message.width() <= dialog.time.width()  # none of it cut off
    assert message.heightForWidth(message.width()) <= 2 * lines + 2
    dialog.done(0)
