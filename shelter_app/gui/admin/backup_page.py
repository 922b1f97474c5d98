"""Backups (administrators): back up now to a folder such as a USB stick, the reminder,
and a new master key for the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shelter_app.gui.background import Op, explain
from shelter_app.gui.widgets import confirm, show_message
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_datetime
from shelter_app.services.administration import auth, backup, rekey
from shelter_app.services.shared import settings


class BackupPage(QWidget):
    def __init__(self, workspace, shelter_settings):
        super().__init__()
        self.workspace, self.settings = workspace, shelter_settings
        self.last = QLabel("")
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(_("for example the USB stick"))
        browse = QPushButton(_("&Choose…"))
        browse.clicked.connect(self._choose)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(_("at least 8 characters; empty: recovery key only"))
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.backup_button = QPushButton(_("&Back up now"))
        self.backup_button.clicked.connect(self.back_up)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.reminder = QSpinBox()
        self.reminder.setRange(1, 90)
        self.reminder.setValue(shelter_settings.backup_reminder_days)
        self.reminder.setSuffix(_(" days"))
        self.reminder.valueChanged.connect(self._save_reminder)
        self.rekey_button = QPushButton(_("Give the database a &new key…"))
        self.rekey_button.clicked.connect(self.new_key)
        self.rekey_message = QLabel("")
        self.rekey_message.setWordWrap(True)
        self.new_sheet = None

        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(_("Last backup"), self.last)
        form.addRow(_("Back up to"), row)
        form.addRow(_("Backup passphrase"), self.passphrase)
        form.addRow(_("Passphrase again"), self.again)
        form.addRow(_("Remind me after"), self.reminder)
        box = QGroupBox(_("Backup"))
        inner = QVBoxLayout(box)
        explanation = QLabel(_(
            "A backup is one encrypted file. After writing it the app reads it back and "
            "compares every table with the database; only then is it done. Others can keep "
            "working meanwhile. Open it on a new PC with the passphrase or the recovery "
            "key (Restore from a backup, on the login window)."))
        explanation.setWordWrap(True)
        inner.addWidget(explanation)
        inner.addLayout(form)
        inner.addWidget(self.backup_button)
        inner.addWidget(self.message)
        keys = QGroupBox(_("New master key"))
        keys_layout = QVBoxLayout(keys)
        keys_text = QLabel(_(
            "When someone must be locked out for good (a lost PC, a staff member who left "
            "with a copy): the database gets a new key, the old one opens nothing. You get "
            "a new recovery key; every other user needs a new password from you."))
        keys_text.setWordWrap(True)
        keys_layout.addWidget(keys_text)
        keys_layout.addWidget(self.rekey_button)
        keys_layout.addWidget(self.rekey_message)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(keys)
        layout.addStretch()
        self._show_last(shelter_settings.last_backup_at)

    def _show_last(self, when) -> None:
        self.last.setText(format_datetime(when, self.settings.time_zone) if when
                          else _("never"))

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Back up to which folder?"))
        if chosen:
            self.folder.setText(chosen)

    def back_up(self) -> None:
        folder = self.folder.text().strip()
        if not folder:
            show_message(self.message, _("Choose the folder to back up to."))
            return
        if self.passphrase.text() != self.again.text():
            show_message(self.message, _("The two passphrases differ."))
            return
        passphrase = self.passphrase.text() or None
        self.backup_button.setEnabled(False)
        show_message(self.message, _("Backing up and checking…"), error=False)
        Op(self, lambda: backup.backup(self.workspace, Path(folder), passphrase),
           self._done).failure(self._failed).with_progress(
            _("Backing up and checking…")).run_in_background()

    def _done(self, report) -> None:
        self.backup_button.setEnabled(True)
        self.passphrase.clear()
        self.again.clear()
        show_message(self.message, _("Done and checked: {file} ({tables} tables, {rows} "
                                     "rows).").format(file=report.path, tables=report.tables,
                                                      rows=report.rows), error=False)
        self._show_last(self.workspace.clock())

    def _failed(self, error: BaseException) -> None:
        self.backup_button.setEnabled(True)
        show_message(self.message, explain(error))

    def _save_reminder(self, days: int) -> None:
        Op(self, lambda: settings.update_settings(self.workspace, backup_reminder_days=days)
           ).run_in_background()

    def new_key(self) -> None:
        if not confirm(self, _("New master key"), _(
                "Give the database a new key? Every other user will need a new password, and "
                "you will get a new recovery key to print."), destructive=True):
            return
        password, ok = QInputDialog.getText(self, _("New master key"), _("Your password:"),
                                            QLineEdit.EchoMode.Password)
        if not ok or not password:
            return
        # the password is checked at once, before anything else is asked for
        Op(self, lambda: auth.recheck_password(self.workspace, password),
           lambda _key: self._new_key_checked(password)).failure(
            self._rekey_failed).run_in_background()

    def _new_key_checked(self, password: str) -> None:
        recovery = None
        if rekey.needs_recovery_key(self.workspace):  # one small read
            recovery, ok = QInputDialog.getText(self, _("New master key"), _(
                "The current recovery key (it carries the counsellors' key over):"),
                QLineEdit.EchoMode.Password)
            if not ok or not recovery:
                return
        self.rekey_button.setEnabled(False)
        show_message(self.rekey_message, "", error=False)
        Op(self, lambda: rekey.rekey(self.workspace, password, recovery), self._rekeyed).failure(
            self._rekey_failed).with_progress(_("Re-encrypting the database…")
                                              ).run_in_background()

    def _rekey_failed(self, error: BaseException) -> None:
        self.rekey_button.setEnabled(True)
        show_message(self.rekey_message, explain(error))

    def _rekeyed(self, result) -> None:
        """The new key, with its sheet to print or save where the administrator chooses."""
        from shelter_app.gui.recovery_sheet import RecoverySheetDialog

        self.rekey_button.setEnabled(True)
        self.new_sheet = RecoverySheetDialog(self.workspace, result.recovery_key,
                                             result.users_needing_new_passwords, self)
        self.new_sheet.open()
