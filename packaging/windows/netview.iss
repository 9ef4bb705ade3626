; Inno Setup 6 script: NetView-Setup-<version>.exe from the PyInstaller folder dist\netview\.
;
;   iscc /DAppVersion=0.1.0 packaging\windows\netview.iss
;
; Optional: /DAppNumericVersion=0.1.0.0 (file version, digits only; defaults to AppVersion),
;           /DSourceDir=..\..\dist\netview  /DIconFile=..\..\build\pyinstaller\netview\icons\netview.ico
;           /DOutputDir=..\..\dist\installer
; Paths are relative to this script. Signing is done outside (packaging\windows\sign.ps1), on the
; bundle before this runs and on the installer after, so unsigned builds need no extra setup.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\netview.iss
#endif
#ifndef AppNumericVersion
  #define AppNumericVersion AppVersion
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\netview"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\pyinstaller\netview\icons\netview.ico"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist\installer"
#endif

#define AppName "NetView"
#define AppPublisher "NetView"
#define AppURL "https://netview.app"
#define AppExeName "netview.exe"

[Setup]
; AppId identifies the product for upgrades and uninstall: never change it.
AppId={{9FC57C1A-4CF1-41EC-AADA-CCBDB32ADC13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppPublisherURL={#AppURL}
AppSupportURL={#AppURL}
AppCopyright=Copyright (C) {#AppPublisher}
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductVersion={#AppNumericVersion}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoDescription={#AppName} installer
VersionInfoCompany={#AppPublisher}
; Per-user install by default (no UAC prompt, into %LOCALAPPDATA%\Programs); the dialog lets
; an administrator choose an all-users install instead.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
OutputDir={#OutputDir}
OutputBaseFilename={#AppName}-Setup-{#AppVersion}
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; PySide6 6.x supports 64-bit Windows 10 and later only.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "A private map of your professional network"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Python may write caches next to the app; the user's database and settings live in their
; profile (AppData) and are deliberately left alone.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
