"""Reports: the occupancy report for any period, in Indonesian or English, previewed on
screen, printed, or saved as PDF, JSON or CSV."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import InputError
from shelter_app.domain.roles import Permission
from shelter_app.gui.background import Op
from shelter_app.gui.residents.fields import CodedCombo, date_edit, error_label, read_date
from shelter_app.gui.widgets import heading, inform, show_message
from shelter_app.i18n import _, current_language, language_names
from shelter_app.services import reports


class ReportsArea(QWidget):
    def __init__(self, workspace, today: dt.date):
        super().__init__()
        self.workspace = workspace
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(heading(_("Reports")))
        if not workspace.may(Permission.PRINT_REPORTS):
            note = QLabel(_("Reports are printed by managers and administrators."))
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addStretch()
            return
        self.first = date_edit(today.replace(day=1), today)
        self.last = date_edit(today, today)
        self.language = CodedCombo(list(language_names().items()))
        self.language.set_value(current_language())
        self.message = error_label()
        self.preview_button = QPushButton(_("&Preview and print…"))
        self.preview_button.clicked.connect(self.preview)
        self.save_buttons = {}
        box = QGroupBox(_("Occupancy report (laporan hunian)"))
        form = QFormLayout()
        form.addRow(_("From"), self.first)
        form.addRow(_("To (inclusive)"), self.last)
        form.addRow(_("Language"), self.language)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        for fmt, text in (("pdf", _("Save as P&DF…")), ("json", _("Save as &JSON…")),
                          ("csv", _("Save as &CSV…"))):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, f=fmt: self.save(f))
            self.save_buttons[fmt] = button
            buttons.addWidget(button)
        buttons.addStretch()
        inner = QVBoxLayout(box)
        explanation = QLabel(_(
            "Daily census, resident-days, admissions and discharges, average length of stay "
            "and bed utilisation, overall and by sex and age group, with the residents "
            "present at the end (case numbers and initials only)."))
        explanation.setWordWrap(True)
        inner.addWidget(explanation)
        inner.addLayout(form)
        inner.addLayout(buttons)
        inner.addWidget(self.message)
        layout.addWidget(box)
        later = QLabel(_("The provision, sessions, referrals and monthly reports will be "
                         "added here."))
        later.setStyleSheet("color:#666;")
        layout.addWidget(later)
        layout.addStretch()

    def _period(self):
        return reports.period(read_date(self.first), read_date(self.last))

    def preview(self) -> None:
        self.message.setText("")
        try:
            wanted = self._period()
        except InputError as error:
            show_message(self.message, str(error))
            return
        language = self.language.value()

        def work():
            report = reports.occupancy(self.workspace, wanted)
            return reports.occupancy_html(self.workspace, report, language)

        Op(self, work, self._show_preview).with_progress(_("Counting…")).run_in_background()

    def _show_preview(self, html: str) -> None:
        from shelter_app.gui.reports.preview import PrintPreview

        self.last_preview = PrintPreview(html, self)
        self.last_preview.printed.connect(lambda: Op(
            self, lambda: reports.record_printed(self.workspace, "report_occupancy")
        ).run_in_background())
        self.last_preview.open()

    def save(self, fmt: str, path: Path | None = None) -> None:
        self.message.setText("")
        try:
            wanted = self._period()
        except InputError as error:
            show_message(self.message, str(error))
            return
        if path is None:
            suggested = f"laporan-hunian-{wanted.first}-{wanted.last}.{fmt}"
            chosen, _filter = QFileDialog.getSaveFileName(
                self, _("Save the occupancy report"), suggested, f"*.{fmt}")
            if not chosen:
                return
            path = Path(chosen)
        language = self.language.value()
        Op(self, lambda: reports.write_occupancy(self.workspace, wanted, path, fmt, language),
           lambda _r: self._saved(path)).with_progress(_("Writing the report…")
                                                       ).run_in_background()

    def _saved(self, path: Path) -> None:
        show_message(self.message, _("Saved: {file}").format(file=path), error=False)
        if self.isVisible() and not getattr(self, "quiet", False):
            inform(self, _("Report saved"), _("The report was saved as {file}.").format(
                file=path))
