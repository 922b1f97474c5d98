"""The main window on a real display with a window manager: maximised the first time, so
its status bar is on screen under the title bar; where the user left it at the next
login; Qt's file dialog and its questions in Indonesian; `make run` keeps the demo.

Seen from outside as a person sees it: the window manager's state of the window
(xprop), its size (xdotool), the colour of the status bar's text on a screenshot, and
which keys answer a question (its buttons' Alt keys are Indonesian or English)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.e2e.desktop import Display, translator
from tests.e2e.test_desktop import close_and_expect_a_clean_exit, log_in

ALERT_COLOUR = "8A5A00"  # the status bar's alerts and warnings (gui/main_window.py)
REPO = Path(__file__).resolve().parents[2]


def xprop(display: Display, *args: str) -> str:
    result = subprocess.run(["xprop", *args], env=display.environment(),
                            capture_output=True, text=True, timeout=30)
    return result.stdout


def numbers(line: str) -> list[int]:
    return [int(part) for part in line.split("=")[1].replace(",", " ").split()]


def maximised(display: Display, window: str) -> bool:
    state = xprop(display, "-id", window, "_NET_WM_STATE")
    return "MAXIMIZED_VERT" in state and "MAXIMIZED_HORZ" in state


def size(display: Display, window: str) -> tuple[int, int]:
    shown = display.xdotool("getwindowgeometry", window)
    width, height = shown.split("Geometry:")[1].split()[0].split("x")
    return int(width), int(height)


def status_bar_seen(display: Display, shot_path: Path, bottom: int, rows: int = 60) -> bool:
    """Whether the status bar's alert colour is on screen in the `rows` above `bottom`."""
    shot = display.screenshot(shot_path)
    assert shot is not None, "no screenshot"
    colours = subprocess.run(
        ["convert", str(shot), "-crop", f"1366x{rows}+0+{bottom - rows}", "+repage",
         "-unique-colors", "txt:-"], capture_output=True, text=True, timeout=30).stdout
    return ALERT_COLOUR in colours.upper()


def test_maximised_at_first_then_where_the_user_left_it(start_app, demo_folder, display,
                                                         tmp_path):
    t = translator("id")
    app = start_app(demo_folder)
    main_title = log_in(app, t, "staff")
    window = app.wait_window(main_title)
    left, right, top, bottom = numbers(xprop(display, "-id", window, "_NET_FRAME_EXTENTS"))
    area_x, area_y, area_width, area_height = numbers(
        xprop(display, "-root", "_NET_WORKAREA"))[:4]
    with app.step("the first time the main window is maximised: with its title bar it "
                  "fills the screen's free area exactly"):
        assert maximised(display, window)
        assert size(display, window) == (area_width - left - right,
                                         area_height - top - bottom)
    with app.step("its status bar, with the alerts, is on screen at the bottom"):
        app.wait_idle()
        assert status_bar_seen(display, tmp_path / "maximised.png", area_y + area_height)
    with app.step("unmaximise it (Super+Down, as its title bar's button), then move and "
                  "resize it"):
        app.key("super+Down")
        app.display.xdotool("windowmove", "--sync", window, "70", "50")
        app.display.xdotool("windowsize", "--sync", window, "1120", "640")
        app.wait_idle()
        assert not maximised(display, window)
        left_it = app.display.xdotool("getwindowgeometry", window)
    with app.step(f"log out (Ctrl+L, Shift+Tab to “{t('Log out')}”, Space), log in again"):
        app.key("ctrl+l")
        app.wait_idle()
        app.key("shift+Tab", "space")
        app.wait_window(t("Rumah Aman: log in"))
    log_in(app, t, "staff")
    window = app.wait_window(main_title)
    with app.step("the main window is where and as big as the user left it"):
        assert not maximised(display, window)
        shown = app.display.xdotool("getwindowgeometry", window)
        assert shown.split("\n", 1)[1] == left_it.split("\n", 1)[1], (shown, left_it)
    close_and_expect_a_clean_exit(app)


def test_a_report_saved_through_qts_file_dialog_in_indonesian(start_app, demo_folder,
                                                               tmp_path):
    t = translator("id")
    app = start_app(demo_folder)
    log_in(app, t, "manager")  # managers open on the dashboard
    saved = tmp_path / "laporan bulan ini.pdf"
    save_button = t("Save this month's &report (PDF)…")
    dialog_title = t("Save the monthly report")
    with app.step(f"“{save_button}” (its Alt key) opens the file dialog “{dialog_title}”"):
        app.key("alt+" + save_button[save_button.index("&") + 1].lower())
        app.wait_window(dialog_title)
    with app.step("type a path over the suggested name, Enter: the report is saved"):
        app.key("ctrl+a")
        app.type(str(saved))
        app.key("Return")
        app.wait_window(t("Report saved"))
        app.key("Return")
        app.wait_gone(t("Report saved"))
        assert saved.stat().st_size > 0
    first_save = saved.stat().st_mtime_ns
    with app.step("save to the same file again: Qt asks whether to replace it, in "
                  "Indonesian: Alt+T is “&Tidak” (English would be “&No”, Alt+N)"):
        app.wait_idle()
        app.key("alt+" + save_button[save_button.index("&") + 1].lower())
        app.wait_window(dialog_title)
        app.key("ctrl+a")
        app.type(str(saved))
        app.key("Return")
        app.wait_idle()
        assert list(app.windows().values()).count(dialog_title) == 2, app.windows()
        app.key("alt+t")
        app.wait_idle()
        assert list(app.windows().values()).count(dialog_title) == 1, app.windows()
    with app.step("Escape closes the file dialog; the saved report was not replaced"):
        app.key("Escape")
        app.wait_gone(dialog_title)
        assert saved.stat().st_mtime_ns == first_save
    close_and_expect_a_clean_exit(app)


def test_make_run_opens_the_demo_it_finds_and_keeps_it(demo_folder, display: Display):
    """`make run` made the demo again each time: what the user did in it was lost."""
    before = {name: (demo_folder / name).read_bytes() for name in ("keys.json", "shelter.db")}
    env = display.environment(QT_QPA_PLATFORM="offscreen", SHELTER_EXIT_WHEN_SHOWN="1",
                              PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    # -o: the venv and the catalogs are the test's own, never rebuilt here
    result = subprocess.run(
        ["make", "-s", "-o", ".venv/.installed", "-o", "translations", "run",
         f"DEMO_DIR={demo_folder}", f"PY={sys.executable}"], cwd=REPO, env=env,
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "shown-at" in result.stdout, "the app did not open"
    after = {name: (demo_folder / name).read_bytes() for name in before}
    assert after == before, "make run made the demo shelter again"
