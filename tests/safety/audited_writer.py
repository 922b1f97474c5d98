"""Run by test_concurrent_writers: log in, wait for "go" on stdin, then do audited
operations back to back, each as the command line does it (log in, export the stays,
log out), and say how each one went."""

import os
import sys
import tempfile
from pathlib import Path

from shelter_app.domain.errors import ShelterError
from shelter_app.services.administration import auth
from shelter_app.services.residents import reports


def main() -> None:
    data_dir, count = Path(sys.argv[1]), int(sys.argv[2])
    password = os.environ["SHELTER_PASSWORD"]
    auth.logout(auth.login(data_dir, "admin", password))  # every import done before "go"
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        return
    with tempfile.TemporaryDirectory() as scratch:
        for number in range(count):
            try:
                workspace = auth.login(data_dir, "admin", password)
                try:
                    reports.export_stays(workspace, Path(scratch) / f"stays-{number}.csv")
                finally:
                    auth.logout(workspace)
            except ShelterError as error:
                print(f"failed {type(error).__name__}: {error}", flush=True)
            else:
                print("ok", flush=True)


if __name__ == "__main__":
    main()
