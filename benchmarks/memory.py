"""Memory of the GUI on a 4 GB office PC: 100,000 residents, log in as the administrator
(who opens on the dashboard), then open the resident list with everyone in it
(the newest 1,000: past that the list asks to type more).

Requirement (issue 11): peak at most 300 MB, steady at most 250 MB, resident set size.
The GUI runs in a child process of its own, so nothing of the data set's making counts;
RSS is sampled every 5 ms with the step the app is at, so the peak can be placed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PASSWORD = "bench password"
LIMIT_PEAK_MB, LIMIT_STEADY_MB = 300, 250


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def child(folder: str) -> dict:
    """Runs in the child: the app as a user drives it, with RSS sampled per step."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer

    from shelter_app.gui.app import AppController, make_application

    step = ["start"]
    peaks: dict[str, int] = {}

    def sample() -> None:
        rss = _status_kib("VmRSS")
        peaks[step[0]] = max(peaks.get(step[0], 0), rss)

    app = make_application()
    sampler = QTimer()
    sampler.timeout.connect(sample)
    sampler.start(5)

    def wait(condition, seconds=120.0) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(step[0])
            app.processEvents()
            time.sleep(0.002)

    def settle(seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.005)

    controller = AppController(Path(folder))
    controller.start()
    settle(1.0)
    step[0] = "login window"
    sample()
    controller.login.ui.usernameEdit.setText("admin")
    controller.login.ui.passwordEdit.setText(PASSWORD)
    step[0] = "logging in and opening the main window (dashboard)"
    controller.login.attempt_login()
    wait(lambda: controller.main_window is not None and controller.main_window.isVisible())
    settle(3.0)  # the dashboard and the status bar's alerts load in the background
    window = controller.main_window
    step[0] = "resident list, everyone"
    window.show_area("residents")
    page = window.areas["residents"].list_page
    page.presence.setCurrentIndex(page.presence.findData("all"))
    wait(lambda: page.model.rowCount() >= 1000)  # the list shows the newest 1,000
    settle(3.0)
    import gc

    gc.collect()
    step[0] = "steady"
    settle(3.0)
    steady = _status_kib("VmRSS")
    peak = _status_kib("VmHWM")
    controller.shutdown()
    return {"peak_mb": round(peak / 1024), "steady_mb": round(steady / 1024),
            "peak_by_step_mb": {name: round(kib / 1024) for name, kib in peaks.items()},
            "rows": page.model.rowCount()}


def measure() -> dict:
    sys.path.insert(0, str(HERE))
    import residents  # the 100,000-resident data set of the resident benchmark

    from shelter_app.services.administration import auth, setup

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "big"
        result = setup.create_shelter(folder, shelter_name="Bench", time_zone="Asia/Jakarta",
                                      admin_username="admin", admin_password=PASSWORD)
        residents._populate(result.workspace, dt.date.today())
        auth.logout(result.workspace)
        out = subprocess.run([sys.executable, __file__, "--child", str(folder)], check=True,
                             capture_output=True, text=True).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    return figures | {"limits": {"peak_mb": LIMIT_PEAK_MB, "steady_mb": LIMIT_STEADY_MB}}


def meets(result: dict) -> bool:
    return (result["peak_mb"] <= result["limits"]["peak_mb"]
            and result["steady_mb"] <= result["limits"]["steady_mb"])


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2])))  # noqa: T201
    else:
        print(json.dumps(measure(), indent=1))  # noqa: T201
