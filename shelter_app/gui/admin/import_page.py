"""Administration -> Import register: bring in the shelter's old register (.xlsx or
.csv). Choose the file, check which column is which, check (a dry run that lists every
problem), then import it all at once and save the report. The file is read and checked
off the GUI thread; the services do the rest (services/residents/register_import.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import InputError
from shelter_app.gui.background import Op, explain
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import (
    confirm,
    fill_table,
    read_only_table,
    save_folder,
    save_path,
)
from shelter_app.i18n import _, ngettext
from shelter_app.services.residents import register_import
from shelter_app.services.residents import register_mapping as rm

_last_register_folder: Path | None = None  # where a register was last chosen (this session)


def register_folder() -> Path:
    """Where "Choose file" opens: the folder of the last register chosen in this session,
    else the user's Documents folder (or home), never the program's folder."""
    if _last_register_folder is not None and _last_register_folder.is_dir():
        return _last_register_folder
    return save_folder()


def say(label: QLabel, text: str, tone: str) -> None:
    """A result the user must not miss: bold, in its tone (good, warning, error), as
    other pages show theirs; "muted" for a step's hint."""
    set_role(label, tone=tone, heading="" if tone == "muted" else "section")
    label.setText(text)


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
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
        # the two lists share the height, the user can move the line between them, and
        # after a check the one with more to say gets more (_share_height)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        for title, table in ((_("Rows with problems"), self.bad_rows),
                             (_("Duplicates and notes"), self.notes)):
            part = QWidget()
            part_layout = QVBoxLayout(part)
            part_layout.setContentsMargins(0, 0, 0, 0)
            part_layout.addWidget(QLabel(title))
            part_layout.addWidget(table, 1)
            self.splitter.addWidget(part)
        right.addWidget(self.splitter, 1)
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
        # nothing to import (every person on record already, no rows) -> no Import
        self.import_button.setEnabled(bool(self.plan and self.plan.creates
                                           and not self.imported))
        self.report_button.setEnabled(self.imported is not None)

    # ---- the file and its columns ----

    def choose_file(self, path: Path | None = None) -> None:
        global _last_register_folder
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Choose the register"), str(register_folder()),
                _("Spreadsheets (*.xlsx *.csv)"))
            if not chosen:
                return
            path = Path(chosen)
        _last_register_folder = path.parent
        # the same file chosen again (corrected): the user's choices of columns stay for
        # the headers still there
        keep = self.current_mapping() if self.table is not None else None
        self.path.setText(str(path))
        say(self.summary, _("Reading the register…"), "muted")
        Op(self, lambda: register_import.open_register(path, keep), self._opened).failure(
            self._failed).with_progress(_("Reading the register…")).run_in_background()

    def _opened(self, opened) -> None:
        self.table, mapping = opened
        self.plan = self.imported = None
        self._show_mapping(mapping)
        rows = rm.data_row_count(self.table.rows, mapping)
        say(self.summary, ngettext(
            "{count} row read. Check which column is which, then check the register.",
            "{count} rows read. Check which column is which, then check the register.",
            rows).format(count=rows), "muted")
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
            say(self.summary, _("The columns changed: check the register again."), "warning")
            self._enable()

    def load_mapping(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Load a column mapping"), str(register_folder()),
                _("Column mappings (*.json)"))
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
        Op(self, lambda: rm.save_mapping(mapping, path), lambda _none: say(
            self.summary, _("Column mapping saved to {file}.").format(file=path), "good")).failure(self._failed).run_in_background()

    # ---- check, import, report ----

    def check(self) -> None:
        """Reads the file again from disk (it may have been corrected and saved since),
        keeping the columns as chosen, then the dry run."""
        path, mapping = Path(self.path.text()), self.current_mapping()
        workspace = self.workspace
        self.check_button.setEnabled(False)

        def work():
            table, again = register_import.open_register(path, mapping)
            if again.headers != mapping.headers or again.header_row != mapping.header_row:
                return table, again, None  # other columns: shown to check first
            return table, again, register_import.check(workspace, table, again)

        Op(self, work, self._checked).failure(self._failed).with_progress(
            _("Checking the register…")).run_in_background()

    def _checked(self, result) -> None:
        table, mapping, plan = result
        self.table = table
        if plan is None:
            self.plan = self.imported = None
            self._show_mapping(mapping)
            say(self.summary, _("The register's columns changed since it was read: check "
                                "which column is which, then check it again."), "warning")
            self._enable()
            return
        self.plan, self.imported = plan, None
        text = summary_of(plan)
        say(self.summary, text, "error" if plan.bad_rows
            else "good" if plan.creates else "warning")
        fill_table(self.bad_rows, [[plan.row_label(b.row), b.column, b.reason]
                                   for b in plan.bad_rows])
        fill_table(self.notes, notes_of(plan))
        self._share_height()
        self._enable()

    def _share_height(self) -> None:
        """The list with more lines gets more of the height (each at least a quarter)."""
        total = max(sum(self.splitter.sizes()), 200)
        bad, notes = self.bad_rows.rowCount(), self.notes.rowCount()
        share = 0.5 if bad + notes == 0 else min(max(bad / (bad + notes), 0.25), 0.75)
        self.splitter.setSizes([int(total * share), total - int(total * share)])

    def run_import(self, confirmed: bool = False) -> None:
        if not confirmed and not confirm(self, _("Import register"), _(
                "Import {persons} persons with {stays} stays now? They are added all at "
                "once.").format(persons=self.plan.persons, stays=self.plan.stays)):
            return
        path, checked, mapping = Path(self.path.text()), self.table, self.current_mapping()
        workspace = self.workspace
        self.import_button.setEnabled(False)

        def work():
            table, _again = register_import.open_register(path)  # what is on disk now
            if table.rows != checked.rows:
                raise InputError(_("The file changed since the check: check it again "
                                   "before importing. Nothing was imported."), "file")
            return register_import.import_register(workspace, table, mapping)

        Op(self, work, self._imported).failure(self._import_failed).with_progress(
            _("Importing…")).run_in_background()

    def _import_failed(self, error: BaseException) -> None:
        self.plan = None  # check again first
        self._failed(error)

    def _imported(self, imported) -> None:
        self.imported = imported
        say(self.summary, ngettext(
            "Imported {count} person. Save the report to keep a record of what came in.",
            "Imported {count} persons. Save the report to keep a record of what came in.",
            imported.plan.persons).format(count=imported.plan.persons), "good")
        self._enable()
        refresh_other_screens(self)

    def report_name(self) -> Path:
        """laporan-impor-register-2026-12-01.pdf (in the user's language), in the folder
        the register came from."""
        name = _("register-import-{day}.pdf").format(
            day=self.workspace.clock().date().isoformat())
        folder = Path(self.path.text()).parent if self.path.text() else save_folder()
        return folder / name

    def save_report(self, path: Path | None = None) -> None:
        path = path or save_path(self, _("Save the report"), str(self.report_name()),
                                 "*.pdf *.csv")
        if path is None:
            return
        imported = self.imported
        Op(self, lambda: register_import.save_report(self.workspace, imported, path),
           lambda _none: say(self.summary, _("Report saved to {file}.").format(
               file=path), "good")).failure(self._failed).run_in_background()

    def _failed(self, error: BaseException) -> None:
        say(self.summary, explain(error), "error")
        self._enable()


def fill_table_row(table: QTableWidget, row: int, text: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    table.setItem(row, 0, item)


def refresh_other_screens(page: QWidget) -> None:
    """The residents area (its counts and list) and the dashboard read again, as the
    intake wizard has the residents area do after an admission and as live refresh does
    for other PCs' changes (its SCREENS): the import changed what they show."""
    from shelter_app.gui.live_refresh import SCREENS

    window = page.window()
    if not hasattr(window, "areas"):
        return  # the page on its own (tests)
    for key in ("residents", "dashboard"):
        screen = SCREENS[key](window)
        if screen is not None:
            screen.refresh()


def summary_of(plan) -> str:
    """The dry run's result in a few sentences: what would be created, who would be
    present today, what the register does not say, what is wrong."""
    text = _("Would create {persons} persons, {stays} stays and {contacts} contacts "
             "from {rows} rows; {beds} beds given.").format(
        persons=plan.persons, stays=plan.stays, contacts=plan.contacts,
        rows=plan.data_rows, beds=plan.beds)
    if plan.persons:
        text += " " + _("{count} of them would be present in the shelter today (no date "
                        "of discharge).").format(count=plan.present)
    if plan.on_record:
        text += " " + _("{count} already on record: skipped.").format(
            count=len(plan.on_record))
    if plan.bad_rows:
        text += " " + ngettext(
            "{count} row has problems: correct it in the file, save it and check again.",
            "{count} rows have problems: correct them in the file, save it and check "
            "again.",
            len({b.row for b in plan.bad_rows})).format(
            count=len({b.row for b in plan.bad_rows}))
    elif plan.ok and not plan.persons:
        text += " " + _("Nothing to import.")
    if plan.creates:
        text += "\n" + _("Not in the register, given the intake's values: {fields}. "
                         "Complete the profiles after the import.").format(
            fields=register_import.defaulted_fields())
    return text


def notes_of(plan) -> list[list[str]]:
    """The duplicates and warnings as lines of the notes table."""
    lines = [[plan.rows_label(d.rows), _("May be {name} (case {case}), already on "
                                         "record: skipped, not merged.").format(
        name=d.shown_name, case=d.case_number)] for d in plan.on_record]
    lines += [[plan.rows_label(rows), _("May be the same person written twice: "
                                        "check.")] for rows in plan.in_file]
    lines += [[plan.row_label(w.row), w.reason] for w in plan.warnings]
    if plan.ignored_columns:
        lines.append(["", _("Columns ignored: {columns}").format(
            columns=", ".join(plan.ignored_columns))])
    return lines
