"""The frozen app (make bundle) as a shelter gets it. Requirements (issue 14):
- dist/rumah-aman at most 200 MB, the .tar.gz at most 80 MB, the installer at most 60 MB;
- process start to the login window shown: at most 1.5x a bare PySide6 window frozen by
  the same spec (interleaved runs; the fastest of each, as in startup.py);
- resident memory after logging in on the demo shelter: at most 250 MB.

Needs `make bundle` (and `make installer` for the installer's size) first. The bare window
is frozen here, into build/bench-bare, with installers/rumah-aman.spec itself. Memory is
read on a real display (Xvfb, xdotool), the login typed as in the end-to-end tests, after
the main window has settled on the administrator's dashboard."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from startup import seconds_to_window  # benchmarks/ is on the path, as run_all puts it

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "rumah-aman"
APP = BUNDLE / "rumah-aman"
BARE_DIST = ROOT / "build" / "bench-bare"
BARE = BARE_DIST / "bare-window" / "bare-window"
LIMITS = {"bundle_mb": 200, "tarball_mb": 80, "installer_mb": 60, "ratio": 1.5,
          "memory_mb": 250}


def _folder_mb(folder: Path) -> float:
    total = sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file()
                and not path.is_symlink())
    return round(total / 1e6, 1)


def sizes() -> dict:
    if not APP.exists():
        raise SystemExit("no bundle: make bundle")
    tarball = next((ROOT / "dist").glob("rumah-aman-*-linux-*.tar.gz"), None)
    installer = next((ROOT / "dist").glob("RumahAman-Setup-*.exe"), None)
    return {"bundle_mb": _folder_mb(BUNDLE),
            "tarball_mb": round(tarball.stat().st_size / 1e6, 1) if tarball else None,
            "installer_mb": round(installer.stat().st_size / 1e6, 1) if installer else None}


def _build_bare() -> None:
    env = dict(os.environ, RUMAH_AMAN_BUNDLE_ENTRY=str(ROOT / "benchmarks" / "bare_window.py"),
               RUMAH_AMAN_BUNDLE_NAME="bare-window")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(BARE_DIST), "--workpath", str(ROOT / "build" / "bench-work"),
                    str(ROOT / "installers" / "rumah-aman.spec")],
                   env=env, check=True, capture_output=True, cwd=ROOT)


def _demo(folder: Path) -> None:
    """Made by the frozen app itself, as `make run` would make it (calibrated Argon2id)."""
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    env.pop("RUMAH_AMAN_TEST_KDF_FLOOR", None)
    subprocess.run([str(APP), "--data-dir", str(folder), "demo"], env=env, check=True,
                   capture_output=True)


def start_up(folder: Path, runs: int) -> dict:
    if not BARE.exists() or BARE.stat().st_mtime < APP.stat().st_mtime:
        _build_bare()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SHELTER_EXIT_WHEN_SHOWN="1")
    app_cmd = [str(APP), "--data-dir", str(folder), "gui"]
    seconds_to_window([str(BARE)], env), seconds_to_window(app_cmd, env)  # the disk cache, warm for both
    bare, app = [], []
    for _ in range(runs):
        bare.append(seconds_to_window([str(BARE)], env))
        app.append(seconds_to_window(app_cmd, env))
    return {"bare_window_s": round(min(bare), 3), "login_window_s": round(min(app), 3),
            "ratio": round(min(app) / min(bare), 2), "runs": runs,
            "bare_median_s": round(statistics.median(bare), 3),
            "login_median_s": round(statistics.median(app), 3)}


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError("no VmRSS")


def memory_after_login(folder: Path, scratch: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ["RUMAH_AMAN_FROZEN_APP"] = str(APP)
    from tests.e2e.desktop import App, Display, translator

    t = translator("id")
    display = Display(scratch / "display").start()
    try:
        app = App(display, folder, scratch / "app").start()
        try:
            app.wait_window(t("Rumah Aman: log in"))
            app.wait_idle()
            at_login = _rss_mb(app.pid)
            app.type("admin")
            app.key("Tab")
            app.type("demo")
            app.key("Return")
            app.wait_window(t("Rumah Aman: {shelter}").format(shelter="Rumah Aman Demo"))
            app.wait_idle(quiet=1.0)
            time.sleep(2)  # the dashboard's background work and the garbage collector
            after = _rss_mb(app.pid)
            app.key("alt+F4")
            app.wait_exit()
        finally:
            app.stop()
    finally:
        display.stop()
    return {"login_window_mb": at_login, "after_login_mb": after}


def measure(runs: int = 15) -> dict:
    result = sizes()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "demo"
        _demo(folder)
        result["start_up"] = start_up(folder, runs)
        result["memory"] = memory_after_login(folder, Path(scratch))
    result["limits"] = LIMITS
    return result


def meets(result: dict) -> bool:
    within = [result["bundle_mb"] <= LIMITS["bundle_mb"],
              result["start_up"]["ratio"] <= LIMITS["ratio"],
              result["memory"]["after_login_mb"] <= LIMITS["memory_mb"]]
    for name in ("tarball_mb", "installer_mb"):
        if result[name] is not None:
            within.append(result[name] <= LIMITS[name])
    return all(within)


if __name__ == "__main__":
    print(measure())
