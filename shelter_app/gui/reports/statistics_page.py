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
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import InputError, ShelterError
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
from shelter_app.i18n.places import province_name
from shelter_app.reports.overview import statistics_pdf
from shelter_app.services.overview import statistics
from shelter_app.services.shared import reporting

FILE_PREFIX = "statistik-provinsi"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class StatisticsBox(QWidget):
    """The Reports area's second tab. Its buttons are the other reports' (preview and
    print, then save as PDF, JSON, CSV); below them the tables can be shown on screen,
    the table taking the tab's remaining height (nothing scrolls inside a scrolling page).
    Says which province the files will name, and where it is set."""

    def __init__(self, workspace, today: dt.date):
        super().__init__()
        self.workspace = workspace
        self.shown = None  # the Statistics last shown on screen
        self.last_preview = None
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
            "the shelter's name; the office can add several shelters' files together."))
        explanation.setWordWrap(True)
        self.protection = QLabel()
        self.protection.setWordWrap(True)
        self.province = QLabel()
        self.province.setWordWrap(True)
        self.province.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow(_("From"), self.first)
        form.addRow(_("To (inclusive)"), self.last)
        form.addRow(_("Language"), self.language)
        # the other reports' buttons, in their order and words: no Alt keys
        self.print_button = QPushButton(without_alt_key(_("&Preview and print…")))
        self.print_button.clicked.connect(self.print_preview)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        self.save_buttons: dict[str, QPushButton] = {}
        for fmt, text in (("pdf", _("Save as P&DF…")), ("json", _("Save as &JSON…")),
                          ("csv", _("Save as &CSV…"))):
            button = self.save_buttons[fmt] = QPushButton(without_alt_key(text))
            button.clicked.connect(lambda _c=False, f=fmt: self.save(f))
            buttons.addWidget(button)
        buttons.addStretch()
        self.preview_button = QPushButton(without_alt_key(_("Show the tables here")))
        self.preview_button.clicked.connect(self.preview)
        self.table_choice = QComboBox()
        self.table_choice.currentIndexChanged.connect(self._show_table)
        on_screen = QHBoxLayout()
        on_screen.addWidget(self.preview_button)
        on_screen.addWidget(self.table_choice, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        set_role(self.summary, tone="muted")
        self.table = read_only_table(["", "", "", ""])
        self.table_note = QLabel()
        self.table_note.setWordWrap(True)
        set_role(self.table_note, tone="muted")
        for widget in (self.table_choice, self.table, self.table_note):
            widget.setVisible(False)
        inner = QVBoxLayout(self)
        inner.setContentsMargins(8, 8, 8, 8)
        for widget in (explanation, self.protection, self.province):
            inner.addWidget(widget)
        inner.addLayout(form)
        inner.addLayout(buttons)
        inner.addWidget(self.message)
        inner.addLayout(on_screen)
        inner.addWidget(self.summary)
        inner.addWidget(self.table, 1)  # the rest of the tab's height
        inner.addWidget(self.table_note)
        self.end = QWidget()  # holds the height until the table is shown
        inner.addWidget(self.end, 1)
        self.refresh()

    def refresh(self) -> None:
        """The province and the threshold as set now (an administrator may have changed
        them since the tab was made)."""
        threshold, code = statistics.setup(self.workspace)
        self.protection.setText(statistics_pdf.protection_line(threshold))
        if code:
            self.province.setText(_("The files name the province: {province}.").format(
                province=province_name(code)))
        else:
            self.province.setText(_(
                "The province the files name is not set yet. The administrator sets it in "
                "Administration → Settings, “Province (for statistics)”."))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        try:
            self.refresh()
        except ShelterError as error:  # e.g. the session ended: said, never a traceback
            show_message(self.message, str(error))

    def _period_or_say(self) -> reporting.Period | None:
        """The period typed, or None with what is wrong said (at its field too)."""
        self.message.setText("")
        wrong = first_problem(self)
        try:
            if wrong is not None:
                reveal(wrong)
                raise InputError(wrong.problem(), wrong.field)
            return reporting.period(self.first.value(), self.last.value())
        except InputError as error:
            show_message(self.message, str(error))
            return None

    def preview(self) -> None:
        wanted = self._period_or_say()
        if wanted is None:
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
            "Counts not shown (•): {hidden}. Tables not shown at all (too few people): "
            "{withheld}.").format(hidden=hidden, withheld=withheld))
        current = self.table_choice.currentIndex()
        self.table_choice.blockSignals(True)
        self.table_choice.clear()
        for table in result.tables:
            self.table_choice.addItem(_(statistics_pdf.TITLES[table.name]), table.name)
        self.table_choice.setCurrentIndex(max(current, 0))
        self.table_choice.blockSignals(False)
        for widget in (self.table_choice, self.table, self.table_note):
            widget.setVisible(True)
        self.end.setVisible(False)
        self._show_table()

    def _show_table(self) -> None:
        if self.shown is None or self.table_choice.currentIndex() < 0:
            return
        table = self.shown.table(self.table_choice.currentData())
        if table.withheld:
            self.table.setRowCount(0)
            self.table_note.setText(_(statistics_pdf.WITHHELD))
            return
        head, *rows = statistics_pdf.printed_rows(table)
        self.table.setHorizontalHeaderLabels(head)
        fill_table(self.table, rows)
        for row in range(len(rows)):  # counts line up on the right, as printed
            for column in range(1, len(head)):
                self.table.item(row, column).setTextAlignment(RIGHT)
        self.table_note.setText(statistics_pdf.note(table))

    def print_preview(self) -> None:
        """As every report: the PDF made off the GUI thread, previewed, then printed or
        saved from the preview (both audited)."""
        from shelter_app.gui.printing.preview import PdfPreview

        wanted = self._period_or_say()
        if wanted is None:
            return
        language, workspace = self.language.value(), self.workspace

        def show(pdf: bytes) -> None:
            self.last_preview = PdfPreview(
                pdf, _("Statistics for the province"), self,
                record=lambda: statistics.record_printed(workspace, wanted),
                save=lambda path: statistics.save_pdf(workspace, wanted, path, pdf),
                file_name=f"{FILE_PREFIX}-{wanted.first}-{wanted.last}.pdf")
            self.last_preview.open()

        Op(self, lambda: statistics.pdf(workspace, wanted, language), show).failure(
            lambda error: show_message(self.message, explain(error))).with_progress(
            _("Making the document…")).run_in_background()

    def save(self, fmt: str, path: Path | None = None) -> None:
        wanted = self._period_or_say()
        if wanted is None:
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
