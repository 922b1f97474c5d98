# Generated from ui/intake_wizard.ui by shelter_app.gui.build_forms. Do not edit.
from shelter_app.i18n import _
# -*- coding: utf-8 -*-


from PySide6.QtCore import QSize
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout, QWizard, QWizardPage

from shelter_app.gui.date_field import DateField
from shelter_app.gui.residents.bed_choice import BedChoice
from shelter_app.gui.residents.contacts import ContactsEditor
from shelter_app.gui.residents.fields import (CheckList, CodedCombo)

class Ui_IntakeWizard(object):
    def setupUi(self, IntakeWizard):
        if not IntakeWizard.objectName():
            IntakeWizard.setObjectName(u"IntakeWizard")
        IntakeWizard.setMinimumSize(QSize(960, 640))
        IntakeWizard.setWizardStyle(QWizard.ClassicStyle)
        self.person_page = QWizardPage()
        self.person_page.setObjectName(u"person_page")
        self.person_columns = QGridLayout(self.person_page)
        self.person_columns.setObjectName(u"person_columns")
        self.person_left = QFormLayout()
        self.person_left.setObjectName(u"person_left")
        self.person_left.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.full_name_label = QLabel(self.person_page)
        self.full_name_label.setObjectName(u"full_name_label")

        self.person_left.setWidget(0, QFormLayout.ItemRole.LabelRole, self.full_name_label)

        self.full_name = QLineEdit(self.person_page)
        self.full_name.setObjectName(u"full_name")

        self.person_left.setWidget(0, QFormLayout.ItemRole.FieldRole, self.full_name)

        self.sex_label = QLabel(self.person_page)
        self.sex_label.setObjectName(u"sex_label")

        self.person_left.setWidget(1, QFormLayout.ItemRole.LabelRole, self.sex_label)

        self.sex = CodedCombo(parent=self.person_page)
        self.sex.setObjectName(u"sex")

        self.person_left.setWidget(1, QFormLayout.ItemRole.FieldRole, self.sex)

        self.birth_date_label = QLabel(self.person_page)
        self.birth_date_label.setObjectName(u"birth_date_label")

        self.person_left.setWidget(2, QFormLayout.ItemRole.LabelRole, self.birth_date_label)

        self.birth_date = DateField(parent=self.person_page)
        self.birth_date.setObjectName(u"birth_date")

        self.person_left.setWidget(2, QFormLayout.ItemRole.FieldRole, self.birth_date)

        self.estimated_age_label = QLabel(self.person_page)
        self.estimated_age_label.setObjectName(u"estimated_age_label")

        self.person_left.setWidget(3, QFormLayout.ItemRole.LabelRole, self.estimated_age_label)

        self.estimated_age = QSpinBox(self.person_page)
        self.estimated_age.setObjectName(u"estimated_age")
        self.estimated_age.setMinimum(-1)
        self.estimated_age.setMaximum(110)
        self.estimated_age.setValue(-1)

        self.person_left.setWidget(3, QFormLayout.ItemRole.FieldRole, self.estimated_age)

        self.alias_label = QLabel(self.person_page)
        self.alias_label.setObjectName(u"alias_label")

        self.person_left.setWidget(4, QFormLayout.ItemRole.LabelRole, self.alias_label)

        self.alias = QLineEdit(self.person_page)
        self.alias.setObjectName(u"alias")

        self.person_left.setWidget(4, QFormLayout.ItemRole.FieldRole, self.alias)

        self.nik_label = QLabel(self.person_page)
        self.nik_label.setObjectName(u"nik_label")

        self.person_left.setWidget(5, QFormLayout.ItemRole.LabelRole, self.nik_label)

        self.nik = QLineEdit(self.person_page)
        self.nik.setObjectName(u"nik")

        self.person_left.setWidget(5, QFormLayout.ItemRole.FieldRole, self.nik)

        self.nationality_label = QLabel(self.person_page)
        self.nationality_label.setObjectName(u"nationality_label")

        self.person_left.setWidget(6, QFormLayout.ItemRole.LabelRole, self.nationality_label)

        self.nationality = CodedCombo(parent=self.person_page)
        self.nationality.setObjectName(u"nationality")

        self.person_left.setWidget(6, QFormLayout.ItemRole.FieldRole, self.nationality)

        self.languages_label = QLabel(self.person_page)
        self.languages_label.setObjectName(u"languages_label")

        self.person_left.setWidget(7, QFormLayout.ItemRole.LabelRole, self.languages_label)

        self.languages = CheckList(parent=self.person_page)
        self.languages.setObjectName(u"languages")
        self.languages.setProperty(u"rows", 4)

        self.person_left.setWidget(7, QFormLayout.ItemRole.FieldRole, self.languages)


        self.person_columns.addLayout(self.person_left, 0, 0, 1, 1)

        self.person_right = QFormLayout()
        self.person_right.setObjectName(u"person_right")
        self.person_right.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.province_label = QLabel(self.person_page)
        self.province_label.setObjectName(u"province_label")

        self.person_right.setWidget(0, QFormLayout.ItemRole.LabelRole, self.province_label)

        self.province = CodedCombo(parent=self.person_page)
        self.province.setObjectName(u"province")

        self.person_right.setWidget(0, QFormLayout.ItemRole.FieldRole, self.province)

        self.regency_label = QLabel(self.person_page)
        self.regency_label.setObjectName(u"regency_label")

        self.person_right.setWidget(1, QFormLayout.ItemRole.LabelRole, self.regency_label)

        self.regency = QLineEdit(self.person_page)
        self.regency.setObjectName(u"regency")

        self.person_right.setWidget(1, QFormLayout.ItemRole.FieldRole, self.regency)

        self.education_label = QLabel(self.person_page)
        self.education_label.setObjectName(u"education_label")

        self.person_right.setWidget(2, QFormLayout.ItemRole.LabelRole, self.education_label)

        self.education = CodedCombo(parent=self.person_page)
        self.education.setObjectName(u"education")

        self.person_right.setWidget(2, QFormLayout.ItemRole.FieldRole, self.education)

        self.marital_status_label = QLabel(self.person_page)
        self.marital_status_label.setObjectName(u"marital_status_label")

        self.person_right.setWidget(3, QFormLayout.ItemRole.LabelRole, self.marital_status_label)

        self.marital_status = CodedCombo(parent=self.person_page)
        self.marital_status.setObjectName(u"marital_status")

        self.person_right.setWidget(3, QFormLayout.ItemRole.FieldRole, self.marital_status)

        self.number_of_children_label = QLabel(self.person_page)
        self.number_of_children_label.setObjectName(u"number_of_children_label")

        self.person_right.setWidget(4, QFormLayout.ItemRole.LabelRole, self.number_of_children_label)

        self.children_row = QHBoxLayout()
        self.children_row.setObjectName(u"children_row")
        self.number_of_children = QSpinBox(self.person_page)
        self.number_of_children.setObjectName(u"number_of_children")
        self.number_of_children.setMaximum(30)

        self.children_row.addWidget(self.number_of_children)

        self.pregnant = QCheckBox(self.person_page)
        self.pregnant.setObjectName(u"pregnant")

        self.children_row.addWidget(self.pregnant)

        self.children_row_end = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.children_row.addItem(self.children_row_end)


        self.person_right.setLayout(4, QFormLayout.ItemRole.FieldRole, self.children_row)

        self.disability_label = QLabel(self.person_page)
        self.disability_label.setObjectName(u"disability_label")

        self.person_right.setWidget(5, QFormLayout.ItemRole.LabelRole, self.disability_label)

        self.disability = QLineEdit(self.person_page)
        self.disability.setObjectName(u"disability")

        self.person_right.setWidget(5, QFormLayout.ItemRole.FieldRole, self.disability)

        self.hidden_identity = QCheckBox(self.person_page)
        self.hidden_identity.setObjectName(u"hidden_identity")

        self.person_right.setWidget(6, QFormLayout.ItemRole.SpanningRole, self.hidden_identity)

        self.pseudonym_label = QLabel(self.person_page)
        self.pseudonym_label.setObjectName(u"pseudonym_label")

        self.person_right.setWidget(7, QFormLayout.ItemRole.LabelRole, self.pseudonym_label)

        self.pseudonym = QLineEdit(self.person_page)
        self.pseudonym.setObjectName(u"pseudonym")

        self.person_right.setWidget(7, QFormLayout.ItemRole.FieldRole, self.pseudonym)


        self.person_columns.addLayout(self.person_right, 0, 1, 1, 1)

        self.person_message = QLabel(self.person_page)
        self.person_message.setObjectName(u"person_message")
        self.person_message.setWordWrap(True)
        self.person_message.setProperty(u"tone", u"error")

        self.person_columns.addWidget(self.person_message, 2, 0, 1, 2)

        self.person_columns.setRowStretch(1, 1)
        self.person_columns.setColumnStretch(0, 1)
        self.person_columns.setColumnStretch(1, 1)
        IntakeWizard.addPage(self.person_page)
        self.case_page = QWizardPage()
        self.case_page.setObjectName(u"case_page")
        self.case_columns = QGridLayout(self.case_page)
        self.case_columns.setObjectName(u"case_columns")
        self.case_left = QFormLayout()
        self.case_left.setObjectName(u"case_left")
        self.case_left.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.modus_label = QLabel(self.case_page)
        self.modus_label.setObjectName(u"modus_label")

        self.case_left.setWidget(0, QFormLayout.ItemRole.LabelRole, self.modus_label)

        self.modus = CheckList(parent=self.case_page)
        self.modus.setObjectName(u"modus")
        self.modus.setProperty(u"rows", 7)

        self.case_left.setWidget(0, QFormLayout.ItemRole.FieldRole, self.modus)

        self.exploitation_types_label = QLabel(self.case_page)
        self.exploitation_types_label.setObjectName(u"exploitation_types_label")

        self.case_left.setWidget(1, QFormLayout.ItemRole.LabelRole, self.exploitation_types_label)

        self.exploitation_types = CheckList(parent=self.case_page)
        self.exploitation_types.setObjectName(u"exploitation_types")

        self.case_left.setWidget(1, QFormLayout.ItemRole.FieldRole, self.exploitation_types)

        self.exploitation_country_label = QLabel(self.case_page)
        self.exploitation_country_label.setObjectName(u"exploitation_country_label")

        self.case_left.setWidget(2, QFormLayout.ItemRole.LabelRole, self.exploitation_country_label)

        self.exploitation_country = CodedCombo(parent=self.case_page)
        self.exploitation_country.setObjectName(u"exploitation_country")

        self.case_left.setWidget(2, QFormLayout.ItemRole.FieldRole, self.exploitation_country)

        self.exploitation_place_label = QLabel(self.case_page)
        self.exploitation_place_label.setObjectName(u"exploitation_place_label")

        self.case_left.setWidget(3, QFormLayout.ItemRole.LabelRole, self.exploitation_place_label)

        self.exploitation_place = QLineEdit(self.case_page)
        self.exploitation_place.setObjectName(u"exploitation_place")

        self.case_left.setWidget(3, QFormLayout.ItemRole.FieldRole, self.exploitation_place)


        self.case_columns.addLayout(self.case_left, 0, 0, 1, 1)

        self.case_right = QFormLayout()
        self.case_right.setObjectName(u"case_right")
        self.case_right.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.control_methods_label = QLabel(self.case_page)
        self.control_methods_label.setObjectName(u"control_methods_label")

        self.case_right.setWidget(0, QFormLayout.ItemRole.LabelRole, self.control_methods_label)

        self.control_methods = CheckList(parent=self.case_page)
        self.control_methods.setObjectName(u"control_methods")

        self.case_right.setWidget(0, QFormLayout.ItemRole.FieldRole, self.control_methods)

        self.recruitment_methods_label = QLabel(self.case_page)
        self.recruitment_methods_label.setObjectName(u"recruitment_methods_label")

        self.case_right.setWidget(1, QFormLayout.ItemRole.LabelRole, self.recruitment_methods_label)

        self.recruitment_methods = CheckList(parent=self.case_page)
        self.recruitment_methods.setObjectName(u"recruitment_methods")

        self.case_right.setWidget(1, QFormLayout.ItemRole.FieldRole, self.recruitment_methods)

        self.police_report_number_label = QLabel(self.case_page)
        self.police_report_number_label.setObjectName(u"police_report_number_label")

        self.case_right.setWidget(2, QFormLayout.ItemRole.LabelRole, self.police_report_number_label)

        self.police_report_number = QLineEdit(self.case_page)
        self.police_report_number.setObjectName(u"police_report_number")

        self.case_right.setWidget(2, QFormLayout.ItemRole.FieldRole, self.police_report_number)

        self.risk_level_label = QLabel(self.case_page)
        self.risk_level_label.setObjectName(u"risk_level_label")

        self.case_right.setWidget(3, QFormLayout.ItemRole.LabelRole, self.risk_level_label)

        self.risk_row = QHBoxLayout()
        self.risk_row.setObjectName(u"risk_row")
        self.risk_level = CodedCombo(parent=self.case_page)
        self.risk_level.setObjectName(u"risk_level")

        self.risk_row.addWidget(self.risk_level)

        self.lpsk_protection = QCheckBox(self.case_page)
        self.lpsk_protection.setObjectName(u"lpsk_protection")

        self.risk_row.addWidget(self.lpsk_protection)

        self.risk_row_end = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.risk_row.addItem(self.risk_row_end)


        self.case_right.setLayout(3, QFormLayout.ItemRole.FieldRole, self.risk_row)

        self.consent_services_on_label = QLabel(self.case_page)
        self.consent_services_on_label.setObjectName(u"consent_services_on_label")

        self.case_right.setWidget(4, QFormLayout.ItemRole.LabelRole, self.consent_services_on_label)

        self.consent_services_on = DateField(parent=self.case_page)
        self.consent_services_on.setObjectName(u"consent_services_on")

        self.case_right.setWidget(4, QFormLayout.ItemRole.FieldRole, self.consent_services_on)

        self.consent_services_witness_label = QLabel(self.case_page)
        self.consent_services_witness_label.setObjectName(u"consent_services_witness_label")

        self.case_right.setWidget(5, QFormLayout.ItemRole.LabelRole, self.consent_services_witness_label)

        self.consent_services_witness = QLineEdit(self.case_page)
        self.consent_services_witness.setObjectName(u"consent_services_witness")

        self.case_right.setWidget(5, QFormLayout.ItemRole.FieldRole, self.consent_services_witness)

        self.consent_sharing_on_label = QLabel(self.case_page)
        self.consent_sharing_on_label.setObjectName(u"consent_sharing_on_label")

        self.case_right.setWidget(6, QFormLayout.ItemRole.LabelRole, self.consent_sharing_on_label)

        self.consent_sharing_on = DateField(parent=self.case_page)
        self.consent_sharing_on.setObjectName(u"consent_sharing_on")

        self.case_right.setWidget(6, QFormLayout.ItemRole.FieldRole, self.consent_sharing_on)

        self.consent_sharing_witness_label = QLabel(self.case_page)
        self.consent_sharing_witness_label.setObjectName(u"consent_sharing_witness_label")

        self.case_right.setWidget(7, QFormLayout.ItemRole.LabelRole, self.consent_sharing_witness_label)

        self.consent_sharing_witness = QLineEdit(self.case_page)
        self.consent_sharing_witness.setObjectName(u"consent_sharing_witness")

        self.case_right.setWidget(7, QFormLayout.ItemRole.FieldRole, self.consent_sharing_witness)


        self.case_columns.addLayout(self.case_right, 0, 1, 1, 1)

        self.case_message = QLabel(self.case_page)
        self.case_message.setObjectName(u"case_message")
        self.case_message.setWordWrap(True)
        self.case_message.setProperty(u"tone", u"error")

        self.case_columns.addWidget(self.case_message, 2, 0, 1, 2)

        self.case_columns.setRowStretch(1, 1)
        self.case_columns.setColumnStretch(0, 1)
        self.case_columns.setColumnStretch(1, 1)
        IntakeWizard.addPage(self.case_page)
        self.arrival_page = QWizardPage()
        self.arrival_page.setObjectName(u"arrival_page")
        self.arrival_column = QVBoxLayout(self.arrival_page)
        self.arrival_column.setObjectName(u"arrival_column")
        self.arrival_form = QFormLayout()
        self.arrival_form.setObjectName(u"arrival_form")
        self.admission_date_label = QLabel(self.arrival_page)
        self.admission_date_label.setObjectName(u"admission_date_label")

        self.arrival_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.admission_date_label)

        self.admission_date = DateField(parent=self.arrival_page)
        self.admission_date.setObjectName(u"admission_date")

        self.arrival_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.admission_date)

        self.evacuated_on_label = QLabel(self.arrival_page)
        self.evacuated_on_label.setObjectName(u"evacuated_on_label")

        self.arrival_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.evacuated_on_label)

        self.evacuated_on = DateField(parent=self.arrival_page)
        self.evacuated_on.setObjectName(u"evacuated_on")

        self.arrival_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.evacuated_on)

        self.evacuated_from_label = QLabel(self.arrival_page)
        self.evacuated_from_label.setObjectName(u"evacuated_from_label")

        self.arrival_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.evacuated_from_label)

        self.evacuated_from = QLineEdit(self.arrival_page)
        self.evacuated_from.setObjectName(u"evacuated_from")

        self.arrival_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.evacuated_from)

        self.evacuated_by_label = QLabel(self.arrival_page)
        self.evacuated_by_label.setObjectName(u"evacuated_by_label")

        self.arrival_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.evacuated_by_label)

        self.evacuated_by = QLineEdit(self.arrival_page)
        self.evacuated_by.setObjectName(u"evacuated_by")

        self.arrival_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.evacuated_by)

        self.referred_by_label = QLabel(self.arrival_page)
        self.referred_by_label.setObjectName(u"referred_by_label")

        self.arrival_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.referred_by_label)

        self.referred_by = QLineEdit(self.arrival_page)
        self.referred_by.setObjectName(u"referred_by")

        self.arrival_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.referred_by)


        self.arrival_column.addLayout(self.arrival_form)

        self.arrival_end = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.arrival_column.addItem(self.arrival_end)

        self.arrival_message = QLabel(self.arrival_page)
        self.arrival_message.setObjectName(u"arrival_message")
        self.arrival_message.setWordWrap(True)
        self.arrival_message.setProperty(u"tone", u"error")

        self.arrival_column.addWidget(self.arrival_message)

        IntakeWizard.addPage(self.arrival_page)
        self.contacts_page = QWizardPage()
        self.contacts_page.setObjectName(u"contacts_page")
        self.contacts_column = QVBoxLayout(self.contacts_page)
        self.contacts_column.setObjectName(u"contacts_column")
        self.contacts = ContactsEditor(parent=self.contacts_page)
        self.contacts.setObjectName(u"contacts")

        self.contacts_column.addWidget(self.contacts)

        self.contacts_message = QLabel(self.contacts_page)
        self.contacts_message.setObjectName(u"contacts_message")
        self.contacts_message.setWordWrap(True)
        self.contacts_message.setProperty(u"tone", u"error")

        self.contacts_column.addWidget(self.contacts_message)

        IntakeWizard.addPage(self.contacts_page)
        self.bed_page = QWizardPage()
        self.bed_page.setObjectName(u"bed_page")
        self.bed_column = QVBoxLayout(self.bed_page)
        self.bed_column.setObjectName(u"bed_column")
        self.bed_choice = BedChoice(parent=self.bed_page)
        self.bed_choice.setObjectName(u"bed_choice")

        self.bed_column.addWidget(self.bed_choice)

        self.bed_message = QLabel(self.bed_page)
        self.bed_message.setObjectName(u"bed_message")
        self.bed_message.setWordWrap(True)
        self.bed_message.setProperty(u"tone", u"error")

        self.bed_column.addWidget(self.bed_message)

        self.bed_column.setStretch(0, 1)
        IntakeWizard.addPage(self.bed_page)
#if QT_CONFIG(shortcut)
        self.full_name_label.setBuddy(self.full_name)
        self.sex_label.setBuddy(self.sex)
        self.birth_date_label.setBuddy(self.birth_date)
        self.estimated_age_label.setBuddy(self.estimated_age)
        self.alias_label.setBuddy(self.alias)
        self.nik_label.setBuddy(self.nik)
        self.nationality_label.setBuddy(self.nationality)
        self.languages_label.setBuddy(self.languages)
        self.province_label.setBuddy(self.province)
        self.regency_label.setBuddy(self.regency)
        self.education_label.setBuddy(self.education)
        self.marital_status_label.setBuddy(self.marital_status)
        self.number_of_children_label.setBuddy(self.number_of_children)
        self.disability_label.setBuddy(self.disability)
        self.pseudonym_label.setBuddy(self.pseudonym)
        self.modus_label.setBuddy(self.modus)
        self.exploitation_types_label.setBuddy(self.exploitation_types)
        self.exploitation_country_label.setBuddy(self.exploitation_country)
        self.exploitation_place_label.setBuddy(self.exploitation_place)
        self.control_methods_label.setBuddy(self.control_methods)
        self.recruitment_methods_label.setBuddy(self.recruitment_methods)
        self.police_report_number_label.setBuddy(self.police_report_number)
        self.risk_level_label.setBuddy(self.risk_level)
        self.consent_services_on_label.setBuddy(self.consent_services_on)
        self.consent_services_witness_label.setBuddy(self.consent_services_witness)
        self.consent_sharing_on_label.setBuddy(self.consent_sharing_on)
        self.consent_sharing_witness_label.setBuddy(self.consent_sharing_witness)
        self.admission_date_label.setBuddy(self.admission_date)
        self.evacuated_on_label.setBuddy(self.evacuated_on)
        self.evacuated_from_label.setBuddy(self.evacuated_from)
        self.evacuated_by_label.setBuddy(self.evacuated_by)
        self.referred_by_label.setBuddy(self.referred_by)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IntakeWizard)
    # setupUi

    def retranslateUi(self, IntakeWizard):
        self.person_page.setTitle(_("Who is the person?"))
        self.person_page.setSubTitle(_("Sex and a date of birth (or an estimated age) are needed: every record is counted by sex and age group."))
        self.full_name_label.setText(_("Full name *"))
        self.sex_label.setText(_("Sex *"))
        self.birth_date_label.setText(_("Date of birth"))
        self.estimated_age_label.setText(_("or estimated age"))
        self.estimated_age.setSpecialValueText(_("not given"))
        self.alias_label.setText(_("Alias / called"))
        self.nik_label.setText(_("NIK"))
        self.nik.setPlaceholderText(_("16 digits, if the person has one"))
        self.nationality_label.setText(_("Nationality"))
        self.languages_label.setText(_("Languages"))
        self.province_label.setText(_("Province of origin"))
        self.regency_label.setText(_("Regency / city"))
        self.education_label.setText(_("Education"))
        self.marital_status_label.setText(_("Marital status"))
        self.number_of_children_label.setText(_("Children"))
        self.pregnant.setText(_("Pregnant"))
        self.disability_label.setText(_("Disability"))
        self.hidden_identity.setText(_("Hide the identity: show a pseudonym to everyone but managers"))
        self.pseudonym_label.setText(_("Pseudonym"))
        self.pseudonym.setPlaceholderText(_("for example Mawar"))
        self.case_page.setTitle(_("The case"))
        self.case_page.setSubTitle(_("What happened, as far as it is known. Several answers may be ticked."))
        self.modus_label.setText(_("Modus operandi"))
        self.exploitation_types_label.setText(_("Type of exploitation"))
        self.exploitation_country_label.setText(_("Country of exploitation"))
        self.exploitation_place_label.setText(_("Place of exploitation"))
        self.control_methods_label.setText(_("Means of control"))
        self.recruitment_methods_label.setText(_("Method of recruitment"))
        self.police_report_number_label.setText(_("Police report number"))
        self.risk_level_label.setText(_("Risk level"))
        self.lpsk_protection.setText(_("Under LPSK protection"))
        self.consent_services_on_label.setText(_("Consent to services, given on"))
        self.consent_services_witness_label.setText(_("witnessed by"))
        self.consent_sharing_on_label.setText(_("Consent to share data, given on"))
#if QT_CONFIG(tooltip)
        self.consent_sharing_on.setToolTip(_("Consent to share data for referral"))
#endif // QT_CONFIG(tooltip)
        self.consent_sharing_witness_label.setText(_("witnessed by"))
        self.arrival_page.setTitle(_("Evacuation and admission"))
        self.arrival_page.setSubTitle(_("How and when the person came to the shelter."))
        self.admission_date_label.setText(_("Date of admission *"))
        self.evacuated_on_label.setText(_("Date of evacuation"))
        self.evacuated_from_label.setText(_("Evacuated from"))
        self.evacuated_by_label.setText(_("Evacuated by"))
        self.referred_by_label.setText(_("Referring institution"))
        self.contacts_page.setTitle(_("Family and contacts"))
        self.contacts_page.setSubTitle(_("A trafficker can be family: mark anyone who must not visit or be told where the person is."))
        self.bed_page.setTitle(_("A bed"))
        self.bed_page.setSubTitle(_("Free beds today. The person can also stay without a bed for now and get one from the profile."))
        pass
    # retranslateUi

