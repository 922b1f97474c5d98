"""A new recovery key after a rekey, shown once, with its sheet printed from memory or
saved where the administrator chooses (as the set-up wizard offers it): never a file
left in a fixed place such as the home folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from shelter_app.gui.background import Op, explain
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import save_path, show_message
from shelter_app.i18n import _

SUGGESTED_NAME = "recovery-sheet.pdf"


def choose_sheet_path(parent) -> Path | None:
    """Where to save a recovery sheet: asked every time (the dialog starts where every
    save dialog does); nothing is written anywhere the administrator did not choose."""
    return save_path(parent, _("Save the recovery sheet"), SUGGESTED_NAME)


def recovery_key_label(text: str = "") -> QLabel:
    """The recovery key as it is shown once: large, fixed-width, selectable."""
    label = QLabel(text)
    font = QFont("DejaVu Sans Mono")
    font.setPointSize(18)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    set_role(label, panel="secret")
    return label


def preview_recovery_sheet(owner, workspace, recovery_key: str, shown, failed) -> None:
    """The recovery sheet in the preview, made and printed from memory: no file ever holds
    the key. `shown(preview)` is given the open preview (to close it with its owner)."""
    from shelter_app.gui.printing.preview import PdfPreview
    from shelter_app.services.administration import setup
    from shelter_app.services.shared import printing

    def show(pdf: bytes) -> None:
        preview = PdfPreview(pdf, _("Recovery sheet"), owner,
                             record=lambda: printing.record_printed(workspace,
                                                                    "recovery_sheet"))
        shown(preview)
        preview.open()

    Op(owner, lambda: setup.recovery_sheet(workspace, recovery_key), show).failure(
        failed).run_in_background()


class RecoverySheetDialog(QDialog):
    def __init__(self, workspace, recovery_key: str, users_needing_passwords: list[str],
                 parent=None):
        super().__init__(parent)
        self.workspace, self.recovery_key = workspace, recovery_key
        self.preview = None
        self.setWindowTitle(_("New master key"))
        done = QLabel(_("Done. The old key opens nothing now. Here is the new recovery key: "
                        "it is shown only now. Print the recovery sheet (or write the key "
                        "down) and lock it in the office safe; the old sheet opens nothing."))
        done.setWordWrap(True)
        self.key_label = recovery_key_label(recovery_key)
        others = QLabel(_("Users who need a new password: {users}").format(
            users=", ".join(users_needing_passwords) or "-"))
        others.setWordWrap(True)
        self.print_button = QPushButton(_("&Print the recovery sheet…"))
        self.print_button.clicked.connect(self.print_sheet)
        self.save_button = QPushButton(_("Save the recovery sheet (PDF) to print…"))
        self.save_button.clicked.connect(self.save_sheet)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.kept = QCheckBox(_("I &have printed or written down the recovery key and will "
                                "keep it in the safe."))
        self.close_button = QPushButton(_("&Close"))
        self.close_button.setEnabled(False)
        self.kept.toggled.connect(self.close_button.setEnabled)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch()
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for widget in (done, self.key_label, others, self.message, self.kept):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.finished.connect(self._forget)

    def reject(self) -> None:
        """Esc and the window's close button wait for the tick, as Close does."""
        if self.kept.isChecked():
            super().reject()

    def print_sheet(self) -> None:
        def shown(preview) -> None:
            self.preview = preview

        preview_recovery_sheet(self, self.workspace, self.recovery_key, shown,
                               lambda error: show_message(self.message, explain(error)))

    def save_sheet(self) -> None:
        from shelter_app.services.administration import setup

        path = choose_sheet_path(self)
        if path is None:
            return
        key, workspace = self.recovery_key, self.workspace
        Op(self, lambda: setup.save_recovery_sheet(workspace, path, key),
           lambda _r: show_message(self.message, _("Saved. Print it, then delete the file."),
                                   error=False)).failure(
            lambda error: show_message(self.message, explain(error))).run_in_background()

    def _forget(self, _result: int) -> None:
        """Shown once: the key and the sheet made from it are let go."""
        self.recovery_key = None
        self.key_label.clear()
        if self.preview is not None:
            self.preview.close()
            self.preview.deleteLater()
            self.preview = None
