"""The cost of one password guess against a copied data folder: one Argon2id run with the
parameters kdf.calibrate() picks on this PC (what a new slot gets), timed over several
guesses, with the memory it needs. docs/security.md quotes these figures.

An attacker's guess costs at least this on the same hardware: no password hash is stored,
so each candidate must go through Argon2id and then fail to unwrap the slot (AES-GCM,
microseconds). Where the OS keyring holds a device secret, the copied files alone do not
allow guessing at all; this is the cost for password-only slots."""

from __future__ import annotations

import os
import resource
import statistics
import time


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# What this PC's calibration picked when it was idle (benchmarks/results/login.json): a
# busy PC picks a far lower time cost (t=2 at load 7 on 2 cores), so both are timed.
IDLE_CALIBRATION = {"time_cost": 23, "memory_kib": 64 * 1024, "parallelism": 2}
FLOOR = {"time_cost": 2, "memory_kib": 64 * 1024, "parallelism": 2}


def _timed(params, guesses: int, salt: bytes) -> list[float]:
    from shelter_app.storage import kdf

    times = []
    for number in range(guesses):
        started = time.perf_counter()
        kdf.derive(f"guess {number}".encode(), salt, params)
        times.append(time.perf_counter() - started)
    return times


def _figures(times: list[float]) -> dict:
    return {"median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3),
            "max_s": round(max(times), 3)}


def measure(guesses: int = 12) -> dict:
    from shelter_app.storage import kdf

    before = _peak_rss_mib()
    started = time.perf_counter()
    params = kdf.calibrate()
    calibration_s = time.perf_counter() - started
    salt = os.urandom(kdf.SALT_BYTES)
    times = _timed(params, guesses, salt)
    median = statistics.median(times)
    fixed = {name: _figures(_timed(kdf.KdfParams(**values), max(3, guesses // 3), salt))
             | values for name, values in (("idle_calibration", IDLE_CALIBRATION),
                                           ("floor", FLOOR))}
    return {
        "fixed_parameters": fixed,
        "argon2id": {"time_cost": params.time_cost, "memory_mib": params.memory_kib // 1024,
                     "parallelism": params.parallelism},
        "guess_median_s": round(median, 3), "guess_min_s": round(min(times), 3),
        "guess_max_s": round(max(times), 3),
        "guess_stdev_s": round(statistics.stdev(times), 3) if guesses > 1 else 0.0,
        "guesses_per_day_one_pc": int(86400 / median),
        "peak_rss_growth_mib": round(_peak_rss_mib() - before, 1),
        "calibration_s": round(calibration_s, 2),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "guesses": guesses,
    }


def meets(result: dict) -> bool:
    """The floors a slot must have (and the key file may not lower, issue 13 finding 4)."""
    return result["argon2id"]["memory_mib"] >= 64 and result["argon2id"]["time_cost"] >= 2


if __name__ == "__main__":
    print(measure())
