"""Institutions, referrals with consent and their status history, letters, handover
records, follow-up visits, closing and reopening a case."""

import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import select

from shelter_app.domain.errors import InputError, PermissionDenied
from shelter_app.domain.models import AuditEvent
from shelter_app.domain.vocab import HTCDS_ORG_TYPE, InstitutionType
from shelter_app.services.referrals import followups, institutions, letters, tracking
from shelter_app.services.referrals.institutions import InstitutionData
from shelter_app.services.referrals.tracking import ReferralData
from shelter_app.services.residents import records
from tests.referrals.conftest import TODAY


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data))
                             .pages).split())


def test_every_institution_type_has_an_htcds_org_type():
    from shelter_app.paths import resources_dir

    reference = (resources_dir() / "reference" / "htcds-2.0-fields.tsv").read_text()
    line = next(row for row in reference.splitlines() if "\torg_Type\t" in row)
    allowed = {value.strip() for value in line.split("\t")[9].split("/")}
    assert set(HTCDS_ORG_TYPE) == {kind.value for kind in InstitutionType}
    assert set(HTCDS_ORG_TYPE.values()) <= allowed


def test_the_directory_refuses_duplicates_and_bad_contacts(admin, shelter_people):
    with pytest.raises(InputError, match="in the directory already"):
        institutions.add(admin, InstitutionData("rsud contoh", "hospital"))
    with pytest.raises(InputError, match="e-mail"):
        institutions.add(admin, InstitutionData("X", "ngo", email="not an address"))
    with pytest.raises(InputError, match="phone"):
        institutions.add(admin, InstitutionData("X", "ngo", phone="12"))
    names = [i.data.name for i in institutions.directory(admin, service="health_medical")]
    assert names == ["RSUD Contoh"]


CSV_GOOD = (b"name;type;services;address;phone;email;contact_person\n"
            b"Polres Contoh;police;legal_litigation;Jl. Bhayangkara;0370 555 110;;Ipda X\n"
            b"Puskesmas Contoh;Puskesmas;Health: medical| Health: HIV;;;;\n"
            b"RSUD Contoh;hospital;health_medical;;;;\n")


def test_a_csv_import_adds_new_rows_and_skips_known_names(admin, shelter_people):
    result = institutions.import_csv(admin, CSV_GOOD)
    assert (result.added, result.skipped) == (2, ["RSUD Contoh"])
    police = next(i for i in institutions.directory(admin) if i.data.name == "Polres Contoh")
    assert police.data.phone == "+62370555110"


def test_a_bad_csv_row_names_its_row_and_imports_nothing(admin, shelter_people):
    bad = CSV_GOOD.replace(b"Puskesmas;Health", b"Spaceport;Health")
    with pytest.raises(InputError, match="Row 3: .*Nothing was imported"):
        institutions.import_csv(admin, bad)
    assert len(institutions.directory(admin)) == 2
    for content, message in ((b"\xff\xfe\x00garbage", "UTF-8"), (b"", "no institutions"),
                             (b"a,b\n1,2\n", "first row")):
        with pytest.raises(InputError, match=message):
            institutions.import_csv(admin, content)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=600), st.text(max_size=600).map(str.encode),
                         st.lists(st.lists(st.text(max_size=12), max_size=8), max_size=6)
                         .map(lambda rows: "\n".join(",".join(r) for r in
                                                      [["name", "type", "services"], *rows])
                              .encode())))
def test_any_file_gives_a_result_or_one_clear_message(admin, content):
    try:
        institutions.import_csv(admin, content)
    except InputError as error:
        assert str(error) and "Traceback" not in str(error)


def test_a_referral_needs_consent_or_a_managers_override(admin, shelter_people, login_as):
    staff = login_as("staff")
    without = ReferralData(shelter_people.agus, shelter_people.legal_aid,
                           "legal_litigation", "Report to the police")
    with pytest.raises(InputError, match="not agreed to share"):
        tracking.create(staff, without)
    with pytest.raises(PermissionDenied):
        tracking.create(staff, ReferralData(**{**without.__dict__,
                                               "override_reason": "Urgent hearing"}))
    manager = login_as("manager")
    rid = tracking.create(manager, ReferralData(**{**without.__dict__,
                                                   "override_reason": "Urgent hearing"}))
    view = tracking.detail(admin, rid)
    assert (view.number, view.consent, view.status) == ("RJ-2026-0001", "override", "draft")
    with admin.session() as session:
        actions = [e.action for e in session.scalars(select(AuditEvent))]
    assert actions.count("consent_override") == 1 and "permission_denied" in actions
    with_consent = tracking.create(staff, ReferralData(
        shelter_people.dewi, shelter_people.hospital, "health_reproductive", "Check-up"))
    assert tracking.detail(staff, with_consent).number == "RJ-2026-0002"


def test_a_referral_moves_forward_only_with_dates_in_order(admin, shelter_people):
    rid = tracking.create(admin, ReferralData(shelter_people.dewi, shelter_people.hospital,
                                              "health_medical", "Wound care", "urgent"))
    tracking.advance(admin, rid, "sent", TODAY)
    with pytest.raises(InputError, match="cannot become draft"):
        tracking.advance(admin, rid, "draft", TODAY)
    with pytest.raises(InputError, match="before the previous one"):
        tracking.advance(admin, rid, "accepted", TODAY - dt.timedelta(days=1))
    with pytest.raises(InputError, match="future"):
        tracking.advance(admin, rid, "accepted", TODAY + dt.timedelta(days=1))
    tracking.advance(admin, rid, "accepted", TODAY, "Appointment on Monday")
    with pytest.raises(InputError, match="required"):
        tracking.advance(admin, rid, "completed", TODAY)
    tracking.advance(admin, rid, "completed", TODAY, "Treated; healed")
    with pytest.raises(InputError, match="completed cannot become cancelled"):
        tracking.advance(admin, rid, "cancelled", TODAY, "x")
    view = tracking.detail(admin, rid)
    assert [s.status for s in view.steps] == ["draft", "sent", "accepted", "completed"]
    assert view.outcome == "Treated; healed" and not view.is_open


def test_the_letter_carries_only_what_the_service_needs(admin, shelter_people):
    legal = tracking.create(admin, ReferralData(shelter_people.dewi, shelter_people.legal_aid,
                                                "legal_litigation", "Court case"))
    health = tracking.create(admin, ReferralData(shelter_people.dewi,
                                                 shelter_people.hospital,
                                                 "health_reproductive", "Check-up"))
    legal_text = pdf_text(letters.letter(admin, legal))
    assert "RJ-2026-0001" in legal_text and "Rumah Uji" in legal_text
    assert "Dewi Lestari" in legal_text and "3201014105960001" in legal_text
    assert "LP/123/XI/2026" in legal_text and "LBH Contoh" in legal_text
    health_text = pdf_text(letters.letter(admin, health))
    assert "3201014105960001" not in health_text and "LP/123" not in health_text
    assert "Pregnant Yes" in health_text and "agreed on" in health_text


def test_the_handover_record_follows_the_discharge(admin, shelter_people):
    with pytest.raises(InputError, match="once the resident is discharged"):
        letters.handover(admin, shelter_people.dewi)
    text = pdf_text(letters.handover(admin, shelter_people.sri))
    assert "Handover record" in text and "Keluarga di Lombok Timur" in text
    assert "Sri Wahyuni" in text and "20 November 2026" in text


def test_follow_ups_close_and_reopen_a_case(admin, shelter_people, login_as):
    with pytest.raises(InputError, match="still in the shelter"):
        followups.plan_visits(admin, shelter_people.dewi)
    with pytest.raises(InputError, match="before the discharge"):
        followups.plan_visits(admin, shelter_people.sri, [dt.date(2026, 11, 19)])
    followups.plan_visits(admin, shelter_people.sri)
    visits = followups.visits(admin, person_id=shelter_people.sri)
    assert [v.due_on for v in visits] == [dt.date(2026, 12, 20), dt.date(2027, 2, 20),
                                          dt.date(2027, 5, 20)]
    [early] = followups.plan_visits(admin, shelter_people.sri, [TODAY])
    with pytest.raises(InputError, match="before the discharge"):
        followups.record_visit(admin, early, "done", dt.date(2026, 11, 19), "x")
    followups.record_visit(admin, early, "done", TODAY, "Living with her mother; working")
    assert [v.id for v in followups.visits(admin, due_until=TODAY)] == []
    with pytest.raises(PermissionDenied):
        followups.close_case(login_as("staff"), shelter_people.sri, TODAY, "Done", "")
    followups.close_case(admin, shelter_people.sri, TODAY, "Reintegrated", "Stable")
    assert records.profile(admin, shelter_people.sri).stage == "6"
    with pytest.raises(InputError, match="closed already"):
        followups.close_case(admin, shelter_people.sri, TODAY, "Again", "")
    assert followups.is_closed(followups.closures(admin, shelter_people.sri))
    followups.reopen_case(admin, shelter_people.sri, TODAY, "Threats from the recruiter")
    history = followups.closures(admin, shelter_people.sri)
    assert [c.kind for c in history] == ["closed", "reopened"]
    assert not followups.is_closed(history)
    with pytest.raises(InputError, match="not closed"):
        followups.reopen_case(admin, shelter_people.sri, TODAY, "x")
