"""Shelter settings: name, the letterhead (address, city, phone, head), time zone, idle
lock, language, and the key protection in use."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shelter_app import i18n
from shelter_app.domain.roles import Permission
from shelter_app.gui.background import Op, explain
from shelter_app.gui.setup_wizard import TIME_ZONES
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import show_message
from shelter_app.i18n import _


class SettingsPage(QWidget):
    language_changed = Signal(str)

    def __init__(self, workspace, settings):
        super().__init__()
        self.workspace = workspace
        editable = workspace.may(Permission.MANAGE_SETTINGS)
        self.name_edit = QLineEdit(settings.shelter_name)
        self.address_edit = QLineEdit(settings.address)
        self.address_edit.setPlaceholderText(_("e.g. Jl. Pejanggik No. 10, Cakranegara"))
        self.city_edit = QLineEdit(settings.city)
        self.city_edit.setPlaceholderText(_("e.g. Mataram"))
        self.phone_edit = QLineEdit(settings.phone)
        self.phone_edit.setPlaceholderText(_("e.g. 0370 123456"))
        self.head_edit = QLineEdit(settings.head_name)
        self.head_edit.setToolTip(_("Signs referral letters. Left empty, the user who prints "
                                    "a letter signs it."))
        self.zone = QComboBox()
        for zone, short in TIME_ZONES:
            self.zone.addItem(f"{short} ({zone})", zone)
        if self.zone.findData(settings.time_zone) < 0:
            self.zone.addItem(settings.time_zone, settings.time_zone)
        self.zone.setCurrentIndex(self.zone.findData(settings.time_zone))
        self.idle = QSpinBox()
        self.idle.setRange(1, 240)
        self.idle.setValue(settings.idle_lock_minutes)
        self.idle.setSuffix(" " + _("minutes"))
        self.letterhead_edits = (self.address_edit, self.city_edit, self.phone_edit,
                                 self.head_edit)
        # statistics for the province: the province an export names, and its threshold
        # (the service refuses one below 11 and says why)
        from shelter_app.gui.residents.fields import CodedCombo
        from shelter_app.i18n import places

        self.province = CodedCombo(places.provinces(), empty=_("(not set)"))
        self.province.set_value(settings.province)
        self.threshold = QSpinBox()
        self.threshold.setRange(1, 1000)
        self.threshold.setValue(settings.statistics_threshold)
        self.threshold.setToolTip(_("Counts from 1 to one less than this are not published "
                                    "in statistics. Never below 11 (the CTDC's rule)."))
        for widget in (self.name_edit, *self.letterhead_edits, self.zone, self.idle,
                       self.province, self.threshold):
            widget.setEnabled(editable)
        self.language = QComboBox()
        for code, name in i18n.language_names().items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(i18n.current_language()))
        self.save_button = QPushButton(_("&Save settings"))
        self.save_button.setEnabled(editable)
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        form = QFormLayout()
        form.addRow(_("Shelter name"), self.name_edit)
        form.addRow(_("Address"), self.address_edit)
        form.addRow(_("City (on letters)"), self.city_edit)
        form.addRow(_("Phone"), self.phone_edit)
        form.addRow(_("Head of the safe house"), self.head_edit)
        form.addRow(_("Time zone"), self.zone)
        form.addRow(_("Lock after idle"), self.idle)
        form.addRow(_("Province (for statistics)"), self.province)
        form.addRow(_("Statistics threshold"), self.threshold)
        form.addRow(_("Language on this PC"), self.language)
        if settings.on_server:
            text = _("On the shelter's server each person's key opens with their own "
                     "password, on any of its PCs. Use long passwords.")
        elif settings.keyring_available:
            text = _("Keys are tied to this PC's credential store and to each user's "
                     "password.")
        else:
            text = _("This PC has no credential store: keys are protected by passwords "
                     "alone. Use long passwords.")
        keys = QLabel(text)
        keys.setWordWrap(True)
        if settings.keys_by_password_alone_here:
            set_role(keys, tone="warning")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.save_button)
        layout.addWidget(self.message)
        layout.addWidget(keys)
        layout.addStretch()
        self.language.currentIndexChanged.connect(self._language_picked)

    def _language_picked(self) -> None:
        from shelter_app.services.administration import shelter_folder

        language = self.language.currentData()
        shelter_folder.save_language(self.workspace.data_dir.root, language)
        i18n.set_language(language)
        self.language_changed.emit(language)

    def save(self) -> None:
        from shelter_app.services.shared import settings

        name, zone, idle = self.name_edit.text(), self.zone.currentData(), self.idle.value()
        address, city, phone, head = (edit.text() for edit in self.letterhead_edits)
        province, threshold = self.province.value(), self.threshold.value()
        Op(self, lambda: settings.update_settings(
            self.workspace, shelter_name=name, time_zone=zone, idle_lock_minutes=idle,
            address=address, city=city, phone=phone, head_name=head, province=province,
            statistics_threshold=threshold),
           lambda _r: show_message(self.message, _("Saved."), error=False)).failure(
            lambda error: show_message(self.message, explain(error))).run_in_background()
