"""The demo looks like a shelter that works: decisions recorded on time (a few late), so
its alerts name a handful of residents, not hundreds of provisions."""

from sqlalchemy import select

from shelter_app.domain import rules
from shelter_app.domain.models import Stay, StayDecision
from shelter_app.services.administration import auth, demo
from shelter_app.services.provisions import rounds

DUE_ON_DAY = {"stage2": rules.STAGE_ONE_LAST_DAY, "extension": rules.STAGE_TWO_LAST_DAY}


def test_the_demo_records_decisions_on_time_so_its_alerts_are_a_handful(tmp_path, clock):
    workspace = demo.create_demo(tmp_path / "demo", clock=clock)  # as `make run` makes it
    try:
        awaiting = [alert for alert in rounds.alerts(workspace) if alert.kind == "flagged"]
        assert 1 <= len(awaiting) <= 5, f"{len(awaiting)} residents await a decision"
        assert sum(alert.count for alert in awaiting) <= 40
        with workspace.session() as session:
            decisions = session.execute(
                select(StayDecision.kind, StayDecision.decided_on, Stay.admission_date)
                .join(Stay, Stay.id == StayDecision.stay_id)).all()
    finally:
        auth.logout(workspace)
    on_time = [kind for kind, decided_on, admitted in decisions
               if rules.stay_day(admitted, decided_on) <= DUE_ON_DAY[kind]]
    assert len(on_time) >= 0.8 * len(decisions), f"{len(on_time)} of {len(decisions)} on time"
    assert len(on_time) < len(decisions), "no decision was late: not a real shelter either"
