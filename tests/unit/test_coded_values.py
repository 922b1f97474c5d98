"""The codes became enums that carry their labels; the database holds the same strings
as before (no migration), and the members read as what they mean."""

from shelter_app.domain import rules
from shelter_app.domain.vocab import CaseStage, ClosureKind, DecisionKind, Window
from shelter_app.services.provisions.rounds import AlertKind


def test_the_codes_stored_are_the_ones_stored_before():
    assert [stage.value for stage in CaseStage] == ["1", "2", "3", "4", "5", "6"]
    assert [window.value for window in Window] == ["1", "2", "extension"]
    assert [kind.value for kind in DecisionKind] == ["stage2", "extension"]
    assert [kind.value for kind in ClosureKind] == ["closed", "reopened"]


def test_the_members_carry_their_labels():
    assert CaseStage.PLAN.label == "3. Empowerment plan"
    assert Window.EXTENSION.label == "Extension (day 15 on)"
    assert DecisionKind.STAGE_TWO_REVIEW.label == "Review: into stage 2"
    assert rules.window(8) is Window.STAGE_TWO


def test_an_alert_says_its_day_without_cutting_its_code():
    assert AlertKind.coming_day(rules.STAGE_ONE_LAST_DAY).day_number == 7
    assert AlertKind.coming_day(rules.STAGE_TWO_LAST_DAY) is AlertKind.DAY_14
    assert AlertKind.AWAITING_DECISION.day_number is None
