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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QSpinBox,
    QTabWidget, QTableView, QVBoxLayout, QWidget)

class Ui_PayersDialog(object):
    def setupUi(self, PayersDialog):
        if not PayersDialog.objectName():
            PayersDialog.setObjectName(u"PayersDialog")
        PayersDialog.resize(860, 560)
        self.mainLayout = QVBoxLayout(PayersDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.tabWidget = QTabWidget(PayersDialog)
        self.tabWidget.setObjectName(u"tabWidget")
        self.payersTab = QWidget()
        self.payersTab.setObjectName(u"payersTab")
        self.payersTabLayout = QHBoxLayout(self.payersTab)
        self.payersTabLayout.setObjectName(u"payersTabLayout")
        self.payerListLayout = QVBoxLayout()
        self.payerListLayout.setObjectName(u"payerListLayout")
        self.payersView = QTableView(self.payersTab)
        self.payersView.setObjectName(u"payersView")

        self.payerListLayout.addWidget(self.payersView)

        self.payerListButtons = QHBoxLayout()
        self.payerListButtons.setObjectName(u"payerListButtons")
        self.addPayerButton = QPushButton(self.payersTab)
        self.addPayerButton.setObjectName(u"addPayerButton")

        self.payerListButtons.addWidget(self.addPayerButton)

        self.payerListSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.payerListButtons.addItem(self.payerListSpacer)


        self.payerListLayout.addLayout(self.payerListButtons)


        self.payersTabLayout.addLayout(self.payerListLayout)

        self.payerGroup = QGroupBox(self.payersTab)
        self.payerGroup.setObjectName(u"payerGroup")
        self.payerGroupLayout = QVBoxLayout(self.payerGroup)
        self.payerGroupLayout.setObjectName(u"payerGroupLayout")
        self.payerForm = QFormLayout()
        self.payerForm.setObjectName(u"payerForm")
        self.payerForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.nameLabel = QLabel(self.payerGroup)
        self.nameLabel.setObjectName(u"nameLabel")

        self.payerForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(self.payerGroup)
        self.nameEdit.setObjectName(u"nameEdit")

        self.payerForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.kindLabel = QLabel(self.payerGroup)
        self.kindLabel.setObjectName(u"kindLabel")

        self.payerForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.kindLabel)

        self.kindCombo = QComboBox(self.payerGroup)
        self.kindCombo.setObjectName(u"kindCombo")

        self.payerForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.kindCombo)

        self.kindHintLabel = QLabel(self.payerGroup)
        self.kindHintLabel.setObjectName(u"kindHintLabel")
        self.kindHintLabel.setWordWrap(True)

        self.payerForm.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.kindHintLabel)

        self.unitRuleLabel = QLabel(self.payerGroup)
        self.unitRuleLabel.setObjectName(u"unitRuleLabel")

        self.payerForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.unitRuleLabel)

        self.unitRuleCombo = QComboBox(self.payerGroup)
        self.unitRuleCombo.setObjectName(u"unitRuleCombo")

        self.payerForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.unitRuleCombo)

        self.unitRuleHintLabel = QLabel(self.payerGroup)
        self.unitRuleHintLabel.setObjectName(u"unitRuleHintLabel")
        self.unitRuleHintLabel.setWordWrap(True)

        self.payerForm.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.unitRuleHintLabel)

        self.filingLabel = QLabel(self.payerGroup)
        self.filingLabel.setObjectName(u"filingLabel")

        self.payerForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.filingLabel)

        self.filingSpin = QSpinBox(self.payerGroup)
        self.filingSpin.setObjectName(u"filingSpin")
        self.filingSpin.setMaximum(3650)

        self.payerForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.filingSpin)

        self.line1Label = QLabel(self.payerGroup)
        self.line1Label.setObjectName(u"line1Label")

        self.payerForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.line1Label)

        self.line1Edit = QLineEdit(self.payerGroup)
        self.line1Edit.setObjectName(u"line1Edit")

        self.payerForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.line1Edit)

        self.line2Label = QLabel(self.payerGroup)
        self.line2Label.setObjectName(u"line2Label")

        self.payerForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.line2Label)

        self.line2Edit = QLineEdit(self.payerGroup)
        self.line2Edit.setObjectName(u"line2Edit")

        self.payerForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.line2Edit)

        self.cityLabel = QLabel(self.payerGroup)
        self.cityLabel.setObjectName(u"cityLabel")

        self.payerForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.cityLabel)

        self.cityEdit = QLineEdit(self.payerGroup)
        self.cityEdit.setObjectName(u"cityEdit")

        self.payerForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.cityEdit)

        self.stateLabel = QLabel(self.payerGroup)
        self.stateLabel.setObjectName(u"stateLabel")

        self.payerForm.setWidget(9, QFormLayout.ItemRole.LabelRole, self.stateLabel)

        self.stateEdit = QLineEdit(self.payerGroup)
        self.stateEdit.setObjectName(u"stateEdit")
        self.stateEdit.setMaxLength(2)

        self.payerForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.stateEdit)

        self.zipLabel = QLabel(self.payerGroup)
        self.zipLabel.setObjectName(u"zipLabel")

        self.payerForm.setWidget(10, QFormLayout.ItemRole.LabelRole, self.zipLabel)

        self.zipEdit = QLineEdit(self.payerGroup)
        self.zipEdit.setObjectName(u"zipEdit")
        self.zipEdit.setMaxLength(10)

        self.payerForm.setWidget(10, QFormLayout.ItemRole.FieldRole, self.zipEdit)

        self.phoneLabel = QLabel(self.payerGroup)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.payerForm.setWidget(11, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(self.payerGroup)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.payerForm.setWidget(11, QFormLayout.ItemRole.FieldRole, self.phoneEdit)


        self.payerGroupLayout.addLayout(self.payerForm)

        self.errorLabel = QLabel(self.payerGroup)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.payerGroupLayout.addWidget(self.errorLabel)

        self.payerButtonsLayout = QHBoxLayout()
        self.payerButtonsLayout.setObjectName(u"payerButtonsLayout")
        self.payerButtonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.payerButtonsLayout.addItem(self.payerButtonsSpacer)

        self.savePayerButton = QPushButton(self.payerGroup)
        self.savePayerButton.setObjectName(u"savePayerButton")

        self.payerButtonsLayout.addWidget(self.savePayerButton)


        self.payerGroupLayout.addLayout(self.payerButtonsLayout)


        self.payersTabLayout.addWidget(self.payerGroup)

        self.tabWidget.addTab(self.payersTab, "")
        self.feesTab = QWidget()
        self.feesTab.setObjectName(u"feesTab")
        self.feesTabLayout = QVBoxLayout(self.feesTab)
        self.feesTabLayout.setObjectName(u"feesTabLayout")
        self.feesHintLabel = QLabel(self.feesTab)
        self.feesHintLabel.setObjectName(u"feesHintLabel")
        self.feesHintLabel.setWordWrap(True)

        self.feesTabLayout.addWidget(self.feesHintLabel)

        self.feesView = QTableView(self.feesTab)
        self.feesView.setObjectName(u"feesView")

        self.feesTabLayout.addWidget(self.feesView)

        self.feesStatusLabel = QLabel(self.feesTab)
        self.feesStatusLabel.setObjectName(u"feesStatusLabel")
        self.feesStatusLabel.setWordWrap(True)

        self.feesTabLayout.addWidget(self.feesStatusLabel)

        self.addCodeGroup = QGroupBox(self.feesTab)
        self.addCodeGroup.setObjectName(u"addCodeGroup")
        self.addCodeLayout = QHBoxLayout(self.addCodeGroup)
        self.addCodeLayout.setObjectName(u"addCodeLayout")
        self.codeLabel = QLabel(self.addCodeGroup)
        self.codeLabel.setObjectName(u"codeLabel")

        self.addCodeLayout.addWidget(self.codeLabel)

        self.codeEdit = QLineEdit(self.addCodeGroup)
        self.codeEdit.setObjectName(u"codeEdit")
        self.codeEdit.setMaxLength(5)

        self.addCodeLayout.addWidget(self.codeEdit)

        self.descriptionLabel = QLabel(self.addCodeGroup)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.addCodeLayout.addWidget(self.descriptionLabel)

        self.descriptionEdit = QLineEdit(self.addCodeGroup)
        self.descriptionEdit.setObjectName(u"descriptionEdit")

        self.addCodeLayout.addWidget(self.descriptionEdit)

        self.timedCheck = QCheckBox(self.addCodeGroup)
        self.timedCheck.setObjectName(u"timedCheck")

        self.addCodeLayout.addWidget(self.timedCheck)

        self.addCodeButton = QPushButton(self.addCodeGroup)
        self.addCodeButton.setObjectName(u"addCodeButton")

        self.addCodeLayout.addWidget(self.addCodeButton)


        self.feesTabLayout.addWidget(self.addCodeGroup)

        self.tabWidget.addTab(self.feesTab, "")

        self.mainLayout.addWidget(self.tabWidget)

        self.buttonBox = QDialogButtonBox(PayersDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Close)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.kindLabel.setBuddy(self.kindCombo)
        self.unitRuleLabel.setBuddy(self.unitRuleCombo)
        self.filingLabel.setBuddy(self.filingSpin)
        self.line1Label.setBuddy(self.line1Edit)
        self.line2Label.setBuddy(self.line2Edit)
        self.cityLabel.setBuddy(self.cityEdit)
        self.stateLabel.setBuddy(self.stateEdit)
        self.zipLabel.setBuddy(self.zipEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.codeLabel.setBuddy(self.codeEdit)
        self.descriptionLabel.setBuddy(self.descriptionEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.payersView, self.addPayerButton)
        QWidget.setTabOrder(self.addPayerButton, self.nameEdit)
        QWidget.setTabOrder(self.nameEdit, self.kindCombo)
        QWidget.setTabOrder(self.kindCombo, self.unitRuleCombo)
        QWidget.setTabOrder(self.unitRuleCombo, self.filingSpin)
        QWidget.setTabOrder(self.filingSpin, self.line1Edit)
        QWidget.setTabOrder(self.line1Edit, self.line2Edit)
        QWidget.setTabOrder(self.line2Edit, self.cityEdit)
        QWidget.setTabOrder(self.cityEdit, self.stateEdit)
        QWidget.setTabOrder(self.stateEdit, self.zipEdit)
        QWidget.setTabOrder(self.zipEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.savePayerButton)
        QWidget.setTabOrder(self.savePayerButton, self.feesView)
        QWidget.setTabOrder(self.feesView, self.codeEdit)
        QWidget.setTabOrder(self.codeEdit, self.descriptionEdit)
        QWidget.setTabOrder(self.descriptionEdit, self.timedCheck)
        QWidget.setTabOrder(self.timedCheck, self.addCodeButton)

        self.retranslateUi(PayersDialog)

        QMetaObject.connectSlotsByName(PayersDialog)
    # setupUi

    def retranslateUi(self, PayersDialog):
        PayersDialog.setWindowTitle(QCoreApplication.translate("PayersDialog", u"Payers and fees", None))
        self.addPayerButton.setText(QCoreApplication.translate("PayersDialog", u"Add pa&yer", None))
        self.payerGroup.setTitle(QCoreApplication.translate("PayersDialog", u"Payer", None))
        self.nameLabel.setText(QCoreApplication.translate("PayersDialog", u"&Name:", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("PayersDialog", u"As on the insurance card", None))
        self.kindLabel.setText(QCoreApplication.translate("PayersDialog", u"&Kind:", None))
        self.kindHintLabel.setText("")
        self.unitRuleLabel.setText(QCoreApplication.translate("PayersDialog", u"&Unit rule:", None))
        self.unitRuleHintLabel.setText("")
        self.filingLabel.setText(QCoreApplication.translate("PayersDialog", u"&Filing limit:", None))
        self.filingSpin.setSpecialValueText(QCoreApplication.translate("PayersDialog", u"Not set", None))
        self.filingSpin.setSuffix(QCoreApplication.translate("PayersDialog", u" days", None))
        self.line1Label.setText(QCoreApplication.translate("PayersDialog", u"S&treet:", None))
        self.line2Label.setText(QCoreApplication.translate("PayersDialog", u"Apt, s&uite:", None))
        self.cityLabel.setText(QCoreApplication.translate("PayersDialog", u"&City:", None))
        self.stateLabel.setText(QCoreApplication.translate("PayersDialog", u"St&ate:", None))
        self.stateEdit.setPlaceholderText(QCoreApplication.translate("PayersDialog", u"2-letter code", None))
        self.zipLabel.setText(QCoreApplication.translate("PayersDialog", u"&ZIP code:", None))
        self.zipEdit.setPlaceholderText(QCoreApplication.translate("PayersDialog", u"5 digits", None))
        self.phoneLabel.setText(QCoreApplication.translate("PayersDialog", u"P&hone:", None))
        self.errorLabel.setText("")
        self.savePayerButton.setText(QCoreApplication.translate("PayersDialog", u"&Save payer", None))
        self.tabWidget.setTabText(self.tabWidget.indexOf(self.payersTab), QCoreApplication.translate("PayersDialog", u"&Payers", None))
        self.feesHintLabel.setText(QCoreApplication.translate("PayersDialog", u"Your full fee for one unit of each code (a timed code bills one unit per 15 minutes). Select a fee and type the amount in dollars, such as 42.50.", None))
        self.feesStatusLabel.setText("")
        self.addCodeGroup.setTitle(QCoreApplication.translate("PayersDialog", u"Add your own code", None))
        self.codeLabel.setText(QCoreApplication.translate("PayersDialog", u"Co&de:", None))
        self.codeEdit.setPlaceholderText(QCoreApplication.translate("PayersDialog", u"5 characters", None))
        self.descriptionLabel.setText(QCoreApplication.translate("PayersDialog", u"Descr&iption:", None))
        self.descriptionEdit.setPlaceholderText(QCoreApplication.translate("PayersDialog", u"What it is for, in your words", None))
        self.timedCheck.setText(QCoreApplication.translate("PayersDialog", u"&Timed (15-minute units)", None))
        self.addCodeButton.setText(QCoreApplication.translate("PayersDialog", u"Add &code", None))
        self.tabWidget.setTabText(self.tabWidget.indexOf(self.feesTab), QCoreApplication.translate("PayersDialog", u"&Fee schedule", None))
    # retranslateUi
