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


def _told(monkeypatch, name: str, answer=None) -> list[tuple[str, str]]:
    """What the dialogs said in a message box (title, text), answered with `answer`."""
    said = []
    monkeypatch.setattr(f"shelter_app.gui.residents.transfer_dialogs.{name}",
                        lambda _parent, title, text, **_k: said.append((title, text)) or answer)
    return said


def test_the_profile_sends_the_case_and_records_the_discharge(qtbot, admin, sending,
                                                              login_as, tmp_path,
                                                              monkeypatch):
    from shelter_app.gui.residents.transfer_dialogs import SendCaseDialog

    informed, asked = _told(monkeypatch, "inform"), _told(monkeypatch, "confirm", True)

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
    # said before the dialog closed: moved, where the file is, the passphrase by phone
    [(_title, text)] = informed
    assert "was moved to Rumah Aman Kupang" in text and str(target) in text
    assert "by phone" in text and "recorded as a discharge" in text
    # asked once, after the form's own checks passed (not before "the passphrases differ")
    [(_title, question)] = asked
    assert "cannot be undone" in question and "Rumah Aman Kupang" in question


def test_a_case_moved_out_already_says_so_and_asks_before_moving_again(
        qtbot, admin, sending, tmp_path, monkeypatch):
    from shelter_app.gui.residents.transfer_dialogs import SendCaseDialog
    from shelter_app.services.residents import transfer

    transfer.export_case(admin, sending.dewi, "Rumah Aman Kupang",
                         tmp_path / "first.ratransfer", PASSPHRASE)
    informed, asked = _told(monkeypatch, "inform"), _told(monkeypatch, "confirm", False)
    profile = _open_profile(qtbot, admin, sending.dewi)
    assert "Moved to Rumah Aman Kupang on" in profile.moves.text()
    assert not profile.moves.isHidden()
    dialog = SendCaseDialog(admin, profile.profile, profile.profile.today, profile)
    qtbot.addWidget(dialog)
    assert not dialog.moved_note.isHidden()
    assert "moved to Rumah Aman Kupang already" in dialog.moved_note.text()
    target = tmp_path / "again.ratransfer"
    dialog.to_shelter.setText("Rumah Aman Bima")
    dialog.file.path.setText(str(target))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.again.setText(PASSPHRASE)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "Rumah Aman Kupang" in asked[0][1]
    assert not target.exists() and dialog.result() != dialog.DialogCode.Accepted
    asked.clear()
    monkeypatch.setattr("shelter_app.gui.residents.transfer_dialogs.confirm",
                        lambda *_a, **_k: True)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10000)
    assert target.exists() and "Rumah Aman Bima" in informed[0][1]


def test_without_consent_the_dialog_asks_for_a_managers_reason(qtbot, admin, sending,
                                                               tmp_path, monkeypatch):
    from shelter_app.gui.residents.transfer_dialogs import SendCaseDialog

    _told(monkeypatch, "confirm", True)

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
    dialog.show()
    qtbot.waitExposed(dialog)
    received = []
    dialog.received.connect(received.append)
    dialog.file.path.setText(str(sent))
    dialog.passphrase.setText("wrong passphrase")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "does not open" in dialog.message.text(), timeout=10000)
    assert not dialog.receive_button.isEnabled()
    # after the error: Enter opens the file again, never Cancel
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert dialog.open_button.isDefault() and not cancel.autoDefault()
    qtbot.keyClick(cancel, Qt.Key.Key_Return)
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=10000)
    # Enter in the passphrase opens the file
    dialog.passphrase.setText(PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.receive_button.isEnabled, timeout=10000)
    assert dialog.receive_button.isDefault() and not dialog.open_button.isDefault()
    assert "Rumah Aman Mataram" in dialog.summary.text()
    assert "1 must not visit" in dialog.summary.text()
    # the look-alike is named as soon as the file is open
    assert not dialog.duplicates_note.isHidden()
    assert f"{earlier.case_number}: Dewi Lestari" in dialog.duplicates_note.text()
    assert "same NIK" in dialog.duplicates_note.text()
    assert dialog.consent_note.isHidden() and dialog.earlier_note.isHidden()
    _nothing_clipped(dialog)
    qtbot.mouseClick(dialog.receive_button, Qt.MouseButton.LeftButton)
    choose = dialog.last_dialog
    assert isinstance(choose, DuplicatesDialog) and choose.list.count() == 1
    assert choose.back_button.text() == "&Back"  # no form to go back to
    assert "receive as new" in choose.new_button.text()
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


def _nothing_clipped(dialog) -> None:
    """Every label the dialog shows has the height its wrapped lines need, above the
    buttons, and the dialog fits on the screen."""
    for label in (dialog.summary, dialog.consent_note, dialog.earlier_note,
                  dialog.duplicates_note, dialog.message):
        if label.isHidden() or not label.text():
            continue
        assert label.height() >= label.heightForWidth(label.width()), label.text()
        assert label.geometry().bottom() < dialog.buttons.geometry().top(), label.text()
    assert dialog.height() <= dialog.screen().availableGeometry().height()


def test_a_case_without_consent_and_received_before_is_plainly_said(
        qtbot, admin, sending, receiving, login_as, tmp_path, monkeypatch):
    from shelter_app.gui.residents.profile import ProfileDialog
    from shelter_app.gui.residents.transfer_dialogs import ReceiveCaseDialog
    from shelter_app.services.residents import transfer
    from shelter_app.services.residents.fields import PersonData

    look_alike = records.admit_new(receiving, PersonData(
        full_name="Agus Salim", sex="M", birth_date=dt.date(1991, 7, 7)),
        StayData(admission_date=TODAY - dt.timedelta(days=3)))
    sent = transfer.export_case(login_as("manager"), sending.agus, "Rumah Aman Kupang",
                                tmp_path / "agus.ratransfer", PASSPHRASE,
                                override_reason="His safety").path

    def opened_dialog():
        dialog = ReceiveCaseDialog(receiving)
        qtbot.addWidget(dialog)
        dialog.resize(620, 200)  # as small as it opens
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.file.path.setText(str(sent))
        dialog.passphrase.setText(PASSPHRASE)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        qtbot.waitUntil(dialog.receive_button.isEnabled, timeout=10000)
        return dialog

    dialog = opened_dialog()
    assert not dialog.consent_note.isHidden() and dialog.consent_note.font().bold()
    assert "not agreed to share" in dialog.consent_note.text()
    # a name-only match is named before "Receive the case" is pressed
    assert f"{look_alike.case_number}: Agus Salim" in dialog.duplicates_note.text()
    assert "similar name" in dialog.duplicates_note.text()
    _nothing_clipped(dialog)
    received = transfer.receive(receiving, dialog.opened.incoming, new_person=True)

    # the origin shows in the profile, with the missing consent
    profile = ProfileDialog(receiving, received.person_id)
    qtbot.addWidget(profile)
    qtbot.waitUntil(lambda: profile.profile is not None, timeout=10000)
    assert not profile.moves.isHidden()
    text = profile.moves.text()
    assert "Received from Rumah Aman Mataram" in text and "without the person's consent" \
        in text.lower()
    origin = records.profile(admin, sending.agus).case_number
    assert f"(their case {origin})" in text

    # the same file again: the case here is named, and nothing happens without a yes
    asked = _told(monkeypatch, "confirm", False)
    dialog = opened_dialog()
    assert not dialog.earlier_note.isHidden()
    assert received.case_number in dialog.earlier_note.text()
    assert "Rumah Aman Mataram before" in dialog.earlier_note.text()
    _nothing_clipped(dialog)
    qtbot.mouseClick(dialog.receive_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and received.case_number in asked[0][1]
    assert dialog.last_dialog is None and records.overview(receiving).persons == 2


def test_a_typed_file_name_gets_the_transfer_ending(qtbot, admin, sending, tmp_path,
                                                    monkeypatch):
    """A file saved as "kasus-dewi" was hidden from the receiving shelter's file dialog,
    which shows *.ratransfer."""
    from shelter_app.gui.residents.transfer_dialogs import SendCaseDialog

    _told(monkeypatch, "inform"), _told(monkeypatch, "confirm", True)
    profile = _open_profile(qtbot, admin, sending.dewi)
    dialog = SendCaseDialog(admin, profile.profile, profile.profile.today, profile)
    qtbot.addWidget(dialog)
    dialog.to_shelter.setText("Rumah Aman Kupang")
    dialog.file.path.setText(str(tmp_path / "kasus-dewi"))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.again.setText(PASSPHRASE)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10000)
    assert (tmp_path / "kasus-dewi.ratransfer").exists()


def test_tab_goes_from_the_file_name_to_the_passphrase(qtbot, admin):
    from shelter_app.gui.residents.transfer_dialogs import ReceiveCaseDialog

    dialog = ReceiveCaseDialog(admin)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.file.path.setFocus()
    qtbot.keyClick(dialog.file.path, Qt.Key.Key_Tab)
    qtbot.waitUntil(dialog.passphrase.hasFocus, timeout=3000)
