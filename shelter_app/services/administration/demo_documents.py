"""Demo documents in the office safe: two or three a resident, received at admission;
some lent to the police, a court or an embassy (a few for over two weeks), some returned;
handed back at discharge, except for two residents who left without theirs. A loan is due
back two weeks after it (the overdue ones are on the dashboard) or on the day it came
back. Nobody under 17 has an ID card (KTP): a child's is the birth certificate. All
numbers and names are generated."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from shelter_app.domain import rules
from shelter_app.domain.models import Document, DocumentMovement, Person, Stay
from shelter_app.services.shared.workspace import Workspace

_KINDS = ("ktp", "kk", "passport", "birth", "police", "medical")
_LENDERS = (("police", "Polres Bogor, Bripka {name}"), ("court", "Pengadilan Negeri Bogor"),
            ("embassy", "KBRI Kuala Lumpur, {name}"))
_NAMES = ("Andi", "Yusuf", "Rudi", "Sari", "Wulan")
KTP_FROM = 17  # the age an Indonesian gets an ID card (KTP)


def _fitting(kinds: list[str], born: dt.date | None, on: dt.date) -> list[str]:
    """The drawn kinds, a child's KTP made the first kind they lack of birth
    certificate, family card and passport."""
    if born is None or rules.age_on(born, on) >= KTP_FROM or "ktp" not in kinds:
        return kinds
    instead = next(kind for kind in ("birth", "kk", "passport") if kind not in kinds)
    return [instead if kind == "ktp" else kind for kind in kinds]


def _number(rng: random.Random, kind: str) -> str:
    if kind == "ktp":
        return f"32{rng.randint(10, 79)}{rng.randint(10 ** 11, 10 ** 12 - 1)}"
    if kind == "passport":
        return f"{rng.choice('BCX')}{rng.randint(1000000, 9999999)}"
    return ""


def generate(workspace: Workspace, rng: random.Random, today: dt.date) -> None:
    now = workspace.clock()
    with workspace.session() as session:
        stays = session.execute(select(Stay.person_id, Stay.admission_date,
                                       Stay.discharge_date).order_by(Stay.id)).all()
        last = {person_id: (admitted, left) for person_id, admitted, left in stays}
        born = dict(session.execute(select(Person.id, Person.birth_date)).all())
        still_held = 0
        # the longest staying resident has a document out for over two weeks, if any can
        earliest = min(((admitted, person_id) for person_id, (admitted, left) in last.items()
                        if left is None), default=(today, None))[1]
        for person_id, (admitted, left) in last.items():
            start = max(admitted, today - dt.timedelta(days=120))
            moves = []
            keeps = left is not None and still_held < 2 and rng.random() < 0.15
            still_held += keeps
            for kind in _fitting(rng.sample(_KINDS[:4], rng.randint(2, 3)),
                                 born.get(person_id), start) + (
                    ["police"] if rng.random() < 0.3 else []):
                document = Document(person_id=person_id, kind=kind,
                                    number=_number(rng, kind), description="",
                                    received_on=start, received_from=rng.choice(
                                        ("Penghuni sendiri", "Polres Bogor", "BP3MI Jawa Barat")),
                                    kept_at=f"Brankas kantor, map {rng.randint(1, 12)}",
                                    status="safe", lent_to="")
                session.add(document)
                session.flush()
                moves.append((document, "received", start, document.received_from, ""))
                span = ((left or today) - start).days
                long = left is None and span > 15 and (
                    rng.random() < 0.5 or (person_id == earliest and not moves[:-1]))
                if long or (span > 6 and rng.random() < 0.25):
                    institution, whom = rng.choice(_LENDERS)
                    whom = whom.format(name=rng.choice(_NAMES))
                    lent_on = start + dt.timedelta(days=rng.randint(1, span - 1))
                    if long:  # out for over two weeks: the dashboard says so
                        lent_on = today - dt.timedelta(days=rng.randint(15, min(span, 40)))
                    moves.append((document, "lent", lent_on, whom, institution))
                    back = lent_on + dt.timedelta(days=rng.randint(2, 20))
                    if long or (left is None and back >= today):  # still out
                        document.status, document.lent_to = "lent", whom
                        document.lent_on = lent_on
                        # due two weeks after (past due: the dashboard says so), or the
                        # day it will come back
                        document.lent_until = (lent_on + dt.timedelta(days=14) if long
                                               else back)
                        continue
                    moves.append((document, "returned", min(back, left or today), whom, ""))
                if left is not None and not keeps:
                    document.status, document.handed_back_on = "returned", left
                    moves.append((document, "handed_back", left, "", ""))
            for document, kind, on, party, institution in moves:
                due = None
                if kind == "lent":  # the loan out now: its due day; a past one: two weeks
                    out_now = document.status == "lent" and document.lent_on == on
                    due = document.lent_until if out_now else on + dt.timedelta(days=14)
                session.add(DocumentMovement(document_id=document.id, kind=kind, on=on,
                                             party=party, institution=institution, note="",
                                             due_on=due, username="staff",
                                             recorded_at=now))
