"""Argon2id key derivation, with parameters measured on this PC.

Whatever a key file or a backup says, its parameters are held inside limits before
Argon2 runs: a floor, so an edited file cannot make new slots cheap to guess, and a
ceiling, so a crafted file cannot make the app run gigabytes or minutes of Argon2.
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass

# Floors (the test suite lowers these two for light Argon2, with FLOOR_ENVIRONMENT for the
# processes it starts; whoever sets a process's environment can run any code in it anyway).
MIN_MEMORY_KIB = 64 * 1024
MIN_TIME_COST = 2
FLOOR_ENVIRONMENT = "RUMAH_AMAN_TEST_KDF_FLOOR"
# Ceilings: about 5 s on a slow office PC at the most, and never more than 512 MiB.
MAX_MEMORY_KIB = 512 * 1024
MAX_TIME_COST = 64
MAX_WORK_KIB = 64 * 1024 * 64  # memory × passes
MAX_PARALLELISM = 16
TARGET_SECONDS = 0.5
SALT_BYTES = 16
SALT_RANGE = range(8, 65)  # what Argon2 takes (a file may say anything)


class KdfParamsRejected(ValueError):
    """Parameters outside the limits: too weak to trust, or too heavy to run."""


def floor() -> tuple[int, int]:
    """(memory KiB, time cost) that every parameter set must reach."""
    lowered = os.environ.get(FLOOR_ENVIRONMENT, "")
    if lowered:
        memory, passes = (int(part) for part in lowered.split(","))
        return min(memory, MIN_MEMORY_KIB), min(passes, MIN_TIME_COST)
    return MIN_MEMORY_KIB, MIN_TIME_COST


@dataclass(frozen=True)
class KdfParams:
    time_cost: int
    memory_kib: int
    parallelism: int

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict, *, older_floor: bool = False) -> KdfParams:
        """`older_floor`: a slot made before the time-cost floor (calibration started at
        one pass then); its cost is fixed in it, and new slots are made above the floor."""
        params = cls(int(data["time_cost"]), int(data["memory_kib"]), int(data["parallelism"]))
        params.check(older_floor=older_floor)
        return params

    def raised_to_floor(self) -> KdfParams:
        return KdfParams(max(self.time_cost, floor()[1]), self.memory_kib, self.parallelism)

    def check(self, *, older_floor: bool = False) -> None:
        """Raises KdfParamsRejected when outside the limits; before any Argon2 run."""
        min_memory, min_passes = floor()
        if older_floor:
            min_passes = 1
        if not (min_memory <= self.memory_kib <= MAX_MEMORY_KIB
                and min_passes <= self.time_cost <= MAX_TIME_COST
                and self.memory_kib * self.time_cost <= MAX_WORK_KIB
                and 1 <= self.parallelism <= MAX_PARALLELISM
                and self.memory_kib >= 8 * self.parallelism):
            raise KdfParamsRejected("KDF parameters outside the limits")


def check_salt(salt: bytes) -> None:
    """Raises ValueError for a salt Argon2 would refuse with an error of its own."""
    if len(salt) not in SALT_RANGE:
        raise ValueError("salt length outside what Argon2 takes")


def derive(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw  # lazy: keeps the login window fast

    params.check()
    check_salt(salt)
    return hash_secret_raw(
        secret, salt, time_cost=params.time_cost, memory_cost=params.memory_kib,
        parallelism=params.parallelism, hash_len=32, type=Type.ID,
    )


CONFIRMING_RUNS = 3


def _undisturbed_seconds(params: KdfParams, salt: bytes, target_seconds: float) -> float:
    """The fastest of a few runs: a run that reaches the target is run again, so that a
    moment of load (another program, a virus scan) does not pass for this PC's speed.
    Measured once under load (a test run beside it), the development PC gave time cost 2
    instead of 23: guesses ten times cheaper for as long as the passwords lived."""
    fastest = float("inf")
    for _run in range(CONFIRMING_RUNS):
        started = time.perf_counter()
        derive(b"calibration", salt, params)
        fastest = min(fastest, time.perf_counter() - started)
        if fastest < target_seconds:
            break  # too fast already: no need to confirm
    return fastest


def calibrate(target_seconds: float = TARGET_SECONDS, memory_kib: int | None = None) -> KdfParams:
    """The smallest time cost (from the floor up) that takes at least `target_seconds`."""
    min_memory, min_passes = floor()
    memory_kib = max(memory_kib or min_memory, min_memory)
    parallelism = max(1, min(4, os.cpu_count() or 1))
    salt = os.urandom(SALT_BYTES)
    most = min(MAX_TIME_COST, MAX_WORK_KIB // memory_kib)
    time_cost = min_passes
    while True:
        params = KdfParams(time_cost, memory_kib, parallelism)
        elapsed = _undisturbed_seconds(params, salt, target_seconds)
        if elapsed >= target_seconds or time_cost >= most:
            return params
        # Jump close to the target rather than stepping one at a time.
        time_cost = min(most, max(time_cost + 1,
                                  int(time_cost * target_seconds / max(elapsed, 1e-3))))
