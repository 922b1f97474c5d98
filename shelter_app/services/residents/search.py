"""The resident list: ids that match a filter, in SQL, and the few rows on screen.

The list model holds only ids; rows are fetched a page at a time as they scroll into
view. Typed text is matched against the start of each word of the case number and the
names through a word index (storage/search_index.py), so a keystroke is a lookup, not a
scan; each role searches only the names it may see. A search returns at most
SEARCH_CAP people (newest first): past that the user is asked to type more.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import and_, column, exists, func, or_, select, table
from sqlalchemy.orm import aliased

from shelter_app.domain import rules
from shelter_app.domain.models import Bed, BedAssignment, Person, Room, Stay
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import AgeGroup
from shelter_app.services.shared import identity
from shelter_app.services.shared import sealed_identity as sealed
from shelter_app.services.shared.settings import shelter_today
from shelter_app.services.shared.workspace import Workspace
from shelter_app.storage import search_index

PRESENT, DISCHARGED, EVERYONE = "present", "discharged", "all"
SEARCH_CAP = 1000
_WORD = re.compile(r"\w+")
_FTS = table("person_search", column("rowid"))


@dataclass(frozen=True)
class ResidentFilter:
    text: str = ""
    presence: str = EVERYONE
    sex: str = ""
    age_group: str = ""
    modus: str = ""
    stage: str = ""
    room_id: int | None = None


@dataclass(frozen=True)
class ResidentRow:
    person_id: int
    case_number: str
    label: str
    sex: str
    age: int | None
    age_group: str
    present: bool
    admission_date: dt.date | None
    discharge_date: dt.date | None
    room: str
    bed: str
    stage: str
    risk_level: str


def _present_condition(today: dt.date):
    return exists().where(Stay.person_id == Person.id, Stay.admission_date <= today,
                          or_(Stay.discharge_date.is_(None), Stay.discharge_date > today))


def _age_condition(group: str, today: dt.date):
    adult_from = rules.birthday(today, -rules.CHILD_UNTIL)
    elderly_from = rules.birthday(today, -rules.ELDERLY_FROM)
    if group == AgeGroup.CHILD:
        return Person.birth_date > adult_from
    if group == AgeGroup.ADULT:
        return and_(Person.birth_date <= adult_from, Person.birth_date > elderly_from)
    return Person.birth_date <= elderly_from


def match_terms(workspace: Workspace, typed: str) -> list[list[search_index.Term]] | None:
    """Typed text as a search query: every word must start a word of the record. For a
    user holding the managers' key, a word may instead be one of a hidden person's blind
    tokens (the word's HMAC, made here; the index holds every prefix's). Staff's query
    names the `visible` column alone and never reaches the tokens."""
    words = _WORD.findall(typed.lower())
    if not words:
        return None
    column = identity.search_column(workspace)
    keys = sealed.keys(workspace) if column == "full" else None
    if keys is None:
        return [[(column, word, True)] for word in words]
    return [[(column, word, True), ("sealed", token, False)]
            for word, token in _tokens(keys, words)]


def _tokens(keys: sealed.Keys, words: list[str]) -> list[tuple[str, str]]:
    blind = sealed.words(" ".join(words))  # as the index read them: no accents
    if len(blind) != len(words):  # a word the two readings split differently
        return [(word, sealed.token(keys.index, word)) for word in words]
    return [(word, sealed.token(keys.index, plain)) for word, plain in zip(words, blind,
                                                                          strict=True)]


def search(workspace: Workspace, wanted: ResidentFilter) -> list[int]:
    """Ids of the persons that match, newest first, at most SEARCH_CAP + 1 (one more
    than shown says there are more)."""
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.reading() as session:
        today = shelter_today(workspace, session)
        terms = match_terms(workspace, wanted.text)
        if terms is None:
            query = select(Person.id).order_by(Person.id.desc())
        else:  # the index drives, newest first, and stops once enough are found
            query = (select(Person.id).select_from(_FTS)
                     .join(Person, Person.id == _FTS.c.rowid)
                     .where(search_index.match_condition(session.bind.dialect.name, terms))
                     .order_by(_FTS.c.rowid.desc()).limit(SEARCH_CAP + 1))
        if wanted.presence == PRESENT:
            query = query.where(_present_condition(today))
        elif wanted.presence == DISCHARGED:
            query = query.where(~_present_condition(today))
        if wanted.sex:
            query = query.where(Person.sex == wanted.sex)
        if wanted.age_group:
            query = query.where(_age_condition(wanted.age_group, today))
        if wanted.modus:
            query = query.where(Person.modus.contains(f",{wanted.modus},"))
        if wanted.stage:
            query = query.where(Person.stage == wanted.stage)
        if wanted.room_id is not None:
            query = query.where(exists().where(
                Stay.person_id == Person.id, BedAssignment.stay_id == Stay.id,
                BedAssignment.end_date.is_(None), Bed.id == BedAssignment.bed_id,
                Bed.room_id == wanted.room_id))
        # The list never shows more: past that it asks to type more. Without the limit,
        # "everyone" read all 100,000 persons, and their pages, to show 1,000.
        return list(session.scalars(query.limit(SEARCH_CAP + 1)))


def rows(workspace: Workspace, ids: list[int]) -> dict[int, ResidentRow]:
    """The list's rows for these ids (one page), with the latest stay and current bed."""
    workspace.require(Permission.VIEW_RESIDENTS)
    if not ids:
        return {}
    with workspace.reading() as session:
        today = shelter_today(workspace, session)
        latest = (select(Stay.person_id, func.max(Stay.id).label("stay_id"))
                  .where(Stay.person_id.in_(ids)).group_by(Stay.person_id).subquery())
        stay = aliased(Stay)
        open_bed = aliased(BedAssignment)
        result = session.execute(
            select(Person.id, Person.case_number, Person.full_name, Person.hidden_identity,
                   Person.pseudonym, Person.sex, Person.birth_date, Person.stage,
                   Person.risk_level, stay.admission_date, stay.discharge_date, Room.name,
                   Bed.label)
            .where(Person.id.in_(ids))
            .outerjoin(latest, latest.c.person_id == Person.id)
            .outerjoin(stay, stay.id == latest.c.stay_id)
            .outerjoin(open_bed, and_(open_bed.stay_id == stay.id,
                                      open_bed.end_date.is_(None)))
            .outerjoin(Bed, Bed.id == open_bed.bed_id).outerjoin(Room, Room.id == Bed.room_id))
        found = {}
        real_names = _real_names(workspace, session, ids)
        for (pid, case, name, hidden, pseudonym, sex, born, stage, risk, admitted,
             discharged, room, bed) in result:
            present = admitted is not None and rules.present_on(admitted, discharged, today)
            name = real_names.get(pid, name)
            found[pid] = ResidentRow(
                pid, case, identity.list_label(workspace, name, hidden, pseudonym), sex,
                rules.age_on(born, today) if born else None,
                rules.age_group(born, today).value if born else "", present, admitted,
                discharged, room or "", bed or "", stage, risk)
        return found


def _real_names(workspace: Workspace, session, ids: list[int]) -> dict[int, str]:
    """The real names of the hidden persons among `ids`, for a user holding the
    managers' key (their list shows the real initials); nothing for anyone else."""
    keys = sealed.keys(workspace) if workspace.may(Permission.VIEW_HIDDEN_IDENTITY) else None
    if keys is None:
        return {}
    return {pid: sealed.open_value(keys.seal, pid, "full_name", blob)
            for pid, blob in session.execute(
                select(Person.id, Person.sealed_full_name).where(
                    Person.id.in_(ids), Person.hidden_identity.is_(True),
                    Person.sealed_full_name.is_not(None)))}


def room_choices(workspace: Workspace) -> list[tuple[int, str]]:
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.reading() as session:
        return [tuple(row) for row in session.execute(
            select(Room.id, Room.name).order_by(Room.name))]
