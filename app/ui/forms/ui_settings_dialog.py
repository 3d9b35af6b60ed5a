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
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QRadioButton, QSizePolicy, QSpacerItem,
    QTabWidget, QVBoxLayout, QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(660, 540)
        self.settingsLayout = QVBoxLayout(SettingsDialog)
        self.settingsLayout.setObjectName(u"settingsLayout")
        self.tabs = QTabWidget(SettingsDialog)
        self.tabs.setObjectName(u"tabs")
        self.providerTab = QWidget()
        self.providerTab.setObjectName(u"providerTab")
        self.providerTabLayout = QVBoxLayout(self.providerTab)
        self.providerTabLayout.setObjectName(u"providerTabLayout")
        self.tabs.addTab(self.providerTab, "")
        self.contactTab = QWidget()
        self.contactTab.setObjectName(u"contactTab")
        self.contactTabLayout = QVBoxLayout(self.contactTab)
        self.contactTabLayout.setObjectName(u"contactTabLayout")
        self.tabs.addTab(self.contactTab, "")
        self.signatureTab = QWidget()
        self.signatureTab.setObjectName(u"signatureTab")
        self.signatureTabLayout = QVBoxLayout(self.signatureTab)
        self.signatureTabLayout.setObjectName(u"signatureTabLayout")
        self.tabs.addTab(self.signatureTab, "")
        self.documentsTab = QWidget()
        self.documentsTab.setObjectName(u"documentsTab")
        self.documentsTabLayout = QVBoxLayout(self.documentsTab)
        self.documentsTabLayout.setObjectName(u"documentsTabLayout")
        self.paperGroup = QGroupBox(self.documentsTab)
        self.paperGroup.setObjectName(u"paperGroup")
        self.paperLayout = QVBoxLayout(self.paperGroup)
        self.paperLayout.setObjectName(u"paperLayout")
        self.letterRadio = QRadioButton(self.paperGroup)
        self.letterRadio.setObjectName(u"letterRadio")
        self.letterRadio.setChecked(True)

        self.paperLayout.addWidget(self.letterRadio)

        self.a4Radio = QRadioButton(self.paperGroup)
        self.a4Radio.setObjectName(u"a4Radio")

        self.paperLayout.addWidget(self.a4Radio)


        self.documentsTabLayout.addWidget(self.paperGroup)

        self.payersGroup = QGroupBox(self.documentsTab)
        self.payersGroup.setObjectName(u"payersGroup")
        self.payersLayout = QHBoxLayout(self.payersGroup)
        self.payersLayout.setObjectName(u"payersLayout")
        self.payersHelp = QLabel(self.payersGroup)
        self.payersHelp.setObjectName(u"payersHelp")
        self.payersHelp.setWordWrap(True)

        self.payersLayout.addWidget(self.payersHelp)

        self.payersButton = QPushButton(self.payersGroup)
        self.payersButton.setObjectName(u"payersButton")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.payersButton.sizePolicy().hasHeightForWidth())
        self.payersButton.setSizePolicy(sizePolicy)
        self.payersButton.setAutoDefault(False)

        self.payersLayout.addWidget(self.payersButton)


        self.documentsTabLayout.addWidget(self.payersGroup)

        self.dataGroup = QGroupBox(self.documentsTab)
        self.dataGroup.setObjectName(u"dataGroup")
        self.dataLayout = QVBoxLayout(self.dataGroup)
        self.dataLayout.setObjectName(u"dataLayout")
        self.dataHelp = QLabel(self.dataGroup)
        self.dataHelp.setObjectName(u"dataHelp")
        self.dataHelp.setWordWrap(True)

        self.dataLayout.addWidget(self.dataHelp)

        self.dataRow = QHBoxLayout()
        self.dataRow.setObjectName(u"dataRow")
        self.dataFolderEdit = QLineEdit(self.dataGroup)
        self.dataFolderEdit.setObjectName(u"dataFolderEdit")
        self.dataFolderEdit.setReadOnly(True)

        self.dataRow.addWidget(self.dataFolderEdit)

        self.openFolderButton = QPushButton(self.dataGroup)
        self.openFolderButton.setObjectName(u"openFolderButton")
        self.openFolderButton.setAutoDefault(False)

        self.dataRow.addWidget(self.openFolderButton)


        self.dataLayout.addLayout(self.dataRow)


        self.documentsTabLayout.addWidget(self.dataGroup)

        self.documentsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.documentsTabLayout.addItem(self.documentsSpacer)

        self.tabs.addTab(self.documentsTab, "")

        self.settingsLayout.addWidget(self.tabs)

        self.buttons = QDialogButtonBox(SettingsDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.settingsLayout.addWidget(self.buttons)

        QWidget.setTabOrder(self.tabs, self.letterRadio)
        QWidget.setTabOrder(self.letterRadio, self.a4Radio)
        QWidget.setTabOrder(self.a4Radio, self.payersButton)
        QWidget.setTabOrder(self.payersButton, self.dataFolderEdit)
        QWidget.setTabOrder(self.dataFolderEdit, self.openFolderButton)

        self.retranslateUi(SettingsDialog)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
        self.tabs.setTabText(self.tabs.indexOf(self.providerTab), QCoreApplication.translate("SettingsDialog", u"Practice &details", None))
        self.tabs.setTabText(self.tabs.indexOf(self.contactTab), QCoreApplication.translate("SettingsDialog", u"Address and p&hone", None))
        self.tabs.setTabText(self.tabs.indexOf(self.signatureTab), QCoreApplication.translate("SettingsDialog", u"Si&gnature", None))
        self.paperGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"Paper size for superbills", None))
        self.letterRadio.setText(QCoreApplication.translate("SettingsDialog", u"US &Letter (8.5 \u00d7 11 in)", None))
        self.a4Radio.setText(QCoreApplication.translate("SettingsDialog", u"A&4 (210 \u00d7 297 mm)", None))
        self.payersGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"Payers", None))
        self.payersHelp.setText(QCoreApplication.translate("SettingsDialog", u"Each payer's kind, how it turns minutes into units (CMS 8-minute or AMA midpoint rule), its filing limit, and your fee per code.", None))
        self.payersButton.setText(QCoreApplication.translate("SettingsDialog", u"&Payers, unit rules and fees\u2026", None))
        self.dataGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"Data folder", None))
        self.dataHelp.setText(QCoreApplication.translate("SettingsDialog", u"Your practice, patients and issued superbills are kept in this folder on this computer, and nowhere else. Back it up regularly: copy the whole folder to a USB drive or a backup service.", None))
#if QT_CONFIG(tooltip)
        self.dataFolderEdit.setToolTip(QCoreApplication.translate("SettingsDialog", u"Another folder can be used by starting Superbill Desk with --data-dir, or with the SUPERBILL_DATA_DIR environment variable", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.dataFolderEdit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Data folder", None))
#endif // QT_CONFIG(accessibility)
        self.openFolderButton.setText(QCoreApplication.translate("SettingsDialog", u"&Open folder", None))
        self.tabs.setTabText(self.tabs.indexOf(self.documentsTab), QCoreApplication.translate("SettingsDialog", u"Super&bills and data", None))
    # retranslateUi
