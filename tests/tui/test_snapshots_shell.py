"""Screenshots of the home screen and hopes and fears, at 80x24 and 120x40, projector on and off."""

from __future__ import annotations

import os

import pytest

from tests.tui.helpers import FIXED_MTIME, make_app, steady
from workshop.store import Session

SIZES = [(80, 24), (120, 40)]


def fill(path):
    with Session.open(path) as session:
        session.insert_many("hopes_fears", [
            {"kind": "hope", "text": "More hope for the people we support", "theme": "Hope", "votes": 3},
            {"kind": "hope", "text": "Less 'them and us' between staff and people who use services",
             "theme": "Culture", "votes": 2},
            {"kind": "hope", "text": "A wider pool of skills in the team"},
            {"kind": "fear", "text": "Peer workers being asked to do tasks nobody else wants", "votes": 4,
             "theme": "Role"},
            {"kind": "fear", "text": "Not knowing how to handle boundaries", "author_role": "Nurse"},
        ])
    os.utime(path, (FIXED_MTIME, FIXED_MTIME))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
def test_home_screen(snap_compare, workshop_file, size, projector):
    fill(workshop_file)
    app = make_app(workshop_file.parent, projector=projector)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
def test_hopes_and_fears(snap_compare, workshop_file, size, projector):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file, projector=projector)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_hopes_and_fears_list_mode_grouped(snap_compare, workshop_file, size):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)

    async def run_before(pilot):
        await pilot.press("escape", "g")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_help_screen(snap_compare, workshop_file):
    app = make_app(workshop_file.parent, workshop_file)

    async def run_before(pilot):
        await pilot.press("f1")
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
