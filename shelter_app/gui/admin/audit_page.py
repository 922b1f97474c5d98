"""The newest audit events, and the database check."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.roles import parse_role
from shelter_app.gui.background import Op
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import inform
from shelter_app.i18n import N_, _
from shelter_app.i18n.formatting import format_datetime

ACTION_LABELS = {
    "login": N_("Logged in"), "login_failed": N_("Wrong password"),
    "account_locked": N_("Account locked"), "lock": N_("Locked the app"),
    "unlock": N_("Unlocked the app"), "logout": N_("Logged out"),
    "permission_denied": N_("Refused: not allowed"), "create": N_("Created"),
    "update": N_("Changed"), "delete": N_("Deleted"), "view": N_("Opened"),
    "export": N_("Exported"), "print": N_("Printed"), "user_add": N_("Added a user"),
    "user_disable": N_("Disabled a user"), "user_enable": N_("Enabled a user"),
    "password_reset": N_("Gave a new password"), "password_change": N_("Changed own password"),
    "settings_change": N_("Changed settings"), "check": N_("Checked the database"),
    "set_up": N_("Set up the shelter"), "admit": N_("Admitted a resident"),
    "discharge": N_("Discharged a resident"), "transfer": N_("Moved to another bed"),
    "stage_move": N_("Moved a case to a stage"), "backup": N_("Made a backup"),
    "restore": N_("Restored a backup"), "rekey": N_("Gave the database a new key"),
    "provisions": N_("Recorded provisions"),
    "provisions_edit": N_("Changed provisions already recorded (or of a past day)"),
    "decision": N_("Recorded a stay decision"),
    "session_book": N_("Booked a counselling session"),
    "session_change": N_("Changed a counselling session"),
    "session_outcome": N_("Recorded how a session went"),
    "session_notes": N_("Wrote session notes"),
    "assessment": N_("Recorded an assessment"),
    "conference": N_("Recorded a case conference"),
    "plan_update": N_("Changed an empowerment plan"),
    "institution": N_("Added or changed an institution"),
    "institutions_import": N_("Imported institutions"),
    "referral": N_("Made a referral"),
    "referral_status": N_("Moved a referral on"),
    "consent_override": N_("Referred without recorded consent (override)"),
    "follow_up": N_("Planned or recorded a follow-up visit"),
    "case_close": N_("Closed a case"),
    "case_reopen": N_("Reopened a case"),
    "give_access": N_("Gave a colleague access to sealed records"),
    "audit_log_cut": N_("Found the audit log cut short"),
    "attempts_reset": N_("Found the failed-login record deleted"),
    "password_check_failed": N_("Typed a wrong password while logged in"),
    "moved_to_server": N_("Moved the shelter onto the shared server"),
    "residents_import": N_("Imported residents from a register"),
    "stats_export": N_("Exported protected statistics"),
    "transfer_out": N_("Sent a case to another shelter"),
    "transfer_in": N_("Received a case from another shelter"),
}


def action_label(action: str) -> str:
    return _(ACTION_LABELS[action]) if action in ACTION_LABELS else action


def role_label(role: str) -> str:
    parsed = parse_role(role) if role else None
    return parsed.label if parsed else role


class AuditPage(QWidget):
    def __init__(self, workspace, time_zone: str):
        super().__init__()
        self.workspace, self.time_zone = workspace, time_zone
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [_("Time"), _("User"), _("Role"), _("Action"), _("Record")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        refresh = QPushButton(_("&Refresh"))
        refresh.clicked.connect(self.refresh)
        check = QPushButton(_("&Check the database…"))
        check.clicked.connect(self.check)
        buttons = QHBoxLayout()
        buttons.addWidget(refresh)
        buttons.addWidget(check)
        buttons.addStretch()
        note = QLabel(_("The audit log says who did what to which record, never what the "
                        "record says. Each event is chained to the one before, so a change "
                        "to the log is found by the check."))
        note.setWordWrap(True)
        set_role(note, tone="muted")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(note)
        self.refresh()

    def refresh(self) -> None:
        from shelter_app.services.administration.audit_log import recent_events

        Op(self, lambda: recent_events(self.workspace), self._show).run_in_background()

    def _show(self, events) -> None:
        self.table.setRowCount(len(events))
        for row, event in enumerate(events):
            cells = (format_datetime(event.at, self.time_zone), event.username,
                     role_label(event.role), action_label(event.action),
                     f"{event.entity} {event.entity_id}".strip())
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def check(self) -> None:
        from shelter_app.services.administration.check import run_check

        Op(self, lambda: run_check(self.workspace), self._checked).with_progress(
            _("Checking the database…")).run_in_background()

    def _checked(self, findings) -> None:
        lines = [("✔ " if f.ok else "✘ ") + f.label + (f": {f.detail}" if f.detail else "")
                 for f in findings]
        title = _("All checks passed") if all(f.ok for f in findings) else _("Problems found")
        inform(self, title, "\n".join(lines))
        self.refresh()
