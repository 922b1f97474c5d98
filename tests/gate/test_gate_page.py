"""What a tester found at the gate page: a visitor who asks for nobody on the list, the
STOP window's button, the users' names, and a hidden person's contacts in the profile."""

import pytest
from PySide6.QtCore import Qt

from shelter_app.gui.residents.contacts import contact_row, contacts_table
from shelter_app.gui.residents.gate_page import NOBODY, GatePage, StopWindow, VisitsTab
from shelter_app.i18n import in_language
from shelter_app.services.residents import records, visitors
from tests.gui.conftest import (  # noqa: F401 - as for every GUI test (tests/gui)
    drain_worker,
    no_forgotten_modal,
    prepared_as_the_app_does,
)

pytestmark = pytest.mark.file_only


def _page(qtbot, workspace) -> GatePage:
    page = GatePage(workspace)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.person.count() > 1, timeout=10000)
    return page


def _check(qtbot, page: GatePage) -> None:
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.answer_box.isVisible, timeout=10000)


def _shown_messages(page: GatePage) -> list[str]:
    """What the page says is wrong: its error lines (tone "error") now shown."""
    return [label.text() for label in page.findChildren(type(page.clear))
            if label.property("tone") == "error" and label.isVisible() and label.text()]


def test_a_visitor_for_nobody_on_the_list_is_recorded_not_here_with_the_name(
        qtbot, login_as, gate):
    page = _page(qtbot, login_as("staff"))
    page.name.setText("Rahmat Hidayat")
    page.asked_for.setText("Sri Wahyuni")  # the protected resident's real name
    assert page.person.currentData() == NOBODY
    _check(qtbot, page)
    assert page.clear.text() == visitors.not_here_line()
    assert page.send_away.isVisible() and not page.agrees.isVisible()
    qtbot.mouseClick(page.send_away, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)
    cells = [page.table.item(0, column).text() for column in range(page.table.columnCount())]
    assert cells[3] == "\u201cSri Wahyuni\u201d" and cells[4] == "Not staying here"
    assert page.asked_for.text() == "" and not page.answer_box.isVisible()
    assert "Recorded by staff" in page.table.item(0, 0).toolTip()


def test_a_not_here_visitor_without_the_name_asked_for_gets_one_message(
        qtbot, admin, gate):
    page = _page(qtbot, admin)
    page.name.setText("Rahmat Hidayat")
    _check(qtbot, page)
    qtbot.mouseClick(page.send_away, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("whom the visitor asks for" in text
                                for text in _shown_messages(page)), timeout=10000)
    assert len(_shown_messages(page)) == 1
    assert page.focusWidget() is page.asked_for  # where to write it
    assert page.table.rowCount() == 0
    assert visitors.visits_on(admin, page.day.value()) == []


def test_who_asks_the_resident_is_filled_in_by_display_name(qtbot, admin, gate, login_as):
    from shelter_app.domain.roles import Role
    from shelter_app.services.administration import users
    from tests.conftest import ADMIN_PASSWORD

    users.add_user(admin, "wati", Role.STAFF, ADMIN_PASSWORD, display_name="Wati Susanti")
    wati = login_as("staff", "wati")
    page = _page(qtbot, wati)
    assert page.asked_by.text() == "Wati Susanti"
    page.name.setText("Ibu Sumi")
    page.person.setCurrentIndex(page.person.findData(gate.dewi))
    _check(qtbot, page)
    qtbot.mouseClick(page.agrees, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)
    assert "Wati Susanti" in page.table.item(0, 5).text()
    assert "wati" not in page.table.item(0, 5).text()
    tab = VisitsTab(admin, gate.dewi)
    qtbot.addWidget(tab)
    tab.reload()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=10000)
    assert tab.table.item(0, 7).text() == "Wati Susanti"


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_stop_button_is_sized_to_its_text_and_the_window_fills_the_screen(
        qtbot, language):
    with in_language(language):
        stop = StopWindow()
    qtbot.addWidget(stop)
    stop.show()
    qtbot.waitExposed(stop)
    button = stop.done_button
    metrics = button.fontMetrics()
    text = button.text().replace("&", "")
    assert button.font().pointSize() == 14
    assert button.width() >= metrics.horizontalAdvance(text) + 2 * metrics.height()
    assert button.height() >= 2 * metrics.height()
    assert stop.size() == stop.screen().availableGeometry().size()
    stop.accept()


def test_a_hidden_persons_contacts_say_withheld_not_blank(qtbot, login_as, gate):
    profile = records.profile(login_as("staff"), gate.hidden)
    assert not profile.identity_visible
    table = contacts_table()
    qtbot.addWidget(table)
    table.setRowCount(len(profile.contacts))
    for row, contact in enumerate(profile.contacts):
        contact_row(table, row, contact)
    assert [table.item(0, column).text() for column in (0, 2, 4)] == [
        "(withheld)", "(withheld)", "Yes"]
    with in_language("id"):
        contact_row(table, 0, profile.contacts[0])
    assert table.item(0, 0).text() == "(dirahasiakan)"
    # who may see her: the name and the phone
    [seen] = records.profile(login_as("manager"), gate.hidden).contacts
    contact_row(table, 0, seen)
    assert (table.item(0, 0).text(), table.item(0, 2).text()) == (
        "Bambang Prakoso", "+6287855556666")


def _type_person(qtbot, page: GatePage, text: str) -> None:
    page.activateWindow()
    page.person.setFocus()
    page.person.lineEdit().clear()
    qtbot.keyClicks(page.person.lineEdit(), text)


def test_enter_in_the_resident_field_takes_the_first_match(qtbot, login_as, gate):
    """A tester typed "Dewi", pressed Enter and Check: the field kept the text "Dewi" and
    the visitor was recorded as asking for nobody here."""
    page = _page(qtbot, login_as("staff"))
    page.name.setText("Ibu Sumi")
    _type_person(qtbot, page, "dewi")
    qtbot.keyClick(page.person.lineEdit(), Qt.Key.Key_Return)
    assert page.person.currentData() == gate.dewi
    assert page.person.lineEdit().text() == page.person.itemText(page.person.currentIndex())
    _check(qtbot, page)
    assert page.agrees.isVisible()  # her answer is asked: she is on the list
    assert page.clear.text() == visitors.clear_line()


def test_enter_while_the_matches_are_open_takes_the_first_or_the_highlighted(
        qtbot, login_as, gate):
    page = _page(qtbot, login_as("staff"))
    qtbot.waitExposed(page)
    _type_person(qtbot, page, "a")  # Agus Salim, Dewi Lestari, Mawar 3 (by case number)
    popup = page.person.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    first = page.person.currentData()
    assert first not in (None, NOBODY)
    _type_person(qtbot, page, "a")
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    highlighted = popup.currentIndex().data()
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert page.person.currentText() == highlighted
    assert page.person.currentData() not in (None, NOBODY, first)


def test_text_not_on_the_list_is_said_at_the_field_not_recorded_as_nobody(
        qtbot, login_as, gate):
    page = _page(qtbot, login_as("staff"))
    page.name.setText("Rahmat Hidayat")
    _type_person(qtbot, page, "Sri")  # the protected person's real name: not findable
    qtbot.keyClick(page.person.lineEdit(), Qt.Key.Key_Return)
    assert page.person.lineEdit().text() == "Sri"
    (said,) = _shown_messages(page)
    assert "Nobody on the list goes by" in said and "Mawar" not in said
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)  # not "not here"
    assert not page.answer_box.isVisible()
    _type_person(qtbot, page, "Dewi")  # on the list, typed and not chosen
    assert _shown_messages(page) == []  # typing: the message went
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    (said,) = _shown_messages(page)
    assert "Choose the resident from the list" in said
    assert not page.answer_box.isVisible()
    assert visitors.visits_on(login_as("staff"), visitors.gate_today(
        login_as("staff"))[0]) == []  # nothing recorded
    page.person.setCurrentIndex(0)  # the explicit "Someone not on this list"
    _check(qtbot, page)
    assert page.clear.text() == visitors.not_here_line()


def test_the_stop_window_speaks_indonesian_on_an_indonesian_screen(qtbot):
    """A tester saw the English "STOP" as the red window's title in Indonesian (the
    catalog had kept it English). Needs the merged catalog (resources/locale)."""
    with in_language("id"):
        stop = StopWindow()
    qtbot.addWidget(stop)
    title = stop.layout().itemAt(0).widget()  # the big word on top
    assert title.text() == "BERHENTI!"
    assert stop.windowTitle().startswith("BERHENTI!")
