"""The demo shows incidents: several kinds over two months, one critical still alerting
the manager on the dashboard."""

import pytest

from shelter_app.services.overview import dashboard
from shelter_app.services.residents import incidents

pytestmark = pytest.mark.file_only


def test_the_demo_has_incidents_and_one_alert(tmp_path, clock):
    from shelter_app.services.administration import demo

    workspace = demo.create_demo(tmp_path / "demo", residents=30, clock=clock)
    try:
        rows = incidents.list_incidents(workspace)
        assert len(rows) == 6 and len({row.kind for row in rows}) == 6
        assert rows == sorted(rows, key=lambda row: row.at, reverse=True)
        assert [row.kind for row in rows if row.alerting] == ["trafficker_seen"]
        board = dashboard.snapshot(workspace)
        assert [a.kind for a in board.incident_alerts] == ["trafficker_seen"]
    finally:
        workspace.close_database()
