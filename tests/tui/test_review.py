"""The follow-up review, driven through the real app with the Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label, TextArea

from tests.helpers.followup import FOLLOWUP_DATE, build_earlier
from tests.tui.helpers import make_app
from workshop import content, followup
from workshop.store import Session
from workshop.tui.activities.review import ReviewView
from workshop.tui.screens import followup_dialog as dialog_module
from workshop.tui.screens.followup_dialog import FollowupDialog


@pytest.fixture
def earlier(sessions: Path) -> tuple[Path, dict]:
    path = sessions / "riverside.json"
    return path, build_earlier(path)


@pytest.fixture
def followup_file(earlier) -> Path:
    path, _ = earlier
    return followup.create_followup(path, path.parent, on=FOLLOWUP_DATE)


def stored_reviews(path: Path) -> list[dict]:
    with Session.open(path, read_only=True) as session:
        return followup.reviews(session)


def stored(path: Path, table: str, rid: str) -> dict | None:
    with Session.open(path, read_only=True) as session:
        return session.get(table, rid)


def view(app) -> ReviewView:
    return app.screen.views["review"]


def progress(app) -> str:
    return str(app.screen.query_one("#rv-progress", Label).render())


def then_text(app) -> str:
    return str(app.screen.query_one("#rv-then-text").render())


async def opened(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


async def test_a_followup_opens_on_its_review_before_the_day_s_activities(followup_file):
    app = make_app(followup_file.parent, followup_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        assert app.screen.current == "review"
        assert app.screen.keys[0] == "review" and app.screen.keys[1:] == content.ACTIVITY_KEYS
        assert app.focused is view(app)
        assert progress(app) == "Item 1 of 10 · 0 reviewed · Concern"
        assert "Without supervision we set them up to fail." in then_text(app)
        assert "By when: 15 Jan 2027" in then_text(app)
        caption = str(app.screen.query_one("#activity-caption", Label).render())
        assert caption == "R Review since the last day · 45 min"
        assert "▶[R Review]" in str(app.screen.query_one("#agenda").render())
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.screen.current == "review", "nothing comes before the review"
        await pilot.press("ctrl+n")  # then the day's activities, the opening first
        await opened(pilot)
        assert app.screen.current == "opening"
        await pilot.press("alt+r")
        await opened(pilot)
        assert app.screen.current == "review"


async def test_walk_set_statuses_and_text_then_reopen(followup_file, earlier):
    _path, made = earlier
    app = make_app(followup_file.parent, followup_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("3")  # the first concern: resolved
        await pilot.pause()
        assert progress(app) == "Item 1 of 10 · 1 reviewed · Concern"
        await pilot.press("c")
        assert isinstance(app.focused, TextArea) and app.focused.id == "rv-changed"
        await pilot.press(*"Supervision started")
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is view(app)
        await pilot.press("w", *"Six month check", "escape")
        await pilot.press("n")
        await pilot.pause()
        assert progress(app).startswith("Item 2 of 10")
        assert view(app)._box("changed").text == "", "each item has its own words"
        for _ in range(5):  # past the second concern, the two plans and two actions
            await pilot.press("n")
        await pilot.pause()
        assert progress(app) == "Item 7 of 10 · 1 reviewed · Action"
        assert "Task: Records access" in then_text(app)
        await pilot.press("3", "d")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "rv-done-on"
        await pilot.press(*"2027-01-25", "enter")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert progress(app).startswith("Item 6 of 10")
        await pilot.press("4")  # dropped
        await pilot.pause()
    reviews = {r["origin_id"]: r for r in stored_reviews(followup_file)}
    first = reviews[made["c_open"]["id"]]
    assert (first["status"], first["changed"], first["next"]) == ("resolved", "Supervision started", "Six month check")
    assert stored(followup_file, "concerns", first["item_id"])["status"] == "resolved"
    done = reviews[made["a_dual"]["id"]]
    assert (done["status"], done["done_on"]) == ("done", "2027-01-25")
    assert reviews[made["a_resolved"]["id"]]["status"] == "dropped"

    app = make_app(followup_file.parent, followup_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        assert progress(app) == "Item 1 of 10 · 3 reviewed · Concern"
        assert view(app)._box("changed").text == "Supervision started"
        choices = str(app.screen.query_one("#rv-choices", Label).render())
        assert "▶[3 [✓] Resolved]" in choices


async def test_undo_puts_status_and_concern_back(followup_file, earlier):
    _path, made = earlier
    app = make_app(followup_file.parent, followup_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert progress(app) == "Item 1 of 10 · 0 reviewed · Concern"
        await pilot.press("c", *"Typed", "escape")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert view(app)._box("changed").text == "", "undo shows the words as they were"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert view(app)._box("changed").text == "Typed"
    first = stored_reviews(followup_file)[0]
    assert (first["status"], first["changed"]) == ("not_reviewed", "Typed")
    assert stored(followup_file, "concerns", first["item_id"])["status"] == "open"


async def test_words_typed_just_before_quitting_are_saved(followup_file):
    app = make_app(followup_file.parent, followup_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("w", *"Ask the peer lead")
    assert stored_reviews(followup_file)[0]["next"] == "Ask the peer lead"


async def test_keys_that_do_not_fit_the_item_are_refused(followup_file):
    app = make_app(followup_file.parent, followup_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("4", "d")  # a concern has three statuses and no done date
        await pilot.pause()
        assert stored_reviews(followup_file)[0]["status"] == "not_reviewed"
        assert app.focused is view(app)
        await pilot.press("p")
        await pilot.pause()
        assert progress(app).startswith("Item 1 of 10")
        for _ in range(7):
            await pilot.press("n")
        await pilot.press("d")  # an action not yet done: no date box
        await pilot.pause()
        assert app.focused is view(app)
        await pilot.press("3", "d", *"someday", "enter")
        await pilot.pause()
        assert isinstance(app.focused, Input), "a bad date stays in the box"
        assert app.focused.value == "someday"
    assert stored_reviews(followup_file)[7]["done_on"] is None


async def test_u_jumps_to_the_next_item_not_yet_reviewed(followup_file):
    app = make_app(followup_file.parent, followup_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("1", "n", "2", "p", "u")
        await pilot.pause()
        assert progress(app).startswith("Item 3 of 10")


async def test_an_ordinary_workshop_has_no_review(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        assert app.screen.keys == content.ACTIVITY_KEYS and app.screen.current == "hopes_fears"
        await pilot.press("alt+r")
        await pilot.pause()
        assert app.screen.current == "hopes_fears"
        assert "R " not in str(app.screen.query_one("#agenda").render())


async def test_a_followup_with_nothing_carried_says_so(sessions: Path):
    quiet = sessions / "quiet.json"
    Session.create(quiet, title="Quiet day", date="2026-12-03").close()
    path = followup.create_followup(quiet, sessions, on=FOLLOWUP_DATE)
    app = make_app(sessions, path)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        assert "Nothing was carried from the earlier day" in then_text(app)
        await pilot.press("1", "n", "c")
        await pilot.pause()
        assert app.focused is view(app)


# --- the dialog --------------------------------------------------------------------------------


async def test_the_dialog_makes_the_followup(earlier, sessions: Path, monkeypatch):
    path, _ = earlier
    monkeypatch.setattr(dialog_module, "today", lambda: dialog_module.date(2027, 2, 1))
    results = []
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(FollowupDialog(path, sessions), results.append)
        await pilot.pause()
        dialog = app.screen
        assert "Of: Riverside CMHT team day (3 Dec 2026)" in str(dialog.query_one("#followup-of").render())
        carried = str(dialog.query_one("#followup-carried").render())
        assert "2 open or in-progress concerns, 2 dual-role plans and 6 actions" in carried
        assert app.focused.value == "2027-02-01"
        app.focused.value = "2026-01-01"
        await pilot.press("enter")
        await pilot.pause()
        assert "before the workshop it follows" in str(dialog.query_one("#followup-error").render())
        app.focused.value = "2027-03-03"
        await pilot.press("enter")
        await pilot.pause()
    [made] = results
    assert made == sessions / "riverside-cmht-team-day-follow-up-on-3-mar-2027.json"
    with Session.open(made, read_only=True) as session:
        assert session.workshop()["date"] == "2027-03-03"


async def test_the_dialog_on_a_bad_file_and_cancel(sessions: Path):
    bad = sessions / "bad.json"
    bad.write_text("{")
    results = []
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(FollowupDialog(bad, sessions), results.append)
        await pilot.pause()
        assert "not readable JSON" in str(app.screen.query_one("#followup-error").render())
        await pilot.press("escape")
        await pilot.pause()
    assert results == [None]
    assert sorted(p.name for p in sessions.iterdir()) == ["bad.json"]


async def test_review_notes_and_guide(followup_file):
    app = make_app(followup_file.parent, followup_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        guide = app.screen.query_one("#guide-text")
        assert "Review since the last day" in guide.source
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.focused, TextArea) and app.focused.id == "notes-text"
        await pilot.press(*"Meet again in June.")
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is view(app)
    with Session.open(followup_file, read_only=True) as session:
        notes = [n for n in session.records("notes") if n["activity"] == "review"]
    assert [n["text"] for n in notes] == ["Meet again in June."]


async def test_typed_text_that_looks_like_markup_shows_as_typed(sessions: Path):
    earlier = sessions / "odd.json"
    with Session.create(earlier, title="Team [/x] day", date="2026-12-03") as session:
        session.insert("concerns", text="[b]oundaries[/b] and [red]rules[/]", owner="[/]", status="open")
    path = followup.create_followup(earlier, sessions, on=FOLLOWUP_DATE)
    app = make_app(sessions, path)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        assert "[b]oundaries[/b] and [red]rules[/]" in then_text(app)
        assert "Owner: [/]" in then_text(app)
        await pilot.press("c", *"[/i] still", "escape", "n")
        await pilot.pause()
    assert stored_reviews(path)[0]["changed"] == "[/i] still"
