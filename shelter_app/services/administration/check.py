"""`check`: is the key file whole, the database encrypted and sound, the audit chain intact?"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from shelter_app.domain.roles import Permission
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_datetime
from shelter_app.services.shared import audit, audit_anchor
from shelter_app.services.shared.workspace import Workspace
from shelter_app.storage import migrate
from shelter_app.storage.engine import file_looks_plain, for_reading
from shelter_app.storage.keyfile import KeyFile


@dataclass(frozen=True)
class Finding:
    label: str
    ok: bool
    detail: str = ""


def _pragma_rows(connection, pragma: str) -> list[str]:
    return [str(row[0]) for row in connection.execute(text(f"PRAGMA {pragma}"))]


def run_check(workspace: Workspace) -> list[Finding]:
    workspace.require(Permission.CHECK_DATABASE)
    findings: list[Finding] = []
    if workspace.is_server:
        findings.append(_server_finding(workspace))
    else:
        findings.extend(_file_findings(workspace))
    current, head = migrate.current_revision(workspace.engine), migrate.head_revision()
    findings.append(Finding(_("Database schema"), current == head,
                            _("version {current}, expected {head}").format(
                                current=current, head=head)))
    with workspace.session() as session:
        chain = audit.verify_chain(session)
        if chain.ok:
            detail = _("{count} events").format(count=chain.events)
        elif chain.first_broken_id is not None:
            detail = _("event {number} was changed or removed").format(
                number=chain.first_broken_id)
        else:
            detail = _("the newest events were removed")
        findings.append(Finding(_("Audit log chain"), chain.ok, detail))
        if not workspace.is_server:  # a server's chain has no copy on one PC
            findings.append(_anchor_finding(workspace, session))
        workspace.audit(session, audit.Action.CHECK, "database", "")
    return findings


def _server_finding(workspace: Workspace) -> Finding:
    with workspace.engine.connect() as connection:
        version = connection.execute(text("SHOW server_version")).scalar()
        encrypted = connection.execute(text("SELECT ssl FROM pg_stat_ssl "
                                            "WHERE pid = pg_backend_pid()")).scalar()
    return Finding(_("Encrypted connection to the server"), bool(encrypted),
                   f"PostgreSQL {version}")


def _file_findings(workspace: Workspace) -> list[Finding]:
    findings: list[Finding] = []
    try:
        KeyFile.load(workspace.data_dir.key_file).authenticate(workspace.master_key)
        findings.append(Finding(_("Key file"), True))
    except Exception as error:  # noqa: BLE001 - reported, not raised: check goes on
        findings.append(Finding(_("Key file"), False, str(error)))
    encrypted = not file_looks_plain(workspace.data_dir.database)
    findings.append(Finding(_("Database is encrypted"), encrypted))
    with for_reading(workspace.engine).connect() as connection:  # others keep saving
        version = connection.execute(text("PRAGMA cipher_version")).scalar()
        findings.append(Finding(_("SQLCipher"), bool(version), str(version or "")))
        integrity = _pragma_rows(connection, "integrity_check")
        findings.append(Finding(_("Database integrity"), integrity == ["ok"],
                                "; ".join(integrity[:5])))
        cipher = _pragma_rows(connection, "cipher_integrity_check")
        findings.append(Finding(_("Page checksums"), not cipher, "; ".join(cipher[:5])))
    return findings


def _anchor_finding(workspace: Workspace, session) -> Finding:
    """The chain's end against its copy beside the key file, now and as logins found it
    since the last check (a login re-anchors the chain after recording a cut)."""
    problem = audit_anchor.compare(session, workspace.data_dir.audit_anchor,
                                   workspace.master_key, workspace.key_file.installation_id)
    cuts = audit_anchor.cuts_since_last_check(session)
    if problem is not None:
        return Finding(_("Audit log copy beside the key file"), False, problem.notice().text())
    if cuts:
        return Finding(_("Audit log copy beside the key file"), False, _(
            "newest events were removed before the login of {when}").format(
                when=format_datetime(cuts[-1])))
    return Finding(_("Audit log copy beside the key file"), True)
