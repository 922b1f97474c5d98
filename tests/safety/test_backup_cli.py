"""backup, restore and rekey from the command line, as a scheduled task would run them."""





def test_backup_restore_and_rekey_from_the_command_line(filled, data_dir, tmp_path, run,
                                                        shelter):
    filled.close_database()
    code, out, _err = run("--data-dir", str(data_dir), "backup", "--out", str(tmp_path),
                          "--user", "admin", SHELTER_BACKUP_PASSPHRASE="kunci cadangan")
    assert code == 0 and "written and checked" in out
    made = next(tmp_path.glob("*.rabackup"))
    code, _out, err = run("--data-dir", str(tmp_path / "new"), "restore", str(made))
    assert code == 2 and "SHELTER_BACKUP_PASSPHRASE" in err  # no terminal to ask
    code, out, _err = run("--data-dir", str(tmp_path / "new"), "restore", str(made),
                          SHELTER_BACKUP_PASSPHRASE="kunci cadangan")
    assert code == 0 and "Users: admin" in out
    code, out, _err = run("--data-dir", str(tmp_path / "new2"), "restore", str(made),
                          "--recovery-key", SHELTER_RECOVERY_KEY=shelter)
    assert code == 0
    code, _out, err = run("--data-dir", str(tmp_path / "new3"), "restore",
                          str(tmp_path / "missing.rabackup"),
                          SHELTER_BACKUP_PASSPHRASE="kunci cadangan")
    assert code == 5 and "not found" in err
    code, out, _err = run("--data-dir", str(tmp_path / "new"), "rekey", "--user", "admin")
    assert code == 0 and "new master key" in out
    new_key = out.strip().splitlines()[2].strip()
    assert len(new_key) == 35 and new_key != shelter
