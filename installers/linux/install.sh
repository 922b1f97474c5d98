#!/bin/sh
# Install Rumah Aman for this user only (no root): the app in ~/.local/opt/rumah-aman, the
# command in ~/.local/bin, and an entry in the applications menu. Run it again from a newer
# bundle to upgrade: the shelter's data (~/.local/share/RumahAman) is never touched here.
# ./install.sh --uninstall removes the app and the menu entry, and also leaves the data.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
target=$HOME/.local/opt/rumah-aman
menu=$data_home/applications/rumah-aman.desktop
icon=$data_home/icons/hicolor/256x256/apps/rumah-aman.png
command=$HOME/.local/bin/rumah-aman

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$target" "$menu" "$icon" "$command"
    echo "Rumah Aman removed. The shelter's data in $data_home/RumahAman is kept."
    exit 0
fi
[ -x "$here/rumah-aman" ] || { echo "run install.sh from the unpacked bundle" >&2; exit 1; }
mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$(dirname "$menu")" "$(dirname "$icon")"
staging=$(mktemp -d "$HOME/.local/opt/.rumah-aman-new.XXXXXX")
cp -a "$here/." "$staging/"
"$staging/rumah-aman" --version >/dev/null  # the copy starts before the old one goes
rm -rf "$target"
mv "$staging" "$target"
ln -sf "$target/rumah-aman" "$command"
cp "$here/rumah-aman.png" "$icon"
sed -e "s|@EXEC@|$target/rumah-aman|" -e "s|@ICON@|$icon|" "$here/rumah-aman.desktop" > "$menu"
command -v update-desktop-database >/dev/null 2>&1 && \
    update-desktop-database "$(dirname "$menu")" >/dev/null 2>&1 || true
echo "Rumah Aman $("$target/rumah-aman" --version | cut -d' ' -f3) is installed:"
echo "  in the applications menu (Office), or run $command"
