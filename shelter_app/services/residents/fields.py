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
    id_number: str = ""  # KTP or passport: the gate checks visitors against it


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


class _Problems:
    """Runs checks, keeping each field's first problem instead of stopping at it: a form
    says all that is wrong at once, at each field."""

    def __init__(self):
        self.found: list[InputError] = []

    def __call__(self, check, *args, **kwargs):
        try:
            return check(*args, **kwargs)
        except InputError as error:
            if all(known.field != error.field for known in self.found):
                self.found.append(error)
            return None

    def raise_first(self) -> None:
        if self.found:
            raise self.found[0]


def person_columns(data: PersonData, today: dt.date) -> dict:
    """The Person columns for `data`, every field checked."""
    problems = _Problems()
    columns = _person_columns(data, today, problems)
    problems.raise_first()
    return columns


def person_problems(data: PersonData, today: dt.date) -> list[InputError]:
    """Every field of `data` that person_columns would refuse, with its message (each
    field once): the intake checks a page with it when the user moves on."""
    problems = _Problems()
    _person_columns(data, today, problems)
    return problems.found


def _known_codes(data: PersonData) -> None:
    for language in data.languages:
        if not places.is_language(language):
            raise InputError(_("An unknown language was given."), "languages")


def _known_country(code: str, name: str) -> None:
    if code and not places.is_country(code):
        raise InputError(_("An unknown country was given."), name)


def _known_province(province: str) -> None:
    if province and province not in dict(places.provinces()):
        raise InputError(_("An unknown province was given."), "province")


def _children(children: int) -> int:
    if not 0 <= children <= 30:
        raise InputError(_("The number of children is between 0 and 30."), "children")
    return children


def _pseudonym(data: PersonData) -> str:
    if data.hidden_identity and not data.pseudonym.strip():
        raise InputError(_("A hidden identity needs a pseudonym."), "pseudonym")
    return _text(data.pseudonym, 60, "pseudonym")


def _sex(sex: str) -> str:
    if not sex:
        raise InputError(_("Choose the person's sex: every record is counted by sex."), "sex")
    return _code(sex, Sex, "sex")


def _person_columns(data: PersonData, today: dt.date, check: _Problems) -> dict:
    born, estimated = check(birth, data, today) or (None, False)
    check(_known_codes, data)
    check(_known_country, data.nationality, "nationality")
    check(_known_country, data.exploitation_country, "exploitation_country")
    check(_known_province, data.province)
    children = check(_children, data.children)
    pseudonym = check(_pseudonym, data)
    return {
        "full_name": check(_text, data.full_name, 200, "full_name",
                           required_message=_("Enter the person's full name.")),
        "alias": check(_text, data.alias, 200, "alias"),
        "sex": check(_sex, data.sex),
        "birth_date": born,
        "birth_date_estimated": estimated,
        "nik": check(normal_nik, data.nik),
        "nationality": data.nationality or "ID",
        "languages": store_many(dict.fromkeys(data.languages)),
        "province": data.province,
        "regency": check(_text, data.regency, 120, "regency"),
        "education": check(_code, data.education, Education, "education"),
        "marital_status": check(_code, data.marital_status, MaritalStatus, "marital_status"),
        "children": children,
        "disability": check(_text, data.disability, 200, "disability"),
        "pregnant": data.pregnant,
        "modus": check(_codes, data.modus, Modus, "modus"),
        "exploitation_types": check(_codes, data.exploitation_types, ExploitationType,
                                    "exploitation_types"),
        "control_methods": check(_codes, data.control_methods, ControlMethod,
                                 "control_methods"),
        "recruitment_methods": check(_codes, data.recruitment_methods, RecruitmentMethod,
                                     "recruitment_methods"),
        "exploitation_country": data.exploitation_country,
        "exploitation_place": check(_text, data.exploitation_place, 200,
                                    "exploitation_place"),
        "police_report_number": check(_text, data.police_report_number, 80,
                                      "police_report_number"),
        "lpsk_protection": data.lpsk_protection,
        "consent_services_on": check(_not_future, data.consent_services_on, today,
                                     "consent_services_on"),
        "consent_services_witness": check(_text, data.consent_services_witness, 120,
                                          "consent_services_witness"),
        "consent_sharing_on": check(_not_future, data.consent_sharing_on, today,
                                    "consent_sharing_on"),
        "consent_sharing_witness": check(_text, data.consent_sharing_witness, 120,
                                         "consent_sharing_witness"),
        "risk_level": check(_code, data.risk_level, RiskLevel, "risk_level"),
        "hidden_identity": data.hidden_identity,
        "pseudonym": pseudonym,
    }


def stay_columns(data: StayData, today: dt.date) -> dict:
    problems = _Problems()
    columns = _stay_columns(data, today, problems)
    problems.raise_first()
    return columns


def stay_problems(data: StayData, today: dt.date) -> list[InputError]:
    """Every field of `data` that stay_columns would refuse (each once)."""
    problems = _Problems()
    _stay_columns(data, today, problems)
    return problems.found


def _admission(data: StayData, today: dt.date) -> dt.date:
    if data.admission_date is None:
        raise InputError(_("Enter the date of admission."), "admission_date")
    return _not_future(data.admission_date, today, "admission_date")


def _evacuation(data: StayData, today: dt.date) -> dt.date | None:
    _not_future(data.evacuated_on, today, "evacuated_on")
    if (data.evacuated_on is not None and data.admission_date is not None
            and data.evacuated_on > data.admission_date):
        raise InputError(_("The evacuation cannot be after the admission."), "evacuated_on")
    return data.evacuated_on


def _stay_columns(data: StayData, today: dt.date, check: _Problems) -> dict:
    return {
        "admission_date": check(_admission, data, today),
        "evacuated_on": check(_evacuation, data, today),
        "evacuated_from": check(_text, data.evacuated_from, 200, "evacuated_from"),
        "evacuated_by": check(_text, data.evacuated_by, 200, "evacuated_by"),
        "referred_by": check(_text, data.referred_by, 200, "referred_by"),
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
        "id_number": normal_id_number(data.id_number),
        **contact_flags(data.safe, data.must_not_visit),
        "note": data.note.strip()[:2000],
    }


_ID_NUMBER_SPACING = str.maketrans("", "", " -./")


def normal_id_number(value: str) -> str:
    """An identity document's number (a KTP's NIK, a passport's): letters and digits,
    upper case, without spaces, dashes, dots or slashes; 4 to 32 of them."""
    cleaned = value.strip().translate(_ID_NUMBER_SPACING).upper()
    if not cleaned:
        return ""
    if not (4 <= len(cleaned) <= 32 and cleaned.isascii() and cleaned.isalnum()):
        raise InputError(_("This ID number is not valid: letters and digits only, "
                           "4 to 32 of them."), "id_number")
    return cleaned


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
