"""Screenshots of the follow-up review and its dialog, at 80x24 (and 120x40), projector on and off."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.followup import FOLLOWUP_DATE, build_earlier
from textual.screen import Screen

from tests.tui.helpers import make_app, steady
from workshop import followup
from workshop.tui.screens import followup_dialog as dialog_module
from workshop.tui.screens.followup_dialog import FollowupDialog


@pytest.fixture
def followup_file(sessions: Path) -> Path:
    earlier = sessions / "riverside.json"
    build_earlier(earlier)
    return followup.create_followup(earlier, sessions, on=FOLLOWUP_DATE)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
def test_review_first_item(snap_compare, followup_file, size, projector):
    app = make_app(followup_file.parent, followup_file, projector=projector)

    async def run_before(pilot):
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_review_an_action_done_late_with_words(snap_compare, followup_file):
    app = make_app(followup_file.parent, followup_file)

    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("1", *"nnnnnn", "3", "d", *"2027-01-25", "enter")
        await pilot.press("c", *"Records restricted access in the last week of January.", "escape")
        await pilot.press("w", *"Tell the new peer worker what was agreed.")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_followup_dialog(snap_compare, sessions, monkeypatch):
    earlier = sessions / "riverside.json"
    build_earlier(earlier)
    monkeypatch.setattr(dialog_module, "today", lambda: dialog_module.date(2027, 2, 1))
    app = make_app(sessions)

    async def run_before(pilot):
        await pilot.pause()
        # An empty screen behind: the home screen's keys belong to another test.
        pilot.app.push_screen(Screen())
        pilot.app.push_screen(FollowupDialog(earlier, sessions))
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
