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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QFrame, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_ProviderForm(object):
    def setupUi(self, ProviderForm):
        if not ProviderForm.objectName():
            ProviderForm.setObjectName(u"ProviderForm")
        ProviderForm.resize(560, 820)
        self.providerLayout = QVBoxLayout(ProviderForm)
        self.providerLayout.setObjectName(u"providerLayout")
        self.identityGroup = QGroupBox(ProviderForm)
        self.identityGroup.setObjectName(u"identityGroup")
        self.identityLayout = QFormLayout(self.identityGroup)
        self.identityLayout.setObjectName(u"identityLayout")
        self.identityLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.firstNameLabel = QLabel(self.identityGroup)
        self.firstNameLabel.setObjectName(u"firstNameLabel")

        self.identityLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.firstNameLabel)

        self.firstNameEdit = QLineEdit(self.identityGroup)
        self.firstNameEdit.setObjectName(u"firstNameEdit")

        self.identityLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.firstNameEdit)

        self.lastNameLabel = QLabel(self.identityGroup)
        self.lastNameLabel.setObjectName(u"lastNameLabel")

        self.identityLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.lastNameLabel)

        self.lastNameEdit = QLineEdit(self.identityGroup)
        self.lastNameEdit.setObjectName(u"lastNameEdit")

        self.identityLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.lastNameEdit)

        self.credentialsLabel = QLabel(self.identityGroup)
        self.credentialsLabel.setObjectName(u"credentialsLabel")

        self.identityLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.credentialsLabel)

        self.credentialsEdit = QLineEdit(self.identityGroup)
        self.credentialsEdit.setObjectName(u"credentialsEdit")

        self.identityLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.credentialsEdit)

        self.practiceNameLabel = QLabel(self.identityGroup)
        self.practiceNameLabel.setObjectName(u"practiceNameLabel")

        self.identityLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.practiceNameLabel)

        self.practiceNameEdit = QLineEdit(self.identityGroup)
        self.practiceNameEdit.setObjectName(u"practiceNameEdit")

        self.identityLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.practiceNameEdit)

        self.npiLabel = QLabel(self.identityGroup)
        self.npiLabel.setObjectName(u"npiLabel")

        self.identityLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.npiLabel)

        self.npiEdit = QLineEdit(self.identityGroup)
        self.npiEdit.setObjectName(u"npiEdit")
        self.npiEdit.setMaxLength(14)

        self.identityLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.npiEdit)

        self.npiProblem = QLabel(self.identityGroup)
        self.npiProblem.setObjectName(u"npiProblem")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.npiProblem.sizePolicy().hasHeightForWidth())
        self.npiProblem.setSizePolicy(sizePolicy)
        self.npiProblem.setWordWrap(True)

        self.identityLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.npiProblem)

        self.orgNpiLabel = QLabel(self.identityGroup)
        self.orgNpiLabel.setObjectName(u"orgNpiLabel")

        self.identityLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.orgNpiLabel)

        self.orgNpiEdit = QLineEdit(self.identityGroup)
        self.orgNpiEdit.setObjectName(u"orgNpiEdit")
        self.orgNpiEdit.setMaxLength(14)

        self.identityLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.orgNpiEdit)

        self.orgNpiProblem = QLabel(self.identityGroup)
        self.orgNpiProblem.setObjectName(u"orgNpiProblem")
        sizePolicy.setHeightForWidth(self.orgNpiProblem.sizePolicy().hasHeightForWidth())
        self.orgNpiProblem.setSizePolicy(sizePolicy)
        self.orgNpiProblem.setWordWrap(True)

        self.identityLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.orgNpiProblem)

        self.taxIdLabel = QLabel(self.identityGroup)
        self.taxIdLabel.setObjectName(u"taxIdLabel")

        self.identityLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.taxIdLabel)

        self.taxIdRow = QHBoxLayout()
        self.taxIdRow.setObjectName(u"taxIdRow")
        self.taxIdTypeCombo = QComboBox(self.identityGroup)
        self.taxIdTypeCombo.addItem("")
        self.taxIdTypeCombo.addItem("")
        self.taxIdTypeCombo.setObjectName(u"taxIdTypeCombo")

        self.taxIdRow.addWidget(self.taxIdTypeCombo)

        self.taxIdEdit = QLineEdit(self.identityGroup)
        self.taxIdEdit.setObjectName(u"taxIdEdit")
        self.taxIdEdit.setMaxLength(15)

        self.taxIdRow.addWidget(self.taxIdEdit)


        self.identityLayout.setLayout(8, QFormLayout.ItemRole.FieldRole, self.taxIdRow)

        self.taxIdProblem = QLabel(self.identityGroup)
        self.taxIdProblem.setObjectName(u"taxIdProblem")
        sizePolicy.setHeightForWidth(self.taxIdProblem.sizePolicy().hasHeightForWidth())
        self.taxIdProblem.setSizePolicy(sizePolicy)
        self.taxIdProblem.setWordWrap(True)

        self.identityLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.taxIdProblem)

        self.printFullSsnCheck = QCheckBox(self.identityGroup)
        self.printFullSsnCheck.setObjectName(u"printFullSsnCheck")

        self.identityLayout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.printFullSsnCheck)

        self.licenseNumberLabel = QLabel(self.identityGroup)
        self.licenseNumberLabel.setObjectName(u"licenseNumberLabel")

        self.identityLayout.setWidget(11, QFormLayout.ItemRole.LabelRole, self.licenseNumberLabel)

        self.licenseNumberEdit = QLineEdit(self.identityGroup)
        self.licenseNumberEdit.setObjectName(u"licenseNumberEdit")

        self.identityLayout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.licenseNumberEdit)

        self.licenseStateLabel = QLabel(self.identityGroup)
        self.licenseStateLabel.setObjectName(u"licenseStateLabel")

        self.identityLayout.setWidget(12, QFormLayout.ItemRole.LabelRole, self.licenseStateLabel)

        self.licenseStateCombo = QComboBox(self.identityGroup)
        self.licenseStateCombo.setObjectName(u"licenseStateCombo")
        self.licenseStateCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.identityLayout.setWidget(12, QFormLayout.ItemRole.FieldRole, self.licenseStateCombo)

        self.taxonomyLabel = QLabel(self.identityGroup)
        self.taxonomyLabel.setObjectName(u"taxonomyLabel")

        self.identityLayout.setWidget(13, QFormLayout.ItemRole.LabelRole, self.taxonomyLabel)

        self.taxonomyEdit = QLineEdit(self.identityGroup)
        self.taxonomyEdit.setObjectName(u"taxonomyEdit")
        self.taxonomyEdit.setMaxLength(10)

        self.identityLayout.setWidget(13, QFormLayout.ItemRole.FieldRole, self.taxonomyEdit)

        self.taxonomyProblem = QLabel(self.identityGroup)
        self.taxonomyProblem.setObjectName(u"taxonomyProblem")
        sizePolicy.setHeightForWidth(self.taxonomyProblem.sizePolicy().hasHeightForWidth())
        self.taxonomyProblem.setSizePolicy(sizePolicy)
        self.taxonomyProblem.setWordWrap(True)

        self.identityLayout.setWidget(14, QFormLayout.ItemRole.FieldRole, self.taxonomyProblem)


        self.providerLayout.addWidget(self.identityGroup)

        self.contactGroup = QGroupBox(ProviderForm)
        self.contactGroup.setObjectName(u"contactGroup")
        self.contactLayout = QFormLayout(self.contactGroup)
        self.contactLayout.setObjectName(u"contactLayout")
        self.contactLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.line1Label = QLabel(self.contactGroup)
        self.line1Label.setObjectName(u"line1Label")

        self.contactLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.line1Label)

        self.line1Edit = QLineEdit(self.contactGroup)
        self.line1Edit.setObjectName(u"line1Edit")

        self.contactLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.line1Edit)

        self.line2Label = QLabel(self.contactGroup)
        self.line2Label.setObjectName(u"line2Label")

        self.contactLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.line2Label)

        self.line2Edit = QLineEdit(self.contactGroup)
        self.line2Edit.setObjectName(u"line2Edit")

        self.contactLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.line2Edit)

        self.cityLabel = QLabel(self.contactGroup)
        self.cityLabel.setObjectName(u"cityLabel")

        self.contactLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.cityLabel)

        self.cityEdit = QLineEdit(self.contactGroup)
        self.cityEdit.setObjectName(u"cityEdit")

        self.contactLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.cityEdit)

        self.addressStateLabel = QLabel(self.contactGroup)
        self.addressStateLabel.setObjectName(u"addressStateLabel")

        self.contactLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.addressStateLabel)

        self.stateZipRow = QHBoxLayout()
        self.stateZipRow.setObjectName(u"stateZipRow")
        self.addressStateCombo = QComboBox(self.contactGroup)
        self.addressStateCombo.setObjectName(u"addressStateCombo")
        self.addressStateCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.stateZipRow.addWidget(self.addressStateCombo)

        self.zipLabel = QLabel(self.contactGroup)
        self.zipLabel.setObjectName(u"zipLabel")

        self.stateZipRow.addWidget(self.zipLabel)

        self.zipEdit = QLineEdit(self.contactGroup)
        self.zipEdit.setObjectName(u"zipEdit")
        self.zipEdit.setMaxLength(10)

        self.stateZipRow.addWidget(self.zipEdit)


        self.contactLayout.setLayout(3, QFormLayout.ItemRole.FieldRole, self.stateZipRow)

        self.zipProblem = QLabel(self.contactGroup)
        self.zipProblem.setObjectName(u"zipProblem")
        sizePolicy.setHeightForWidth(self.zipProblem.sizePolicy().hasHeightForWidth())
        self.zipProblem.setSizePolicy(sizePolicy)
        self.zipProblem.setWordWrap(True)

        self.contactLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.zipProblem)

        self.phoneLabel = QLabel(self.contactGroup)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.contactLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(self.contactGroup)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.contactLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.phoneProblem = QLabel(self.contactGroup)
        self.phoneProblem.setObjectName(u"phoneProblem")
        sizePolicy.setHeightForWidth(self.phoneProblem.sizePolicy().hasHeightForWidth())
        self.phoneProblem.setSizePolicy(sizePolicy)
        self.phoneProblem.setWordWrap(True)

        self.contactLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.phoneProblem)

        self.emailLabel = QLabel(self.contactGroup)
        self.emailLabel.setObjectName(u"emailLabel")

        self.contactLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.emailEdit = QLineEdit(self.contactGroup)
        self.emailEdit.setObjectName(u"emailEdit")

        self.contactLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.emailEdit)

        self.emailProblem = QLabel(self.contactGroup)
        self.emailProblem.setObjectName(u"emailProblem")
        sizePolicy.setHeightForWidth(self.emailProblem.sizePolicy().hasHeightForWidth())
        self.emailProblem.setSizePolicy(sizePolicy)
        self.emailProblem.setWordWrap(True)

        self.contactLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.emailProblem)

        self.placeOfServiceLabel = QLabel(self.contactGroup)
        self.placeOfServiceLabel.setObjectName(u"placeOfServiceLabel")

        self.contactLayout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.placeOfServiceLabel)

        self.placeOfServiceCombo = QComboBox(self.contactGroup)
        self.placeOfServiceCombo.setObjectName(u"placeOfServiceCombo")
        self.placeOfServiceCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.contactLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.placeOfServiceCombo)


        self.providerLayout.addWidget(self.contactGroup)

        self.signatureGroup = QGroupBox(ProviderForm)
        self.signatureGroup.setObjectName(u"signatureGroup")
        self.signatureLayout = QVBoxLayout(self.signatureGroup)
        self.signatureLayout.setObjectName(u"signatureLayout")
        self.signatureHelp = QLabel(self.signatureGroup)
        self.signatureHelp.setObjectName(u"signatureHelp")
        self.signatureHelp.setWordWrap(True)

        self.signatureLayout.addWidget(self.signatureHelp)

        self.signatureRow = QHBoxLayout()
        self.signatureRow.setObjectName(u"signatureRow")
        self.signaturePreview = QLabel(self.signatureGroup)
        self.signaturePreview.setObjectName(u"signaturePreview")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.signaturePreview.sizePolicy().hasHeightForWidth())
        self.signaturePreview.setSizePolicy(sizePolicy1)
        self.signaturePreview.setMinimumSize(QSize(300, 100))
        self.signaturePreview.setFrameShape(QFrame.Shape.StyledPanel)
        self.signaturePreview.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.signatureRow.addWidget(self.signaturePreview, 0, Qt.AlignmentFlag.AlignTop)

        self.signatureButtons = QVBoxLayout()
        self.signatureButtons.setObjectName(u"signatureButtons")
        self.chooseSignatureButton = QPushButton(self.signatureGroup)
        self.chooseSignatureButton.setObjectName(u"chooseSignatureButton")
        self.chooseSignatureButton.setAutoDefault(False)

        self.signatureButtons.addWidget(self.chooseSignatureButton)

        self.removeSignatureButton = QPushButton(self.signatureGroup)
        self.removeSignatureButton.setObjectName(u"removeSignatureButton")
        self.removeSignatureButton.setAutoDefault(False)

        self.signatureButtons.addWidget(self.removeSignatureButton)

        self.signatureButtonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.signatureButtons.addItem(self.signatureButtonsSpacer)


        self.signatureRow.addLayout(self.signatureButtons)

        self.signatureRowSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.signatureRow.addItem(self.signatureRowSpacer)


        self.signatureLayout.addLayout(self.signatureRow)

        self.signatureSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.signatureLayout.addItem(self.signatureSpacer)


        self.providerLayout.addWidget(self.signatureGroup)

#if QT_CONFIG(shortcut)
        self.firstNameLabel.setBuddy(self.firstNameEdit)
        self.lastNameLabel.setBuddy(self.lastNameEdit)
        self.credentialsLabel.setBuddy(self.credentialsEdit)
        self.practiceNameLabel.setBuddy(self.practiceNameEdit)
        self.npiLabel.setBuddy(self.npiEdit)
        self.orgNpiLabel.setBuddy(self.orgNpiEdit)
        self.taxIdLabel.setBuddy(self.taxIdEdit)
        self.licenseNumberLabel.setBuddy(self.licenseNumberEdit)
        self.licenseStateLabel.setBuddy(self.licenseStateCombo)
        self.taxonomyLabel.setBuddy(self.taxonomyEdit)
        self.line1Label.setBuddy(self.line1Edit)
        self.line2Label.setBuddy(self.line2Edit)
        self.cityLabel.setBuddy(self.cityEdit)
        self.addressStateLabel.setBuddy(self.addressStateCombo)
        self.zipLabel.setBuddy(self.zipEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.emailLabel.setBuddy(self.emailEdit)
        self.placeOfServiceLabel.setBuddy(self.placeOfServiceCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.firstNameEdit, self.lastNameEdit)
        QWidget.setTabOrder(self.lastNameEdit, self.credentialsEdit)
        QWidget.setTabOrder(self.credentialsEdit, self.practiceNameEdit)
        QWidget.setTabOrder(self.practiceNameEdit, self.npiEdit)
        QWidget.setTabOrder(self.npiEdit, self.orgNpiEdit)
        QWidget.setTabOrder(self.orgNpiEdit, self.taxIdTypeCombo)
        QWidget.setTabOrder(self.taxIdTypeCombo, self.taxIdEdit)
        QWidget.setTabOrder(self.taxIdEdit, self.printFullSsnCheck)
        QWidget.setTabOrder(self.printFullSsnCheck, self.licenseNumberEdit)
        QWidget.setTabOrder(self.licenseNumberEdit, self.licenseStateCombo)
        QWidget.setTabOrder(self.licenseStateCombo, self.taxonomyEdit)
        QWidget.setTabOrder(self.taxonomyEdit, self.line1Edit)
        QWidget.setTabOrder(self.line1Edit, self.line2Edit)
        QWidget.setTabOrder(self.line2Edit, self.cityEdit)
        QWidget.setTabOrder(self.cityEdit, self.addressStateCombo)
        QWidget.setTabOrder(self.addressStateCombo, self.zipEdit)
        QWidget.setTabOrder(self.zipEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.emailEdit)
        QWidget.setTabOrder(self.emailEdit, self.placeOfServiceCombo)
        QWidget.setTabOrder(self.placeOfServiceCombo, self.chooseSignatureButton)
        QWidget.setTabOrder(self.chooseSignatureButton, self.removeSignatureButton)

        self.retranslateUi(ProviderForm)

        QMetaObject.connectSlotsByName(ProviderForm)
    # setupUi

    def retranslateUi(self, ProviderForm):
        ProviderForm.setWindowTitle(QCoreApplication.translate("ProviderForm", u"Practice profile", None))
        self.identityGroup.setTitle(QCoreApplication.translate("ProviderForm", u"Practitioner and practice", None))
        self.firstNameLabel.setText(QCoreApplication.translate("ProviderForm", u"&First name", None))
        self.firstNameEdit.setPlaceholderText(QCoreApplication.translate("ProviderForm", u"As on your license", None))
        self.lastNameLabel.setText(QCoreApplication.translate("ProviderForm", u"&Last name", None))
        self.credentialsLabel.setText(QCoreApplication.translate("ProviderForm", u"&Credentials", None))
        self.credentialsEdit.setPlaceholderText(QCoreApplication.translate("ProviderForm", u"Letters after your name, such as LMT", None))
        self.practiceNameLabel.setText(QCoreApplication.translate("ProviderForm", u"&Practice name", None))
        self.practiceNameEdit.setPlaceholderText(QCoreApplication.translate("ProviderForm", u"Optional", None))
        self.npiLabel.setText(QCoreApplication.translate("ProviderForm", u"NP&I (individual)", None))
        self.npiEdit.setPlaceholderText(QCoreApplication.translate("ProviderForm", u"10 digits, from npiregistry.cms.hhs.gov", None))
        self.orgNpiLabel.setText(QCoreApplication.translate("ProviderForm", u"&Organization NPI", None))
        self.orgNpiEdit.setPlaceholderText(QCoreApplication.translate("ProviderForm", u"Optional: only if your practice has its own (Type 2)", None))
        self.taxIdLabel.setText(QCoreApplication.translate("ProviderForm", u"&Tax ID", None))
#if QT_CONFIG(tooltip)
        self.taxIdLabel.setToolTip(QCoreApplication.translate("ProviderForm", u"Alt+T goes to the number; its kind (EIN or SSN) is just before it (Shift+Tab)", None))
#endif // QT_CONFIG(tooltip)
        self.taxIdTypeCombo.setItemText(0, QCoreApplication.translate("ProviderForm", u"EIN", None))
        self.taxIdTypeCombo.setItemText(1, QCoreApplication.translate("ProviderForm", u"SSN", None))

#if QT_CONFIG(tooltip)
        self.taxIdTypeCombo.setToolTip(QCoreApplication.translate("ProviderForm", u"An EIN is preferred; an SSN is printed masked unless you allow it in full", None))
#endif // QT_CONFIG(tooltip)
        self.taxIdEdit.setPlaceholderText(QCoreApplication.translate("ProviderForm", u"9 digits", None))
        self.printFullSsnCheck.setText(QCoreApplication.translate("ProviderForm", u"Print &my full SSN on superbills (otherwise only its last four digits)", None))
        self.licenseNumberLabel.setText(QCoreApplication.translate("ProviderForm", u"License n&umber", None))
        self.licenseNumberEdit.setPlaceholderText(QCoreApplication.translate("ProviderForm", u"As your state board shows it", None))
        self.licenseStateLabel.setText(QCoreApplication.translate("ProviderForm", u"License &state", None))
        self.licenseStateCombo.setPlaceholderText(QCoreApplication.translate("ProviderForm", u"Choose a state", None))
        self.taxonomyLabel.setText(QCoreApplication.translate("ProviderForm", u"Ta&xonomy code", None))
        self.taxonomyEdit.setPlaceholderText(QCoreApplication.translate("ProviderForm", u"225700000X (Massage Therapist)", None))
        self.contactGroup.setTitle(QCoreApplication.translate("ProviderForm", u"Address and contact", None))
        self.line1Label.setText(QCoreApplication.translate("ProviderForm", u"&Street address", None))
        self.line1Edit.setPlaceholderText(QCoreApplication.translate("ProviderForm", u"Where you see patients", None))
        self.line2Label.setText(QCoreApplication.translate("ProviderForm", u"Address line &2", None))
        self.line2Edit.setPlaceholderText(QCoreApplication.translate("ProviderForm", u"Optional: suite, floor", None))
        self.cityLabel.setText(QCoreApplication.translate("ProviderForm", u"Cit&y", None))
        self.addressStateLabel.setText(QCoreApplication.translate("ProviderForm", u"St&ate", None))
        self.addressStateCombo.setPlaceholderText(QCoreApplication.translate("ProviderForm", u"Choose a state", None))
        self.zipLabel.setText(QCoreApplication.translate("ProviderForm", u"&ZIP code", None))
        self.zipEdit.setPlaceholderText(QCoreApplication.translate("ProviderForm", u"5 digits", None))
        self.phoneLabel.setText(QCoreApplication.translate("ProviderForm", u"&Phone", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("ProviderForm", u"10 digits, with the area code", None))
        self.emailLabel.setText(QCoreApplication.translate("ProviderForm", u"&Email", None))
        self.emailEdit.setPlaceholderText(QCoreApplication.translate("ProviderForm", u"Optional", None))
        self.placeOfServiceLabel.setText(QCoreApplication.translate("ProviderForm", u"Usual place of ser&vice", None))
#if QT_CONFIG(tooltip)
        self.placeOfServiceCombo.setToolTip(QCoreApplication.translate("ProviderForm", u"The place of service code new visits start with; you can change it per visit", None))
#endif // QT_CONFIG(tooltip)
        self.signatureGroup.setTitle(QCoreApplication.translate("ProviderForm", u"Signature (optional)", None))
        self.signatureHelp.setText(QCoreApplication.translate("ProviderForm", u"A scan or photo of your signature in dark ink on white paper (PNG or JPEG). It is printed on every superbill above your name. Without one, superbills have a line for you to sign by hand.", None))
        self.chooseSignatureButton.setText(QCoreApplication.translate("ProviderForm", u"Choose &image\u2026", None))
        self.removeSignatureButton.setText(QCoreApplication.translate("ProviderForm", u"&Remove", None))
    # retranslateUi
