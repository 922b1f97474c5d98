"""Reports: each for any period, in Indonesian or English, previewed on screen, printed,
or saved as PDF, JSON or CSV. A day or month typed in the future or not a date is said
at its field and nothing is counted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import InputError
from shelter_app.domain.roles import Permission
from shelter_app.gui.background import Op
from shelter_app.gui.date_field import DateField, MonthField, first_problem, reveal
from shelter_app.gui.printing import open_preview
from shelter_app.gui.residents.fields import CodedCombo, error_label
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import heading, inform, save_path, show_message, without_alt_key
from shelter_app.i18n import _, current_language, language_names
from shelter_app.services.counselling import reports as session_reports
from shelter_app.services.overview import monthly
from shelter_app.services.provisions import reports as provision_reports
from shelter_app.services.referrals import reports as referral_reports
from shelter_app.services.residents import reports as resident_reports
from shelter_app.services.shared import reporting


@dataclass(frozen=True)
class ReportKind:
    title: str
    explanation: str
    file_prefix: str
    audit_name: str
    gather: Callable  # (workspace, period) -> report
    pdf: Callable  # (workspace, period, language) -> the PDF previewed and printed
    write: Callable  # (workspace, period, path, fmt, language) -> report
    by_month: bool = False  # a calendar month instead of any period


def kinds() -> dict[str, ReportKind]:
    return {
        "occupancy": ReportKind(
            _("Occupancy report (laporan hunian)"),
            _("Daily census, resident-days, admissions and discharges, average length of "
              "stay and bed utilisation, overall and by sex and age group, with the residents "
              "present at the end (case numbers and initials only)."),
            "laporan-hunian", "report_occupancy", resident_reports.occupancy,
            resident_reports.occupancy_as_pdf, resident_reports.write_occupancy),
        "provisions": ReportKind(
            _("Provision report (laporan jaminan hidup)"),
            _("Costs and quantities by stage, by category and by sex and age group, a line "
              "per resident with the days in each stage, and what awaits a decision."),
            "laporan-jaminan-hidup", "report_provisions", provision_reports.gather,
            provision_reports.pdf, provision_reports.write),
        "sessions": ReportKind(
            _("Counselling sessions report (laporan sesi konseling)"),
            _("Sessions by type and status, by counsellor (with hours held), the attendance "
              "rate, and the residents who took part by sex and age group. Never a note."),
            "laporan-sesi-konseling", "report_sessions", session_reports.gather,
            session_reports.pdf, session_reports.write),
        "referrals": ReportKind(
            _("Referrals report (laporan rujukan)"),
            _("Referrals made in the period by service and status, by institution type, by "
              "sex and by urgency, the overrides of consent and the days to an answer."),
            "laporan-rujukan", "report_referrals", referral_reports.gather,
            referral_reports.pdf, referral_reports.write),
        "monthly": ReportKind(
            _("Monthly report (laporan bulanan)"),
            _("One month by sex: residents, admissions and discharges by reason, by modus and "
              "by age group; provisions by stage; sessions by type; referrals; follow-ups; "
              "training and placement; incidents. The current month counts up to today."),
            "laporan-bulanan", "report_monthly", monthly.gather, monthly.pdf, monthly.write,
            by_month=True),
    }


class ReportBox(QGroupBox):
    def __init__(self, workspace, today: dt.date, kind: ReportKind):
        super().__init__(kind.title)
        self.workspace, self.kind = workspace, kind
        self.first = (MonthField(today, today=today, field="month") if kind.by_month
                      else DateField(today.replace(day=1), today=today, field="from"))
        self.last = None if kind.by_month else DateField(today, today=today, field="to")
        self.language = CodedCombo(list(language_names().items()))
        self.language.set_value(current_language())
        self.message = error_label()
        self.last_preview = None
        self.quiet = False
        # Every report's section has these buttons: no Alt keys, which would only cycle.
        preview = QPushButton(without_alt_key(_("&Preview and print…")))
        preview.clicked.connect(self.preview)
        form = QFormLayout()
        if kind.by_month:
            form.addRow(_("Month"), self.first)
        else:
            form.addRow(_("From"), self.first)
            form.addRow(_("To (inclusive)"), self.last)
        form.addRow(_("Language"), self.language)
        buttons = QHBoxLayout()
        buttons.addWidget(preview)
        for fmt, text in (("pdf", _("Save as P&DF…")), ("json", _("Save as &JSON…")),
                          ("csv", _("Save as &CSV…"))):
            button = QPushButton(without_alt_key(text))
            button.clicked.connect(lambda _c=False, f=fmt: self.save(f))
            buttons.addWidget(button)
        buttons.addStretch()
        explanation = QLabel(kind.explanation)
        explanation.setWordWrap(True)
        inner = QVBoxLayout(self)
        inner.addWidget(explanation)
        inner.addLayout(form)
        inner.addLayout(buttons)
        inner.addWidget(self.message)

    def _period(self):
        wrong = first_problem(self)  # shown at its field too
        if wrong is not None:
            reveal(wrong)
            raise InputError(wrong.problem(), wrong.field)
        if self.kind.by_month:
            return monthly.month_of(self.first.value())
        return reporting.period(self.first.value(), self.last.value())

    def preview(self) -> None:
        self.message.setText("")
        try:
            wanted = self._period()
        except InputError as error:
            show_message(self.message, str(error))
            return
        language, kind, workspace = self.language.value(), self.kind, self.workspace
        open_preview(self, workspace, lambda: kind.pdf(workspace, wanted, language),
                     kind.title, kind.audit_name,
                     f"{kind.file_prefix}-{wanted.first}-{wanted.last}.pdf")

    def save(self, fmt: str, path: Path | None = None) -> None:
        self.message.setText("")
        try:
            wanted = self._period()
        except InputError as error:
            show_message(self.message, str(error))
            return
        if path is None:
            path = save_path(self, self.kind.title,
                             f"{self.kind.file_prefix}-{wanted.first}-{wanted.last}.{fmt}",
                             f"*.{fmt}")
            if path is None:
                return
        language, kind = self.language.value(), self.kind
        Op(self, lambda: kind.write(self.workspace, wanted, path, fmt, language),
           lambda _r: self._saved(path)).with_progress(_("Writing the report…")
                                                       ).run_in_background()

    def _saved(self, path: Path) -> None:
        show_message(self.message, _("Saved: {file}").format(file=path), error=False)
        if self.isVisible() and not self.quiet:
            inform(self, _("Report saved"), _("The report was saved as {file}.").format(
                file=path))


class ReportsArea(QWidget):
    def __init__(self, workspace, today: dt.date):
        super().__init__()
        self.workspace = workspace
        self.boxes: dict[str, ReportBox] = {}
        self.statistics = None  # statistics for the province: managers and administrators
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(heading(_("Reports")))
        if not workspace.may(Permission.PRINT_REPORTS):
            note = QLabel(_("Reports are printed by managers and administrators."))
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addStretch()
            return
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 8, 0)
        for key, kind in kinds().items():
            self.boxes[key] = ReportBox(workspace, today, kind)
            column.addWidget(self.boxes[key])
        later = QLabel(_("The counsellors' weekly schedule is printed from Counselling, "
                         "referral letters and handover records from Referrals and the "
                         "resident's profile."))
        set_role(later, tone="muted")
        column.addWidget(later)
        column.addStretch()
        scroll = QScrollArea()  # more reports than an office screen is tall
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        self.tabs = None
        if not workspace.may(Permission.EXPORT_DATA):  # the service checks it too
            layout.addWidget(scroll, 1)
            return
        from shelter_app.gui.reports.statistics_page import StatisticsBox

        # The statistics in a tab of their own: found at once, and their table takes the
        # tab's height instead of scrolling inside the scrolling list of reports.
        self.statistics = StatisticsBox(workspace, today)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(scroll, _("The shelter's reports"))
        self.tabs.addTab(self.statistics, _("Statistics for the province"))
        layout.addWidget(self.tabs, 1)

    def show_statistics(self) -> None:
        if self.tabs is not None:
            self.tabs.setCurrentWidget(self.statistics)
