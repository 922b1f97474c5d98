"""Generated residents for the statistics service tests, which run on both kinds of
storage (tests/server_backend.py)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from shelter_app.services.administration import demo_people
from shelter_app.services.residents import records
from shelter_app.services.shared import sealed_identity

FIRST, LAST = dt.date(2026, 1, 1), dt.date(2026, 10, 31)


@pytest.fixture
def residents(admin):
    """120 generated people admitted in 2026 (a few before the period), each with one
    stay; returns their values (what the statistics should count)."""
    rng = random.Random(16)
    persons, stays = [], []
    for number in range(1, 121):
        admitted = dt.date(2025, 12, 20) + dt.timedelta(days=rng.randint(0, 320))
        values = demo_people.person_values(rng, number, admitted, LAST)
        values["nationality"] = rng.choice(["ID"] * 8 + ["MM", "KH"])
        if number % 10 == 0:
            values["birth_date"] = None
        persons.append(values | {"id": number, "created_at": admin.clock()})
        left = admitted + dt.timedelta(days=rng.randint(5, 40))
        stays.append({"person_id": number, "admission_date": admitted,
                      "discharge_date": left if left <= LAST else None,
                      "discharge_reason": rng.choice(["family_reintegration", "referred"])
                      if left <= LAST else ""})
    with admin.session() as session:
        records.bulk_load(session, persons, stays, sealed_identity.keys(admin))
    return [(person, stay) for person, stay in zip(persons, stays, strict=True)]


from tests.server_backend import both_backends  # noqa: E402

backend = both_backends
