"""The Administration area: users, settings, the audit log, your own account."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget

from shelter_app.domain.roles import Permission
from shelter_app.i18n import _


class AdministrationArea(QTabWidget):
    language_changed = Signal(str)

    def __init__(self, workspace, settings):
        super().__init__()
        from shelter_app.gui.admin.account_page import AccountPage
        from shelter_app.gui.admin.audit_page import AuditPage
        from shelter_app.gui.admin.settings_page import SettingsPage
        from shelter_app.gui.admin.users_page import UsersPage

        if workspace.may(Permission.MANAGE_USERS):
            self.users_page = UsersPage(workspace)
            self.addTab(self.users_page, _("Users"))
        self.settings_page = SettingsPage(workspace, settings)
        self.settings_page.language_changed.connect(self.language_changed)
        self.addTab(self.settings_page, _("Settings"))
        if workspace.may(Permission.MANAGE_BACKUPS):
            from shelter_app.gui.admin.backup_page import BackupPage

            self.backup_page = BackupPage(workspace, settings)
            self.addTab(self.backup_page, _("Backups"))
        if workspace.may(Permission.VIEW_AUDIT):
            self.audit_page = AuditPage(workspace, settings.time_zone)
            self.addTab(self.audit_page, _("Audit log"))
        if workspace.may(Permission.IMPORT_RESIDENTS):
            from shelter_app.gui.admin.import_page import ImportPage

            self.import_page = ImportPage(workspace)
            self.addTab(self.import_page, _("Import register"))
        self.addTab(AccountPage(workspace), _("My account"))
