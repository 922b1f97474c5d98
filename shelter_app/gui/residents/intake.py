"""The intake wizard (penerimaan): who the person is, their case, how they came, family
and contacts, and a bed. Also edits a person's record (the first two pages).

Made for the keyboard: each page starts in its first field, the required fields come
first, Enter moves on, and the beds that fit the person come first (Down picks one).
What is wrong is said at its field, and goes when the field changes. Escape, Cancel or
the close button ask before something typed is thrown away."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from shelter_app.domain.errors import InputError
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
from shelter_app.gui.date_field import DateField
from shelter_app.gui.residents.bed_choice import BedChoice
from shelter_app.gui.residents.contacts import ContactsEditor
from shelter_app.gui.residents.duplicates import DuplicatesDialog
from shelter_app.gui.residents.fields import (
    CheckList,
    CodedCombo,
    FieldMessages,
    discard_typing,
    error_label,
)
from shelter_app.i18n import _, places
from shelter_app.services.residents import records, rooms
from shelter_app.services.residents.fields import PersonData, StayData


class _Page(QWizardPage):
    def __init__(self, title: str, subtitle: str):
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.message = error_label()


def _pair(*widgets) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch()
    box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return box


class IntakeWizard(QWizard):
    admitted = Signal(int)  # person id (new, returning or edited)
    open_profile = Signal(int)  # the person is in the shelter already: nothing is saved

    def __init__(self, workspace, today: dt.date, parent=None, editing=None):
        super().__init__(parent)
        self.workspace, self.today, self.editing = workspace, today, editing
        self.fields: dict[str, tuple[int, QWidget]] = {}
        self.field_messages = FieldMessages()
        self.setWindowTitle(_("Change the record") if editing else _("New admission"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(960, 640)
        for button, text in ((QWizard.WizardButton.NextButton, _("&Next >")),
                             (QWizard.WizardButton.BackButton, _("< &Back")),
                             (QWizard.WizardButton.CancelButton, _("Cancel")),
                             (QWizard.WizardButton.FinishButton, _("&Save"))):
            self.setButtonText(button, text)
        self._pages = [self._identity_page(), self._case_page()]
        if editing is None:
            self._pages += [self._arrival_page(), self._contacts_page(), self._bed_page()]
        for page in self._pages:
            self.addPage(page)
        if editing is not None:
            self._fill(editing.data)
        else:
            self.languages.set_values(["ind"])
        self._saving = False
        self._saved = False
        self._opened_with = self._entered()

    # -- pages --------------------------------------------------------------------------
    def _field(self, name: str, widget: QWidget, *, placed: bool = True) -> QWidget:
        """Know `widget` as field `name` of the page being made; returns what the form
        holds: the widget with its message line (`placed=False`: not in a form row)."""
        self.fields[name] = (len(self._pages_made()) - 1, widget)
        return self.field_messages.add(name, widget) if placed else widget

    def _pages_made(self) -> list:
        return getattr(self, "_made", [])

    def _new_page(self, title: str, subtitle: str) -> _Page:
        page = _Page(title, subtitle)
        self._made = [*self._pages_made(), page]
        return page

    def _identity_page(self) -> _Page:
        self.full_name = QLineEdit()  # created in the order Tab goes: required ones first
        self.sex = CodedCombo(list(Sex), empty=_("Choose…"))
        self.birth_date = DateField(today=self.today, optional=True, field="birth_date")
        self.estimated_age = QSpinBox()
        self.estimated_age.setRange(-1, 110)
        self.estimated_age.setSpecialValueText(_("not given"))
        self.estimated_age.setValue(-1)
        self.alias = QLineEdit()
        self.nik = QLineEdit()
        self.nik.setPlaceholderText(_("16 digits, if the person has one"))
        self.nationality = CodedCombo(places.countries())
        self.languages = CheckList(places.common_languages(), rows=4)
        self.province = CodedCombo(places.provinces(), empty=_("Not known"))
        self.regency = QLineEdit()
        self.education = CodedCombo(list(Education))
        self.education.set_value("unknown")
        self.marital_status = CodedCombo(list(MaritalStatus))
        self.marital_status.set_value("unknown")
        self.children = QSpinBox()
        self.children.setRange(0, 30)
        self.disability = QLineEdit()
        self.pregnant = QCheckBox(_("Pregnant"))
        self.hidden_identity = QCheckBox(_("Hide the identity: show a pseudonym to everyone "
                                           "but managers"))
        self.pseudonym = QLineEdit()
        self.pseudonym.setPlaceholderText(_("for example Mawar"))
        page = self._new_page(_("Who is the person?"), _(
            "Sex and a date of birth (or an estimated age) are needed: every record is "
            "counted by sex and age group."))
        left, right = QFormLayout(), QFormLayout()
        left.addRow(_("Full name *"), self._field("full_name", self.full_name))
        left.addRow(_("Sex *"), self._field("sex", self.sex))
        left.addRow(_("Date of birth"), self._field("birth_date", self.birth_date))
        left.addRow(_("or estimated age"), self._field("estimated_age", self.estimated_age))
        left.addRow(_("Alias / called"), self._field("alias", self.alias))
        left.addRow(_("NIK"), self._field("nik", self.nik))
        left.addRow(_("Nationality"), self._field("nationality", self.nationality))
        left.addRow(_("Languages"), self._field("languages", self.languages))
        right.addRow(_("Province of origin"), self._field("province", self.province))
        right.addRow(_("Regency / city"), self._field("regency", self.regency))
        right.addRow(_("Education"), self._field("education", self.education))
        right.addRow(_("Marital status"), self._field("marital_status", self.marital_status))
        right.addRow(_("Children"), _pair(self._field("children", self.children),
                                          self.pregnant))
        right.addRow(_("Disability"), self._field("disability", self.disability))
        right.addRow(self.hidden_identity)
        right.addRow(_("Pseudonym"), self._field("pseudonym", self.pseudonym))
        self._columns(page, left, right)
        return page

    def _case_page(self) -> _Page:
        self.modus = CheckList(list(Modus), rows=7)  # in the order Tab goes
        self.exploitation_types = CheckList(list(ExploitationType), rows=6)
        self.exploitation_country = CodedCombo(places.countries(), empty=_("Not known"))
        self.exploitation_place = QLineEdit()
        self.control_methods = CheckList(list(ControlMethod), rows=6)
        self.recruitment_methods = CheckList(list(RecruitmentMethod), rows=6)
        self.police_report_number = QLineEdit()
        self.lpsk_protection = QCheckBox(_("Under LPSK protection"))
        self.risk_level = CodedCombo(list(RiskLevel))
        self.risk_level.set_value("medium")
        self.consent_services_on = DateField(today=self.today, optional=True,
                                             field="consent_services_on")
        self.consent_services_witness = QLineEdit()
        self.consent_sharing_on = DateField(today=self.today, optional=True,
                                            field="consent_sharing_on")
        self.consent_sharing_witness = QLineEdit()
        self.consent_sharing_on.setToolTip(_("Consent to share data for referral"))
        page = self._new_page(_("The case"), _(
            "What happened, as far as it is known. Several answers may be ticked."))
        left, right = QFormLayout(), QFormLayout()
        left.addRow(_("Modus operandi"), self._field("modus", self.modus))
        left.addRow(_("Type of exploitation"), self._field("exploitation_types",
                                                           self.exploitation_types))
        left.addRow(_("Country of exploitation"), self._field("exploitation_country",
                                                              self.exploitation_country))
        left.addRow(_("Place of exploitation"), self._field("exploitation_place",
                                                            self.exploitation_place))
        right.addRow(_("Means of control"), self._field("control_methods",
                                                        self.control_methods))
        right.addRow(_("Method of recruitment"), self._field("recruitment_methods",
                                                             self.recruitment_methods))
        right.addRow(_("Police report number"), self._field("police_report_number",
                                                            self.police_report_number))
        right.addRow(_("Risk level"), _pair(self._field("risk_level", self.risk_level),
                                            self.lpsk_protection))
        right.addRow(_("Consent to services, given on"), self._field(
            "consent_services_on", self.consent_services_on))
        right.addRow(_("witnessed by"), self._field("consent_services_witness",
                                                    self.consent_services_witness))
        right.addRow(_("Consent to share data, given on"), self._field(
            "consent_sharing_on", self.consent_sharing_on))
        right.addRow(_("witnessed by"), self._field("consent_sharing_witness",
                                                    self.consent_sharing_witness))
        self._columns(page, left, right)
        return page

    def _arrival_page(self) -> _Page:
        self.admission_date = DateField(self.today, today=self.today, field="admission_date")
        self.evacuated_on = DateField(today=self.today, optional=True, field="evacuated_on")
        self.evacuated_from = QLineEdit()
        self.evacuated_by = QLineEdit()
        self.referred_by = QLineEdit()
        page = self._new_page(_("Evacuation and admission"), _(
            "How and when the person came to the shelter."))
        form = QFormLayout()
        form.addRow(_("Date of admission *"), self._field("admission_date",
                                                         self.admission_date))
        form.addRow(_("Date of evacuation"), self._field("evacuated_on", self.evacuated_on))
        form.addRow(_("Evacuated from"), self._field("evacuated_from", self.evacuated_from))
        form.addRow(_("Evacuated by"), self._field("evacuated_by", self.evacuated_by))
        form.addRow(_("Referring institution"), self._field("referred_by", self.referred_by))
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addStretch()
        layout.addWidget(page.message)
        return page

    def _contacts_page(self) -> _Page:
        self.contacts = ContactsEditor()
        page = self._new_page(_("Family and contacts"), _(
            "A trafficker can be family: mark anyone who must not visit or be told where "
            "the person is."))
        self._field("phone", self.contacts, placed=False)
        self._field("name", self.contacts, placed=False)
        layout = QVBoxLayout(page)
        layout.addWidget(self.contacts)
        layout.addWidget(page.message)
        return page

    def _bed_page(self) -> _Page:
        self.bed_choice = BedChoice(lambda: (self.person_data(), self.today))
        self.beds, self.bed_warning = self.bed_choice.beds, self.bed_choice.warning
        page = self._new_page(_("A bed"), _(
            "Free beds today. The person can also stay without a bed for now and get one "
            "from the profile."))
        beds = self._field("bed", self.beds)
        layout = QVBoxLayout(page)
        layout.addWidget(beds, 1)
        layout.addWidget(self.bed_warning)
        layout.addWidget(page.message)
        # the sex or age may have changed on the first page since the list was sorted
        self.currentIdChanged.connect(lambda _id: self.currentPage() is page
                                      and self.bed_choice.fitting_first())
        Op(self, lambda: rooms.free_beds(self.workspace), self._fill_beds).run_in_background()
        return page

    def _columns(self, page: _Page, left: QFormLayout, right: QFormLayout) -> None:
        for form in (left, right):  # a long label puts its field under it, not squeezed
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        grid = QGridLayout(page)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        grid.addWidget(page.message, 2, 0, 1, 2)

    def _fill_beds(self, free) -> None:
        self.bed_choice.fill(free)
        if self.currentPage() is self._pages[-1]:  # the user got there first
            self.bed_choice.fitting_first()

    # -- data ---------------------------------------------------------------------------
    def person_data(self) -> PersonData:
        age = self.estimated_age.value()
        return PersonData(
            full_name=self.full_name.text(), alias=self.alias.text(), sex=self.sex.value(),
            birth_date=self.birth_date.value(), estimated_age=None if age < 0 else age,
            birth_date_estimated=bool(self.editing and self.editing.data.birth_date_estimated
                                      and self.birth_date.value()
                                      == self.editing.data.birth_date),
            nik=self.nik.text(), nationality=self.nationality.value(),
            languages=self.languages.values(), province=self.province.value(),
            regency=self.regency.text(), education=self.education.value(),
            marital_status=self.marital_status.value(), children=self.children.value(),
            disability=self.disability.text(), pregnant=self.pregnant.isChecked(),
            modus=self.modus.values(), exploitation_types=self.exploitation_types.values(),
            control_methods=self.control_methods.values(),
            recruitment_methods=self.recruitment_methods.values(),
            exploitation_country=self.exploitation_country.value(),
            exploitation_place=self.exploitation_place.text(),
            police_report_number=self.police_report_number.text(),
            lpsk_protection=self.lpsk_protection.isChecked(),
            consent_services_on=self.consent_services_on.value(),
            consent_services_witness=self.consent_services_witness.text(),
            consent_sharing_on=self.consent_sharing_on.value(),
            consent_sharing_witness=self.consent_sharing_witness.text(),
            risk_level=self.risk_level.value(), hidden_identity=self.hidden_identity.isChecked(),
            pseudonym=self.pseudonym.text())

    def stay_data(self) -> StayData:
        return StayData(admission_date=self.admission_date.value(),
                        evacuated_on=self.evacuated_on.value(),
                        evacuated_from=self.evacuated_from.text(),
                        evacuated_by=self.evacuated_by.text(),
                        referred_by=self.referred_by.text(),
                        bed_id=self.bed_choice.chosen())

    def _fill(self, data: PersonData) -> None:
        self.full_name.setText(data.full_name)
        self.alias.setText(data.alias)
        self.sex.set_value(data.sex)
        self.birth_date.set_value(data.birth_date)
        self.nik.setText(data.nik)
        self.nationality.set_value(data.nationality)
        self.languages.set_values(data.languages)
        self.province.set_value(data.province)
        self.regency.setText(data.regency)
        self.education.set_value(data.education)
        self.marital_status.set_value(data.marital_status)
        self.children.setValue(data.children)
        self.disability.setText(data.disability)
        self.pregnant.setChecked(data.pregnant)
        for name in ("modus", "exploitation_types", "control_methods", "recruitment_methods"):
            getattr(self, name).set_values(getattr(data, name))
        self.exploitation_country.set_value(data.exploitation_country)
        self.exploitation_place.setText(data.exploitation_place)
        self.police_report_number.setText(data.police_report_number)
        self.lpsk_protection.setChecked(data.lpsk_protection)
        self.consent_services_on.set_value(data.consent_services_on)
        self.consent_services_witness.setText(data.consent_services_witness)
        self.consent_sharing_on.set_value(data.consent_sharing_on)
        self.consent_sharing_witness.setText(data.consent_sharing_witness)
        self.risk_level.set_value(data.risk_level)
        self.hidden_identity.setChecked(data.hidden_identity)
        self.pseudonym.setText(data.pseudonym)

    # -- saving -------------------------------------------------------------------------
    def validateCurrentPage(self) -> bool:
        if self._saved:
            return True  # QWizard.done() asks once more before it lets the wizard close
        page = self.currentPage()
        page.message.setText("")
        for name, (index, widget) in self.fields.items():
            if index == self.currentId() and isinstance(widget, DateField) \
                    and not widget.check():
                return self._refuse(name, "")  # the field says what is wrong
        if page is self._pages[0]:
            if not self.full_name.text().strip():
                return self._refuse("full_name", _("Enter the person's full name."))
            if not self.sex.value():
                return self._refuse("sex", _("Choose the person's sex: every record is "
                                             "counted by sex."))
            if self.birth_date.value() is None and self.estimated_age.value() < 0:
                return self._refuse("birth_date", _("Enter the date of birth, or an "
                                                    "estimated age."))
        if page is not self._pages[-1]:
            return True
        if not self._saving:
            self._start_saving()
        return False  # the wizard closes itself when the save has succeeded

    def _refuse(self, field: str, message: str) -> bool:
        """Go back to the page of `field` and say `message` at the field (a date field
        may say it already: message ""); a message of no field goes below the page."""
        page_index, widget = self.fields.get(field, (self.currentId(), None))
        while self.currentId() > page_index:
            self.back()
        placed = bool(message) and self.field_messages.show(field, message, focus=False)
        self._pages[self.currentId()].message.setText("" if placed else message)
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
                                                   person),
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
        texts = tuple(widget.text() for widget in self.findChildren(QLineEdit)
                      if not isinstance(widget.parent(), QAbstractSpinBox))  # numbers below
        values = tuple(getattr(self, name).value() for name in (
            "sex", "nationality", "province", "education", "marital_status",
            "exploitation_country", "risk_level"))
        lists = tuple(tuple(getattr(self, name).values()) for name in (
            "languages", "modus", "exploitation_types", "control_methods",
            "recruitment_methods"))
        ticks = tuple(box.isChecked() for box in self.findChildren(QCheckBox))
        numbers = (self.estimated_age.value(), self.children.value())
        contacts = tuple(self.contacts.values()) if self.editing is None else ()
        return texts, values, lists, ticks, numbers, contacts

    def reject(self) -> None:
        """Escape, Cancel and the window's close button: ask first when something was
        typed or chosen."""
        if not self._saved and self._entered() != self._opened_with \
                and not discard_typing(self):
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if event.spontaneous():  # the window's close button: as Cancel
            super().closeEvent(event)
            return
        self.done(QDialog.DialogCode.Rejected)  # closed by the app itself
        event.accept()
