"""The referral letter and the handover record as official letters (surat dinas): the
shelter's letterhead from its settings, place and date, the addressee, an opening and a
closing sentence, names under the signature lines; nothing odd when a setting is empty."""

import io
import re

import pytest
from pypdf import PdfReader

from shelter_app.domain.errors import InputError, PermissionDenied
from shelter_app.services.referrals import letters, tracking
from shelter_app.services.referrals.tracking import ReferralData
from shelter_app.services.shared import settings

LETTERHEAD = {"address": "Jl. Pejanggik No. 10, Cakranegara", "city": "Mataram",
              "phone": "(0370) 123456", "head_name": "Siti Rahmawati"}


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data))
                             .pages).split())


def in_order(text: str, *parts: str) -> bool:
    return re.search(".*".join(re.escape(part) for part in parts), text) is not None


@pytest.fixture
def health_referral(admin, shelter_people):
    return tracking.create(admin, ReferralData(shelter_people.dewi, shelter_people.hospital,
                                               "health_medical", "Check-up"))


def test_the_letter_has_the_form_of_an_official_letter(admin, health_referral):
    settings.update_settings(admin, **LETTERHEAD)
    text = pdf_text(letters.letter(admin, health_referral, "en"))
    assert in_order(text, "Rumah Uji", "Jl. Pejanggik No. 10, Cakranegara, Mataram",
                    "Phone (0370) 123456", "Mataram, 27 November 2026", "Number : RJ-2026-0001",
                    "Subject : Referral for Health: medical")
    assert in_order(text, "To:", "The Head of RSUD Contoh", "Attn. dr. Contoh", "Jl. Contoh 1",
                    "Dear Sir or Madam,",
                    "With this letter we refer the person below to your institution for "
                    "Health: medical, with the following data:", "Dewi Lestari", "Check-up",
                    "Thank you for your attention and cooperation.")
    # the names under the signature lines: the receiver writes theirs, the head signs
    assert in_order(text, "Received by", "Yours faithfully,", "RSUD Contoh",
                    "Head of the safe house", "(name in full)", "Siti Rahmawati")


def test_without_letterhead_settings_nothing_odd_is_printed(admin, health_referral):
    for language in ("en", "id"):
        text = pdf_text(letters.letter(admin, health_referral, language))
        for odd in ("None", "Phone", "Telp", ", 27 November 2026", " , "):
            assert odd not in text, (language, odd)
    text = pdf_text(letters.letter(admin, health_referral, "en"))
    # no head named: the user who prints the letter signs it, under their role
    assert in_order(text, "Yours faithfully,", "Administrator", "(name in full)", "admin")
    assert "27 November 2026" in text


def test_the_letter_in_indonesian(admin, health_referral):
    settings.update_settings(admin, **LETTERHEAD)
    text = pdf_text(letters.letter(admin, health_referral, "id"))
    assert in_order(text, "Telp. (0370) 123456", "Mataram, 27 November 2026", "Nomor",
                    "Perihal", "Kepada Yth.", "Pimpinan RSUD Contoh", "di tempat",
                    "Dengan hormat,", "Bersama surat ini", "Dewi Lestari",
                    "Demikian surat rujukan ini kami sampaikan.", "terima kasih",
                    "Yang menerima", "Hormat kami,", "Kepala rumah aman", "(nama jelas)",
                    "Siti Rahmawati")


def test_the_handover_record_names_who_hands_over(admin, shelter_people):
    settings.update_settings(admin, **LETTERHEAD)
    text = pdf_text(letters.handover(admin, shelter_people.sri, "en"))
    assert in_order(text, "Rumah Uji", "Phone (0370) 123456", "Handover record",
                    "Sri Wahyuni", "This record is made truthfully",
                    "Mataram, 20 November 2026", "Handed over by", "Received by", "Witness",
                    "admin", "(name in full)", "(name in full)", "Keluarga di Lombok Timur")
    assert "Siti Rahmawati" not in text  # the one who hands over signs, not the head
    text = pdf_text(letters.handover(admin, shelter_people.sri, "id"))
    assert "None" not in text and "Berita acara serah terima" in text


def test_letterhead_settings_are_checked_and_kept(admin, login_as):
    settings.update_settings(admin, address="  Jl. Pejanggik   No. 10 ", city="Mataram",
                             phone="+62 370 123456", head_name="Siti  Rahmawati")
    stored = settings.get_settings(admin)
    assert (stored.address, stored.city, stored.phone, stored.head_name) == (
        "Jl. Pejanggik No. 10", "Mataram", "+62 370 123456", "Siti Rahmawati")
    with pytest.raises(InputError, match="phone number"):
        settings.update_settings(admin, phone="call the office")
    with pytest.raises(InputError, match="at most 60"):
        settings.update_settings(admin, city="M" * 61)
    settings.update_settings(admin, phone="", head_name="")  # emptied again
    stored = settings.get_settings(admin)
    assert (stored.phone, stored.head_name, stored.city) == ("", "", "Mataram")
    with pytest.raises(PermissionDenied):
        settings.update_settings(login_as("staff"), city="Bima")


def test_an_estimated_age_is_printed_as_one(admin, shelter_people):
    """Letters printed an estimated age as if it were known ('29 years')."""
    import datetime as dt

    from shelter_app.services.residents import records
    from shelter_app.services.residents.fields import PersonData, StayData

    person = records.admit_new(admin, PersonData(
        full_name="Rina Contoh", sex="F", estimated_age=29, consent_sharing_on=dt.date(
            2026, 11, 20), consent_sharing_witness="Rina"), StayData(
        admission_date=dt.date(2026, 11, 20))).person_id
    referral = tracking.create(admin, ReferralData(person, shelter_people.hospital,
                                                   "health_medical", "Check-up"))
    assert "± 29 years (estimated)" in pdf_text(letters.letter(admin, referral, "en"))
