"""`--version` and `--self-test`, from the checkout (tests/frozen runs them on the bundle)."""

from __future__ import annotations

import importlib.util
import io
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from shelter_app import __version__, cli, self_test

ROOT = Path(__file__).resolve().parents[2]


def test_the_version_is_the_one_in_pyproject(capsys):
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert __version__ == pyproject["project"]["version"]
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"Rumah Aman {__version__}"


def test_the_self_test_passes_here_in_a_process_of_its_own():
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    result = subprocess.run([sys.executable, "-m", "shelter_app", "--self-test"], env=env,
                            capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    names = [line.split()[1] for line in result.stdout.splitlines()
             if line.startswith(("ok ", "FAIL"))]
    assert names == [name for name, _check in self_test._checks(Path("/unused"))]


def test_a_failing_check_is_named_on_its_line_and_fails_the_run(monkeypatch):
    def broken():
        raise FileNotFoundError("libqxcb.so")

    monkeypatch.setattr(self_test, "_no_os_keyring", lambda: None)
    monkeypatch.setattr(self_test, "_checks", lambda scratch, store: [
        ("version", self_test._version), ("qt", broken)])
    out = io.StringIO()
    assert self_test.run(out) == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("ok   version")
    assert lines[1].startswith("FAIL qt") and "FileNotFoundError: libqxcb.so" in lines[1]


def test_every_module_left_out_of_the_bundle_exists():
    """A renamed build-only module would otherwise go into the bundle unnoticed, and a
    module named here by mistake would be left out of it."""
    for name in self_test.BUILD_ONLY_MODULES:
        assert importlib.util.find_spec(name) is not None, name
    assert not set(self_test.app_modules()) & self_test.BUILD_ONLY_MODULES
