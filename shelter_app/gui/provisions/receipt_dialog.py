"""The receipt (tanda terima) of one resident's provisions in one stage: previewed and
printed as the PDF it is, or saved as PDF, in Indonesian or English."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from shelter_app.domain.vocab import Window
from shelter_app.gui.background import Op, explain
from shelter_app.gui.printing import open_preview
from shelter_app.gui.residents.fields import CodedCombo, error_label
from shelter_app.gui.widgets import save_path, show_message
from shelter_app.i18n import _, current_language, language_names
from shelter_app.services.provisions import reports


class ReceiptDialog(QDialog):
    def __init__(self, workspace, line, parent=None):
        super().__init__(parent)
        self.workspace, self.line, self.last_preview = workspace, line, None
        self.setWindowTitle(_("Receipt"))
        self.stage = CodedCombo(list(Window))
        self.stage.set_value(line.stage)
        self.language = CodedCombo(list(language_names().items()))
        self.language.set_value(current_language())
        self.message = error_label()
        preview = QPushButton(_("&Preview and print…"))
        preview.clicked.connect(self.preview)
        save = QPushButton(_("Save as P&DF…"))
        save.clicked.connect(lambda: self.save())
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Resident"), QLabel(f"{line.case_number} {line.label}"))
        form.addRow(_("Stage"), self.stage)
        form.addRow(_("Language"), self.language)
        buttons = QHBoxLayout()
        for button in (preview, save):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def preview(self) -> None:
        person, stage, language = self.line.person_id, self.stage.value(), self.language.value()
        workspace = self.workspace
        open_preview(self, workspace,
                     lambda: reports.receipt(workspace, person, stage, language),
                     _("Receipt"), "receipt", failed=self._failed)

    def save(self, path: Path | None = None) -> None:
        stage, language = self.stage.value(), self.language.value()
        path = path or save_path(
            self, _("Save the receipt"),
            f"tanda-terima-{self.line.case_number}-{stage}.pdf")
        if path is None:
            return
        Op(self, lambda: reports.save_receipt(self.workspace, path,
                                              self.line.person_id, stage, language),
           lambda _r: show_message(self.message, _("Saved: {file}").format(file=path),
                                   error=False)).failure(self._failed).run_in_background()

    def _failed(self, error) -> None:
        show_message(self.message, explain(error))
