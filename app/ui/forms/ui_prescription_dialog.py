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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpinBox, QVBoxLayout,
    QWidget)

from app.ui.widgets.date_field import DateField

class Ui_PrescriptionDialog(object):
    def setupUi(self, PrescriptionDialog):
        if not PrescriptionDialog.objectName():
            PrescriptionDialog.setObjectName(u"PrescriptionDialog")
        self.mainLayout = QVBoxLayout(PrescriptionDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.columnsLayout = QHBoxLayout()
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.leftLayout = QVBoxLayout()
        self.leftLayout.setObjectName(u"leftLayout")
        self.prescriberGroup = QGroupBox(PrescriptionDialog)
        self.prescriberGroup.setObjectName(u"prescriberGroup")
        self.prescriberForm = QFormLayout(self.prescriberGroup)
        self.prescriberForm.setObjectName(u"prescriberForm")
        self.prescriberForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.prescriberLabel = QLabel(self.prescriberGroup)
        self.prescriberLabel.setObjectName(u"prescriberLabel")

        self.prescriberForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.prescriberLabel)

        self.prescriberEdit = QLineEdit(self.prescriberGroup)
        self.prescriberEdit.setObjectName(u"prescriberEdit")

        self.prescriberForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.prescriberEdit)

        self.credentialsLabel = QLabel(self.prescriberGroup)
        self.credentialsLabel.setObjectName(u"credentialsLabel")

        self.prescriberForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.credentialsLabel)

        self.credentialsEdit = QLineEdit(self.prescriberGroup)
        self.credentialsEdit.setObjectName(u"credentialsEdit")

        self.prescriberForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.credentialsEdit)

        self.npiLabel = QLabel(self.prescriberGroup)
        self.npiLabel.setObjectName(u"npiLabel")

        self.prescriberForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.npiLabel)

        self.npiEdit = QLineEdit(self.prescriberGroup)
        self.npiEdit.setObjectName(u"npiEdit")

        self.prescriberForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.npiEdit)

        self.npiStatusLabel = QLabel(self.prescriberGroup)
        self.npiStatusLabel.setObjectName(u"npiStatusLabel")
        self.npiStatusLabel.setWordWrap(True)

        self.prescriberForm.setWidget(3, QFormLayout.ItemRole.SpanningRole, self.npiStatusLabel)


        self.leftLayout.addWidget(self.prescriberGroup)

        self.prescriptionGroup = QGroupBox(PrescriptionDialog)
        self.prescriptionGroup.setObjectName(u"prescriptionGroup")
        self.prescriptionForm = QFormLayout(self.prescriptionGroup)
        self.prescriptionForm.setObjectName(u"prescriptionForm")
        self.prescriptionForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.writtenLabel = QLabel(self.prescriptionGroup)
        self.writtenLabel.setObjectName(u"writtenLabel")

        self.prescriptionForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.writtenLabel)

        self.writtenEdit = DateField(self.prescriptionGroup)
        self.writtenEdit.setObjectName(u"writtenEdit")

        self.prescriptionForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.writtenEdit)

        self.startsLabel = QLabel(self.prescriptionGroup)
        self.startsLabel.setObjectName(u"startsLabel")

        self.prescriptionForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.startsLabel)

        self.startsEdit = DateField(self.prescriptionGroup)
        self.startsEdit.setObjectName(u"startsEdit")

        self.prescriptionForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.startsEdit)

        self.expiresLabel = QLabel(self.prescriptionGroup)
        self.expiresLabel.setObjectName(u"expiresLabel")

        self.prescriptionForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.expiresLabel)

        self.expiresEdit = DateField(self.prescriptionGroup)
        self.expiresEdit.setObjectName(u"expiresEdit")

        self.prescriptionForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.expiresEdit)

        self.visitsLabel = QLabel(self.prescriptionGroup)
        self.visitsLabel.setObjectName(u"visitsLabel")

        self.prescriptionForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.visitsLabel)

        self.visitsSpin = QSpinBox(self.prescriptionGroup)
        self.visitsSpin.setObjectName(u"visitsSpin")
        self.visitsSpin.setMaximum(999)

        self.prescriptionForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.visitsSpin)

        self.frequencyLabel = QLabel(self.prescriptionGroup)
        self.frequencyLabel.setObjectName(u"frequencyLabel")

        self.prescriptionForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.frequencyLabel)

        self.frequencyEdit = QLineEdit(self.prescriptionGroup)
        self.frequencyEdit.setObjectName(u"frequencyEdit")

        self.prescriptionForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.frequencyEdit)

        self.bodyAreasLabel = QLabel(self.prescriptionGroup)
        self.bodyAreasLabel.setObjectName(u"bodyAreasLabel")

        self.prescriptionForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.bodyAreasLabel)

        self.bodyAreasEdit = QLineEdit(self.prescriptionGroup)
        self.bodyAreasEdit.setObjectName(u"bodyAreasEdit")

        self.prescriptionForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.bodyAreasEdit)


        self.leftLayout.addWidget(self.prescriptionGroup)


        self.columnsLayout.addLayout(self.leftLayout)

        self.rightLayout = QVBoxLayout()
        self.rightLayout.setObjectName(u"rightLayout")
        self.diagnosesGroup = QGroupBox(PrescriptionDialog)
        self.diagnosesGroup.setObjectName(u"diagnosesGroup")
        self.diagnosesLayout = QVBoxLayout(self.diagnosesGroup)
        self.diagnosesLayout.setObjectName(u"diagnosesLayout")
        self.diagnosisList = QListWidget(self.diagnosesGroup)
        self.diagnosisList.setObjectName(u"diagnosisList")
        self.diagnosisList.setMaximumSize(QSize(16777215, 140))

        self.diagnosesLayout.addWidget(self.diagnosisList)

        self.pickerLayout = QHBoxLayout()
        self.pickerLayout.setObjectName(u"pickerLayout")
        self.codeLabel = QLabel(self.diagnosesGroup)
        self.codeLabel.setObjectName(u"codeLabel")

        self.pickerLayout.addWidget(self.codeLabel)

        self.codeEdit = QLineEdit(self.diagnosesGroup)
        self.codeEdit.setObjectName(u"codeEdit")

        self.pickerLayout.addWidget(self.codeEdit)

        self.addCodeButton = QPushButton(self.diagnosesGroup)
        self.addCodeButton.setObjectName(u"addCodeButton")

        self.pickerLayout.addWidget(self.addCodeButton)

        self.removeCodeButton = QPushButton(self.diagnosesGroup)
        self.removeCodeButton.setObjectName(u"removeCodeButton")

        self.pickerLayout.addWidget(self.removeCodeButton)


        self.diagnosesLayout.addLayout(self.pickerLayout)

        self.diagnosisStatusLabel = QLabel(self.diagnosesGroup)
        self.diagnosisStatusLabel.setObjectName(u"diagnosisStatusLabel")
        self.diagnosisStatusLabel.setWordWrap(True)

        self.diagnosesLayout.addWidget(self.diagnosisStatusLabel)


        self.rightLayout.addWidget(self.diagnosesGroup)

        self.notesGroup = QGroupBox(PrescriptionDialog)
        self.notesGroup.setObjectName(u"notesGroup")
        self.notesLayout = QVBoxLayout(self.notesGroup)
        self.notesLayout.setObjectName(u"notesLayout")
        self.notesEdit = QPlainTextEdit(self.notesGroup)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setTabChangesFocus(True)

        self.notesLayout.addWidget(self.notesEdit)


        self.rightLayout.addWidget(self.notesGroup)


        self.columnsLayout.addLayout(self.rightLayout)


        self.mainLayout.addLayout(self.columnsLayout)

        self.errorLabel = QLabel(PrescriptionDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(PrescriptionDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.prescriberLabel.setBuddy(self.prescriberEdit)
        self.credentialsLabel.setBuddy(self.credentialsEdit)
        self.npiLabel.setBuddy(self.npiEdit)
        self.writtenLabel.setBuddy(self.writtenEdit)
        self.startsLabel.setBuddy(self.startsEdit)
        self.expiresLabel.setBuddy(self.expiresEdit)
        self.visitsLabel.setBuddy(self.visitsSpin)
        self.frequencyLabel.setBuddy(self.frequencyEdit)
        self.bodyAreasLabel.setBuddy(self.bodyAreasEdit)
        self.codeLabel.setBuddy(self.codeEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.prescriberEdit, self.credentialsEdit)
        QWidget.setTabOrder(self.credentialsEdit, self.npiEdit)
        QWidget.setTabOrder(self.npiEdit, self.writtenEdit)
        QWidget.setTabOrder(self.writtenEdit, self.startsEdit)
        QWidget.setTabOrder(self.startsEdit, self.expiresEdit)
        QWidget.setTabOrder(self.expiresEdit, self.visitsSpin)
        QWidget.setTabOrder(self.visitsSpin, self.frequencyEdit)
        QWidget.setTabOrder(self.frequencyEdit, self.bodyAreasEdit)
        QWidget.setTabOrder(self.bodyAreasEdit, self.diagnosisList)
        QWidget.setTabOrder(self.diagnosisList, self.codeEdit)
        QWidget.setTabOrder(self.codeEdit, self.addCodeButton)
        QWidget.setTabOrder(self.addCodeButton, self.removeCodeButton)
        QWidget.setTabOrder(self.removeCodeButton, self.notesEdit)

        self.retranslateUi(PrescriptionDialog)

        QMetaObject.connectSlotsByName(PrescriptionDialog)
    # setupUi

    def retranslateUi(self, PrescriptionDialog):
        PrescriptionDialog.setWindowTitle(QCoreApplication.translate("PrescriptionDialog", u"Prescription", None))
        self.prescriberGroup.setTitle(QCoreApplication.translate("PrescriptionDialog", u"Prescriber", None))
        self.prescriberLabel.setText(QCoreApplication.translate("PrescriptionDialog", u"&Name:", None))
        self.prescriberEdit.setPlaceholderText(QCoreApplication.translate("PrescriptionDialog", u"As written on the prescription", None))
        self.credentialsLabel.setText(QCoreApplication.translate("PrescriptionDialog", u"&Credentials:", None))
        self.credentialsEdit.setPlaceholderText(QCoreApplication.translate("PrescriptionDialog", u"MD, DO, NP, PA-C, DC", None))
        self.npiLabel.setText(QCoreApplication.translate("PrescriptionDialog", u"N&PI:", None))
        self.npiEdit.setPlaceholderText(QCoreApplication.translate("PrescriptionDialog", u"10 digits", None))
        self.npiStatusLabel.setText("")
        self.prescriptionGroup.setTitle(QCoreApplication.translate("PrescriptionDialog", u"Prescription", None))
        self.writtenLabel.setText(QCoreApplication.translate("PrescriptionDialog", u"&Written on:", None))
        self.startsLabel.setText(QCoreApplication.translate("PrescriptionDialog", u"S&tarts:", None))
        self.expiresLabel.setText(QCoreApplication.translate("PrescriptionDialog", u"E&xpires:", None))
        self.visitsLabel.setText(QCoreApplication.translate("PrescriptionDialog", u"&Authorized visits:", None))
        self.visitsSpin.setSpecialValueText(QCoreApplication.translate("PrescriptionDialog", u"Not limited", None))
        self.visitsSpin.setSuffix(QCoreApplication.translate("PrescriptionDialog", u" visits", None))
        self.frequencyLabel.setText(QCoreApplication.translate("PrescriptionDialog", u"&Frequency:", None))
        self.frequencyEdit.setPlaceholderText(QCoreApplication.translate("PrescriptionDialog", u"1x/week for 8 weeks", None))
        self.bodyAreasLabel.setText(QCoreApplication.translate("PrescriptionDialog", u"&Body areas:", None))
        self.bodyAreasEdit.setPlaceholderText(QCoreApplication.translate("PrescriptionDialog", u"lumbar, thoracic", None))
        self.diagnosesGroup.setTitle(QCoreApplication.translate("PrescriptionDialog", u"Diagnoses (ICD-10-CM codes from the prescription)", None))
        self.codeLabel.setText(QCoreApplication.translate("PrescriptionDialog", u"Add c&ode:", None))
        self.codeEdit.setPlaceholderText(QCoreApplication.translate("PrescriptionDialog", u"M54.50 or words", None))
        self.addCodeButton.setText(QCoreApplication.translate("PrescriptionDialog", u"A&dd", None))
        self.removeCodeButton.setText(QCoreApplication.translate("PrescriptionDialog", u"&Remove selected code", None))
        self.diagnosisStatusLabel.setText("")
        self.notesGroup.setTitle(QCoreApplication.translate("PrescriptionDialog", u"Not&es", None))
        self.errorLabel.setText("")
    # retranslateUi
