"""The one resident picker (an incident's residents, a resident put in a course): nothing
highlighted when the matches open, so Down + Enter takes the FIRST (a tester's took the
second), Enter alone the first; those who left are marked; a hidden person by pseudonym."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from shelter_app.gui.counselling.training_dialogs import EnrolDialog
from shelter_app.gui.residents.incident_dialog import IncidentDialog
from shelter_app.gui.residents.resident_picker import ResidentPicker
from shelter_app.services.residents import records
from shelter_app.services.residents.fields import PersonData, StayData
from tests.incidents.conftest import TODAY, residents  # noqa: F401 - the residents

pytestmark = pytest.mark.file_only


@pytest.fixture
def left(admin, residents):  # noqa: F811
    """Dewi Anggraini, who left two days ago (after Dewi Lestari, staying, in the list)."""
    person = records.admit_new(admin, PersonData(
        full_name="Dewi Anggraini", sex="F", birth_date=dt.date(1990, 1, 2)),
        StayData(admission_date=TODAY - dt.timedelta(days=30)))
    records.discharge(admin, person.person_id, TODAY - dt.timedelta(days=2), "left")
    return person.case_number


def _picker(qtbot, workspace, single=False) -> ResidentPicker:
    picker = ResidentPicker(workspace, single=single)
    qtbot.addWidget(picker)
    picker.show()
    picker.activateWindow()
    qtbot.waitUntil(picker.isActiveWindow, timeout=5000)
    picker.edit.setFocus()
    return picker


def _typed(qtbot, picker, text: str):
    picker.edit.clear()
    qtbot.keyClicks(picker.edit, text)
    popup = picker.completer.popup()
    qtbot.waitUntil(lambda: picker.searched == text and popup.isVisible(), timeout=10000)
    return popup


def test_down_and_enter_take_the_first_resident_not_the_second(
        qtbot, login_as, residents, left, clock):  # noqa: F811
    picker = _picker(qtbot, login_as("staff"))
    popup = _typed(qtbot, picker, "dewi")
    labels = list(picker.matches)
    assert labels == [f"{residents.dewi} · Dewi Lestari",
                      f"{left} · Dewi Anggraini (not staying here now)"]
    assert not popup.currentIndex().isValid()  # nothing highlighted until Down
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    assert popup.currentIndex().row() == 0
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.case_numbers() == (residents.dewi,)  # the first, as README says
    assert picker.list.item(0).text() == f"{residents.dewi} · Dewi Lestari"

    popup = _typed(qtbot, picker, "dewi")  # Dewi Lestari is chosen: only the other left
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.case_numbers() == (residents.dewi, left)


def test_enter_alone_takes_the_first_and_down_down_the_second(
        qtbot, login_as, residents, left, clock):  # noqa: F811
    picker = _picker(qtbot, login_as("staff"), single=True)
    popup = _typed(qtbot, picker, "dewi")
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # none highlighted: the first
    assert picker.value() is not None and picker.case_numbers() == (residents.dewi,)
    popup = _typed(qtbot, picker, "dewi")  # single: all offered again, a choice replaces
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.case_numbers() == (left,) and picker.list.count() == 1


def test_a_hidden_resident_by_pseudonym_only_for_staff(qtbot, login_as, residents):  # noqa: F811
    picker = _picker(qtbot, login_as("staff"))
    _typed(qtbot, picker, "sri")
    assert picker.matches == {}
    _typed(qtbot, picker, "mawar")
    assert list(picker.matches) == [f"{residents.hidden} · Mawar 3"]


def test_both_forms_use_the_same_picker(qtbot, admin, login_as, residents):  # noqa: F811
    from shelter_app.services.counselling import training
    from shelter_app.services.counselling.training import CourseData

    incident = IncidentDialog(admin, TODAY, dt.UTC)
    qtbot.addWidget(incident)
    course_id = training.add_course(admin, CourseData(
        title="Menjahit", skill="sewing", starts_on=TODAY - dt.timedelta(days=1)))
    enrol = EnrolDialog(admin, training.course(admin, course_id))
    qtbot.addWidget(enrol)
    assert type(incident.picker) is type(enrol.picker) is ResidentPicker
    assert enrol.picker.single and not incident.picker.single


def test_a_course_takes_the_resident_chosen_not_the_text_typed(qtbot, admin, residents):  # noqa: F811
    from shelter_app.services.counselling import training
    from shelter_app.services.counselling.training import CourseData

    course_id = training.add_course(admin, CourseData(
        title="Menjahit", skill="sewing", starts_on=TODAY - dt.timedelta(days=1)))
    dialog = EnrolDialog(admin, training.course(admin, course_id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.picker.edit.setText("agus")
    dialog.buttons.accepted.emit()  # typed, not chosen: said, nothing saved
    assert dialog.result() == 0 and "Choose the resident" in (
        dialog.message.text() + " ".join(label.text() for label in dialog.findChildren(
            type(dialog.message)) if label.isVisibleTo(dialog)))
    assert training.course(admin, course_id).participants == ()
    dialog.picker.edit.setFocus()
    qtbot.keyClick(dialog.picker.edit, Qt.Key.Key_Return)  # the first match
    qtbot.waitUntil(lambda: dialog.picker.value() is not None, timeout=10000)
    assert dialog.picker.list.item(0).text() == f"{residents.agus} · Agus Salim"
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10000)
    (taking_part,) = training.course(admin, course_id).participants
    assert taking_part.case_number == residents.agus
