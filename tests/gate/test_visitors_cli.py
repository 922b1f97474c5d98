"""`shelter-app visitors check`: exit 3 and one line to stop, 0 when not."""

import pytest
from sqlalchemy import select

from shelter_app.domain.models import Visit
from tests.conftest import ADMIN_PASSWORD
from tests.gate.conftest import JOKO_KTP

pytestmark = pytest.mark.file_only


@pytest.fixture
def cli(gate, admin, run, data_dir):
    admin.close_database()

    def _check(*argv, user="admin"):
        return run("--data-dir", str(data_dir), "visitors", "check", *argv, "--user", user)
    return _check


def _login(data_dir):
    from shelter_app.services.administration import auth

    return auth.login(data_dir, "admin", ADMIN_PASSWORD)


def test_a_match_exits_3_with_one_line(cli, gate, data_dir):
    for argv in (("--name", "Djoko Susanto"), ("--phone", "+62 812-3456-7890"),
                 ("--phone", "081234567890"), ("--id-number", JOKO_KTP)):
        code, out, err = cli("--name", "x", *argv) if argv[0] != "--name" else cli(*argv)
        assert code == 3, argv
        assert len(out.strip().splitlines()) == 1 and out.startswith("STOP")
        assert "Joko" not in out + err and "Dewi" not in out + err
    admin = _login(data_dir)
    with admin.session() as session:
        assert session.scalars(select(Visit.outcome)).all() == ["stopped"] * 4
    admin.close_database()


def test_no_match_exits_0_the_same_for_a_hidden_resident_and_one_who_left(cli, gate):
    answers = [cli("--case", case, "--name", "Rahmat Hidayat", "--phone", "0811 2222 3333")
               for case in (gate.hidden_case, gate.rini_case)]
    answers.append(cli("--name", "Rahmat Hidayat", "--phone", "0811 2222 3333"))
    assert answers[0] == answers[1] == answers[2]
    code, out, err = answers[0]
    assert code == 0 and len(out.strip().splitlines()) == 1 and err == ""


def test_nothing_to_check_and_a_garbage_id_number_are_refused(cli, gate):
    for argv, words in ((("--case", gate.rini_case), "Nothing to check"),
                        (("--name", " ", "--phone", ""), "Nothing to check"),
                        (("--name", "Budi", "--id-number", "KTP?!"), "ID number is not valid"),
                        (("--name", "Budi", "--phone", "12"), "phone number is not valid")):
        code, out, err = cli(*argv)
        assert code == 2 and out == ""
        assert words in err and len(err.strip().splitlines()) == 1


def test_an_unknown_case_is_refused(cli, gate):
    code, _out, err = cli("--case", "RA-1999-9999", "--name", "Budi")
    assert code == 2 and "case number" in err
