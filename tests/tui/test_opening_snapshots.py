"""Screenshots of the opening: a reading page and the vision page, at 80x24 and 120x40,
projector on and off (the pages are made to be read from the back of a room)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.helpers import make_app, steady
from workshop.store import Session


@pytest.fixture
def at_opening(workshop_file: Path) -> Path:
    with Session.open(workshop_file) as session:
        session.update_workshop(current_activity="opening")
        session.insert("notes", activity="opening", kind="vision",
                       text="Everyone who comes to Riverside meets someone who has been there.")
    return workshop_file


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
def test_opening_values_page(snap_compare, at_opening, size, projector):
    app = make_app(at_opening.parent, at_opening, projector=projector)

    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("n")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
def test_opening_vision_page(snap_compare, at_opening, projector):
    app = make_app(at_opening.parent, at_opening, projector=projector)

    async def run_before(pilot):
        await pilot.pause()
        await pilot.press(*"nnnnnn")
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
