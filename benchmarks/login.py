"""Log in = Argon2id with the parameters calibrated on this PC, unwrap, open SQLCipher,
check the schema, write the audit event. Requirement: <= 1.5 s with >= 64 MiB."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path


def measure(runs: int = 5) -> dict:
    from shelter_app.services.administration import auth, setup
    from shelter_app.storage import kdf

    params = kdf.calibrate()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "shelter"
        result = setup.create_shelter(folder, shelter_name="Bench", time_zone="Asia/Jakarta",
                                      admin_username="admin", admin_password="bench password")
        auth.logout(result.workspace)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            workspace = auth.login(folder, "admin", "bench password")
            times.append(time.perf_counter() - started)
            auth.logout(workspace)
        kdf_alone = []
        for _ in range(3):
            started = time.perf_counter()
            kdf.derive(b"x", b"0123456789abcdef", params)
            kdf_alone.append(time.perf_counter() - started)
    return {"login_median_s": round(statistics.median(times), 3),
            "login_max_s": round(max(times), 3), "limit_s": 1.5,
            "argon2id": {"time_cost": params.time_cost, "memory_mib": params.memory_kib // 1024,
                         "parallelism": params.parallelism,
                         "seconds": round(statistics.median(kdf_alone), 3)},
            "runs": runs}


if __name__ == "__main__":
    print(measure())
