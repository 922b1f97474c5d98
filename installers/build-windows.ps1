# Builds the Windows installer, dist\RumahAman-Setup-<version>.exe, from a clean checkout
# on Windows 10/11 or a GitHub windows runner. Needs Python 3.11 (64-bit) and NSIS 3.
#
#   powershell -ExecutionPolicy Bypass -File installers\build-windows.ps1
#   powershell -ExecutionPolicy Bypass -File installers\build-windows.ps1 -Python C:\Python311\python.exe
#
# Steps: a venv in build\venv-windows, pip install .[bundle], the translations compiled,
# PyInstaller (installers\rumah-aman.spec -> dist\rumah-aman\), the frozen app's
# --version and --self-test, then makensis (installers\rumah-aman.nsi). See installers\README.md.
param(
    # The Python 3.11 to make the venv with; by default the launcher's `py -3.11`, else `python`.
    [string]$Python = ""
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

# A native program; stops the build when it fails (by its exit code: what it writes to
# stderr, as pip and PyInstaller do, is not an error).
function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    Write-Host "> $Exe $($Arguments -join ' ')"
    $previous = $ErrorActionPreference
    $ErrorActionPreference = 'Continue'
    try { & $Exe @Arguments } finally { $ErrorActionPreference = $previous }
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed (exit code $LASTEXITCODE)" }
}

# A window program (no console): PowerShell does not wait for those unless told to.
function Invoke-Window([string]$Exe, [string[]]$Arguments) {
    Write-Host "> $Exe $($Arguments -join ' ')"
    $process = Start-Process -FilePath $Exe -ArgumentList $Arguments -Wait -PassThru -NoNewWindow
    if ($process.ExitCode -ne 0) { throw "$Exe $($Arguments -join ' ') failed (exit code $($process.ExitCode))" }
}

# ---- the version, from pyproject.toml
$match = Select-String -Path (Join-Path $Root 'pyproject.toml') -Pattern '^version = "([^"]+)"' |
    Select-Object -First 1
if (-not $match) { throw 'no version = "..." line in pyproject.toml' }
$Version = $match.Matches[0].Groups[1].Value
Write-Host "Rumah Aman $Version"

# ---- makensis: on PATH, else where the NSIS installer puts it (checked now, not after the build)
$Makensis = $null
$command = Get-Command makensis -ErrorAction SilentlyContinue
if ($command) {
    $Makensis = $command.Source
} else {
    foreach ($folder in @(${env:ProgramFiles(x86)}, $env:ProgramFiles)) {
        if ($folder -and (Test-Path (Join-Path $folder 'NSIS\makensis.exe'))) {
            $Makensis = Join-Path $folder 'NSIS\makensis.exe'
            break
        }
    }
}
if (-not $Makensis) { throw 'makensis not found: install NSIS 3 (https://nsis.sourceforge.io) or put makensis on PATH' }

# ---- a venv with Python 3.11, 64-bit
if ($Python) {
    $PyExe = $Python; $PyArgs = @()
} elseif (Get-Command py -ErrorAction SilentlyContinue) {
    $PyExe = 'py'; $PyArgs = @('-3.11')
} else {
    $PyExe = 'python'; $PyArgs = @()
}
$Venv = Join-Path $Root 'build\venv-windows'
$VenvPython = Join-Path $Venv 'Scripts\python.exe'
if (-not (Test-Path $VenvPython)) {
    Invoke-Checked $PyExe ($PyArgs + @('-m', 'venv', $Venv))
}
# (no double quotes inside: Windows PowerShell 5.1 passes them to programs unescaped)
Invoke-Checked $VenvPython @('-c', 'import struct, sys; print(sys.version); sys.exit(0 if sys.version_info[:2] == (3, 11) and struct.calcsize(''P'') == 8 else ''Python 3.11 64-bit is needed'')')
Invoke-Checked $VenvPython @('-m', 'pip', 'install', '--upgrade', 'pip')
Invoke-Checked $VenvPython @('-m', 'pip', 'install', '.[bundle]')

# ---- translations (pybabel compile), then the one-folder app
Invoke-Checked $VenvPython @('-m', 'babel.messages.frontend', 'compile', '-d', 'resources/locale', '-D', 'shelter_app')
Invoke-Checked $VenvPython @('-m', 'PyInstaller', '--noconfirm', '--clean', '--distpath', 'dist',
    '--workpath', 'build\pyinstaller', 'installers\rumah-aman.spec')

$Payload = Join-Path $Root 'dist\rumah-aman'
$App = Join-Path $Payload 'rumah-aman.exe'
$Cli = Join-Path $Payload 'rumah-aman-cli.exe'
if (-not (Test-Path $App)) { throw "PyInstaller made no $App" }

# ---- the frozen app must start and find everything it needs
if (Test-Path $Cli) {
    # the console twin of rumah-aman.exe: it can print
    Invoke-Checked $Cli @('--version')
    Invoke-Checked $Cli @('--self-test')
}
Invoke-Window $App @('--version')
Invoke-Window $App @('--self-test')

# ---- the installer
$Installer = Join-Path $Root "dist\RumahAman-Setup-$Version.exe"
$Icon = Join-Path $Root 'resources\icons\rumah-aman.ico'
$NsisArgs = @('/V2', '/NOCD', "/DVERSION=$Version", "/DPAYLOAD=$Payload", "/DOUTFILE=$Installer")
if (Test-Path $Icon) { $NsisArgs += "/DICON=$Icon" }
$NsisArgs += (Join-Path $Root 'installers\rumah-aman.nsi')
Invoke-Checked $Makensis $NsisArgs

$size = (Get-Item $Installer).Length / 1MB
$hash = (Get-FileHash -Algorithm SHA256 $Installer).Hash
Write-Host ("{0}  {1:N1} MB  SHA256 {2}" -f $Installer, $size, $hash)
Write-Host 'Unsigned: SmartScreen asks on first run (More info, Run anyway). Release checklist: installers\README.md'
