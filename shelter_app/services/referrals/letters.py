"""The referral letter and the handover record, gathered from the records. A letter
carries only what its service needs: the name, sex and age always; the NIK and police
report for legal help; pregnancy and disability for health care; origin for going home."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from shelter_app.domain import rules
from shelter_app.domain.errors import InputError
from shelter_app.domain.models import Institution, Person, Referral, User
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import DischargeReason, Education, Modus, ServiceDomain, Sex, Urgency
from shelter_app.i18n import _, in_language, places
from shelter_app.i18n.formatting import format_age, format_date, format_period
from shelter_app.reports.referrals import letters
from shelter_app.services.residents import documents, records
from shelter_app.services.shared import settings
from shelter_app.services.shared.reporting import save
from shelter_app.services.shared.workspace import Workspace


def _letterhead(workspace: Workspace) -> tuple[settings.Letterhead, str, str]:
    """The shelter's letterhead settings, the printing user's name and the time zone."""
    with workspace.session() as session:
        name = session.scalar(select(User.display_name)
                              .where(User.username == workspace.user.username))
        return (settings.letterhead(session), name or workspace.user.username,
                settings.shelter_zone(session).key)


def _sender(workspace: Workspace, head: settings.Letterhead, user_name: str, *,
            head_signs: bool) -> letters.Sender:
    """Who signs: the head of the shelter when a name is set and the letter is theirs to
    sign, otherwise the user printing it, under their role. In the letter's language."""
    if head_signs and head.head_name:
        role, name = _("Head of the safe house"), head.head_name
    else:
        role, name = workspace.user.role.label, user_name
    return letters.Sender(head.shelter_name, head.address, head.city, head.phone, role, name)


def _base_facts(profile, on) -> list[tuple[str, str]]:
    data = profile.data
    # the birth date is withheld from who may not see a hidden identity: their age today
    age = rules.age_on(data.birth_date, on) if data.birth_date else profile.age
    return [(_("Name"), profile.shown_name), (_("Case number"), profile.case_number),
            (_("Sex"), Sex(data.sex).label),
            (_("Age"), format_age(age, estimated=data.birth_date_estimated))]


def _origin(data) -> str:
    province = places.province_name(data.province) if data.province else ""
    return ", ".join(part for part in (data.regency, province) if part)


def _domain_facts(domain: str, data) -> list[tuple[str, str]]:
    if domain.startswith("legal"):
        return [(_("NIK"), data.nik or "–"),
                (_("Police report number"), data.police_report_number or "–"),
                (_("Modus operandi"), ", ".join(Modus(code).label for code in data.modus))]
    if domain.startswith("health"):
        return [(_("Pregnant"), _("Yes") if data.pregnant else _("No")),
                (_("Disability"), data.disability or "–")]
    if domain == "repatriation":
        return [(_("Nationality"), places.country_name(data.nationality)),
                (_("Origin"), _origin(data) or "–")]
    if domain == "family_reintegration":
        return [(_("Origin"), _origin(data) or "–")]
    if domain in ("economic", "education"):
        return [(_("Education"), Education(data.education).label)]
    return []


def letter(workspace: Workspace, referral_id: int, language: str | None = None) -> bytes:
    workspace.require(Permission.REFER)
    with workspace.session() as session:
        row = session.get(Referral, referral_id)
        if row is None:
            raise InputError(_("This referral no longer exists."), "referral")
        institution = session.get(Institution, row.institution_id)
        consent_on = session.scalar(select(Person.consent_sharing_on)
                                    .where(Person.id == row.person_id))
        parts = (row.number, row.created_on, row.domain, row.urgency, row.reason, row.consent,
                 row.person_id, institution.name, institution.address,
                 institution.contact_person)
    (number, written_on, domain, urgency, reason, consent, person_id, name, address,
     contact) = parts
    profile = records.profile(workspace, person_id)
    head, user_name, zone = _letterhead(workspace)
    with in_language(language):
        consent_line = (_("The person agreed on {day} that these data may be shared for "
                          "their care.").format(day=format_date(consent_on))
                        if consent == "recorded" and consent_on else
                        _("These data are shared on the decision of the safe house's "
                          "manager, recorded in its audit log."))
        data = letters.LetterData(
            number, written_on, name, address, contact, ServiceDomain(domain).label,
            Urgency(urgency).label, reason,
            _base_facts(profile, written_on) + _domain_facts(domain, profile.data),
            consent_line)
        return letters.render_letter(data, _sender(workspace, head, user_name, head_signs=True),
                                     made_at=workspace.clock(),
                                     made_by=workspace.user.shown, time_zone=zone)


def save_letter(workspace: Workspace, path: Path, referral_id: int,
                language: str | None = None) -> None:
    save(workspace, path, letter(workspace, referral_id, language), "letter_referral")


def handover(workspace: Workspace, person_id: int, language: str | None = None) -> bytes:
    """The handover record of the person's last discharge."""
    workspace.require(Permission.VIEW_RESIDENTS)
    profile = records.profile(workspace, person_id)
    stays = [s for s in profile.stays if s.discharge_date is not None]
    if not stays or profile.open_stay is not None:
        raise InputError(_("The handover record is printed once the resident is "
                           "discharged."), "person")
    stay = stays[-1]
    head, user_name, zone = _letterhead(workspace)
    with in_language(language):
        facts = _base_facts(profile, stay.discharge_date) + [
            (_("In the shelter"), format_period(stay.admission_date, stay.discharge_date))]
        record = letters.HandoverData(
            stay.discharge_date, facts, stay.discharge_destination,
            DischargeReason(stay.discharge_reason).label if stay.discharge_reason else "–",
            # the documents from the safe handed back since this stay began
            documents.handed_back_since(workspace, person_id, stay.admission_date))
        # the one who hands the person over signs, whoever heads the shelter
        sender = _sender(workspace, head, user_name, head_signs=False)
        return letters.render_handover(record, sender, made_at=workspace.clock(),
                                       made_by=workspace.user.shown, time_zone=zone)


def save_handover(workspace: Workspace, path: Path, person_id: int,
                  language: str | None = None) -> None:
    save(workspace, path, handover(workspace, person_id, language), "form_handover")
