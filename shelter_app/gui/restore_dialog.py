"""Restore a backup: from the login window (a damaged database, a new PC) or the set-up
wizard. The service checks the whole backup before anything is replaced."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from shelter_app.gui.background import Op, explain
from shelter_app.gui.style import set_role
from shelter_app.i18n import _


class RestoreDialog(QDialog):
    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.setWindowTitle(_("Restore from a backup"))
        self.setMinimumWidth(560)
        intro = QLabel(_(
            "Choose the backup file (it ends in .rabackup) and open it with the passphrase "
            "chosen when it was made, or with the recovery key. The backup is checked "
            "completely before anything is replaced, and the database that is here now is "
            "kept as a dated copy in the backups folder."))
        intro.setWordWrap(True)
        self.file = QLineEdit()
        browse = QPushButton(_("&Choose…"))
        browse.clicked.connect(self._choose)
        self.use_passphrase = QRadioButton(_("Backup passphrase"))
        self.use_recovery = QRadioButton(_("Recovery key"))
        self.use_passphrase.setChecked(True)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.restore_button = QPushButton(_("&Restore"))
        self.restore_button.clicked.connect(self.restore)
        close = QPushButton(_("Cancel"))
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        choice = QHBoxLayout()
        choice.addWidget(self.use_passphrase)
        choice.addWidget(self.use_recovery)
        form = QFormLayout()
        form.addRow(_("Backup file"), row)
        form.addRow(_("Open with"), choice)
        form.addRow(_("Passphrase or key"), self.secret)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _choose(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the backup"), "", _("Rumah Aman backups (*.rabackup);;All (*)"))
        if chosen:
            self.file.setText(chosen)

    def restore(self) -> None:
        from shelter_app.services.administration import backup

        path, secret = Path(self.file.text().strip()), self.secret.text()
        if not self.file.text().strip() or not secret:
            self._say(_("Choose the backup file and type its passphrase or the recovery "
                        "key."), error=True)
            return
        by_key = self.use_recovery.isChecked()
        self.restore_button.setEnabled(False)
        self._say(_("Checking the backup…"), error=False)
        Op(self, lambda: backup.restore(
            self.data_dir, path, passphrase=None if by_key else secret,
            typed_recovery_key=secret if by_key else None), self._done).failure(
            self._failed).with_progress(_("Checking and restoring the backup…")
                                        ).run_in_background()

    def _done(self, report) -> None:
        self.report = report
        self.secret.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.restore_button.setEnabled(True)
        self._say(explain(error), error=True)

    def _say(self, text: str, *, error: bool) -> None:
        set_role(self.message, tone="error" if error else "muted")
        self.message.setText(text)
