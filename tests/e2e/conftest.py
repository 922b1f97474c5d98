"""The end-to-end tests' display and demo shelter, made once per run; each test gets its
own copy of the shelter and its own app process."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.e2e.desktop import App, DesktopMissing, Display, app_command

DEMO_RESIDENTS = "20"  # small: the demo's key derivations, not its size, set the time


@pytest.fixture(scope="session")
def display(tmp_path_factory):
    try:
        screen = Display(tmp_path_factory.mktemp("display")).start()
    except DesktopMissing as missing:
        pytest.fail(str(missing), pytrace=False)  # never a skip: CI must have them
    yield screen
    screen.stop()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """Made by the `demo` command, as `make run` makes it (real key derivation)."""
    folder = tmp_path_factory.mktemp("demo-template") / "shelter"
    env = dict(os.environ)
    env.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    result = subprocess.run(
        [*app_command(), "--data-dir", str(folder), "demo",
         "--residents", DEMO_RESIDENTS], env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, f"the demo command failed:\n{result.stderr}"
    return folder


@pytest.fixture
def demo_folder(demo_template, tmp_path):
    return shutil.copytree(demo_template, tmp_path / "shelter")


@pytest.fixture
def start_app(display, tmp_path):
    """start_app(folder, language=None) -> App; every app still running is ended after the
    test."""
    started: list[App] = []

    def start(folder, language: str | None = None) -> App:
        app = App(display, folder, tmp_path / f"app-{len(started) + 1}", language).start()
        started.append(app)
        return app

    yield start
    for app in started:
        app.stop()
