"""Run by test_exclusive_swap: a restore, as `shelter-app restore` runs it, that stops
just before it replaces the database file, says "swapping", and goes on after "go"."""

import os
import sys
from pathlib import Path

from shelter_app.services.administration import backup

_replace = os.replace


def _replace_when_told(source, target, *args, **kwargs):
    if Path(target).name == "shelter.db":
        print("swapping", flush=True)
        if sys.stdin.readline().strip() != "go":
            raise SystemExit(1)
    return _replace(source, target, *args, **kwargs)


def main() -> None:
    os.replace = _replace_when_told
    report = backup.restore(Path(sys.argv[1]), Path(sys.argv[2]),
                            passphrase=os.environ["SHELTER_BACKUP_PASSPHRASE"])
    print(f"restored {report.rows}", flush=True)


if __name__ == "__main__":
    main()
