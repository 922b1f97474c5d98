"""`shelter-app import residents FILE`: the dry run, bad rows (exit 2, every row listed),
the import and its report, a saved mapping reused, and a device refused."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.data_import.sheets import HEADER, row, write_xlsx

pytestmark = pytest.mark.file_only


def _cli(run, data_dir, *argv):
    return run("--data-dir", str(data_dir), "import", "residents", *argv, "--user", "admin")


def test_a_dry_run_prints_the_summary_and_imports_nothing(run, admin, data_dir, tmp_path):
    register = write_xlsx(tmp_path / "r.xlsx", [row(), row(name="Budi", sex="L")])
    code, out, err = _cli(run, data_dir, str(register), "--dry-run")
    assert code == 0, err
    assert "Would create 2 persons, 2 stays" in out and "No -> Register number (No)" in out
    assert "2 of them would be present in the shelter today" in out
    assert "given the intake's values: risk level (medium)" in out
    # admitted 12/01/2025, long before today (the clock's): a note each, the date as the
    # app writes dates, the row with the register's own number
    assert ("Row 4 (No 1), Tgl Keluar: No date of discharge: will count as present "
            "since 12 January 2025") in out
    code, out, err = _cli(run, data_dir, str(register), "--dry-run")
    assert "Would create 2 persons" in out  # still nothing imported


def test_bad_rows_exit_2_with_the_rows_listed(run, admin, data_dir, tmp_path):
    register = write_xlsx(tmp_path / "r.xlsx", [
        row(), row(admitted=dt.date(2030, 1, 1)), row(sex="?", name="X")])
    code, out, err = _cli(run, data_dir, str(register))
    assert code == 2
    assert "Row 5 (No 2), Tanggal Masuk: This date is in the future." in err
    assert "Row 6 (No 3), L/P:" in err and "2 rows have problems" in err
    code, out, _err = _cli(run, data_dir, str(register), "--dry-run")
    assert code == 2 and "Would create 1 persons" in out


def test_an_import_prints_the_count_and_writes_its_report(run, admin, data_dir, tmp_path):
    register = write_xlsx(tmp_path / "r.xlsx", [row(), row(name="Budi Santoso", sex="L")])
    code, out, err = _cli(run, data_dir, str(register), "--report",
                          str(tmp_path / "report.pdf"))
    assert code == 0, err
    assert "Imported 2 persons with 2 stays; 0 skipped" in out
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    code, out, err = _cli(run, data_dir, str(register), "--dry-run")
    assert "Would create 0 persons" in out and "already on record" in out


def test_a_saved_mapping_is_reused(run, admin, data_dir, tmp_path):
    header = ["Siapa", *HEADER[1:2], "Kelamin Korban", *HEADER[3:]]
    register = write_xlsx(tmp_path / "r.xlsx", [row()], header=header)
    code, _out, err = _cli(run, data_dir, str(register), "--dry-run")
    assert code == 2 and "Choose the register's column for: Sex" in err
    mapping = tmp_path / "mapping.json"
    code, _out, _err = _cli(run, data_dir, str(register), "--dry-run", "--save-mapping",
                            str(mapping))
    saved = json.loads(mapping.read_text())
    saved["columns"]["Kelamin Korban"] = "sex"
    mapping.write_text(json.dumps(saved))
    code, out, err = _cli(run, data_dir, str(register), "--mapping", str(mapping),
                          "--dry-run")
    assert code == 0, err
    assert "Kelamin Korban -> Sex" in out


def test_a_device_is_refused(run, admin, data_dir):
    code, out, err = _cli(run, data_dir, "/dev/zero", "--dry-run")
    assert code == 2 and "not an ordinary file" in err
