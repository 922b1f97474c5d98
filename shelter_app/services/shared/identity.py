"""Who may see a resident's real name. Lists show the case number and initials; the
profile shows the name to roles allowed to see it; a hidden identity shows a pseudonym
to everyone but managers and administrators."""

from __future__ import annotations

import re

from shelter_app.domain.roles import Permission
from shelter_app.domain.rules import initials
from shelter_app.services.shared.workspace import Workspace


def sees_identity(workspace: Workspace, hidden: bool) -> bool:
    """A hidden identity is sealed: seen by who may, and holds the managers' key."""
    if hidden:
        return (workspace.may(Permission.VIEW_HIDDEN_IDENTITY)
                and workspace.role_key("managers") is not None)
    return workspace.may(Permission.VIEW_NAMES)


def shown_name(workspace: Workspace, full_name: str, hidden: bool, pseudonym: str) -> str:
    if sees_identity(workspace, hidden):
        return full_name
    return pseudonym or "?"


def list_label(workspace: Workspace, full_name: str, hidden: bool, pseudonym: str) -> str:
    """Initials only; of the pseudonym when the identity is hidden from this role."""
    name = full_name if sees_identity(workspace, hidden) else (pseudonym or "?")
    return initials(name) or "?"


_WORDS = re.compile(r"\w+")


def search_texts(case_number: str, full_name: str, alias: str, hidden: bool,
                 pseudonym: str, nik: str | None) -> tuple[str, str]:
    """(visible, full): what anyone may find a person by, and what managers may. Neither
    holds a hidden person's real name or NIK: managers find those by the blind tokens
    (services/shared/sealed_identity.py)."""
    public = " ".join([case_number, pseudonym if hidden else f"{full_name} {alias}"])
    full = public if hidden else " ".join([case_number, full_name, alias, pseudonym,
                                           nik or ""])
    # words alone: PostgreSQL's parser would read "ra-2026-0002" as "ra", "-2026", "-0002"
    return " ".join(_WORDS.findall(public.lower())), " ".join(_WORDS.findall(full.lower()))


def search_column(workspace: Workspace) -> str:
    return "full" if workspace.may(Permission.VIEW_HIDDEN_IDENTITY) else "visible"
