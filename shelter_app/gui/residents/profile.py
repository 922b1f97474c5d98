"""A resident's profile: who, the case, stays and beds, family and contacts, the case
stage, and tabs that later work fills (provisions, sessions, referrals, documents). The
tabs come in three groups (person, care, safety), each a small row of its own, so the
row fits a 1366-pixel screen in Indonesian too. Opening it is recorded in the audit log
by the service."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import (
    AgeGroup,
    CaseStage,
    ControlMethod,
    DischargeReason,
    Education,
    ExploitationType,
    MaritalStatus,
    Modus,
    RecruitmentMethod,
    RiskLevel,
    Sex,
)
from shelter_app.gui.background import Op
from shelter_app.gui.counselling.profile_tabs import CaseWorkTab, SessionsTab
from shelter_app.gui.referrals.profile_tab import ReferralsTab
from shelter_app.gui.residents.contacts import ContactDialog, contact_row, contacts_table
from shelter_app.gui.residents.documents_tab import DocumentsTab
from shelter_app.gui.residents.fields import yes_no
from shelter_app.gui.residents.gate_page import VisitsTab
from shelter_app.gui.residents.stay_dialogs import (
    DischargeDialog,
    ReadmitDialog,
    StageDialog,
    TransferDialog,
)
from shelter_app.gui.residents.transfer_dialogs import SendCaseDialog
from shelter_app.gui.widgets import confirm, fill_table, heading, read_only_table, shown_only_if
from shelter_app.i18n import _, places
from shelter_app.i18n.formatting import format_age, format_date
from shelter_app.services.residents import records
from shelter_app.services.residents.fields import ContactData


class GroupedTabs(QTabWidget):
    """Top tabs, each holding a small row of inner tabs. `setCurrentWidget` shows any
    page, inner or not; `pages()` lists every inner page with its title."""

    def add_group(self, title: str) -> QTabWidget:
        inner = QTabWidget()
        inner.setDocumentMode(True)
        self.addTab(inner, title)
        return inner

    def _group_of(self, page: QWidget) -> QTabWidget | None:
        for index in range(self.count()):
            group = self.widget(index)
            if isinstance(group, QTabWidget) and group.indexOf(page) >= 0:
                return group
        return None

    def setCurrentWidget(self, page: QWidget) -> None:  # noqa: N802 - Qt's name
        group = self._group_of(page)
        if group is None:
            super().setCurrentWidget(page)
            return
        super().setCurrentWidget(group)
        group.setCurrentWidget(page)

    def pages(self) -> list[tuple[QWidget, str]]:
        found = []
        for index in range(self.count()):
            group = self.widget(index)
            found += [(group.widget(inner), group.tabText(inner))
                      for inner in range(group.count())]
        return found

    def current_page(self) -> QWidget:
        group = self.currentWidget()
        return group.currentWidget() if isinstance(group, QTabWidget) else group


def _labels(kind, codes: list[str]) -> str:
    return ", ".join(kind(code).label for code in codes) or "–"


def _day(value, style: str = "long") -> str:
    """A day in a sentence; `style="short"` in a table (dd/mm/yyyy)."""
    return format_date(value, style) if value else "–"


def _moves(transfers) -> str:
    """The case's moves between shelters, one line each, oldest first."""
    lines = []
    for move in transfers:
        if move.direction == "in":
            line = _("Received from {shelter} (their case {case}) on {day}.").format(
                shelter=move.other_shelter, case=move.other_case_number or "–",
                day=_day(move.on))
        else:
            line = _("Moved to {shelter} on {day}.").format(shelter=move.other_shelter,
                                                            day=_day(move.on))
        if move.consent == "override":
            line += " " + _("Without the person's consent, on a manager's authority.")
        lines.append(line)
    return "\n".join(lines)


class ProfileDialog(QDialog):
    changed = Signal()

    def __init__(self, workspace, person_id: int, parent=None):
        super().__init__(parent)
        self.workspace, self.person_id, self.profile = workspace, person_id, None
        self.setWindowTitle(_("Resident profile"))
        self.resize(1100, 680)
        self.title = heading(_("Opening…"), 14)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.tabs = GroupedTabs()
        person = self.tabs.add_group(_("Person"))
        care = self.tabs.add_group(_("Care"))
        safety = self.tabs.add_group(_("Safety"))
        self.overview = QWidget()
        self.stays = read_only_table([_("Admitted"), _("Discharged"), _("Reason"),
                                      _("Destination"), _("Evacuated from"), _("Beds")])
        self.contacts = contacts_table()
        self.stages = read_only_table([_("Stage"), _("Since"), _("By")])
        person.addTab(self.overview, _("Person and case"))
        self.moves = QLabel("")  # received from / moved to another shelter
        self.moves.setWordWrap(True)
        self.moves.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.moves.hide()
        self.stays_tab = self._with_buttons(self.stays, [])
        self.stays_tab.layout().insertWidget(0, self.moves)
        person.addTab(self.stays_tab, _("Stays and beds"))
        self.contacts_tab = self._contacts_tab()
        person.addTab(self.contacts_tab, _("Family and contacts"))
        person.addTab(self.stages, _("Case stage"))
        self.provisions = read_only_table([_("Date"), _("Day"), _("Stage"), _("Item"),
                                           _("Quantity"), _("Cost"), _("By")])
        self.decisions = QLabel("")
        self.decisions.setWordWrap(True)
        self.provisions_tab = QWidget()
        provisions_layout = QVBoxLayout(self.provisions_tab)
        provisions_layout.addWidget(self.decisions)
        provisions_layout.addWidget(self.provisions, 1)
        care.addTab(self.provisions_tab, _("Provisions"))
        self.sessions = SessionsTab(workspace, person_id)
        self.casework = CaseWorkTab(workspace, person_id, None)  # today comes with the profile
        self.casework.changed.connect(lambda: (self.changed.emit(), self.reload()))
        care.addTab(self.sessions, _("Sessions"))
        care.addTab(self.casework, _("Assessment and plan"))
        from shelter_app.gui.residents.training_tab import TrainingTab

        self.training = TrainingTab(workspace, person_id)
        self.training.changed.connect(lambda: (self.changed.emit(), self.reload()))
        care.addTab(self.training, _("Training and placement"))
        self.referrals = ReferralsTab(workspace, person_id)
        self.referrals.changed.connect(lambda: (self.changed.emit(), self.reload()))
        care.addTab(self.referrals, _("Referrals"))
        self.visits = VisitsTab(workspace, person_id)
        safety.addTab(self.visits, _("Visits"))
        from shelter_app.gui.residents.incidents_page import IncidentsTab

        self.incidents = IncidentsTab(workspace, person_id)
        safety.addTab(self.incidents, _("Incidents"))
        self.documents = DocumentsTab(workspace, person_id)
        safety.addTab(self.documents, _("Documents"))
        self.actions = self._action_buttons()
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        top = QVBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.summary)
        bar = QHBoxLayout()
        for button in self.actions.values():
            bar.addWidget(button)
        bar.addStretch()
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.reload()

    def _with_buttons(self, widget: QWidget, buttons: list[QPushButton]) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(widget)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch()
        layout.addLayout(row)
        return box

    def _contacts_tab(self) -> QWidget:
        self.add_contact = QPushButton(_("&Add a contact…"))
        self.add_contact.clicked.connect(self._add_contact)
        self.change_contact = QPushButton(_("&Change…"))
        self.change_contact.clicked.connect(self._change_contact)
        self.remove_contact = QPushButton(_("&Remove"))
        self.remove_contact.clicked.connect(self._remove_contact)
        editable = self.workspace.may(Permission.EDIT_RESIDENTS)
        for button in (self.add_contact, self.change_contact, self.remove_contact):
            shown_only_if(button, editable)
        if editable:  # e.g. a relative found to be part of it: "must not visit"
            self.contacts.doubleClicked.connect(lambda _index: self._change_contact())
        return self._with_buttons(self.contacts, [self.add_contact, self.change_contact,
                                                  self.remove_contact])

    def _action_buttons(self) -> dict[str, QPushButton]:
        buttons = {
            "edit": QPushButton(_("&Edit the record…")),
            "transfer": QPushButton(_("&Move to another bed…")),
            "discharge": QPushButton(_("&Discharge…")),
            "readmit": QPushButton(_("Admit a&gain…")),
            "stage": QPushButton(_("Move case s&tage…")),
            "form": QPushButton(_("&Print intake form…")),
            "move_shelter": QPushButton(_("M&ove to another shelter…")),
        }
        buttons["move_shelter"].clicked.connect(lambda _c=False: self._run(SendCaseDialog))
        shown_only_if(buttons["move_shelter"], self.workspace.may(Permission.TRANSFER_CASES))
        buttons["form"].clicked.connect(lambda _checked=False: self._print_form())
        buttons["edit"].clicked.connect(self._edit)
        for key, dialog in (("transfer", TransferDialog), ("discharge", DischargeDialog),
                            ("readmit", ReadmitDialog), ("stage", StageDialog)):
            buttons[key].clicked.connect(lambda _c=False, d=dialog: self._run(d))
        return buttons

    def reload(self) -> None:
        from shelter_app.services.provisions import rounds

        Op(self, lambda: records.profile(self.workspace, self.person_id), self._show
           ).run_in_background()
        Op(self, lambda: rounds.of_person(self.workspace, self.person_id),
           self._show_provisions).run_in_background()
        self.sessions.reload()
        self.visits.reload()
        self.incidents.reload()
        self.documents.reload()

    def _show_provisions(self, loaded) -> None:
        from shelter_app.domain.vocab import DecisionKind, Window
        from shelter_app.i18n.formatting import format_rupiah

        lines, decisions = loaded
        fill_table(self.provisions, [[
            _day(line.day, "short"), str(line.day_number),
            Window(line.stage).label + (" · " + _("awaiting decision") if line.flagged else ""),
            line.item_name, str(line.quantity), format_rupiah(line.total_idr), line.given_by]
            for line in lines])
        total = sum(line.total_idr for line in lines)
        said = [_("Review into stage 2 on {day} by {user}").format(day=_day(on), user=who)
                if kind == DecisionKind.STAGE_TWO_REVIEW else
                _("Extended until {until} by {user}: {why}").format(until=_day(until),
                                                                    user=who, why=reason)
                for kind, on, until, reason, who in decisions]
        self.decisions.setText(_("Total given: {total}.").format(total=format_rupiah(total))
                               + ("  " + "; ".join(said) if said else ""))

    def _show(self, profile) -> None:
        self.profile = profile
        data = profile.data
        self.setWindowTitle(_("Resident profile: {case}").format(case=profile.case_number))
        self.title.setText(f"{profile.case_number}  ·  {profile.shown_name}")
        age = records.age_today(profile)
        group = AgeGroup(profile.age_group) if profile.age_group else None
        stay = profile.open_stay
        where = _("Room {room}, bed {bed}").format(room=profile.bed[0], bed=profile.bed[1]) \
            if profile.bed else _("no bed")
        state = (_("Present since {day}; {where}").format(day=_day(stay.admission_date),
                                                          where=where)
                 if stay else _("Not in the shelter now"))
        parts = [Sex(data.sex).label, format_age(age, group, data.birth_date_estimated), state,
                 _("Stage: {stage}").format(stage=CaseStage(profile.stage).label)]
        if not profile.identity_visible:
            parts.append(_("Identity hidden: you see a pseudonym"))
        self.summary.setText("  ·  ".join(parts))
        self.casework.today = self.sessions.today = profile.today
        self.casework.reload(f"{profile.case_number} ({profile.shown_name})")
        self.referrals.reload(f"{profile.case_number} ({profile.shown_name})", profile.today,
                              profile.open_stay is not None)
        self.training.reload(f"{profile.case_number} · {profile.shown_name}", profile.today)
        self._fill_overview(profile)
        fill_table(self.stays, [[_day(s.admission_date, "short"), _day(s.discharge_date, "short"),
                                 DischargeReason(s.discharge_reason).label
                                 if s.discharge_reason else "", s.discharge_destination,
                                 s.evacuated_from,
                                 "; ".join(f"{room} {bed}" for room, bed, _f, _t in s.beds)]
                                for s in reversed(profile.stays)])
        self.moves.setText(_moves(profile.transfers))
        self.moves.setVisible(bool(profile.transfers))
        self.contacts.setRowCount(len(profile.contacts))
        for row, contact in enumerate(profile.contacts):
            contact_row(self.contacts, row, contact)
        fill_table(self.stages, [[CaseStage(stage).label, _day(day, "short"), who]
                                 for stage, day, who in reversed(profile.stage_history)])
        may_edit = self.workspace.may(Permission.EDIT_RESIDENTS)
        self.actions["edit"].setEnabled(may_edit and profile.identity_visible)
        self.actions["transfer"].setEnabled(may_edit and stay is not None)
        self.actions["discharge"].setEnabled(may_edit and stay is not None)
        self.actions["readmit"].setEnabled(may_edit and profile.can_admit_again)
        self.actions["stage"].setEnabled(self.workspace.may(Permission.MOVE_CASE_STAGE))

    def _fill_overview(self, profile) -> None:
        data = profile.data
        old = self.overview.layout()
        if old is not None:
            QWidget().setLayout(old)  # reparent the old layout away so it is deleted
        left, right = QFormLayout(), QFormLayout()
        # Withheld, not empty: a dash would read as "has no NIK"
        withheld = _("(withheld)")
        visible = profile.identity_visible
        names = ([(_("Full name"), profile.shown_name), (_("Alias"), data.alias or "–")]
                 if visible else [(_("Pseudonym"), profile.shown_name), (_("Alias"), withheld)])
        if visible and data.hidden_identity:  # the name staff know this person by
            names.append((_("Pseudonym"), data.pseudonym or "–"))
        rows_left = [
            *names,
            (_("Date of birth"), _birth(profile)),
            (_("NIK"), (data.nik or "–") if visible else withheld),
            (_("Nationality"), places.country_name(data.nationality)),
            (_("Languages"), ", ".join(places.language_name(c) for c in data.languages)
             or "–"),
            (_("Province of origin"), places.province_name(data.province) or "–"),
            (_("Regency / city"), (data.regency or "–") if visible else withheld),
            (_("Education"), Education(data.education).label),
            (_("Marital status"), MaritalStatus(data.marital_status).label),
            (_("Children"), str(data.children)), (_("Disability"), data.disability or "–"),
            (_("Pregnant"), yes_no(data.pregnant)),
        ]
        rows_right = [
            (_("Modus operandi"), _labels(Modus, data.modus)),
            (_("Type of exploitation"), _labels(ExploitationType, data.exploitation_types)),
            (_("Means of control"), _labels(ControlMethod, data.control_methods)),
            (_("Method of recruitment"), _labels(RecruitmentMethod,
                                                  data.recruitment_methods)),
            (_("Exploitation"), ", ".join(filter(None, [
                data.exploitation_place, places.country_name(data.exploitation_country)]))
             or "–"),
            (_("Police report number"), (data.police_report_number or "–") if visible
             else withheld),
            (_("LPSK protection"), yes_no(data.lpsk_protection)),
            (_("Consent to services"), _consent(data.consent_services_on,
                                                data.consent_services_witness)),
            (_("Consent to share data"), _consent(data.consent_sharing_on,
                                                  data.consent_sharing_witness)),
            (_("Risk level"), RiskLevel(data.risk_level).label),
            (_("Hidden identity"), yes_no(data.hidden_identity)),
        ]
        for form, rows in ((left, rows_left), (right, rows_right)):
            for label, value in rows:
                shown = QLabel(value)
                shown.setWordWrap(True)
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                form.addRow(f"<b>{label}</b>", shown)
        grid = QGridLayout(self.overview)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)

    def _run(self, dialog_class) -> None:
        if self.profile is None:
            return
        dialog = dialog_class(self.workspace, self.profile, self.profile.today, self)
        if dialog.exec():
            self.changed.emit()
            self.reload()

    def _edit(self) -> None:
        from shelter_app.gui.residents.intake import IntakeWizard

        if self.profile is None:
            return
        wizard = IntakeWizard(self.workspace, self.profile.today, self, editing=self.profile)
        wizard.admitted.connect(lambda _pid: (self.changed.emit(), self.reload()))
        wizard.exec()

    def _print_form(self, path=None) -> None:
        """Preview the filled intake form, to print or save (with `path`: save it there)."""
        from shelter_app.gui.printing import open_preview
        from shelter_app.services.residents import forms

        if self.profile is None:
            return
        if path is None:
            workspace, person = self.workspace, self.person_id
            open_preview(self, workspace, lambda: forms.intake_form(workspace, person),
                         _("Intake form"), "form_intake_filled",
                         f"penerimaan-{self.profile.case_number}.pdf")
            return
        Op(self, lambda: forms.save_intake_form(self.workspace, path, self.person_id),
           lambda _r: self.summary.setText(self.summary.text().split("  ✔")[0] + "  ✔ " + _(
               "Saved: {file}").format(file=path))).run_in_background()

    def _add_contact(self) -> None:
        dialog = ContactDialog(self)
        if dialog.exec():
            contact = dialog.value()
            Op(self, lambda: records.add_contact(self.workspace, self.person_id, contact),
               lambda _r: self.reload()).run_in_background()

    def _change_contact(self) -> None:
        row = self.contacts.currentRow()
        if self.profile is None or not 0 <= row < len(self.profile.contacts):
            return
        known = self.profile.contacts[row]
        flags_only = not self.profile.identity_visible  # name and phone came blanked
        dialog = ContactDialog(self, ContactData(known.name, known.relation, known.phone,
                                                 known.safe, known.must_not_visit, known.note,
                                                 known.id_number),
                               flags_only=flags_only)
        if not dialog.exec():
            return
        contact = dialog.value()

        def save() -> None:
            if flags_only:
                records.set_contact_flags(self.workspace, known.contact_id,
                                          safe=contact.safe,
                                          must_not_visit=contact.must_not_visit,
                                          expected_version=known.version)
            else:
                records.update_contact(self.workspace, known.contact_id, contact,
                                       known.version)
        Op(self, save, lambda _r: self.reload()).run_in_background()

    def _remove_contact(self) -> None:
        row = self.contacts.currentRow()
        if self.profile is None or not 0 <= row < len(self.profile.contacts):
            return
        contact = self.profile.contacts[row]
        if confirm(self, _("Remove the contact"), _("Remove this contact from the record?")):
            Op(self, lambda: records.remove_contact(self.workspace, contact.contact_id),
               lambda _r: self.reload()).run_in_background()


def _consent(day, witness: str) -> str:
    if day is None:
        return _("Not recorded")
    return _("Given on {day}, witnessed by {witness}").format(day=_day(day),
                                                              witness=witness or "–")


def _birth(profile) -> str:
    """The date of birth; only its year when the identity is hidden from this user."""
    data = profile.data
    if data.birth_date is None and profile.birth_year is not None:
        return _("{year} (the exact date is withheld)").format(year=profile.birth_year)
    return _day(data.birth_date) + (_(" (estimated)") if data.birth_date_estimated else "")
