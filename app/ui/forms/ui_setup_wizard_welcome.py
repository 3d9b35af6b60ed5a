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
from PySide6.QtWidgets import (QApplication, QGroupBox, QHBoxLayout, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_SetupWelcome(object):
    def setupUi(self, SetupWelcome):
        if not SetupWelcome.objectName():
            SetupWelcome.setObjectName(u"SetupWelcome")
        SetupWelcome.resize(560, 400)
        self.welcomeLayout = QVBoxLayout(SetupWelcome)
        self.welcomeLayout.setObjectName(u"welcomeLayout")
        self.introLabel = QLabel(SetupWelcome)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setTextFormat(Qt.TextFormat.RichText)
        self.introLabel.setWordWrap(True)

        self.welcomeLayout.addWidget(self.introLabel)

        self.welcomeSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.welcomeLayout.addItem(self.welcomeSpacer)

        self.demoGroup = QGroupBox(SetupWelcome)
        self.demoGroup.setObjectName(u"demoGroup")
        self.demoLayout = QHBoxLayout(self.demoGroup)
        self.demoLayout.setObjectName(u"demoLayout")
        self.demoLabel = QLabel(self.demoGroup)
        self.demoLabel.setObjectName(u"demoLabel")
        self.demoLabel.setWordWrap(True)

        self.demoLayout.addWidget(self.demoLabel)

        self.demoButton = QPushButton(self.demoGroup)
        self.demoButton.setObjectName(u"demoButton")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.demoButton.sizePolicy().hasHeightForWidth())
        self.demoButton.setSizePolicy(sizePolicy)
        self.demoButton.setMinimumSize(QSize(170, 34))
        self.demoButton.setAutoDefault(False)

        self.demoLayout.addWidget(self.demoButton)


        self.welcomeLayout.addWidget(self.demoGroup)


        self.retranslateUi(SetupWelcome)

        QMetaObject.connectSlotsByName(SetupWelcome)
    # setupUi

    def retranslateUi(self, SetupWelcome):
        self.introLabel.setText(QCoreApplication.translate("SetupWelcome", u"<p>Superbill Desk keeps your practice and patient records on this computer and makes superbills your patients send to their insurer to be paid back.</p><p>Setting up takes a few minutes. Have these at hand:</p><ul><li>your NPI (10 digits)</li><li>your Tax ID: an EIN, or your Social Security number</li><li>your massage therapy license number</li><li>your usual fee for each service</li></ul><p>Everything can be changed later in Practice &gt; Settings.</p>", None))
        self.demoGroup.setTitle(QCoreApplication.translate("SetupWelcome", u"Just looking?", None))
        self.demoLabel.setText(QCoreApplication.translate("SetupWelcome", u"Open a made-up practice with sample patients, visits and superbills. It lives in its own folder: nothing you do there touches your own records.", None))
        self.demoButton.setText(QCoreApplication.translate("SetupWelcome", u"&Try with demo data", None))
        pass
    # retranslateUi
