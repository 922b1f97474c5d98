"""Demo incidents: a few over the last two months, of several kinds and severities, the
serious ones marked handled by the manager except the newest, which still alerts on the
dashboard. All generated."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from sqlalchemy import select

from shelter_app.domain.models import Incident, IncidentPerson, Stay
from shelter_app.services.shared.workspace import Workspace

# (days ago, hour, kind, severity, what happened, what was done, told, follow-up)
_INCIDENTS = (
    (55, 21, "conflict", "low", "Dua penghuni bertengkar soal giliran mencuci.",
     "Dilerai petugas jaga, dibicarakan bersama keesokan paginya.", "", ""),
    (41, 2, "health", "serious", "Penghuni demam tinggi dan sesak napas pada malam hari.",
     "Dibawa ke IGD puskesmas dengan mobil shelter.", "family",
     "Kontrol ke dokter seminggu kemudian."),
    (30, 16, "threat", "serious", "Pesan ancaman dari nomor tidak dikenal ke petugas.",
     "Nomor diblokir, tangkapan layar disimpan.", "police,referrer",
     "Laporkan perkembangan ke penyidik."),
    (19, 23, "missing", "critical", "Penghuni tidak ada saat hitungan malam.",
     "Pencarian di sekitar shelter; ditemukan pukul 01.30 di rumah kerabat.",
     "police,family", "Konseling dan rencana keselamatan diperbarui."),
    (8, 10, "other", "low", "Pagar belakang rusak setelah hujan deras.",
     "Diperbaiki sementara, dilaporkan ke pengelola gedung.", "", ""),
    (1, 20, "trafficker_seen", "critical",
     "Mobil yang dikenali penghuni sebagai milik perekrut berhenti lama di depan gerbang.",
     "Gerbang dikunci, penghuni diminta tetap di dalam, nomor polisi dicatat.", "police",
     "Minta patroli polisi malam ini dan besok."),
)


def generate(workspace: Workspace, rng: random.Random, today: dt.date, zone: str) -> None:
    local = ZoneInfo(zone)
    now = workspace.clock()
    with workspace.session() as session:
        # an incident involves only residents already here on its day
        admitted = dict(session.execute(select(Stay.person_id, Stay.admission_date).where(
            Stay.discharge_date.is_(None)).order_by(Stay.person_id)).all())
        present = list(admitted)
        if len(present) < 2:
            return
        for back, hour, kind, severity, what, done, told, follow_up in _INCIDENTS:
            at = min(dt.datetime.combine(today - dt.timedelta(days=back), dt.time(hour, 15),
                                         local), now - dt.timedelta(hours=1))
            newest = back == _INCIDENTS[-1][0]
            handled = severity != "low" and not newest
            incident = Incident(
                kind=kind, at=at, severity=severity, description=what, action_taken=done,
                told=told, told_detail="Polsek setempat, malam itu juga" if "police" in told
                else "", follow_up=follow_up,
                follow_up_done_on=(at + dt.timedelta(days=7)).date()
                if follow_up and back > 7 else None,
                handled_by="manager" if handled else "",
                handled_at=at + dt.timedelta(hours=10) if handled else None,
                recorded_by="staff", recorded_at=at + dt.timedelta(minutes=40))
            session.add(incident)
            session.flush()
            here = [pid for pid in present if admitted[pid] <= at.astimezone(local).date()]
            if kind != "other" and len(here) >= 2:
                involved = rng.sample(here, 2 if kind == "conflict" else 1)
                session.add_all(IncidentPerson(incident_id=incident.id, person_id=pid)
                                for pid in involved)
