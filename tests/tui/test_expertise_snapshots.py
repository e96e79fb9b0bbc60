"""Screenshots of the three sources of expertise, at 80x24 and 120x40, projector on and off."""

from __future__ import annotations

import os

import pytest

from tests.tui.helpers import FIXED_MTIME, make_app, steady
from workshop.store import Session

SIZES = [(80, 24), (120, 40)]


def fill(path):
    with Session.open(path) as session:
        session.insert_many("expertise", [
            {"source": "life", "text": "Fluent in Polish and Urdu between us"},
            {"source": "life", "text": "Running a community allotment"},
            {"source": "life", "text": "Football coaching for an under-12s team"},
            {"source": "life", "text": "Ten years in retail before nursing"},
            {"source": "lived", "text": "Experience of depression during training"},
            {"source": "lived", "text": "Caring for a family member through psychosis", "in_record": True,
             "in_record_chosen": True},
            {"source": "lived", "text": ""},
            {"source": "professional", "text": "Cognitive behavioural therapy skills"},
            {"source": "professional", "text": "Housing and benefits knowledge"},
            {"source": "professional", "text": "Nineteen years of community work", "holder": "Sam Whitford"},
        ])
        session.insert("notes", activity="expertise", kind="gaps",
                       text="- Nobody under 30\n- Nobody who speaks Somali")
    os.utime(path, (FIXED_MTIME, FIXED_MTIME))


def arrive(*keys: str):
    async def run_before(pilot):
        pilot.app.screen.show_activity("expertise")
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await steady(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
def test_expertise(snap_compare, workshop_file, size, projector):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file, projector=projector)
    assert snap_compare(app, terminal_size=size, run_before=arrive())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_expertise_lived_lane_with_chart_toggled(snap_compare, workshop_file, size):
    """The middle lane in list mode; b flips the chart from its default for the screen size."""
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)
    assert snap_compare(app, terminal_size=size, run_before=arrive("tab", "escape", "b"))


@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
def test_expertise_edit_dialog(snap_compare, workshop_file, projector):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file, projector=projector)
    assert snap_compare(app, terminal_size=(80, 24), run_before=arrive("tab", "escape", "up", "e"))


def test_expertise_move_dialog(snap_compare, workshop_file):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)
    assert snap_compare(app, terminal_size=(80, 24), run_before=arrive("escape", "m"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
def test_expertise_gaps_note(snap_compare, workshop_file, size, projector):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file, projector=projector)
    assert snap_compare(app, terminal_size=size, run_before=arrive("escape", "g"))
