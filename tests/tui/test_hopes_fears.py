"""Hopes and fears, driven through the real app with the Pilot."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from textual.widgets import Input

from tests.tui.helpers import make_app
from workshop.store import Session


def stored(path: Path, table: str = "hopes_fears") -> list[dict]:
    with Session.open(path, read_only=True) as session:
        return session.records(table)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def add(pilot, text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


def view(app):
    return app.screen.views["hopes_fears"]


async def test_entry_box_has_focus_and_enter_adds_to_current_column(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "hf-input"
        await add(pilot, "More hope")
        await pilot.press("tab")
        await add(pilot, "Role unclear")
        assert app.focused.value == ""
        assert "Hopes (1)" in str(app.screen.query_one("#title-hope").render())
        assert "Fears (1)" in str(app.screen.query_one("#title-fear").render())
    records = stored(workshop_file)
    assert [(r["kind"], r["text"]) for r in records] == [("hope", "More hope"), ("fear", "Role unclear")]
    assert all(r["author_role"] is None for r in records), "entries are anonymous by default"


async def test_persistence_across_reopen_resumes_activity(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await add(pilot, "A wider skills pool")
        await pilot.press("ctrl+n")
        await pilot.pause()
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.current == "expertise"
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert [r["text"] for r in view(app)._items["hope"]] == ["A wider skills pool"]


async def test_edit_delete_undo_redo(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await add(pilot, "First")
        await add(pilot, "Second")
        await pilot.press("escape")  # to the list; the newest is highlighted
        await pilot.press("e")
        await pilot.pause()
        edit = app.screen.query_one("#edit-text", Input)
        edit.value = "Second, edited"
        await pilot.press("enter")
        await pilot.pause()
        assert [r["text"] for r in stored(workshop_file)] == ["First", "Second, edited"]
        await pilot.press("d")
        await pilot.pause()
        assert [r["text"] for r in stored(workshop_file)] == ["First"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [r["text"] for r in stored(workshop_file)] == ["First", "Second, edited"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [r["text"] for r in stored(workshop_file)] == ["First", "Second"]
        await pilot.press("ctrl+y", "ctrl+y")
        await pilot.pause()
        assert [r["text"] for r in stored(workshop_file)] == ["First"]


async def test_undo_reaches_back_twenty_changes(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        for n in range(22):
            await add(pilot, f"hope {n}")
        for _ in range(20):
            await pilot.press("ctrl+z")
        await pilot.pause()
        assert [r["text"] for r in stored(workshop_file)] == ["hope 0", "hope 1"]


async def test_move_vote_theme_group_and_sort(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await add(pilot, "Less them and us")
        await add(pilot, "More hope")
        await pilot.press("escape", "plus", "plus", "plus", "minus")
        await pilot.pause()
        assert {r["text"]: r["votes"] for r in stored(workshop_file)}["More hope"] == 2
        await pilot.press("t")
        await pilot.pause()
        await type_text(pilot, "Culture")
        await pilot.press("enter")
        await pilot.pause()
        assert {r["text"]: r["theme"] for r in stored(workshop_file)}["More hope"] == "Culture"
        await pilot.press("s")  # sort by votes: the voted item comes first
        await pilot.pause()
        assert view(app)._list("hope").get_option_at_index(0).id == view(app)._items["hope"][1]["id"]
        await pilot.press("g")  # group by theme: headers appear
        await pilot.pause()
        listing = view(app)._list("hope")
        headers = [listing.get_option_at_index(i) for i in range(listing.option_count)
                   if listing.get_option_at_index(i).disabled]
        assert any("Culture" in str(h.prompt) for h in headers)
        assert any("No theme" in str(h.prompt) for h in headers)
        await pilot.press("g", "s", "s")  # back to order added, ungrouped
        await pilot.pause()
        listing.highlighted = 0
        await pilot.press("m")
        await pilot.pause()
    kinds = {r["text"]: r["kind"] for r in stored(workshop_file)}
    assert kinds == {"Less them and us": "fear", "More hope": "hope"}


async def test_raise_fear_as_concern_once(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab")
        await add(pilot, "They might become unwell")
        await pilot.press("escape", "c")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        prompt = str(view(app)._list("fear").get_option_at_index(0).prompt)
        assert "[in concerns]" in prompt
    fear = stored(workshop_file)[0]
    concerns = stored(workshop_file, "concerns")
    assert len(concerns) == 1
    assert concerns[0]["from_fear"] == fear["id"] and concerns[0]["text"] == fear["text"]
    assert concerns[0]["status"] == "open"


async def test_a_hope_cannot_be_raised_as_a_concern(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await add(pilot, "Hope")
        await pilot.press("escape", "c")
        await pilot.pause()
    assert stored(workshop_file, "concerns") == []


async def test_author_role_and_about_set_in_edit(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await add(pilot, "Peer workers as a bridge")
        await pilot.press("escape", "e")
        await pilot.pause()
        app.screen.query_one("#edit-role", Input).value = "Occupational therapist"
        app.screen.query_one("#edit-theme", Input).value = "Bridging"
        await pilot.press("enter")
        await pilot.pause()
    record = stored(workshop_file)[0]
    assert record["author_role"] == "Occupational therapist" and record["theme"] == "Bridging"


async def test_control_characters_and_long_paste_are_cleaned(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        entry = app.screen.query_one("#hf-input", Input)
        entry.value = "Bell\x07 and escape\x1b[31m kept as words"
        await pilot.press("enter")
        await pilot.pause()
        entry.value = "x" * 5_000_000
        await pilot.press("enter")
        await pilot.pause()
    texts = [r["text"] for r in stored(workshop_file)]
    assert texts[0] == "Bell and escape[31m kept as words"
    assert len(texts[1]) == 200_000


async def test_failed_save_keeps_the_words_in_the_box(workshop_file, monkeypatch):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        real = os.replace

        def disk_full(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "replace", disk_full)
        await add(pilot, "Words that must not be lost")
        assert app.focused.value == "Words that must not be lost"
        monkeypatch.setattr(os, "replace", real)
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.value == ""
    assert [r["text"] for r in stored(workshop_file)] == ["Words that must not be lost"]


async def test_five_hundred_items_per_column_stay_smooth(workshop_file):
    with Session.open(workshop_file) as session:
        session.insert_many("hopes_fears", [{"kind": k, "text": f"{k} number {n} " * 3}
                                            for k in ("hope", "fear") for n in range(500)])
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await add(pilot, "One more")
        assert "Hopes (501)" in str(app.screen.query_one("#title-hope").render())
        await pilot.press("escape", "up", "up", "plus")
        await pilot.pause()
    assert sum(r["votes"] for r in stored(workshop_file)) == 1
