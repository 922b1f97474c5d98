"""The small forms of referral work: an institution, a new referral, the next step of a
referral, a follow-up visit, closing and reopening a case. Each checks in its service; a
refusal shows under the form and keeps it open."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit

from shelter_app.domain.roles import Permission, roles_with
from shelter_app.domain.vocab import (
    FollowUpStatus,
    InstitutionType,
    PlacementKind,
    PlacementOutcome,
    ReferralStatus,
    ServiceDomain,
    Urgency,
)
from shelter_app.gui.background import Op
from shelter_app.gui.date_field import DateField
from shelter_app.gui.residents.fields import CheckList, CodedCombo
from shelter_app.gui.save_dialog import SaveDialog
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import heading, shown_only_if, text_box
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.services.counselling import session_views
from shelter_app.services.referrals import followups, institutions, placements, tracking
from shelter_app.services.referrals.institutions import InstitutionData
from shelter_app.services.referrals.tracking import NEXT, ReferralData


class InstitutionDialog(SaveDialog):
    def __init__(self, workspace, info=None, parent=None):
        super().__init__(_("Institution"), parent)
        self.workspace, self.info = workspace, info
        self.setMinimumWidth(560)
        data = info.data if info else InstitutionData("", "ngo")
        self.name = QLineEdit(data.name)
        self.kind = CodedCombo(list(InstitutionType))
        self.kind.set_value(data.kind)
        self.services = CheckList(list(ServiceDomain), rows=6)
        self.services.set_values(list(data.services))
        self.address = text_box(data.address, 2)
        self.phone = QLineEdit(data.phone)
        self.email = QLineEdit(data.email)
        self.contact = QLineEdit(data.contact_person)
        self.active = QCheckBox(_("Offered for new referrals"))
        self.active.setChecked(data.active)
        for label, widget in ((_("Name"), self.name), (_("Type"), self.kind),
                              (_("Services"), self.services), (_("Address"), self.address),
                              (_("Phone"), self.phone), (_("E-mail"), self.email),
                              (_("Contact person"), self.contact), ("", self.active)):
            self.form.addRow(label, widget)

    def work(self):
        data = InstitutionData(self.name.text(), self.kind.value(),
                               tuple(self.services.values()), self.address.toPlainText(),
                               self.phone.text(), self.email.text(), self.contact.text(),
                               self.active.isChecked())
        workspace, info = self.workspace, self.info
        if info is None:
            return lambda: institutions.add(workspace, data)
        return lambda: institutions.update(workspace, info.id, data, info.version)


class ReferralDialog(SaveDialog):
    """A new referral: the resident, the service, the institution offering it, why."""

    def __init__(self, workspace, today: dt.date, parent=None, person_id: int | None = None):
        super().__init__(_("New referral"), parent)
        self.workspace = workspace
        self.setMinimumWidth(620)
        self.person = QComboBox()
        self.domain = CodedCombo(list(ServiceDomain))
        self.institution = QComboBox()
        self.urgency = CodedCombo(list(Urgency))
        self.reason = text_box()
        self.consent = QLabel("")
        self.consent.setWordWrap(True)
        self.override = text_box("", 2)
        self.override.setPlaceholderText(_("Why the referral cannot wait for consent "
                                           "(managers)"))
        self.override_label = QLabel(_("Reason to refer without consent"))
        for label, widget in ((_("Resident"), self.person), (_("Service"), self.domain),
                              (_("Institution"), self.institution),
                              (_("Urgency"), self.urgency), (_("Reason"), self.reason),
                              ("", self.consent), (self.override_label, self.override)):
            self.form.addRow(label, widget)
        self._directory = []
        self._wanted = person_id
        self.domain.currentIndexChanged.connect(self._fill_institutions)
        self.person.currentIndexChanged.connect(self._check_consent)
        # a refusal was about the resident chosen before (their consent): it goes with them
        self.person.currentIndexChanged.connect(lambda _index: self.message.setText(""))
        also = (person_id,) if person_id else ()
        Op(self, lambda: (session_views.choices(workspace, today, also).residents,
                          institutions.directory(workspace, active_only=True)),
           self._loaded).run_in_background()

    def _loaded(self, loaded) -> None:
        people, self._directory = loaded
        for pid, label in people:
            self.person.addItem(label, pid)
        if self._wanted is not None:
            self.person.setCurrentIndex(max(self.person.findData(self._wanted), 0))
        self._fill_institutions()
        self._check_consent()

    def _fill_institutions(self) -> None:
        domain = self.domain.value()
        self.institution.clear()
        offering = [i for i in self._directory if domain in i.data.services]
        for info in offering or self._directory:
            kind = InstitutionType(info.data.kind).label
            self.institution.addItem(f"{info.data.name} ({kind})", info.id)

    def _check_consent(self) -> None:
        pid = self.person.currentData()
        if pid is None:
            return
        Op(self, lambda: tracking.has_consent(self.workspace, pid),
           self._show_consent).run_in_background()

    def _show_consent(self, agreed: bool) -> None:
        may_override = self.workspace.may(Permission.OVERRIDE_CONSENT)
        self.consent.setText(
            _("The resident agreed to share their data.") if agreed else
            _("No consent to share data is recorded. Record it in the profile first, or "
              "give the reason to refer without it.") if may_override else
            self._whom_to_ask())
        set_role(self.consent, tone="" if agreed else "warning")
        shown_only_if(self.override, not agreed and may_override)
        shown_only_if(self.override_label, not agreed and may_override)

    def _whom_to_ask(self) -> str:
        """Who can record the consent, and who can refer without it: a counsellor was
        told to record it in the profile, which only others can change."""
        recorders, overriders = (", ".join(role.label for role in roles_with(permission))
                                 for permission in (Permission.EDIT_RESIDENTS,
                                                    Permission.OVERRIDE_CONSENT))
        if self.workspace.may(Permission.EDIT_RESIDENTS):
            return _("No consent to share data is recorded. Record it in the profile first "
                     "(Edit the record…). Who can refer without it: {overriders}.").format(
                overriders=overriders)
        return _("No consent to share data is recorded. Who can record it in the "
                 "resident's profile: {recorders}. Who can refer without it: "
                 "{overriders}.").format(recorders=recorders, overriders=overriders)

    def work(self):
        data = ReferralData(self.person.currentData() or 0,
                            self.institution.currentData() or 0, self.domain.value(),
                            self.reason.toPlainText(), self.urgency.value(),
                            self.override.toPlainText() if self.override.isVisible() else "")
        workspace = self.workspace
        return lambda: tracking.create(workspace, data)


class StepDialog(SaveDialog):
    """The next step of a referral: sent, accepted, declined, completed or cancelled."""

    def __init__(self, workspace, view, today: dt.date, parent=None):
        super().__init__(_("Referral {number}").format(number=view.number), parent,
                         heading=_("{case}: {service} at {institution}").format(
                             case=view.case_number, service=ServiceDomain(view.domain).label,
                             institution=view.institution))
        self.workspace, self.view = workspace, view
        self.setMinimumWidth(520)
        self.status = CodedCombo([ReferralStatus(s) for s in NEXT[view.status]])
        self.on = DateField(today, today=today, field="date")
        self.note = text_box("", 3)
        self.note.setPlaceholderText(_("The outcome, or why (needed for declined, completed "
                                       "and cancelled)"))
        self.history = QLabel("")
        self.history.setWordWrap(True)
        set_role(self.history, tone="muted")
        self.form.addRow(_("So far"), self.history)
        self.form.addRow(_("Now"), QLabel(ReferralStatus(view.status).label))
        self.form.addRow(_("Next"), self.status)
        self.form.addRow(_("Date"), self.on)
        self.form.addRow(_("Note"), self.note)

        Op(self, lambda: tracking.detail(workspace, view.id), self._show_history
           ).run_in_background()

    def _show_history(self, detail) -> None:
        self.history.setText("\n".join(
            _("{status} on {day} by {user}").format(
                status=ReferralStatus(step.status).label, day=step.on.strftime("%d/%m/%Y"),
                user=step.username) + (f": {step.note}" if step.note else "")
            for step in detail.steps))

    def work(self):
        status, on, note = self.status.value(), self.on.value(), self.note.toPlainText()
        workspace, referral_id, version = self.workspace, self.view.id, self.view.version
        return lambda: tracking.advance(workspace, referral_id, status, on, note, version)


class VisitDialog(SaveDialog):
    """A follow-up visit's result; when she has a placement not yet ended, also how it is
    going (saved with the visit, when she was visited)."""

    def __init__(self, workspace, visit, today: dt.date, parent=None):
        super().__init__(_("Follow-up visit"), parent, heading=_(
            "{case}: visit due {day}").format(case=visit.case_number,
                                             day=format_date(visit.due_on)))
        self.workspace, self.visit = workspace, visit
        self.placement = None  # her open placement, once loaded
        self.setMinimumWidth(520)
        self.status = CodedCombo([FollowUpStatus.DONE, FollowUpStatus.MISSED])
        self.on = DateField(today, today=today, field="date")
        self.findings = text_box("", 4)
        self.form.addRow(_("Result"), self.status)
        self.form.addRow(_("Date"), self.on)
        self.form.addRow(_("What was found"), self.findings)
        self.placement_label = heading(_("How is her placement going?"), 10)
        self.placement_where = QLabel("")
        self.placement_where.setWordWrap(True)
        self.outcome = CodedCombo(list(PlacementOutcome),
                                  empty=_("Not found out at this visit"))
        self.placement_note = text_box("", 2, _("Needed unless it is going well"))
        self.placement_rows = [(_("Placement"), self.outcome), (_("Note"), self.placement_note)]
        self.status.currentIndexChanged.connect(lambda _index: self._follow())
        Op(self, lambda: placements.open_placement_of(workspace, visit.person_id),
           self._placement_loaded).run_in_background()

    def _placement_loaded(self, row) -> None:
        self.placement = row
        if row is None:
            return
        where = " · ".join(part for part in (row.institution, row.data.place) if part)
        self.placement_where.setText(_("{kind}: {where}, from {day}").format(
            kind=PlacementKind(row.data.kind).label, where=where,
            day=format_date(row.data.starts_on, "short")))
        self.form.addRow(self.placement_label)  # the whole width: a long question
        self.form.addRow(self.placement_where)
        for label, widget in self.placement_rows:
            self.form.addRow(label, widget)
        # added after the dialog opened: into the Tab order after the findings, before Save
        self.setTabOrder(self.findings, self.outcome)
        self.setTabOrder(self.outcome, self.placement_note)
        self._follow()

    def _follow(self) -> None:
        if self.placement is None:
            return
        visited = self.status.value() == FollowUpStatus.DONE
        for widget in (self.placement_label, self.placement_where, self.outcome,
                       self.placement_note):
            self.form.setRowVisible(widget, visited)

    def work(self):
        status, on, text = self.status.value(), self.on.value(), self.findings.toPlainText()
        workspace, visit_id, version = self.workspace, self.visit.id, self.visit.version
        outcome = self.outcome.value() if self.placement is not None else ""
        placement = ((self.placement.placement_id, outcome, self.placement_note.toPlainText())
                     if outcome else None)
        return lambda: followups.record_visit(workspace, visit_id, status, on, text, version,
                                              placement=placement)


class CloseCaseDialog(SaveDialog):
    """The termination record, or (reopening=True) the reason to reopen."""

    def __init__(self, workspace, person_id: int, label: str, today: dt.date,
                 reopening: bool = False, parent=None):
        super().__init__(_("Reopen the case") if reopening else _("Close the case"), parent,
                         heading=label)
        self.workspace, self.person_id, self.reopening = workspace, person_id, reopening
        self.setMinimumWidth(520)
        self.on = DateField(today, today=today, field="date")
        self.reason = text_box("", 2)
        self.summary = text_box("", 4)
        self.form.addRow(_("Date"), self.on)
        self.form.addRow(_("Reason"), self.reason)
        if not reopening:
            self.form.addRow(_("Termination summary"), self.summary)

    def work(self):
        on, reason, summary = (self.on.value(), self.reason.toPlainText(),
                               self.summary.toPlainText())
        workspace, person_id = self.workspace, self.person_id
        if self.reopening:
            return lambda: followups.reopen_case(workspace, person_id, on, reason)
        return lambda: followups.close_case(workspace, person_id, on, reason, summary)
