import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from shelter_app.domain import rules
from shelter_app.domain.vocab import AgeGroup
from shelter_app.reports.residents.occupancy import StayFact, compute

D = dt.date


def test_age_groups_follow_the_law_on_the_day_of_the_report():
    born = D(2008, 11, 27)
    assert rules.age_group(born, D(2026, 11, 26)) == AgeGroup.CHILD  # 17 the day before
    assert rules.age_group(born, D(2026, 11, 27)) == AgeGroup.ADULT  # 18 on the birthday
    assert rules.age_group(D(1966, 11, 27), D(2026, 11, 26)) == AgeGroup.ADULT
    assert rules.age_group(D(1966, 11, 27), D(2026, 11, 27)) == AgeGroup.ELDERLY


def test_a_leap_day_birthday_turns_on_the_first_of_march():
    assert rules.birthday(D(2008, 2, 29), 18) == D(2026, 3, 1)
    assert rules.age_on(D(2008, 2, 29), D(2026, 2, 28)) == 17


def test_the_midnight_census_counts_the_admission_day_not_the_discharge_day():
    assert rules.present_on(D(2026, 11, 1), D(2026, 11, 3), D(2026, 11, 1))
    assert rules.present_on(D(2026, 11, 1), D(2026, 11, 3), D(2026, 11, 2))
    assert not rules.present_on(D(2026, 11, 1), D(2026, 11, 3), D(2026, 11, 3))
    assert not rules.present_on(D(2026, 11, 1), D(2026, 11, 1), D(2026, 11, 1))


def test_initials_hide_the_name():
    assert rules.initials("Siti Nur  rahma") == "S.N.R."


days = st.integers(min_value=0, max_value=60)


@st.composite
def stays(draw):
    start = D(2026, 1, 1)
    admission = start + dt.timedelta(days=draw(days))
    length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=40)))
    born = admission - dt.timedelta(days=draw(st.integers(min_value=365 * 15,
                                                           max_value=365 * 65)))
    return (admission, None if length is None else admission + dt.timedelta(days=length),
            draw(st.sampled_from("FM")), born)


@settings(max_examples=150, deadline=None)
@given(st.lists(stays(), max_size=25), days, st.integers(min_value=0, max_value=30))
def test_the_report_agrees_with_counting_day_by_day(generated, offset, length):
    first = D(2026, 1, 1) + dt.timedelta(days=offset)
    last = first + dt.timedelta(days=length)
    facts = [StayFact(n, f"RA-{n}", "X.", sex, born, admission, discharge)
             for n, (admission, discharge, sex, born) in enumerate(generated)]
    report = compute(facts, first, last, beds=10)
    for index, day in enumerate(report.dates()):
        assert report.daily[index] == sum(rules.present_on(f.admission, f.discharge, day)
                                          for f in facts)
    by_group: dict[tuple[str, str], int] = {}
    for day in report.dates():
        for f in facts:
            if rules.present_on(f.admission, f.discharge, day):
                key = (f.sex, rules.age_group(f.birth_date, day).value)
                by_group[key] = by_group.get(key, 0) + 1
    for group in report.groups:
        assert group.resident_days == by_group.get((group.sex, group.age_group), 0)
    assert sum(g.admissions for g in report.groups) == report.admissions == sum(
        first <= f.admission <= last for f in facts)
    assert report.resident_days == sum(report.daily)
    before = first - dt.timedelta(days=1)  # the opening census: the day before the period
    assert report.present_start == sum(rules.present_on(f.admission, f.discharge, before)
                                       for f in facts)
    # the balance a reader checks first (it did not add up: the opening count was the
    # first day's census, which already holds that day's movements)
    assert report.present_start + report.admissions - report.discharges == report.present_end
    assert sum(g.present_end for g in report.groups) == report.daily[-1]
    assert sum(g.discharges for g in report.groups) == report.discharges


def test_a_person_is_admitted_again_only_when_every_stay_has_ended():
    assert rules.can_admit_again([D(2026, 1, 9), D(2026, 5, 2)])
    assert not rules.can_admit_again([D(2026, 1, 9), None])
    assert not rules.can_admit_again([None])
