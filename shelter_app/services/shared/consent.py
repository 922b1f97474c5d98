"""Sharing a person's data outside the shelter (a referral, a case moved to another
shelter) needs their consent recorded at intake, or a manager's override with a reason,
which the caller audits on its own (Action.CONSENT_OVERRIDE)."""

from __future__ import annotations

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import Person
from shelter_app.domain.roles import Permission
from shelter_app.services.shared.workspace import Workspace

RECORDED, OVERRIDE = "recorded", "override"


def basis(person: Person) -> str:
    return RECORDED if person.consent_sharing_on is not None else OVERRIDE


def require_override(workspace: Workspace, override_reason: str, without_it: str) -> None:
    """No recorded consent: a reason (`without_it` says what to do when none is given),
    and a user who may override (a refusal is audited)."""
    if not override_reason:
        raise InputError(without_it, "override_reason")
    workspace.require(Permission.OVERRIDE_CONSENT)
