# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QSizePolicy, QVBoxLayout,
    QWidget)

from app.ui.widgets.date_field import DateField

class Ui_PatientDialog(object):
    def setupUi(self, PatientDialog):
        if not PatientDialog.objectName():
            PatientDialog.setObjectName(u"PatientDialog")
        self.mainLayout = QVBoxLayout(PatientDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.columnsLayout = QHBoxLayout()
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.patientGroup = QGroupBox(PatientDialog)
        self.patientGroup.setObjectName(u"patientGroup")
        self.patientForm = QFormLayout(self.patientGroup)
        self.patientForm.setObjectName(u"patientForm")
        self.patientForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.firstNameLabel = QLabel(self.patientGroup)
        self.firstNameLabel.setObjectName(u"firstNameLabel")

        self.patientForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.firstNameLabel)

        self.firstNameEdit = QLineEdit(self.patientGroup)
        self.firstNameEdit.setObjectName(u"firstNameEdit")

        self.patientForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.firstNameEdit)

        self.lastNameLabel = QLabel(self.patientGroup)
        self.lastNameLabel.setObjectName(u"lastNameLabel")

        self.patientForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.lastNameLabel)

        self.lastNameEdit = QLineEdit(self.patientGroup)
        self.lastNameEdit.setObjectName(u"lastNameEdit")

        self.patientForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.lastNameEdit)

        self.nameHintLabel = QLabel(self.patientGroup)
        self.nameHintLabel.setObjectName(u"nameHintLabel")
        self.nameHintLabel.setWordWrap(True)

        self.patientForm.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.nameHintLabel)

        self.dobLabel = QLabel(self.patientGroup)
        self.dobLabel.setObjectName(u"dobLabel")

        self.patientForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.dobLabel)

        self.dobEdit = DateField(self.patientGroup)
        self.dobEdit.setObjectName(u"dobEdit")

        self.patientForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.dobEdit)

        self.sexLabel = QLabel(self.patientGroup)
        self.sexLabel.setObjectName(u"sexLabel")

        self.patientForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.sexLabel)

        self.sexCombo = QComboBox(self.patientGroup)
        self.sexCombo.setObjectName(u"sexCombo")

        self.patientForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.sexCombo)


        self.columnsLayout.addWidget(self.patientGroup)

        self.contactGroup = QGroupBox(PatientDialog)
        self.contactGroup.setObjectName(u"contactGroup")
        self.contactForm = QFormLayout(self.contactGroup)
        self.contactForm.setObjectName(u"contactForm")
        self.contactForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.line1Label = QLabel(self.contactGroup)
        self.line1Label.setObjectName(u"line1Label")

        self.contactForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.line1Label)

        self.line1Edit = QLineEdit(self.contactGroup)
        self.line1Edit.setObjectName(u"line1Edit")

        self.contactForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.line1Edit)

        self.line2Label = QLabel(self.contactGroup)
        self.line2Label.setObjectName(u"line2Label")

        self.contactForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.line2Label)

        self.line2Edit = QLineEdit(self.contactGroup)
        self.line2Edit.setObjectName(u"line2Edit")

        self.contactForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.line2Edit)

        self.cityLabel = QLabel(self.contactGroup)
        self.cityLabel.setObjectName(u"cityLabel")

        self.contactForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.cityLabel)

        self.cityEdit = QLineEdit(self.contactGroup)
        self.cityEdit.setObjectName(u"cityEdit")

        self.contactForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.cityEdit)

        self.stateLabel = QLabel(self.contactGroup)
        self.stateLabel.setObjectName(u"stateLabel")

        self.contactForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.stateLabel)

        self.stateEdit = QLineEdit(self.contactGroup)
        self.stateEdit.setObjectName(u"stateEdit")
        self.stateEdit.setMaxLength(2)

        self.contactForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.stateEdit)

        self.zipLabel = QLabel(self.contactGroup)
        self.zipLabel.setObjectName(u"zipLabel")

        self.contactForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.zipLabel)

        self.zipEdit = QLineEdit(self.contactGroup)
        self.zipEdit.setObjectName(u"zipEdit")
        self.zipEdit.setMaxLength(10)

        self.contactForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.zipEdit)

        self.phoneLabel = QLabel(self.contactGroup)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.contactForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(self.contactGroup)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.contactForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.emailLabel = QLabel(self.contactGroup)
        self.emailLabel.setObjectName(u"emailLabel")

        self.contactForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.emailEdit = QLineEdit(self.contactGroup)
        self.emailEdit.setObjectName(u"emailEdit")

        self.contactForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.emailEdit)


        self.columnsLayout.addWidget(self.contactGroup)


        self.mainLayout.addLayout(self.columnsLayout)

        self.errorLabel = QLabel(PatientDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(PatientDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.firstNameLabel.setBuddy(self.firstNameEdit)
        self.lastNameLabel.setBuddy(self.lastNameEdit)
        self.dobLabel.setBuddy(self.dobEdit)
        self.sexLabel.setBuddy(self.sexCombo)
        self.line1Label.setBuddy(self.line1Edit)
        self.line2Label.setBuddy(self.line2Edit)
        self.cityLabel.setBuddy(self.cityEdit)
        self.stateLabel.setBuddy(self.stateEdit)
        self.zipLabel.setBuddy(self.zipEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.emailLabel.setBuddy(self.emailEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.firstNameEdit, self.lastNameEdit)
        QWidget.setTabOrder(self.lastNameEdit, self.dobEdit)
        QWidget.setTabOrder(self.dobEdit, self.sexCombo)
        QWidget.setTabOrder(self.sexCombo, self.line1Edit)
        QWidget.setTabOrder(self.line1Edit, self.line2Edit)
        QWidget.setTabOrder(self.line2Edit, self.cityEdit)
        QWidget.setTabOrder(self.cityEdit, self.stateEdit)
        QWidget.setTabOrder(self.stateEdit, self.zipEdit)
        QWidget.setTabOrder(self.zipEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.emailEdit)

        self.retranslateUi(PatientDialog)

        QMetaObject.connectSlotsByName(PatientDialog)
    # setupUi

    def retranslateUi(self, PatientDialog):
        PatientDialog.setWindowTitle(QCoreApplication.translate("PatientDialog", u"Patient", None))
        self.patientGroup.setTitle(QCoreApplication.translate("PatientDialog", u"Patient", None))
        self.firstNameLabel.setText(QCoreApplication.translate("PatientDialog", u"&First name:", None))
        self.lastNameLabel.setText(QCoreApplication.translate("PatientDialog", u"&Last name:", None))
        self.nameHintLabel.setText(QCoreApplication.translate("PatientDialog", u"Type the name exactly as it is on the insurance card.", None))
        self.dobLabel.setText(QCoreApplication.translate("PatientDialog", u"Date of &birth:", None))
        self.sexLabel.setText(QCoreApplication.translate("PatientDialog", u"Se&x:", None))
        self.contactGroup.setTitle(QCoreApplication.translate("PatientDialog", u"Contact", None))
        self.line1Label.setText(QCoreApplication.translate("PatientDialog", u"S&treet:", None))
        self.line2Label.setText(QCoreApplication.translate("PatientDialog", u"Apt, s&uite:", None))
        self.cityLabel.setText(QCoreApplication.translate("PatientDialog", u"&City:", None))
        self.stateLabel.setText(QCoreApplication.translate("PatientDialog", u"St&ate:", None))
        self.stateEdit.setPlaceholderText(QCoreApplication.translate("PatientDialog", u"2-letter code", None))
        self.zipLabel.setText(QCoreApplication.translate("PatientDialog", u"&ZIP code:", None))
        self.zipEdit.setPlaceholderText(QCoreApplication.translate("PatientDialog", u"5 digits", None))
        self.phoneLabel.setText(QCoreApplication.translate("PatientDialog", u"&Phone:", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("PatientDialog", u"10 digits, with the area code", None))
        self.emailLabel.setText(QCoreApplication.translate("PatientDialog", u"&Email:", None))
        self.emailEdit.setPlaceholderText(QCoreApplication.translate("PatientDialog", u"name@example.com", None))
        self.errorLabel.setText("")
    # retranslateUi
