"""Keys go where the eye is: every rule of issue "typing you can trust", with the real app."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, TextArea

from tests.tui.helpers import make_app
from tests.tui.settling import until
from tests.tui.test_job_description import add_draft, open_review
from workshop.store import Session
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.screens.item_edit import EditItemScreen
from workshop.tui.widgets.entry import EntryBox


def stored(path: Path, table: str = "hopes_fears") -> list[dict]:
    with Session.open(path, read_only=True) as session:
        return session.records(table)


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def add(pilot, text: str) -> None:
    await pilot.press(*text, "enter")
    await pilot.pause()


async def test_a_key_pressed_while_the_workshop_opens_types_instead_of_deleting(workshop_file):
    with Session.open(workshop_file) as session:
        session.insert("hopes_fears", kind="hope", text="Keep me")
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        # No pause: the first key arrives while the screen is still being built.
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.focused, EntryBox)
        assert app.focused.value == "d"
    assert [r["text"] for r in stored(workshop_file)] == ["Keep me"]


async def test_esc_pressed_while_the_workshop_opens_is_not_undone_when_the_view_is_ready(workshop_file):
    # The view focuses its entry box once it is built; a key that already moved focus inside
    # the view (Esc to the list) is not taken back, so the next letter acts on the list.
    with Session.open(workshop_file) as session:
        session.insert("hopes_fears", kind="hope", text="Keep me")
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        # No pause: the keys arrive as the workshop opens.
        await pilot.press("escape", "x")
        await pilot.pause()
        assert isinstance(app.focused, OptionList), "Esc went to the list and stayed there"
        assert app.screen.query_one(EntryBox).value == "", "the letter was not typed into the box"


async def test_lists_stop_at_their_ends(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        for text in ("first", "second", "third"):
            await add(pilot, text)
        await pilot.press("escape")
        await pilot.pause()
        listing = app.focused
        assert isinstance(listing, OptionList)
        listing.highlighted = len(listing.options) - 1
        await pilot.press("down", "down")
        assert listing.highlighted == len(listing.options) - 1, "Down at the end stays on the last item"
        listing.highlighted = 0
        await pilot.press("up")
        assert listing.highlighted == 0, "Up at the top stays on the first item"


async def test_delete_move_and_undo_messages_name_the_item(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await add(pilot, "Clearer supervision for everyone")
        await pilot.press("escape", "m")
        await pilot.pause()
        assert any("“Clearer supervision for everyone”" in m and "Moved" in m for m in messages(app))
        await pilot.press("tab", "d")  # the fears column now holds it
        await pilot.pause()
        assert any(m.startswith("Deleted the fear “Clearer supervision") for m in messages(app))
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any(m.startswith("Undone: delete the fear “Clearer supervision") for m in messages(app))


async def test_ctrl_z_in_the_notes_undoes_the_typing_not_the_last_item(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await add(pilot, "A hope to keep")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"notes")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.focused.text != "notes"
        assert [r["text"] for r in stored(workshop_file)] == ["A hope to keep"]


async def test_an_edit_dialog_puts_the_cursor_at_the_end_instead_of_selecting_all(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await add(pilot, "Time to plan")
        await pilot.press("escape", "e")
        await pilot.pause()
        assert isinstance(app.screen, EditItemScreen)
        await pilot.press(*" together", "enter")
        await pilot.pause()
    assert [r["text"] for r in stored(workshop_file)] == ["Time to plan together"]


async def test_a_question_about_throwing_work_away_ignores_typed_letters(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        answers: list = []
        app.push_screen(ConfirmScreen("Discard your changes?", deliberate="discard"), answers.append)
        await pilot.pause()
        await pilot.press(*"yes yes ny")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and answers == []
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert answers == [True]


async def test_words_typed_but_not_entered_wait_in_the_box_after_quitting(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await add(pilot, "Entered")
        await pilot.press(*"half a thought")
        await pilot.press("ctrl+q")
    assert [r["text"] for r in stored(workshop_file)] == ["Entered"]
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, EntryBox) and app.focused.value == "half a thought"
        await pilot.press("enter")
        await pilot.pause()
    assert [r["text"] for r in stored(workshop_file)] == ["Entered", "half a thought"]


async def test_f5_then_a_digit_goes_to_an_activity_and_alt_digits_never_type(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f5", "6")
        await pilot.pause()
        assert app.screen.current == "concerns"
        await pilot.press("alt+2")
        await pilot.pause()
        assert app.screen.current == "hopes_fears"
        assert isinstance(app.focused, EntryBox) and app.focused.value == ""


async def test_esc_from_a_list_never_steps_into_a_note_box_that_holds_words(workshop_file):
    add_draft(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot, "s")
        assert app.focused.id == "jd-signs"
        await pilot.press("e", *"Band 3 is too low", "enter")
        await pilot.pause()
        assert app.focused.id == "jd-signs"
        await pilot.press("escape", "x")
        await pilot.pause()
        assert app.focused.id == "jd-signs"
    signs = stored(workshop_file, "jd_compromise")
    assert [s["note"] for s in signs if s.get("note")] == ["Band 3 is too low"]


def test_an_item_without_votes_starts_with_a_mark_so_it_cannot_pass_for_a_wrapped_line():
    from workshop.tui.activities.hopes_fears import item_prompt

    for votes, mark in ((0, "○"), (3, "●3")):
        prompt = item_prompt({"text": "Our own wellbeing", "votes": votes}, raised=False)
        assert prompt.marker.plain.startswith(mark)
