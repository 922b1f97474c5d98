"""The intake wizard (penerimaan): who the person is, their case, how they came, family
and contacts, and a bed. Also edits a person's record (the first two pages).

Made for the keyboard: each page starts in its first field, the required fields come
first, Enter moves on, and the beds that fit the person come first (Down picks one).
What is wrong is said at its field, and goes when the field changes. Escape, Cancel or
the close button ask before something typed is thrown away.

The pages are laid out in ui/intake_wizard.ui (`make ui`; the Tab order is the order of
the widgets there). PERSON_FIELDS and STAY_FIELDS say which widget holds which field of
PersonData and StayData: that one table fills the form, reads it, tells whether anything
was typed and puts a service's InputError at its widget."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget, QWizard

from shelter_app.domain.errors import InputError
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import (
    ControlMethod,
    Education,
    ExploitationType,
    MaritalStatus,
    Modus,
    RecruitmentMethod,
    RiskLevel,
    Sex,
)
from shelter_app.gui.background import Op, explain
from shelter_app.gui.date_field import first_problem
from shelter_app.gui.form_fields import (
    CODE,
    CODES,
    NUMBER,
    NUMBER_OR_NONE,
    TEXT,
    TICK,
    TYPED,
    Way,
    typed_rules,
)
from shelter_app.gui.forms.intake_wizard_form import Ui_IntakeWizard
from shelter_app.gui.residents.duplicates import DuplicatesDialog
from shelter_app.gui.residents.fields import AsksBeforeDiscarding, FieldMessages
from shelter_app.i18n import N_, _, places
from shelter_app.services.residents import records, rooms
from shelter_app.services.residents.fields import (
    PersonData,
    StayData,
    person_problems,
    stay_problems,
)


@dataclass(frozen=True)
class Field:
    """A field of PersonData or StayData, and the widget in ui/intake_wizard.ui that holds
    it: the one of the same name, or `widget`."""

    name: str
    way: Way
    choices: Callable[[], Iterable] | None = None  # a coded field's vocabulary
    empty: str | None = None  # the choice of none (code ""), an N_ msgid
    widget: str = ""
    required: bool = False  # a date that cannot stay empty


def _kinds(vocabulary) -> Callable[[], list]:
    return lambda: list(vocabulary)


PERSON_FIELDS = (  # in the order of PersonData
    Field("full_name", TEXT),
    Field("sex", CODE, _kinds(Sex), empty=N_("Choose…")),
    Field("birth_date", TYPED),
    Field("estimated_age", NUMBER_OR_NONE),
    Field("alias", TEXT),
    Field("nik", TEXT),
    Field("nationality", CODE, places.countries),
    Field("languages", CODES, places.common_languages),
    Field("province", CODE, places.provinces, empty=N_("Not known")),
    Field("regency", TEXT),
    Field("education", CODE, _kinds(Education)),
    Field("marital_status", CODE, _kinds(MaritalStatus)),
    Field("children", NUMBER, widget="number_of_children"),  # QObject has children()
    Field("pregnant", TICK),
    Field("disability", TEXT),
    Field("hidden_identity", TICK),
    Field("pseudonym", TEXT),
    Field("modus", CODES, _kinds(Modus)),
    Field("exploitation_types", CODES, _kinds(ExploitationType)),
    Field("exploitation_country", CODE, places.countries, empty=N_("Not known")),
    Field("exploitation_place", TEXT),
    Field("control_methods", CODES, _kinds(ControlMethod)),
    Field("recruitment_methods", CODES, _kinds(RecruitmentMethod)),
    Field("police_report_number", TEXT),
    Field("risk_level", CODE, _kinds(RiskLevel)),
    Field("lpsk_protection", TICK),
    Field("consent_services_on", TYPED),
    Field("consent_services_witness", TEXT),
    Field("consent_sharing_on", TYPED),
    Field("consent_sharing_witness", TEXT),
)
STAY_FIELDS = (  # the bed is the bed page's choice
    Field("admission_date", TYPED, required=True),
    Field("evacuated_on", TYPED),
    Field("evacuated_from", TEXT),
    Field("evacuated_by", TEXT),
    Field("referred_by", TEXT),
)


class IntakeWizard(AsksBeforeDiscarding, QWizard, Ui_IntakeWizard):
    admitted = Signal(int)  # person id (new, returning or edited)
    open_profile = Signal(int)  # the person is in the shelter already: nothing is saved

    def __init__(self, workspace, today: dt.date, parent=None, editing=None):
        super().__init__(parent)
        self.workspace, self.today, self.editing = workspace, today, editing
        self.setupUi(self)  # every widget of ui/intake_wizard.ui, by its name
        self.setWindowTitle(_("Change the record") if editing else _("New admission"))
        for button, text in ((QWizard.WizardButton.NextButton, _("&Next >")),
                             (QWizard.WizardButton.BackButton, _("< &Back")),
                             (QWizard.WizardButton.CancelButton, _("Cancel")),
                             (QWizard.WizardButton.FinishButton, _("&Save"))):
            self.setButtonText(button, text)
        self._pages = [(self.person_page, self.person_message),
                       (self.case_page, self.case_message)]
        later = [(self.arrival_page, self.arrival_message),
                 (self.contacts_page, self.contacts_message), (self.bed_page, self.bed_message)]
        if editing is None:
            self._pages += later
            self.table = PERSON_FIELDS + STAY_FIELDS
        else:  # the record only: no stay, no contacts, no bed
            for page, _message in later:
                self.removePage(self.pageIds()[-1])
                page.deleteLater()
            self.table = PERSON_FIELDS
        self.field_messages = FieldMessages()
        self._places: dict[str, QWidget] = {}  # where each field's error is said
        for field in self.table:
            self._prepare(field, self._widget(field))
        if editing is None:
            self._prepare_bed_page()
            self._fill(asdict(PersonData()) | asdict(StayData(admission_date=today)))
        else:
            self._fill(asdict(editing.data))
        # Hiding seals the identity under the managers' key: the service refuses it to
        # anyone else, and the box says so before anyone ticks it.
        if not workspace.may(Permission.VIEW_HIDDEN_IDENTITY):
            self.hidden_identity.setEnabled(False)
            self.hidden_identity.setToolTip(_("Only a manager can hide a person's identity."))
        self._saving = False
        self._saved = False
        self._opened_with = self._entered()

    # -- the fields ---------------------------------------------------------------------
    def _widget(self, field: Field):
        return getattr(self, field.widget or field.name)

    def _prepare(self, field: Field, widget) -> None:
        if field.choices is not None and field.empty is not None:
            widget.set_choices(field.choices(), empty=_(field.empty))
        elif field.choices is not None:
            widget.set_choices(field.choices())
        if field.way is TYPED:
            typed_rules(widget, field.name, optional=not field.required, today=self.today)
        self.field_messages.add(field.name, widget)
        self._places[field.name] = widget

    def _prepare_bed_page(self) -> None:
        self.beds, self.bed_warning = self.bed_choice.beds, self.bed_choice.warning
        self.bed_choice.who = lambda: (self.person_data(), self.today)
        self.field_messages.add("bed", self.beds)
        # a contact the service refuses is said below the contacts (their dialog is closed)
        self._places |= {"bed": self.beds, "name": self.contacts, "phone": self.contacts}
        # the sex or age may have changed on the first page since the list was sorted
        self.currentIdChanged.connect(lambda _id: self.currentPage() is self.bed_page
                                      and self.bed_choice.fitting_first())
        Op(self, lambda: rooms.free_beds(self.workspace), self._fill_beds).run_in_background()

    def _fill_beds(self, free) -> None:
        self.bed_choice.fill(free)
        if self.currentPage() is self.bed_page:  # the user got there first
            self.bed_choice.fitting_first()

    def _read(self, fields: tuple[Field, ...]) -> dict:
        return {field.name: field.way.read(self._widget(field)) for field in fields}

    def _fill(self, values: dict) -> None:
        for field in self.table:
            field.way.write(self._widget(field), values[field.name])

    def person_data(self) -> PersonData:
        """The person as typed; InputError (at its field) while a date is not one."""
        values = self._read(PERSON_FIELDS)
        before = self.editing.data if self.editing else None
        return PersonData(**values, birth_date_estimated=bool(
            before and before.birth_date_estimated and values["birth_date"]
            and values["birth_date"] == before.birth_date))

    def stay_data(self) -> StayData:
        return StayData(**self._read(STAY_FIELDS), bed_id=self.bed_choice.chosen())

    # -- saving -------------------------------------------------------------------------
    def validateCurrentPage(self) -> bool:
        if self._saved:
            return True  # QWizard.done() asks once more before it lets the wizard close
        page, message = self._pages[self.currentId()]
        message.setText("")
        wrong = first_problem(page)  # a date that is not one says so itself
        if wrong is not None:
            return self._refuse(wrong.field, "")
        problems = self._problems_on(page)
        if problems:
            return self._say_all(problems)
        if page is not self._pages[-1][0]:
            return True
        if not self._saving:
            self._start_saving()
        return False  # the wizard closes itself when the save has succeeded

    def _problems_on(self, page: QWidget) -> list[InputError]:
        """What the service would refuse among this page's fields, each at once (an NIK
        of five digits went through every page and was refused only at Save)."""
        try:
            found = person_problems(self.person_data(), self.today)
            if self.editing is None:
                found += stay_problems(self.stay_data(), self.today)
        except InputError:  # a date on another page cannot be read: said there, at Save
            return []
        order = [field.name for field in self.table]
        return sorted((error for error in found if error.field in self._places
                       and page.isAncestorOf(self._places[error.field])),
                      key=lambda error: order.index(error.field) if error.field in order
                      else len(order))

    def _say_all(self, problems: list[InputError]) -> bool:
        """Each problem at its field; the focus goes to the first."""
        for error in problems:
            self.field_messages.show(error.field, str(error), focus=error is problems[0])
        return False

    def _refuse(self, field: str, message: str) -> bool:
        """Go back to the page of `field` and say `message` at the field (a date field
        may say it already: message ""); a message of no field goes below the page."""
        widget = self._places.get(field)
        page_index = self.currentId() if widget is None else next(
            index for index, (page, _message) in enumerate(self._pages)
            if page.isAncestorOf(widget))
        while self.currentId() > page_index:
            self.back()
        placed = bool(message) and self.field_messages.show(field, message, focus=False)
        self._pages[self.currentId()][1].setText("" if placed else message)
        if widget is not None:
            widget.setFocus()
        return False

    def _start_saving(self) -> None:
        try:  # every field read here, on the GUI thread, before any work is sent off
            person = self.person_data()
            read = (person, None, []) if self.editing else (person, self.stay_data(),
                                                            self.contacts.values())
        except InputError as error:
            self._refuse(error.field, str(error))
            return
        self._saving = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        if self.editing is not None:
            Op(self, lambda: records.update_person(self.workspace, self.editing.person_id,
                                                   person, self.editing.version),
               lambda _r: self._done(self.editing.person_id)).failure(self._failed
                                                                      ).run_in_background()
            return
        Op(self, lambda: records.find_duplicates(self.workspace, person),
           lambda found: self._duplicates_checked(found, *read)
           ).failure(self._failed).run_in_background()

    def _duplicates_checked(self, found, person: PersonData, stay: StayData,
                            contacts: list) -> None:
        if found:
            dialog = DuplicatesDialog(found, self)
            if not dialog.exec():
                self._saving = False
                self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
                return
            if dialog.profile_person_id is not None:
                self.done(QDialog.DialogCode.Rejected)  # nothing typed is lost: she is here
                self.open_profile.emit(dialog.profile_person_id)
                return
            if dialog.returning_person_id is not None:
                chosen = dialog.returning_person_id
                Op(self, lambda: records.readmit(self.workspace, chosen, stay),
                   lambda _r: self._done(chosen)).failure(self._failed).run_in_background()
                return
        Op(self, lambda: records.admit_new(self.workspace, person, stay, contacts),
           lambda result: self._done(result.person_id)).failure(self._failed
                                                                ).run_in_background()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        field = error.field if isinstance(error, InputError) else ""
        self._refuse(field, explain(error))

    def _done(self, person_id: int) -> None:
        """Saved: close, then let the profile open. The wizard never saves again."""
        self._saved = True
        self.accept()
        self.admitted.emit(person_id)

    # -- closing ------------------------------------------------------------------------
    def _entered(self) -> tuple:
        """All the wizard holds, as typed: to tell whether anything was entered."""
        shown = tuple(field.way.shown(self._widget(field)) for field in self.table)
        return shown, tuple(self.contacts.values()) if self.editing is None else ()

    def has_unsaved_typing(self) -> bool:
        return not self._saved and self._entered() != self._opened_with
