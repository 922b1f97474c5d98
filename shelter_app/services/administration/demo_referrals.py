"""Demo referrals: example institutions (named "Contoh", so nobody mistakes them for real
ones; the app itself ships none), referrals in every state, follow-up visits after
discharge, closed cases and one reopened."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from shelter_app.domain.models import (
    CaseClosure,
    FollowUp,
    Institution,
    Person,
    Referral,
    ReferralEvent,
    StageMove,
    Stay,
)
from shelter_app.domain.vocab import store_many
from shelter_app.services.referrals.followups import DEFAULT_MONTHS, months_later
from shelter_app.services.shared.workspace import Workspace

INSTITUTIONS = (
    ("Polres Contoh Kota", "police", ("legal_litigation",)),
    ("Kejaksaan Negeri Contoh", "prosecutor", ("legal_litigation",)),
    ("LBH Contoh", "legal_aid", ("legal_litigation", "legal_non_litigation")),
    ("RSUD Contoh", "hospital", ("health_medical", "health_reproductive", "health_hiv")),
    ("Puskesmas Contoh Selatan", "puskesmas", ("health_medical", "health_hiv")),
    ("RPTC Contoh", "rptc", ("health_psychological", "social_rehabilitation")),
    ("UPTD PPA Contoh", "p2tp2a", ("health_psychological", "family_reintegration")),
    ("Dinas Sosial Contoh", "local_government", ("family_reintegration", "repatriation")),
    ("BLK Contoh", "school", ("economic", "education")),
    ("Yayasan Contoh Peduli", "ngo", ("economic", "social_rehabilitation")),
)
# Each path a referral can take, and the days between its steps.
PATHS = (("sent", "accepted", "completed"), ("sent", "accepted"), ("sent", "declined"),
         ("sent",), (), ("cancelled",))
OUTCOMES = {"completed": "Layanan selesai diberikan.", "declined": "Kuota penuh bulan ini.",
            "cancelled": "Tidak diperlukan lagi."}


def generate(workspace: Workspace, rng: random.Random, today: dt.date) -> None:
    now = workspace.clock()
    with workspace.session() as session:
        institutions = []
        for name, kind, services in INSTITUTIONS:
            row = Institution(name=name, kind=kind, services=store_many(services),
                              address="Jl. Contoh No. 1", phone="", email="",
                              contact_person="Petugas layanan", active=True, created_at=now)
            session.add(row)
            institutions.append(row)
        session.flush()
        people = session.execute(select(Person, Stay).join(Stay, Stay.person_id == Person.id)
                                 .order_by(Stay.admission_date)).all()
        made = []
        for person, stay in people:
            if rng.random() > 0.6:
                continue
            for _ in range(rng.randint(1, 2)):
                start = stay.admission_date + dt.timedelta(days=rng.randint(3, 20))
                if start > today:
                    continue
                institution = rng.choice(institutions)
                domain = rng.choice(institution.services.strip(",").split(","))
                consent = "recorded" if person.consent_sharing_on else "override"
                row = Referral(
                    number="", person_id=person.id,
                    institution_id=institution.id, domain=domain,
                    reason="Kebutuhan layanan sesuai rencana pemberdayaan.",
                    urgency=rng.choice(("routine", "routine", "urgent", "emergency")),
                    status="draft", consent=consent,
                    override_reason="Sidang pengadilan mendesak; persetujuan menyusul."
                    if consent == "override" else "", outcome="", created_on=start,
                    created_by="staff", recorded_at=now)
                row.events.append(ReferralEvent(status="draft", on=start, username="staff",
                                                note="", recorded_at=now))
                day = start
                for status in rng.choice(PATHS):
                    day += dt.timedelta(days=rng.randint(1, 12))
                    if day > today:
                        break
                    row.status = status
                    row.outcome = OUTCOMES.get(status, row.outcome)
                    row.events.append(ReferralEvent(status=status, on=day, username="staff",
                                                    note=OUTCOMES.get(status, ""),
                                                    recorded_at=now))
                made.append(row)
        for number, row in enumerate(sorted(made, key=lambda r: r.created_on), start=1):
            row.number = f"RJ-{row.created_on.year}-{number:04d}"  # in the order they came
            session.add(row)
        _follow_ups(session, rng, people, today, now)


def _follow_ups(session, rng, people, today, now) -> None:
    reopened = False
    for person, stay in people:
        if stay.discharge_date is None or person.stays[-1].id != stay.id:
            continue
        visits = []
        for months in DEFAULT_MONTHS:
            due = months_later(stay.discharge_date, months)
            visit = FollowUp(person_id=person.id, stay_id=stay.id, due_on=due,
                             status="planned", visited_by="", findings="",
                             created_by="counsellor", recorded_at=now)
            if due <= today:
                visit.status = "done" if rng.random() < 0.8 else "missed"
                visit.done_on = due + dt.timedelta(days=rng.randint(0, 5))
                visit.done_on = min(visit.done_on, today)
                visit.visited_by = "counsellor"
                visit.findings = ("Tinggal bersama keluarga, mulai bekerja."
                                  if visit.status == "done" else "Tidak dapat dihubungi.")
            visits.append(visit)
        session.add_all(visits)
        done = [visit for visit in visits if visit.status == "done"]
        if done and (len(done) == len(visits) or rng.random() < 0.35):
            last = done[-1]
            session.add(CaseClosure(person_id=person.id, kind="closed", on=last.done_on,
                                    reason="Reintegrasi berhasil.",
                                    summary="Pemantauan enam bulan selesai.",
                                    username="counsellor", recorded_at=now))
            if person.stage != "6":
                person.stage = "6"
                session.add(StageMove(person_id=person.id, stage="6", moved_on=last.done_on,
                                      username="counsellor"))
            if not reopened and last.done_on < today:
                reopened = True
                session.add(CaseClosure(person_id=person.id, kind="reopened", on=today,
                                        reason="Ada ancaman dari perekrut.", summary="",
                                        username="manager", recorded_at=now))
