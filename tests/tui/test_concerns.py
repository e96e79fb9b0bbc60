"""The concerns log, driven through the real app with the Pilot."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from textual.widgets import Input, Select, TextArea

from tests.tui.helpers import make_app
from workshop import content
from workshop.store import Session
from workshop.tui.activities import concerns as concerns_module
from workshop.tui.screens.concern_edit import EditConcernScreen
from workshop.tui.screens.concern_library import LibraryScreen, gist_text
from workshop.tui.screens.confirm import ConfirmScreen


def stored(path: Path, table: str = "concerns") -> list[dict]:
    with Session.open(path, read_only=True) as session:
        return session.records(table)


def view(app):
    return app.screen.views["concerns"]


def prompts(app) -> list[str]:
    listing = view(app)._list()
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def go(pilot) -> None:
    await pilot.press("alt+6")
    await pilot.pause()


async def add(pilot, text: str) -> None:
    pilot.app.focused.value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_entry_box_has_focus_and_enter_adds_an_open_anonymous_group_concern(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        assert app.screen.current == "concerns"
        assert isinstance(app.focused, Input) and app.focused.id == "cn-input"
        await pilot.press(*"Who covers sick leave?")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.value == ""
        assert "Open 1 · In progress 0 · Resolved 0" in view(app).counts_text()
        assert "[ ] Open" in prompts(app)[0] and "Who covers sick leave?" in prompts(app)[0]
    [record] = stored(workshop_file)
    assert record["text"] == "Who covers sick leave?"
    assert (record["status"], record["raised_how"], record["raised_by_role"]) == ("open", "group", None)


async def test_persistence_across_reopen(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        await add(pilot, "Boundaries with people we support")
        await pilot.press("escape", "s")
        await pilot.pause()
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.current == "concerns", "the workshop reopens where it stopped"
        assert "[~] In progress" in prompts(app)[0]
        assert "In progress 1" in view(app).counts_text()


async def test_status_cycles_with_words_and_markers_and_counts_follow(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        await add(pilot, "Staff may not refer")
        await pilot.press("escape")
        seen = []
        for _ in range(3):
            await pilot.press("s")
            await pilot.pause()
            seen.append((prompts(app)[0].split("  ")[0], stored(workshop_file)[0]["status"]))
        assert seen == [("[~] In progress", "in_progress"), ("[✓] Resolved", "resolved"), ("[ ] Open", "open")]
        assert "Open 1 · In progress 0 · Resolved 0" in view(app).counts_text()


async def test_filter_by_status_keeps_counts_visible(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        for text in ("First", "Second", "Third"):
            await add(pilot, text)
        await pilot.press("escape", "s")  # Third: in progress
        await pilot.press("up", "s", "s")  # Second: resolved
        await pilot.pause()
        counts = "All 3 · Open 1 · In progress 1 · Resolved 1"
        assert counts in view(app).counts_text().replace("▶[", "").replace("]", "")
        await pilot.press("f")
        await pilot.pause()
        assert [p.split("  ")[-1] for p in prompts(app)] and len(prompts(app)) == 1 and "First" in prompts(app)[0]
        assert "▶[Open 1]" in view(app).counts_text()
        await pilot.press("f")
        await pilot.pause()
        assert len(prompts(app)) == 1 and "Third" in prompts(app)[0]
        await pilot.press("f")
        await pilot.pause()
        assert len(prompts(app)) == 1 and "Second" in prompts(app)[0]
        assert "Open 1 · In progress 1 · ▶[Resolved 1]" in view(app).counts_text()
        # A new concern is open: adding one while resolved ones are shown shows everything again.
        await pilot.press("i")
        await add(pilot, "Fourth")
        assert view(app).filter == "all" and len(prompts(app)) == 4
        await pilot.press("escape", "f", "f")
        await pilot.pause()
        assert len(prompts(app)) == 1 and "Third" in prompts(app)[0]
        await pilot.press("f", "f")
        await pilot.pause()
        assert len(prompts(app)) == 4


async def test_edit_dialog_writes_every_field_and_a_bad_date_loses_nothing(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        await add(pilot, "They will be off sick a lot")
        await pilot.press("escape", "e")
        await pilot.pause()
        assert isinstance(app.screen, EditConcernScreen)
        screen = app.screen
        screen.query_one("#cn-text", Input).value = "They might become unwell at work"
        screen.query_one("#cn-category", Select).value = "becoming_unwell"
        screen.query_one("#cn-how", Select).value = "individual"
        screen.query_one("#cn-role", Input).value = "Community psychiatric nurse"
        screen.query_one("#cn-response", TextArea).load_text("Same policies as for anyone.\nReview wellbeing support.")
        screen.query_one("#cn-status", Select).value = "in_progress"
        screen.query_one("#cn-owner", Input).value = "Team manager"
        screen.query_one("#cn-due", Input).value = "31/12/2026"
        screen.query_one("#cn-owner", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen, "a bad date keeps the dialog open"
        error = str(screen.query_one("#form-error").render())
        assert "By when" in error and "not a date" in error and "YYYY-MM-DD" in error
        assert app.focused is screen.query_one("#cn-due", Input)
        assert screen.query_one("#cn-role", Input).value == "Community psychiatric nurse", "nothing typed is lost"
        assert stored(workshop_file)[0]["text"] == "They will be off sick a lot"
        screen.query_one("#cn-due", Input).value = "2026-12-31"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EditConcernScreen)
        shown = " ".join(prompts(app)[0].split())
        assert "raised individually" in shown and "raised by: Community psychiatric nurse" in shown
    [record] = stored(workshop_file)
    assert record == {**record, "text": "They might become unwell at work", "category": "becoming_unwell",
                      "raised_how": "individual", "raised_by_role": "Community psychiatric nurse",
                      "response": "Same policies as for anyone.\nReview wellbeing support.",
                      "status": "in_progress", "owner": "Team manager", "due": "2026-12-31"}


async def test_cancelling_an_edit_with_changes_asks_first(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        await add(pilot, "Original words")
        await pilot.press("escape", "e")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#cn-owner", Input).value = "Somebody"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y", "e", "s", "n")  # letters still being typed answer nothing
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#cn-owner", Input).value == "Somebody"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert app.screen.views  # back on the workshop screen
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")  # nothing changed: closes without asking
        await pilot.pause()
        assert not isinstance(app.screen, (ConfirmScreen, EditConcernScreen))
    assert stored(workshop_file)[0]["owner"] == ""


async def test_delete_with_undo_and_redo(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        await add(pilot, "Keep me")
        await add(pilot, "Delete me")
        await pilot.press("escape", "d")
        await pilot.pause()
        assert [r["text"] for r in stored(workshop_file)] == ["Keep me"]
        assert "All 1" in view(app).counts_text()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [r["text"] for r in stored(workshop_file)] == ["Keep me", "Delete me"]
        assert len(prompts(app)) == 2
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [r["text"] for r in stored(workshop_file)] == ["Keep me"]


async def test_library_fills_category_and_a_starting_response(workshop_file):
    library = content.concern_library()
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        await add(pilot, "What if they get ill?")
        await pilot.press("escape", "l")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        gist = str(app.screen.query_one("#library-gist-text").render())
        assert library[0]["gist"][0] in gist.replace("\n", " ") or library[0]["gist"][0][:30] in gist
        await pilot.press("enter")  # the first entry is highlighted
        await pilot.pause()
        record = stored(workshop_file)[0]
        assert record["category"] == library[0]["key"]
        assert record["response"] == gist_text(library[0])
        # Drawing again on another entry adds below what the group wrote; nothing is overwritten.
        await pilot.press("l", "down", "enter")
        await pilot.pause()
        record = stored(workshop_file)[0]
        assert record["category"] == library[1]["key"]
        assert record["response"] == gist_text(library[0]) + "\n\n" + gist_text(library[1])
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert stored(workshop_file)[0]["category"] == library[0]["key"]
        # N makes a new concern from a library entry.
        await pilot.press("l", "down", "down", "n")
        await pilot.pause()
    records = stored(workshop_file)
    assert len(records) == 2
    assert records[1]["text"] == library[2]["title"] and records[1]["category"] == library[2]["key"]
    assert records[1]["response"] == gist_text(library[2]) and records[1]["status"] == "open"


async def test_a_fear_raised_in_hopes_and_fears_appears_linked(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.current == "hopes_fears"
        await pilot.press("tab")
        await pilot.press(*"Nobody will refer to them")
        await pilot.press("enter", "escape", "c")
        await pilot.pause()
        await go(pilot)
        [prompt] = prompts(app)
        assert "◆ from a fear: “Nobody will refer to them”" in " ".join(prompt.split())
        # The fear goes; the concern stays and says where it came from.
        await pilot.press("alt+2")
        await pilot.pause()
        await pilot.press("escape", "d")
        await pilot.pause()
        await go(pilot)
        assert "from a fear (no longer listed)" in " ".join(prompts(app)[0].split())
    [concern] = stored(workshop_file)
    assert concern["from_fear"] and concern["text"] == "Nobody will refer to them"
    assert stored(workshop_file, "hopes_fears") == []


async def test_send_to_action_plan_once_and_jump_back(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await go(pilot)
        await add(pilot, "Not sure what to refer people for")
        await add(pilot, "Band may be too low")
        await pilot.press("escape", "up", "p")
        await pilot.pause()
        assert "▸ in the action plan" in prompts(app)[0]
        await pilot.press("p")
        await pilot.pause()
        assert len(stored(workshop_file, "actions")) == 1, "sent once only"
        await pilot.press("alt+7")
        await pilot.pause()
        plan = app.screen.views["action_plan"]
        listing = plan._list()
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any("from concern: Not sure what to refer people for" in " ".join(r.split()) for r in rows)
        action_id = stored(workshop_file, "actions")[0]["id"]
        listing.focus()
        listing.highlighted = listing.get_option_index(action_id)
        await pilot.press("g")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.current == "concerns"
        concern_id = stored(workshop_file)[0]["id"]
        assert view(app)._list().highlighted_option.id == concern_id
    [action] = stored(workshop_file, "actions")
    concern = stored(workshop_file)[0]
    assert action["source"] == f"concern:{concern['id']}" and action["stage"] == "preparation"


async def test_list_keys_do_nothing_while_typing(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        await pilot.press(*"dfslp")
        await pilot.pause()
        assert app.focused.value == "dfslp"
        assert stored(workshop_file) == []


async def test_overdue_concerns_are_marked_in_words(workshop_file, monkeypatch):
    from datetime import date

    monkeypatch.setattr(concerns_module, "today", lambda: date(2026, 12, 3))
    with Session.open(workshop_file) as session:
        session.insert_many("concerns", [
            {"text": "Late", "status": "open", "due": "2026-12-01"},
            {"text": "Late but resolved", "status": "resolved", "due": "2026-12-01"},
            {"text": "Not yet due", "status": "in_progress", "due": "2026-12-03"},
        ])
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        marked = ["OVERDUE" in p for p in prompts(app)]
        assert marked == [True, False, False]


async def test_five_hundred_concerns_stay_quick(workshop_file):
    with Session.open(workshop_file) as session:
        session.insert_many("concerns", [
            {"text": f"Concern number {n}: " + "words " * (n % 30), "status": ("open", "in_progress", "resolved")[n % 3],
             "response": "A response the team worked out together. " * (n % 4), "owner": "Team manager"}
            for n in range(500)
        ])
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await go(pilot)
        assert view(app)._list().option_count == 500
        view(app)._prompts.clear()  # as on first arrival: every row laid out afresh
        view(app).reload()
        laid_out = {rid: prompt for rid, (_, prompt) in view(app)._prompts.items()}
        assert len(laid_out) == 500
        view(app).reload()  # as after a change: unchanged rows are reused, not laid out again
        assert all(view(app)._prompts[rid][1] is prompt for rid, prompt in laid_out.items())
        await pilot.pause()
        await pilot.press("escape", "f")
        await pilot.pause()
        assert view(app)._list().option_count == 167


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


async def test_a_failed_save_keeps_the_words_on_screen(workshop_file, monkeypatch):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        real = os.replace
        monkeypatch.setattr(os, "replace", disk_full)
        await add(pilot, "Words that must not be lost")
        assert app.focused.value == "Words that must not be lost"
        monkeypatch.setattr(os, "replace", real)
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.value == ""
        # In the edit dialog: the dialog comes back with what was typed.
        await pilot.press("escape", "e")
        await pilot.pause()
        app.screen.query_one("#cn-owner", Input).value = "Deputy manager"
        monkeypatch.setattr(os, "replace", disk_full)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, EditConcernScreen)
        assert app.screen.query_one("#cn-owner", Input).value == "Deputy manager"
        monkeypatch.setattr(os, "replace", real)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EditConcernScreen)
    assert [(r["text"], r["owner"]) for r in stored(workshop_file)] == [("Words that must not be lost", "Deputy manager")]


async def test_projector_mode_spaces_the_rows_apart_and_back(workshop_file):
    app = make_app(workshop_file.parent, workshop_file, projector=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await go(pilot)
        for text in ("First", "Second", "Third"):
            await add(pilot, text)
        listing = view(app)._list()
        desk = listing.virtual_size.height
        await pilot.press("f4")
        await pilot.pause()
        await pilot.pause()
        assert listing.virtual_size.height == desk + 2, "a rule between each of the three rows"
        await pilot.press("f4")
        await pilot.pause()
        await pilot.pause()
        assert listing.virtual_size.height == desk
        await pilot.press("ctrl+w")  # closing the workshop, then switching mode, must not trip over the view
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
