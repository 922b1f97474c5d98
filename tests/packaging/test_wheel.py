"""An installed wheel, not the checkout, must find ui/, resources/ and db/."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(ROOT)], check=True, capture_output=True)
    return next(out.glob("*.whl"))


def test_the_wheel_carries_resources_migrations_forms_and_compiled_catalogs(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("shelter_app/db/env.py", "shelter_app/db/versions/0001_initial.py",
                     "shelter_app/resources/fonts/DejaVuSans.ttf",
                     "shelter_app/resources/locale/id/LC_MESSAGES/shelter_app.mo",
                     "shelter_app/resources/style/app.qss",
                     "shelter_app/ui/login.ui", "shelter_app/gui/forms/login_form.py"):
        assert required in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "shelter-app = shelter_app.cli:main" in zipfile.ZipFile(wheel).read(
        entry_points).decode()


def test_the_installed_app_runs_from_anywhere(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    env = dict(os.environ, PYTHONPATH=str(target), SHELTER_PASSWORD="a long password")
    probe = ("import shelter_app.paths as p; print(p.migrations_dir()); "
             "print(p.locale_dir()); print(p.style_dir() / 'app.qss')")
    where = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert all(line.startswith(str(target)) for line in where.split())
    data = tmp_path / "data"
    init = subprocess.run([sys.executable, "-m", "shelter_app", "--lang", "id", "--data-dir",
                           str(data), "init", "--shelter", "Rumah", "--admin", "admin"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert init.returncode == 0, init.stderr
    assert "Kunci pemulihan" in init.stdout  # translated from the installed catalog
    check = subprocess.run([sys.executable, "-m", "shelter_app", "--data-dir", str(data),
                            "check", "--user", "admin"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
