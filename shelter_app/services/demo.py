"""A demo shelter full of generated people. No real person's data: names are drawn
from syllables, so they only sound Indonesian."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

from shelter_app.domain.clock import Clock, utc_now
from shelter_app.domain.errors import StorageError
from shelter_app.domain.models import Person, Stay
from shelter_app.domain.roles import Role
from shelter_app.i18n import _
from shelter_app.services import audit, users
from shelter_app.services.setup import create_shelter
from shelter_app.services.shelter_folder import is_demo
from shelter_app.services.workspace import Workspace
from shelter_app.storage.datadir import DataDir

DEMO_PASSWORD = "demo"
DEMO_TIME_ZONE = "Asia/Jakarta"
DEMO_USERS = (Role.ADMIN, Role.MANAGER, Role.STAFF, Role.COUNSELLOR)

_FIRST = ("Sri", "Dewi", "Nur", "Siti", "Ayu", "Rina", "Wulan", "Indah", "Lestari", "Putri",
          "Ani", "Yuli", "Rahma", "Fitri", "Maya", "Tari", "Eka", "Dian", "Budi", "Agus",
          "Joko", "Rudi", "Andi", "Wahyu", "Hendra", "Bayu", "Arif", "Dimas")
_SYLLABLES = ("ka", "ra", "ti", "wa", "ni", "sa", "ma", "di", "ya", "lu", "so", "pu", "han",
              "sih", "jat", "mul", "tan", "win", "dar", "yan")


def _generated_name(rng: random.Random) -> str:
    family = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{rng.choice(_FIRST)} {family}"


def _birth_date(rng: random.Random, today: dt.date) -> tuple[dt.date, bool]:
    group = rng.random()
    if group < 0.25:
        age = rng.randint(11, 17)
    elif group < 0.93:
        age = rng.randint(18, 45)
    else:
        age = rng.randint(60, 68)
    born = today - dt.timedelta(days=age * 365 + rng.randint(0, 364))
    return born, rng.random() < 0.15


def _generate_people(workspace: Workspace, rng: random.Random, count: int, days: int,
                     today: dt.date) -> None:
    with workspace.session() as session:
        for number in range(1, count + 1):
            born, estimated = _birth_date(rng, today)
            person = Person(case_number=f"RA-{today.year}-{number:04d}",
                            full_name=_generated_name(rng),
                            sex="F" if rng.random() < 0.7 else "M", birth_date=born,
                            birth_date_estimated=estimated, created_at=workspace.clock())
            admitted = today - dt.timedelta(days=rng.randint(0, max(days - 1, 0)))
            length = rng.choice((3, 5, 7, 9, 12, 14, 18, 25, 40))
            discharged = admitted + dt.timedelta(days=length)
            person.stays.append(Stay(admission_date=admitted,
                                     discharge_date=discharged if discharged <= today else None))
            if rng.random() < 0.08:  # a returning person: an earlier, closed stay
                earlier = admitted - dt.timedelta(days=rng.randint(60, 200))
                person.stays.append(Stay(admission_date=earlier,
                                         discharge_date=earlier + dt.timedelta(days=10)))
            session.add(person)
            session.flush()
            workspace.audit(session, audit.Action.CREATE, "person", person.id)


def create_demo(root: Path, *, residents: int = 40, days: int = 90, seed: int = 1,
                replace: bool = False, clock: Clock = utc_now) -> Workspace:
    """Same seed, same people and stays (dated back from the day it is made)."""
    data_dir = DataDir(Path(root))
    if data_dir.is_set_up():
        if not is_demo(root):
            raise StorageError(_("This data folder holds a real shelter; the demo will not "
                                 "touch it. Choose another folder."))
        if not replace:
            raise StorageError(_("A demo shelter exists here already. Use --replace to make "
                                 "it again."))
        shutil.rmtree(data_dir.root)
    if residents < 0 or days < 1:
        raise StorageError(_("The number of residents and days must be positive."))
    result = create_shelter(root, shelter_name=_("Demo Safe House"), time_zone=DEMO_TIME_ZONE,
                            admin_username=Role.ADMIN.value, admin_password=DEMO_PASSWORD,
                            demo=True, clock=clock)
    workspace = result.workspace
    for role in DEMO_USERS[1:]:
        users.add_user(workspace, role.value, role, DEMO_PASSWORD, display_name=_("Demo {role}").format(role=role.label))
    today = clock().astimezone(ZoneInfo(DEMO_TIME_ZONE)).date()
    _generate_people(workspace, random.Random(seed), residents, days, today)
    return workspace
