"""Run by test_exclusive_swap: another window on the same PC. It logs in and keeps the
shelter open, says "open", then for each line "admit NAME" saves a resident and says
"saved" (only after the commit returned); "quit" logs out and says "closed"."""

import datetime as dt
import os
import sys
from pathlib import Path

from shelter_app.domain.errors import ShelterError
from shelter_app.services.administration import auth
from shelter_app.services.residents import records
from shelter_app.services.residents.fields import PersonData, StayData


def main() -> None:
    workspace = auth.login(Path(sys.argv[1]), "admin", os.environ["SHELTER_PASSWORD"])
    print("open", flush=True)
    for line in sys.stdin:
        command, _space, name = line.strip().partition(" ")
        if command == "quit":
            break
        try:
            records.admit_new(workspace, PersonData(full_name=name, sex="F",
                                                    birth_date=dt.date(1990, 1, 1)),
                              StayData(admission_date=dt.date(2026, 11, 20)), [])
        except ShelterError as error:
            print(f"failed {type(error).__name__}", flush=True)
        else:
            print("saved", flush=True)
    auth.logout(workspace)
    print("closed", flush=True)


if __name__ == "__main__":
    main()
