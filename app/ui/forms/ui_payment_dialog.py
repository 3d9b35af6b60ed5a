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
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

from app.ui.widgets.date_field import DateField

class Ui_PaymentDialog(object):
    def setupUi(self, PaymentDialog):
        if not PaymentDialog.objectName():
            PaymentDialog.setObjectName(u"PaymentDialog")
        self.mainLayout = QVBoxLayout(PaymentDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.patientLabel = QLabel(PaymentDialog)
        self.patientLabel.setObjectName(u"patientLabel")
        self.patientLabel.setTextFormat(Qt.PlainText)

        self.mainLayout.addWidget(self.patientLabel)

        self.paymentForm = QFormLayout()
        self.paymentForm.setObjectName(u"paymentForm")
        self.paymentForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.dateLabel = QLabel(PaymentDialog)
        self.dateLabel.setObjectName(u"dateLabel")

        self.paymentForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.dateLabel)

        self.dateEdit = DateField(PaymentDialog)
        self.dateEdit.setObjectName(u"dateEdit")

        self.paymentForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.dateEdit)

        self.amountLabel = QLabel(PaymentDialog)
        self.amountLabel.setObjectName(u"amountLabel")

        self.paymentForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.amountLabel)

        self.amountEdit = QLineEdit(PaymentDialog)
        self.amountEdit.setObjectName(u"amountEdit")

        self.paymentForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.amountEdit)

        self.methodLabel = QLabel(PaymentDialog)
        self.methodLabel.setObjectName(u"methodLabel")

        self.paymentForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.methodLabel)

        self.methodCombo = QComboBox(PaymentDialog)
        self.methodCombo.setObjectName(u"methodCombo")

        self.paymentForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.methodCombo)

        self.referenceLabel = QLabel(PaymentDialog)
        self.referenceLabel.setObjectName(u"referenceLabel")

        self.paymentForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.referenceLabel)

        self.referenceEdit = QLineEdit(PaymentDialog)
        self.referenceEdit.setObjectName(u"referenceEdit")

        self.paymentForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.referenceEdit)


        self.mainLayout.addLayout(self.paymentForm)

        self.balanceForm = QFormLayout()
        self.balanceForm.setObjectName(u"balanceForm")
        self.balanceForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.balanceBeforeLabel = QLabel(PaymentDialog)
        self.balanceBeforeLabel.setObjectName(u"balanceBeforeLabel")

        self.balanceForm.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.balanceBeforeLabel)

        self.balanceAfterLabel = QLabel(PaymentDialog)
        self.balanceAfterLabel.setObjectName(u"balanceAfterLabel")

        self.balanceForm.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.balanceAfterLabel)


        self.mainLayout.addLayout(self.balanceForm)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.errorLabel = QLabel(PaymentDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(PaymentDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.dateLabel.setBuddy(self.dateEdit)
        self.amountLabel.setBuddy(self.amountEdit)
        self.methodLabel.setBuddy(self.methodCombo)
        self.referenceLabel.setBuddy(self.referenceEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.dateEdit, self.amountEdit)
        QWidget.setTabOrder(self.amountEdit, self.methodCombo)
        QWidget.setTabOrder(self.methodCombo, self.referenceEdit)

        self.retranslateUi(PaymentDialog)

        QMetaObject.connectSlotsByName(PaymentDialog)
    # setupUi

    def retranslateUi(self, PaymentDialog):
        PaymentDialog.setWindowTitle(QCoreApplication.translate("PaymentDialog", u"Payment", None))
        self.patientLabel.setText("")
        self.dateLabel.setText(QCoreApplication.translate("PaymentDialog", u"&Date:", None))
        self.amountLabel.setText(QCoreApplication.translate("PaymentDialog", u"&Amount:", None))
        self.amountEdit.setPlaceholderText(QCoreApplication.translate("PaymentDialog", u"Amount in dollars", None))
        self.methodLabel.setText(QCoreApplication.translate("PaymentDialog", u"&Method:", None))
        self.referenceLabel.setText(QCoreApplication.translate("PaymentDialog", u"&Reference:", None))
        self.referenceEdit.setPlaceholderText(QCoreApplication.translate("PaymentDialog", u"Check number, or last 4 digits of the card", None))
        self.balanceBeforeLabel.setText("")
        self.balanceAfterLabel.setText("")
        self.errorLabel.setText("")
    # retranslateUi
