"""Reading the audit log (managers and administrators)."""

from __future__ import annotations

from shelter_app.domain.roles import Permission
from shelter_app.services.shared import audit
from shelter_app.services.shared.workspace import Workspace


def recent_events(workspace: Workspace, limit: int = 200) -> list[audit.AuditRow]:
    workspace.require(Permission.VIEW_AUDIT)
    with workspace.session() as session:
        return audit.recent(session, limit)
