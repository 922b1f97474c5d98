"""Roles and what each may do. Services check these; the GUI only hides buttons."""

from __future__ import annotations

from enum import StrEnum

from shelter_app.i18n import N_, _


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    STAFF = "staff"
    COUNSELLOR = "counsellor"

    @property
    def label(self) -> str:
        return _(_ROLE_LABELS[self])


_ROLE_LABELS = {
    Role.ADMIN: N_("Administrator"),
    Role.MANAGER: N_("Manager"),
    Role.STAFF: N_("Shelter staff"),
    Role.COUNSELLOR: N_("Counsellor"),
}


class Permission(StrEnum):
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"
    VIEW_AUDIT = "view_audit"
    CHECK_DATABASE = "check_database"
    VIEW_RESIDENTS = "view_residents"
    VIEW_SETTINGS = "view_settings"


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.MANAGER: frozenset(
        {Permission.VIEW_AUDIT, Permission.CHECK_DATABASE, Permission.VIEW_RESIDENTS,
         Permission.VIEW_SETTINGS}
    ),
    Role.STAFF: frozenset({Permission.VIEW_RESIDENTS, Permission.VIEW_SETTINGS}),
    Role.COUNSELLOR: frozenset({Permission.VIEW_RESIDENTS, Permission.VIEW_SETTINGS}),
}


def may(role: Role, permission: Permission) -> bool:
    return permission in GRANTS[role]


def parse_role(value: str) -> Role | None:
    try:
        return Role(value.strip().lower())
    except ValueError:
        return None
