"""Typing you can trust: items typed or pasted faster than the app saves them arrive whole,
once each, in order, in every list activity of a 2,000-item workshop."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key

from tests.helpers.sessions import build_workshop
from tests.tui.helpers import make_app
from tests.tui.settling import until
from workshop.store import Session
from workshop.tui.widgets.entry import EntryBox

# activity -> (table, the field that holds the typed words)
LISTS = {
    "hopes_fears": ("hopes_fears", "text"),
    "expertise": ("expertise", "text"),
    "concerns": ("concerns", "text"),
    "dual_roles": ("dual_roles", "situation"),
    "action_plan": ("actions", "task"),
}


@pytest.fixture
def big_workshop(sessions: Path) -> Path:
    return build_workshop(sessions / "busy.json", items=2000)


def send(app, event) -> None:
    """An event as the terminal driver delivers it, without waiting for the app to handle it."""
    event.set_sender(app)
    app._driver.send_message(event)


def type_fast(app, text: str) -> None:
    """Keys as a terminal delivers them: queued at once, without waiting for the app."""
    for character in text:
        send(app, events.Key(_character_to_key(character) if not character.isalnum() else character, character))
    send(app, events.Key("enter", "\r"))


def stored(path: Path, table: str, field: str, tag: str) -> list[str]:
    with Session.open(path, read_only=True) as session:
        return [r[field] for r in session.records(table) if str(r.get(field, "")).startswith(tag)]


async def open_entry(pilot, activity: str) -> EntryBox:
    pilot.app.screen.show_activity(activity)
    await pilot.pause()
    await until(pilot, lambda: isinstance(pilot.app.focused, EntryBox), f"the entry box of {activity} has the focus")
    return pilot.app.focused


@pytest.mark.parametrize("activity", list(LISTS))
async def test_fifty_items_typed_ten_ms_apart_arrive_whole_once_and_in_order(big_workshop, activity):
    table, field = LISTS[activity]
    tag = "Quick"
    typed = [f"{tag} {n:02d}: said in the room, fast" for n in range(50)]
    app = make_app(big_workshop.parent, big_workshop)
    async with app.run_test(size=(120, 40)) as pilot:
        entry = await open_entry(pilot, activity)
        for text in typed:
            type_fast(app, text)
            await asyncio.sleep(0.01)
        await until(pilot, lambda: len(stored(big_workshop, table, field, tag)) >= 50 or entry.value == "",
                    "every typed item is handled")
        await until(pilot, lambda: len(stored(big_workshop, table, field, tag)) >= 50, "fifty items saved")
        assert entry.value == ""
    assert stored(big_workshop, table, field, tag) == typed


async def test_a_paste_of_many_lines_adds_one_item_per_line_in_one_step(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        entry = await open_entry(pilot, "hopes_fears")
        await pilot.press(*"We ")
        send(app, events.Paste("hope for\n\n  \nclear roles\nand time to plan"))
        await until(pilot, lambda: len(stored(workshop_file, "hopes_fears", "text", "")) == 3, "three items")
        assert stored(workshop_file, "hopes_fears", "text", "") == ["We hope for", "clear roles", "and time to plan"]
        assert entry.value == ""
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert stored(workshop_file, "hopes_fears", "text", "") == [], "the paste is one step to undo"


async def test_words_typed_while_a_save_fails_stay_with_the_failed_words(workshop_file, monkeypatch):
    import errno
    import os

    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        entry = await open_entry(pilot, "concerns")

        def refuse(*args, **kwargs):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        with monkeypatch.context() as patch:
            patch.setattr(os, "replace", refuse)
            type_fast(app, "No room on the disk")
            type_fast(app, "second")
            await until(pilot, lambda: "No room on the disk" in entry.value and "second" in entry.value,
                        "both sets of words are back in the box")
    texts = stored(workshop_file, "concerns", "text", "")
    assert "No room on the disk" not in texts


def shown_in_box(entry: EntryBox) -> str:
    """The words the box shows on screen (not its value): its lines as last drawn, which
    Textual keeps until the box asks to be drawn again."""
    from textual.geometry import Region

    width, height = entry.outer_size
    return "".join(strip.text for strip in entry.render_lines(Region(0, 0, width, height))).strip(" ▊▔▁▎")


async def test_the_box_is_drawn_empty_with_the_new_item_after_enter(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        entry = await open_entry(pilot, "hopes_fears")
        entry.cursor_blink = False  # a blink would draw the box again whatever Enter did
        listing = app.screen.query_one("#list-hope")
        before = listing.option_count
        await pilot.press(*"Time to plan")
        await until(pilot, lambda: "Time to plan" in shown_in_box(entry), "the words are in the box")
        await pilot.press("enter")
        await until(pilot, lambda: listing.option_count == before + 1, "the item is in the list")
        assert "Time to plan" not in shown_in_box(entry), "the box is drawn empty with the new item"
        assert entry.value == "" and entry.cursor_position == 0


async def test_a_box_nobody_answers_is_still_drawn_empty():
    from textual.app import App

    class Lone(App):
        def compose(self):
            yield EntryBox(id="lone")

    app = Lone()
    async with app.run_test(size=(60, 5)) as pilot:
        entry = app.query_one(EntryBox)
        entry.cursor_blink = False
        entry.focus()
        await pilot.press(*"unheard")
        await until(pilot, lambda: "unheard" in shown_in_box(entry), "the words are in the box")
        await pilot.press("enter")
        await until(pilot, lambda: "unheard" not in shown_in_box(entry), "the box is drawn empty")
        await pilot.press(*"next")
        await until(pilot, lambda: shown_in_box(entry) == "next", "the next words start a new item")
