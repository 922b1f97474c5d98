"""Whatever a transfer file's JSON holds, reading it gives the case or one clear message
(TransferUnreadable), never an exception of another kind."""

import datetime as dt
import json
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from shelter_app.services.residents import transfer, transfer_payload
from shelter_app.services.shared.sealed_identity import RealIdentity
from shelter_app.storage.transfer_file import TransferUnreadable
from tests.transfer.conftest import DEWI_NIK, TODAY

PERSON = SimpleNamespace(
    case_number="RA-2026-0007", pseudonym="", hidden_identity=False, sex="F",
    birth_date=dt.date(1996, 5, 1), birth_date_estimated=False, nationality="ID",
    languages=",ind,sas,", education="junior", marital_status="single", children=1,
    province="ID-NB", regency="Lombok Timur", disability="", pregnant=False,
    exploitation_types=",ForcedLabour,", control_methods=",DebtBondage,",
    recruitment_methods="", exploitation_country="MY", exploitation_place="Johor",
    modus=",migrant_labour,", stage="2", risk_level="high", police_report_number="",
    lpsk_protection=False, consent_sharing_on=TODAY, consent_services_on=TODAY)
CONTACT = SimpleNamespace(name="Pak Joko", relation="relative", phone="", safe=False,
                          must_not_visit=True, note="", id_number="3201010101800001")
GOOD = json.loads(transfer_payload.build(
    PERSON, RealIdentity("Dewi Lestari", "", DEWI_NIK), [CONTACT], shelter="Rumah Aman",
    on=TODAY, consent="recorded", reason="Other", details=""))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12)
places = st.sampled_from([(section, key) for section in ("person", "victim", "case",
                                                         "consent")
                          for key in GOOD[section]] + [("contacts", None), ("top", None)])


def test_the_good_payload_reads_back():
    incoming = transfer_payload.parse(json.dumps(GOOD).encode())
    assert incoming.person.full_name == "Dewi Lestari" and incoming.stage == "2"
    assert incoming.contacts[0].must_not_visit
    assert incoming.contacts[0].id_number == "3201010101800001"


@settings(max_examples=300, deadline=None)
@given(place=places, value=json_values, drop=st.booleans())
def test_any_changed_value_gives_the_case_or_one_clear_message(place, value, drop):
    data = json.loads(json.dumps(GOOD))
    section, key = place
    if section == "top":
        data = value if drop else dict(data, surprise=value)
    elif section == "contacts":
        data["contacts"] = value
    elif drop:
        del data[section][key]
    else:
        data[section][key] = value
    try:
        incoming = transfer_payload.parse(json.dumps(data).encode())
        transfer._check_values(incoming, TODAY)
    except TransferUnreadable as error:
        assert str(error)
