# Generated from ui/session_dialog.ui by shelter_app.gui.build_forms. Do not edit.
from shelter_app.i18n import _
# -*- coding: utf-8 -*-


from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QSizePolicy, QSpacerItem, QSpinBox, QTabWidget, QVBoxLayout, QWidget

from shelter_app.gui.date_field import (DateField, TimeField)
from shelter_app.gui.residents.fields import (CheckList, CodedCombo)

class Ui_SessionDialog(object):
    def setupUi(self, SessionDialog):
        if not SessionDialog.objectName():
            SessionDialog.setObjectName(u"SessionDialog")
        SessionDialog.resize(760, 600)
        self.dialog_column = QVBoxLayout(SessionDialog)
        self.dialog_column.setObjectName(u"dialog_column")
        self.tabs = QTabWidget(SessionDialog)
        self.tabs.setObjectName(u"tabs")
        self.booking_tab = QWidget()
        self.booking_tab.setObjectName(u"booking_tab")
        self.booking_column = QVBoxLayout(self.booking_tab)
        self.booking_column.setObjectName(u"booking_column")
        self.booking_form = QFormLayout()
        self.booking_form.setObjectName(u"booking_form")
        self.booking_form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.kind_label = QLabel(self.booking_tab)
        self.kind_label.setObjectName(u"kind_label")

        self.booking_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.kind_label)

        self.kind = CodedCombo(parent=self.booking_tab)
        self.kind.setObjectName(u"kind")

        self.booking_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.kind)

        self.day_label = QLabel(self.booking_tab)
        self.day_label.setObjectName(u"day_label")

        self.booking_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.day_label)

        self.day = DateField(parent=self.booking_tab)
        self.day.setObjectName(u"day")

        self.booking_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.day)

        self.times_label = QLabel(self.booking_tab)
        self.times_label.setObjectName(u"times_label")

        self.booking_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.times_label)

        self.times = QWidget(self.booking_tab)
        self.times.setObjectName(u"times")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.times.sizePolicy().hasHeightForWidth())
        self.times.setSizePolicy(sizePolicy)
        self.times_row = QHBoxLayout(self.times)
        self.times_row.setObjectName(u"times_row")
        self.times_row.setContentsMargins(0, 0, 0, 0)
        self.starts = TimeField(parent=self.times)
        self.starts.setObjectName(u"starts")

        self.times_row.addWidget(self.starts, 0, Qt.AlignTop)

        self.until = QLabel(self.times)
        self.until.setObjectName(u"until")

        self.times_row.addWidget(self.until, 0, Qt.AlignTop)

        self.ends = TimeField(parent=self.times)
        self.ends.setObjectName(u"ends")

        self.times_row.addWidget(self.ends, 0, Qt.AlignTop)

        self.times_row_end = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.times_row.addItem(self.times_row_end)


        self.booking_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.times)

        self.room_label = QLabel(self.booking_tab)
        self.room_label.setObjectName(u"room_label")

        self.booking_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.room_label)

        self.room = CodedCombo(parent=self.booking_tab)
        self.room.setObjectName(u"room")

        self.booking_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.room)

        self.weeks_label = QLabel(self.booking_tab)
        self.weeks_label.setObjectName(u"weeks_label")

        self.booking_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.weeks_label)

        self.weeks = QSpinBox(self.booking_tab)
        self.weeks.setObjectName(u"weeks")
        self.weeks.setMinimum(1)

        self.booking_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.weeks)

        self.counsellors_label = QLabel(self.booking_tab)
        self.counsellors_label.setObjectName(u"counsellors_label")

        self.booking_form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.counsellors_label)

        self.counsellors = CheckList(parent=self.booking_tab)
        self.counsellors.setObjectName(u"counsellors")
        self.counsellors.setProperty(u"rows", 4)

        self.booking_form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.counsellors)

        self.residents_label = QLabel(self.booking_tab)
        self.residents_label.setObjectName(u"residents_label")

        self.booking_form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.residents_label)

        self.residents = CheckList(parent=self.booking_tab)
        self.residents.setObjectName(u"residents")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.residents.sizePolicy().hasHeightForWidth())
        self.residents.setSizePolicy(sizePolicy1)
        self.residents.setProperty(u"rows", 0)

        self.booking_form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.residents)

        self.family_label = QLabel(self.booking_tab)
        self.family_label.setObjectName(u"family_label")

        self.booking_form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.family_label)

        self.family = CheckList(parent=self.booking_tab)
        self.family.setObjectName(u"family")
        self.family.setProperty(u"rows", 3)

        self.booking_form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.family)


        self.booking_column.addLayout(self.booking_form)

        self.clash_box = QLabel(self.booking_tab)
        self.clash_box.setObjectName(u"clash_box")
        self.clash_box.setWordWrap(True)
        self.clash_box.setProperty(u"panel", u"problem")

        self.booking_column.addWidget(self.clash_box)

        self.confirm = QCheckBox(self.booking_tab)
        self.confirm.setObjectName(u"confirm")

        self.booking_column.addWidget(self.confirm)

        self.booking_column.setStretch(0, 1)
        self.tabs.addTab(self.booking_tab, "")
        self.outcome_tab = QWidget()
        self.outcome_tab.setObjectName(u"outcome_tab")
        self.outcome_form = QFormLayout(self.outcome_tab)
        self.outcome_form.setObjectName(u"outcome_form")
        self.status_label = QLabel(self.outcome_tab)
        self.status_label.setObjectName(u"status_label")

        self.outcome_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.status_label)

        self.status = CodedCombo(parent=self.outcome_tab)
        self.status.setObjectName(u"status")

        self.outcome_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.status)

        self.attendance_label = QLabel(self.outcome_tab)
        self.attendance_label.setObjectName(u"attendance_label")

        self.outcome_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.attendance_label)

        self.attendance = CheckList(parent=self.outcome_tab)
        self.attendance.setObjectName(u"attendance")

        self.outcome_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.attendance)

        self.attendance_note = QLabel(self.outcome_tab)
        self.attendance_note.setObjectName(u"attendance_note")

        self.outcome_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.attendance_note)

        self.notes_label = QLabel(self.outcome_tab)
        self.notes_label.setObjectName(u"notes_label")

        self.outcome_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.notes_label)

        self.notes = QPlainTextEdit(self.outcome_tab)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)

        self.outcome_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.notes)

        self.notes_kept_label = QLabel(self.outcome_tab)
        self.notes_kept_label.setObjectName(u"notes_kept_label")

        self.outcome_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.notes_kept_label)

        self.notes_kept = QLabel(self.outcome_tab)
        self.notes_kept.setObjectName(u"notes_kept")
        self.notes_kept.setProperty(u"tone", u"muted")

        self.outcome_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.notes_kept)

        self.tabs.addTab(self.outcome_tab, "")

        self.dialog_column.addWidget(self.tabs)

        self.message = QLabel(SessionDialog)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)
        self.message.setProperty(u"tone", u"error")

        self.dialog_column.addWidget(self.message)

        self.buttons = QDialogButtonBox(SessionDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.dialog_column.addWidget(self.buttons)

        self.dialog_column.setStretch(0, 1)
#if QT_CONFIG(shortcut)
        self.kind_label.setBuddy(self.kind)
        self.day_label.setBuddy(self.day)
        self.times_label.setBuddy(self.starts)
        self.room_label.setBuddy(self.room)
        self.weeks_label.setBuddy(self.weeks)
        self.counsellors_label.setBuddy(self.counsellors)
        self.residents_label.setBuddy(self.residents)
        self.family_label.setBuddy(self.family)
        self.status_label.setBuddy(self.status)
        self.attendance_label.setBuddy(self.attendance)
        self.notes_label.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SessionDialog)

        self.tabs.setCurrentIndex(0)

    # setupUi

    def retranslateUi(self, SessionDialog):
        self.kind_label.setText(_("Type"))
        self.day_label.setText(_("Day"))
        self.times_label.setText(_("Time"))
        self.until.setText(_("until"))
        self.room_label.setText(_("Where"))
        self.weeks_label.setText(_("Repeat weekly for"))
        self.weeks.setSuffix(_(" week(s)"))
        self.counsellors_label.setText(_("Counsellors"))
        self.residents_label.setText(_("Residents"))
        self.family_label.setText(_("Family members"))
        self.confirm.setText(_("Book it anyway: I have checked these clashes"))
        self.tabs.setTabText(self.tabs.indexOf(self.booking_tab), _("Booking"))
        self.status_label.setText(_("Status"))
        self.attendance_label.setText(_("Attendance"))
        self.attendance_note.setText(_("Tick who came (for a session held)."))
        self.notes_label.setText(_("Notes (counsellors only)"))
        self.notes.setPlaceholderText(_("Only counsellors can read these notes."))
        self.notes_kept_label.setText(_("Notes"))
        self.notes_kept.setText(_("Session notes are kept for counsellors only."))
        self.tabs.setTabText(self.tabs.indexOf(self.outcome_tab), _("After the session"))
        pass
    # retranslateUi

