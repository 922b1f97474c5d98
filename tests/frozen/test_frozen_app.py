"""The frozen one-folder app (make bundle), run as a shelter would run it: `make
bundle-check` points RUMAH_AMAN_FROZEN_APP at dist/rumah-aman/rumah-aman. Nothing of the
checkout is on its path: the bundle alone must carry what it needs."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tomllib
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
FROZEN_APP = Path(os.environ.get("RUMAH_AMAN_FROZEN_APP", "/nonexistent"))


def run(*args: str, env_extra: dict | None = None, timeout: float = 300):
    # No PYTHONPATH and a folder outside the checkout: the bundle must not lean on either.
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update({"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
                "QT_QPA_PLATFORM": "offscreen", **(env_extra or {})})
    env.pop("RUMAH_AMAN_TEST_KDF_FLOOR", None)  # the real floor, as on a shelter PC
    return subprocess.run([str(FROZEN_APP), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd="/")


@pytest.fixture(scope="module")
def demo_shelter(tmp_path_factory):
    folder = tmp_path_factory.mktemp("frozen") / "demo"
    made = run("--data-dir", str(folder), "demo", "--residents", "20", "--days", "40")
    assert made.returncode == 0, made.stderr
    return folder


def test_the_frozen_app_is_a_bundle_of_its_own():
    assert FROZEN_APP.is_file() and os.access(FROZEN_APP, os.X_OK), FROZEN_APP
    assert not any(p.name == "site-packages" for p in FROZEN_APP.parent.rglob("site-packages"))


def test_version_is_the_one_in_pyproject():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Rumah Aman {version}"


def test_self_test_passes_every_check():
    result = run("--lang", "en", "--self-test")
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    checks = [line for line in lines if line[:4] in ("ok  ", "FAIL")]
    assert len(checks) >= 12 and all(line.startswith("ok ") for line in checks), lines
    assert "frozen app" in lines[0]


def test_a_demo_and_its_occupancy_report_from_the_frozen_app(demo_shelter, tmp_path):
    today = dt.date.today()
    out = tmp_path / "occupancy.pdf"
    result = run("--data-dir", str(demo_shelter), "--lang", "id", "report", "occupancy",
                 "--from", (today - dt.timedelta(days=30)).isoformat(),
                 "--to", today.isoformat(), "--user", "manager", "--out", str(out),
                 env_extra={"SHELTER_PASSWORD": "demo"})
    assert result.returncode == 0, result.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Rumah Aman Demo" in text  # the letterhead, in Indonesian
    assert "Hunian" in text or "hunian" in text


def test_a_wrong_password_is_one_line_in_indonesian(demo_shelter, tmp_path):
    result = run("--data-dir", str(demo_shelter), "report", "occupancy", "--from",
                 "2026-01-01", "--to", "2026-01-31", "--user", "manager",
                 "--out", str(tmp_path / "x.pdf"), env_extra={"SHELTER_PASSWORD": "wrong"})
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_the_tarball_installs_for_one_user_and_uninstalls_keeping_the_data(tmp_path):
    import tarfile

    tarball = next((ROOT / "dist").glob("rumah-aman-*-linux-*.tar.gz"))
    with tarfile.open(tarball) as archive:
        archive.extractall(tmp_path / "unpacked", filter="tar")
    home = tmp_path / "home with space"
    data = home / ".local" / "share" / "RumahAman"
    data.mkdir(parents=True)
    (data / "shelter.db").write_bytes(b"the shelter's records")
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    installer = tmp_path / "unpacked" / "rumah-aman" / "install.sh"
    done = subprocess.run(["sh", str(installer)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    entry = (home / ".local/share/applications/rumah-aman.desktop").read_text()
    program = home / ".local/opt/rumah-aman/rumah-aman"
    assert f'Exec="{program}"' in entry and "@" not in entry
    version = subprocess.run([str(home / ".local/bin/rumah-aman"), "--version"], env=env,
                             capture_output=True, text=True)
    assert version.stdout.startswith("Rumah Aman ")
    again = subprocess.run(["sh", str(installer)], env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr  # an upgrade is the same command
    gone = subprocess.run(["sh", str(program.with_name("install.sh")), "--uninstall"],
                          env=env, capture_output=True, text=True)
    assert gone.returncode == 0, gone.stderr
    assert not program.exists() and not (home / ".local/bin/rumah-aman").exists()
    assert (data / "shelter.db").read_bytes() == b"the shelter's records"


def test_the_bundle_carries_only_what_the_app_uses():
    bundle = FROZEN_APP.parent
    names = [path.relative_to(bundle).as_posix() for path in bundle.rglob("*")]
    unwanted = ("opengl32sw", "Qt6Quick", "Qt6Qml", "Qt6Pdf", "Qt6Network", "libqgtk3",
                "qtvirtualkeyboard", "/translations/qt", "libgtk-3", "tkinter", "pytest")
    assert not [name for name in names if any(word in name for word in unwanted)]
    assert not [path for path in bundle.rglob("*") if path.is_symlink() and not path.exists()]
    for needed in ("_internal/shelter_app/db/versions/0001_initial.py",
                   "_internal/shelter_app/resources/fonts/DejaVuSans.ttf",
                   "_internal/shelter_app/resources/locale/id/LC_MESSAGES/shelter_app.mo",
                   "_internal/shelter_app/resources/reference/htcds-2.0-fields.tsv",
                   "_internal/shelter_app/resources/icons/rumah-aman.png"):
        assert needed in names, needed


def test_the_bundle_runs_where_the_readme_says_glibc_2_36():
    """The README promises Debian 12 and Ubuntu 24.04: a build on a newer system would
    need a newer C library and fail to start there, so the newest symbol version is read."""
    import re

    newest = (0, 0)
    for library in FROZEN_APP.parent.rglob("*.so*"):
        if library.is_symlink():
            continue
        symbols = subprocess.run(["objdump", "-T", str(library)], capture_output=True,
                                 text=True).stdout
        for found in re.findall(r"GLIBC_(\d+)\.(\d+)", symbols):
            newest = max(newest, tuple(int(part) for part in found))
    assert (2, 17) <= newest <= (2, 36), newest
