"""Moving a case between two shelters: consent, what leaves and what never does, the
discharge it is recorded as, the duplicate check on arrival, protected identities."""

import datetime as dt
import json

import pytest
from sqlalchemy import select

from shelter_app.domain.errors import InputError, PermissionDenied
from shelter_app.domain.models import AuditEvent, CaseTransfer
from shelter_app.services.counselling import booking, casework, session_notes
from shelter_app.services.counselling.booking import SessionDraft
from shelter_app.services.counselling.casework import AssessmentData
from shelter_app.services.residents import records, rooms, transfer
from shelter_app.services.residents.fields import StayData
from shelter_app.storage import transfer_file
from tests.transfer.conftest import DEWI_NIK, PASSPHRASE, TODAY, dewi_data

WIB = dt.timezone(dt.timedelta(hours=7))


def send(workspace, person_id, tmp_path, **options):
    target = tmp_path / "dewi.ratransfer"
    return transfer.export_case(workspace, person_id, "Rumah Aman Kupang", target,
                                PASSPHRASE, **options)


def payload(path) -> dict:
    return json.loads(transfer_file.open_file(path, PASSPHRASE.encode()))


def actions(workspace) -> list[tuple[str, str]]:
    with workspace.session() as session:
        return [(e.action, e.entity) for e in session.scalars(
            select(AuditEvent).order_by(AuditEvent.id))]


def test_a_case_moves_between_two_shelters(admin, sending, receiving, tmp_path):
    sent = send(admin, sending.dewi, tmp_path)
    assert sent.discharged and sent.consent == "recorded" and sent.path.exists()
    assert not list(tmp_path.glob(".*partial"))  # no temp file left beside it
    here = records.profile(admin, sending.dewi)
    assert here.open_stay is None and here.bed is None
    stay = here.stays[-1]
    assert (stay.discharge_date, stay.discharge_reason, stay.discharge_destination) == (
        TODAY, "transferred", "Rumah Aman Kupang")
    melati = next(room for room in rooms.board(admin) if room.name == "Melati")
    assert melati.beds[0].occupant is None
    assert ("transfer_out", "person") in actions(admin)
    assert ("discharge", "stay") in actions(admin)

    opened = transfer.open_incoming(receiving, sent.path, PASSPHRASE)
    assert opened.duplicates == []
    assert (opened.incoming.from_shelter, opened.incoming.from_case_number) == (
        "Rumah Aman Mataram", here.case_number)
    received = transfer.receive(receiving, opened.incoming)
    assert not received.returning
    there = records.profile(receiving, received.person_id)
    assert there.case_number.startswith("RA-2026-")
    assert there.open_stay.admission_date == TODAY
    assert there.open_stay.referred_by == "Rumah Aman Mataram"
    data = there.data
    assert (data.full_name, data.alias, data.nik, data.birth_date) == (
        "Dewi Lestari", "Ewi", DEWI_NIK, dt.date(1996, 5, 1))
    assert (data.languages, data.education, data.children, data.risk_level) == (
        ["ind", "sas"], "junior", 1, "high")
    assert data.control_methods == ["DebtBondage", "WithholdsDocuments"]
    assert (data.exploitation_country, data.lpsk_protection) == ("MY", True)
    assert data.consent_sharing_on == TODAY - dt.timedelta(days=29)
    assert data.consent_sharing_witness == ""  # a name of the other shelter's staff
    contacts = {c.name: c for c in there.contacts}
    assert contacts["Pak Joko"].must_not_visit and not contacts["Pak Joko"].safe
    assert contacts["Ibu Sumi"].safe and contacts["Ibu Sumi"].phone == "+6281234567890"
    with receiving.session() as session:
        row = session.scalar(select(CaseTransfer))
        assert (row.direction, row.other_shelter, row.other_case_number) == (
            "in", "Rumah Aman Mataram", here.case_number)
    assert ("transfer_in", "person") in actions(receiving)


def test_the_payload_uses_htcds_names_and_leaves_notes_and_assessments_behind(
        admin, sending, login_as, tmp_path):
    marker = "MARKER-7f3a-she-told-the-counsellor"
    room = rooms.create_room(admin, "Ruang Konseling", "counselling", 0)
    counsellor = login_as("counsellor", "rina")
    [sid] = booking.book(admin, SessionDraft(
        kind="individual", start=dt.datetime(2026, 11, 26, 9, 0, tzinfo=WIB), minutes=60,
        counsellors=("rina",), residents=(sending.dewi,), room_id=room))
    session_notes.write(counsellor, sid, marker)
    casework.record_assessment(counsellor, sending.dewi, AssessmentData(
        TODAY, marker, {"psychological": marker}, marker, marker))
    sent = send(admin, sending.dewi, tmp_path)
    plain = transfer_file.open_file(sent.path, PASSPHRASE.encode())
    assert marker.encode() not in plain
    assert b"rina" not in plain.lower() and b"admin" not in plain  # no usernames
    data = json.loads(plain)
    assert set(data) == {"format", "version", "person", "victim", "case", "consent",
                         "contacts"}
    for section, prefix in (("person", "prs_"), ("victim", "vic_"), ("case", "cas_"),
                            ("consent", "con_")):
        assert all(name.startswith(prefix) for name in data[section])
    assert data["person"]["prs_IdentityNumber"] == DEWI_NIK
    assert data["person"]["prs_Gender"] == "Feminine"
    assert data["victim"]["vic_TypeOfExploitation"] == ["ForcedLabour"]
    assert data["case"]["cas_ReferringOrganisation"] == "Rumah Aman Mataram"


def test_without_consent_only_a_managers_recorded_override(admin, sending, login_as,
                                                           tmp_path):
    with pytest.raises(InputError, match="not agreed") as refused:
        send(admin, sending.agus, tmp_path)
    assert refused.value.field == "override_reason"
    assert not (tmp_path / "dewi.ratransfer").exists()
    manager = login_as("manager")
    sent = send(manager, sending.agus, tmp_path, override_reason="Her safety: the agent "
                "found this shelter")
    assert sent.consent == "override"
    assert ("consent_override", "case_transfer") in actions(admin)
    with admin.session() as session:
        row = session.scalar(select(CaseTransfer))
        assert (row.consent, row.direction) == ("override", "out")
        assert row.override_reason.startswith("Her safety")
    assert payload(sent.path)["consent"]["con_SharingBasis__c"] == "override"


def test_staff_and_counsellors_may_not_move_cases(sending, login_as, tmp_path):
    for role in ("staff", "counsellor"):
        with pytest.raises(PermissionDenied):
            send(login_as(role), sending.dewi, tmp_path)
    assert records.profile(login_as("staff"), sending.dewi).open_stay is not None


def test_a_short_passphrase_is_refused_as_for_backups(admin, sending, tmp_path):
    from shelter_app.services.administration import backup

    assert transfer.MIN_PASSPHRASE == backup.MIN_PASSPHRASE
    with pytest.raises(InputError, match="at least 8"):
        transfer.export_case(admin, sending.dewi, "Rumah Aman Kupang",
                             tmp_path / "x.ratransfer", "short")


def test_a_person_not_in_the_shelter_moves_as_a_case_only(admin, sending, tmp_path):
    records.discharge(admin, sending.dewi, TODAY - dt.timedelta(days=2), "left")
    sent = send(admin, sending.dewi, tmp_path)
    assert not sent.discharged
    stay = records.profile(admin, sending.dewi).stays[-1]
    assert stay.discharge_reason == "left"  # the discharge that was, unchanged
    with admin.session() as session:
        assert session.scalar(select(CaseTransfer.stay_id)) is None


def test_a_failed_write_records_nothing_and_a_failed_commit_leaves_no_file(
        admin, sending, tmp_path, monkeypatch):
    real_write = transfer_file.write_temp

    def full_disk(target, content):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(transfer_file, "write_temp", full_disk)
    with pytest.raises(Exception, match="could not be written"):
        send(admin, sending.dewi, tmp_path)
    assert records.profile(admin, sending.dewi).open_stay is not None

    from sqlalchemy import event
    from sqlalchemy.orm import Session

    written = []

    def write_and_note(target, content):
        written.append(real_write(target, content))
        return written[-1]

    def refuse_the_commit(session):
        if written:
            raise RuntimeError("the commit did not happen")

    monkeypatch.setattr(transfer_file, "write_temp", write_and_note)
    event.listen(Session, "before_commit", refuse_the_commit)
    try:
        with pytest.raises(RuntimeError):
            send(admin, sending.dewi, tmp_path)
    finally:
        event.remove(Session, "before_commit", refuse_the_commit)
    assert written and not written[0].exists()  # the temp file went with the transaction
    assert not (tmp_path / "dewi.ratransfer").exists()
    assert records.profile(admin, sending.dewi).open_stay is not None
    with admin.session() as session:
        assert session.scalar(select(CaseTransfer)) is None


def test_a_person_on_record_is_found_and_chosen(admin, sending, receiving, tmp_path):
    here = records.admit_new(receiving, dewi_data(), StayData(
        admission_date=TODAY - dt.timedelta(days=90)))
    records.discharge(receiving, here.person_id, TODAY - dt.timedelta(days=60), "left")
    sent = send(admin, sending.dewi, tmp_path)
    opened = transfer.open_incoming(receiving, sent.path, PASSPHRASE)
    [found] = opened.duplicates
    assert found.same_nik and found.case_number == here.case_number
    with pytest.raises(transfer.DuplicatesFound):
        transfer.receive(receiving, opened.incoming)
    with pytest.raises(InputError, match="NIK belongs"):  # one NIK, one person
        transfer.receive(receiving, opened.incoming, new_person=True)
    received = transfer.receive(receiving, opened.incoming, same_as=here.person_id)
    assert received.returning and received.case_number == here.case_number
    profile = records.profile(receiving, here.person_id)
    assert len(profile.stays) == 2 and profile.open_stay.referred_by == "Rumah Aman Mataram"
    assert {c.name for c in profile.contacts} == {"Ibu Sumi", "Pak Joko"}
    with pytest.raises(InputError, match="in the shelter already"):
        transfer.receive(receiving, opened.incoming, same_as=here.person_id, again=True)


def test_a_case_received_before_is_named_and_comes_again_only_when_asked(
        admin, sending, receiving, tmp_path):
    sent = send(admin, sending.dewi, tmp_path)
    first = transfer.receive(receiving, transfer.open_incoming(
        receiving, sent.path, PASSPHRASE).incoming)
    opened = transfer.open_incoming(receiving, sent.path, PASSPHRASE)
    [earlier] = opened.received_before
    assert (earlier.person_id, earlier.case_number, earlier.shown_name, earlier.on) == (
        first.person_id, first.case_number, "Dewi Lestari", TODAY)
    with pytest.raises(transfer.AlreadyReceived, match=first.case_number) as refused:
        transfer.receive(receiving, opened.incoming, new_person=True)
    assert refused.value.earlier == [earlier]
    with pytest.raises(transfer.DuplicatesFound):  # asked: then the look-alike check
        transfer.receive(receiving, opened.incoming, again=True)


def test_a_case_moved_out_moves_again_only_when_asked(admin, sending, tmp_path):
    send(admin, sending.dewi, tmp_path)
    with pytest.raises(transfer.AlreadyMoved, match="Rumah Aman Kupang already") as refused:
        transfer.export_case(admin, sending.dewi, "Rumah Aman Bima",
                             tmp_path / "again.ratransfer", PASSPHRASE)
    assert refused.value.on == TODAY and not (tmp_path / "again.ratransfer").exists()
    again = transfer.export_case(admin, sending.dewi, "Rumah Aman Bima",
                                 tmp_path / "again.ratransfer", PASSPHRASE, again=True)
    assert again.path.exists() and not again.discharged


def test_the_profile_shows_where_the_case_came_from_and_went(admin, sending, receiving,
                                                            login_as, tmp_path):
    sent = send(login_as("manager"), sending.agus, tmp_path,
                override_reason="She must leave tonight")
    out = records.profile(admin, sending.agus).transfers
    assert [(t.direction, t.on, t.other_shelter, t.other_case_number, t.consent)
            for t in out] == [("out", TODAY, "Rumah Aman Kupang", "", "override")]
    received = transfer.receive(receiving, transfer.open_incoming(
        receiving, sent.path, PASSPHRASE).incoming)
    assert [(t.direction, t.other_shelter, t.other_case_number, t.consent)
            for t in records.profile(receiving, received.person_id).transfers] == [
        ("in", "Rumah Aman Mataram", sent.case_number, "override")]


def test_a_look_alike_can_be_received_as_a_new_person(admin, sending, receiving, tmp_path):
    other = records.admit_new(receiving, dewi_data(nik="", full_name="Dewi Lestary"),
                              StayData(admission_date=TODAY - dt.timedelta(days=5)))
    sent = send(admin, sending.dewi, tmp_path)
    opened = transfer.open_incoming(receiving, sent.path, PASSPHRASE)
    [found] = opened.duplicates
    assert not found.same_nik and not found.can_admit_again
    received = transfer.receive(receiving, opened.incoming, new_person=True)
    assert received.case_number != other.case_number and not received.returning


def test_a_protected_identity_stays_protected_both_ways(admin, sending, receiving, login_as,
                                                        tmp_path):
    manager = login_as("manager")
    hidden = records.admit_new(manager, dewi_data(
        nik="3201014105960002", full_name="Sekar Ayu", hidden_identity=True,
        pseudonym="Mawar 3"), StayData(admission_date=TODAY - dt.timedelta(days=3)))
    without_key = login_as("manager", "baru")
    without_key.hold_role_keys({})  # a manager not yet given the managers' key
    with pytest.raises(InputError, match="protected"):
        send(without_key, hidden.person_id, tmp_path)
    assert records.profile(manager, hidden.person_id).open_stay is not None
    sent = send(manager, hidden.person_id, tmp_path)
    person = payload(sent.path)["person"]
    assert person["prs_HiddenIdentity__c"] and person["prs_FirstName"] == "Sekar Ayu"
    receiving.hold_role_keys({})
    with pytest.raises(InputError, match="protected"):
        transfer.open_incoming(receiving, sent.path, PASSPHRASE)


def test_a_protected_identity_is_hidden_on_arrival(admin, sending, receiving, login_as,
                                                   tmp_path):
    manager = login_as("manager")
    hidden = records.admit_new(manager, dewi_data(
        nik="3201014105960002", full_name="Sekar Ayu", hidden_identity=True,
        pseudonym="Mawar 3"), StayData(admission_date=TODAY - dt.timedelta(days=3)))
    sent = send(manager, hidden.person_id, tmp_path)
    received = transfer.receive(receiving, transfer.open_incoming(
        receiving, sent.path, PASSPHRASE).incoming)
    there = records.profile(receiving, received.person_id)
    assert there.data.hidden_identity and there.shown_name == "Sekar Ayu"
    with receiving.session() as session:
        from shelter_app.domain.models import Person

        stored = session.get(Person, received.person_id)
        assert (stored.full_name, stored.nik) == ("Mawar 3", None)  # sealed, not plain
        assert stored.sealed_full_name is not None
