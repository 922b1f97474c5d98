"""The referrals area: referrals and their steps, follow-up visits due, and the directory
of institutions (with a CSV import)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import (
    FollowUpStatus,
    InstitutionType,
    ReferralConsent,
    ReferralStatus,
    ServiceDomain,
    Urgency,
)
from shelter_app.gui.background import Op
from shelter_app.gui.printing import open_preview
from shelter_app.gui.widgets import (
    LoadsWhenShown,
    fill_table,
    heading,
    open_dialog,
    read_only_table,
    save_path,
    show_message,
    shown_only_if,
    usable_with_a_row,
)
from shelter_app.i18n import _, ngettext
from shelter_app.i18n.formatting import format_date
from shelter_app.services.referrals import followups, institutions, letters, tracking


def preview_letter(parent: QWidget, workspace, view) -> None:
    """The letter in the preview, to print or save as PDF."""
    open_preview(parent, workspace, lambda: letters.letter(workspace, view.id),
                 _("Referral letter"), "letter_referral", f"surat-rujukan-{view.number}.pdf")


def save_letter(parent: QWidget, workspace, view, message: QLabel,
                path: Path | None = None) -> None:
    path = path or save_path(
        parent, _("Save the referral letter"), f"surat-rujukan-{view.number}.pdf")
    if path is None:
        return
    Op(parent, lambda: letters.save_letter(workspace, path, view.id),
       lambda _r: show_message(message, _("The referral letter was saved as {file}.").format(
           file=path), error=False)).run_in_background()


class ReferralsPage(QWidget):
    def __init__(self, workspace, today: dt.date):
        super().__init__()
        self.workspace, self.today, self.views = workspace, today, []
        self.open_only = QCheckBox(_("Open referrals only"))
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(self.refresh)
        self.table = read_only_table([_("Number"), _("Date"), _("Case"), _("Service"),
                                      _("Institution"), _("Urgency"), _("Status"),
                                      _("Consent")])
        self.table.doubleClicked.connect(lambda _index: self.next_step())
        new, step, letter = (QPushButton(_("&New referral…")), QPushButton(_("Next &step…")),
                             QPushButton(_("Print the &letter…")))
        new.clicked.connect(self.new_referral)
        step.clicked.connect(lambda: self.next_step())
        letter.clicked.connect(lambda: self.print_letter())
        usable_with_a_row(self.table, step, letter)
        bar = QHBoxLayout()
        bar.addWidget(self.open_only)
        bar.addStretch()
        for button in (new, step, letter):
            bar.addWidget(button)
        self.message = QLabel("")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        only = self.open_only.isChecked()
        Op(self, lambda: tracking.listing(self.workspace, open_only=only), self._show
           ).run_in_background()

    def _show(self, views) -> None:
        self.views = views
        fill_table(self.table, [[v.number, format_date(v.created_on, "short"),
                                 f"{v.case_number} ({v.label})", ServiceDomain(v.domain).label,
                                 v.institution, Urgency(v.urgency).label,
                                 ReferralStatus(v.status).label,
                                 ReferralConsent(v.consent).label]
                                for v in views])

    def selected(self):
        row = self.table.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    def new_referral(self) -> None:
        from shelter_app.gui.referrals.dialogs import ReferralDialog

        open_dialog(self, ReferralDialog(self.workspace, self.today, self), self.refresh)

    def next_step(self) -> None:
        from shelter_app.gui.referrals.dialogs import StepDialog

        view = self.selected()
        if view is None or not view.is_open:
            return
        open_dialog(self, StepDialog(self.workspace, view, self.today, self), self.refresh)

    def print_letter(self, path: Path | None = None) -> None:
        """Preview the selected referral's letter (with `path`: save it there)."""
        view = self.selected()
        if view is not None and path is not None:
            save_letter(self, self.workspace, view, self.message, path)
        elif view is not None:
            preview_letter(self, self.workspace, view)


class FollowUpsPage(QWidget):
    def __init__(self, workspace, today: dt.date):
        super().__init__()
        self.workspace, self.today, self.visits = workspace, today, []
        self.table = read_only_table([_("Due"), _("Case"), _("Status")])
        record = QPushButton(_("&Record the visit…"))
        record.clicked.connect(self.record)
        shown_only_if(record, workspace.may(Permission.FOLLOW_UP))
        usable_with_a_row(self.table, record)
        self.table.doubleClicked.connect(lambda _index: self.record())
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Follow-up visits due in the next 30 days, and overdue ones. "
                               "Plan visits from a discharged resident's profile.")))
        bar.addStretch()
        bar.addWidget(record)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        until = self.today + dt.timedelta(days=30)
        Op(self, lambda: followups.visits(self.workspace, due_until=until), self._show
           ).run_in_background()

    def _show(self, visits) -> None:
        self.visits = visits
        fill_table(self.table, [[format_date(v.due_on, "short") + (
            "  ⚠ " + _("overdue") if v.due_on < self.today else ""),
            f"{v.case_number} ({v.label})", FollowUpStatus(v.status).label] for v in visits])

    def record(self) -> None:
        from shelter_app.gui.referrals.dialogs import VisitDialog

        row = self.table.currentRow()
        if not 0 <= row < len(self.visits) or not self.workspace.may(Permission.FOLLOW_UP):
            return
        open_dialog(self, VisitDialog(self.workspace, self.visits[row], self.today, self),
                    self.refresh)


class InstitutionsPage(QWidget):
    def __init__(self, workspace):
        super().__init__()
        self.workspace, self.infos = workspace, []
        self.table = read_only_table([_("Name"), _("Type"), _("Services"), _("Phone"),
                                      _("Contact person")])
        self.message = QLabel("")
        self.message.setWordWrap(True)
        add, edit, load = (QPushButton(_("&Add…")), QPushButton(_("&Change…")),
                           QPushButton(_("&Import from CSV…")))
        add.clicked.connect(lambda: self.edit(None))
        edit.clicked.connect(lambda: self.edit(self.selected()))
        load.clicked.connect(lambda: self.import_csv())
        self.table.doubleClicked.connect(lambda _index: self.edit(self.selected()))
        usable_with_a_row(self.table, edit)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("The institutions this shelter works with. None come with the "
                               "app: add them, or import a list.")))
        bar.addStretch()
        for button in (add, edit, load):
            shown_only_if(button, workspace.may(Permission.MANAGE_INSTITUTIONS))
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        Op(self, lambda: institutions.directory(self.workspace), self._show).run_in_background()

    def _show(self, infos) -> None:
        self.infos = infos
        hidden = " (" + _("not offered") + ")"
        fill_table(self.table, [[i.data.name + ("" if i.data.active else hidden),
                                 InstitutionType(i.data.kind).label,
                                 ", ".join(ServiceDomain(s).label for s in i.data.services),
                                 i.data.phone, i.data.contact_person] for i in infos])

    def selected(self):
        row = self.table.currentRow()
        return self.infos[row] if 0 <= row < len(self.infos) else None

    def edit(self, info) -> None:
        from shelter_app.gui.referrals.dialogs import InstitutionDialog

        if not self.workspace.may(Permission.MANAGE_INSTITUTIONS):
            return
        open_dialog(self, InstitutionDialog(self.workspace, info, self), self.refresh)

    def import_csv(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(self, _("Import institutions"), "",
                                                          "*.csv")
            if not chosen:
                return
            path = Path(chosen)

        def work():
            return institutions.import_csv(self.workspace, institutions.read_file(path))

        Op(self, work, self._imported).failure(
            lambda error: self.message.setText(str(error))).run_in_background()

    def _imported(self, result) -> None:
        self.message.setText(ngettext(
            "{added} institution added; {skipped} already in the directory.",
            "{added} institutions added; {skipped} already in the directory.",
            result.added).format(added=result.added,
                                                    skipped=len(result.skipped)))
        self.refresh()


class ReferralsArea(LoadsWhenShown, QWidget):
    def __init__(self, workspace, today: dt.date):
        super().__init__()
        self.referrals = ReferralsPage(workspace, today)
        self.follow_ups = FollowUpsPage(workspace, today)
        self.institutions = InstitutionsPage(workspace)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.referrals, _("Referrals"))
        self.tabs.addTab(self.follow_ups, _("Follow-up visits"))
        self.tabs.addTab(self.institutions, _("Institutions"))
        self.tabs.currentChanged.connect(self._refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 4)
        layout.addWidget(heading(_("Referrals (rujukan)")))
        layout.addWidget(self.tabs, 1)

    def first_shown(self) -> None:
        self._refresh(self.tabs.currentIndex())

    def _refresh(self, index: int) -> None:
        (self.referrals, self.follow_ups, self.institutions)[index].refresh()
