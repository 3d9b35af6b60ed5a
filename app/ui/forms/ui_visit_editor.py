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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QDialog, QGridLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QSizePolicy, QSpacerItem,
    QSpinBox, QSplitter, QTableView, QVBoxLayout,
    QWidget)

from app.ui.widgets.date_field import DateField

class Ui_VisitEditor(object):
    def setupUi(self, VisitEditor):
        if not VisitEditor.objectName():
            VisitEditor.setObjectName(u"VisitEditor")
        VisitEditor.resize(1120, 720)
        self.mainLayout = QVBoxLayout(VisitEditor)
        self.mainLayout.setObjectName(u"mainLayout")
        self.patientLabel = QLabel(VisitEditor)
        self.patientLabel.setObjectName(u"patientLabel")

        self.mainLayout.addWidget(self.patientLabel)

        self.splitter = QSplitter(VisitEditor)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.formPanel = QWidget(self.splitter)
        self.formPanel.setObjectName(u"formPanel")
        self.formLayout = QVBoxLayout(self.formPanel)
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setContentsMargins(0, 0, 0, 0)
        self.visitBox = QGroupBox(self.formPanel)
        self.visitBox.setObjectName(u"visitBox")
        self.visitGrid = QGridLayout(self.visitBox)
        self.visitGrid.setObjectName(u"visitGrid")
        self.dateLabel = QLabel(self.visitBox)
        self.dateLabel.setObjectName(u"dateLabel")

        self.visitGrid.addWidget(self.dateLabel, 0, 0, 1, 1)

        self.dateEdit = DateField(self.visitBox)
        self.dateEdit.setObjectName(u"dateEdit")

        self.visitGrid.addWidget(self.dateEdit, 0, 1, 1, 1)

        self.placeLabel = QLabel(self.visitBox)
        self.placeLabel.setObjectName(u"placeLabel")

        self.visitGrid.addWidget(self.placeLabel, 0, 2, 1, 1)

        self.placeCombo = QComboBox(self.visitBox)
        self.placeCombo.setObjectName(u"placeCombo")

        self.visitGrid.addWidget(self.placeCombo, 0, 3, 1, 1)

        self.coverageLabel = QLabel(self.visitBox)
        self.coverageLabel.setObjectName(u"coverageLabel")

        self.visitGrid.addWidget(self.coverageLabel, 1, 0, 1, 1)

        self.coverageCombo = QComboBox(self.visitBox)
        self.coverageCombo.setObjectName(u"coverageCombo")

        self.visitGrid.addWidget(self.coverageCombo, 1, 1, 1, 3)

        self.prescriptionLabel = QLabel(self.visitBox)
        self.prescriptionLabel.setObjectName(u"prescriptionLabel")

        self.visitGrid.addWidget(self.prescriptionLabel, 2, 0, 1, 1)

        self.prescriptionCombo = QComboBox(self.visitBox)
        self.prescriptionCombo.setObjectName(u"prescriptionCombo")

        self.visitGrid.addWidget(self.prescriptionCombo, 2, 1, 1, 3)

        self.visitGrid.setColumnStretch(1, 1)
        self.visitGrid.setColumnStretch(3, 1)

        self.formLayout.addWidget(self.visitBox)

        self.diagnosesBox = QGroupBox(self.formPanel)
        self.diagnosesBox.setObjectName(u"diagnosesBox")
        self.diagnosesLayout = QHBoxLayout(self.diagnosesBox)
        self.diagnosesLayout.setObjectName(u"diagnosesLayout")
        self.diagnosesList = QListWidget(self.diagnosesBox)
        self.diagnosesList.setObjectName(u"diagnosesList")
        self.diagnosesList.setAlternatingRowColors(True)
        self.diagnosesList.setMaximumSize(QSize(16777215, 128))

        self.diagnosesLayout.addWidget(self.diagnosesList)

        self.diagnosisButtons = QVBoxLayout()
        self.diagnosisButtons.setObjectName(u"diagnosisButtons")
        self.addDiagnosisButton = QPushButton(self.diagnosesBox)
        self.addDiagnosisButton.setObjectName(u"addDiagnosisButton")

        self.diagnosisButtons.addWidget(self.addDiagnosisButton)

        self.removeDiagnosisButton = QPushButton(self.diagnosesBox)
        self.removeDiagnosisButton.setObjectName(u"removeDiagnosisButton")
        self.removeDiagnosisButton.setAutoDefault(False)

        self.diagnosisButtons.addWidget(self.removeDiagnosisButton)

        self.upButton = QPushButton(self.diagnosesBox)
        self.upButton.setObjectName(u"upButton")
        self.upButton.setAutoDefault(False)

        self.diagnosisButtons.addWidget(self.upButton)

        self.downButton = QPushButton(self.diagnosesBox)
        self.downButton.setObjectName(u"downButton")
        self.downButton.setAutoDefault(False)

        self.diagnosisButtons.addWidget(self.downButton)

        self.diagnosisButtonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.diagnosisButtons.addItem(self.diagnosisButtonsSpacer)


        self.diagnosesLayout.addLayout(self.diagnosisButtons)


        self.formLayout.addWidget(self.diagnosesBox)

        self.servicesBox = QGroupBox(self.formPanel)
        self.servicesBox.setObjectName(u"servicesBox")
        self.servicesLayout = QVBoxLayout(self.servicesBox)
        self.servicesLayout.setObjectName(u"servicesLayout")
        self.linesLayout = QHBoxLayout()
        self.linesLayout.setObjectName(u"linesLayout")
        self.linesTable = QTableView(self.servicesBox)
        self.linesTable.setObjectName(u"linesTable")
        self.linesTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.linesTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.linesTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.linesTable.setAlternatingRowColors(True)
        self.linesTable.setShowGrid(False)
        self.linesTable.setWordWrap(False)
        self.linesTable.setTabKeyNavigation(False)

        self.linesLayout.addWidget(self.linesTable)

        self.lineButtons = QVBoxLayout()
        self.lineButtons.setObjectName(u"lineButtons")
        self.addServiceButton = QPushButton(self.servicesBox)
        self.addServiceButton.setObjectName(u"addServiceButton")

        self.lineButtons.addWidget(self.addServiceButton)

        self.removeServiceButton = QPushButton(self.servicesBox)
        self.removeServiceButton.setObjectName(u"removeServiceButton")
        self.removeServiceButton.setAutoDefault(False)

        self.lineButtons.addWidget(self.removeServiceButton)

        self.lineButtonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.lineButtons.addItem(self.lineButtonsSpacer)


        self.linesLayout.addLayout(self.lineButtons)


        self.servicesLayout.addLayout(self.linesLayout)

        self.lineBox = QGroupBox(self.servicesBox)
        self.lineBox.setObjectName(u"lineBox")
        self.lineGrid = QGridLayout(self.lineBox)
        self.lineGrid.setObjectName(u"lineGrid")
        self.codeTitleLabel = QLabel(self.lineBox)
        self.codeTitleLabel.setObjectName(u"codeTitleLabel")

        self.lineGrid.addWidget(self.codeTitleLabel, 0, 0, 1, 1)

        self.codeLayout = QHBoxLayout()
        self.codeLayout.setObjectName(u"codeLayout")
        self.codeLabel = QLabel(self.lineBox)
        self.codeLabel.setObjectName(u"codeLabel")
        self.codeLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.codeLabel.setWordWrap(True)

        self.codeLayout.addWidget(self.codeLabel)

        self.changeCodeButton = QPushButton(self.lineBox)
        self.changeCodeButton.setObjectName(u"changeCodeButton")
        self.changeCodeButton.setAutoDefault(False)

        self.codeLayout.addWidget(self.changeCodeButton)

        self.codeLayout.setStretch(0, 1)

        self.lineGrid.addLayout(self.codeLayout, 0, 1, 1, 3)

        self.minutesLabel = QLabel(self.lineBox)
        self.minutesLabel.setObjectName(u"minutesLabel")

        self.lineGrid.addWidget(self.minutesLabel, 1, 0, 1, 1)

        self.minutesSpin = QSpinBox(self.lineBox)
        self.minutesSpin.setObjectName(u"minutesSpin")
        self.minutesSpin.setMaximum(480)

        self.lineGrid.addWidget(self.minutesSpin, 1, 1, 1, 1)

        self.unitsTitleLabel = QLabel(self.lineBox)
        self.unitsTitleLabel.setObjectName(u"unitsTitleLabel")

        self.lineGrid.addWidget(self.unitsTitleLabel, 1, 2, 1, 1)

        self.unitsLabel = QLabel(self.lineBox)
        self.unitsLabel.setObjectName(u"unitsLabel")

        self.lineGrid.addWidget(self.unitsLabel, 1, 3, 1, 1)

        self.handUnitsCheck = QCheckBox(self.lineBox)
        self.handUnitsCheck.setObjectName(u"handUnitsCheck")

        self.lineGrid.addWidget(self.handUnitsCheck, 2, 1, 1, 1)

        self.unitReasonLabel = QLabel(self.lineBox)
        self.unitReasonLabel.setObjectName(u"unitReasonLabel")

        self.lineGrid.addWidget(self.unitReasonLabel, 2, 2, 1, 1)

        self.handLayout = QHBoxLayout()
        self.handLayout.setSpacing(6)
        self.handLayout.setObjectName(u"handLayout")
        self.unitsSpin = QSpinBox(self.lineBox)
        self.unitsSpin.setObjectName(u"unitsSpin")
        self.unitsSpin.setMaximum(32)

        self.handLayout.addWidget(self.unitsSpin)

        self.unitReasonEdit = QLineEdit(self.lineBox)
        self.unitReasonEdit.setObjectName(u"unitReasonEdit")

        self.handLayout.addWidget(self.unitReasonEdit)


        self.lineGrid.addLayout(self.handLayout, 2, 3, 1, 1)

        self.modifiersLabel = QLabel(self.lineBox)
        self.modifiersLabel.setObjectName(u"modifiersLabel")

        self.lineGrid.addWidget(self.modifiersLabel, 3, 0, 1, 1)

        self.modifiersLayout = QHBoxLayout()
        self.modifiersLayout.setSpacing(4)
        self.modifiersLayout.setObjectName(u"modifiersLayout")
        self.modifier1Edit = QLineEdit(self.lineBox)
        self.modifier1Edit.setObjectName(u"modifier1Edit")
        self.modifier1Edit.setMaxLength(2)
        self.modifier1Edit.setMaximumSize(QSize(44, 16777215))

        self.modifiersLayout.addWidget(self.modifier1Edit)

        self.modifier2Edit = QLineEdit(self.lineBox)
        self.modifier2Edit.setObjectName(u"modifier2Edit")
        self.modifier2Edit.setMaxLength(2)
        self.modifier2Edit.setMaximumSize(QSize(44, 16777215))

        self.modifiersLayout.addWidget(self.modifier2Edit)

        self.modifier3Edit = QLineEdit(self.lineBox)
        self.modifier3Edit.setObjectName(u"modifier3Edit")
        self.modifier3Edit.setMaxLength(2)
        self.modifier3Edit.setMaximumSize(QSize(44, 16777215))

        self.modifiersLayout.addWidget(self.modifier3Edit)

        self.modifier4Edit = QLineEdit(self.lineBox)
        self.modifier4Edit.setObjectName(u"modifier4Edit")
        self.modifier4Edit.setMaxLength(2)
        self.modifier4Edit.setMaximumSize(QSize(44, 16777215))

        self.modifiersLayout.addWidget(self.modifier4Edit)


        self.lineGrid.addLayout(self.modifiersLayout, 3, 1, 1, 1)

        self.regionLabel = QLabel(self.lineBox)
        self.regionLabel.setObjectName(u"regionLabel")

        self.lineGrid.addWidget(self.regionLabel, 3, 2, 1, 1)

        self.regionEdit = QLineEdit(self.lineBox)
        self.regionEdit.setObjectName(u"regionEdit")

        self.lineGrid.addWidget(self.regionEdit, 3, 3, 1, 1)

        self.pointersLabel = QLabel(self.lineBox)
        self.pointersLabel.setObjectName(u"pointersLabel")

        self.lineGrid.addWidget(self.pointersLabel, 4, 0, 1, 1)

        self.pointersEdit = QLineEdit(self.lineBox)
        self.pointersEdit.setObjectName(u"pointersEdit")
        self.pointersEdit.setMaxLength(12)

        self.lineGrid.addWidget(self.pointersEdit, 4, 1, 1, 1)

        self.feeLabel = QLabel(self.lineBox)
        self.feeLabel.setObjectName(u"feeLabel")

        self.lineGrid.addWidget(self.feeLabel, 4, 2, 1, 1)

        self.feeEdit = QLineEdit(self.lineBox)
        self.feeEdit.setObjectName(u"feeEdit")

        self.lineGrid.addWidget(self.feeEdit, 4, 3, 1, 1)

        self.chargeTitleLabel = QLabel(self.lineBox)
        self.chargeTitleLabel.setObjectName(u"chargeTitleLabel")

        self.lineGrid.addWidget(self.chargeTitleLabel, 5, 0, 1, 1)

        self.chargeLabel = QLabel(self.lineBox)
        self.chargeLabel.setObjectName(u"chargeLabel")

        self.lineGrid.addWidget(self.chargeLabel, 5, 1, 1, 3)

        self.lineGrid.setColumnStretch(1, 1)
        self.lineGrid.setColumnStretch(3, 2)

        self.servicesLayout.addWidget(self.lineBox)

        self.totalLabel = QLabel(self.servicesBox)
        self.totalLabel.setObjectName(u"totalLabel")
        self.totalLabel.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.servicesLayout.addWidget(self.totalLabel)


        self.formLayout.addWidget(self.servicesBox)

        self.formLayout.setStretch(2, 1)
        self.splitter.addWidget(self.formPanel)
        self.findingsPanel = QWidget(self.splitter)
        self.findingsPanel.setObjectName(u"findingsPanel")
        self.findingsLayout = QVBoxLayout(self.findingsPanel)
        self.findingsLayout.setObjectName(u"findingsLayout")
        self.findingsLayout.setContentsMargins(0, 0, 0, 0)
        self.findingsLabel = QLabel(self.findingsPanel)
        self.findingsLabel.setObjectName(u"findingsLabel")

        self.findingsLayout.addWidget(self.findingsLabel)

        self.findingsSummaryLabel = QLabel(self.findingsPanel)
        self.findingsSummaryLabel.setObjectName(u"findingsSummaryLabel")
        self.findingsSummaryLabel.setWordWrap(True)

        self.findingsLayout.addWidget(self.findingsSummaryLabel)

        self.findingsList = QListWidget(self.findingsPanel)
        self.findingsList.setObjectName(u"findingsList")
        self.findingsList.setWordWrap(True)
        self.findingsList.setSpacing(4)
        self.findingsList.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)

        self.findingsLayout.addWidget(self.findingsList)

        self.splitter.addWidget(self.findingsPanel)

        self.mainLayout.addWidget(self.splitter)

        self.bottomLayout = QHBoxLayout()
        self.bottomLayout.setObjectName(u"bottomLayout")
        self.statusLabel = QLabel(VisitEditor)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setWordWrap(True)

        self.bottomLayout.addWidget(self.statusLabel)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bottomLayout.addItem(self.bottomSpacer)

        self.saveButton = QPushButton(VisitEditor)
        self.saveButton.setObjectName(u"saveButton")

        self.bottomLayout.addWidget(self.saveButton)

        self.cancelButton = QPushButton(VisitEditor)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setAutoDefault(False)

        self.bottomLayout.addWidget(self.cancelButton)


        self.mainLayout.addLayout(self.bottomLayout)

        self.mainLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.dateLabel.setBuddy(self.dateEdit)
        self.placeLabel.setBuddy(self.placeCombo)
        self.coverageLabel.setBuddy(self.coverageCombo)
        self.prescriptionLabel.setBuddy(self.prescriptionCombo)
        self.minutesLabel.setBuddy(self.minutesSpin)
        self.unitReasonLabel.setBuddy(self.unitReasonEdit)
        self.modifiersLabel.setBuddy(self.modifier1Edit)
        self.regionLabel.setBuddy(self.regionEdit)
        self.pointersLabel.setBuddy(self.pointersEdit)
        self.feeLabel.setBuddy(self.feeEdit)
        self.findingsLabel.setBuddy(self.findingsList)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.dateEdit, self.placeCombo)
        QWidget.setTabOrder(self.placeCombo, self.coverageCombo)
        QWidget.setTabOrder(self.coverageCombo, self.prescriptionCombo)
        QWidget.setTabOrder(self.prescriptionCombo, self.diagnosesList)
        QWidget.setTabOrder(self.diagnosesList, self.addDiagnosisButton)
        QWidget.setTabOrder(self.addDiagnosisButton, self.removeDiagnosisButton)
        QWidget.setTabOrder(self.removeDiagnosisButton, self.upButton)
        QWidget.setTabOrder(self.upButton, self.downButton)
        QWidget.setTabOrder(self.downButton, self.linesTable)
        QWidget.setTabOrder(self.linesTable, self.addServiceButton)
        QWidget.setTabOrder(self.addServiceButton, self.removeServiceButton)
        QWidget.setTabOrder(self.removeServiceButton, self.changeCodeButton)
        QWidget.setTabOrder(self.changeCodeButton, self.minutesSpin)
        QWidget.setTabOrder(self.minutesSpin, self.handUnitsCheck)
        QWidget.setTabOrder(self.handUnitsCheck, self.unitsSpin)
        QWidget.setTabOrder(self.unitsSpin, self.unitReasonEdit)
        QWidget.setTabOrder(self.unitReasonEdit, self.modifier1Edit)
        QWidget.setTabOrder(self.modifier1Edit, self.modifier2Edit)
        QWidget.setTabOrder(self.modifier2Edit, self.modifier3Edit)
        QWidget.setTabOrder(self.modifier3Edit, self.modifier4Edit)
        QWidget.setTabOrder(self.modifier4Edit, self.regionEdit)
        QWidget.setTabOrder(self.regionEdit, self.pointersEdit)
        QWidget.setTabOrder(self.pointersEdit, self.feeEdit)
        QWidget.setTabOrder(self.feeEdit, self.findingsList)
        QWidget.setTabOrder(self.findingsList, self.saveButton)
        QWidget.setTabOrder(self.saveButton, self.cancelButton)

        self.retranslateUi(VisitEditor)

        QMetaObject.connectSlotsByName(VisitEditor)
    # setupUi

    def retranslateUi(self, VisitEditor):
        VisitEditor.setWindowTitle(QCoreApplication.translate("VisitEditor", u"Visit", None))
        self.patientLabel.setText("")
        self.visitBox.setTitle(QCoreApplication.translate("VisitEditor", u"Visit", None))
        self.dateLabel.setText(QCoreApplication.translate("VisitEditor", u"Da&te:", None))
        self.placeLabel.setText(QCoreApplication.translate("VisitEditor", u"&Place of service:", None))
        self.coverageLabel.setText(QCoreApplication.translate("VisitEditor", u"&Insurance:", None))
        self.prescriptionLabel.setText(QCoreApplication.translate("VisitEditor", u"P&rescription:", None))
        self.diagnosesBox.setTitle(QCoreApplication.translate("VisitEditor", u"Diagnoses, from the prescription (letters A\u2013L)", None))
        self.addDiagnosisButton.setText(QCoreApplication.translate("VisitEditor", u"Add &diagnosis\u2026", None))
#if QT_CONFIG(tooltip)
        self.addDiagnosisButton.setToolTip(QCoreApplication.translate("VisitEditor", u"Search the ICD-10-CM codes (the prescription's codes come first)", None))
#endif // QT_CONFIG(tooltip)
        self.removeDiagnosisButton.setText(QCoreApplication.translate("VisitEditor", u"Remo&ve", None))
#if QT_CONFIG(tooltip)
        self.removeDiagnosisButton.setToolTip(QCoreApplication.translate("VisitEditor", u"Remove the selected diagnosis (Delete)", None))
#endif // QT_CONFIG(tooltip)
        self.upButton.setText(QCoreApplication.translate("VisitEditor", u"Move &up", None))
#if QT_CONFIG(tooltip)
        self.upButton.setToolTip(QCoreApplication.translate("VisitEditor", u"Move the selected diagnosis up (its letter changes)", None))
#endif // QT_CONFIG(tooltip)
        self.downButton.setText(QCoreApplication.translate("VisitEditor", u"Move do&wn", None))
#if QT_CONFIG(tooltip)
        self.downButton.setToolTip(QCoreApplication.translate("VisitEditor", u"Move the selected diagnosis down (its letter changes)", None))
#endif // QT_CONFIG(tooltip)
        self.servicesBox.setTitle(QCoreApplication.translate("VisitEditor", u"Services", None))
        self.addServiceButton.setText(QCoreApplication.translate("VisitEditor", u"Add &service\u2026", None))
#if QT_CONFIG(tooltip)
        self.addServiceButton.setToolTip(QCoreApplication.translate("VisitEditor", u"Choose a procedure code (97124 massage first)", None))
#endif // QT_CONFIG(tooltip)
        self.removeServiceButton.setText(QCoreApplication.translate("VisitEditor", u"Rem&ove service", None))
#if QT_CONFIG(tooltip)
        self.removeServiceButton.setToolTip(QCoreApplication.translate("VisitEditor", u"Remove the selected service", None))
#endif // QT_CONFIG(tooltip)
        self.lineBox.setTitle(QCoreApplication.translate("VisitEditor", u"Selected service", None))
        self.codeTitleLabel.setText(QCoreApplication.translate("VisitEditor", u"Code:", None))
        self.codeLabel.setText("")
        self.changeCodeButton.setText(QCoreApplication.translate("VisitEditor", u"Change &code\u2026", None))
#if QT_CONFIG(tooltip)
        self.changeCodeButton.setToolTip(QCoreApplication.translate("VisitEditor", u"Choose another procedure code for this service", None))
#endif // QT_CONFIG(tooltip)
        self.minutesLabel.setText(QCoreApplication.translate("VisitEditor", u"&Minutes:", None))
        self.minutesSpin.setSuffix(QCoreApplication.translate("VisitEditor", u" min", None))
        self.minutesSpin.setSpecialValueText(QCoreApplication.translate("VisitEditor", u"\u2014", None))
        self.unitsTitleLabel.setText(QCoreApplication.translate("VisitEditor", u"Units:", None))
        self.unitsLabel.setText("")
        self.handUnitsCheck.setText(QCoreApplication.translate("VisitEditor", u"Count by &hand", None))
#if QT_CONFIG(tooltip)
        self.handUnitsCheck.setToolTip(QCoreApplication.translate("VisitEditor", u"Bill a different number of units than the payer's rule gives; a reason is needed", None))
#endif // QT_CONFIG(tooltip)
        self.unitReasonLabel.setText(QCoreApplication.translate("VisitEditor", u"Reaso&n:", None))
        self.unitsSpin.setSuffix(QCoreApplication.translate("VisitEditor", u" units", None))
        self.unitReasonEdit.setPlaceholderText(QCoreApplication.translate("VisitEditor", u"why the count differs from the rule, e.g. session cut short", None))
        self.modifiersLabel.setText(QCoreApplication.translate("VisitEditor", u"Modi&fiers:", None))
#if QT_CONFIG(tooltip)
        self.modifier1Edit.setToolTip(QCoreApplication.translate("VisitEditor", u"59 or XS: a distinct service (needed when 97124 and 97140 are on one date); GP, KX only when the payer asks", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.modifier2Edit.setToolTip(QCoreApplication.translate("VisitEditor", u"59 or XS: a distinct service (needed when 97124 and 97140 are on one date); GP, KX only when the payer asks", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.modifier3Edit.setToolTip(QCoreApplication.translate("VisitEditor", u"59 or XS: a distinct service (needed when 97124 and 97140 are on one date); GP, KX only when the payer asks", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.modifier4Edit.setToolTip(QCoreApplication.translate("VisitEditor", u"59 or XS: a distinct service (needed when 97124 and 97140 are on one date); GP, KX only when the payer asks", None))
#endif // QT_CONFIG(tooltip)
        self.regionLabel.setText(QCoreApplication.translate("VisitEditor", u"Body re&gion:", None))
        self.regionEdit.setPlaceholderText(QCoreApplication.translate("VisitEditor", u"lumbar, neck, shoulders\u2026", None))
        self.pointersLabel.setText(QCoreApplication.translate("VisitEditor", u"Diagnosis &letters:", None))
        self.pointersEdit.setPlaceholderText(QCoreApplication.translate("VisitEditor", u"from the diagnoses above", None))
#if QT_CONFIG(tooltip)
        self.pointersEdit.setToolTip(QCoreApplication.translate("VisitEditor", u"The letters of the diagnoses this service treats, such as AB", None))
#endif // QT_CONFIG(tooltip)
        self.feeLabel.setText(QCoreApplication.translate("VisitEditor", u"F&ee per unit:", None))
#if QT_CONFIG(tooltip)
        self.feeEdit.setToolTip(QCoreApplication.translate("VisitEditor", u"Leave empty to use your fee schedule; type an amount to charge this service differently", None))
#endif // QT_CONFIG(tooltip)
        self.chargeTitleLabel.setText(QCoreApplication.translate("VisitEditor", u"Charge:", None))
        self.chargeLabel.setText("")
        self.totalLabel.setText("")
        self.findingsLabel.setText(QCoreApplication.translate("VisitEditor", u"Chec&k for this visit:", None))
        self.findingsSummaryLabel.setText("")
#if QT_CONFIG(tooltip)
        self.findingsList.setToolTip(QCoreApplication.translate("VisitEditor", u"Enter or a click takes you to the field concerned", None))
#endif // QT_CONFIG(tooltip)
        self.statusLabel.setText("")
        self.saveButton.setText(QCoreApplication.translate("VisitEditor", u"Save", None))
#if QT_CONFIG(tooltip)
        self.saveButton.setToolTip(QCoreApplication.translate("VisitEditor", u"Save the visit (Ctrl+S or Enter)", None))
#endif // QT_CONFIG(tooltip)
        self.cancelButton.setText(QCoreApplication.translate("VisitEditor", u"Cancel", None))
#if QT_CONFIG(tooltip)
        self.cancelButton.setToolTip(QCoreApplication.translate("VisitEditor", u"Close without saving (Esc)", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi
