"""First start on a new PC. Usually the shelter's own encrypted database on this PC:
shelter name, time zone, the first administrator, and the recovery key, shown once, with
its printable sheet. Or, in the shared mode, this PC becomes a workstation of the
shelter's server: its address, port and certificate file, and then the login."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from shelter_app import i18n
from shelter_app.domain.errors import ShelterError
from shelter_app.gui.background import Op, explain
from shelter_app.gui.recovery_sheet import recovery_key_label
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import confirm, show_message
from shelter_app.i18n import _
from shelter_app.services.administration import shelter_folder

TIME_ZONES = (("Asia/Jakarta", "WIB"), ("Asia/Makassar", "WITA"), ("Asia/Jayapura", "WIT"))
DEFAULT_SERVER_PORT = 5432  # PostgreSQL's, as `shelter-app server init` uses


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class WelcomePage(QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.owner = wizard
        self.language = QComboBox()
        for code, name in i18n.language_names().items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        self.language.currentIndexChanged.connect(self._changed)
        self.intro = _wrapped("")
        self.language_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        layout.addLayout(form)
        self.storage = QGroupBox()
        self.this_pc_only, self.shared = QRadioButton(), QRadioButton()
        self.this_pc_only.setChecked(True)  # the usual choice: the flow as it always was
        self.storage_choice = QButtonGroup(self)
        choices = QVBoxLayout(self.storage)
        for button in (self.this_pc_only, self.shared):
            self.storage_choice.addButton(button)
            choices.addWidget(button)
        layout.addWidget(self.storage)
        layout.addStretch()
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(self.restore_from_backup)
        layout.addWidget(self.restore_button)
        self.retranslate()

    def restore_from_backup(self):
        from shelter_app.gui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.owner.data_dir, self)
        dialog.accepted.connect(self._restored)
        dialog.open()
        return dialog

    def _restored(self) -> None:
        self.owner.finished_setup.emit()  # a restored shelter is set up: go to login
        self.owner.hide()

    def nextId(self) -> int:
        return self.owner.server_id if self.shared.isChecked() else self.owner.shelter_id

    def retranslate(self) -> None:
        self.restore_button.setText(_("Restore a shelter from a backup instead…"))
        self.setTitle(_("Welcome to Rumah Aman"))
        self.intro.setText(_(
            "This sets Rumah Aman up on this computer: either the shelter's records kept "
            "here, in an encrypted database that only the shelter's users can open, or "
            "this PC working on the shelter's server.\n\n"
            "For records on this PC you will need: the shelter's name, a user name and "
            "password for the first administrator, and a printer or paper to keep the "
            "recovery key safe."))
        self.language_label.setText(_("Language"))
        self.storage.setTitle(_("Where the shelter's records are kept"))
        self.this_pc_only.setText(_("This PC &only (an encrypted database on this "
                                    "computer) — the usual choice"))
        self.shared.setText(_("&Shared: this PC works on the shelter's server"))

    def _changed(self) -> None:
        language = self.language.currentData()
        i18n.set_language(language)
        shelter_folder.save_language(self.owner.data_dir, language)
        self.owner.retranslate()


class ShelterPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.name_edit = QLineEdit()
        self.zone = QComboBox()
        self.name_label, self.zone_label = QLabel(), QLabel()
        self.name_label.setBuddy(self.name_edit)
        form = QFormLayout(self)
        form.addRow(self.name_label, self.name_edit)
        form.addRow(self.zone_label, self.zone)
        self.registerField("shelter_name*", self.name_edit)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("The shelter"))
        self.setSubTitle(_("The name prints on reports and forms. The time zone decides "
                           "when a day of a stay begins."))
        self.name_label.setText(_("&Shelter name"))
        self.zone_label.setText(_("Time zone"))
        current = self.zone.currentData()
        self.zone.clear()
        for zone, short in TIME_ZONES:
            self.zone.addItem(f"{short} ({zone})", zone)
        if current:
            self.zone.setCurrentIndex(self.zone.findData(current))


class AdminPage(QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.owner = wizard
        self.username = QLineEdit("admin")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.labels = [QLabel(), QLabel(), QLabel()]
        self.message = _wrapped("")
        self.keyring_note = _wrapped("")
        form = QFormLayout()
        for label, edit in zip(self.labels, (self.username, self.password, self.confirm),
                               strict=True):
            label.setBuddy(edit)  # the label's Alt key goes to its field
            form.addRow(label, edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch()
        layout.addWidget(self.keyring_note)
        self._created = False
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("The first administrator"))
        self.setSubTitle(_("The administrator adds the other users. Choose a password of at "
                           "least 8 characters that others cannot guess."))
        for label, text in zip(self.labels, (_("&User name"), _("&Password"),
                                             _("Password &again")), strict=True):
            label.setText(text)
        if shelter_folder.keyring_available():
            self.keyring_note.setText(_("The keys will also be tied to this PC's credential "
                                        "store."))
        else:
            self.keyring_note.setText(_("This PC has no credential store: the keys will be "
                                        "protected by passwords alone."))
            set_role(self.keyring_note, tone="warning")

    def validatePage(self) -> bool:
        if self._created:
            return True
        if self.password.text() != self.confirm.text():
            show_message(self.message, _("The two passwords differ."))
            return False
        show_message(self.message, _("Creating the encrypted database…"), error=False)
        self.owner.create(self.username.text(), self.password.text(), self._on_created,
                          lambda error: show_message(self.message, explain(error)))
        return False

    def _on_created(self) -> None:
        self._created = True
        self.message.clear()
        self.password.clear()
        self.confirm.clear()
        self.owner.next()


class RecoveryPage(QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.owner = wizard
        self.explanation = _wrapped("")
        self.key_label = recovery_key_label()
        self.print_button = QPushButton()
        self.print_button.clicked.connect(lambda: self.owner.preview_sheet(
            lambda error: show_message(self.message, explain(error))))
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self._save_sheet)
        self.message = _wrapped("")
        self.kept = QCheckBox()
        self.kept.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        for widget in (self.explanation, self.key_label, self.print_button, self.save_button,
                       self.message, self.kept):
            layout.addWidget(widget)
        layout.addStretch()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("The recovery key"))
        self.explanation.setText(_(
            "This key opens the records if the administrator's password is forgotten, and "
            "opens backups on a new computer. It is shown only now.\n"
            "Print the recovery sheet (or write the key down) and lock it in the office safe."))
        self.print_button.setText(_("&Print the recovery sheet…"))
        self.save_button.setText(_("Save the recovery sheet (PDF) to print…"))
        self.kept.setText(_("I &have printed or written down the recovery key and will keep "
                            "it in the safe."))

    def initializePage(self) -> None:
        self.key_label.setText(self.owner.recovery_key or "")

    def nextId(self) -> int:
        return -1  # the last page of this path (the server page comes after it by id)

    def isComplete(self) -> bool:
        return self.kept.isChecked()

    def _save_sheet(self) -> None:
        from shelter_app.gui.recovery_sheet import choose_sheet_path

        path = choose_sheet_path(self)  # where the user chooses, never a fixed folder
        if path is not None:
            self.owner.save_sheet(path, lambda: show_message(
                self.message, _("Saved. Print it, then delete the file."), error=False),
                lambda error: show_message(self.message, explain(error)))


class ServerPage(QWizardPage):
    """The shared mode: this PC becomes a workstation of the shelter's server. Nothing
    is saved until the server has answered with a certificate from the chosen file."""

    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.owner = wizard
        self.explanation = _wrapped("")
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_SERVER_PORT)
        self.port.setGroupSeparatorShown(False)
        self.ca_file = QLineEdit()
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_certificate)
        file_row = QWidget()
        file_layout = QHBoxLayout(file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.ca_file, 1)
        file_layout.addWidget(self.choose_button)
        self.fingerprint_caption = QLabel()
        self.fingerprint = QLabel()  # fixed-width: read pair by pair against the server's
        self.fingerprint.setFont(QFont("DejaVu Sans Mono", 11))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.compare_note = _wrapped("")
        self.message = _wrapped("")
        self.labels = [QLabel(), QLabel(), QLabel()]
        form = QFormLayout()
        for label, field, buddy in zip(self.labels, (self.host, self.port, file_row),
                                       (self.host, self.port, self.ca_file), strict=True):
            label.setBuddy(buddy)  # the label's Alt key goes to its field
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        for widget in (self.fingerprint_caption, self.fingerprint, self.compare_note):
            layout.addWidget(widget)
        layout.addWidget(self.message)
        layout.addStretch()
        QWidget.setTabOrder(self.host, self.port)
        QWidget.setTabOrder(self.port, self.ca_file)
        QWidget.setTabOrder(self.ca_file, self.choose_button)
        QWidget.setTabOrder(self.choose_button, self.fingerprint)
        self.host.textChanged.connect(self._edited)
        self.port.valueChanged.connect(self._edited)
        self.ca_file.textChanged.connect(self._certificate_changed)
        self._fingerprint: str | None = None
        self._busy = False
        self._connected = False
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("This PC on the shelter's server"))
        self.explanation.setText(_(
            "The server is set up once, on the shelter's PC that stays on "
            "(shelter-app server init); it prints its address, its certificate file "
            "(rumah-aman-ca.pem) and that file's fingerprint. Each person then logs in "
            "here with their own account, made by the administrator."))
        for label, text in zip(self.labels, (_("Server &address"), _("&Port"),
                                             _("Certificate &file")), strict=True):
            label.setText(text)
        self.host.setPlaceholderText(_("for example 192.168.1.10"))
        self.choose_button.setText(_("C&hoose…"))
        self.compare_note.setText(_("Compare it with the fingerprint the server printed."))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Connect"))
        self._certificate_changed()

    def nextId(self) -> int:
        return -1

    def choose_certificate(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("The shelter's certificate file"), self.ca_file.text(),
            _("Certificates (*.pem)"))
        if path:
            self.ca_file.setText(path)

    def _edited(self) -> None:
        self.message.clear()
        self.completeChanged.emit()

    def _certificate_changed(self) -> None:
        """The fingerprint as soon as a certificate is chosen, to compare by eye."""
        from shelter_app.services.administration import server_connect

        self._fingerprint = None
        self.fingerprint.clear()
        self.fingerprint_caption.setText(_("The certificate's fingerprint:"))
        for label in (self.fingerprint_caption, self.fingerprint, self.compare_note):
            label.setVisible(False)
        self.message.clear()
        path = Path(self.ca_file.text().strip())
        if self.ca_file.text().strip() and path.is_file():
            try:
                self._fingerprint = server_connect.certificate_fingerprint(path)
            except ShelterError as error:
                show_message(self.message, str(error))
            else:
                self.fingerprint.setText(_two_lines(self._fingerprint))
                for label in (self.fingerprint_caption, self.fingerprint, self.compare_note):
                    label.setVisible(True)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.host.text().strip()) and self._fingerprint is not None

    def validatePage(self) -> bool:
        if self._connected:
            return True
        if self._busy:
            return False
        self._set_busy(True)
        show_message(self.message, _("Connecting to the shelter's server…"), error=False)
        self.owner.connect_to_server(self.host.text().strip(), self.port.value(),
                                     Path(self.ca_file.text().strip()), self._on_connected,
                                     self._on_failed)
        return False

    def _set_busy(self, busy: bool) -> None:
        """Nothing is disabled meanwhile (the focus would jump to a wizard button, and an
        Enter there go back): a second Connect simply waits for the first."""
        self._busy = busy

    def _on_connected(self, _fingerprint: str) -> None:
        self._connected = True
        self._set_busy(False)
        self.message.clear()
        self.owner.finished_setup.emit()  # this PC is a workstation now: go to login
        self.owner.hide()

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        show_message(self.message, explain(error))


def _two_lines(fingerprint: str) -> str:
    """95 characters do not fit the page on one line: split in the middle, at a colon."""
    pairs = fingerprint.split(":")
    middle = len(pairs) // 2
    return ":".join(pairs[:middle]) + ":\n" + ":".join(pairs[middle:])


class SetupWizard(QWizard):
    finished_setup = Signal()

    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.recovery_key: str | None = None
        self._workspace = None
        self.last_preview = None
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.welcome, self.shelter = WelcomePage(self), ShelterPage()
        self.admin, self.recovery = AdminPage(self), RecoveryPage(self)
        self.server = ServerPage(self)
        self.shelter_id = self.server_id = -1
        for page in self.pages():
            page_id = self.addPage(page)
            if page is self.shelter:
                self.shelter_id = page_id
            elif page is self.server:
                self.server_id = page_id
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.currentIdChanged.connect(self._page_changed)
        self.resize(720, 520)
        self.retranslate()
        self.finished.connect(self._closed)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Rumah Aman: set-up"))
        for which, text in ((QWizard.WizardButton.NextButton, _("&Next >")),
                            (QWizard.WizardButton.BackButton, _("< &Back")),
                            (QWizard.WizardButton.FinishButton, _("&Finish")),
                            (QWizard.WizardButton.CancelButton, _("Cancel"))):
            self.setButtonText(which, text)
        for page in self.pages():
            page.retranslate()

    def _page_changed(self, page_id: int) -> None:
        """No way back from the recovery key (the shelter exists), but from the server
        page back to the first choice, both of them last pages."""
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage,
                       page_id != self.server_id)

    def pages(self) -> tuple[QWizardPage, ...]:
        return (self.welcome, self.shelter, self.admin, self.recovery, self.server)

    def create(self, username: str, password: str, done, failed) -> None:
        name, zone = self.shelter.name_edit.text(), self.shelter.zone.currentData()

        def work():
            from shelter_app.services.administration import setup

            return setup.create_shelter(self.data_dir, shelter_name=name, time_zone=zone,
                                        admin_username=username, admin_password=password)

        def created(result) -> None:
            self.recovery_key, self._workspace = result.recovery_key, result.workspace
            self.button(QWizard.WizardButton.BackButton).setEnabled(False)
            done()

        Op(self, work, created).failure(failed).with_progress(
            _("Creating the encrypted database…")).run_in_background()

    def connect_to_server(self, host: str, port: int, ca_file: Path, done, failed) -> None:
        folder = self.data_dir

        def work():
            from shelter_app.services.administration import server_connect

            return server_connect.connect_workstation(folder, host, port, ca_file)

        Op(self, work, done).failure(failed).with_progress(
            _("Connecting to the shelter's server…")).run_in_background()

    def save_sheet(self, path: Path, done, failed) -> None:
        from shelter_app.services.administration import setup

        key, workspace = self.recovery_key, self._workspace
        Op(self, lambda: setup.save_recovery_sheet(workspace, path, key),
           lambda _r: done()).failure(failed).run_in_background()

    def preview_sheet(self, failed) -> None:
        from shelter_app.gui.recovery_sheet import preview_recovery_sheet

        def shown(preview) -> None:
            self.last_preview = preview

        preview_recovery_sheet(self, self._workspace, self.recovery_key, shown, failed)

    def reject(self) -> None:
        """Cancel, Esc or the window's close: once the shelter exists its key is shown only
        on this page, so leaving before it is kept is asked about (a tester's Cancel left
        a shelter with no recovery key and nothing to say so)."""
        if self.recovery_key is not None and not self.recovery.kept.isChecked():
            if not self.ask_to_leave_without_the_key():
                return
        super().reject()

    def ask_to_leave_without_the_key(self) -> bool:
        return confirm(self, _("Close without the recovery key?"), _(
            "The shelter is set up, but its recovery key has not been printed or written "
            "down yet, and it cannot be shown again. Without it, a forgotten administrator "
            "password or a backup on a new computer cannot be opened.\n\n"
            "Close anyway? (An administrator can make a new key later: Administration → "
            "Backups → Give the database a new key.)"), destructive=True)

    def _closed(self, _result: int) -> None:
        self.recovery_key = None  # shown once: forget it, and the sheet shown with it
        if self.last_preview is not None:
            self.last_preview.close()
            self.last_preview.deleteLater()
            self.last_preview = None
        workspace, self._workspace = self._workspace, None
        if workspace is not None:
            from shelter_app.services.administration import auth

            Op(None, lambda: auth.logout(workspace),
               lambda _r: self.finished_setup.emit()).run_in_background()
