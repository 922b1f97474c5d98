# Generated from ui/login.ui by shelter_app.gui.build_forms. Do not edit.
from shelter_app.i18n import _
# -*- coding: utf-8 -*-


from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

class Ui_LoginForm(object):
    def setupUi(self, LoginForm):
        if not LoginForm.objectName():
            LoginForm.setObjectName(u"LoginForm")
        LoginForm.resize(420, 380)
        self.mainLayout = QVBoxLayout(LoginForm)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.titleLabel = QLabel(LoginForm)
        self.titleLabel.setObjectName(u"titleLabel")

        self.mainLayout.addWidget(self.titleLabel)

        self.shelterLabel = QLabel(LoginForm)
        self.shelterLabel.setObjectName(u"shelterLabel")
        self.shelterLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.shelterLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.languageLabel = QLabel(LoginForm)
        self.languageLabel.setObjectName(u"languageLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.languageLabel)

        self.languageCombo = QComboBox(LoginForm)
        self.languageCombo.setObjectName(u"languageCombo")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.languageCombo)

        self.usernameLabel = QLabel(LoginForm)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.usernameLabel)

        self.usernameEdit = QLineEdit(LoginForm)
        self.usernameEdit.setObjectName(u"usernameEdit")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.usernameEdit)

        self.passwordLabel = QLabel(LoginForm)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(LoginForm)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.Password)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.passwordEdit)


        self.mainLayout.addLayout(self.formLayout)

        self.messageLabel = QLabel(LoginForm)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.messageLabel)

        self.loginButton = QPushButton(LoginForm)
        self.loginButton.setObjectName(u"loginButton")

        self.mainLayout.addWidget(self.loginButton)

        self.forgotButton = QPushButton(LoginForm)
        self.forgotButton.setObjectName(u"forgotButton")
        self.forgotButton.setFlat(True)

        self.mainLayout.addWidget(self.forgotButton)

        self.demoLabel = QLabel(LoginForm)
        self.demoLabel.setObjectName(u"demoLabel")
        self.demoLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.demoLabel)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.languageLabel.setBuddy(self.languageCombo)
        self.usernameLabel.setBuddy(self.usernameEdit)
        self.passwordLabel.setBuddy(self.passwordEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.languageCombo, self.usernameEdit)
        QWidget.setTabOrder(self.usernameEdit, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.loginButton)
        QWidget.setTabOrder(self.loginButton, self.forgotButton)

        self.retranslateUi(LoginForm)

        self.loginButton.setDefault(True)

    # setupUi

    def retranslateUi(self, LoginForm):
        self.titleLabel.setText(_("Rumah Aman"))
        self.shelterLabel.setText(_("Log in to open the shelter's records."))
        self.languageLabel.setText(_("&Language"))
        self.usernameLabel.setText(_("&User name"))
        self.passwordLabel.setText(_("&Password"))
        self.messageLabel.setText("")
        self.loginButton.setText(_("Log in"))
        self.forgotButton.setText(_("Forgot the password? Use the recovery key"))
        self.demoLabel.setText("")
        pass
    # retranslateUi

