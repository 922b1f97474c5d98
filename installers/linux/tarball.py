"""dist/rumah-aman-<version>-linux-x86_64.tar.gz from the one-folder app in dist/rumah-aman:
the app, its menu entry, its icon and install.sh (a per-user install, no root)."""

from __future__ import annotations

import platform
import shutil
import sys
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def main() -> int:
    app = ROOT / "dist" / "rumah-aman"
    if not (app / "rumah-aman").is_file():
        print("build the app first: make bundle", file=sys.stderr)
        return 1
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    shutil.copy2(HERE / "rumah-aman.desktop", app / "rumah-aman.desktop")
    shutil.copy2(HERE / "install.sh", app / "install.sh")
    shutil.copy2(ROOT / "resources" / "icons" / "rumah-aman.png", app / "rumah-aman.png")
    target = ROOT / "dist" / f"rumah-aman-{version}-linux-{platform.machine()}.tar.gz"
    partial = target.with_name(target.name + ".partial")
    with tarfile.open(partial, "w:gz", compresslevel=9) as archive:
        archive.add(app, arcname="rumah-aman", filter=_owned_by_nobody)
    partial.replace(target)  # never a half archive under the real name
    print(f"{target.relative_to(ROOT)}: {target.stat().st_size / 1e6:.1f} MB")
    return 0


def _owned_by_nobody(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


if __name__ == "__main__":
    raise SystemExit(main())
