; NSIS 3 script for Superbill Desk's Windows installer: per user (no administrator rights), a
; Start-menu entry, an entry in Settings > Apps with an uninstaller that removes only the files it
; installed (never the data folder, %LOCALAPPDATA%\SuperbillDesk), and "Open with > Superbill Desk"
; for practice files (.json), which imports the file into the practice.
;
; Build (after PyInstaller has made dist\SuperbillDesk, see packaging/windows/README.md):
;   makensis /DAPP_VERSION=0.1.0 packaging\windows\SuperbillDesk.nsi
; Output: dist\SuperbillDesk-<version>-windows-setup.exe. SOURCE_DIR and OUTPUT_DIR (/D...) change
; where the bundle is read from and the installer written. tests/packaging/test_windows_installer.py
; compiles it with Debian's makensis against a stand-in folder; it is run on Windows only in CI.

Unicode true
ManifestDPIAware true

!ifndef APP_VERSION
  !define APP_VERSION "0.1.0"
!endif
!ifndef SOURCE_DIR
  !define SOURCE_DIR "..\..\dist\SuperbillDesk"
!endif
!ifndef OUTPUT_DIR
  !define OUTPUT_DIR "..\..\dist"
!endif
!define APP_NAME "Superbill Desk"
!define APP_KEY "SuperbillDesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_KEY}"
!define PROGID "SuperbillDesk.PracticeFile"

Name "${APP_NAME}"
OutFile "${OUTPUT_DIR}\SuperbillDesk-${APP_VERSION}-windows-setup.exe"
; Per user: %LOCALAPPDATA%\Programs, no UAC prompt, HKCU only.
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "Software\${APP_KEY}" "InstallDir"
SetCompressor /SOLID lzma
!if /FileExists "superbill-desk.ico"
  Icon "superbill-desk.ico"
  UninstallIcon "superbill-desk.ico"
!endif

VIProductVersion "${APP_VERSION}.0"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "FileDescription" "${APP_NAME} installer"
VIAddVersionKey "ProductVersion" "${APP_VERSION}"
VIAddVersionKey "FileVersion" "${APP_VERSION}"
VIAddVersionKey "LegalCopyright" "MIT licence"

!include "MUI2.nsh"
!define MUI_FINISHPAGE_RUN "$INSTDIR\SuperbillDesk.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; The program folder must never be the data folder (the uninstaller empties the program folder).
Function .onVerifyInstDir
  StrCmp $INSTDIR "$LOCALAPPDATA\${APP_KEY}" 0 +2
    Abort
FunctionEnd

Section "Superbill Desk" Main
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; An upgrade starts from a clean bundle: files a newer build no longer ships are removed.
  RMDir /r "$INSTDIR\_internal"
  File /r "${SOURCE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\SuperbillDesk.exe"

  WriteRegStr HKCU "Software\${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${APP_VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\SuperbillDesk.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1

  ; Practice files (.json): offered under "Open with", never made the default for every .json.
  ; The command imports the file (all or nothing) in a console that stays open to show the result.
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Superbill Desk practice file"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\SuperbillDesk.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open" "FriendlyAppName" "${APP_NAME} (import)"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$SYSDIR\cmd.exe" /k ""$INSTDIR\superbill.exe" import "%1""'
  WriteRegStr HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}" ""
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

; Removes what the installer wrote, by name: the program folder's own files, the shortcut and the
; registry entries. Never the data folder (%LOCALAPPDATA%\SuperbillDesk: the practice, its backups
; and key file) nor the log: a therapist who uninstalls keeps every record.
Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$INSTDIR\SuperbillDesk.exe"
  Delete "$INSTDIR\superbill.exe"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegValue HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APP_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
