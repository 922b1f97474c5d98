"""The resident list: search as you type, filters, and the way into a profile."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import AgeGroup, CaseStage, Modus, Sex
from shelter_app.gui.background import Op
from shelter_app.gui.residents.fields import CodedCombo
from shelter_app.gui.residents.list_model import Column, ResidentTableModel, column_samples
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import shown_only_if
from shelter_app.i18n import _, ngettext
from shelter_app.services.residents import search

TYPING_PAUSE_MS = 150


class ResidentListPage(QWidget):
    open_profile = Signal(int)
    new_admission = Signal()
    receive_case = Signal()  # a case moved here from another shelter (transfer_dialogs)

    def __init__(self, workspace):
        super().__init__()
        self.workspace = workspace
        self._generation = 0
        self._shown_filter: search.ResidentFilter | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by case number or name…"))
        self.search.setClearButtonEnabled(True)
        self.presence = CodedCombo([(search.PRESENT, _("Present now")),
                                    (search.DISCHARGED, _("Discharged")),
                                    (search.EVERYONE, _("Everyone"))])
        self.sex = CodedCombo(list(Sex), empty=_("Any sex"))
        self.age_group = CodedCombo(list(AgeGroup), empty=_("Any age"))
        self.modus = CodedCombo(list(Modus), empty=_("Any modus"))
        self.stage = CodedCombo(list(CaseStage), empty=_("Any stage"))
        self.room = CodedCombo([], empty=_("Any room"))
        self.count = QLabel("")

        self.model = ResidentTableModel(lambda ids: search.rows(workspace, ids), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._size_columns()
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table,
                  lambda: self._open(self.table.currentIndex().row()))

        self.open_button = QPushButton(_("&Open profile"))
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex().row()))
        self.blank_form_button = QPushButton(_("&Blank intake form…"))
        self.blank_form_button.setToolTip(_("For writing by hand when the PC is off"))
        self.blank_form_button.clicked.connect(lambda: self.save_blank_form())
        self.admit_button = QPushButton(_("&New admission… (Ctrl+N)"))
        shown_only_if(self.admit_button, workspace.may(Permission.EDIT_RESIDENTS))
        self.admit_button.clicked.connect(self.new_admission.emit)
        set_role(self.admit_button, primary="true")
        self.receive_button = QPushButton(_("&Receive a case from another shelter…"))
        shown_only_if(self.receive_button, workspace.may(Permission.TRANSFER_CASES))
        self.receive_button.clicked.connect(self.receive_case.emit)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._typing.start)
        for combo in (self.presence, self.sex, self.age_group, self.modus, self.stage,
                      self.room):
            combo.currentIndexChanged.connect(self.refresh)
        self._build()
        self._load_rooms()

    def _size_columns(self) -> None:
        """Each column as wide as its header and the widest text it can hold, no wider:
        fixed widths cut "Jenis kelamin" and the case stages in Indonesian."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        margins = 2 * (self.table.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1) + 6
        for column in Column:
            widest = max(metrics.horizontalAdvance(text) for text in column_samples(column))
            header.resizeSection(column, max(header.sectionSizeFromContents(column).width(),
                                             widest + margins))

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.admit_button)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Show:")))
        for combo in (self.presence, self.sex, self.age_group, self.modus, self.stage,
                      self.room):
            filters.addWidget(combo)
        filters.addStretch()
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch()
        bottom.addWidget(self.receive_button)
        bottom.addWidget(self.blank_form_button)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def _load_rooms(self) -> None:
        def fill(choices) -> None:
            for room_id, name in choices:
                self.room.addItem(name, room_id)

        Op(self, lambda: search.room_choices(self.workspace), fill
           ).run_in_background()

    def current_filter(self) -> search.ResidentFilter:
        return search.ResidentFilter(
            text=self.search.text(), presence=self.presence.value(), sex=self.sex.value(),
            age_group=self.age_group.value(), modus=self.modus.value(),
            stage=self.stage.value(), room_id=self.room.currentData() or None)

    def refresh(self) -> None:
        self._generation += 1
        generation, wanted = self._generation, self.current_filter()
        Op(self, lambda: search.search(self.workspace, wanted),
           lambda ids: self._show(generation, ids, wanted)).run_in_background()

    def _show(self, generation: int, ids: list[int], wanted=None) -> None:
        if generation != self._generation:
            return  # a newer keystroke's answer is on its way
        more = len(ids) > search.SEARCH_CAP
        ids = ids[:search.SEARCH_CAP]
        row = self.table.currentIndex().row()
        chosen = None  # the same search read again (live refresh): stay on the same person
        if wanted is not None and wanted == self._shown_filter \
                and 0 <= row < self.model.rowCount():
            chosen = self.model.person_id(row)
        self._shown_filter = wanted
        self.model.set_ids(ids)
        self.count.setText(_("The first {count} who match: type more to narrow the search.")
                           .format(count=len(ids)) if more else ngettext(
                               "{count} resident", "{count} residents", len(ids)).format(
                               count=len(ids)))
        if ids:
            self.table.selectRow(ids.index(chosen) if chosen in ids else 0)

    def save_blank_form(self, path=None) -> None:
        """Preview the blank intake form, to print or save (with `path`: save it there)."""
        from shelter_app.gui.printing import open_preview
        from shelter_app.services.residents import forms

        if path is None:
            workspace = self.workspace
            open_preview(self, workspace, lambda: forms.intake_form(workspace),
                         _("Blank intake form"), "form_intake", "formulir-penerimaan.pdf")
            return
        Op(self, lambda: forms.save_intake_form(self.workspace, path),
           lambda _r: self.count.setText(_("Saved: {file}").format(file=path))
           ).run_in_background()

    def _open(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_profile.emit(self.model.person_id(row))
