"""`shelter-app transfer export` and `transfer import`: exit codes and messages."""

from shelter_app.services.residents import records
from tests.transfer.conftest import PASSPHRASE


def test_export_then_import_on_the_command_line(run, admin, sending, receiving, data_dir,
                                                tmp_path):
    case = records.profile(admin, sending.dewi).case_number
    out = tmp_path / "dewi.ratransfer"
    export = ("--data-dir", str(data_dir), "transfer", "export", "--case", case, "--to",
              "Rumah Aman Kupang", "--out", str(out), "--user", "admin")
    code, _out, err = run(*export)
    assert code == 2 and "TRANSFER_PASSPHRASE" in err  # no terminal to ask on
    code, printed, err = run(*export, TRANSFER_PASSPHRASE=PASSPHRASE)
    assert code == 0, err
    assert "Recorded as a discharge" in printed and out.exists()
    agus = records.profile(admin, sending.agus).case_number
    code, _out, err = run(*export[:5], agus, *export[6:], TRANSFER_PASSPHRASE=PASSPHRASE)
    assert code == 2 and "not agreed" in err
    # moved out already: says to whom and when, and moves again only with --again
    again = tmp_path / "again.ratransfer"
    code, _out, err = run(*export[:-3], str(again), "--user", "admin",
                          TRANSFER_PASSPHRASE=PASSPHRASE)
    assert code == 2 and "moved to Rumah Aman Kupang already" in err and "--again" in err
    assert not again.exists()

    folder = str(receiving.folder)
    receive = ("--data-dir", folder, "transfer", "import", str(out), "--user", "admin")
    code, _out, err = run(*receive, TRANSFER_PASSPHRASE="wrong passphrase")
    assert code == 4 and "does not open" in err
    code, printed, err = run(*receive, TRANSFER_PASSPHRASE=PASSPHRASE)
    assert code == 0, err
    assert "Received from Rumah Aman Mataram" in printed
    # the same file again: received before (named), nothing done without --again
    there = records.profile(receiving, 1).case_number
    code, _out, err = run(*receive, TRANSFER_PASSPHRASE=PASSPHRASE)
    assert code == 2 and "received from the same shelter before" in err
    assert there in err and "--again" in err
    # with --again: she is on record now (the same NIK), and in the shelter
    code, _out, err = run(*receive, "--again", TRANSFER_PASSPHRASE=PASSPHRASE)
    assert code == 2 and "same NIK" in err and "--same-as" in err
    assert records.overview(receiving).persons == 1
    code, _out, err = run(*receive, "--again", "--same-as", there,
                          TRANSFER_PASSPHRASE=PASSPHRASE)
    assert code == 2 and "in the shelter already" in err
    code, _out, err = run("--data-dir", folder, "transfer", "import", str(data_dir),
                          "--user", "admin", TRANSFER_PASSPHRASE=PASSPHRASE)
    assert code == 2 and "folder" in err


def test_staff_may_not_export(run, admin, login_as, sending, data_dir, tmp_path):
    login_as("staff")
    case = records.profile(admin, sending.dewi).case_number
    code, _out, err = run("--data-dir", str(data_dir), "transfer", "export", "--case", case,
                          "--to", "Rumah Aman Kupang", "--out", str(tmp_path / "x"),
                          "--user", "staff", TRANSFER_PASSPHRASE=PASSPHRASE)
    assert code == 3 and "not allowed" in err
