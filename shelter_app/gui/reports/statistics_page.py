"""Statistics for the province (in Reports): a period, a preview of the protected tables
as they will be published, and saving them as JSON, CSV or PDF for the provincial office.
Managers and administrators only (the service checks it); counting and protecting run
off the GUI thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from shelter_app.domain.errors import InputError
from shelter_app.gui.background import Op, explain
from shelter_app.gui.date_field import DateField, first_problem, reveal
from shelter_app.gui.residents.fields import CodedCombo, error_label
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import (
    fill_table,
    inform,
    read_only_table,
    save_path,
    show_message,
    without_alt_key,
)
from shelter_app.i18n import _, current_language, language_names
from shelter_app.reports.overview import statistics_pdf
from shelter_app.services.overview import statistics
from shelter_app.services.shared import reporting

FILE_PREFIX = "statistik-provinsi"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class StatisticsBox(QGroupBox):
    def __init__(self, workspace, today: dt.date):
        super().__init__(_("Statistics for the province"))
        self.workspace = workspace
        self.shown = None  # the Statistics last previewed
        self.quiet = False
        year_start = today.replace(month=1, day=1)
        self.first = DateField(year_start, today=today, field="from")
        self.last = DateField(today, today=today, field="to")
        self.language = CodedCombo(list(language_names().items()))
        self.language.set_value(current_language())
        self.message = error_label()
        explanation = QLabel(_(
            "Admissions by sex and age band, modus, type of exploitation, citizenship and "
            "province of origin; services given; discharges; cases closed. No names and not "
            "the shelter's name. Small counts are suppressed so that no one can be "
            "recognised; the office can add several shelters' files together."))
        explanation.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("From"), self.first)
        form.addRow(_("To (inclusive)"), self.last)
        form.addRow(_("Language"), self.language)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton(without_alt_key(_("Show the protected tables")))
        self.preview_button.clicked.connect(self.preview)
        buttons.addWidget(self.preview_button)
        for fmt, text in (("json", _("Save as &JSON…")), ("csv", _("Save as &CSV…")),
                          ("pdf", _("Save as P&DF…"))):
            button = QPushButton(without_alt_key(text))
            button.clicked.connect(lambda _c=False, f=fmt: self.save(f))
            buttons.addWidget(button)
        buttons.addStretch()
        self.table_choice = QComboBox()
        self.table_choice.currentIndexChanged.connect(self._show_table)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        set_role(self.summary, tone="muted")
        self.table = read_only_table(["", "", "", ""])
        self.table.setMinimumHeight(240)
        self.table_note = QLabel()
        self.table_note.setWordWrap(True)
        set_role(self.table_note, tone="muted")
        for widget in (self.table_choice, self.table, self.table_note):
            widget.setVisible(False)
        inner = QVBoxLayout(self)
        inner.addWidget(explanation)
        inner.addLayout(form)
        inner.addLayout(buttons)
        inner.addWidget(self.message)
        inner.addWidget(self.summary)
        inner.addWidget(self.table_choice)
        inner.addWidget(self.table)
        inner.addWidget(self.table_note)

    def _period(self) -> reporting.Period:
        wrong = first_problem(self)  # shown at its field too
        if wrong is not None:
            reveal(wrong)
            raise InputError(wrong.problem(), wrong.field)
        return reporting.period(self.first.value(), self.last.value())

    def preview(self) -> None:
        self.message.setText("")
        try:
            wanted = self._period()
        except InputError as error:
            show_message(self.message, str(error))
            return
        workspace = self.workspace
        Op(self, lambda: statistics.gather(workspace, wanted), self._show).failure(
            lambda error: show_message(self.message, explain(error))).with_progress(
            _("Counting and protecting…")).run_in_background()

    def _show(self, result) -> None:
        self.shown = result
        hidden = sum(t.suppressed_count for t in result.tables if not t.withheld)
        withheld = sum(t.withheld for t in result.tables)
        self.summary.setText(_(
            "Threshold {threshold}. Counts suppressed: {hidden}; tables withheld: "
            "{withheld}. • marks a count that is not published.").format(
            threshold=result.threshold, hidden=hidden, withheld=withheld))
        current = self.table_choice.currentIndex()
        self.table_choice.blockSignals(True)
        self.table_choice.clear()
        for table in result.tables:
            self.table_choice.addItem(_(statistics_pdf.TITLES[table.name]), table.name)
        self.table_choice.setCurrentIndex(max(current, 0))
        self.table_choice.blockSignals(False)
        for widget in (self.table_choice, self.table, self.table_note):
            widget.setVisible(True)
        self._show_table()

    def _show_table(self) -> None:
        if self.shown is None or self.table_choice.currentIndex() < 0:
            return
        table = self.shown.table(self.table_choice.currentData())
        if table.withheld:
            self.table.setRowCount(0)
            self.table_note.setText(_("Withheld: too few people to publish anything."))
            return
        head, *rows = statistics_pdf.printed_rows(table)
        self.table.setHorizontalHeaderLabels(head)
        fill_table(self.table, rows)
        for row in range(len(rows)):  # counts line up on the right, as printed
            for column in range(1, len(head)):
                self.table.item(row, column).setTextAlignment(RIGHT)
        self.table_note.setText(statistics_pdf.note(table))

    def save(self, fmt: str, path: Path | None = None) -> None:
        self.message.setText("")
        try:
            wanted = self._period()
        except InputError as error:
            show_message(self.message, str(error))
            return
        if path is None:
            path = save_path(self, _("Statistics for the province"),
                             f"{FILE_PREFIX}-{wanted.first}-{wanted.last}.{fmt}", f"*.{fmt}")
            if path is None:
                return
        language, workspace = self.language.value(), self.workspace
        Op(self, lambda: statistics.export(workspace, wanted, path, fmt, language),
           lambda _r: self._saved(path)).failure(
            lambda error: show_message(self.message, explain(error))).with_progress(
            _("Writing the statistics…")).run_in_background()

    def _saved(self, path: Path) -> None:
        show_message(self.message, _("Saved: {file}").format(file=path), error=False)
        if self.isVisible() and not self.quiet:
            inform(self, _("Statistics saved"), _(
                "The statistics were saved as {file}. Send this file to the provincial "
                "office; it holds no names.").format(file=path))
