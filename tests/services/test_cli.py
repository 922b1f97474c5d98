"""The command line, run in-process: one clear line on bad input, never a traceback."""

import pytest
from pypdf import PdfReader

from shelter_app.cli import main
from shelter_app.storage import recovery_key


@pytest.fixture
def run(capsys, monkeypatch):
    def _run(*argv, password="admin password", new_password=None):
        monkeypatch.setenv("SHELTER_PASSWORD", password)
        if new_password:
            monkeypatch.setenv("SHELTER_NEW_PASSWORD", new_password)
        monkeypatch.setattr("sys.stdin", None)
        code = main(list(argv))
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err
    return _run


def test_init_prints_the_recovery_key_once_and_saves_the_sheet(run, tmp_path):
    sheet = tmp_path / "sheet.pdf"
    code, out, _err = run("--lang", "en", "--data-dir", str(tmp_path / "s"), "init",
                          "--shelter", "Rumah Uji", "--admin", "kepala", "--recovery-pdf",
                          str(sheet))
    assert code == 0
    key = out.strip().splitlines()[-1].strip()
    assert recovery_key.normalise(key) == key
    text = PdfReader(sheet).pages[0].extract_text()
    assert key.replace("-", "") in text.replace(" ", "").replace("\n", "")
    assert "Rumah Uji" in text
    code, out, _err = run("--data-dir", str(tmp_path / "s"), "users", "--user", "kepala",
                          "list")
    assert code == 0 and "kepala" in out and key not in out


def test_messages_follow_the_language(run, tmp_path):
    code, _out, err = run("--lang", "id", "--data-dir", str(tmp_path / "s"), "check",
                          "--user", "admin")
    assert code != 0
    assert "Belum ada rumah aman" in err


def test_users_add_disable_and_reset(run, tmp_path):
    folder = str(tmp_path / "s")
    assert run("--data-dir", folder, "init", "--shelter", "R", "--admin", "admin")[0] == 0
    code, out, _err = run("--lang", "en", "--data-dir", folder, "users", "--user", "admin",
                          "add", "siti", "--role", "staff", new_password="siti password")
    assert code == 0 and "siti was added" in out
    code, _out, err = run("--lang", "en", "--data-dir", folder, "users", "--user", "siti",
                          "list", password="siti password")
    assert code == 3 and "not allowed" in err
    assert run("--data-dir", folder, "users", "--user", "admin", "disable", "siti")[0] == 0
    code, _out, err = run("--lang", "en", "--data-dir", folder, "users", "--user", "siti",
                          "list", password="siti password")
    assert code == 4 and "disabled" in err


def test_reset_password_with_the_recovery_key(run, tmp_path, monkeypatch):
    folder = str(tmp_path / "s")
    _code, out, _err = run("--data-dir", folder, "init", "--shelter", "R", "--admin", "admin")
    monkeypatch.setenv("SHELTER_RECOVERY_KEY", out.strip().splitlines()[-1])
    code, _out, _err = run("--data-dir", folder, "users", "reset-password", "admin",
                           "--recovery-key", new_password="fresh password")
    assert code == 0
    assert run("--data-dir", folder, "check", "--user", "admin",
               password="fresh password")[0] == 0


@pytest.mark.parametrize("argv, code, message", [
    (["bogus"], 2, "invalid choice"),
    (["users", "--user", "admin", "add", "xy", "--role", "boss"], 2, "Unknown role"),
    (["check", "--user", "admin"], 4, "Wrong user name or password"),
    (["init", "--shelter", "R", "--admin", "admin"], 5, "already set up"),
    (["init", "--shelter", "R", "--admin", "admin", "--timezone", "Mars/Base"], 2,
     "Unknown time zone"),
])
def test_bad_input_gives_one_clear_line(run, tmp_path, argv, code, message):
    folder = str(tmp_path / "s")
    run("--data-dir", folder, "init", "--shelter", "R", "--admin", "admin")
    if "Mars/Base" in argv:
        folder = str(tmp_path / "other")
    got, _out, err = run("--lang", "en", "--data-dir", folder, *argv, password=(
        "wrong" if argv[0] == "check" else "admin password"), new_password="long enough")
    assert got == code
    assert message in err
    assert len([line for line in err.splitlines() if not line.startswith("usage:")]) == 1


def test_no_password_and_no_terminal_says_what_to_set(run, tmp_path, monkeypatch):
    monkeypatch.delenv("SHELTER_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", None)
    code = main(["--lang", "en", "--data-dir", str(tmp_path), "init", "--shelter", "R",
                 "--admin", "admin"])
    assert code == 2


def test_demo_makes_the_same_people_from_the_same_seed(run, tmp_path):
    from shelter_app.services.administration import auth
    from shelter_app.services.residents import records

    def people(folder):
        assert run("--data-dir", folder, "demo", "--residents", "12", "--seed", "7",
                   "--replace")[0] == 0
        workspace = auth.login(folder, "admin", "demo")
        from sqlalchemy import select

        from shelter_app.domain.models import Person
        with workspace.session() as session:
            rows = session.execute(select(Person.full_name, Person.sex, Person.birth_date)
                                   .order_by(Person.id)).all()
        overview = records.overview(workspace)
        workspace.close_database()
        return rows, overview

    first, overview = people(str(tmp_path / "a"))
    again, _ = people(str(tmp_path / "a"))
    assert first == again and len(first) == 12
    assert overview.persons == 12


def test_demo_never_replaces_a_real_shelter(run, tmp_path):
    folder = str(tmp_path / "s")
    run("--data-dir", folder, "init", "--shelter", "R", "--admin", "admin")
    code, _out, err = run("--lang", "en", "--data-dir", folder, "demo", "--replace")
    assert code != 0 and "real shelter" in err


def test_the_desktop_launch_skips_the_full_parser():
    from pathlib import Path

    from shelter_app.cli import _plain_gui_launch

    args = _plain_gui_launch(["--data-dir", "x", "--lang", "en", "gui"])
    assert (args.command, args.data_dir, args.lang) == ("gui", Path("x"), "en")
    assert _plain_gui_launch([]).data_dir is None
    assert _plain_gui_launch(["users", "list"]) is None
    assert _plain_gui_launch(["--lang", "fr"]) is None


def test_give_access_by_a_holder_or_with_the_recovery_key(run, tmp_path, monkeypatch):
    from shelter_app.services.administration import auth
    from shelter_app.services.counselling import session_notes

    folder = str(tmp_path / "s")
    _code, out, _err = run("--data-dir", folder, "init", "--shelter", "R", "--admin", "admin")
    recovery = out.strip().splitlines()[-1]
    for name, role in (("maya", "manager"), ("rina", "counsellor"), ("sari", "counsellor")):
        assert run("--data-dir", folder, "users", "--user", "admin", "add", name, "--role",
                   role, new_password=f"{name} password")[0] == 0
    code, _out, err = run("--lang", "en", "--data-dir", folder, "users", "--user", "admin",
                          "give-access", "maya")  # given when the administrator added her
    assert code != 0 and "not waiting for any access you can give" in err
    code, _out, err = run("--lang", "en", "--data-dir", folder, "users", "--user", "admin",
                          "give-access", "sari")  # the administrator holds no notes' key
    assert code != 0 and "not waiting for any access you can give" in err
    auth.logout(auth.login(folder, "rina", "rina password"))  # makes the counsellors' key
    assert run("--data-dir", folder, "users", "--user", "admin", "disable", "rina")[0] == 0
    monkeypatch.setenv("SHELTER_RECOVERY_KEY", recovery)
    code, out, _err = run("--lang", "en", "--data-dir", folder, "users", "give-access", "sari",
                          "--recovery-key")
    assert code == 0 and "sari has access now" in out
    sari = auth.login(folder, "sari", "sari password")
    assert session_notes.readable(sari)
    auth.logout(sari)
