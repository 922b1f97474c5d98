"""A demo shelter with a few months of everything (stays, provisions, sessions, referrals),
and a way to catch the tables a document was built from."""

import pytest

from shelter_app.reports.shared import layout


@pytest.fixture
def demo_shelter(tmp_path, clock):
    from shelter_app.services.administration import demo

    workspace = demo.create_demo(tmp_path / "demo", residents=30, clock=clock)
    yield workspace
    if not workspace.is_locked:
        workspace.close_database()


@pytest.fixture
def printed(monkeypatch):
    """printed(make) -> (the PDF `make()` returns, the story it was built from, laid out)."""
    stories = []
    real_build = layout.build

    def build(story, **details):
        stories.append(list(story))  # build() empties the list it is given
        return real_build(story, **details)

    monkeypatch.setattr(layout, "build", build)

    def run(make):
        stories.clear()
        data = make()
        (story,) = stories
        return data, story
    return run


# The suite runs on both kinds of storage (tests/server_backend.py).
from tests.server_backend import both_backends  # noqa: E402

backend = both_backends
