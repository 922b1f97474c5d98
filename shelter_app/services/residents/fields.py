"""What the intake form and the profile hold, and the checks on it: each problem is one
message for one field (`InputError.field`), raised before anything is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

import phonenumbers
from stdnum.exceptions import ValidationError
from stdnum.id import nik as stdnum_nik

from shelter_app.domain import rules
from shelter_app.domain.errors import InputError
from shelter_app.domain.vocab import (
    ControlMethod,
    Education,
    ExploitationType,
    MaritalStatus,
    Modus,
    RecruitmentMethod,
    Relation,
    RiskLevel,
    Sex,
    store_many,
)
from shelter_app.i18n import _, places

MAX_AGE = 110


@dataclass
class PersonData:
    """The person and their case, as typed. `birth_date` or `estimated_age` is needed."""

    full_name: str = ""
    alias: str = ""
    sex: str = ""
    birth_date: dt.date | None = None
    estimated_age: int | None = None
    birth_date_estimated: bool = False
    nik: str = ""
    nationality: str = "ID"
    languages: list[str] = field(default_factory=lambda: ["ind"])
    province: str = ""
    regency: str = ""
    education: str = "unknown"
    marital_status: str = "unknown"
    children: int = 0
    disability: str = ""
    pregnant: bool = False
    modus: list[str] = field(default_factory=list)
    exploitation_types: list[str] = field(default_factory=list)
    control_methods: list[str] = field(default_factory=list)
    recruitment_methods: list[str] = field(default_factory=list)
    exploitation_country: str = ""
    exploitation_place: str = ""
    police_report_number: str = ""
    lpsk_protection: bool = False
    consent_services_on: dt.date | None = None
    consent_services_witness: str = ""
    consent_sharing_on: dt.date | None = None
    consent_sharing_witness: str = ""
    risk_level: str = "medium"
    hidden_identity: bool = False
    pseudonym: str = ""


@dataclass
class StayData:
    admission_date: dt.date | None = None
    evacuated_on: dt.date | None = None
    evacuated_from: str = ""
    evacuated_by: str = ""
    referred_by: str = ""
    bed_id: int | None = None


@dataclass
class ContactData:
    name: str = ""
    relation: str = "other"
    phone: str = ""
    safe: bool = False
    must_not_visit: bool = False
    note: str = ""


def _text(value: str, limit: int, field_name: str, *, required_message: str = "") -> str:
    cleaned = " ".join(value.split())
    if required_message and not cleaned:
        raise InputError(required_message, field_name)
    if len(cleaned) > limit:
        raise InputError(_("At most {count} characters here.").format(count=limit), field_name)
    return cleaned


def _codes(values: list[str], kind, field_name: str) -> str:
    try:
        return store_many([kind(value) for value in dict.fromkeys(values)])
    except ValueError:
        raise InputError(_("An unknown choice was given."), field_name) from None


def _code(value: str, kind, field_name: str) -> str:
    try:
        return kind(value).value
    except ValueError:
        raise InputError(_("An unknown choice was given."), field_name) from None


def _not_future(day: dt.date | None, today: dt.date, field_name: str) -> dt.date | None:
    if day is not None and day > today:
        raise InputError(_("This date is in the future."), field_name)
    return day


def normal_nik(value: str) -> str | None:
    digits = stdnum_nik.compact(value) if value.strip() else ""
    if not digits:
        return None
    try:
        return stdnum_nik.validate(digits)
    except ValidationError:
        raise InputError(_("This is not a valid NIK: it has 16 digits, starting with a "
                           "province code and holding the date of birth."), "nik") from None


def birth(data: PersonData, today: dt.date) -> tuple[dt.date, bool]:
    if data.birth_date is not None:
        if data.birth_date > today:
            raise InputError(_("The date of birth is in the future."), "birth_date")
        if rules.age_on(data.birth_date, today) > MAX_AGE:
            raise InputError(_("The date of birth is more than {years} years ago.").format(
                years=MAX_AGE), "birth_date")
        return data.birth_date, data.birth_date_estimated
    if data.estimated_age is not None:
        if not 0 <= data.estimated_age <= MAX_AGE:
            raise InputError(_("An age is between 0 and {years}.").format(years=MAX_AGE),
                             "estimated_age")
        return rules.birth_date_from_age(data.estimated_age, today), True
    raise InputError(_("Enter the date of birth, or an estimated age."), "birth_date")


def likely_birth_date(data: PersonData, today: dt.date) -> dt.date | None:
    """The birth date the service would store for `data` (from an age by the domain's
    rule), for warnings while the form is filled; None while none can be read yet."""
    try:
        return birth(data, today)[0]
    except InputError:
        return None


def person_columns(data: PersonData, today: dt.date) -> dict:
    """The Person columns for `data`, every field checked."""
    born, estimated = birth(data, today)
    for language in data.languages:
        if not places.is_language(language):
            raise InputError(_("An unknown language was given."), "languages")
    for code, name in ((data.nationality, "nationality"),
                       (data.exploitation_country, "exploitation_country")):
        if code and not places.is_country(code):
            raise InputError(_("An unknown country was given."), name)
    if data.province and data.province not in dict(places.provinces()):
        raise InputError(_("An unknown province was given."), "province")
    if not 0 <= data.children <= 30:
        raise InputError(_("The number of children is between 0 and 30."), "children")
    if data.hidden_identity and not data.pseudonym.strip():
        raise InputError(_("A hidden identity needs a pseudonym."), "pseudonym")
    return {
        "full_name": _text(data.full_name, 200, "full_name",
                           required_message=_("Enter the person's full name.")),
        "alias": _text(data.alias, 200, "alias"),
        "sex": _code(data.sex, Sex, "sex") if data.sex else _raise_sex(),
        "birth_date": born,
        "birth_date_estimated": estimated,
        "nik": normal_nik(data.nik),
        "nationality": data.nationality or "ID",
        "languages": store_many(dict.fromkeys(data.languages)),
        "province": data.province,
        "regency": _text(data.regency, 120, "regency"),
        "education": _code(data.education, Education, "education"),
        "marital_status": _code(data.marital_status, MaritalStatus, "marital_status"),
        "children": data.children,
        "disability": _text(data.disability, 200, "disability"),
        "pregnant": data.pregnant,
        "modus": _codes(data.modus, Modus, "modus"),
        "exploitation_types": _codes(data.exploitation_types, ExploitationType,
                                     "exploitation_types"),
        "control_methods": _codes(data.control_methods, ControlMethod, "control_methods"),
        "recruitment_methods": _codes(data.recruitment_methods, RecruitmentMethod,
                                      "recruitment_methods"),
        "exploitation_country": data.exploitation_country,
        "exploitation_place": _text(data.exploitation_place, 200, "exploitation_place"),
        "police_report_number": _text(data.police_report_number, 80,
                                      "police_report_number"),
        "lpsk_protection": data.lpsk_protection,
        "consent_services_on": _not_future(data.consent_services_on, today,
                                           "consent_services_on"),
        "consent_services_witness": _text(data.consent_services_witness, 120,
                                          "consent_services_witness"),
        "consent_sharing_on": _not_future(data.consent_sharing_on, today,
                                          "consent_sharing_on"),
        "consent_sharing_witness": _text(data.consent_sharing_witness, 120,
                                         "consent_sharing_witness"),
        "risk_level": _code(data.risk_level, RiskLevel, "risk_level"),
        "hidden_identity": data.hidden_identity,
        "pseudonym": _text(data.pseudonym, 60, "pseudonym"),
    }


def _raise_sex():
    raise InputError(_("Choose the person's sex: every record is counted by sex."), "sex")


def stay_columns(data: StayData, today: dt.date) -> dict:
    if data.admission_date is None:
        raise InputError(_("Enter the date of admission."), "admission_date")
    _not_future(data.admission_date, today, "admission_date")
    _not_future(data.evacuated_on, today, "evacuated_on")
    if data.evacuated_on is not None and data.evacuated_on > data.admission_date:
        raise InputError(_("The evacuation cannot be after the admission."), "evacuated_on")
    return {
        "admission_date": data.admission_date,
        "evacuated_on": data.evacuated_on,
        "evacuated_from": _text(data.evacuated_from, 200, "evacuated_from"),
        "evacuated_by": _text(data.evacuated_by, 200, "evacuated_by"),
        "referred_by": _text(data.referred_by, 200, "referred_by"),
    }


def normal_phone(value: str) -> str:
    """E.164, reading numbers without a country code as Indonesian."""
    if not value.strip():
        return ""
    try:
        number = phonenumbers.parse(value, "ID")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise InputError(_("This phone number is not valid."), "phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def contact_columns(data: ContactData) -> dict:
    return {
        "name": _text(data.name, 200, "name",
                      required_message=_("Enter the contact's name.")),
        "relation": _code(data.relation, Relation, "relation"),
        "phone": normal_phone(data.phone),
        **contact_flags(data.safe, data.must_not_visit),
        "note": data.note.strip()[:2000],
    }


def contact_flags(safe: bool, must_not_visit: bool) -> dict:
    """Someone who must not visit is never a safe contact."""
    return {"safe": safe and not must_not_visit, "must_not_visit": must_not_visit}


def person_data_of(person) -> PersonData:
    """A stored person back into the form's shape (for editing)."""
    values = {f.name: getattr(person, f.name) for f in fields(PersonData)
              if hasattr(person, f.name)}
    for name in ("languages", "modus", "exploitation_types", "control_methods",
                 "recruitment_methods"):
        values[name] = [code for code in getattr(person, name).strip(",").split(",") if code]
    values["nik"] = person.nik or ""
    return PersonData(**values)
