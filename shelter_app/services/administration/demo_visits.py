"""Demo visitors at the gate: ID numbers for the contacts who must not visit, and two
weeks of visits (let in, refused by the resident, a few stopped at the gate, and one
asking for somebody not staying here). All names and numbers are generated."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from sqlalchemy import select

from shelter_app.domain.models import Contact, Stay, Visit
from shelter_app.services.administration import demo_people
from shelter_app.services.shared import audit
from shelter_app.services.shared.workspace import Workspace

DAYS = 14
_RELATIONS = ("parent", "sibling", "relative", "friend", "spouse")


def _ktp(rng: random.Random) -> str:
    return f"32{rng.randint(10, 79)}{rng.randint(10, 99)}{rng.randint(100000, 999999)}" \
           f"{rng.randint(1000, 9999)}"


def generate(workspace: Workspace, rng: random.Random, today: dt.date, zone: str) -> None:
    local = ZoneInfo(zone)
    now = workspace.clock()
    with workspace.session() as session:
        banned = session.scalars(select(Contact).where(Contact.must_not_visit.is_(True))
                                 .order_by(Contact.id)).all()
        for contact in banned:
            if rng.random() < 0.6:
                contact.id_number = _ktp(rng)
        # who is staying now, and since when: a visit comes for someone already here
        admitted = dict(session.execute(select(Stay.person_id, Stay.admission_date).where(
            Stay.discharge_date.is_(None)).order_by(Stay.person_id)).all())
        present = list(admitted)
        present_banned = [c for c in banned if c.person_id in set(present)]
        if not present:
            return
        for back in range(DAYS, -1, -1):
            day = today - dt.timedelta(days=back)
            here = [person for person in present if admitted[person] <= day]
            for _visit in range(rng.randint(3, 5) if back == 0 else rng.randint(1, 4)):
                if not here:
                    break
                at = dt.datetime.combine(day, dt.time(rng.randint(9, 16), rng.choice(
                    (0, 10, 20, 30, 45))), local)
                if at > now:  # today's, this morning: the gate's log is never empty
                    at = now - dt.timedelta(minutes=rng.randint(15, 240))
                person_id = rng.choice(here)
                stopped = present_banned and rng.random() < 0.08
                if stopped:
                    contact = rng.choice(present_banned)
                    visit = Visit(visitor_name=contact.name, phone=contact.phone,
                                  id_number=contact.id_number, relation=contact.relation,
                                  person_id=person_id, outcome="stopped")
                else:
                    agreed = rng.random() < 0.8
                    left = at + dt.timedelta(minutes=rng.randint(30, 120))
                    visit = Visit(
                        visitor_name=demo_people.name(rng, rng.choice("FM")),
                        phone=f"+62813{rng.randint(10000000, 99999999)}",
                        id_number=_ktp(rng) if rng.random() < 0.7 else "",
                        relation=rng.choice(_RELATIONS), person_id=person_id,
                        outcome="visited" if agreed else "refused",
                        agreement_asked_by=demo_people.name(rng, "F"),
                        agreed=agreed, left_at=left if agreed and left < now else None)
                visit.at, visit.recorded_by, visit.recorded_at = at, "staff", at
                visit.note = ""
                session.add(visit)
                session.flush()
                workspace.audit(session, audit.Action.CHECK if stopped else
                                audit.Action.CREATE, "visit_stopped" if stopped else "visit",
                                visit.id)
        _not_here(workspace, session, rng, today, local)


def _not_here(workspace: Workspace, session, rng: random.Random, today: dt.date,
              local: ZoneInfo) -> None:
    """Yesterday a man asked for somebody nobody here goes by: recorded as not here, with
    the name he asked for, as the gate wrote it."""
    at = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(15, 40), local)
    visit = Visit(at=at, visitor_name=demo_people.name(rng, "M"),
                  phone=f"+62857{rng.randint(10000000, 99999999)}", id_number="",
                  relation="friend", person_id=None, asked_for="Neng Ayu",
                  outcome="not_here", note="Mengaku teman kerja; pergi setelah diberi tahu.",
                  recorded_by="staff", recorded_at=at)
    session.add(visit)
    session.flush()
    workspace.audit(session, audit.Action.CREATE, "visit", visit.id)
