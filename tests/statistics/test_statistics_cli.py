"""`shelter-app stats export` and `stats combine` as a user types them: files in every
format, the PDF in Indonesian by default, combine without a login, one line for a bad
file, never a traceback."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from shelter_app import i18n
from shelter_app.cli import main
from shelter_app.reports.overview import statistics_pdf
from tests.conftest import ADMIN_PASSWORD


@pytest.fixture
def cli(capsys, monkeypatch):
    """The command line with the language as typed (no --lang put in front)."""
    def _cli(*argv):
        monkeypatch.setenv("SHELTER_PASSWORD", ADMIN_PASSWORD)
        monkeypatch.setattr("sys.stdin", None)
        code = main(list(argv))
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err
    return _cli


def _export(cli, data_dir, out, *more):
    return cli(*more, "--data-dir", str(data_dir), "stats", "export", "--from", "2026-01-01",
               "--to", "2026-10-31", "--out", str(out), "--user", "admin")


def test_export_writes_json_csv_and_an_indonesian_pdf(cli, data_dir, residents, tmp_path):
    for fmt in ("json", "csv"):
        code, out, _err = _export(cli, data_dir, tmp_path / f"s.{fmt}", "--lang", "en")
        assert code == 0 and "counts suppressed:" in out
    assert json.loads((tmp_path / "s.json").read_text())["period_to"] == "2026-10-31"
    assert (tmp_path / "s.csv").read_text().startswith("format,format_version,province")
    code, _out, _err = _export(cli, data_dir, tmp_path / "s.pdf", "--lang", "id")
    assert code == 0
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "s.pdf").pages)
    with i18n.in_language("id"):
        heading = i18n._("Admissions by sex and age band")
        footer = statistics_pdf.footer_line()
    for indonesian in ("Perempuan", "Laki-laki", "Jumlah", "Halaman 1", footer, heading):
        assert indonesian in text
    # its own footer: no names in it, so not the other reports' "confidential" line
    assert "RAHASIA" not in text
    # printed as the app shows a time elsewhere (1 Des 2026 11.50.00), not CLDR's "1/12/26"
    assert re.search(r"Dicetak \d{1,2} \w{3} \d{4} \d{2}\.\d{2}", text)
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{2} ", text)
    assert "Rumah Uji" not in text  # the province and the period, never the shelter


def test_combine_needs_no_login_and_refuses_a_bad_file(cli, data_dir, residents, tmp_path):
    _export(cli, data_dir, tmp_path / "a.json", "--lang", "en")
    _export(cli, data_dir, tmp_path / "b.csv", "--lang", "en")
    nowhere = tmp_path / "no-shelter-here"
    code, out, _err = cli("--lang", "en", "--data-dir", str(nowhere), "stats", "combine",
                          str(tmp_path / "a.json"), str(tmp_path / "b.csv"), "--out",
                          str(tmp_path / "c.pdf"))
    assert code == 0 and "2 shelters" in out and not nowhere.exists()
    assert PdfReader(tmp_path / "c.pdf").pages
    (tmp_path / "bad.json").write_text('{"format": "something else"}')
    code, _out, err = cli("--lang", "en", "stats", "combine", str(tmp_path / "a.json"),
                          str(tmp_path / "bad.json"), "--out", str(tmp_path / "d.json"))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "bad.json is not a statistics export" in err
    assert not (tmp_path / "d.json").exists()


def test_staff_cannot_export(cli, data_dir, login_as, tmp_path):
    login_as("staff")
    code, _out, err = cli("--lang", "en", "--data-dir", str(data_dir), "stats", "export",
                          "--from", "2026-01-01", "--to", "2026-01-31", "--out",
                          str(tmp_path / "s.json"), "--user", "staff")
    assert code != 0 and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "s.json").exists()
