"""Ctrl+P finds every action by its name or another word for it, while typing too."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

from tests.tui.helpers import make_app
from tests.tui.settling import until
from workshop.store import Session


def titles(app) -> set[str]:
    return {command.title for command in app.get_system_commands(app.screen)}


async def palette_hits(pilot, query: str) -> list[str]:
    app = pilot.app
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette opens")
    await pilot.press(*query)
    palette = app.screen
    listing = palette.query_one("CommandList")
    await until(pilot, lambda: listing.option_count > 0 and not palette._show_busy, f"hits for {query!r}")
    return [str(listing.get_option_at_index(i).prompt).split("\n")[0] for i in range(listing.option_count)]


async def test_while_typing_the_palette_offers_the_list_actions_and_no_editor_commands(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, Input), "typing, as the workshop opens"
        found = titles(app)
        assert {"Vote +", "Theme", "Sort", "Group by theme", "Raise as concern", "Edit", "Delete"} <= found
        for editor in ("Delete character left", "Delete to end", "Cut selected text", "Select all"):
            assert not any(editor.casefold() in title.casefold() for title in found), editor


@pytest.mark.parametrize("query, expected", [
    ("vote", "Vote +"), ("dot", "Vote +"), ("theme", "Theme"), ("sort", "Sort"), ("group", "Group by theme"),
    ("raise", "Raise as concern"), ("export", "Export"), ("projector", "Projector"),
])
async def test_the_palette_finds_actions_by_name_and_other_words(workshop_file, query, expected):
    app = make_app(workshop_file.parent, workshop_file, projector=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        hits = await palette_hits(pilot, query)
        assert any(hit.startswith(expected) for hit in hits), (query, hits)


async def test_an_action_chosen_while_typing_acts_on_the_highlighted_item(workshop_file):
    with Session.open(workshop_file) as session:
        session.insert("hopes_fears", kind="hope", text="A wider skills pool", theme=None, votes=0, author_role=None)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await palette_hits(pilot, "dot")
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, CommandPalette), "the palette closes")
        await pilot.pause()
    with Session.open(workshop_file, read_only=True) as session:
        assert session.records("hopes_fears")[0]["votes"] == 1


async def test_a_table_action_chosen_while_typing_acts_on_the_highlighted_row(workshop_file):
    app = make_app(workshop_file.parent, workshop_file, projector=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.show_activity("dual_roles")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        hits = await palette_hits(pilot, "send")
        assert hits[0].startswith("Send to action plan"), hits
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, CommandPalette), "the palette closes")
        await pilot.pause()
    with Session.open(workshop_file, read_only=True) as session:
        assert len(session.records("actions")) == 1
