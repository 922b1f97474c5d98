"""`make bench`: run every benchmark and write its figures to benchmarks/results/."""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import backup  # noqa: E402
import bundle  # noqa: E402
import cipher_overhead  # noqa: E402
import counselling  # noqa: E402
import login  # noqa: E402
import login_display  # noqa: E402
import memory  # noqa: E402
import password_guess  # noqa: E402
import printing  # noqa: E402
import provisions  # noqa: E402
import referrals  # noqa: E402
import register_import  # noqa: E402
import residents  # noqa: E402
import sealed_keys  # noqa: E402
import server_search  # noqa: E402
import startup  # noqa: E402
import statistics_export  # noqa: E402
import visitor_check  # noqa: E402
import workstations  # noqa: E402


def _measure_alone(name: str) -> dict:
    """Each benchmark in a process of its own: one that loads 100,000 residents must not
    slow down the next (the provision report took 6 s after it, 3.5 s alone)."""
    import subprocess

    code = (f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import {name}; "
            f"print(json.dumps({name}.measure()))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


SHARED_MODE = ("server_search", "workstations")  # a throwaway PostgreSQL cluster each


def _postgres_installed() -> bool:
    from shelter_app.storage.pg_server import PgServerError, find_pg_bin

    try:
        find_pg_bin()
    except PgServerError:
        return False
    return True


def main() -> int:
    results_dir = HERE / "results"
    results_dir.mkdir(exist_ok=True)
    machine = {"python": platform.python_version(), "machine": platform.machine(),
               "cpus": __import__("os").cpu_count()}
    wanted = set(sys.argv[1:])  # e.g. `python benchmarks/run_all.py counselling`
    failed = False
    for name, _module, check in (
            ("startup", startup, lambda r: r["ratio"] <= r["limit_ratio"]),
            ("login", login, lambda r: r["login_median_s"] <= r["limit_s"]
             and r["argon2id"]["memory_mib"] >= 64),
            ("login_display", login_display, login_display.meets),
            ("password_guess", password_guess, password_guess.meets),
            ("sealed_keys", sealed_keys, sealed_keys.meets),
            ("residents", residents, residents.meets),
            ("memory", memory, memory.meets),
            ("backup", backup, backup.meets),
            ("provisions", provisions, provisions.meets),
            ("cipher_overhead", cipher_overhead, cipher_overhead.meets),
            ("counselling", counselling, counselling.meets),
            ("referrals", referrals, referrals.meets),
            ("register_import", register_import, register_import.meets),
            ("server_search", server_search, server_search.meets),
            ("workstations", workstations, workstations.meets),
            ("statistics_export", statistics_export, statistics_export.meets),
            ("visitor_check", visitor_check, visitor_check.meets),
            ("printing", printing, printing.meets),
            ("bundle", bundle, bundle.meets)):
        if wanted and name not in wanted:
            continue
        if name == "bundle" and not bundle.APP.exists():
            print("bundle: not measured, there is no frozen app (make bench-bundle builds it)")
            continue
        if name in SHARED_MODE and not _postgres_installed():
            print(f"{name}: not measured, PostgreSQL 15+ is not installed here")
            continue
        result = _measure_alone(name) | {"machine": machine}
        result["meets_requirement"] = bool(check(result))
        failed |= not result["meets_requirement"]
        (results_dir / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
        print(name, json.dumps(result))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
