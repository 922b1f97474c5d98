"""The recovery sheet is printed from memory or saved where the administrator chooses,
never as a fixed file in the home folder; a new master key offers its new sheet the
same way (issue 13, finding 8)."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from shelter_app.gui.background import wait_for_idle
from shelter_app.gui.setup_wizard import SetupWizard
from shelter_app.services.administration import auth, setup, users


@pytest.fixture
def demo_dir(tmp_path, clock):
    """A demo-flagged shelter with no counsellor yet (the full demo's counsellors' key
    would make a rekey ask for its recovery key, which no test knows); the admin's password
    is 'demo', as the `logged_in` fixture types it."""
    folder = tmp_path / "shelter"
    made = setup.create_shelter(folder, shelter_name="Rumah Uji", time_zone="Asia/Jakarta",
                                admin_username="admin", admin_password="demo", demo=True,
                                clock=clock)
    auth.logout(made.workspace)
    return folder


def suggested_nowhere_but_for_documents(suggested: str) -> bool:
    """The sheet's name, in the folder every save dialog starts in (Documents, else
    home): the administrator chooses; nothing is written before they do."""
    return Path(suggested).name == "recovery-sheet.pdf"


def test_a_new_master_key_offers_its_sheet_where_the_administrator_chooses(
        logged_in, qtbot, tmp_path, demo_dir, monkeypatch):
    asked = []
    sheet = tmp_path / "chosen" / "lembar.pdf"
    sheet.parent.mkdir()

    def choose(_parent, _title, suggested, *_args, **_kwargs):
        asked.append(suggested)
        return str(sheet), ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    monkeypatch.setattr("shelter_app.gui.admin.backup_page.confirm", lambda *a, **k: True)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("demo", True))
    page = logged_in.main_window.areas["administration"].backup_page
    page.new_key()
    qtbot.waitUntil(lambda: page.new_sheet is not None and page.new_sheet.isVisible(),
                    timeout=30000)
    dialog = page.new_sheet
    key = dialog.key_label.text()
    assert len(key) == 35
    assert not dialog.close_button.isEnabled()  # the key is kept first
    dialog.save_button.click()
    qtbot.waitUntil(sheet.exists, timeout=10000)
    assert asked and suggested_nowhere_but_for_documents(asked[0])
    assert not (Path.home() / "recovery-sheet.pdf").exists()
    dialog.print_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    dialog.kept.setChecked(True)
    dialog.close_button.click()
    assert dialog.recovery_key is None and dialog.preview is None
    assert wait_for_idle(30000)
    logged_in.shutdown()
    users.reset_with_recovery_key(demo_dir, key, "admin", "another password")


def test_the_wizard_writes_the_sheet_only_where_chosen(qtbot, data_dir, monkeypatch, tmp_path):
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda _p, _t, suggested, *a, **k: (asked.append(suggested), ("", ""))[1])
    wizard = SetupWizard(data_dir)
    qtbot.addWidget(wizard)
    wizard.recovery._save_sheet()
    assert asked and suggested_nowhere_but_for_documents(asked[0])
    assert not (Path.home() / "recovery-sheet.pdf").exists()


def test_the_command_line_rekey_saves_the_new_sheet_where_asked(shelter, data_dir, run,
                                                                tmp_path):
    from pypdf import PdfReader

    sheet = tmp_path / "chosen" / "lembar.pdf"
    sheet.parent.mkdir()
    code, out, _err = run("--data-dir", str(data_dir), "rekey", "--user", "admin",
                          "--recovery-pdf", str(sheet))
    assert code == 0
    key = out.split("safe):")[1].split()[0]
    text = "".join(page.extract_text() for page in PdfReader(sheet).pages)
    assert key.replace("-", "") in "".join(text.split())  # its groups on two lines
