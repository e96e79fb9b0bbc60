"""The workshop screen around the activities: agenda, timer, guide, notes, projector, help."""

from __future__ import annotations

from textual.widgets import Digits, Markdown, TextArea

from tests.tui.helpers import make_app
from workshop.settings import FILE_NAME, Settings
from workshop.store import Session


async def wait_for(pilot, predicate, timeout: float = 5.0) -> bool:
    """Timers tick on the wall clock; a loaded machine may need more than one tick's wait."""
    for _ in range(int(timeout / 0.1)):
        if predicate():
            return True
        await pilot.pause(0.1)
    return predicate()


def notes_of(path, activity):
    with Session.open(path, read_only=True) as session:
        return [n["text"] for n in session.records("notes") if n["activity"] == activity]


async def test_agenda_next_previous_and_jump(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.current == "hopes_fears"
        await pilot.press("ctrl+b")  # back to the opening, the first activity
        await pilot.pause()
        assert app.screen.current == "opening"
        await pilot.press("ctrl+b")  # already first: stays
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await pilot.pause()
        assert app.screen.current == "job_description"
        await pilot.press("alt+7")
        await pilot.pause()
        assert app.screen.current == "action_plan"
        await pilot.press("ctrl+n")  # already last: stays
        await pilot.pause()
        assert app.screen.current == "action_plan"
        agenda = str(app.screen.query_one("#agenda").render())
        # At 80 columns the others shrink to their numbers; the current one keeps its name.
        assert "▶[7 Actions]" in agenda and " 1 " in agenda
    with Session.open(workshop_file, read_only=True) as session:
        assert session.workshop()["current_activity"] == "action_plan"


async def test_timer_counts_down_without_blocking_typing(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        timer = app.screen.query_one("#timer")
        digits = app.screen.query_one(Digits)
        assert digits.value == "30:00"
        await pilot.press("ctrl+t")
        app.clock.advance(61)
        assert await wait_for(pilot, lambda: digits.value == "28:59")
        await pilot.press(*"typing goes on", "enter")  # the timer never takes the keys
        await pilot.pause()
        assert app.screen.views["hopes_fears"]._items["hope"][0]["text"] == "typing goes on"
        await pilot.press("f8")
        await pilot.pause()
        assert digits.value == "29:59"
        await pilot.press("ctrl+t")  # pause
        app.clock.advance(300)
        await pilot.pause(0.6)
        assert digits.value == "29:59"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert digits.value == "30:00"
        await pilot.press("ctrl+t")
        app.clock.advance(30 * 60 + 1)
        assert await wait_for(pilot, lambda: digits.value == "00:00")
        assert timer.has_class("-done")
        assert "TIME UP" in str(app.screen.query_one("#timer-state").render())


async def test_each_activity_has_its_own_timer(workshop_file):
    with Session.open(workshop_file) as session:
        session.update_workshop(timeboxes={**session.workshop()["timeboxes"], "expertise": 20})
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")
        app.clock.advance(60)
        assert await wait_for(pilot, lambda: app.screen.query_one(Digits).value == "29:00")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.query_one(Digits).value == "20:00"
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.screen.query_one(Digits).value.startswith("29:")


async def test_guide_toggles_and_shows_the_activity_guide(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(120, 40)) as pilot:
        guide = app.screen.query_one("#guide")
        assert not guide.display
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert guide.display
        text = app.screen.query_one("#guide-text", Markdown).source
        assert "Purpose" in text
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.query_one("#guide-text", Markdown).source != text
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not guide.display


async def test_guide_can_be_overridden_from_the_sessions_folder(workshop_file):
    guides = workshop_file.parent / "guides"
    guides.mkdir()
    (guides / "hopes_fears.md").write_text("# Our own opening\n\nLocal words.")
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "Our own opening" in app.screen.query_one("#guide-text", Markdown).source


async def test_notes_open_without_leaving_the_activity_and_are_saved(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        area = app.screen.query_one("#notes-text", TextArea)
        assert app.focused is area
        await pilot.press(*"Visitors from ", "enter")
        await pilot.press(*"**Northside** shared their story")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.current == "hopes_fears"
        assert app.focused.id == "hf-input"
    assert notes_of(workshop_file, "hopes_fears") == ["Visitors from \n**Northside** shared their story"]


async def test_quitting_with_notes_open_saves_them(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n", "ctrl+o")
        await pilot.press(*"said just before quitting")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert notes_of(workshop_file, "expertise") == ["said just before quitting"]
    assert not workshop_file.with_name(workshop_file.name + ".lock").exists()


async def test_projector_mode_is_one_key_and_remembered(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+g")
        await pilot.press("f4")
        await pilot.pause()
        assert app.has_class("-projector")
        assert app.theme == "team-day-projector"
        assert not app.screen.query_one("#guide").display, "the guide is hidden in projector mode"
    assert Settings.load(workshop_file.parent).projector is True
    assert (workshop_file.parent / FILE_NAME).exists()
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.has_class("-projector")
        await pilot.press("f4")
        await pilot.pause()
        assert not app.has_class("-projector")


async def test_help_lists_every_key_of_the_screen(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        workshop_screen = app.screen
        await pilot.press("f1")
        await pilot.pause()
        shown = " ".join(does for _title, rows in app.screen.sections() for _key, does in rows)
        for binding in workshop_screen.BINDINGS:
            if binding.description:
                assert binding.description in shown
        assert "Raise as concern" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is workshop_screen


async def test_every_action_is_in_the_command_palette(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for expected in ("Next", "Back", "Undo", "Notes", "Guide", "Timer", "Details", "Projector",
                         "Switch column", "Go to 4: Job description review", "Quit"):
            assert any(expected in title for title in titles), expected
        await pilot.press("escape")  # list mode: the list keys join the palette
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Edit", "Delete", "Move", "Theme", "Vote +", "Group by theme"} <= titles


async def test_palette_runs_an_action(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Go to 5")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.screen.current == "dual_roles"


async def test_second_window_opens_read_only_with_a_banner(workshop_file):
    holder = Session.open(workshop_file)
    try:
        app = make_app(workshop_file.parent, workshop_file)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            banner = str(app.screen.query_one("#read-only-banner").render())
            assert "READ-ONLY" in banner
            await pilot.press(*"not saved", "enter")
            await pilot.pause()
    finally:
        holder.close()
    with Session.open(workshop_file, read_only=True) as session:
        assert session.records("hopes_fears") == []


async def test_works_at_80x24_and_shrinks_and_grows(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"still here", "enter")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.screen.views["hopes_fears"]._items["hope"][0]["text"] == "still here"


async def test_the_lock_is_released_however_the_app_ends(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert workshop_file.with_name(workshop_file.name + ".lock").exists()
    assert not workshop_file.with_name(workshop_file.name + ".lock").exists()
    with Session.open(workshop_file) as session:
        assert not session.read_only
