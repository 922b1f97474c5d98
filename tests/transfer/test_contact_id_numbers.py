"""A contact's ID number (KTP or passport; the gate checks visitors by it) moves with the
case, and a transfer file made before it did (version 1) is still read."""

import json

import pytest

from shelter_app.domain.errors import InputError
from shelter_app.services.residents import records, transfer, transfer_payload, visitors
from shelter_app.services.residents.fields import ContactData, StayData
from shelter_app.storage import transfer_file
from tests.conftest import LIGHT_KDF
from tests.transfer.conftest import PASSPHRASE, TODAY, dewi_data

RECRUITER_KTP = "3201010101800001"


@pytest.fixture
def sent(admin, sending, tmp_path):
    records.add_contact(admin, sending.dewi, ContactData(
        name="Hendra Wijaya", relation="employer", id_number="3201 0101 0180 0001",
        must_not_visit=True))
    return transfer.export_case(admin, sending.dewi, "Rumah Aman Kupang",
                                tmp_path / "dewi.ratransfer", PASSPHRASE).path


def _good(path) -> dict:
    return json.loads(transfer_file.open_file(path, PASSPHRASE.encode()))


def _crafted(tmp_path, data: dict):
    path = tmp_path / "crafted.ratransfer"
    key = transfer_file.passphrase_key(PASSPHRASE.encode(), LIGHT_KDF)
    path.write_bytes(transfer_file.seal(json.dumps(data).encode(), key))
    return path


def _refused(receiving, path) -> str:
    with pytest.raises(InputError) as error:
        transfer.open_incoming(receiving, path, PASSPHRASE)
    return str(error.value)


def test_the_id_number_arrives_and_the_gate_there_stops_the_visitor_by_it(
        receiving, sent):
    data = _good(sent)
    assert data["version"] == transfer_payload.VERSION == 2
    numbers = {c["prs_FirstName"]: c["prs_IdentityNumber"] for c in data["contacts"]}
    assert numbers == {"Ibu Sumi": "", "Pak Joko": "", "Hendra Wijaya": RECRUITER_KTP}
    received = transfer.receive(receiving, transfer.open_incoming(
        receiving, sent, PASSPHRASE).incoming)
    there = {c.name: c for c in records.profile(receiving, received.person_id).contacts}
    assert there["Hendra Wijaya"].id_number == RECRUITER_KTP
    assert there["Hendra Wijaya"].must_not_visit
    # someone else's name, his KTP: stopped at the new shelter's gate
    assert visitors.check_visitor(receiving, visitors.VisitorData(
        name="Budi", id_number=RECRUITER_KTP), received.person_id).stop


def test_a_version_1_file_without_id_numbers_is_still_read(receiving, sent, tmp_path):
    old = _good(sent)
    old["version"] = 1
    for contact in old["contacts"]:
        del contact["prs_IdentityNumber"]
    opened = transfer.open_incoming(receiving, _crafted(tmp_path, old), PASSPHRASE)
    assert {c.name: c.id_number for c in opened.incoming.contacts} == {
        "Ibu Sumi": "", "Pak Joko": "", "Hendra Wijaya": ""}
    received = transfer.receive(receiving, opened.incoming)
    assert len(records.profile(receiving, received.person_id).contacts) == 3


def test_a_missing_misplaced_or_bad_id_number_is_named(receiving, sent, tmp_path):
    good = _good(sent)
    without = json.loads(json.dumps(good))  # version 2 must carry it
    del without["contacts"][2]["prs_IdentityNumber"]
    in_old = json.loads(json.dumps(good))  # version 1 never had it: not half-read
    in_old["version"] = 1
    wrong_type = json.loads(json.dumps(good))
    wrong_type["contacts"][2]["prs_IdentityNumber"] = 3201
    for data in (without, in_old, wrong_type):
        message = _refused(receiving, _crafted(tmp_path, data))
        assert "cannot accept" in message and "prs_IdentityNumber" in message, message
    bad = json.loads(json.dumps(good))
    bad["contacts"][2]["prs_IdentityNumber"] = "KTP?!"
    message = _refused(receiving, _crafted(tmp_path, bad))
    assert "cannot accept (id_number)" in message and "ID number is not valid" in message
    assert records.overview(receiving).persons == 0


def test_a_returning_persons_contact_gains_the_id_number_ours_lacked(
        receiving, sent):
    here = records.admit_new(receiving, dewi_data(), StayData(
        admission_date=TODAY.replace(month=8)), [
        ContactData(name="hendra  wijaya", relation="employer", must_not_visit=True)])
    records.discharge(receiving, here.person_id, TODAY.replace(month=9), "left")
    opened = transfer.open_incoming(receiving, sent, PASSPHRASE)
    transfer.receive(receiving, opened.incoming, same_as=here.person_id)
    contacts = records.profile(receiving, here.person_id).contacts
    assert [c.id_number for c in contacts if c.name == "hendra wijaya"] == [RECRUITER_KTP]
    assert len(contacts) == 3  # the same Hendra, and Ibu Sumi and Pak Joko added
