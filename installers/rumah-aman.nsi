; Rumah Aman: the Windows installer (NSIS 3, Modern UI 2, 64-bit, per user, no admin rights).
;
;   makensis -NOCD -DVERSION=0.1.0 -DPAYLOAD=dist/rumah-aman -DOUTFILE=dist/RumahAman-Setup-0.1.0.exe
;            [-DICON=resources/icons/rumah-aman.ico] [-DVERSION_NUMERIC=0.1.0.0]
;            installers/rumah-aman.nsi
;
; PAYLOAD is PyInstaller's one-folder app (rumah-aman.exe and _internal\); all of it goes
; into $LOCALAPPDATA\Programs\RumahAman. The shelter's data lives elsewhere, in
; $LOCALAPPDATA\RumahAman (platformdirs' user_data_dir): neither an upgrade nor an
; uninstall touches it, unless the person uninstalling ticks the box that deletes it and
; then confirms the warning. A silent uninstall (/S) always keeps it.
; An upgrade runs the previous version's uninstaller silently (keeping the data), then
; installs in the same folder; the app migrates the database when it next starts.
; Installers built on Linux (make installer, installers/installer_test.sh) only prove
; that the script compiles and installs under wine; the release is built on Windows
; (installers/build-windows.ps1). See installers/README.md.

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef PAYLOAD
  !error "pass -DPAYLOAD=<PyInstaller one-folder app, e.g. dist/rumah-aman>"
!endif
!ifndef OUTFILE
  !error "pass -DOUTFILE=<the installer .exe to write>"
!endif

; makensis works in the script's folder (installers/) unless given -NOCD: relative paths
; need -NOCD to mean what they say (`make installer` and build-windows.ps1 pass it).
!if ! /FileExists "${PAYLOAD}\*"
  !error "PAYLOAD ${PAYLOAD} is not a folder (relative paths: makensis -NOCD, from the repository)"
!endif
!ifdef ICON
  !if ! /FileExists "${ICON}"
    !error "ICON ${ICON} not found (relative paths: makensis -NOCD, from the repository)"
  !endif
!endif

; VIProductVersion wants four numbers: 0.1.0 -> 0.1.0.0 (or pass -DVERSION_NUMERIC).
!ifndef VERSION_NUMERIC
  !searchparse /noerrors "${VERSION}" "" VERSION_MAJOR "." VERSION_MINOR "." VERSION_PATCH
  !ifndef VERSION_MINOR
    !define VERSION_MINOR 0
  !endif
  !ifndef VERSION_PATCH
    !define VERSION_PATCH 0
  !endif
  !define VERSION_NUMERIC "${VERSION_MAJOR}.${VERSION_MINOR}.${VERSION_PATCH}.0"
!endif

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
ManifestDPIAware true
RequestExecutionLevel user

!define APP_NAME "Rumah Aman"
!define PUBLISHER "Rumah Aman"
!define APP_EXE "rumah-aman.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\RumahAman"
!define DATA_DIR "$LOCALAPPDATA\RumahAman"
!define STARTMENU_DIR "$SMPROGRAMS\${APP_NAME}"
!define SHORTCUT "${APP_NAME}.lnk"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\RumahAman"
BrandingText "${APP_NAME} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "Sections.nsh"

Var OldInstDir    ; the folder of the installed version being upgraded, else ""
Var DirProblem    ; set by CheckInstDir: "" when $INSTDIR may be used

; ---------------------------------------------------------------- Modern UI settings

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING
!define MUI_COMPONENTSPAGE_SMALLDESC

; The language chosen in the dialog is kept in the uninstall key (gone with the program).
!define MUI_LANGDLL_REGISTRY_ROOT "HKCU"
!define MUI_LANGDLL_REGISTRY_KEY "${UNINST_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_LANGDLL_WINDOWTITLE "Bahasa / Language"
!define MUI_LANGDLL_INFO "Pilih bahasa instalasi.$\r$\nPlease select a language."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!define MUI_PAGE_CUSTOMFUNCTION_PRE DirectoryPre
!define MUI_PAGE_CUSTOMFUNCTION_LEAVE DirectoryLeave
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunApp)"
!insertmacro MUI_PAGE_FINISH

!define MUI_COMPONENTSPAGE_TEXT_TOP "$(UnComponentsTop)"
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; Indonesian first: the dialog's first entry, and the language of a silent install when
; Windows speaks neither (otherwise NSIS takes the one matching Windows' language).
!insertmacro MUI_LANGUAGE "Indonesian"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

; ---------------------------------------------------------------- our own strings

LangString SecProgramName ${LANG_INDONESIAN} "Program Rumah Aman"
LangString SecProgramName ${LANG_ENGLISH} "Rumah Aman program"
LangString SecProgramDesc ${LANG_INDONESIAN} "Program Rumah Aman beserta pintasannya di menu Start. Wajib dipasang."
LangString SecProgramDesc ${LANG_ENGLISH} "The Rumah Aman program and its Start menu shortcut. Required."
LangString SecDesktopName ${LANG_INDONESIAN} "Pintasan di desktop"
LangString SecDesktopName ${LANG_ENGLISH} "Desktop shortcut"
LangString SecDesktopDesc ${LANG_INDONESIAN} "Membuat pintasan Rumah Aman di desktop."
LangString SecDesktopDesc ${LANG_ENGLISH} "Puts a Rumah Aman shortcut on the desktop."
LangString RunApp ${LANG_INDONESIAN} "Buka Rumah Aman sekarang"
LangString RunApp ${LANG_ENGLISH} "Open Rumah Aman now"
LangString RemovingOld ${LANG_INDONESIAN} "Menghapus versi sebelumnya (data rumah aman tetap disimpan)..."
LangString RemovingOld ${LANG_ENGLISH} "Removing the previous version (the shelter's data is kept)..."
LangString OldUninstallFailed ${LANG_INDONESIAN} "Penghapus instalasi versi sebelumnya berakhir dengan kode"
LangString OldUninstallFailed ${LANG_ENGLISH} "The previous version's uninstaller ended with code"
LangString DirIsData ${LANG_INDONESIAN} "Folder ini adalah (atau berisi) folder data rumah aman:$\r$\n${DATA_DIR}$\r$\n$\r$\nPilih folder lain untuk programnya."
LangString DirIsData ${LANG_ENGLISH} "This folder is (or holds) the shelter's data folder:$\r$\n${DATA_DIR}$\r$\n$\r$\nChoose another folder for the program."
LangString DirNotEmpty ${LANG_INDONESIAN} "Folder ini sudah berisi berkas lain. Pilih folder yang kosong atau folder baru untuk Rumah Aman."
LangString DirNotEmpty ${LANG_ENGLISH} "This folder already holds other files. Choose an empty or new folder for Rumah Aman."

LangString UnSecDataName ${LANG_INDONESIAN} "Hapus juga data rumah aman (semua catatan penghuni)"
LangString UnSecDataName ${LANG_ENGLISH} "Also delete the shelter's data (all resident records)"
LangString UnSecDataDesc ${LANG_INDONESIAN} "Menghapus folder ${DATA_DIR}: basis data, kunci, dan cadangan yang tersimpan di sana. Biarkan tidak dicentang agar data tetap ada di PC ini."
LangString UnSecDataDesc ${LANG_ENGLISH} "Deletes the folder ${DATA_DIR}: the database, its keys and the backups kept there. Leave it unticked to keep the data on this PC."
LangString UnComponentsTop ${LANG_INDONESIAN} "Rumah Aman akan dihapus dari PC ini. Data rumah aman tetap disimpan, kecuali Anda mencentang kotak di bawah."
LangString UnComponentsTop ${LANG_ENGLISH} "Rumah Aman will be removed from this PC. The shelter's data is kept unless you tick the box below."
LangString UnDataWarning ${LANG_INDONESIAN} "Hapus semua data rumah aman dari PC ini?$\r$\n$\r$\nSemua catatan penghuni di ${DATA_DIR} akan hilang dari PC ini, termasuk cadangan yang tersimpan di folder itu. Memasang ulang program tidak akan mengembalikannya.$\r$\n$\r$\nCadangan yang disimpan di tempat lain (berkas .rabackup) setelah itu hanya bisa dibuka dengan kunci pemulihan (atau frasa sandi cadangan itu). Pastikan Anda menyimpan cadangan terbaru beserta kunci pemulihannya.$\r$\n$\r$\nYakin ingin menghapus datanya?"
LangString UnDataWarning ${LANG_ENGLISH} "Delete all of the shelter's data from this PC?$\r$\n$\r$\nAll resident records in ${DATA_DIR} will be gone from this PC, with the backups kept in that folder. Installing the program again will not bring them back.$\r$\n$\r$\nBackups kept elsewhere (.rabackup files) can then only be opened with the recovery key (or that backup's passphrase). Make sure you have a recent backup and the recovery key.$\r$\n$\r$\nDelete the data?"
LangString UnDataDeleted ${LANG_INDONESIAN} "Data rumah aman dihapus:"
LangString UnDataDeleted ${LANG_ENGLISH} "The shelter's data was deleted:"
LangString UnDataKept ${LANG_INDONESIAN} "Data rumah aman tetap disimpan di"
LangString UnDataKept ${LANG_ENGLISH} "The shelter's data is kept in"

VIProductVersion "${VERSION_NUMERIC}"
VIFileVersion "${VERSION_NUMERIC}"
!macro VERSION_KEYS LANG
  VIAddVersionKey /LANG=${LANG} "ProductName" "${APP_NAME}"
  VIAddVersionKey /LANG=${LANG} "CompanyName" "${PUBLISHER}"
  VIAddVersionKey /LANG=${LANG} "FileDescription" "${APP_NAME} Setup"
  VIAddVersionKey /LANG=${LANG} "FileVersion" "${VERSION}"
  VIAddVersionKey /LANG=${LANG} "ProductVersion" "${VERSION}"
  VIAddVersionKey /LANG=${LANG} "LegalCopyright" "${PUBLISHER}"
!macroend
!insertmacro VERSION_KEYS ${LANG_INDONESIAN}
!insertmacro VERSION_KEYS ${LANG_ENGLISH}

; ---------------------------------------------------------------- folder checks

; Is the path on the stack (top: CHILD, below: PARENT) PARENT itself or inside it?
; Pushes 1 or 0. Case-insensitive, as Windows paths are.
!macro IS_WITHIN_FUNCTION PREFIX
  Function ${PREFIX}IsWithin
    Exch $1 ; child
    Exch
    Exch $0 ; parent
    Push $2
    Push $3
    StrLen $2 $0
    StrCpy $3 $1 $2
    ${If} $3 == $0
      StrCpy $3 $1 1 $2
      ${If} $3 == ""
      ${OrIf} $3 == "\"
        StrCpy $0 1
      ${Else}
        StrCpy $0 0
      ${EndIf}
    ${Else}
      StrCpy $0 0
    ${EndIf}
    Pop $3
    Pop $2
    Exch $0 ; the answer on the stack, $0 as it was
    Exch
    Pop $1
  FunctionEnd
!macroend
!insertmacro IS_WITHIN_FUNCTION ""
!insertmacro IS_WITHIN_FUNCTION "un."

; The program gets a folder of its own: never the data folder, never a folder that holds
; it ($LOCALAPPDATA, the profile, C:\), never a folder with someone else's files in it
; (the uninstaller removes the program's folder as a whole).
Function CheckInstDir
  StrCpy $DirProblem ""
  Push "${DATA_DIR}"
  Push "$INSTDIR"
  Call IsWithin
  Pop $0
  Push "$INSTDIR"
  Push "${DATA_DIR}"
  Call IsWithin
  Pop $1
  ${If} $0 == 1
  ${OrIf} $1 == 1
    StrCpy $DirProblem "$(DirIsData)"
    Return
  ${EndIf}
  ; An existing folder must be empty, or be Rumah Aman's (the installed version's folder,
  ; or one still holding the program that an earlier uninstall could not fully remove).
  ${If} ${FileExists} "$INSTDIR\*.*"
  ${AndIfNot} $INSTDIR == $OldInstDir
  ${AndIfNot} ${FileExists} "$INSTDIR\${APP_EXE}"
    ${DirState} "$INSTDIR" $0
    ${If} $0 == 1
      StrCpy $DirProblem "$(DirNotEmpty)"
    ${EndIf}
  ${EndIf}
FunctionEnd

Function DirectoryPre
  ; An upgrade goes where the installed version is.
  ${If} $OldInstDir != ""
    Abort
  ${EndIf}
FunctionEnd

Function DirectoryLeave
  Call CheckInstDir
  ${If} $DirProblem != ""
    MessageBox MB_OK|MB_ICONEXCLAMATION "$DirProblem"
    Abort
  ${EndIf}
FunctionEnd

; ---------------------------------------------------------------- installer

Section "$(SecProgramName)" SecProgram
  SectionIn RO

  ; Again here: /S and /D= skip the directory page.
  Call CheckInstDir
  ${If} $DirProblem != ""
    DetailPrint "$DirProblem"
    MessageBox MB_OK|MB_ICONSTOP "$DirProblem" /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}

  ; Upgrade: the old uninstaller, silently (it keeps the data), waiting for it (_?=), in
  ; the old folder; it cannot delete itself while it runs, so that is done here.
  ${If} $OldInstDir != ""
  ${AndIf} ${FileExists} "$OldInstDir\uninstall.exe"
    DetailPrint "$(RemovingOld)"
    ClearErrors
    ExecWait '"$OldInstDir\uninstall.exe" /S _?=$OldInstDir' $0
    ${If} ${Errors}
    ${OrIf} $0 != 0
      DetailPrint "$(OldUninstallFailed) $0"
    ${EndIf}
    Delete "$OldInstDir\uninstall.exe"
    RMDir "$OldInstDir"
  ${EndIf}

  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "${STARTMENU_DIR}"
  CreateShortcut "${STARTMENU_DIR}\${SHORTCUT}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKCU "${UNINST_KEY}" "InstallerLanguage" "$LANGUAGE"
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  SectionGetSize ${SecProgram} $0 ; KB, as EstimatedSize wants
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section "$(SecDesktopName)" SecDesktop
  CreateShortcut "$DESKTOP\${SHORTCUT}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecProgram} "$(SecProgramDesc)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "$(SecDesktopDesc)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function .onInit
  SetShellVarContext current
  !insertmacro MUI_LANGDLL_DISPLAY

  ; An installed version: where (InstallLocation, else the UninstallString's folder).
  StrCpy $OldInstDir ""
  ReadRegStr $0 HKCU "${UNINST_KEY}" "InstallLocation"
  ${If} $0 == ""
    ReadRegStr $0 HKCU "${UNINST_KEY}" "UninstallString"
    ${If} $0 != ""
      StrCpy $1 $0 1
      ${If} $1 == '"'
        StrCpy $0 $0 "" 1
        StrCpy $0 $0 -1
      ${EndIf}
      ${GetParent} "$0" $0
    ${EndIf}
  ${EndIf}
  ${If} $0 != ""
  ${AndIf} ${FileExists} "$0\uninstall.exe"
    StrCpy $OldInstDir $0
    StrCpy $INSTDIR $0
    ; Keep the choice made last time about the desktop shortcut.
    ${IfNot} ${FileExists} "$DESKTOP\${SHORTCUT}"
      !insertmacro UnselectSection ${SecDesktop}
    ${EndIf}
  ${EndIf}
FunctionEnd

; ---------------------------------------------------------------- uninstaller

Section "-un.Program"
  Delete "${STARTMENU_DIR}\${SHORTCUT}"
  RMDir "${STARTMENU_DIR}"
  Delete "$DESKTOP\${SHORTCUT}"

  ; The folder is the program's own (the installer saw to it); the checks are a guard
  ; against a tampered InstallLocation or uninstaller copied elsewhere. Without them the
  ; uninstaller removes only what a PyInstaller one-folder app consists of.
  Push "$INSTDIR"
  Push "${DATA_DIR}"
  Call un.IsWithin
  Pop $0
  Push "${DATA_DIR}"
  Push "$INSTDIR"
  Call un.IsWithin
  Pop $1
  StrLen $2 "$INSTDIR"
  ${If} $0 == 0
  ${AndIf} $1 == 0
  ${AndIf} $2 > 3
  ${AndIfNot} $INSTDIR == "$LOCALAPPDATA\Programs"
  ${AndIfNot} $INSTDIR == "$APPDATA"
  ${AndIfNot} $INSTDIR == "$DESKTOP"
  ${AndIfNot} $INSTDIR == "$DOCUMENTS"
  ${AndIfNot} $INSTDIR == "$PROGRAMFILES"
  ${AndIfNot} $INSTDIR == "$PROGRAMFILES64"
  ${AndIfNot} $INSTDIR == "$WINDIR"
    RMDir /r "$INSTDIR"
  ${Else}
    RMDir /r "$INSTDIR\_internal"
    Delete "$INSTDIR\${APP_EXE}"
    Delete "$INSTDIR\rumah-aman-cli.exe"
    Delete "$INSTDIR\uninstall.exe"
    RMDir "$INSTDIR"
  ${EndIf}

  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd

; Unticked unless the person uninstalling ticks it and confirms the warning
; (un.onSelChange); /S shows no page, and this section never runs silently anyway.
Section /o "un.$(UnSecDataName)" UnSecData
  ${If} ${Silent}
    Return
  ${EndIf}
  RMDir /r "${DATA_DIR}"
  DetailPrint "$(UnDataDeleted) ${DATA_DIR}"
SectionEnd

Section "-un.Report"
  ${If} ${FileExists} "${DATA_DIR}\*.*"
    DetailPrint "$(UnDataKept) ${DATA_DIR}"
  ${EndIf}
SectionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecData} "$(UnSecDataDesc)"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END

; The warning comes the moment the box is ticked; "No" (the default) unticks it again.
Function un.onSelChange
  ${If} $0 == ${UnSecData}
  ${AndIf} ${SectionIsSelected} ${UnSecData}
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(UnDataWarning)" IDYES confirmed
    !insertmacro UnselectSection ${UnSecData}
    confirmed:
  ${EndIf}
FunctionEnd

Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
  ; Never in silent mode, whatever the command line.
  ${If} ${Silent}
    !insertmacro UnselectSection ${UnSecData}
  ${EndIf}
FunctionEnd
