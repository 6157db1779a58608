; Inno Setup script of the Windows installer: per-user (no administrator rights), Start-menu
; entry, and .ropa files opening in ropa-desktop with their own icon.
;
; Build the bundle first (pyinstaller packaging\ropa.spec, see README "Build from source"), then
;   iscc /DAppVersion=0.1.0 packaging\windows\ropa-desktop.iss
; The installer is written to packaging\dist\ropa-desktop-<version>-setup.exe.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\ropa-desktop"
#endif
#define AppExe "ropa-desktop.exe"
#define ProgId "ropa-desktop.register"

[Setup]
AppId={{76FDDA57-86E9-401C-B553-5A462B6BECB5}
AppName=ropa-desktop
AppVersion={#AppVersion}
AppVerName=ropa-desktop {#AppVersion}
AppPublisher=ropa-desktop
; Per-user: installs into %LOCALAPPDATA%\Programs and writes only HKEY_CURRENT_USER.
PrivilegesRequired=lowest
DefaultDirName={autopf}\ropa-desktop
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir=..\dist
OutputBaseFilename=ropa-desktop-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\ropa-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=ropa-desktop
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "nb"; MessagesFile: "compiler:Languages\Norwegian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\resources\icons\ropa-document.ico"; DestDir: "{app}"; Flags: ignoreversion

[InstallDelete]
; A new version replaces the old bundle wholesale, so no stale library of it is loaded.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\ropa-desktop"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\ropa-desktop"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .ropa -> ropa-desktop.register (HKCU\Software\Classes: this user only, no admin rights needed)
Root: HKCU; Subkey: "Software\Classes\.ropa"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.ropa\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "ROPA register"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\ropa-document.ico,0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".ropa"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,ropa-desktop}"; Flags: nowait postinstall skipifsilent
