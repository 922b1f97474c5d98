#!/usr/bin/env bash
# The Windows installer under wine: build, install, upgrade, uninstall, all silent.
#
#   bash installers/installer_test.sh PAYLOAD_DIR [VERSION]
#
# PAYLOAD_DIR  the PyInstaller one-folder app to put in the installer (dist/rumah-aman;
#              on Linux it holds `rumah-aman`, not `rumah-aman.exe`: the test only proves
#              that installers/rumah-aman.nsi compiles and installs; nothing is started).
# VERSION      version "A" (default: pyproject.toml's); "B" is A with its last number + 1.
# Environment: ICON=<.ico> (default resources/icons/rumah-aman.ico when it exists),
#              KEEP_TMP=1 keeps the temporary folder (installers, wine prefix) to look at,
#              WINE_TIMEOUT=<seconds> for each wine run (default 600).
#
# What it checks, each line `ok: ...` or `FAIL: ...` (the first failure ends it, non-zero):
#   1. two installers from the same payload: A (plus ONLY-IN-A.txt) and B (plus
#      VERSION-B.txt), so that the upgrade can be told apart;
#   2. a fresh wine prefix in the temporary folder (never ~/.wine), HOME pointed there too
#      (wine links the Windows desktop to $HOME), no Mono/Gecko prompts, no menu entries;
#   3. a dummy data folder %LOCALAPPDATA%\RumahAman (shelter.db, keys.json, a backup) and
#      other apps' folders in %LOCALAPPDATA%; /D= of the data folder, of %LOCALAPPDATA%
#      or of another app's folder is refused (exit code 2, nothing written); A installed
#      with /S: in %LOCALAPPDATA%\Programs\RumahAman with every payload file and
#      uninstall.exe; the uninstall entry in HKCU with DisplayVersion A; nothing in HKLM,
#      Program Files or ProgramData; Start menu and desktop shortcuts; the data untouched;
#   4. B installed over A with /S: DisplayVersion B, VERSION-B.txt there, ONLY-IN-A.txt
#      gone (A's uninstaller ran), the data unchanged;
#   5. the QuietUninstallString from the registry run as Windows would run it (without
#      _?=: the uninstaller copies itself to %TEMP% and returns at once, so the test waits
#      with `wineserver -w`, which returns only when every process in the prefix has
#      ended, under a timeout): program folder, shortcuts and HKCU key gone; the data
#      folder byte for byte as it was; the rest of %LOCALAPPDATA% exactly as it was.
# Needs makensis and wine (64-bit): apt-get install -y nsis wine wine64. Runs as root.
set -euo pipefail
# set -e ends the script on an unexpected failure: say where.
trap 'echo "FAIL: unexpected error at line $LINENO: $BASH_COMMAND" >&2' ERR

now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }
seconds() { printf '%d.%d' $(($1 / 1000)) $(($1 % 1000 / 100)); }
START=$(now_ms)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
NSI="$HERE/rumah-aman.nsi"
WINE_TIMEOUT=${WINE_TIMEOUT:-600}

PHASES=()
phase_start() { PHASE_NAME=$1; PHASE_T0=$(now_ms); echo "== $1"; }
phase_end() {
    PHASES+=("$(printf '%-38s %7s s' "$PHASE_NAME" "$(seconds $(($(now_ms) - PHASE_T0)))")")
    PHASE_NAME=""
}
report_times() {
    local p
    [[ -n ${PHASE_NAME:-} ]] && phase_end
    echo "== times"
    for p in "${PHASES[@]}"; do echo "  $p"; done
    printf '  %-38s %7s s\n' total "$(seconds $(($(now_ms) - START)))"
}

ok() { echo "ok: $*"; }
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
check() { # check "what" command...: ok when the command succeeds
    local what=$1
    shift
    if "$@"; then ok "$what"; else fail "$what"; fi
}
not() { ! "$@"; }

# ---------------------------------------------------------------- arguments and tools

[[ $# -ge 1 && $# -le 2 ]] || { sed -n '2,12p' "$0"; exit 2; }
PAYLOAD=$(cd "$1" && pwd) || fail "no payload folder $1"
[[ -n $(ls -A "$PAYLOAD") ]] || fail "the payload folder $PAYLOAD is empty"
if [[ $# -ge 2 ]]; then
    VERSION_A=$2
else
    VERSION_A=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/pyproject.toml" 2>/dev/null | head -n1) || true
    VERSION_A=${VERSION_A:-0.1.0}
fi
[[ $VERSION_A =~ ^([0-9]+\.)*[0-9]+$ ]] || fail "VERSION must be numbers and dots, not $VERSION_A"
LAST=${VERSION_A##*.}
if [[ $VERSION_A == *.* ]]; then VERSION_B="${VERSION_A%.*}.$((LAST + 1))"; else VERSION_B=$((LAST + 1)); fi
ICON=${ICON:-$ROOT/resources/icons/rumah-aman.ico}

for tool in makensis wine wineserver winepath wineboot; do
    command -v "$tool" >/dev/null || fail "$tool is missing: apt-get install -y nsis wine wine64"
done
if [[ ! -x /usr/lib/wine/wine64 ]] && ! command -v wine64 >/dev/null; then
    fail "64-bit wine is missing: apt-get install -y nsis wine wine64"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/rumah-aman-installer-test.XXXXXX")
export WINEPREFIX="$TMP/prefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko prompt; no .desktop files in the real home from winemenubuilder.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
# wine links the Windows Desktop, Documents ... to $HOME: keep the test's shortcuts out of
# the real home. No display: a window would wait for a click that never comes.
export HOME="$TMP/home"
unset DISPLAY WAYLAND_DISPLAY XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_DESKTOP_DIR
mkdir -p "$HOME"

cleanup() {
    local rc=$?
    trap - EXIT
    [[ -d $WINEPREFIX ]] && timeout 30 wineserver -k 2>/dev/null || true
    report_times
    if [[ ${KEEP_TMP:-} == 1 ]]; then
        echo "kept: $TMP"
    else
        rm -rf "$TMP"
    fi
    if [[ $rc -eq 0 ]]; then echo "installer test passed"; else echo "installer test FAILED" >&2; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Run a Windows program and wait for every process of the prefix to end.
run_wine() {
    local rc=0
    timeout "$WINE_TIMEOUT" wine "$@" 2> >(grep -v -e 'wine32 is missing' -e 'multiarch needs' \
        -e 'dpkg --add-architecture' -e 'apt-get install wine32' >&2) || rc=$?
    timeout "$WINE_TIMEOUT" wineserver -w || fail "wine processes still running after ${WINE_TIMEOUT}s"
    [[ $rc -ne 124 ]] || fail "wine $* did not end within ${WINE_TIMEOUT}s"
    return "$rc"
}
win_echo() { # the value of a Windows environment variable, e.g. win_echo LOCALAPPDATA
    wine cmd /c "echo %$1%" 2>/dev/null | tr -d '\r'
}
reg_exists() { wine reg query "$1" >/dev/null 2>&1; }
reg_value() { # reg_value KEY NAME: the data of one value, or nothing
    wine reg query "$1" /v "$2" 2>/dev/null | tr -d '\r' |
        awk -v name="$2" '$1 == name { sub(/^[ \t]*[^ \t]+[ \t]+REG_[A-Z_]+[ \t]+/, ""); print; exit }'
}
listing() { # every file (with its size) and folder under $1, sorted; links followed, as
    # makensis follows them (the Linux bundle links libQt6*.so.6 beside the program)
    (cd "$1" && find -L . -mindepth 1 \( -type f -printf 'f %P %s\n' \) -o -printf '%y %P\n' |
        LC_ALL=C sort)
}
tree_sum() { # the names and bytes of everything under $1
    (cd "$1" && { find . -mindepth 1 -printf '%y %P\n' | LC_ALL=C sort
                  find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum; }) | sha256sum
}

# ---------------------------------------------------------------- 1. build

echo "payload: $PAYLOAD ($(du -sh "$PAYLOAD" | cut -f1)), versions A=$VERSION_A B=$VERSION_B"
# Copies of the payload (hard links when possible: same files, no 150 MB copy) with a
# file only A has and one only B has.
stage() {
    cp -al "$PAYLOAD" "$1" 2>/dev/null || { rm -rf "$1"; cp -a "$PAYLOAD" "$1"; }
}
stage "$TMP/payload-A"
echo "only in $VERSION_A" >"$TMP/payload-A/ONLY-IN-A.txt"
stage "$TMP/payload-B"
echo "$VERSION_B" >"$TMP/payload-B/VERSION-B.txt"

ICON_DEFINE=()
if [[ -f $ICON ]]; then ICON_DEFINE=("-DICON=$ICON"); else echo "no icon at $ICON: NSIS's own"; fi
SETUP_A="$TMP/RumahAman-Setup-$VERSION_A.exe"
SETUP_B="$TMP/RumahAman-Setup-$VERSION_B.exe"

phase_start "makensis A (lzma, as released)"
makensis -V2 -NOCD "-DVERSION=$VERSION_A" "-DPAYLOAD=$TMP/payload-A" "-DOUTFILE=$SETUP_A" \
    "${ICON_DEFINE[@]}" "$NSI" || fail "makensis could not build installer A"
phase_end
check "installer A built ($(du -h "$SETUP_A" | cut -f1))" test -s "$SETUP_A"

# B only has to install: stored, not compressed (2 s instead of LZMA's 1.5 min; solid LZMA
# ignores `SetCompress off`, hence zlib first). makensis then warns (8020) that the
# script's SetCompressor is ignored: expected, left out of the output.
phase_start "makensis B (uncompressed, test only)"
makensis -V2 -NOCD '-XSetCompressor /FINAL zlib' '-XSetCompress off' "-DVERSION=$VERSION_B" \
    "-DPAYLOAD=$TMP/payload-B" "-DOUTFILE=$SETUP_B" "${ICON_DEFINE[@]}" "$NSI" 2>&1 |
    sed -e '/8020/d' -e '/^1 warning:$/d' -e '/^$/d' || fail "makensis could not build installer B"
phase_end
check "installer B built ($(du -h "$SETUP_B" | cut -f1))" test -s "$SETUP_B"

# ---------------------------------------------------------------- 2. wine prefix

phase_start "wineboot (new prefix)"
timeout "$WINE_TIMEOUT" wineboot -i >/dev/null 2>&1 || fail "wineboot -i failed in $WINEPREFIX"
timeout "$WINE_TIMEOUT" wineserver -w
phase_end

W_LOCALAPPDATA=$(win_echo LOCALAPPDATA)
W_APPDATA=$(win_echo APPDATA)
W_PROFILE=$(win_echo USERPROFILE)
[[ $W_LOCALAPPDATA == [A-Za-z]:\\* ]] || fail "wine does not tell %LOCALAPPDATA% (got '$W_LOCALAPPDATA')"
LAD=$(winepath -u "$W_LOCALAPPDATA" 2>/dev/null)
STARTMENU="$(winepath -u "$W_APPDATA" 2>/dev/null)/Microsoft/Windows/Start Menu/Programs/Rumah Aman"
DESKTOP="$(winepath -u "$W_PROFILE" 2>/dev/null)/Desktop"
INST="$LAD/Programs/RumahAman"
DATA="$LAD/RumahAman"
W_INST="$W_LOCALAPPDATA\\Programs\\RumahAman"
KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\RumahAman'
check "wine prefix made as $(id -un): %LOCALAPPDATA% is $LAD" test -d "$LAD"
OTHER_DIRS=()
for var in ProgramFiles 'ProgramFiles(x86)' ProgramData; do
    OTHER_DIRS+=("$(winepath -u "$(win_echo "$var")" 2>/dev/null)")
done

check_not_machine_wide() {
    local dir hits
    check "nothing in HKLM's Uninstall key" not reg_exists "${KEY/HKCU/HKLM}"
    check "nothing in HKLM at all (system.reg)" not grep -qi rumah "$WINEPREFIX/system.reg"
    for dir in "${OTHER_DIRS[@]}"; do
        hits=$(find "$dir" -iname '*rumah*' 2>/dev/null | head -n3)
        [[ -z $hits ]] || fail "written under $dir: $hits"
    done
    ok "nothing under Program Files, Program Files (x86), ProgramData"
}

check_installed() { # check_installed VERSION PAYLOAD_COPY
    local version=$1 payload=$2 expected got
    check "$version: program folder $W_INST" test -d "$INST"
    check "$version: uninstall.exe installed" test -s "$INST/uninstall.exe"
    expected=$(listing "$payload")
    got=$(listing "$INST" | grep -v '^f uninstall.exe ')
    [[ $expected == "$got" ]] ||
        fail "$version: the program folder is not the payload: $(diff <(echo "$expected") <(echo "$got") | head -n 10)"
    ok "$version: every payload file installed, same sizes, nothing else ($(echo "$got" | wc -l) entries)"
    check "$version: DisplayVersion = $version" test "$(reg_value "$KEY" DisplayVersion)" = "$version"
    check "$version: UninstallString = \"$W_INST\\uninstall.exe\"" \
        test "$(reg_value "$KEY" UninstallString)" = "\"$W_INST\\uninstall.exe\""
    check "$version: InstallLocation = $W_INST" test "$(reg_value "$KEY" InstallLocation)" = "$W_INST"
    for name in DisplayName Publisher DisplayIcon QuietUninstallString NoModify NoRepair EstimatedSize; do
        [[ -n $(reg_value "$KEY" "$name") ]] || fail "$version: no $name in $KEY"
    done
    ok "$version: DisplayName, Publisher, DisplayIcon, QuietUninstallString, NoModify, NoRepair, EstimatedSize set"
    check "$version: Start menu shortcut Rumah Aman/Rumah Aman.lnk" test -s "$STARTMENU/Rumah Aman.lnk"
    check "$version: desktop shortcut (selected by default)" test -s "$DESKTOP/Rumah Aman.lnk"
    check_not_machine_wide
}

# ---------------------------------------------------------------- 3. install A

# A shelter's data folder (as an earlier version, uninstalled, would have left it), and
# what else lives in %LOCALAPPDATA%: another per-user program and another app's data.
mkdir -p "$DATA/backups" "$LAD/Programs/OtherApp" "$LAD/OtherVendor"
head -c 1048576 /dev/urandom >"$DATA/shelter.db"
echo '{"slots": ["dummy wrapped key"]}' >"$DATA/keys.json"
head -c 4096 /dev/urandom >"$DATA/backups/before-restore-20250101T000000.rabackup"
echo keep >"$LAD/Programs/OtherApp/other.exe"
echo keep >"$LAD/OtherVendor/settings.ini"
DATA_SUM=$(tree_sum "$DATA")
LAD_BEFORE=$(listing "$LAD")

# The uninstaller removes the program folder as a whole: the installer refuses (exit code
# 2, nothing written) a folder that is, holds or lies in the data folder, or has other files.
phase_start "refused folders (/S /D=...)"
for dir in "$W_LOCALAPPDATA" "$W_LOCALAPPDATA\\RumahAman" "$W_LOCALAPPDATA\\RumahAman\\Program" \
    "$W_LOCALAPPDATA\\OtherVendor"; do
    rc=0
    run_wine "$SETUP_B" /S "/D=$dir" || rc=$?
    [[ $rc -eq 2 ]] || fail "installing into $dir: exit code $rc, not 2 (refused)"
    [[ $(listing "$LAD") == "$LAD_BEFORE" ]] || fail "installing into $dir was refused but wrote files"
    not reg_exists "$KEY" || fail "installing into $dir was refused but wrote $KEY"
    ok "refused to install into $dir, nothing written"
done
phase_end

phase_start "install A (/S)"
run_wine "$SETUP_A" /S || fail "installer A exited with $?"
phase_end
check_installed "$VERSION_A" "$TMP/payload-A"
check "$VERSION_A: data folder untouched" test "$(tree_sum "$DATA")" = "$DATA_SUM"

# ---------------------------------------------------------------- 4. upgrade to B

phase_start "install B over A (/S)"
run_wine "$SETUP_B" /S || fail "installer B exited with $?"
phase_end
check_installed "$VERSION_B" "$TMP/payload-B"
check "upgrade: VERSION-B.txt present" test -f "$INST/VERSION-B.txt"
check "upgrade: ONLY-IN-A.txt gone (A's uninstaller ran first)" test ! -e "$INST/ONLY-IN-A.txt"
check "upgrade: data folder unchanged (shelter.db, keys.json, backups)" test "$(tree_sum "$DATA")" = "$DATA_SUM"

# ---------------------------------------------------------------- 5. uninstall

QUIET=$(reg_value "$KEY" QuietUninstallString)
[[ $QUIET =~ ^\"([^\"]+)\"\ /S$ ]] || fail "QuietUninstallString is not '\"...\" /S': $QUIET"
UNINSTALLER=$(winepath -u "${BASH_REMATCH[1]}" 2>/dev/null)
check "QuietUninstallString points at $UNINSTALLER" test -s "$UNINSTALLER"

phase_start "uninstall (/S)"
run_wine "$UNINSTALLER" /S || fail "the uninstaller exited with $?"
phase_end
check "uninstall: program folder gone" test ! -e "$INST"
check "uninstall: Start menu folder gone" test ! -e "$STARTMENU"
check "uninstall: desktop shortcut gone" test ! -e "$DESKTOP/Rumah Aman.lnk"
check "uninstall: HKCU uninstall key gone" not reg_exists "$KEY"
check "uninstall: no RumahAman key left in HKCU (user.reg)" \
    not grep -qiF 'Uninstall\\RumahAman' "$WINEPREFIX/user.reg"
check "uninstall: data folder kept byte for byte" test "$(tree_sum "$DATA")" = "$DATA_SUM"
LAD_AFTER=$(listing "$LAD")
[[ $LAD_AFTER == "$LAD_BEFORE" ]] ||
    fail "uninstall changed %LOCALAPPDATA% beyond its folder: $(diff <(echo "$LAD_BEFORE") <(echo "$LAD_AFTER") | head -n 10)"
ok "uninstall: the rest of %LOCALAPPDATA% as it was (other apps' folders intact)"
check_not_machine_wide

echo "installer sizes: A $(du -h "$SETUP_A" | cut -f1) (lzma, $(stat -c %s "$SETUP_A") bytes)," \
    "B $(du -h "$SETUP_B" | cut -f1) (uncompressed)"
