"""On a real display (Xvfb, Qt's xcb platform, a window manager): from pressing Enter on
the login window to the main window painted on the demo shelter, key derivation included.
Requirement: <= 1.5 s.

The app runs as `make run` runs it, on the demo `make run` makes (calibrated Argon2id);
xdotool types the user name and password as in the end-to-end tests. The app prints the
time of the main window's first paint when SHELTER_REPORT_FIRST_PAINT is set."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_S = 1.5
USERS = ("staff", "manager")  # the residents list; the manager's dashboard and its charts


def _painted_at(app, timeout: float = 30) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in app.stdout().splitlines():
            if line.startswith("painted-at "):
                return float(line.split()[1])
        time.sleep(0.01)
    raise RuntimeError("the main window never reported its first paint:\n" + app.stderr())


def _one_login(display, folder: Path, scratch: Path, username: str, t) -> tuple[float, float]:
    """Seconds from Enter to the first paint, and to the app waiting for the user."""
    from tests.e2e.desktop import App

    app = App(display, folder, scratch, extra_env={"SHELTER_REPORT_FIRST_PAINT": "1"}).start()
    try:
        app.wait_window(t("Rumah Aman: log in"))
        app.wait_idle()  # the login window's own start-up work is not counted
        app.type(username)
        app.key("Tab")
        app.type("demo")
        pressed = time.time()
        app.key("Return")
        painted = _painted_at(app) - pressed
        app.wait_window(t("Rumah Aman: {shelter}").format(shelter="Rumah Aman Demo"))
        app.wait_idle(quiet=0.3)
        settled = time.time() - 0.3 - pressed
        app.key("alt+F4")
        app.wait_exit()
        return painted, settled
    finally:
        app.stop()


def measure(runs: int = 5) -> dict:
    sys.path.insert(0, str(ROOT))
    from tests.e2e.desktop import Display, translator

    t = translator("id")
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        folder = scratch / "demo"
        env = dict(os.environ)
        env.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
        subprocess.run([sys.executable, "-m", "shelter_app", "--data-dir", str(folder), "demo"],
                       env=env, check=True, capture_output=True)
        display = Display(scratch / "display").start()
        try:
            _one_login(display, folder, scratch / "warm-up", "staff", t)  # disk cache
            painted: dict[str, list[float]] = {user: [] for user in USERS}
            settled: dict[str, list[float]] = {user: [] for user in USERS}
            for run in range(runs):
                for user in USERS:
                    paint_s, settle_s = _one_login(display, folder, scratch / f"{user}-{run}",
                                                   user, t)
                    painted[user].append(paint_s)
                    settled[user].append(settle_s)
        finally:
            display.stop()
    every = [s for user in USERS for s in painted[user]]
    return {"enter_to_painted_median_s": round(statistics.median(every), 3),
            "enter_to_painted_worst_s": round(max(every), 3), "limit_s": LIMIT_S,
            "runs": runs,
            "by_user": {user: {"painted_median_s": round(statistics.median(painted[user]), 3),
                               "painted_worst_s": round(max(painted[user]), 3),
                               "idle_median_s": round(statistics.median(settled[user]), 3),
                               "painted_all_s": [round(s, 3) for s in painted[user]]}
                        for user in USERS},
            "note": "idle = the app stopped using the CPU: the first page's data is on screen"}


def meets(result: dict) -> bool:
    return result["enter_to_painted_median_s"] <= result["limit_s"]


if __name__ == "__main__":
    print(measure())
