"""Argon2id key derivation, with parameters measured on this PC."""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass

MIN_MEMORY_KIB = 64 * 1024
TARGET_SECONDS = 0.5
SALT_BYTES = 16


@dataclass(frozen=True)
class KdfParams:
    time_cost: int
    memory_kib: int
    parallelism: int

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> KdfParams:
        params = cls(int(data["time_cost"]), int(data["memory_kib"]), int(data["parallelism"]))
        if not (1 <= params.time_cost <= 100 and 8 <= params.memory_kib <= 4 * 1024 * 1024
                and 1 <= params.parallelism <= 16):
            raise ValueError("KDF parameters out of range")
        return params


def derive(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw  # lazy: keeps the login window fast

    return hash_secret_raw(
        secret, salt, time_cost=params.time_cost, memory_cost=params.memory_kib,
        parallelism=params.parallelism, hash_len=32, type=Type.ID,
    )


def calibrate(target_seconds: float = TARGET_SECONDS, memory_kib: int = MIN_MEMORY_KIB) -> KdfParams:
    """The smallest time cost that takes at least `target_seconds` with `memory_kib`."""
    parallelism = max(1, min(4, os.cpu_count() or 1))
    salt = os.urandom(SALT_BYTES)
    time_cost = 1
    while True:
        params = KdfParams(time_cost, memory_kib, parallelism)
        started = time.perf_counter()
        derive(b"calibration", salt, params)
        elapsed = time.perf_counter() - started
        if elapsed >= target_seconds or time_cost >= 100:
            return params
        # Jump close to the target rather than stepping one at a time.
        time_cost = max(time_cost + 1, int(time_cost * target_seconds / max(elapsed, 1e-3)))
