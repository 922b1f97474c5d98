"""Printed forms: the intake form, blank or filled from a record (audited as printed)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import Person
from shelter_app.domain.roles import Permission
from shelter_app.i18n import _, in_language
from shelter_app.services.residents import records
from shelter_app.services.residents.fields import ContactData
from shelter_app.services.shared.reporting import _letterhead, save
from shelter_app.services.shared.workspace import Workspace


def person_id_of(workspace: Workspace, case_number: str) -> int:
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.session() as session:
        found = session.scalar(select(Person.id).where(
            Person.case_number == case_number.strip().upper()))
    if found is None:
        raise InputError(_("No resident has this case number."), "case")
    return found


def intake_form(workspace: Workspace, person_id: int | None = None,
                language: str | None = None) -> bytes:
    from shelter_app.reports.residents import intake_form as form

    workspace.require(Permission.VIEW_RESIDENTS)
    name, zone = _letterhead(workspace)
    common = dict(shelter_name=name, made_at=workspace.clock(),
                  made_by=workspace.user.shown, time_zone=zone)
    if person_id is None:
        with in_language(language):
            return form.render(**common)
    profile = records.profile(workspace, person_id)
    stay = profile.open_stay or (profile.stays[-1] if profile.stays else None)
    contacts = [ContactData(name=c.name, relation=c.relation, phone=c.phone, safe=c.safe,
                            must_not_visit=c.must_not_visit) for c in profile.contacts]
    with in_language(language):
        return form.render(**common, case_number=profile.case_number,
                           shown_name=profile.shown_name, person=profile.data, stay=stay,
                           contacts=contacts)


def save_intake_form(workspace: Workspace, path: Path, person_id: int | None = None,
                     language: str | None = None) -> None:
    save(workspace, path, intake_form(workspace, person_id, language),
         "form_intake" if person_id is None else "form_intake_filled")
