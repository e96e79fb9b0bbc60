"""The opening, driven through the real app: stepping pages, the vision box saving, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Label, Static, TextArea

from tests.tui.helpers import make_app
from tests.tui.settling import until
from workshop import content, opening
from workshop.store import Session
from workshop.tui.activities.opening import OpeningView


@pytest.fixture
def workshop_file(workshop_file: Path) -> Path:
    """The workshop, left at the opening (as the demo opens)."""
    with Session.open(workshop_file) as session:
        session.update_workshop(current_activity="opening")
    return workshop_file


def _vision(path: Path) -> str:
    with Session.open(path, read_only=True) as session:
        return opening.vision_of(session.records("notes"))


async def test_a_workshop_at_the_opening_steps_through_its_pages(workshop_file: Path):
    pages = content.opening()["pages"]
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.current == "opening"
        view = app.screen.views["opening"]
        assert isinstance(view, OpeningView) and view.has_focus
        progress = view.query_one("#op-progress", Label)
        assert str(progress.render()).startswith(f"Page 1 of {len(pages)} · {pages[0]['title']}")
        await pilot.press("n")
        assert view.index == 1 and "Values and principles" in str(progress.render())
        assert "equal, respected members" in str(view.query_one("#op-point-0", Static).render())
        await pilot.press("right", "left", "p")
        assert view.index == 0
        await pilot.press("p")  # the first page stays put and says so
        assert view.index == 0
        assert not view.query_one("#op-boxes").display


async def test_the_vision_box_saves_as_typed_and_undoes_in_one_step(workshop_file: Path):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.views["opening"]
        for _ in range(len(view.pages) - 1):
            await pilot.press("n")
        assert view.page()["key"] == "vision" and view.query_one("#op-boxes").display
        await pilot.press("enter")
        box = view.query_one("#op-box-vision", TextArea)
        assert box.has_focus
        await pilot.press(*"Peer workers as equals")
        await until(pilot, lambda: _vision(workshop_file) == "Peer workers as equals", "the pause-saved vision")
        await pilot.press(*" in the team")
        await pilot.press("escape")  # leaving the box saves at once
        assert view.has_focus and _vision(workshop_file) == "Peer workers as equals in the team"
        await pilot.press("ctrl+z")  # both saves were one spell of typing: one step
        await until(pilot, lambda: box.text == "", "the box emptied by undo")
        assert _vision(workshop_file) == ""
        await pilot.press("ctrl+y")
        await until(pilot, lambda: box.text == "Peer workers as equals in the team", "the box refilled by redo")


async def test_an_answer_typed_then_closed_is_kept(workshop_file: Path):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.views["opening"]
        while view.page()["key"] != "motivation":
            await pilot.press("n")
        await pilot.press("e")
        assert view.query_one("#op-box-why", TextArea).has_focus
        await pilot.press(*"People asked for it")
        await pilot.press("ctrl+w")  # close the workshop straight from the box
        await pilot.pause()
    with Session.open(workshop_file, read_only=True) as session:
        answers = dict((box["key"], text) for box, text in opening.answers(session.records("notes")))
    assert answers["why"] == "People asked for it"
