"""Screenshots of the action plan and its dialogs, at 80x24 and 120x40, projector on and off."""

from __future__ import annotations

import os
from datetime import date

import pytest

from tests.tui.helpers import FIXED_MTIME, make_app, steady
from workshop.store import Session
from workshop.tui.activities import action_plan as plan_module
from workshop.tui.activities import concerns as concerns_module

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(concerns_module, "today", lambda: date(2026, 12, 3))
    monkeypatch.setattr(plan_module, "today", lambda: date(2026, 12, 3))


def fill(path):
    with Session.open(path) as session:
        concern = session.insert("concerns", text="The post being pulled into the duty rota", status="open")
        session.insert_many("actions", [
            {"stage": "preparation", "task": "Job description",
             "what": "Revise the draft: remove clinical wording, add intentional sharing and peer training.",
             "who": "Team manager with HR", "by_when": "2026-12-01"},
            {"stage": "preparation", "task": "Financial planning", "what": "Cost the post at Band 4 as well as Band 3.",
             "who": "Service manager", "by_when": "2026-11-20", "outcome": "Costed; goes to the planning group"},
            {"stage": "preparation", "task": "Concern: The post being pulled into the duty rota",
             "what": "Agree in writing that the post is not on the duty rota.", "who": "Team manager",
             "by_when": "2027-01-10", "source": f"concern:{concern['id']}"},
            {"stage": "recruitment", "task": "Interview", "what": "A person with lived experience on the panel.",
             "who": "Team manager", "by_when": "2027-02-01"},
            {"stage": "support", "task": "Supervision", "what": "Monthly peer supervision from the Peer Lead.",
             "who": "Peer Lead", "by_when": "2027-03-01"},
        ])
        session.update_workshop(current_activity="action_plan")
    os.utime(path, (FIXED_MTIME, FIXED_MTIME))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
def test_action_plan(snap_compare, workshop_file, size, projector):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file, projector=projector)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_action_plan_sorted_in_list_mode(snap_compare, workshop_file, size):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)

    async def run_before(pilot):
        await pilot.press("escape", "s", "down", "down")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
def test_edit_action_dialog(snap_compare, workshop_file, projector):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file, projector=projector)

    async def run_before(pilot):
        await pilot.press("escape", "down", "down", "down", "e")
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_topics_picker(snap_compare, workshop_file, size):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)

    async def run_before(pilot):
        await pilot.press("escape", "t")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
