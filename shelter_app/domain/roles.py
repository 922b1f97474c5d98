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
    EDIT_RESIDENTS = "edit_residents"  # intake, profile, contacts, beds, discharge
    VIEW_NAMES = "view_names"  # a resident's real name in the profile
    VIEW_HIDDEN_IDENTITY = "view_hidden_identity"  # ... even when the identity is hidden
    MOVE_CASE_STAGE = "move_case_stage"
    MANAGE_ROOMS = "manage_rooms"
    PRINT_REPORTS = "print_reports"
    EXPORT_DATA = "export_data"
    IMPORT_RESIDENTS = "import_residents"  # an old register brought in at once
    TRANSFER_CASES = "transfer_cases"  # send a case to another shelter, receive one
    MANAGE_BACKUPS = "manage_backups"  # back up, restore, new master key
    RECORD_PROVISIONS = "record_provisions"
    MANAGE_CATALOG = "manage_catalog"  # provision items, prices, the daily package
    REVIEW_STAGE_TWO = "review_stage_two"
    EXTEND_STAY = "extend_stay"
    VIEW_SESSIONS = "view_sessions"  # the calendar: who, when, where, never the notes
    BOOK_SESSIONS = "book_sessions"  # book, move, and record how a session went
    SESSION_NOTES = "session_notes"  # read and write notes: counsellors only
    CASE_WORK = "case_work"  # assessments, case conferences, empowerment plans
    REFER = "refer"  # refer a resident and follow the referral
    MANAGE_INSTITUTIONS = "manage_institutions"  # the directory of partner institutions
    OVERRIDE_CONSENT = "override_consent"  # refer without recorded consent, with a reason
    FOLLOW_UP = "follow_up"  # follow-up visits, closing and reopening a case
    VIEW_DASHBOARD = "view_dashboard"


_EVERYONE = {Permission.VIEW_RESIDENTS, Permission.VIEW_SETTINGS, Permission.VIEW_NAMES,
             Permission.MOVE_CASE_STAGE, Permission.VIEW_SESSIONS, Permission.REFER}
GRANTS: dict[Role, frozenset[Permission]] = {
    # Session notes are for counsellors alone, not for whoever runs the computer.
    Role.ADMIN: frozenset(Permission) - {Permission.SESSION_NOTES},
    Role.MANAGER: frozenset(_EVERYONE | {
        Permission.VIEW_AUDIT, Permission.CHECK_DATABASE, Permission.EDIT_RESIDENTS,
        Permission.VIEW_HIDDEN_IDENTITY, Permission.MANAGE_ROOMS, Permission.PRINT_REPORTS,
        Permission.EXPORT_DATA, Permission.IMPORT_RESIDENTS, Permission.TRANSFER_CASES,
        Permission.RECORD_PROVISIONS, Permission.MANAGE_CATALOG,
        Permission.REVIEW_STAGE_TWO, Permission.EXTEND_STAY, Permission.BOOK_SESSIONS,
        Permission.CASE_WORK, Permission.MANAGE_INSTITUTIONS, Permission.OVERRIDE_CONSENT,
        Permission.FOLLOW_UP, Permission.VIEW_DASHBOARD}),
    Role.STAFF: frozenset(_EVERYONE | {Permission.EDIT_RESIDENTS,
                                       Permission.RECORD_PROVISIONS,
                                       Permission.MANAGE_INSTITUTIONS}),
    Role.COUNSELLOR: frozenset(_EVERYONE | {Permission.REVIEW_STAGE_TWO,
                                            Permission.BOOK_SESSIONS,
                                            Permission.SESSION_NOTES, Permission.CASE_WORK,
                                            Permission.FOLLOW_UP}),
}


def may(role: Role, permission: Permission) -> bool:
    return permission in GRANTS[role]


def roles_with(permission: Permission) -> list[Role]:
    """The roles that may do `permission`: whom to ask, for a user who may not."""
    return [role for role in Role if may(role, permission)]


def parse_role(value: str) -> Role | None:
    try:
        return Role(value.strip().lower())
    except ValueError:
        return None
