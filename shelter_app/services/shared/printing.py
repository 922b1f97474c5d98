"""Printing on paper: the permission each printed document needs, and the audit entry
that records it was printed. The PDF itself comes from the service that makes the
document; the same bytes are previewed, saved and printed."""

from __future__ import annotations

from pathlib import Path

from shelter_app.domain.roles import Permission
from shelter_app.services.shared import audit
from shelter_app.services.shared.reporting import save
from shelter_app.services.shared.workspace import Workspace

# What the audit log calls each printed document -> who may print it (as who may make it).
PRINTED: dict[str, Permission] = {
    "report_occupancy": Permission.PRINT_REPORTS,
    "report_provisions": Permission.PRINT_REPORTS,
    "report_sessions": Permission.PRINT_REPORTS,
    "report_referrals": Permission.PRINT_REPORTS,
    "report_monthly": Permission.PRINT_REPORTS,
    "receipt": Permission.PRINT_REPORTS,
    "receipt_document": Permission.EDIT_RESIDENTS,  # the safe's receipts (documents.py)
    "report_schedule": Permission.VIEW_SESSIONS,
    "letter_referral": Permission.REFER,
    "form_intake": Permission.VIEW_RESIDENTS,
    "form_intake_filled": Permission.VIEW_RESIDENTS,
    "form_handover": Permission.VIEW_RESIDENTS,
    "recovery_sheet": Permission.MANAGE_SETTINGS,
}


def record_printed(workspace: Workspace, what: str) -> None:
    """A document went to a printer: audited like a saved file, by the same rule."""
    workspace.require(PRINTED[what])
    with workspace.session() as session:
        workspace.audit(session, audit.Action.PRINT, what, "")


def save_pdf(workspace: Workspace, path: Path, pdf: bytes, what: str) -> None:
    """Save the document shown in the preview (the very bytes) as a PDF file, audited as
    every saved report or form is."""
    workspace.require(PRINTED[what])
    save(workspace, path, pdf, what)
