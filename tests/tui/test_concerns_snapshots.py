"""Screenshots of the concerns log and its dialogs, at 80x24 and 120x40, projector on and off."""

from __future__ import annotations

import os
from datetime import date

import pytest

from tests.tui.helpers import FIXED_MTIME, make_app, steady
from workshop import content
from workshop.store import Session
from workshop.tui.activities import action_plan as plan_module
from workshop.tui.activities import concerns as concerns_module
from workshop.tui.screens.concern_library import gist_text

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(concerns_module, "today", lambda: date(2026, 12, 3))
    monkeypatch.setattr(plan_module, "today", lambda: date(2026, 12, 3))


def fill(path):
    library = {entry["key"]: entry for entry in content.concern_library()}
    with Session.open(path) as session:
        fear = session.insert("hopes_fears", kind="fear", text="One peer worker on their own in a big team")
        concerns = session.insert_many("concerns", [
            {"text": fear["text"], "from_fear": fear["id"], "raised_how": "group", "status": "open"},
            {"text": "What if they become unwell at work?", "category": "becoming_unwell", "raised_how": "individual",
             "raised_by_role": "Community psychiatric nurse", "response": gist_text(library["becoming_unwell"]),
             "status": "resolved", "owner": "Team manager"},
            {"text": "The post being pulled into the duty rota", "category": "tokenism", "raised_how": "group",
             "status": "in_progress", "owner": "Team manager", "due": "2026-11-30"},
            {"text": "Band 3 may be too low for running groups", "category": "other", "status": "open",
             "due": "2027-01-10"},
        ])
        session.insert("actions", stage="preparation", task="Concern: The post being pulled into the duty rota",
                       source=f"concern:{concerns[2]['id']}")
        session.update_workshop(current_activity="concerns")
    os.utime(path, (FIXED_MTIME, FIXED_MTIME))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
def test_concerns_log(snap_compare, workshop_file, size, projector):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file, projector=projector)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_concerns_filtered_in_list_mode(snap_compare, workshop_file, size):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)

    async def run_before(pilot):
        await pilot.press("escape", "f")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
def test_edit_concern_dialog(snap_compare, workshop_file, projector):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file, projector=projector)

    async def run_before(pilot):
        await pilot.press("escape", "up", "up", "e")
        await pilot.pause()
        pilot.app.screen.query_one("#cn-due").value = "next week"
        pilot.app.screen.query_one("#cn-owner").focus()
        await pilot.press("enter")
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_concern_library(snap_compare, workshop_file, size):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)

    async def run_before(pilot):
        await pilot.press("escape", "l")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
