"""The profile's Referrals tab: the resident's referrals with their steps, the handover
record after discharge, follow-up visits, and closing or reopening the case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import FollowUpStatus, ReferralStatus, ServiceDomain
from shelter_app.gui.background import Op, explain
from shelter_app.gui.printing import open_preview
from shelter_app.gui.referrals.area import preview_letter, save_letter
from shelter_app.gui.widgets import (
    fill_table,
    open_dialog,
    read_only_table,
    show_message,
)
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.services.referrals import followups, letters, tracking


class ReferralsTab(QWidget):
    changed = Signal()

    def __init__(self, workspace, person_id: int):
        super().__init__()
        self.workspace, self.person_id = workspace, person_id
        self.today: dt.date | None = None
        self.label, self.present = "", True
        self.views, self.visits, self.history = [], [], []
        self.referrals = read_only_table([_("Number"), _("Date"), _("Service"), _("Institution"),
                                          _("Status"), _("Steps")])
        self.follow_ups = read_only_table([_("Due"), _("Status"), _("Visited"), _("Findings")])
        self.state = QLabel("")
        self.state.setWordWrap(True)
        self.message = QLabel("")
        self.buttons = {
            "refer": QPushButton(_("&New referral…")),
            "step": QPushButton(_("Next &step…")),
            "letter": QPushButton(_("Print the &letter…")),
            "handover": QPushButton(_("Print the &handover record…")),
            "plan": QPushButton(_("Plan visits at 1, 3 and 6 months")),
            "visit": QPushButton(_("&Record the visit…")),
            "close": QPushButton(_("Close the case…")),
            "reopen": QPushButton(_("Reopen the case…")),
        }
        for key, handler in (("refer", self.refer), ("step", self.step),
                             ("letter", lambda: self.print_letter()),
                             ("handover", lambda: self.print_handover()),
                             ("plan", self.plan), ("visit", self.record_visit),
                             ("close", lambda: self.close_case(False)),
                             ("reopen", lambda: self.close_case(True))):
            self.buttons[key].clicked.connect(handler)
        top = QHBoxLayout()
        for key in ("refer", "step", "letter", "handover"):
            top.addWidget(self.buttons[key])
        top.addStretch()
        bottom = QHBoxLayout()
        for key in ("plan", "visit", "close", "reopen"):
            bottom.addWidget(self.buttons[key])
        bottom.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.referrals, 3)
        layout.addWidget(QLabel(_("Follow-up visits after discharge")))
        layout.addWidget(self.follow_ups, 2)
        layout.addWidget(self.state)
        layout.addLayout(bottom)
        layout.addWidget(self.message)

    def reload(self, label: str = "", today: dt.date | None = None,
               present: bool = True) -> None:
        self.label, self.today, self.present = label or self.label, today or self.today, present
        workspace, person = self.workspace, self.person_id
        Op(self, lambda: (tracking.listing(workspace, person_id=person),
                          followups.visits(workspace, person_id=person),
                          followups.closures(workspace, person)), self._show
           ).run_in_background()

    def _show(self, loaded) -> None:
        self.views, self.visits, self.history = loaded
        fill_table(self.referrals, [[
            v.number, format_date(v.created_on, "short"), ServiceDomain(v.domain).label,
            v.institution, ReferralStatus(v.status).label,
            " → ".join(f"{ReferralStatus(s.status).label} {s.on:%d/%m}" for s in v.steps)]
            for v in self.views])
        fill_table(self.follow_ups, [[
            format_date(v.due_on, "short"), FollowUpStatus(v.status).label,
            format_date(v.done_on, "short") if v.done_on else "", v.findings]
            for v in self.visits])
        closed = followups.is_closed(self.history)
        last = self.history[-1] if self.history else None
        self.state.setText(
            _("Case closed on {day}: {reason}").format(day=format_date(last.on),
                                                      reason=last.reason) if closed else
            _("Case reopened on {day}: {reason}").format(day=format_date(last.on),
                                                        reason=last.reason) if last else
            _("The case is open."))
        follow = self.workspace.may(Permission.FOLLOW_UP)
        self.buttons["handover"].setEnabled(not self.present)
        self.buttons["plan"].setEnabled(follow and not self.present and not closed)
        self.buttons["visit"].setEnabled(follow and any(v.status == FollowUpStatus.PLANNED
                                                        for v in self.visits))
        self.buttons["close"].setEnabled(follow and not self.present and not closed)
        self.buttons["reopen"].setEnabled(follow and closed)

    def _selected(self):
        row = self.referrals.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    def _open(self, dialog) -> None:
        open_dialog(self, dialog, lambda: (self.reload(), self.changed.emit()))

    def refer(self) -> None:
        from shelter_app.gui.referrals.dialogs import ReferralDialog

        self._open(ReferralDialog(self.workspace, self.today, self, self.person_id))

    def step(self) -> None:
        from shelter_app.gui.referrals.dialogs import StepDialog

        view = self._selected() or next((v for v in self.views if v.is_open), None)
        if view is not None and view.is_open:
            self._open(StepDialog(self.workspace, view, self.today, self))

    def print_letter(self, path: Path | None = None) -> None:
        """Preview the selected referral's letter (with `path`: save it there)."""
        view = self._selected() or (self.views[0] if self.views else None)
        if view is not None and path is not None:
            save_letter(self, self.workspace, view, self.message, path)
        elif view is not None:
            preview_letter(self, self.workspace, view)

    def print_handover(self, path: Path | None = None) -> None:
        """Preview the handover record (with `path`: save it there)."""
        workspace, person = self.workspace, self.person_id
        if path is None:
            open_preview(self, workspace, lambda: letters.handover(workspace, person),
                         _("Handover record"), "form_handover",
                         "berita-acara-serah-terima.pdf",
                         failed=lambda error: show_message(self.message, explain(error)))
            return
        Op(self, lambda: letters.save_handover(self.workspace, path, self.person_id),
           lambda _r: show_message(self.message, _(
               "The handover record was saved as {file}.").format(file=path), error=False)
           ).run_in_background()

    def plan(self) -> None:
        Op(self, lambda: followups.plan_visits(self.workspace, self.person_id),
           lambda _r: self.reload()).run_in_background()

    def record_visit(self) -> None:
        from shelter_app.gui.referrals.dialogs import VisitDialog

        row = self.follow_ups.currentRow()
        planned = [v for v in self.visits if v.status == "planned"]
        visit = self.visits[row] if 0 <= row < len(self.visits) else None
        visit = visit if visit is not None and visit.status == "planned" else (
            planned[0] if planned else None)
        if visit is not None:
            self._open(VisitDialog(self.workspace, visit, self.today, self))

    def close_case(self, reopening: bool) -> None:
        from shelter_app.gui.referrals.dialogs import CloseCaseDialog

        self._open(CloseCaseDialog(self.workspace, self.person_id, self.label, self.today,
                                   reopening, self))
