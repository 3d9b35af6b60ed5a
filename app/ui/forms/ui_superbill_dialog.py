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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDialog,
    QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
    QLabel, QListView, QListWidget, QListWidgetItem,
    QPushButton, QRadioButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

from app.ui.widgets.date_field import DateField

class Ui_SuperbillDialog(object):
    def setupUi(self, SuperbillDialog):
        if not SuperbillDialog.objectName():
            SuperbillDialog.setObjectName(u"SuperbillDialog")
        SuperbillDialog.resize(640, 600)
        self.mainLayout = QVBoxLayout(SuperbillDialog)
        self.mainLayout.setSpacing(12)
        self.mainLayout.setObjectName(u"mainLayout")
        self.headingLabel = QLabel(SuperbillDialog)
        self.headingLabel.setObjectName(u"headingLabel")
        self.headingLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.mainLayout.addWidget(self.headingLabel)

        self.coverGroup = QGroupBox(SuperbillDialog)
        self.coverGroup.setObjectName(u"coverGroup")
        self.coverLayout = QGridLayout(self.coverGroup)
        self.coverLayout.setObjectName(u"coverLayout")
        self.coverLayout.setHorizontalSpacing(10)
        self.coverLayout.setVerticalSpacing(8)
        self.oneVisitRadio = QRadioButton(self.coverGroup)
        self.oneVisitRadio.setObjectName(u"oneVisitRadio")

        self.coverLayout.addWidget(self.oneVisitRadio, 0, 0, 1, 1)

        self.visitCombo = QComboBox(self.coverGroup)
        self.visitCombo.setObjectName(u"visitCombo")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.visitCombo.sizePolicy().hasHeightForWidth())
        self.visitCombo.setSizePolicy(sizePolicy)

        self.coverLayout.addWidget(self.visitCombo, 0, 1, 1, 1)

        self.sameDayNote = QLabel(self.coverGroup)
        self.sameDayNote.setObjectName(u"sameDayNote")
        self.sameDayNote.setWordWrap(True)

        self.coverLayout.addWidget(self.sameDayNote, 1, 1, 1, 1)

        self.rangeRadio = QRadioButton(self.coverGroup)
        self.rangeRadio.setObjectName(u"rangeRadio")
        self.rangeRadio.setChecked(True)

        self.coverLayout.addWidget(self.rangeRadio, 2, 0, 1, 1)

        self.rangeCombo = QComboBox(self.coverGroup)
        self.rangeCombo.setObjectName(u"rangeCombo")
        sizePolicy.setHeightForWidth(self.rangeCombo.sizePolicy().hasHeightForWidth())
        self.rangeCombo.setSizePolicy(sizePolicy)

        self.coverLayout.addWidget(self.rangeCombo, 2, 1, 1, 1)

        self.datesLayout = QHBoxLayout()
        self.datesLayout.setSpacing(8)
        self.datesLayout.setObjectName(u"datesLayout")
        self.fromLabel = QLabel(self.coverGroup)
        self.fromLabel.setObjectName(u"fromLabel")

        self.datesLayout.addWidget(self.fromLabel)

        self.fromDate = DateField(self.coverGroup)
        self.fromDate.setObjectName(u"fromDate")

        self.datesLayout.addWidget(self.fromDate)

        self.betweenDates = QSpacerItem(16, 10, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.datesLayout.addItem(self.betweenDates)

        self.toLabel = QLabel(self.coverGroup)
        self.toLabel.setObjectName(u"toLabel")

        self.datesLayout.addWidget(self.toLabel)

        self.toDate = DateField(self.coverGroup)
        self.toDate.setObjectName(u"toDate")

        self.datesLayout.addWidget(self.toDate)

        self.afterDates = QSpacerItem(40, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.datesLayout.addItem(self.afterDates)


        self.coverLayout.addLayout(self.datesLayout, 3, 1, 1, 1)


        self.mainLayout.addWidget(self.coverGroup)

        self.totalsGroup = QGroupBox(SuperbillDialog)
        self.totalsGroup.setObjectName(u"totalsGroup")
        self.totalsLayout = QFormLayout(self.totalsGroup)
        self.totalsLayout.setObjectName(u"totalsLayout")
        self.totalsLayout.setHorizontalSpacing(16)
        self.visitsCaption = QLabel(self.totalsGroup)
        self.visitsCaption.setObjectName(u"visitsCaption")

        self.totalsLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.visitsCaption)

        self.visitsValue = QLabel(self.totalsGroup)
        self.visitsValue.setObjectName(u"visitsValue")
        self.visitsValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.totalsLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.visitsValue)

        self.chargesCaption = QLabel(self.totalsGroup)
        self.chargesCaption.setObjectName(u"chargesCaption")

        self.totalsLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.chargesCaption)

        self.chargesValue = QLabel(self.totalsGroup)
        self.chargesValue.setObjectName(u"chargesValue")
        self.chargesValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.totalsLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.chargesValue)

        self.paymentsCaption = QLabel(self.totalsGroup)
        self.paymentsCaption.setObjectName(u"paymentsCaption")

        self.totalsLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.paymentsCaption)

        self.paymentsValue = QLabel(self.totalsGroup)
        self.paymentsValue.setObjectName(u"paymentsValue")
        self.paymentsValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.totalsLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.paymentsValue)

        self.balanceCaption = QLabel(self.totalsGroup)
        self.balanceCaption.setObjectName(u"balanceCaption")

        self.totalsLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.balanceCaption)

        self.balanceValue = QLabel(self.totalsGroup)
        self.balanceValue.setObjectName(u"balanceValue")
        self.balanceValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.totalsLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.balanceValue)


        self.mainLayout.addWidget(self.totalsGroup)

        self.findingsGroup = QGroupBox(SuperbillDialog)
        self.findingsGroup.setObjectName(u"findingsGroup")
        self.findingsLayout = QVBoxLayout(self.findingsGroup)
        self.findingsLayout.setObjectName(u"findingsLayout")
        self.findingsSummary = QLabel(self.findingsGroup)
        self.findingsSummary.setObjectName(u"findingsSummary")
        self.findingsSummary.setWordWrap(True)

        self.findingsLayout.addWidget(self.findingsSummary)

        self.findingsList = QListWidget(self.findingsGroup)
        self.findingsList.setObjectName(u"findingsList")
        self.findingsList.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findingsList.setAlternatingRowColors(False)
        self.findingsList.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.findingsList.setResizeMode(QListView.ResizeMode.Adjust)
        self.findingsList.setSpacing(2)
        self.findingsList.setWordWrap(True)

        self.findingsLayout.addWidget(self.findingsList)


        self.mainLayout.addWidget(self.findingsGroup)

        self.issuedNote = QLabel(SuperbillDialog)
        self.issuedNote.setObjectName(u"issuedNote")
        self.issuedNote.setWordWrap(True)

        self.mainLayout.addWidget(self.issuedNote)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.reasonLabel = QLabel(SuperbillDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")
        self.reasonLabel.setWordWrap(True)
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy1.setHorizontalStretch(1)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.reasonLabel.sizePolicy().hasHeightForWidth())
        self.reasonLabel.setSizePolicy(sizePolicy1)

        self.buttonsLayout.addWidget(self.reasonLabel)

        self.issueButton = QPushButton(SuperbillDialog)
        self.issueButton.setObjectName(u"issueButton")

        self.buttonsLayout.addWidget(self.issueButton)

        self.draftButton = QPushButton(SuperbillDialog)
        self.draftButton.setObjectName(u"draftButton")
        self.draftButton.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.draftButton)

        self.closeButton = QPushButton(SuperbillDialog)
        self.closeButton.setObjectName(u"closeButton")
        self.closeButton.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.closeButton)


        self.mainLayout.addLayout(self.buttonsLayout)

        self.mainLayout.setStretch(3, 1)
#if QT_CONFIG(shortcut)
        self.fromLabel.setBuddy(self.fromDate)
        self.toLabel.setBuddy(self.toDate)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.oneVisitRadio, self.visitCombo)
        QWidget.setTabOrder(self.visitCombo, self.rangeRadio)
        QWidget.setTabOrder(self.rangeRadio, self.rangeCombo)
        QWidget.setTabOrder(self.rangeCombo, self.fromDate)
        QWidget.setTabOrder(self.fromDate, self.toDate)
        QWidget.setTabOrder(self.toDate, self.findingsList)
        QWidget.setTabOrder(self.findingsList, self.issueButton)
        QWidget.setTabOrder(self.issueButton, self.draftButton)
        QWidget.setTabOrder(self.draftButton, self.closeButton)

        self.retranslateUi(SuperbillDialog)
        self.closeButton.clicked.connect(SuperbillDialog.reject)

        self.issueButton.setDefault(True)


        QMetaObject.connectSlotsByName(SuperbillDialog)
    # setupUi

    def retranslateUi(self, SuperbillDialog):
        SuperbillDialog.setWindowTitle(QCoreApplication.translate("SuperbillDialog", u"Superbill", None))
        self.headingLabel.setText(QCoreApplication.translate("SuperbillDialog", u"Superbill", None))
        self.coverGroup.setTitle(QCoreApplication.translate("SuperbillDialog", u"What it covers", None))
        self.oneVisitRadio.setText(QCoreApplication.translate("SuperbillDialog", u"One &visit", None))
#if QT_CONFIG(tooltip)
        self.visitCombo.setToolTip(QCoreApplication.translate("SuperbillDialog", u"The patient's visits, newest first", None))
#endif // QT_CONFIG(tooltip)
        self.sameDayNote.setText("")
        self.rangeRadio.setText(QCoreApplication.translate("SuperbillDialog", u"Dates of &service", None))
        self.fromLabel.setText(QCoreApplication.translate("SuperbillDialog", u"&From", None))
        self.toLabel.setText(QCoreApplication.translate("SuperbillDialog", u"&To", None))
        self.totalsGroup.setTitle(QCoreApplication.translate("SuperbillDialog", u"On this superbill", None))
        self.visitsCaption.setText(QCoreApplication.translate("SuperbillDialog", u"Visits", None))
        self.visitsValue.setText("")
        self.chargesCaption.setText(QCoreApplication.translate("SuperbillDialog", u"Total charges", None))
        self.chargesValue.setText("")
        self.paymentsCaption.setText(QCoreApplication.translate("SuperbillDialog", u"Payments", None))
        self.paymentsValue.setText("")
        self.balanceCaption.setText(QCoreApplication.translate("SuperbillDialog", u"Balance due", None))
        self.balanceValue.setText("")
        self.findingsGroup.setTitle(QCoreApplication.translate("SuperbillDialog", u"Before you issue", None))
        self.findingsSummary.setText("")
        self.issuedNote.setText("")
        self.reasonLabel.setText("")
        self.issueButton.setText(QCoreApplication.translate("SuperbillDialog", u"&Issue superbill", None))
#if QT_CONFIG(tooltip)
        self.issueButton.setToolTip(QCoreApplication.translate("SuperbillDialog", u"Number the superbill, keep a copy with the patient's records and open it", None))
#endif // QT_CONFIG(tooltip)
        self.draftButton.setText(QCoreApplication.translate("SuperbillDialog", u"&Draft", None))
#if QT_CONFIG(tooltip)
        self.draftButton.setToolTip(QCoreApplication.translate("SuperbillDialog", u"Open a draft marked \"DRAFT - not for submission\", even with problems left to fix; nothing is recorded", None))
#endif // QT_CONFIG(tooltip)
        self.closeButton.setText(QCoreApplication.translate("SuperbillDialog", u"Close", None))
    # retranslateUi
