"""Run by test_crash_safety: commit residents one transaction at a time through the
app's own engine (WAL, synchronous=FULL) and say each one that was saved."""

import datetime as dt
import os
import sys

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.domain.models import Person, Stay
from shelter_app.storage.engine import open_engine


def main() -> None:
    engine = open_engine(sys.argv[1], bytearray.fromhex(os.environ["CRASH_KEY"]))
    with Session(engine) as session:  # a commit whose "saved" the kill cut off is there
        done = session.scalars(select(Person.case_number)).all()
    number = max((int(case.rsplit("-", 1)[1]) for case in done), default=-1) + 1
    print("ready", flush=True)
    while True:
        with Session(engine) as session, session.begin():
            person = Person(case_number=f"RA-CRASH-{number:06d}", full_name="Generated",
                            sex="F", birth_date=dt.date(1990, 1, 1),
                            created_at=dt.datetime.now(dt.UTC))
            person.stays.append(Stay(admission_date=dt.date(2026, 11, 1)))
            session.add(person)
        print(f"saved {number}", flush=True)  # only after COMMIT returned
        number += 1


if __name__ == "__main__":
    main()
