"""What a case transfer carries, in HTCDS 2.0 field names, and the strict reading of it.

The payload is UTF-8 JSON: `{"format", "version", "person", "victim", "case", "consent",
"contacts"}`, each section keyed by the standard's names (`prs_`, `vic_`, `cas_`,
`con_`; resources/reference/htcds-2.0-fields.tsv). What the standard has no field for
keeps its section's prefix and ends in `__c` (the standard's own mark for a custom field):
`cas_Stage__c`, `vic_Modus__c`. Indonesian names are not split into given and family
names: the whole name is `prs_FirstName`.

Sent: the person (name, alias, pseudonym, sex, birth date or its estimate, NIK, origin,
citizenship, languages, education, marital status, children, disability, pregnancy),
how she was trafficked (types of exploitation, methods of control and of recruitment,
where, the modus), the case (its number here, this shelter's name, the date and why it
moves, its stage, risk level, police report, LPSK protection) and the consent dates, and
the family and contacts with their flags and ID numbers: a contact who must not visit is
safety information the receiving shelter needs, and the gate there checks visitors by
the number on their KTP or passport too (services/residents/visitors.py).

Versions: 2 carries each contact's ID number (`prs_IdentityNumber`, the standard's own
field); a file of version 1, made before, is still read (its contacts without one). An
older Rumah Aman refuses a version 2 file as made by a newer version.

Never sent: counselling sessions and their notes, assessments, case conferences and
plans (what a person told a counsellor stays where she told it), provisions, referrals
and follow-ups, the bed history, the audit log, and the users' names (witnesses
included): the receiving shelter starts its own records from the day she arrives.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from shelter_app.domain.errors import InputError
from shelter_app.domain.vocab import (
    CaseStage,
    ControlMethod,
    ExploitationType,
    Modus,
    RecruitmentMethod,
    Relation,
    RiskLevel,
)
from shelter_app.i18n import _
from shelter_app.services.residents.fields import ContactData, PersonData
from shelter_app.storage.transfer_file import TransferUnreadable

FORMAT = "rumah-aman/case-transfer"
VERSION = 2
READABLE = (1, 2)  # 1: the contacts without their ID numbers

GENDER = {"F": "Feminine", "M": "Masculine"}
EDUCATION = {"primary": "PrimaryEducation", "junior": "LowerSecondaryEducation",
             "senior": "UpperSecondaryEducation", "higher": "ShortCycleTertiaryEducation"}
EDUCATION_IN = {**{value: code for code, value in EDUCATION.items()},
                "EarlyChildhoodEducation": "none",
                "PostSecondaryNonTertiaryEducation": "senior",
                "BachelorsOrEquivalentLevel": "higher", "MastersOrEquivalentLevel": "higher",
                "DoctoralOrEquivalentLevel": "higher"}
MARITAL = {"single": "Single", "married": "Married", "divorced": "Divorced",
           "widowed": "Widowed"}
MARITAL_IN = {**{value: code for code, value in MARITAL.items()},
              "Separated": "divorced", "RegisteredPartnership": "married"}
REASONS = ("MigrationOrChangeOfLocation", "AdditionalServicesRequired", "Other")


@dataclass(frozen=True)
class IncomingCase:
    """A transfer file read and checked: the intake's data, ready for records."""

    person: PersonData
    contacts: list[ContactData]
    from_shelter: str
    from_case_number: str
    sent_on: dt.date
    reason: str  # one of REASONS
    details: str
    stage: str
    consent: str  # "recorded" or "override", at the sending shelter

    @property
    def protected(self) -> bool:
        return self.person.hidden_identity


def _codes(stored: str) -> list[str]:
    return [code for code in stored.strip(",").split(",") if code]


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def build(person, real, contacts, *, shelter: str, on: dt.date, consent: str, reason: str,
          details: str) -> bytes:
    """The payload for `person` (a models.Person; `real` its real identity, opened)."""
    languages = _codes(person.languages)
    payload = {
        "format": FORMAT, "version": VERSION,
        "person": {
            "prs_FirstName": real.full_name, "prs_Alias__c": real.alias,
            "prs_Pseudonym__c": person.pseudonym,
            "prs_HiddenIdentity__c": bool(person.hidden_identity),
            "prs_Gender": GENDER[person.sex],
            "prs_Birthdate": _day(person.birth_date),
            "prs_BirthdateEstimated__c": bool(person.birth_date_estimated),
            "prs_IdentityNumber": real.nik or "",
            "prs_Citizenship": [person.nationality] if person.nationality else [],
            "prs_PrimaryLanguage": languages[0] if languages else None,
            "prs_SecondaryLanguage": languages[1] if len(languages) > 1 else None,
            "prs_OtherLanguages__c": languages[2:],
            "prs_HighestLevelOfEducation": EDUCATION.get(person.education),
            "prs_NoSchooling__c": person.education == "none",
            "prs_MaritalStatus": MARITAL.get(person.marital_status),
            "prs_NumberOfChildren": person.children,
            "prs_OriginProvince__c": person.province, "prs_OriginRegency__c": person.regency,
            "prs_Disability__c": person.disability, "prs_Pregnant__c": bool(person.pregnant),
        },
        "victim": {
            "vic_TypeOfExploitation": _codes(person.exploitation_types),
            "vic_MethodsOfControl": _codes(person.control_methods),
            "vic_MethodOfRecruitment": _codes(person.recruitment_methods),
            "vic_ExploitationCountry__c": person.exploitation_country,
            "vic_ExploitationPlace__c": person.exploitation_place,
            "vic_Modus__c": _codes(person.modus),
        },
        "case": {
            "cas_Status": "Active",
            "cas_OriginCaseNumber__c": person.case_number,
            "cas_ReferringOrganisation": shelter,
            "cas_IncomingReferralDate": on.isoformat(),
            "cas_ReasonForIncomingReferral": reason,
            "cas_IncomingReferralDetails": details,
            "cas_Stage__c": person.stage, "cas_RiskLevel__c": person.risk_level,
            "cas_PoliceReportNumber__c": person.police_report_number,
            "cas_LpskProtection__c": bool(person.lpsk_protection),
        },
        "consent": {
            "con_Consent": person.consent_sharing_on is not None,
            "con_SharingBasis__c": consent,
            "con_SharingConsentDate__c": _day(person.consent_sharing_on),
            "con_ServicesConsentDate__c": _day(person.consent_services_on),
        },
        "contacts": [{
            "prs_FirstName": contact.name, "prs_RelationshipToVictim__c": contact.relation,
            "prs_MobilePhone": contact.phone, "prs_SafeContact__c": bool(contact.safe),
            "prs_MustNotVisit__c": bool(contact.must_not_visit),
            "prs_ContactNote__c": contact.note,
            "prs_IdentityNumber": contact.id_number or "",
        } for contact in contacts],
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


class _Bad(Exception):
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


class _Section:
    """One section of the payload, every key read once and checked; a key left over is
    refused too (a file with fields this version does not know is not half-read)."""

    def __init__(self, payload: dict, name: str):
        self.name, self.values = name, payload.get(name)
        if not isinstance(self.values, dict):
            raise _Bad(name)
        self.read: set[str] = set()

    def _get(self, key: str, kinds: tuple, nullable: bool = False):
        self.read.add(key)
        if key not in self.values:
            raise _Bad(key)
        value = self.values[key]
        if value is None and nullable:
            return None
        if not isinstance(value, kinds) or (bool in kinds) != isinstance(value, bool):
            raise _Bad(key)
        return value

    def text(self, key: str, limit: int) -> str:
        value = self._get(key, (str,))
        if len(value) > limit:
            raise _Bad(key)
        return value

    def flag(self, key: str) -> bool:
        return self._get(key, (bool,))

    def number(self, key: str, low: int, high: int) -> int:
        value = self._get(key, (int,))
        if not low <= value <= high:
            raise _Bad(key)
        return value

    def day(self, key: str, nullable: bool = True) -> dt.date | None:
        value = self._get(key, (str,), nullable)
        try:
            return None if value is None else dt.date.fromisoformat(value)
        except ValueError:
            raise _Bad(key) from None

    def choice(self, key: str, allowed, nullable: bool = False) -> str | None:
        value = self._get(key, (str,), nullable)
        if value is not None and value not in allowed:
            raise _Bad(key)
        return value

    def choices(self, key: str, allowed, limit: int = 40) -> list[str]:
        values = self._get(key, (list,))
        if len(values) > limit or any(not isinstance(v, str) or v not in allowed
                                      for v in values):
            raise _Bad(key)
        return values

    def done(self) -> None:
        extra = set(self.values) - self.read
        if extra:
            raise _Bad(sorted(extra)[0])


def parse(plain: bytes) -> IncomingCase:
    """The checked payload; TransferUnreadable naming the first field it cannot accept."""
    try:
        payload = json.loads(plain.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: [[[[…
        raise TransferUnreadable(_("The transfer file is damaged or incomplete. Ask the other "
                                   "shelter to send it again.")) from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise TransferUnreadable(_("This file is not a case transfer file of Rumah Aman."))
    version = payload.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise TransferUnreadable(_("This transfer file was made by a newer version of Rumah "
                                   "Aman. Install that version to receive the case."))
    try:
        if version not in READABLE or isinstance(version, bool) or set(payload) != {
                "format", "version", "person", "victim", "case", "consent", "contacts"}:
            raise _Bad("version")
        return _incoming(payload, version)
    except _Bad as bad:
        raise TransferUnreadable(_("The transfer file holds a value Rumah Aman cannot accept "
                                   "({field}). Nothing was received.").format(field=bad.name)
                                 ) from None


def _incoming(payload: dict, version: int) -> IncomingCase:
    person, victim = _Section(payload, "person"), _Section(payload, "victim")
    case, consent = _Section(payload, "case"), _Section(payload, "consent")
    primary = person.choice("prs_PrimaryLanguage", _AnyShortCode(), nullable=True)
    second = person.choice("prs_SecondaryLanguage", _AnyShortCode(), nullable=True)
    others = person.choices("prs_OtherLanguages__c", _AnyShortCode(), 20)
    languages = [code for code in (primary, second, *others) if code]
    education = person.choice("prs_HighestLevelOfEducation", EDUCATION_IN, nullable=True)
    marital = person.choice("prs_MaritalStatus", MARITAL_IN, nullable=True)
    citizenship = person.choices("prs_Citizenship", _AnyShortCode(), 1)
    data = PersonData(
        full_name=person.text("prs_FirstName", 200), alias=person.text("prs_Alias__c", 200),
        pseudonym=person.text("prs_Pseudonym__c", 60),
        hidden_identity=person.flag("prs_HiddenIdentity__c"),
        sex={v: k for k, v in GENDER.items()}[person.choice("prs_Gender", GENDER.values())],
        birth_date=person.day("prs_Birthdate", nullable=False),
        birth_date_estimated=person.flag("prs_BirthdateEstimated__c"),
        nik=person.text("prs_IdentityNumber", 20),
        nationality=citizenship[0] if citizenship else "ID", languages=languages,
        education=("none" if person.flag("prs_NoSchooling__c")
                   else EDUCATION_IN.get(education, "unknown")),
        marital_status=MARITAL_IN.get(marital, "unknown"),
        children=person.number("prs_NumberOfChildren", 0, 30),
        province=person.text("prs_OriginProvince__c", 8),
        regency=person.text("prs_OriginRegency__c", 120),
        disability=person.text("prs_Disability__c", 200),
        pregnant=person.flag("prs_Pregnant__c"),
        exploitation_types=victim.choices("vic_TypeOfExploitation", set(ExploitationType)),
        control_methods=victim.choices("vic_MethodsOfControl", set(ControlMethod)),
        recruitment_methods=victim.choices("vic_MethodOfRecruitment", set(RecruitmentMethod)),
        exploitation_country=victim.text("vic_ExploitationCountry__c", 2),
        exploitation_place=victim.text("vic_ExploitationPlace__c", 200),
        modus=victim.choices("vic_Modus__c", set(Modus)),
        police_report_number=case.text("cas_PoliceReportNumber__c", 80),
        lpsk_protection=case.flag("cas_LpskProtection__c"),
        risk_level=case.choice("cas_RiskLevel__c", set(RiskLevel)),
        consent_sharing_on=consent.day("con_SharingConsentDate__c"),
        consent_services_on=consent.day("con_ServicesConsentDate__c"),
    )
    consent.flag("con_Consent")
    basis = consent.choice("con_SharingBasis__c", ("recorded", "override"))
    case.choice("cas_Status", ("Active",))
    incoming = IncomingCase(
        data, _contacts(payload, version), case.text("cas_ReferringOrganisation", 200).strip(),
        case.text("cas_OriginCaseNumber__c", 32).strip(),
        case.day("cas_IncomingReferralDate", nullable=False),
        case.choice("cas_ReasonForIncomingReferral", REASONS),
        case.text("cas_IncomingReferralDetails", 2000),
        case.choice("cas_Stage__c", set(CaseStage)), basis)
    for section in (person, victim, case, consent):
        section.done()
    if not incoming.from_shelter:
        raise _Bad("cas_ReferringOrganisation")
    return incoming


class _AnyShortCode:
    """A language or country code: checked again, against the real lists, by the intake's
    rules (fields.person_columns) when the case is received."""

    def __contains__(self, value) -> bool:
        return isinstance(value, str) and 0 < len(value) <= 3


def _contacts(payload: dict, version: int) -> list[ContactData]:
    rows = payload.get("contacts")
    if not isinstance(rows, list) or len(rows) > 50:
        raise _Bad("contacts")
    contacts = []
    for row in rows:
        section = _Section({"contact": row}, "contact")
        contacts.append(ContactData(
            name=section.text("prs_FirstName", 200),
            relation=section.choice("prs_RelationshipToVictim__c", set(Relation)),
            phone=section.text("prs_MobilePhone", 32),
            safe=section.flag("prs_SafeContact__c"),
            must_not_visit=section.flag("prs_MustNotVisit__c"),
            note=section.text("prs_ContactNote__c", 2000),
            # checked by the intake's rule (fields.normal_id_number) when received
            id_number=section.text("prs_IdentityNumber", 40) if version >= 2 else ""))
        section.done()
    return contacts


def bad_value(error: InputError) -> TransferUnreadable:
    """An intake rule refused a value the file holds (a NIK, a phone, a date)."""
    return TransferUnreadable(_("The transfer file holds a value Rumah Aman cannot accept "
                                "({field}): {problem} Nothing was received.").format(
        field=error.field or "?", problem=str(error)))
