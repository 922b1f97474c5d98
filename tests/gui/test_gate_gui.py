"""The gate page (Residents -> Visitors): the check, the red full-window stop, the
resident's answer, and the profile's Visits tab."""

import pytest
from PySide6.QtCore import Qt

from shelter_app.gui.residents.gate_page import GatePage, StopWindow, VisitsTab
from shelter_app.services.residents import visitors
from tests.gate.conftest import TODAY, gate  # noqa: F401 - the shelter at the gate

pytestmark = pytest.mark.file_only


def _page(qtbot, workspace) -> GatePage:
    page = GatePage(workspace)
    qtbot.addWidget(page)
    page.show()
    page.refresh()  # as the Residents area does when the tab is shown
    qtbot.waitUntil(lambda: page.person.count() > 1, timeout=10000)
    return page


def _choose(page: GatePage, person_id) -> None:
    page.person.setCurrentIndex(page.person.findData(person_id))


def test_a_banned_visitor_gets_the_full_window_stop(qtbot, admin, gate):  # noqa: F811
    page = _page(qtbot, admin)
    page.name.setText("Budi")
    page.phone.setText("+62 812-3456-7890")  # Dewi's uncle's phone
    _choose(page, gate.agus)
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_stop is not None and page.last_stop.isVisible(),
                    timeout=10000)
    stop = page.last_stop
    assert isinstance(stop, StopWindow)
    assert stop.windowState() & Qt.WindowState.WindowMaximized
    words = " ".join(label.text() for label in stop.findChildren(type(page.clear)))
    assert "manager" in words and "police" in words and "not</b> confirm" in words
    assert "Dewi" not in words and "Joko" not in words
    qtbot.keyClick(stop, Qt.Key.Key_Escape)  # read first: Escape does not close it
    assert stop.isVisible()
    qtbot.mouseClick(stop.done_button, Qt.MouseButton.LeftButton)
    assert not stop.isVisible()
    assert page.name.text() == "" and not page.answer_box.isVisible()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)
    assert page.table.item(0, 4).text() == "Stopped"


def test_a_visit_is_let_in_after_the_resident_agrees(qtbot, admin, gate):  # noqa: F811
    page = _page(qtbot, admin)
    page.name.setText("Ibu Sumi")
    page.relation.set_value("parent")
    _choose(page, gate.dewi)
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.answer_box.isVisible, timeout=10000)
    assert page.clear.text() == visitors.clear_line()
    assert page.agrees.isVisible() and not page.send_away.isVisible()
    # the name of who asks comes first, not "let in": an Enter there once admitted a
    # visitor before anyone had asked the resident
    assert page.focusWidget() is page.asked_by
    page.asked_by.setText("Rina")
    qtbot.mouseClick(page.agrees, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)
    assert page.table.item(0, 4).text() == "Visited"
    assert "Rina" in page.table.item(0, 5).text()
    page.table.selectRow(0)
    qtbot.mouseClick(page.left_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.item(0, 6).text() != "", timeout=10000)
    tab = VisitsTab(admin, gate.dewi)
    qtbot.addWidget(tab)
    tab.reload()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=10000)


def test_the_protected_resident_is_listed_by_pseudonym_only(qtbot, login_as, gate):  # noqa: F811
    page = _page(qtbot, login_as("manager"))
    labels = [page.person.itemText(i) for i in range(page.person.count())]
    assert any("Mawar 3" in label for label in labels)
    assert not any("Sri" in label for label in labels)


def test_nothing_to_check_is_said_at_the_field(qtbot, admin, gate):  # noqa: F811
    page = _page(qtbot, admin)
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Nothing to check" in " ".join(
        label.text() for label in page.findChildren(type(page.clear)) if label.isVisible()),
        timeout=10000)
    assert not page.answer_box.isVisible()


def test_the_visitors_tab_is_for_the_roles_at_the_gate(qtbot, login_as, gate):  # noqa: F811
    from shelter_app.gui.residents.area import ResidentsArea

    for role, shown in (("staff", True), ("counsellor", False)):
        area = ResidentsArea(login_as(role), TODAY)
        qtbot.addWidget(area)
        assert (area.gate is not None) is shown


def test_work_still_running_at_logout_pops_up_nothing(qtbot, admin, monkeypatch):
    """A server test ended with two "The app is locked" message boxes: the gate's and
    the incidents' first loads came back after the logout. Such work says nothing now."""
    from shelter_app.domain.errors import Locked
    from shelter_app.gui import background

    shown = []
    monkeypatch.setattr(background, "show_error", lambda *args: shown.append(args))
    finished = []

    def locked():
        raise Locked()

    background.Op(None, locked, finished.append).run_in_background()
    background.wait_for_idle()
    qtbot.wait(50)
    assert shown == [] and finished == []
