"""Moving a case to another shelter from the profile, and receiving it from the resident
list, in real dialogs (offscreen)."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from shelter_app.services.residents import records
from shelter_app.services.residents.fields import StayData
from tests.transfer.conftest import (
    PASSPHRASE,
    TODAY,
    dewi_data,
    receiving_shelter,
    sending_shelter,
)


@pytest.fixture
def sending(admin, house):
    return sending_shelter(admin, house)


@pytest.fixture
def receiving(request, tmp_path, clock, shelter):
    with receiving_shelter(request, tmp_path, clock, "file") as workspace:
        yield workspace


def _open_profile(qtbot, workspace, person_id):
    from shelter_app.gui.residents.profile import ProfileDialog

    profile = ProfileDialog(workspace, person_id)
    qtbot.addWidget(profile)
    qtbot.waitUntil(lambda: profile.profile is not None, timeout=10000)
    return profile


def test_the_profile_sends_the_case_and_records_the_discharge(qtbot, admin, sending,
                                                              login_as, tmp_path):
    from shelter_app.gui.residents.transfer_dialogs import SendCaseDialog

    profile = _open_profile(qtbot, admin, sending.dewi)
    assert not profile.actions["move_shelter"].isHidden()
    staff_profile = _open_profile(qtbot, login_as("staff"), sending.dewi)
    assert staff_profile.actions["move_shelter"].isHidden()

    dialog = SendCaseDialog(admin, profile.profile, profile.profile.today, profile)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    target = tmp_path / "dewi.ratransfer"
    dialog.to_shelter.setText("Rumah Aman Kupang")
    dialog.file.path.setText(str(target))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.again.setText(PASSPHRASE + "x")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "differ" in dialog.message.text(), timeout=10000)
    dialog.again.setText(PASSPHRASE)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10000)
    assert target.exists()
    stay = records.profile(admin, sending.dewi).stays[-1]
    assert (stay.discharge_reason, stay.discharge_destination) == (
        "transferred", "Rumah Aman Kupang")


def test_without_consent_the_dialog_asks_for_a_managers_reason(qtbot, admin, sending,
                                                               tmp_path):
    from shelter_app.gui.residents.transfer_dialogs import SendCaseDialog

    profile = _open_profile(qtbot, admin, sending.agus)
    dialog = SendCaseDialog(admin, profile.profile, profile.profile.today, profile)
    qtbot.addWidget(dialog)
    assert dialog.form.indexOf(dialog.override) >= 0
    dialog.to_shelter.setText("Rumah Aman Kupang")
    dialog.file.path.setText(str(tmp_path / "agus.ratransfer"))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.again.setText(PASSPHRASE)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not agreed" in dialog.message.text(), timeout=10000)
    assert not (tmp_path / "agus.ratransfer").exists()


def test_the_resident_list_receives_a_case_and_asks_about_a_look_alike(
        qtbot, admin, sending, receiving, tmp_path):
    from shelter_app.gui.residents.duplicates import DuplicatesDialog
    from shelter_app.gui.residents.transfer_dialogs import ReceiveCaseDialog
    from shelter_app.services.residents import transfer

    earlier = records.admit_new(receiving, dewi_data(), StayData(
        admission_date=TODAY - dt.timedelta(days=90)))
    records.discharge(receiving, earlier.person_id, TODAY - dt.timedelta(days=60), "left")
    sent = transfer.export_case(admin, sending.dewi, "Rumah Aman Kupang",
                                tmp_path / "dewi.ratransfer", PASSPHRASE).path

    dialog = ReceiveCaseDialog(receiving)
    qtbot.addWidget(dialog)
    received = []
    dialog.received.connect(received.append)
    dialog.file.path.setText(str(sent))
    dialog.passphrase.setText("wrong passphrase")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "does not open" in dialog.message.text(), timeout=10000)
    assert not dialog.receive_button.isEnabled()
    dialog.passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.receive_button.isEnabled, timeout=10000)
    assert "Rumah Aman Mataram" in dialog.summary.text()
    assert "1 must not visit" in dialog.summary.text()
    qtbot.mouseClick(dialog.receive_button, Qt.MouseButton.LeftButton)
    choose = dialog.last_dialog
    assert isinstance(choose, DuplicatesDialog) and choose.list.count() == 1
    qtbot.mouseClick(choose.admit_again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(received), timeout=10000)
    assert received == [earlier.person_id]
    profile = records.profile(receiving, earlier.person_id)
    assert profile.open_stay.referred_by == "Rumah Aman Mataram"


def test_the_list_offers_receiving_only_to_who_may(qtbot, admin, login_as):
    from shelter_app.gui.residents.list_page import ResidentListPage

    for workspace, shown in ((admin, True), (login_as("staff"), False)):
        page = ResidentListPage(workspace)
        qtbot.addWidget(page)
        assert page.receive_button.isHidden() is not shown
