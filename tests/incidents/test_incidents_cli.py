"""`shelter-app incidents list`: one line per incident, case numbers and never a name nor
the free text; bad input is one line and exit 2."""

import datetime as dt

import pytest

from shelter_app.domain.roles import Role
from shelter_app.services.administration import users
from shelter_app.services.residents import incidents
from shelter_app.services.residents.incidents import IncidentData
from tests.conftest import ADMIN_PASSWORD

pytestmark = pytest.mark.file_only


@pytest.fixture
def recorded(admin, residents, clock, login_as):
    """A critical one last night (23:30 at the shelter, 16:30 UTC) with Dewi and the hidden
    resident, handled; a serious one today, still open; a low one ten days ago."""
    zone = incidents.today_and_zone(admin)[1]
    night = dt.datetime(2026, 11, 26, 23, 30, tzinfo=zone)
    made = {
        "night": incidents.record_incident(admin, IncidentData(
            kind="trafficker_seen", severity="critical", at=night,
            description="SECRET-TEXT the recruiter's car at the gate",
            case_numbers=(residents.dewi, residents.hidden))),
        "open": incidents.record_incident(admin, IncidentData(
            kind="threat", severity="serious", at=clock() - dt.timedelta(hours=1),
            description="SECRET-TEXT a call", case_numbers=(residents.agus,))),
        "old": incidents.record_incident(admin, IncidentData(
            kind="conflict", severity="low", at=clock() - dt.timedelta(days=10),
            description="SECRET-TEXT shouting")),
    }
    incidents.mark_handled(login_as("manager"), made["night"])
    users.add_user(admin, "counsellor", Role.COUNSELLOR, ADMIN_PASSWORD)
    admin.close_database()
    return made


@pytest.fixture
def cli(run, data_dir):
    def _list(*argv, user="admin"):
        return run("--data-dir", str(data_dir), "incidents", "list", *argv, "--user", user)
    return _list


def test_every_incident_one_line_newest_first(cli, recorded, residents):
    code, out, err = cli()
    assert code == 0 and err.strip() == "3 incidents."
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0].split("\t")[1:] == ["Threat", "Serious", residents.agus,
                                        "not yet handled"]
    assert lines[1].split("\t") == [
        "26/11/2026 23:30", "Trafficker seen", "Critical",
        ",".join(sorted([residents.dewi, residents.hidden])), "handled"]
    assert lines[2].split("\t")[1:] == ["Conflict between residents", "Low", "-", "-"]
    for words in ("Dewi", "Lestari", "Agus", "Sri", "Wahyuni", "Mawar", "SECRET-TEXT"):
        assert words not in out + err


def test_filters(cli, recorded, residents):
    assert len(cli("--from", "2026-11-26", "--to", "2026-11-26")[1].splitlines()) == 1
    code, out, _err = cli("--from", "2026-11-27")
    assert code == 0 and [line.split("\t")[1] for line in out.splitlines()] == ["Threat"]
    assert cli("--to", "2026-11-20")[1].split("\t")[1] == "Conflict between residents"
    assert cli("--kind", "trafficker_seen")[1].count("\n") == 1
    assert cli("--severity", "low")[1].split("\t")[2] == "Low"
    code, out, err = cli("--open")
    assert code == 0 and out.split("\t")[1] == "Threat" and out.count("\n") == 1
    code, out, err = cli("--open", "--kind", "conflict")
    assert (code, out, err.strip()) == (0, "", "0 incidents.")


def test_a_counsellor_lists_them_too(cli, recorded):
    code, out, _err = cli(user="counsellor")
    assert code == 0 and len(out.splitlines()) == 3


@pytest.mark.parametrize("argv, words", [
    (("--from", "27-11-2026"), "YYYY-MM-DD"),
    (("--to", "2026-02-30"), "YYYY-MM-DD"),
    (("--from", "2026-11-27", "--to", "2026-11-01"), "ends before it starts"),
])
def test_bad_dates_are_one_line_and_exit_2(cli, recorded, argv, words):
    code, out, err = cli(*argv)
    assert code == 2 and out == ""
    assert words in err and len(err.strip().splitlines()) == 1


def test_an_unknown_kind_or_severity_is_refused(cli, recorded):
    for argv in (("--kind", "burglary"), ("--severity", "huge")):
        code, out, err = cli(*argv)
        assert code == 2 and out == "" and "invalid choice" in err


def test_a_wrong_password_or_no_user_is_one_line(cli, recorded, run, data_dir):
    code, out, err = run("--data-dir", str(data_dir), "incidents", "list", "--user", "admin",
                         SHELTER_PASSWORD="not the password")
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1
    code, out, err = run("--data-dir", str(data_dir), "incidents", "list",
                         SHELTER_USER="")
    assert code == 2 and "--user" in err


def test_there_is_no_delete(run):
    code, _out, err = run("incidents", "delete")
    assert code == 2 and "invalid choice" in err
