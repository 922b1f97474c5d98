"""A real X display for the end-to-end tests (and the display benchmark): Xvfb with a
window manager, the app started as `make run` starts it, and xdotool typing into it.

Everything is observed from outside, as a person at the desk would: which windows of the
app are on screen (by process id and title), which one has the focus, whether the process
is still running, and whether it is busy (its CPU time still rising) or waiting for the
user. Each wait has a time limit; none is a fixed sleep.
"""

from __future__ import annotations

import contextlib
import gettext
import os
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

from shelter_app.i18n import DOMAIN
from shelter_app.paths import locale_dir

# program -> the Debian/Ubuntu package that provides it
TOOLS = {"Xvfb": "xvfb", "openbox": "openbox", "xdotool": "xdotool", "import": "imagemagick"}
# the xcb libraries Qt's xcb platform plugin loads (ldd on libqxcb.so and libQt6XcbQpa.so.6)
XCB_PACKAGES = ("libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 "
                "libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 "
                "libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1 "
                "libxkbcommon0 libxkbcommon-x11-0")
SCREEN = "1366x768x24"  # the office PC the app is designed for
OPENBOX_CONFIG = Path(__file__).with_name("openbox-rc.xml")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# A person's pace. Qt on xcb dropped some of four Alt+N pressed 40 ms apart (the intake
# wizard moved two pages, not four); 100 ms apart it never did.
KEY_INTERVAL_MS = 150
TYPING_INTERVAL_MS = 25


class DesktopMissing(RuntimeError):
    pass


def app_command() -> list[str]:
    """The app as `make run` starts it; `make bundle-check` names the frozen app instead."""
    frozen = os.environ.get("RUMAH_AMAN_FROZEN_APP")
    return [frozen] if frozen else [sys.executable, "-m", "shelter_app"]


def missing_tools() -> list[str]:
    """What this machine lacks for the tests on a real display, as Debian packages."""
    packages = [package for tool, package in TOOLS.items() if shutil.which(tool) is None]
    plugin = _xcb_plugin()
    if plugin is not None:
        ldd = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
        if "not found" in ldd:
            packages += XCB_PACKAGES.split()
    return packages


def _xcb_plugin() -> Path | None:
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None


def require_tools() -> None:
    missing = missing_tools()
    if missing:
        raise DesktopMissing(
            "The end-to-end tests need a virtual X display, a window manager, xdotool, "
            "ImageMagick and the xcb libraries Qt loads. Install them with:\n"
            f"    sudo apt-get install {' '.join(dict.fromkeys(missing))}")


def translator(language: str):
    """The app's own catalog, so the titles waited for follow its translations."""
    return gettext.translation(DOMAIN, localedir=str(locale_dir()), languages=[language],
                               fallback=True).gettext


class Display:
    """Xvfb on a free display number (it picks one itself), with openbox on it."""

    def __init__(self, scratch: Path):
        self.scratch = scratch
        self.xvfb: subprocess.Popen | None = None
        self.window_manager: subprocess.Popen | None = None
        self.name = ""

    def start(self, timeout: float = 20) -> Display:
        require_tools()
        self.scratch.mkdir(parents=True, exist_ok=True)
        read_end, write_end = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp",
             "-noreset"], pass_fds=(write_end,), stdout=subprocess.DEVNULL,
            stderr=(self.scratch / "xvfb.log").open("wb"))
        os.close(write_end)
        try:
            number = _read_line(read_end, timeout)
        finally:
            os.close(read_end)
        if not number.strip().isdigit():
            self.stop()
            raise DesktopMissing("Xvfb did not start: " + self._log("xvfb.log"))
        self.name = f":{number.strip()}"
        ready = self.scratch / "window-manager-ready"
        self.window_manager = subprocess.Popen(
            ["openbox", "--config-file", str(OPENBOX_CONFIG), "--startup",
             f"touch {ready}"], env=self.environment(XDG_CONFIG_HOME=str(self.scratch)),
            stdout=subprocess.DEVNULL, stderr=(self.scratch / "openbox.log").open("wb"))
        deadline = time.monotonic() + timeout
        while not ready.exists():
            if self.window_manager.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise DesktopMissing("openbox did not start: " + self._log("openbox.log"))
            time.sleep(0.05)
        return self

    def _log(self, name: str) -> str:
        path = self.scratch / name
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def environment(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",
                                                                 "SHELTER_LANG")}
        env.update(DISPLAY=self.name, **extra)
        return env

    def stop(self) -> None:
        for process in (self.window_manager, self.xvfb):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(5)

    def xdotool(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(["xdotool", *args], env=self.environment(),
                                capture_output=True, text=True, timeout=30)
        if check and result.returncode != 0:
            raise AssertionError(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout.strip()

    def screenshot(self, path: Path) -> Path | None:
        result = subprocess.run(["import", "-window", "root", str(path)],
                                env=self.environment(), capture_output=True, timeout=30)
        return path if result.returncode == 0 else None


def _read_line(fd: int, timeout: float) -> str:
    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            break
        chunk = os.read(fd, 64)
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace")


class StepFailed(AssertionError):
    pass


class App:
    """The app in a process of its own on `display`, as `make run` starts it."""

    def __init__(self, display: Display, data_dir: Path, evidence_dir: Path,
                 language: str | None = None, extra_env: dict[str, str] | None = None):
        self.display, self.data_dir, self.evidence_dir = display, data_dir, evidence_dir
        self.language = language
        self.extra_env = extra_env or {}
        self.process: subprocess.Popen | None = None
        self.steps = 0
        self.stdout_path = evidence_dir / "app-stdout.txt"
        self.stderr_path = evidence_dir / "app-stderr.txt"

    def start(self) -> App:
        command = [*app_command(), "--data-dir", str(self.data_dir)]
        if self.language:
            command += ["--lang", self.language]
        env = self.display.environment(QT_QPA_PLATFORM="xcb", **self.extra_env)
        # The developer's own credential store is never filled with test keys.
        env.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
        # A home of its own: a file dialog's default folder (a recovery sheet, a report)
        # is never the developer's or CI's real home.
        home = self.evidence_dir / "home"
        home.mkdir(parents=True, exist_ok=True)
        env["HOME"] = str(home)
        self.evidence_dir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [*command, "gui"], env=env, stdin=subprocess.DEVNULL,
            stdout=self.stdout_path.open("wb"), stderr=self.stderr_path.open("wb"))
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    # -- evidence ----------------------------------------------------------------------
    @contextlib.contextmanager
    def step(self, description: str):
        """One thing a person does or sees. If it fails, say which, with a screenshot of
        the whole screen and what the app wrote on stderr."""
        self.steps += 1
        try:
            yield
        except Exception as error:
            slug = re.sub(r"[^a-z0-9]+", "-", description.lower()).strip("-")[:50]
            shot = self.display.screenshot(self.evidence_dir / f"step-{self.steps:02d}-{slug}.png")
            state = ("still running" if self.process.poll() is None
                     else f"exited with status {self.process.returncode}")
            message = (f"step {self.steps} failed: {description}\n  {error}\n"
                       f"  the app: {state}; its windows: {self.windows_or_none()}\n"
                       f"  screenshot: {shot or 'could not be taken'}\n"
                       f"  app stderr ({self.stderr_path}):\n{self.stderr()[-3000:]}")
            print(message, file=sys.stderr)
            raise StepFailed(message) from error

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace") if self.stderr_path.exists() else ""

    def stdout(self) -> str:
        return self.stdout_path.read_text(errors="replace") if self.stdout_path.exists() else ""

    # -- what is on screen ---------------------------------------------------------------
    def windows(self) -> dict[str, str]:
        """The app's windows on screen: window id -> title."""
        found = self.display.xdotool("search", "--all", "--onlyvisible", "--pid", str(self.pid),
                                     "--name", "", check=False)
        titles = {}
        for window in found.split():
            title = self.display.xdotool("getwindowname", window, check=False)
            if title:  # Qt's helper windows have none
                titles[window] = title
        return titles

    def windows_or_none(self) -> str:
        try:
            return repr(sorted(self.windows().values()))
        except Exception as error:  # noqa: BLE001 - evidence only
            return f"unknown ({error})"

    def _alive(self) -> None:
        if self.process.poll() is not None:
            raise AssertionError(f"the app has ended (status {self.process.returncode})")

    def wait_window(self, title: str, timeout: float = 30, prefix: bool = False,
                    meanwhile: set[str] | None = None) -> str:
        """The id of the app's window with this title, once it is on screen and has the
        focus (the window manager gives new windows the focus). With `meanwhile`, no
        window but those may show up while waiting."""
        deadline = time.monotonic() + timeout
        while True:
            self._alive()
            on_screen = self.windows()
            for window, shown in on_screen.items():
                if shown == title or (prefix and shown.startswith(title)):
                    self._wait_focus(window, deadline)
                    return window
            unexpected = set(on_screen.values()) - (meanwhile or set()) - {title}
            if meanwhile is not None and unexpected:
                raise AssertionError(f"waiting for “{title}”, this came up: {unexpected}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no window “{title}” after {timeout:.0f} s; "
                                     f"on screen: {sorted(self.windows().values())}")
            time.sleep(0.05)

    def _wait_focus(self, window: str, deadline: float) -> None:
        clicked = False
        while self.display.xdotool("getactivewindow", check=False) != window:
            self._alive()
            if time.monotonic() > deadline - 3 and not clicked:
                # as a person clicks a window that did not come to the front
                self.display.xdotool("windowactivate", "--sync", window, check=False)
                clicked = True
            if time.monotonic() > deadline:
                raise AssertionError(f"window {window} never got the keyboard focus")
            time.sleep(0.05)

    def wait_gone(self, title: str, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while title in self.windows().values():
            if time.monotonic() > deadline:
                raise AssertionError(f"the window “{title}” is still open after "
                                     f"{timeout:.0f} s")
            time.sleep(0.05)

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime

    def wait_idle(self, quiet: float = 0.5, timeout: float = 30) -> None:
        """Until the app waits for the user: its CPU time has not moved for `quiet` s
        (a login, an unlock or a page's data loading keep a core busy)."""
        deadline = time.monotonic() + timeout
        last, since = self.cpu_seconds(), time.monotonic()
        while time.monotonic() - since < quiet:
            self._alive()
            if time.monotonic() > deadline:
                raise AssertionError(f"the app was still busy after {timeout:.0f} s")
            time.sleep(0.05)
            now = self.cpu_seconds()
            if now - last > 0.02:
                last, since = now, time.monotonic()

    def stays_up(self, seconds: float, title: str) -> None:
        """The process keeps running, and the window stays on screen, for `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._alive()
            if title not in self.windows().values():
                raise AssertionError(f"the window “{title}” went away; on screen: "
                                     f"{sorted(self.windows().values())}")
            time.sleep(0.25)

    def wait_exit(self, timeout: float = 20) -> int:
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the app did not end within {timeout:.0f} s; on screen: "
                                 f"{sorted(self.windows().values())}") from None

    # -- keyboard --------------------------------------------------------------------------
    def type(self, text: str) -> None:
        self._alive()
        self.display.xdotool("type", "--delay", str(TYPING_INTERVAL_MS), "--", text)

    def key(self, *keys: str) -> None:
        """Keys one after the other, e.g. key("Tab"), key("ctrl+n"), key("alt+s")."""
        self._alive()
        self.display.xdotool("key", "--delay", str(KEY_INTERVAL_MS), "--clearmodifiers", *keys)
        time.sleep(KEY_INTERVAL_MS / 1000)  # the next key comes no sooner
