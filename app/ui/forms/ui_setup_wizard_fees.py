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
from PySide6.QtWidgets import (QApplication, QFormLayout, QLabel, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_SetupFees(object):
    def setupUi(self, SetupFees):
        if not SetupFees.objectName():
            SetupFees.setObjectName(u"SetupFees")
        SetupFees.resize(560, 360)
        self.feesPageLayout = QVBoxLayout(SetupFees)
        self.feesPageLayout.setObjectName(u"feesPageLayout")
        self.feesIntro = QLabel(SetupFees)
        self.feesIntro.setObjectName(u"feesIntro")
        self.feesIntro.setWordWrap(True)

        self.feesPageLayout.addWidget(self.feesIntro)

        self.feesLayout = QFormLayout()
        self.feesLayout.setObjectName(u"feesLayout")
        self.feesLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)

        self.feesPageLayout.addLayout(self.feesLayout)

        self.feesSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.feesPageLayout.addItem(self.feesSpacer)


        self.retranslateUi(SetupFees)

        QMetaObject.connectSlotsByName(SetupFees)
    # setupUi

    def retranslateUi(self, SetupFees):
        self.feesIntro.setText(QCoreApplication.translate("SetupFees", u"Your full fee, in dollars, before any discount: superbills must show the full fee. Timed services are charged per 15-minute unit, the others per session. Leave a service blank if you do not offer it; fees for other codes and for single payers are set later under Payers and fees.", None))
        pass
    # retranslateUi
