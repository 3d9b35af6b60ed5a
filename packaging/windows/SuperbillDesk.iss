; Inno Setup 6 script for Superbill Desk: a per-user install (no administrator rights), a Start-menu
; shortcut and an uninstaller. NOT RUN HERE: written against the Inno Setup 6 documentation
; (jrsoftware.org/ishelp) and reviewed, but only the Linux bundle can be built on our CI machine.
;
; Build (on Windows, from the repository root, see packaging/windows/README.md):
;   py -3.11 -m venv build\venv && build\venv\Scripts\pip install ".[build]"
;   build\venv\Scripts\pyinstaller --noconfirm --clean build.spec
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\SuperbillDesk.iss
; Output: dist\SuperbillDesk-<version>-windows-setup.exe

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
; A fixed AppId: an upgrade replaces the installed version instead of installing beside it.
AppId={{6C0E2B8A-3F2D-4B7E-9C1A-5D8E4F2A7B31}
AppName=Superbill Desk
AppVersion={#AppVersion}
AppPublisher=Superbill Desk
AppVerName=Superbill Desk {#AppVersion}
; Non administrative install mode: {autopf} is the user's own Programs folder
; (%LOCALAPPDATA%\Programs), shortcuts go to the user's Start menu, no UAC prompt.
PrivilegesRequired=lowest
DefaultDirName={autopf}\Superbill Desk
DefaultGroupName=Superbill Desk
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\SuperbillDesk.exe
UninstallDisplayName=Superbill Desk
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=SuperbillDesk-{#AppVersion}-windows-setup
SetupIconFile=superbill-desk.ico
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running Superbill Desk before its files are replaced.
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade starts from a clean program folder (files a newer build no longer ships are removed).
; Only the program folder: the practice data is in %LOCALAPPDATA%\SuperbillDesk, elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\SuperbillDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Superbill Desk"; Filename: "{app}\SuperbillDesk.exe"
Name: "{autodesktop}\Superbill Desk"; Filename: "{app}\SuperbillDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\SuperbillDesk.exe"; Description: "{cm:LaunchProgram,Superbill Desk}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only what Setup installed. The therapist's records
; (%LOCALAPPDATA%\SuperbillDesk), backups and settings are never removed by an upgrade or uninstall.
