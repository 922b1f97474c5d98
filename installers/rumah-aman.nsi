; Rumah Aman: the Windows installer (NSIS 3, Modern UI 2, 64-bit, per user, no admin rights).
; The texts on its pages are our own LangStrings (Indonesian, then English): NSIS's own
; Indonesian has mistakes.
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
; a larger window than the default 8 MB finds the repeats across the whole payload (the
; same libraries reached by several names); unpacking then needs 64 MB of memory
SetCompressorDictSize 64
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
; The progress page lists hundreds of file names: a progress bar is enough (the
; "Show details" button still shows them).
ShowInstDetails hide
ShowUninstDetails hide

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "Sections.nsh"

Var OldInstDir    ; the folder of the installed version being upgraded, else ""
Var OldVersion    ; its DisplayVersion (may be ""), read with OldInstDir
Var DirProblem    ; set by CheckInstDir: "" when $INSTDIR may be used
; Page texts chosen at run time (in GuiInit, once the language is known: language
; strings used in .onInit still come from the language table chosen before the dialog).
Var WelcomeText   ; first install, or an upgrade of the version found
Var ClickText     ; the components page's "click ..." (Install when it is the last page)
Var FinishText    ; what happens next: new shelter, upgrade, or data already there
Var UnFinishText  ; the uninstaller's finish page: data kept, deleted, or none

; ---------------------------------------------------------------- Modern UI settings

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_ABORTWARNING_TEXT "$(AbortWarning)"
!define MUI_UNABORTWARNING
!define MUI_UNABORTWARNING_TEXT "$(UnAbortWarning)"
!define MUI_COMPONENTSPAGE_SMALLDESC
!define MUI_CUSTOMFUNCTION_GUIINIT GuiInit

; The language chosen in the dialog is kept in the uninstall key (gone with the program).
!define MUI_LANGDLL_REGISTRY_ROOT "HKCU"
!define MUI_LANGDLL_REGISTRY_KEY "${UNINST_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_LANGDLL_WINDOWTITLE "Bahasa / Language"
!define MUI_LANGDLL_INFO "Pilih bahasa instalasi.$\r$\nPlease select a language."

; Every text on the pages is ours (the LangStrings below): NSIS's own Indonesian has
; mistakes ("di instal", "and", "anda", "booting ulang").
!define MUI_WELCOMEPAGE_TITLE "$(WelcomeTitle)"
!define MUI_WELCOMEPAGE_TEXT "$WelcomeText"
!insertmacro MUI_PAGE_WELCOME

!define MUI_PAGE_HEADER_TEXT "$(ComponentsTitle)"
!define MUI_PAGE_HEADER_SUBTEXT "$(ComponentsSubtitle)"
!define MUI_COMPONENTSPAGE_TEXT_TOP "$(ComponentsTop)"
!define MUI_COMPONENTSPAGE_TEXT_DESCRIPTION_TITLE "$(DescriptionTitle)"
!define MUI_COMPONENTSPAGE_TEXT_DESCRIPTION_INFO "$(DescriptionInfo)"
!define MUI_PAGE_CUSTOMFUNCTION_SHOW ComponentsShow
!insertmacro MUI_PAGE_COMPONENTS

!define MUI_PAGE_HEADER_TEXT "$(DirTitle)"
!define MUI_PAGE_HEADER_SUBTEXT "$(DirSubtitle)"
!define MUI_PAGE_CUSTOMFUNCTION_PRE DirectoryPre
!define MUI_PAGE_CUSTOMFUNCTION_LEAVE DirectoryLeave
!insertmacro MUI_PAGE_DIRECTORY

!define MUI_PAGE_HEADER_TEXT "$(InstallingTitle)"
!define MUI_PAGE_HEADER_SUBTEXT "$(InstallingSubtitle)"
!define MUI_INSTFILESPAGE_FINISHHEADER_TEXT "$(InstalledTitle)"
!define MUI_INSTFILESPAGE_FINISHHEADER_SUBTEXT "$(InstalledSubtitle)"
!define MUI_INSTFILESPAGE_ABORTHEADER_TEXT "$(InstallAbortTitle)"
!define MUI_INSTFILESPAGE_ABORTHEADER_SUBTEXT "$(InstallAbortSubtitle)"
!insertmacro MUI_PAGE_INSTFILES

!define MUI_FINISHPAGE_TITLE "$(FinishTitle)"
!define MUI_FINISHPAGE_TEXT "$FinishText"
!define MUI_FINISHPAGE_TEXT_LARGE ; room for three short paragraphs above the check box
!define MUI_FINISHPAGE_TEXT_REBOOT "$(FinishReboot)"
!define MUI_FINISHPAGE_TEXT_REBOOTNOW "$(RebootNow)"
!define MUI_FINISHPAGE_TEXT_REBOOTLATER "$(RebootLater)"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunApp)"
!insertmacro MUI_PAGE_FINISH

!define MUI_PAGE_HEADER_TEXT "$(UnComponentsTitle)"
!define MUI_PAGE_HEADER_SUBTEXT "$(UnComponentsSubtitle)"
!define MUI_COMPONENTSPAGE_TEXT_TOP "$(UnComponentsTop)"
!define MUI_COMPONENTSPAGE_TEXT_COMPLIST "$(UnComponentsList)"
!define MUI_COMPONENTSPAGE_TEXT_DESCRIPTION_TITLE "$(DescriptionTitle)"
!define MUI_COMPONENTSPAGE_TEXT_DESCRIPTION_INFO "$(DescriptionInfo)"
!define MUI_PAGE_CUSTOMFUNCTION_SHOW un.ComponentsShow
!insertmacro MUI_UNPAGE_COMPONENTS

!define MUI_PAGE_HEADER_TEXT "$(UninstallingTitle)"
!define MUI_PAGE_HEADER_SUBTEXT "$(UninstallingSubtitle)"
!define MUI_INSTFILESPAGE_FINISHHEADER_TEXT "$(UninstalledTitle)"
!define MUI_INSTFILESPAGE_FINISHHEADER_SUBTEXT "$(UninstalledSubtitle)"
; /redef: MUI_PAGE_INSTFILES leaves its ABORTHEADER defines set (it unsets other names).
!define /redef MUI_INSTFILESPAGE_ABORTHEADER_TEXT "$(UninstallAbortTitle)"
!define /redef MUI_INSTFILESPAGE_ABORTHEADER_SUBTEXT "$(UninstallAbortSubtitle)"
!insertmacro MUI_UNPAGE_INSTFILES

; Not in silent mode (no page is): says where the shelter's data is, or that it is gone.
!define MUI_FINISHPAGE_TITLE "$(UnFinishTitle)"
!define MUI_FINISHPAGE_TEXT "$UnFinishText"
!define MUI_FINISHPAGE_TEXT_REBOOT "$(UnFinishReboot)"
!define MUI_FINISHPAGE_TEXT_REBOOTNOW "$(RebootNow)"
!define MUI_FINISHPAGE_TEXT_REBOOTLATER "$(RebootLater)"
!insertmacro MUI_UNPAGE_FINISH

; Indonesian first: the dialog's first entry, and the language of a silent install when
; Windows speaks neither (otherwise NSIS takes the one matching Windows' language).
!insertmacro MUI_LANGUAGE "Indonesian"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

; ---------------------------------------------------------------- our own strings

; Indonesian: "pasang/dipasang/terpasang" (not "instal"), "Anda", "komputer ini", "folder",
; the words the app itself uses (penyiapan, lembar pemulihan, brankas kantor, basis data).

; NSIS's own strings (the .nlf): buttons, the window's title, the texts NSIS puts on its
; pages and the lines of the details log. Those not set here are NSIS's and fine.
LangString ^SetupCaption ${LANG_INDONESIAN} "Instalasi $(^Name)"
LangString ^SetupCaption ${LANG_ENGLISH} "$(^Name) Setup"
LangString ^UninstallCaption ${LANG_INDONESIAN} "Penghapusan $(^Name)"
LangString ^UninstallCaption ${LANG_ENGLISH} "$(^Name) Uninstall"
LangString ^BackBtn ${LANG_INDONESIAN} "< &Kembali"
LangString ^BackBtn ${LANG_ENGLISH} "< &Back"
LangString ^InstallBtn ${LANG_INDONESIAN} "&Pasang"
LangString ^InstallBtn ${LANG_ENGLISH} "&Install"
LangString ^UninstallBtn ${LANG_INDONESIAN} "&Hapus"
LangString ^UninstallBtn ${LANG_ENGLISH} "&Uninstall"
LangString ^CancelBtn ${LANG_INDONESIAN} "Batal"
LangString ^CancelBtn ${LANG_ENGLISH} "Cancel"
LangString ^BrowseBtn ${LANG_INDONESIAN} "&Telusuri..."
LangString ^BrowseBtn ${LANG_ENGLISH} "B&rowse..."
LangString ^ShowDetailsBtn ${LANG_INDONESIAN} "Tampilkan &rincian"
LangString ^ShowDetailsBtn ${LANG_ENGLISH} "Show &details"
LangString ^ClickNext ${LANG_INDONESIAN} "Klik Lanjut untuk melanjutkan."
LangString ^ClickNext ${LANG_ENGLISH} "Click Next to continue."
LangString ^ClickInstall ${LANG_INDONESIAN} "Klik Pasang untuk mulai memasang."
LangString ^ClickInstall ${LANG_ENGLISH} "Click Install to start installing."
LangString ^ClickUninstall ${LANG_INDONESIAN} "Klik Hapus untuk mulai menghapus."
LangString ^ClickUninstall ${LANG_ENGLISH} "Click Uninstall to start uninstalling."
; (The components pages show ComponentsTop and UnComponentsTop instead; these two and
; the SubText2 ones are set anyway, so that none of NSIS's faulty Indonesian is left.)
LangString ^ComponentsText ${LANG_INDONESIAN} "Centang yang ingin dipasang dan hilangkan centang pada yang tidak perlu. $_CLICK"
LangString ^ComponentsText ${LANG_ENGLISH} "Tick what you want to install and untick what you do not need. $_CLICK"
LangString ^UnComponentsText ${LANG_INDONESIAN} "Centang yang ingin dihapus dan hilangkan centang pada yang tidak perlu dihapus. $_CLICK"
LangString ^UnComponentsText ${LANG_ENGLISH} "Tick what you want to remove and untick what you want to keep. $_CLICK"
LangString ^ComponentsSubText2_NoInstTypes ${LANG_INDONESIAN} "Pilih yang akan dipasang:"
LangString ^ComponentsSubText2_NoInstTypes ${LANG_ENGLISH} "Choose what to install:"
LangString ^ComponentsSubText2 ${LANG_INDONESIAN} "Atau pilih sendiri yang akan dipasang:"
LangString ^ComponentsSubText2 ${LANG_ENGLISH} "Or choose what to install:"
LangString ^UnComponentsSubText2_NoInstTypes ${LANG_INDONESIAN} "Pilih yang akan dihapus:"
LangString ^UnComponentsSubText2_NoInstTypes ${LANG_ENGLISH} "Choose what to remove:"
LangString ^UnComponentsSubText2 ${LANG_INDONESIAN} "Atau pilih sendiri yang akan dihapus:"
LangString ^UnComponentsSubText2 ${LANG_ENGLISH} "Or choose what to remove:"
LangString ^DirText ${LANG_INDONESIAN} "Rumah Aman akan dipasang di folder berikut. Untuk memilih folder lain, klik Telusuri. Folder ini hanya untuk programnya: data rumah aman disimpan di tempat lain. $_CLICK"
LangString ^DirText ${LANG_ENGLISH} "Rumah Aman will be installed in the folder below. To choose another folder, click Browse. This folder only holds the program: the shelter's data is kept elsewhere. $_CLICK"
LangString ^DirSubText ${LANG_INDONESIAN} "Folder tujuan"
LangString ^DirSubText ${LANG_ENGLISH} "Destination folder"
LangString ^DirBrowseText ${LANG_INDONESIAN} "Pilih folder untuk memasang $(^NameDA):"
LangString ^DirBrowseText ${LANG_ENGLISH} "Choose the folder to install $(^NameDA) in:"
; "Ruang yang dibutuhkan: 247.4 MB": NSIS writes the number itself, always with a point.
LangString ^SpaceAvailable ${LANG_INDONESIAN} "Ruang yang tersedia: "
LangString ^SpaceAvailable ${LANG_ENGLISH} "Space available: "
LangString ^SpaceRequired ${LANG_INDONESIAN} "Ruang yang dibutuhkan: "
LangString ^SpaceRequired ${LANG_ENGLISH} "Space required: "
LangString ^FileError ${LANG_INDONESIAN} "Berkas ini tidak bisa ditulis:$\r$\n$\r$\n$0$\r$\n$\r$\nJika Rumah Aman sedang dibuka, tutup dulu. Lalu klik Coba Lagi (Retry) untuk mencoba lagi, Abaikan (Ignore) untuk melewati berkas ini, atau Batalkan (Abort) untuk menghentikan instalasi."
LangString ^FileError ${LANG_ENGLISH} "This file cannot be written:$\r$\n$\r$\n$0$\r$\n$\r$\nIf Rumah Aman is open, close it first. Then click Retry to try again, Ignore to skip this file, or Abort to stop the installation."
LangString ^FileError_NoIgnore ${LANG_INDONESIAN} "Berkas ini tidak bisa ditulis:$\r$\n$\r$\n$0$\r$\n$\r$\nJika Rumah Aman sedang dibuka, tutup dulu. Lalu klik Coba Lagi (Retry) untuk mencoba lagi, atau Batal (Cancel) untuk menghentikan instalasi."
LangString ^FileError_NoIgnore ${LANG_ENGLISH} "This file cannot be written:$\r$\n$\r$\n$0$\r$\n$\r$\nIf Rumah Aman is open, close it first. Then click Retry to try again, or Cancel to stop the installation."
LangString ^ErrorDecompressing ${LANG_INDONESIAN} "Data instalasi tidak bisa dibuka. Berkas instalasi ini mungkin rusak atau tidak lengkap: unduh lagi."
LangString ^ErrorDecompressing ${LANG_ENGLISH} "The installation data cannot be read. This installer may be damaged or incomplete: download it again."
LangString ^CopyDetails ${LANG_INDONESIAN} "Salin rincian ke clipboard"
LangString ^CopyDetails ${LANG_ENGLISH} "Copy details to the clipboard"
; The details log.
LangString ^CreateFolder ${LANG_INDONESIAN} "Membuat folder: "
LangString ^CreateFolder ${LANG_ENGLISH} "Create folder: "
LangString ^CreateShortcut ${LANG_INDONESIAN} "Membuat pintasan: "
LangString ^CreateShortcut ${LANG_ENGLISH} "Create shortcut: "
LangString ^CreatedUninstaller ${LANG_INDONESIAN} "Membuat program penghapus: "
LangString ^CreatedUninstaller ${LANG_ENGLISH} "Created uninstaller: "
LangString ^Delete ${LANG_INDONESIAN} "Menghapus berkas: "
LangString ^Delete ${LANG_ENGLISH} "Delete file: "
LangString ^DeleteOnReboot ${LANG_INDONESIAN} "Dihapus saat komputer dimulai ulang: "
LangString ^DeleteOnReboot ${LANG_ENGLISH} "Delete on restart: "
LangString ^ErrorCreatingShortcut ${LANG_INDONESIAN} "Gagal membuat pintasan: "
LangString ^ErrorCreatingShortcut ${LANG_ENGLISH} "Error creating shortcut: "
LangString ^ErrorCreating ${LANG_INDONESIAN} "Gagal membuat: "
LangString ^ErrorCreating ${LANG_ENGLISH} "Error creating: "
LangString ^Exec ${LANG_INDONESIAN} "Menjalankan: "
LangString ^Exec ${LANG_ENGLISH} "Run: "
LangString ^Extract ${LANG_INDONESIAN} "Mengekstrak: "
LangString ^Extract ${LANG_ENGLISH} "Extract: "
LangString ^ErrorWriting ${LANG_INDONESIAN} "Mengekstrak: gagal menulis ke berkas "
LangString ^ErrorWriting ${LANG_ENGLISH} "Extract: error writing to file "
LangString ^OutputFolder ${LANG_INDONESIAN} "Folder tujuan: "
LangString ^OutputFolder ${LANG_ENGLISH} "Output folder: "
LangString ^RemoveFolder ${LANG_INDONESIAN} "Menghapus folder: "
LangString ^RemoveFolder ${LANG_ENGLISH} "Remove folder: "
LangString ^RenameOnReboot ${LANG_INDONESIAN} "Diganti namanya saat komputer dimulai ulang: "
LangString ^RenameOnReboot ${LANG_ENGLISH} "Rename on restart: "
LangString ^Rename ${LANG_INDONESIAN} "Mengganti nama: "
LangString ^Rename ${LANG_ENGLISH} "Rename: "
LangString ^Skipped ${LANG_INDONESIAN} "Dilewati: "
LangString ^Skipped ${LANG_ENGLISH} "Skipped: "

; Modern UI's texts (set page by page above).
LangString AbortWarning ${LANG_INDONESIAN} "Yakin ingin menghentikan instalasi Rumah Aman?"
LangString AbortWarning ${LANG_ENGLISH} "Are you sure you want to quit Rumah Aman Setup?"
LangString UnAbortWarning ${LANG_INDONESIAN} "Yakin ingin menghentikan penghapusan Rumah Aman?"
LangString UnAbortWarning ${LANG_ENGLISH} "Are you sure you want to stop uninstalling Rumah Aman?"
LangString WelcomeTitle ${LANG_INDONESIAN} "Selamat datang di instalasi Rumah Aman"
LangString WelcomeTitle ${LANG_ENGLISH} "Welcome to Rumah Aman Setup"
LangString WelcomeNew ${LANG_INDONESIAN} "Program ini akan memasang Rumah Aman ${VERSION} di komputer ini.$\r$\n$\r$\n$(^ClickNext)"
LangString WelcomeNew ${LANG_ENGLISH} "This will install Rumah Aman ${VERSION} on this computer.$\r$\n$\r$\n$(^ClickNext)"
LangString WelcomeUpgrade ${LANG_INDONESIAN} "Rumah Aman $OldVersion sudah terpasang di komputer ini. Versi ${VERSION} akan menggantikannya; data rumah aman tetap disimpan.$\r$\n$\r$\nJika Rumah Aman sedang dibuka, tutup dulu.$\r$\n$\r$\n$(^ClickNext)"
LangString WelcomeUpgrade ${LANG_ENGLISH} "Rumah Aman $OldVersion is installed on this computer. Version ${VERSION} will replace it; the shelter's data is kept.$\r$\n$\r$\nIf Rumah Aman is open, close it first.$\r$\n$\r$\n$(^ClickNext)"
LangString WelcomeUpgradeUnknown ${LANG_INDONESIAN} "Rumah Aman sudah terpasang di komputer ini. Versi ${VERSION} akan menggantikannya; data rumah aman tetap disimpan.$\r$\n$\r$\nJika Rumah Aman sedang dibuka, tutup dulu.$\r$\n$\r$\n$(^ClickNext)"
LangString WelcomeUpgradeUnknown ${LANG_ENGLISH} "Rumah Aman is installed on this computer. Version ${VERSION} will replace it; the shelter's data is kept.$\r$\n$\r$\nIf Rumah Aman is open, close it first.$\r$\n$\r$\n$(^ClickNext)"
LangString WelcomeReinstall ${LANG_INDONESIAN} "Rumah Aman ${VERSION} sudah terpasang di komputer ini dan akan dipasang ulang; data rumah aman tetap disimpan.$\r$\n$\r$\nJika Rumah Aman sedang dibuka, tutup dulu.$\r$\n$\r$\n$(^ClickNext)"
LangString WelcomeReinstall ${LANG_ENGLISH} "Rumah Aman ${VERSION} is already installed on this computer and will be installed again; the shelter's data is kept.$\r$\n$\r$\nIf Rumah Aman is open, close it first.$\r$\n$\r$\n$(^ClickNext)"
LangString ComponentsTitle ${LANG_INDONESIAN} "Pilih komponen"
LangString ComponentsTitle ${LANG_ENGLISH} "Choose components"
LangString ComponentsSubtitle ${LANG_INDONESIAN} "Pilih apa saja yang dipasang."
LangString ComponentsSubtitle ${LANG_ENGLISH} "Choose what to install."
LangString ComponentsTop ${LANG_INDONESIAN} "Centang yang ingin dipasang dan hilangkan centang pada yang tidak perlu. $ClickText"
LangString ComponentsTop ${LANG_ENGLISH} "Tick what you want to install and untick what you do not need. $ClickText"
LangString DescriptionTitle ${LANG_INDONESIAN} "Keterangan"
LangString DescriptionTitle ${LANG_ENGLISH} "Description"
LangString DescriptionInfo ${LANG_INDONESIAN} "Arahkan mouse ke salah satu pilihan untuk melihat keterangannya."
LangString DescriptionInfo ${LANG_ENGLISH} "Point at an item to see what it does."
LangString DirTitle ${LANG_INDONESIAN} "Pilih folder instalasi"
LangString DirTitle ${LANG_ENGLISH} "Choose the install folder"
LangString DirSubtitle ${LANG_INDONESIAN} "Pilih folder tempat Rumah Aman dipasang."
LangString DirSubtitle ${LANG_ENGLISH} "Choose the folder to install Rumah Aman in."
LangString InstallingTitle ${LANG_INDONESIAN} "Memasang"
LangString InstallingTitle ${LANG_ENGLISH} "Installing"
LangString InstallingSubtitle ${LANG_INDONESIAN} "Mohon tunggu, Rumah Aman sedang dipasang."
LangString InstallingSubtitle ${LANG_ENGLISH} "Please wait while Rumah Aman is being installed."
LangString InstalledTitle ${LANG_INDONESIAN} "Instalasi selesai"
LangString InstalledTitle ${LANG_ENGLISH} "Installation complete"
LangString InstalledSubtitle ${LANG_INDONESIAN} "Rumah Aman sudah terpasang di komputer ini."
LangString InstalledSubtitle ${LANG_ENGLISH} "Rumah Aman has been installed on this computer."
LangString InstallAbortTitle ${LANG_INDONESIAN} "Instalasi dibatalkan"
LangString InstallAbortTitle ${LANG_ENGLISH} "Installation stopped"
LangString InstallAbortSubtitle ${LANG_INDONESIAN} "Rumah Aman belum terpasang dengan lengkap."
LangString InstallAbortSubtitle ${LANG_ENGLISH} "Rumah Aman was not fully installed."
LangString FinishTitle ${LANG_INDONESIAN} "Instalasi Rumah Aman selesai"
LangString FinishTitle ${LANG_ENGLISH} "Rumah Aman Setup is complete"
LangString FinishNew ${LANG_INDONESIAN} "Rumah Aman sudah terpasang di komputer ini. Saat pertama dibuka, Rumah Aman menjalankan penyiapan: cetak lembar pemulihannya lalu simpan di brankas kantor.$\r$\n$\r$\nData rumah aman tidak disimpan di folder program, melainkan di %LOCALAPPDATA%\RumahAman."
LangString FinishNew ${LANG_ENGLISH} "Rumah Aman has been installed on this computer. At its first start it runs the set-up: print the recovery sheet it gives you and keep it in the office safe.$\r$\n$\r$\nThe shelter's data is not kept in the program folder but in %LOCALAPPDATA%\RumahAman."
LangString FinishUpgrade ${LANG_INDONESIAN} "Rumah Aman sudah diperbarui ke versi ${VERSION}. Data rumah aman tetap di %LOCALAPPDATA%\RumahAman.$\r$\n$\r$\nSaat dibuka berikutnya, Rumah Aman menyimpan salinan basis data lalu menyesuaikannya dengan versi baru."
LangString FinishUpgrade ${LANG_ENGLISH} "Rumah Aman has been updated to version ${VERSION}. The shelter's data stays in %LOCALAPPDATA%\RumahAman.$\r$\n$\r$\nAt its next start the app keeps a copy of the database and brings it to the new version."
LangString FinishDataThere ${LANG_INDONESIAN} "Rumah Aman sudah terpasang di komputer ini dan akan membuka data yang sudah ada di %LOCALAPPDATA%\RumahAman.$\r$\n$\r$\nJika data itu dari versi lama, Rumah Aman menyimpan salinan basis data lalu menyesuaikannya."
LangString FinishDataThere ${LANG_ENGLISH} "Rumah Aman has been installed on this computer and will open the data already in %LOCALAPPDATA%\RumahAman.$\r$\n$\r$\nIf an older version made it, the app keeps a copy of the database and brings it up to date."
LangString FinishReboot ${LANG_INDONESIAN} "Komputer ini perlu dimulai ulang untuk menyelesaikan instalasi Rumah Aman. Mulai ulang sekarang?"
LangString FinishReboot ${LANG_ENGLISH} "This computer must be restarted to finish installing Rumah Aman. Restart now?"
LangString RebootNow ${LANG_INDONESIAN} "Mulai ulang sekarang"
LangString RebootNow ${LANG_ENGLISH} "Restart now"
LangString RebootLater ${LANG_INDONESIAN} "Saya akan memulai ulang nanti"
LangString RebootLater ${LANG_ENGLISH} "I will restart later"

LangString UnComponentsTitle ${LANG_INDONESIAN} "Hapus Rumah Aman"
LangString UnComponentsTitle ${LANG_ENGLISH} "Uninstall Rumah Aman"
LangString UnComponentsSubtitle ${LANG_INDONESIAN} "Pilih apa yang dihapus."
LangString UnComponentsSubtitle ${LANG_ENGLISH} "Choose what to remove."
LangString UnComponentsTop ${LANG_INDONESIAN} "Rumah Aman akan dihapus dari komputer ini. Data rumah aman di ${DATA_DIR} tetap disimpan, kecuali Anda mencentang kotak di bawah."
LangString UnComponentsTop ${LANG_ENGLISH} "Rumah Aman will be removed from this computer. The shelter's data in ${DATA_DIR} is kept unless you tick the box below."
LangString UnComponentsList ${LANG_INDONESIAN} "Data rumah aman:"
LangString UnComponentsList ${LANG_ENGLISH} "The shelter's data:"
LangString UninstallingTitle ${LANG_INDONESIAN} "Menghapus"
LangString UninstallingTitle ${LANG_ENGLISH} "Uninstalling"
LangString UninstallingSubtitle ${LANG_INDONESIAN} "Mohon tunggu, Rumah Aman sedang dihapus."
LangString UninstallingSubtitle ${LANG_ENGLISH} "Please wait while Rumah Aman is being removed."
LangString UninstalledTitle ${LANG_INDONESIAN} "Penghapusan selesai"
LangString UninstalledTitle ${LANG_ENGLISH} "Uninstall complete"
LangString UninstalledSubtitle ${LANG_INDONESIAN} "Rumah Aman sudah dihapus dari komputer ini."
LangString UninstalledSubtitle ${LANG_ENGLISH} "Rumah Aman has been removed from this computer."
LangString UninstallAbortTitle ${LANG_INDONESIAN} "Penghapusan dibatalkan"
LangString UninstallAbortTitle ${LANG_ENGLISH} "Uninstall stopped"
LangString UninstallAbortSubtitle ${LANG_INDONESIAN} "Rumah Aman belum terhapus seluruhnya."
LangString UninstallAbortSubtitle ${LANG_ENGLISH} "Rumah Aman was not fully removed."
LangString UnFinishTitle ${LANG_INDONESIAN} "Penghapusan Rumah Aman selesai"
LangString UnFinishTitle ${LANG_ENGLISH} "Rumah Aman Uninstall is complete"
LangString UnFinishDataKept ${LANG_INDONESIAN} "Rumah Aman sudah dihapus dari komputer ini.$\r$\n$\r$\nData rumah aman tetap disimpan di folder ini:$\r$\n${DATA_DIR}$\r$\n$\r$\nJika Rumah Aman dipasang lagi, data ini dibuka kembali."
LangString UnFinishDataKept ${LANG_ENGLISH} "Rumah Aman has been removed from this computer.$\r$\n$\r$\nThe shelter's data is kept in this folder:$\r$\n${DATA_DIR}$\r$\n$\r$\nIf Rumah Aman is installed again, it opens this data again."
LangString UnFinishDataDeleted ${LANG_INDONESIAN} "Rumah Aman sudah dihapus dari komputer ini.$\r$\n$\r$\nData rumah aman juga sudah dihapus, bersama foldernya:$\r$\n${DATA_DIR}"
LangString UnFinishDataDeleted ${LANG_ENGLISH} "Rumah Aman has been removed from this computer.$\r$\n$\r$\nThe shelter's data has been deleted too, with its folder:$\r$\n${DATA_DIR}"
LangString UnFinishDataLeft ${LANG_INDONESIAN} "Rumah Aman sudah dihapus dari komputer ini.$\r$\n$\r$\nSebagian data rumah aman tidak bisa dihapus (mungkin sedang dipakai) dan masih ada di folder ini:$\r$\n${DATA_DIR}$\r$\n$\r$\nMulai ulang komputer ini, lalu hapus folder itu."
LangString UnFinishDataLeft ${LANG_ENGLISH} "Rumah Aman has been removed from this computer.$\r$\n$\r$\nSome of the shelter's data could not be deleted (it may be in use) and is still in this folder:$\r$\n${DATA_DIR}$\r$\n$\r$\nRestart this computer, then delete that folder."
LangString UnFinishNoData ${LANG_INDONESIAN} "Rumah Aman sudah dihapus dari komputer ini."
LangString UnFinishNoData ${LANG_ENGLISH} "Rumah Aman has been removed from this computer."
LangString UnFinishReboot ${LANG_INDONESIAN} "Komputer ini perlu dimulai ulang untuk menyelesaikan penghapusan Rumah Aman. Mulai ulang sekarang?"
LangString UnFinishReboot ${LANG_ENGLISH} "This computer must be restarted to finish removing Rumah Aman. Restart now?"

; The installer's own messages.
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

; The uninstaller's data box: a short name (the list is narrow), the folder and what
; unticked means in the page's top text (UnComponentsTop: three lines at most, with a
; long user name in the path, hence no "click Uninstall"), a description that fits its
; small box.
LangString UnSecDataName ${LANG_INDONESIAN} "Hapus juga semua data rumah aman"
LangString UnSecDataName ${LANG_ENGLISH} "Also delete all of the shelter's data"
LangString UnSecDataDesc ${LANG_INDONESIAN} "Menghapus basis data, kunci, dan cadangan di folder data."
LangString UnSecDataDesc ${LANG_ENGLISH} "Deletes the database, its keys and the backups in the data folder."
LangString UnDataWarning ${LANG_INDONESIAN} "Hapus semua data rumah aman dari komputer ini?$\r$\n$\r$\nSemua catatan penghuni di ${DATA_DIR} akan hilang dari komputer ini, termasuk cadangan yang tersimpan di folder itu. Memasang ulang program tidak akan mengembalikannya.$\r$\n$\r$\nSetelah data dihapus, cadangan di tempat lain (berkas .rabackup) hanya bisa dibuka dengan kunci pemulihan atau frasa sandi cadangan tersebut. Pastikan Anda menyimpan cadangan terbaru beserta kunci pemulihannya.$\r$\n$\r$\nYakin ingin menghapus datanya?"
LangString UnDataWarning ${LANG_ENGLISH} "Delete all of the shelter's data from this computer?$\r$\n$\r$\nAll resident records in ${DATA_DIR} will be gone from this computer, with the backups kept in that folder. Installing the program again will not bring them back.$\r$\n$\r$\nOnce the data is deleted, backups kept elsewhere (.rabackup files) can only be opened with the recovery key or that backup's passphrase. Make sure you have a recent backup and the recovery key.$\r$\n$\r$\nDelete the data?"
LangString UnDataDeleted ${LANG_INDONESIAN} "Data rumah aman dihapus:"
LangString UnDataDeleted ${LANG_ENGLISH} "The shelter's data was deleted:"
LangString UnDataNotAllDeleted ${LANG_INDONESIAN} "Sebagian data rumah aman tidak bisa dihapus:"
LangString UnDataNotAllDeleted ${LANG_ENGLISH} "Some of the shelter's data could not be deleted:"
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

; On an upgrade this is the last page (no folder page): its button and text say Install.
Function ComponentsShow
  ${If} $OldInstDir != ""
    GetDlgItem $0 $HWNDPARENT 1
    SendMessage $0 ${WM_SETTEXT} 0 "STR:$(^InstallBtn)"
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
  StrCpy $OldVersion ""
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
    ReadRegStr $OldVersion HKCU "${UNINST_KEY}" "DisplayVersion"
    ; Keep the choice made last time about the desktop shortcut.
    ${IfNot} ${FileExists} "$DESKTOP\${SHORTCUT}"
      !insertmacro UnselectSection ${SecDesktop}
    ${EndIf}
  ${EndIf}
FunctionEnd

; The texts that depend on what .onInit found, in the language now chosen (not in
; silent mode: no page shows them).
Function GuiInit
  ${If} $OldInstDir == ""
    StrCpy $WelcomeText "$(WelcomeNew)"
    StrCpy $ClickText "$(^ClickNext)"
    ${If} ${FileExists} "${DATA_DIR}\shelter.db"
      StrCpy $FinishText "$(FinishDataThere)"
    ${Else}
      StrCpy $FinishText "$(FinishNew)"
    ${EndIf}
  ${Else}
    ${If} $OldVersion == ""
      StrCpy $WelcomeText "$(WelcomeUpgradeUnknown)"
    ${ElseIf} $OldVersion == "${VERSION}"
      StrCpy $WelcomeText "$(WelcomeReinstall)"
    ${Else}
      StrCpy $WelcomeText "$(WelcomeUpgrade)"
    ${EndIf}
    StrCpy $ClickText "$(^ClickInstall)"
    StrCpy $FinishText "$(FinishUpgrade)"
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
  ${If} ${FileExists} "${DATA_DIR}\*.*"
    DetailPrint "$(UnDataNotAllDeleted) ${DATA_DIR}"
  ${Else}
    DetailPrint "$(UnDataDeleted) ${DATA_DIR}"
  ${EndIf}
SectionEnd

; The last line of the log, and the finish page's text.
Section "-un.Report"
  ${If} ${FileExists} "${DATA_DIR}\*.*"
    ${If} ${SectionIsSelected} ${UnSecData}
      StrCpy $UnFinishText "$(UnFinishDataLeft)"
    ${Else}
      DetailPrint "$(UnDataKept) ${DATA_DIR}"
      StrCpy $UnFinishText "$(UnFinishDataKept)"
    ${EndIf}
  ${ElseIf} ${SectionIsSelected} ${UnSecData}
    StrCpy $UnFinishText "$(UnFinishDataDeleted)"
  ${Else}
    StrCpy $UnFinishText "$(UnFinishNoData)"
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

; The space line means nothing here ("0.0 KB"): hidden.
Function un.ComponentsShow
  ShowWindow $mui.ComponentsPage.SpaceRequired ${SW_HIDE}
FunctionEnd

Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
  ; Never in silent mode, whatever the command line.
  ${If} ${Silent}
    !insertmacro UnselectSection ${UnSecData}
  ${EndIf}
FunctionEnd
