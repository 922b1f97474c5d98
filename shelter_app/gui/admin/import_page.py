"""Administration -> Import register: bring in the shelter's old register (.xlsx or
.csv). Choose the file, check which column is which, check (a dry run that lists every
problem), then import it all at once and save the report. The file is read and checked
off the GUI thread; the services do the rest (services/residents/register_import.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_app.gui.background import Op, explain
from shelter_app.gui.widgets import confirm, fill_table, read_only_table, save_path, show_message
from shelter_app.i18n import _, ngettext
from shelter_app.services.residents import register_import
from shelter_app.services.residents import register_mapping as rm


class ImportPage(QWidget):
    def __init__(self, workspace):
        super().__init__()
        self.workspace = workspace
        self.table = self.mapping = self.plan = self.imported = None
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(_("an .xlsx or .csv file, one row per stay"))
        choose = QPushButton(_("&Choose file…"))
        choose.clicked.connect(lambda: self.choose_file())
        self.columns = QTableWidget(0, 2)
        self.columns.setHorizontalHeaderLabels([_("Column in the register"), _("Read as")])
        self.columns.horizontalHeader().setStretchLastSection(True)
        self.columns.setColumnWidth(0, 200)
        self.columns.verticalHeader().hide()
        self.load_button = QPushButton(_("&Load mapping…"))
        self.load_button.clicked.connect(lambda: self.load_mapping())
        self.save_mapping_button = QPushButton(_("Save &mapping…"))
        self.save_mapping_button.clicked.connect(lambda: self.save_mapping())
        self.check_button = QPushButton(_("Chec&k (dry run)"))
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(_("&Import"))
        self.import_button.clicked.connect(lambda: self.run_import())
        self.report_button = QPushButton(_("Save the &report…"))
        self.report_button.clicked.connect(lambda: self.save_report())
        self.summary = QLabel(_("Choose the register to bring in. Nothing is saved until "
                                "you import it."))
        self.summary.setWordWrap(True)
        self.bad_rows = read_only_table([_("Row"), _("Column"), _("Problem")])
        self.notes = read_only_table([_("Rows"), _("Note")])
        for table in (self.bad_rows, self.notes):  # the text gets the width
            header = table.horizontalHeader()
            for column in range(table.columnCount() - 1):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self._lay_out(choose)
        self._enable()

    def _lay_out(self, choose: QPushButton) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Register")))
        top.addWidget(self.path, 1)
        top.addWidget(choose)
        columns_box = QGroupBox(_("1. Which column is which"))
        left = QVBoxLayout(columns_box)
        hint = QLabel(_("Matched by the headers. Fix what is wrong; columns read as "
                        "\"(ignored)\" are left out."))
        hint.setWordWrap(True)
        left.addWidget(hint)
        left.addWidget(self.columns, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.save_mapping_button)
        left.addLayout(buttons)
        check_box = QGroupBox(_("2. Check, then import"))
        right = QVBoxLayout(check_box)
        right.addWidget(self.summary)
        right.addWidget(QLabel(_("Rows with problems")))
        right.addWidget(self.bad_rows, 3)
        right.addWidget(QLabel(_("Duplicates and notes")))
        right.addWidget(self.notes, 2)
        actions = QHBoxLayout()
        actions.addWidget(self.check_button)
        actions.addWidget(self.import_button)
        actions.addStretch()
        actions.addWidget(self.report_button)
        right.addLayout(actions)
        middle = QHBoxLayout()
        middle.addWidget(columns_box, 2)
        middle.addWidget(check_box, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)

    def _enable(self) -> None:
        has_file = self.table is not None
        for button in (self.load_button, self.save_mapping_button, self.check_button):
            button.setEnabled(has_file)
        self.import_button.setEnabled(bool(self.plan and self.plan.ok and not self.imported))
        self.report_button.setEnabled(self.imported is not None)

    # ---- the file and its columns ----

    def choose_file(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Choose the register"), "", _("Spreadsheets (*.xlsx *.csv)"))
            if not chosen:
                return
            path = Path(chosen)
        self.path.setText(str(path))
        show_message(self.summary, _("Reading the register…"), error=False)
        Op(self, lambda: register_import.open_register(path), self._opened).failure(
            self._failed).with_progress(_("Reading the register…")).run_in_background()

    def _opened(self, opened) -> None:
        self.table, mapping = opened
        self.plan = self.imported = None
        self._show_mapping(mapping)
        show_message(self.summary, ngettext(
            "{count} row read. Check which column is which, then check the register.",
            "{count} rows read. Check which column is which, then check the register.",
            len(self.table.rows)).format(count=len(self.table.rows)), error=False)
        fill_table(self.bad_rows, [])
        fill_table(self.notes, [])
        self._enable()

    def _show_mapping(self, mapping: rm.Mapping) -> None:
        self.header_row, self.headers = mapping.header_row, mapping.headers
        shown = [i for i, header in enumerate(mapping.headers) if header]
        self.columns.setRowCount(len(shown))
        self.combos: dict[int, QComboBox] = {}
        for row, index in enumerate(shown):
            fill_table_row(self.columns, row, mapping.headers[index])
            combo = QComboBox()
            combo.addItem(rm.field_label(rm.IGNORED), rm.IGNORED)
            for name in rm.FIELDS:
                combo.addItem(rm.field_label(name), name)
            combo.setCurrentIndex(max(combo.findData(mapping.columns.get(index, rm.IGNORED)),
                                      0))
            combo.currentIndexChanged.connect(
                lambda _i, chosen=combo: self._mapping_changed(chosen))
            self.columns.setCellWidget(row, 1, combo)
            self.combos[index] = combo

    def current_mapping(self) -> rm.Mapping:
        """The mapping as the combo boxes say (read here, on the GUI thread)."""
        columns = {index: combo.currentData() for index, combo in self.combos.items()
                   if combo.currentData()}
        return rm.Mapping(self.header_row, self.headers, columns)

    def _mapping_changed(self, chosen: QComboBox) -> None:
        field = chosen.currentData()
        for combo in self.combos.values():  # a field is read from one column only
            if combo is not chosen and field and combo.currentData() == field:
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
        if self.plan is not None and self.imported is None:
            self.plan = None
            show_message(self.summary, _("The columns changed: check the register again."),
                         error=False)
            self._enable()

    def load_mapping(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Load a column mapping"), "", _("Column mappings (*.json)"))
            if not chosen:
                return
            path = Path(chosen)
        mapping = self.current_mapping()
        Op(self, lambda: rm.apply_saved(mapping, rm.read_mapping_file(path)),
           self._show_mapping).failure(self._failed).run_in_background()

    def save_mapping(self, path: Path | None = None) -> None:
        path = path or save_path(self, _("Save the column mapping"),
                                 "register-mapping.json", "*.json")
        if path is None:
            return
        mapping = self.current_mapping()
        Op(self, lambda: rm.save_mapping(mapping, path), lambda _none: show_message(
            self.summary, _("Column mapping saved to {file}.").format(file=path),
            error=False)).failure(self._failed).run_in_background()

    # ---- check, import, report ----

    def check(self) -> None:
        table, mapping = self.table, self.current_mapping()
        self.check_button.setEnabled(False)
        Op(self, lambda: register_import.check(self.workspace, table, mapping),
           self._checked).failure(self._failed).with_progress(
            _("Checking the register…")).run_in_background()

    def _checked(self, plan) -> None:
        self.plan, self.imported = plan, None
        text = _("Would create {persons} persons, {stays} stays and {contacts} contacts "
                 "from {rows} rows; {beds} beds given.").format(
            persons=plan.persons, stays=plan.stays, contacts=plan.contacts,
            rows=plan.data_rows, beds=plan.beds)
        if plan.on_record:
            text += " " + _("{count} already on record: skipped.").format(
                count=len(plan.on_record))
        if plan.bad_rows:
            text += " " + ngettext(
                "{count} row has problems: correct it in the file and choose it again.",
                "{count} rows have problems: correct them in the file and choose it again.",
                len({b.row for b in plan.bad_rows})).format(
                count=len({b.row for b in plan.bad_rows}))
        show_message(self.summary, text, error=bool(plan.bad_rows))
        fill_table(self.bad_rows, [[str(b.row), b.column, b.reason] for b in plan.bad_rows])
        fill_table(self.notes, notes_of(plan))
        self._enable()

    def run_import(self, confirmed: bool = False) -> None:
        if not confirmed and not confirm(self, _("Import register"), _(
                "Import {persons} persons with {stays} stays now? They are added all at "
                "once.").format(persons=self.plan.persons, stays=self.plan.stays)):
            return
        table, mapping = self.table, self.current_mapping()
        self.import_button.setEnabled(False)
        Op(self, lambda: register_import.import_register(self.workspace, table, mapping),
           self._imported).failure(self._failed).with_progress(
            _("Importing…")).run_in_background()

    def _imported(self, imported) -> None:
        self.imported = imported
        show_message(self.summary, ngettext(
            "Imported {count} person. Save the report to keep a record of what came in.",
            "Imported {count} persons. Save the report to keep a record of what came in.",
            imported.plan.persons).format(count=imported.plan.persons), error=False)
        self._enable()

    def save_report(self, path: Path | None = None) -> None:
        path = path or save_path(self, _("Save the report"), "register-import.pdf",
                                 "*.pdf *.csv")
        if path is None:
            return
        imported = self.imported
        Op(self, lambda: register_import.save_report(self.workspace, imported, path),
           lambda _none: show_message(self.summary, _("Report saved to {file}.").format(
               file=path), error=False)).failure(self._failed).run_in_background()

    def _failed(self, error: BaseException) -> None:
        show_message(self.summary, explain(error))
        self._enable()


def fill_table_row(table: QTableWidget, row: int, text: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    table.setItem(row, 0, item)


def notes_of(plan) -> list[list[str]]:
    """The duplicates and warnings as lines of the notes table."""
    lines = [[", ".join(map(str, d.rows)), _("May be {name} (case {case}), already on "
                                            "record: skipped, not merged.").format(
        name=d.shown_name, case=d.case_number)] for d in plan.on_record]
    lines += [[", ".join(map(str, rows)), _("May be the same person written twice: "
                                           "check.")] for rows in plan.in_file]
    lines += [[str(w.row), w.reason] for w in plan.warnings]
    if plan.ignored_columns:
        lines.append(["", _("Columns ignored: {columns}").format(
            columns=", ".join(plan.ignored_columns))])
    return lines
