"""Residents. For now the overview the main window shows; the full records come next."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select

from shelter_app.domain.models import Person, Setting, Stay
from shelter_app.domain.roles import Permission
from shelter_app.services.settings import SettingKey
from shelter_app.services.workspace import Workspace


@dataclass(frozen=True)
class Overview:
    persons: int
    present_today: int


def overview(workspace: Workspace) -> Overview:
    """Counts only: no record is opened, so nothing to audit."""
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.session() as session:
        zone = session.scalar(select(Setting.value).where(
            Setting.key == SettingKey.TIME_ZONE.value)) or "Asia/Jakarta"
        today = workspace.clock().astimezone(ZoneInfo(zone)).date()
        persons = session.scalar(select(func.count(Person.id)))
        present = session.scalar(select(func.count(Stay.id)).where(
            Stay.admission_date <= today,
            or_(Stay.discharge_date.is_(None), Stay.discharge_date > today)))
    return Overview(persons or 0, present or 0)
