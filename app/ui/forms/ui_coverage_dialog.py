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
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout,
    QWidget)

from app.ui.widgets.date_field import DateField

class Ui_CoverageDialog(object):
    def setupUi(self, CoverageDialog):
        if not CoverageDialog.objectName():
            CoverageDialog.setObjectName(u"CoverageDialog")
        self.mainLayout = QVBoxLayout(CoverageDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.coverageForm = QFormLayout()
        self.coverageForm.setObjectName(u"coverageForm")
        self.coverageForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.payerLabel = QLabel(CoverageDialog)
        self.payerLabel.setObjectName(u"payerLabel")

        self.coverageForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.payerLabel)

        self.payerCombo = QComboBox(CoverageDialog)
        self.payerCombo.setObjectName(u"payerCombo")

        self.coverageForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.payerCombo)

        self.payerKindLabel = QLabel(CoverageDialog)
        self.payerKindLabel.setObjectName(u"payerKindLabel")
        self.payerKindLabel.setWordWrap(True)

        self.coverageForm.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.payerKindLabel)

        self.memberIdLabel = QLabel(CoverageDialog)
        self.memberIdLabel.setObjectName(u"memberIdLabel")

        self.coverageForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.memberIdLabel)

        self.memberIdEdit = QLineEdit(CoverageDialog)
        self.memberIdEdit.setObjectName(u"memberIdEdit")

        self.coverageForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.memberIdEdit)

        self.groupLabel = QLabel(CoverageDialog)
        self.groupLabel.setObjectName(u"groupLabel")

        self.coverageForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.groupLabel)

        self.groupEdit = QLineEdit(CoverageDialog)
        self.groupEdit.setObjectName(u"groupEdit")

        self.coverageForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.groupEdit)

        self.claimLabel = QLabel(CoverageDialog)
        self.claimLabel.setObjectName(u"claimLabel")

        self.coverageForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.claimLabel)

        self.claimEdit = QLineEdit(CoverageDialog)
        self.claimEdit.setObjectName(u"claimEdit")

        self.coverageForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.claimEdit)

        self.injuryDateLabel = QLabel(CoverageDialog)
        self.injuryDateLabel.setObjectName(u"injuryDateLabel")

        self.coverageForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.injuryDateLabel)

        self.injuryDateEdit = DateField(CoverageDialog)
        self.injuryDateEdit.setObjectName(u"injuryDateEdit")

        self.coverageForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.injuryDateEdit)

        self.employerLabel = QLabel(CoverageDialog)
        self.employerLabel.setObjectName(u"employerLabel")

        self.coverageForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.employerLabel)

        self.employerEdit = QLineEdit(CoverageDialog)
        self.employerEdit.setObjectName(u"employerEdit")

        self.coverageForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.employerEdit)

        self.accidentStateLabel = QLabel(CoverageDialog)
        self.accidentStateLabel.setObjectName(u"accidentStateLabel")

        self.coverageForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.accidentStateLabel)

        self.accidentStateEdit = QLineEdit(CoverageDialog)
        self.accidentStateEdit.setObjectName(u"accidentStateEdit")
        self.accidentStateEdit.setMaxLength(2)

        self.coverageForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.accidentStateEdit)

        self.adjusterLabel = QLabel(CoverageDialog)
        self.adjusterLabel.setObjectName(u"adjusterLabel")

        self.coverageForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.adjusterLabel)

        self.adjusterEdit = QLineEdit(CoverageDialog)
        self.adjusterEdit.setObjectName(u"adjusterEdit")

        self.coverageForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.adjusterEdit)

        self.authorizationLabel = QLabel(CoverageDialog)
        self.authorizationLabel.setObjectName(u"authorizationLabel")

        self.coverageForm.setWidget(9, QFormLayout.ItemRole.LabelRole, self.authorizationLabel)

        self.authorizationEdit = QLineEdit(CoverageDialog)
        self.authorizationEdit.setObjectName(u"authorizationEdit")

        self.coverageForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.authorizationEdit)

        self.relationshipLabel = QLabel(CoverageDialog)
        self.relationshipLabel.setObjectName(u"relationshipLabel")

        self.coverageForm.setWidget(10, QFormLayout.ItemRole.LabelRole, self.relationshipLabel)

        self.relationshipCombo = QComboBox(CoverageDialog)
        self.relationshipCombo.setObjectName(u"relationshipCombo")

        self.coverageForm.setWidget(10, QFormLayout.ItemRole.FieldRole, self.relationshipCombo)

        self.subscriberFirstLabel = QLabel(CoverageDialog)
        self.subscriberFirstLabel.setObjectName(u"subscriberFirstLabel")

        self.coverageForm.setWidget(11, QFormLayout.ItemRole.LabelRole, self.subscriberFirstLabel)

        self.subscriberFirstEdit = QLineEdit(CoverageDialog)
        self.subscriberFirstEdit.setObjectName(u"subscriberFirstEdit")

        self.coverageForm.setWidget(11, QFormLayout.ItemRole.FieldRole, self.subscriberFirstEdit)

        self.subscriberLastLabel = QLabel(CoverageDialog)
        self.subscriberLastLabel.setObjectName(u"subscriberLastLabel")

        self.coverageForm.setWidget(12, QFormLayout.ItemRole.LabelRole, self.subscriberLastLabel)

        self.subscriberLastEdit = QLineEdit(CoverageDialog)
        self.subscriberLastEdit.setObjectName(u"subscriberLastEdit")

        self.coverageForm.setWidget(12, QFormLayout.ItemRole.FieldRole, self.subscriberLastEdit)

        self.subscriberDobLabel = QLabel(CoverageDialog)
        self.subscriberDobLabel.setObjectName(u"subscriberDobLabel")

        self.coverageForm.setWidget(13, QFormLayout.ItemRole.LabelRole, self.subscriberDobLabel)

        self.subscriberDobEdit = DateField(CoverageDialog)
        self.subscriberDobEdit.setObjectName(u"subscriberDobEdit")

        self.coverageForm.setWidget(13, QFormLayout.ItemRole.FieldRole, self.subscriberDobEdit)

        self.visitLimitLabel = QLabel(CoverageDialog)
        self.visitLimitLabel.setObjectName(u"visitLimitLabel")

        self.coverageForm.setWidget(14, QFormLayout.ItemRole.LabelRole, self.visitLimitLabel)

        self.visitLimitSpin = QSpinBox(CoverageDialog)
        self.visitLimitSpin.setObjectName(u"visitLimitSpin")
        self.visitLimitSpin.setMaximum(365)

        self.coverageForm.setWidget(14, QFormLayout.ItemRole.FieldRole, self.visitLimitSpin)


        self.mainLayout.addLayout(self.coverageForm)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.errorLabel = QLabel(CoverageDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(CoverageDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.payerLabel.setBuddy(self.payerCombo)
        self.memberIdLabel.setBuddy(self.memberIdEdit)
        self.groupLabel.setBuddy(self.groupEdit)
        self.claimLabel.setBuddy(self.claimEdit)
        self.injuryDateLabel.setBuddy(self.injuryDateEdit)
        self.employerLabel.setBuddy(self.employerEdit)
        self.accidentStateLabel.setBuddy(self.accidentStateEdit)
        self.adjusterLabel.setBuddy(self.adjusterEdit)
        self.authorizationLabel.setBuddy(self.authorizationEdit)
        self.relationshipLabel.setBuddy(self.relationshipCombo)
        self.subscriberFirstLabel.setBuddy(self.subscriberFirstEdit)
        self.subscriberLastLabel.setBuddy(self.subscriberLastEdit)
        self.subscriberDobLabel.setBuddy(self.subscriberDobEdit)
        self.visitLimitLabel.setBuddy(self.visitLimitSpin)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.payerCombo, self.memberIdEdit)
        QWidget.setTabOrder(self.memberIdEdit, self.groupEdit)
        QWidget.setTabOrder(self.groupEdit, self.claimEdit)
        QWidget.setTabOrder(self.claimEdit, self.injuryDateEdit)
        QWidget.setTabOrder(self.injuryDateEdit, self.employerEdit)
        QWidget.setTabOrder(self.employerEdit, self.accidentStateEdit)
        QWidget.setTabOrder(self.accidentStateEdit, self.adjusterEdit)
        QWidget.setTabOrder(self.adjusterEdit, self.authorizationEdit)
        QWidget.setTabOrder(self.authorizationEdit, self.relationshipCombo)
        QWidget.setTabOrder(self.relationshipCombo, self.subscriberFirstEdit)
        QWidget.setTabOrder(self.subscriberFirstEdit, self.subscriberLastEdit)
        QWidget.setTabOrder(self.subscriberLastEdit, self.subscriberDobEdit)
        QWidget.setTabOrder(self.subscriberDobEdit, self.visitLimitSpin)

        self.retranslateUi(CoverageDialog)

        QMetaObject.connectSlotsByName(CoverageDialog)
    # setupUi

    def retranslateUi(self, CoverageDialog):
        CoverageDialog.setWindowTitle(QCoreApplication.translate("CoverageDialog", u"Coverage", None))
        self.payerLabel.setText(QCoreApplication.translate("CoverageDialog", u"&Payer:", None))
        self.payerKindLabel.setText("")
        self.memberIdLabel.setText(QCoreApplication.translate("CoverageDialog", u"&Member ID:", None))
        self.groupLabel.setText(QCoreApplication.translate("CoverageDialog", u"&Group number:", None))
        self.claimLabel.setText(QCoreApplication.translate("CoverageDialog", u"&Claim number:", None))
        self.injuryDateLabel.setText(QCoreApplication.translate("CoverageDialog", u"Date of &injury:", None))
        self.employerLabel.setText(QCoreApplication.translate("CoverageDialog", u"&Employer:", None))
        self.accidentStateLabel.setText(QCoreApplication.translate("CoverageDialog", u"Accident &state:", None))
        self.accidentStateEdit.setPlaceholderText(QCoreApplication.translate("CoverageDialog", u"2-letter code", None))
        self.adjusterLabel.setText(QCoreApplication.translate("CoverageDialog", u"A&djuster:", None))
        self.adjusterEdit.setPlaceholderText(QCoreApplication.translate("CoverageDialog", u"Name and phone", None))
        self.authorizationLabel.setText(QCoreApplication.translate("CoverageDialog", u"&Authorization number:", None))
        self.relationshipLabel.setText(QCoreApplication.translate("CoverageDialog", u"&Relationship to the insured:", None))
        self.subscriberFirstLabel.setText(QCoreApplication.translate("CoverageDialog", u"Insured's first &name:", None))
        self.subscriberLastLabel.setText(QCoreApplication.translate("CoverageDialog", u"Insured's las&t name:", None))
        self.subscriberDobLabel.setText(QCoreApplication.translate("CoverageDialog", u"Insured's date of &birth:", None))
        self.visitLimitLabel.setText(QCoreApplication.translate("CoverageDialog", u"Annual &visit limit:", None))
        self.visitLimitSpin.setSpecialValueText(QCoreApplication.translate("CoverageDialog", u"No limit", None))
        self.visitLimitSpin.setSuffix(QCoreApplication.translate("CoverageDialog", u" visits", None))
        self.errorLabel.setText("")
    # retranslateUi
