"""Screenshots of the dual-role scenarios, at 80x24 and 120x40, projector on and off."""

from __future__ import annotations

import os

import pytest

from tests.tui.helpers import FIXED_MTIME, make_app, steady
from workshop import dual_roles_seed as seed
from workshop.actions import send_to_action_plan
from workshop.history import History
from workshop.store import Session

SIZES = [(80, 24), (120, 40)]


def fill(path):
    with Session.open(path) as session:
        seed.ensure_presets(session)
        rows = seed.ordered(session.records("dual_roles"))
        session.update("dual_roles", rows[0]["id"],
                       challenge="They may meet people and staff they knew when they used the team; "
                                 "old notes are on the same system.",
                       action_plan="Ask HR and records about restricting access to any past records; talk "
                                   "through in supervision how to greet people they know.",
                       owner="Team manager", due="2027-01-15", scope="universal",
                       policy="Records access policy")
        session.update("dual_roles", rows[2]["id"],
                       challenge="If they need support later, who provides it?",
                       action_plan="Agree in advance with the postholder where they would get support.",
                       owner="Consultant psychiatrist", due="2027-02-01", scope="tailored")
        session.insert("dual_roles", situation="Related to a member of staff", position=6)
        send_to_action_plan(History(session), "dual_roles", session.get("dual_roles", rows[0]["id"]))
    os.utime(path, (FIXED_MTIME, FIXED_MTIME))


def arrive(*keys: str):
    async def run_before(pilot):
        pilot.app.screen.show_activity("dual_roles")
        await pilot.pause()
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await steady(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
def test_dual_roles(snap_compare, workshop_file, size, projector):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file, projector=projector)
    assert snap_compare(app, terminal_size=size, run_before=arrive())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
def test_dual_roles_form(snap_compare, workshop_file, size, projector):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file, projector=projector)
    assert snap_compare(app, terminal_size=size, run_before=arrive("escape", "down", "down", "e"))


def test_dual_roles_form_with_a_bad_date(snap_compare, workshop_file):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)

    async def run_before(pilot):
        await arrive("escape", "down", "e")(pilot)
        await pilot.press("tab", "tab", "tab", *"next week", "enter")
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
