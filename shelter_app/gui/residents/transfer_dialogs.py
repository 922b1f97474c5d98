"""Moving a case to another shelter (from the profile) and receiving one (from the
resident list). The services check everything (consent, roles, the managers' key, the
file); these dialogs read the form on the GUI thread and run the work in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import InputError
from shelter_app.domain.vocab import Sex
from shelter_app.gui.background import Op, explain
from shelter_app.gui.residents.duplicates import DuplicatesDialog
from shelter_app.gui.residents.fields import CodedCombo
from shelter_app.gui.save_dialog import SaveDialog
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import (
    confirm,
    inform,
    save_folder,
    save_path,
    text_box,
    translate_buttons,
)
from shelter_app.i18n import N_, _, ngettext
from shelter_app.i18n.formatting import format_date
from shelter_app.services.residents import transfer

REASON_LABELS = {
    "MigrationOrChangeOfLocation": N_("The person moves to another place"),
    "AdditionalServicesRequired": N_("The person needs services this shelter cannot give"),
    "Other": N_("Other"),
}


def _passphrase_field(placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    return field


def _note(text: str, tone: str = "muted") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    set_role(label, tone=tone)
    return label


def _alert() -> QLabel:
    """A warning that must not be missed: bold, and hidden while it has nothing to say."""
    label = _note("", "alarm")  # the sheet's bold red line (style.py: one place for it)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def _say(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def moved_out(profile):
    """The case's last transfer when it moved the case out (not received back since)."""
    last = profile.transfers[-1] if profile.transfers else None
    return last if last is not None and last.direction == "out" else None


class _FileRow(QWidget):
    """A file name and a button that asks for it."""

    def __init__(self, choose):
        super().__init__()
        self.path = QLineEdit()
        button = QPushButton(_("C&hoose…"))
        # Tab goes from the file name on to the passphrase (Alt+H still chooses): a
        # tester's Tab landed here, the passphrase went into nothing and Enter opened
        # the file dialog
        button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        button.clicked.connect(lambda: choose(self))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(button)

    def value(self) -> Path | None:
        text = self.path.text().strip()
        return Path(text) if text else None


class SendCaseDialog(SaveDialog):
    """The profile's "Move to another shelter…": who receives, the file, the passphrase."""

    def __init__(self, workspace, profile, today, parent=None):
        super().__init__(_("Move to another shelter"), parent, heading=_(
            "{case}: {name}").format(case=profile.case_number, name=profile.shown_name))
        self.workspace, self.profile = workspace, profile
        self.sent, self.moved_before = None, moved_out(profile)
        self.setMinimumWidth(680)
        consent = profile.data.consent_sharing_on
        self.to_shelter = QLineEdit()
        self.to_shelter.setPlaceholderText(_("the name of the receiving shelter"))
        self.reason = CodedCombo([(code, _(label)) for code, label in REASON_LABELS.items()])
        self.details = text_box(lines=2, placeholder=_("optional: what the receiving shelter "
                                                       "should know about the move"))
        self.file = _FileRow(self._choose_file)
        self.passphrase = _passphrase_field(_("at least {count} characters").format(
            count=transfer.MIN_PASSPHRASE))
        self.again = _passphrase_field()
        self.override = text_box(lines=2, placeholder=_("why the case must move without "
                                                        "the person's consent"))
        if consent is not None:
            self.form.addRow(_("Consent to share data"), QLabel(_("Given on {day}").format(
                day=format_date(consent, "long"))))
        else:
            self.form.addRow(_("Consent to share data"), _note(_(
                "Not recorded. Record the person's consent in the profile first, or, as a "
                "manager, give the reason to move the case without it (it is audited)."),
                "warning"))
            self.form.addRow(_("Manager's reason"), self.override)
        self.form.addRow(_("Receiving shelter"), self.to_shelter)
        self.form.addRow(_("Why the case moves"), self.reason)
        self.form.addRow(_("Details"), self.details)
        self.form.addRow(_("Save the file as"), self.file)
        self.form.addRow(_("Passphrase"), self.passphrase)
        self.form.addRow(_("Type it again"), self.again)
        what = [_("The file holds what the receiving shelter needs: who the person is, how "
                  "they were trafficked, the case and its stage, and their family and "
                  "contacts (with who must not visit). Counselling notes, assessments, "
                  "provisions and the audit log never leave."),
                _("Give the passphrase to the receiving shelter another way (by phone), "
                  "never with the file.")]
        if profile.open_stay is not None:
            what.append(_("The stay ends today: it is recorded as a discharge, \"Moved to "
                          "another shelter\"."))
        self.layout().insertWidget(1, _note("\n\n".join(what)))
        self.layout().insertSpacing(2, 8)
        self.moved_note = _alert()
        if self.moved_before is not None:
            _say(self.moved_note, _(
                "This case was moved to {shelter} already, on {day}. Move it again only if "
                "that file was lost or went to the wrong shelter.").format(
                shelter=self.moved_before.other_shelter,
                day=format_date(self.moved_before.on, "long")))
        self.layout().insertWidget(1, self.moved_note)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            _("&Move the case"))
        # the wrapped notes need their height for the width they get: never squeezed
        self.layout().setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)

    def _choose_file(self, row: _FileRow) -> None:
        name = f"{self.profile.case_number}{transfer.SUFFIX}"
        chosen = save_path(self, _("Save the transfer file"), name,
                           f"*{transfer.SUFFIX}")
        if chosen is not None:
            row.path.setText(str(chosen))

    def work(self):
        person, workspace = self.profile.person_id, self.workspace
        to_shelter, reason = self.to_shelter.text(), self.reason.value()
        details, override = self.details.toPlainText(), self.override.toPlainText()
        target, passphrase = self.file.value(), self.passphrase.text()
        if target is None:
            return _refuse(_("Choose where to save the transfer file."), "file")
        if not target.name.lower().endswith(transfer.SUFFIX):
            # a typed name gets the ending the receiving shelter's file dialog looks for
            target = target.with_name(target.name + transfer.SUFFIX)
        if passphrase != self.again.text():
            return _refuse(_("The two passphrases differ."), "passphrase")
        again = self.moved_before is not None

        def send():
            self.sent = transfer.export_case(
                workspace, person, to_shelter, target, passphrase, override_reason=override,
                reason=reason, details=details, again=again)
            return self.sent
        return send

    def _save(self) -> None:
        """Moving ends the stay and cannot be undone: asked first, with No as the default
        (an Enter once too often in the form moved a case at once). A case moved out
        already says so in the question. Input the form can check itself is checked first
        (by the refusal work() gives), so a question never precedes "the passphrases
        differ"."""
        shelter = " ".join(self.to_shelter.text().split())
        ready = (shelter and self.file.value() is not None
                 and self.passphrase.text() == self.again.text())
        if ready:
            question = _("Move case {case} to {shelter}? The stay here ends today, and "
                         "this cannot be undone.").format(case=self.profile.case_number,
                                                          shelter=shelter)
            if self.moved_before is not None:
                question = self.moved_note.text() + "\n\n" + question
            if not confirm(self, _("Move the case?"), question, destructive=True):
                return
        super()._save()

    def accept(self) -> None:
        """Saved: say what happened, where the file is, and what to do with the
        passphrase, before the dialog closes."""
        sent = self.sent
        if sent is not None:
            shelter = " ".join(self.to_shelter.text().split())
            lines = [_("Case {case} was moved to {shelter}.").format(
                case=sent.case_number, shelter=shelter)]
            if sent.discharged:
                lines.append(_("The stay ended today: it is recorded as a discharge, "
                               "\"Moved to another shelter\"."))
            lines.append(_("The transfer file: {file}").format(file=sent.path))
            lines.append(_("Give the passphrase to {shelter} another way (by phone), never "
                           "with the file.").format(shelter=shelter))
            inform(self, _("Case moved"), "\n\n".join(lines))
        super().accept()


def _refuse(message: str, field: str):
    def refused():
        raise InputError(message, field)
    return refused


class ReceiveCaseDialog(QDialog):
    """The resident list's "Receive a case from another shelter…": open the file, see
    what it holds, choose if she may be on record already, receive. Enter does the next
    step (open the file, then receive), never Cancel; the dialog grows to what it shows."""

    received = Signal(int)  # the person's id here
    SHOWN_DUPLICATES = 5  # more are counted; the choice lists them all

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace, self.opened, self.last_dialog = workspace, None, None
        self.setWindowTitle(_("Receive a case from another shelter"))
        self.setMinimumWidth(620)
        self.file = _FileRow(self._choose_file)
        self.passphrase = _passphrase_field()
        self.open_button = QPushButton(_("&Open the file"))
        self.open_button.clicked.connect(self._open)
        form = QFormLayout()
        form.addRow(_("Transfer file"), self.file)
        form.addRow(_("Passphrase"), self.passphrase)
        form.addRow("", self.open_button)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.consent_note = _alert()  # sent without consent, on a manager's authority
        self.earlier_note = _alert()  # this case came in before
        self.duplicates_note = _alert()  # people on record it may be
        self.message = QLabel("")
        self.message.setWordWrap(True)
        set_role(self.message, tone="error")
        self.buttons = translate_buttons(QDialogButtonBox(
            QDialogButtonBox.StandardButton.Cancel))
        self.receive_button = self.buttons.addButton(_("&Receive the case"),
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.receive_button.setEnabled(False)
        self.receive_button.clicked.connect(self._receive)
        self.buttons.rejected.connect(self.reject)
        # Enter presses the next step, whatever has the focus; Cancel only when clicked
        # (or Escape)
        for button in (self.open_button, self.receive_button,
                       self.buttons.button(QDialogButtonBox.StandardButton.Cancel)):
            button.setAutoDefault(False)
        self.open_button.setDefault(True)
        self.file.path.textEdited.connect(self._changed)
        self.passphrase.textEdited.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.addWidget(_note(_("Open the file the other shelter sent with the passphrase "
                                 "they gave you. The person is admitted today with a new "
                                 "case number here; where the case came from is kept.")))
        layout.addLayout(form)
        for label in (self.summary, self.consent_note, self.earlier_note,
                      self.duplicates_note, self.message):
            layout.addWidget(label)
        layout.addStretch()
        layout.addWidget(self.buttons)

    def _choose_file(self, row: _FileRow) -> None:
        from shelter_app.gui.qt_language import USE_QT_DIALOGS

        options = (QFileDialog.Option.DontUseNativeDialog if USE_QT_DIALOGS
                   else QFileDialog.Option(0))
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Open a transfer file"), str(save_folder()),
            f"*{transfer.SUFFIX};;*", options=options)
        if chosen:
            row.path.setText(chosen)
            self._changed()
            self.passphrase.setFocus()

    def _changed(self, *_args) -> None:
        """Another file or passphrase: what was opened no longer counts."""
        if self.opened is not None:
            self.opened = None
            self._clear()
        self.receive_button.setEnabled(False)
        self.open_button.setDefault(True)

    def _clear(self) -> None:
        for label in (self.summary, self.consent_note, self.earlier_note,
                      self.duplicates_note):
            _say(label, "")
        self.summary.show()

    def fit(self) -> None:
        """As tall as what the dialog shows needs at its width (wrapped lines included),
        up to the screen's height: nothing squeezed or clipped."""
        layout = self.layout()
        layout.invalidate()
        layout.activate()
        width = max(self.width(), self.minimumWidth())
        needed = self.heightForWidth(width)
        if needed <= 0:
            needed = self.sizeHint().height()
        screen = self.screen()
        room = screen.availableGeometry().height() - 60 if screen is not None else needed
        height = min(needed, room)
        self.setMinimumHeight(height)
        if self.height() < height:
            self.resize(width, height)

    def _open(self) -> None:
        path, passphrase = self.file.value(), self.passphrase.text()
        self.opened = None
        self.receive_button.setEnabled(False)
        self._clear()
        if path is None:
            self.message.setText(_("Choose the transfer file."))
            self.file.path.setFocus()
            return
        self.message.setText("")
        self.open_button.setEnabled(False)
        Op(self, lambda: transfer.open_incoming(self.workspace, path, passphrase),
           self._show).failure(self._failed).with_progress(
            _("Opening the transfer file…")).run_in_background()

    def _show(self, opened) -> None:
        self.opened = opened
        self.open_button.setEnabled(True)
        case, person = opened.incoming, opened.incoming.person
        name = person.pseudonym if case.protected else person.full_name
        keep_away = sum(contact.must_not_visit for contact in case.contacts)
        lines = [
            _("From {shelter} (their case {case}), sent on {day}.").format(
                shelter=case.from_shelter, case=case.from_case_number or "–",
                day=format_date(case.sent_on, "long")),
            _("{name}, {sex}, born {year}.").format(
                name=name, sex=Sex(person.sex).label, year=person.birth_date.year),
            ngettext("{count} contact, of whom {keep_away} must not visit.",
                     "{count} contacts, of whom {keep_away} must not visit.",
                     len(case.contacts)).format(count=len(case.contacts),
                                                keep_away=keep_away),
        ]
        if case.protected:
            lines.append(_("The identity is protected: it is hidden here too."))
        self.summary.setText("\n".join(lines))
        if case.consent == "override":
            _say(self.consent_note, _(
                "The person had not agreed to share their data: a manager of the other "
                "shelter moved the case without it."))
        if opened.received_before:
            _say(self.earlier_note, "\n".join(_(
                "This case was received from {shelter} before: it is {case} here ({name}), "
                "received on {day}.").format(
                shelter=case.from_shelter, case=earlier.case_number, name=earlier.shown_name,
                day=format_date(earlier.on, "long")) for earlier in opened.received_before))
        if opened.duplicates:
            shown = [transfer.describe_duplicate(c) for c in opened.duplicates[:self.SHOWN_DUPLICATES]]
            more = len(opened.duplicates) - len(shown)
            if more > 0:
                shown.append(ngettext("and {count} more", "and {count} more",
                                      more).format(count=more))
            _say(self.duplicates_note, "\n".join(
                [_("People on record may be this person (you choose when you receive):")]
                + ["  • " + line for line in shown]))
        self.receive_button.setEnabled(True)
        self.receive_button.setDefault(True)
        self.receive_button.setFocus()
        self.fit()

    def _failed(self, error: BaseException) -> None:
        self.open_button.setEnabled(True)
        self.receive_button.setEnabled(self.opened is not None)
        self.message.setText(explain(error))
        if self.opened is None:  # the file did not open: try another passphrase
            self.open_button.setDefault(True)
            self.passphrase.setFocus()
            self.passphrase.selectAll()
        else:
            self.receive_button.setDefault(True)
            self.receive_button.setFocus()
        self.fit()

    def _receive(self) -> None:
        if self.opened is None:
            return
        again = bool(self.opened.received_before)
        if again and not confirm(self, _("Receive the case again?"), "\n\n".join([
                self.earlier_note.text(), _("Receiving it again makes a second record of "
                                            "the same move. Receive the case again?")]),
                destructive=True):
            return
        if not self.opened.duplicates:
            self._run_receive(same_as=None, again=again)
            return
        dialog = DuplicatesDialog(self.opened.duplicates, self, back_text=_("&Back"),
                                  new_text=_("A &different person: receive as new"))
        self.last_dialog = dialog
        dialog.finished.connect(lambda code: self._chosen(dialog, code, again))
        dialog.open()

    def _chosen(self, dialog: DuplicatesDialog, code: int, again: bool) -> None:
        if not code:
            return
        if dialog.profile_person_id is not None:  # she is here now: nothing to receive
            self.message.setText(_("This person is in the shelter already: a second open "
                                   "stay is not possible."))
            self.fit()
            return
        self._run_receive(same_as=dialog.returning_person_id, again=again)

    def _run_receive(self, same_as: int | None, again: bool = False) -> None:
        incoming, workspace = self.opened.incoming, self.workspace
        self.receive_button.setEnabled(False)
        Op(self, lambda: transfer.receive(workspace, incoming, same_as=same_as,
                                          new_person=same_as is None, again=again),
           self._done).failure(self._failed).run_in_background()

    def _done(self, received) -> None:
        self.received.emit(received.person_id)
        self.accept()
