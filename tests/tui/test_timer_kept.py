"""The timer as a facilitator expects to find it after closing and reopening the workshop."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from textual.widgets import Digits

from tests.tui.helpers import make_app
from workshop.store import Session

NOON = datetime(2026, 12, 3, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def timeboxes(workshop_file):
    """Timeboxes set here, so the times below do not follow changes to the defaults."""
    with Session.open(workshop_file) as session:
        session.update_workshop(timeboxes={**session.workshop()["timeboxes"], "hopes_fears": 45, "expertise": 40})


def saved_timer(path) -> dict:
    with Session.open(path, read_only=True) as session:
        return session.workshop().get("timer") or {}


def shown(app) -> tuple[str, str]:
    return app.screen.query_one(Digits).value, str(app.screen.query_one("#timer-state").render())


async def test_a_paused_timer_reopens_where_it_was_paused(workshop_file):
    app = make_app(workshop_file.parent, workshop_file, projector=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        app.clock.advance(125)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert shown(app) == ("42:55", "paused")
        await pilot.press("ctrl+n")  # the next activity has its own countdown, untouched
        await pilot.pause()
        assert shown(app) == ("40:00", "paused")
    assert saved_timer(workshop_file) == {"hopes_fears": {"total": 2700, "left": 2575, "running": False}}
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app) == ("40:00", "paused")
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert shown(app) == ("42:55", "paused"), "not back at 45:00"
        await pilot.press("ctrl+r")  # reset is kept too
        await pilot.pause()
    assert saved_timer(workshop_file) == {}


async def test_a_running_timer_has_gone_on_running_while_the_workshop_was_closed(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    app.wall_clock = lambda: NOON
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert shown(app)[1] == "running"
    kept = saved_timer(workshop_file)["hopes_fears"]
    assert kept["running"] is True and kept["ends_at"] == (NOON + timedelta(minutes=45)).isoformat()
    app = make_app(workshop_file.parent, workshop_file)
    app.wall_clock = lambda: NOON + timedelta(minutes=10)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app) == ("35:00", "running")
        await pilot.press("ctrl+t")
        await pilot.pause()
    assert saved_timer(workshop_file) == {"hopes_fears": {"total": 2700, "left": 2100, "running": False}}


async def test_a_timer_kept_in_a_damaged_form_is_ignored(workshop_file):
    with Session.open(workshop_file) as session:
        session.update_workshop(timer={"hopes_fears": {"total": "x"}, "expertise": "soon"})
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app) == ("45:00", "paused")
