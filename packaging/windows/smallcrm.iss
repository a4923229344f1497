; Inno Setup script for smallcrm on Windows: an installer for the folder that
; `python packaging\build.py` leaves in dist\smallcrm. Build it with Inno Setup 6:
;   iscc packaging\windows\smallcrm.iss
; (run from the top of the checkout; the installer is written to dist\installer).
; Installs for the current user by default (no administrator rights needed) and asks otherwise.

#define AppName "SmallCRM"
#define AppVersion "0.1.0"
#define Root "..\.."

[Setup]
AppId={{6C1F4B8E-5D2A-4E8B-9A57-3B1E0C2D7F41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The smallcrm authors
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile={#Root}\packaging\icons\app.ico
UninstallDisplayIcon={app}\smallcrm-window.exe
OutputDir={#Root}\dist\installer
OutputBaseFilename=smallcrm-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\smallcrm\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\smallcrm-window.exe"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\smallcrm-window.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\smallcrm-window.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
