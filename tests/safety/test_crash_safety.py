"""Power cuts and killed processes: SIGKILL the writer at random moments, again and
again; every transaction it reported as saved must be there, and the file sound."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.domain.models import Person
from shelter_app.storage import migrate, snapshot
from shelter_app.storage.engine import open_engine
from shelter_app.storage.keyfile import new_master_key

WRITER = Path(__file__).with_name("crash_writer.py")
TRANSACTIONS, KILLS = 1000, 50


def _run_until_killed(database: Path, key: bytearray, rng) -> list[int]:
    env = dict(os.environ, CRASH_KEY=bytes(key).hex())
    process = subprocess.Popen([sys.executable, str(WRITER), str(database)],
                               stdout=subprocess.PIPE, text=True, env=env)
    first = process.stdout.readline().strip()
    if first != "ready":
        process.kill()
        raise AssertionError(f"the writer did not start: {first!r}")
    time.sleep(rng.uniform(0.0, 0.25))
    process.send_signal(signal.SIGKILL)
    out, _err = process.communicate(timeout=30)
    return [int(line.split()[1]) for line in out.splitlines() if line.startswith("saved ")]


def test_sigkill_during_transactions_loses_nothing_that_was_reported_saved(tmp_path):
    database, key = tmp_path / "crash.db", new_master_key()
    engine = open_engine(database, key)
    migrate.upgrade(engine, database, tmp_path / "backups")
    engine.dispose()
    rng = random.Random(20261127)
    saved: list[int] = []
    kills = 0
    while len(saved) < TRANSACTIONS or kills < KILLS:
        saved += _run_until_killed(database, key, rng)
        kills += 1
        engine = open_engine(database, key)  # recovery after each kill, as at a restart
        with Session(engine) as session:
            stored = set(session.scalars(select(Person.case_number)))
        engine.dispose()
        missing = [n for n in saved if f"RA-CRASH-{n:06d}" not in stored]
        assert missing == [], f"reported saved but lost after kill {kills}: {missing[:5]}"
    connection = snapshot.connect(database, key)
    try:
        assert snapshot.integrity_problems(connection) == []
    finally:
        connection.close()
    assert kills >= KILLS and len(saved) >= TRANSACTIONS
