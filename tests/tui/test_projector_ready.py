"""What a room reads off a projected laptop at 80x24: lists start at an item's first line,
wrapped lines hang under the text, one short notification at a time, nothing internal."""

from __future__ import annotations

import pytest

from tests.tui.helpers import make_app
from workshop.store import Session

LONG = ("Peer workers will bring hope and a way of talking about recovery that the team has "
        "been missing for a long time, number {n}")


def seed_hopes(path, count: int, votes: int = 0) -> None:
    with Session.open(path) as session:
        session.insert_many("hopes_fears", [
            {"kind": "hope", "text": LONG.format(n=n), "theme": None, "votes": votes, "author_role": None}
            for n in range(count)])


def drawn_lines(listing) -> list[str]:
    width = listing.scrollable_content_region.width
    return [listing.render_line(y).text[:width] for y in range(listing.scrollable_content_region.height)]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
async def test_lists_open_at_an_items_first_line(workshop_file, size, projector):
    seed_hopes(workshop_file, 12)
    app = make_app(workshop_file.parent, workshop_file, projector=projector)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        listing = app.screen.views["hopes_fears"]._list("hope")
        lines = [line.strip() for line in drawn_lines(listing)]
        words = [line for line in lines if line]
        assert words, "the list shows items"
        first = words[0].removeprefix("○").strip()  # the mark of an item without votes
        assert first.startswith("Peer workers will bring hope"), f"the top line is an item's first: {words[0]!r}"
        assert "number 11" in " ".join(words), "the highlighted last item is in view"


async def test_wrapped_lines_start_under_the_text_not_under_the_vote_dot(workshop_file):
    seed_hopes(workshop_file, 1, votes=3)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        listing = app.screen.views["hopes_fears"]._list("hope")
        lines = [line for line in drawn_lines(listing) if line.strip()]
        assert len(lines) >= 2, "a long hope wraps at 80 columns"
        first, second = lines[0], lines[1]
        text_column = first.index("Peer")
        assert first[:text_column].strip() == "●3"
        assert len(second) - len(second.lstrip()) == text_column, "the second line hangs under the text"


async def test_the_action_plan_names_a_criterion_by_its_title_not_its_key(workshop_file):
    with Session.open(workshop_file) as session:
        draft = session.insert("job_descriptions", title="Peer Support Worker", text="# Peer Support Worker",
                               imported_from=None)
        check = session.insert("jd_checks", jd_id=draft["id"], criterion="hear_me:authenticity",
                               status="partly", note="Say more about sharing with a purpose")
        session.insert("actions", stage="preparation", task="Job description: Authenticity",
                       what="Say more about sharing with a purpose", who="", by_when=None, outcome="",
                       source=f"jd_check:{check['id']}")
    app = make_app(workshop_file.parent, workshop_file, projector=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.show_activity("action_plan")
        await pilot.pause()
        listing = app.screen.views["action_plan"]._list()
        shown = " ".join(str(option.prompt) for option in listing.options)
        shown = " ".join(shown.split())
        assert "from job description criterion: HEAR ME peer values: Authenticity" in shown
        assert "hear_me" not in shown and check["id"] not in shown


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_one_short_notification_at_a_time_and_over_no_list(workshop_file, size):
    with Session.open(workshop_file) as session:
        session.insert_many("actions", [
            {"stage": "preparation", "task": f"Task {n}", "what": "Something to do " * 3, "who": "Team manager",
             "by_when": None, "outcome": "", "source": None} for n in range(12)])
    app = make_app(workshop_file.parent, workshop_file, projector=True)
    async with app.run_test(size=size, notifications=True) as pilot:
        app.screen.show_activity("action_plan")
        await pilot.pause()
        await pilot.press("ctrl+z", "ctrl+y", "ctrl+z")  # three messages, one after another
        await pilot.pause()
        toasts = list(app.screen.query("Toast"))
        assert len(toasts) == 1, "each message replaces the last"
        assert "Nothing to undo" in str(toasts[0].render())
        assert len(app._notifications) == 1
        listing = app.screen.views["action_plan"]._list()
        assert not toasts[0].region.overlaps(listing.region), "the message covers none of the list"
        assert toasts[0].region.height <= 2
        # Black on yellow in projector mode: readable from the back of the room.
        assert toasts[0].styles.color.hex.upper() == "#000000"
        assert toasts[0].styles.background.brightness > 0.7


async def test_a_notification_asking_for_long_is_cut_short_but_errors_stay(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.notify("Time is up.", timeout=15)
        await pilot.pause()
        assert [n.timeout for n in app._notifications] == [5.0]
        app.notify("Not saved: disk full", severity="error", timeout=10)
        await pilot.pause()
        assert [n.timeout for n in app._notifications] == [10]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_two_follow_ups_of_one_day_read_apart_on_the_home_screen(sessions, size):
    from tests.helpers.followup import build_earlier
    from workshop import followup

    earlier = sessions / "riverside.json"
    build_earlier(earlier)
    first = followup.create_followup(earlier, sessions, on="2027-02-01")
    second = followup.create_followup(earlier, sessions, on="2027-05-04")
    app = make_app(sessions, projector=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        home = app.screen
        table = home.query_one("#workshops")
        rows = {s.path: " ".join(str(v) for v in table.get_row(str(s.path))) for s in home.summaries}
        assert rows[first] != rows[second]
        assert "follow-up on 1 Feb 2027" in rows[first] and "follow-up on 4 May 2027" in rows[second]
        for path in (first, second):
            assert path.name in rows[path], "the file name is shown whole"
        # Every column fits the screen: nothing is cut at the right edge.
        assert table.virtual_size.width <= table.scrollable_content_region.width


@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
async def test_below_the_smallest_size_one_clear_message_then_the_day_again(workshop_file, projector):
    from workshop.tui.screens.too_small import MESSAGE, TooSmallScreen

    app = make_app(workshop_file.parent, workshop_file, projector=projector)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert str(app.screen.query_one("#too-small-message").render()) == MESSAGE
        assert "at least 60 columns and 16 rows" in MESSAGE
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert type(app.screen).__name__ == "WorkshopScreen"
        await pilot.press(*"still here", "enter")
        await pilot.pause()
        await pilot.resize_terminal(59, 24)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(60, 16)
        await pilot.pause()
        assert type(app.screen).__name__ == "WorkshopScreen"
    with Session.open(workshop_file, read_only=True) as session:
        assert [r["text"] for r in session.records("hopes_fears")] == ["still here"]
