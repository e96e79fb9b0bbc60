"""The home screen, the new-workshop form, details, and opening damaged files."""

from __future__ import annotations

import os

from textual.widgets import Checkbox, DataTable, Input

from tests.tui.helpers import FIXED_MTIME, make_app
from workshop.store import Session, backup_path


async def test_home_lists_workshops_and_opens_one(workshop_file):
    app = make_app(workshop_file.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen"]  # no empty screen under it
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert "Riverside CMHT team day" in str(table.get_row_at(0)[0])
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "WorkshopScreen"
        await pilot.press("ctrl+w")
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen"]
    assert not workshop_file.with_name(workshop_file.name + ".lock").exists()


async def test_a_workshop_opened_at_start_up_closes_to_the_home_screen(workshop_file):
    # A workshop named at start-up is the first screen, with no home screen (or empty screen)
    # made under it to delay the first frame; the home screen appears, filled, when that
    # workshop closes, and after a damaged file's message is dismissed.
    other = workshop_file.with_name("damaged.json")
    other.write_bytes(b'{"workshop": ')
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack] == ["WorkshopScreen"]
        await pilot.press("ctrl+w")
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen"]
        assert app.screen.query_one(DataTable).row_count == 2
    app = make_app(workshop_file.parent, other)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack] == ["Screen", "ProblemScreen"]
        await pilot.press("escape")
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack] == ["Screen", "HomeScreen"]
        assert app.screen.query_one(DataTable).row_count == 2


async def test_empty_folder_says_what_to_do(sessions):
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Press N" in str(app.screen.query_one("#home-empty").render())


async def test_new_workshop_form_validates_and_creates(sessions):
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")  # no title yet
        await pilot.pause()
        assert "title" in str(app.screen.query_one("#new-error").render())
        await pilot.press(*"Northside day")
        app.screen.query_one("#new-date", Input).value = "3rd December"
        app.screen.query_one("#new-facilitators", Input).value = "Sam Patel, Jo Reid"
        await pilot.press("enter")
        await pilot.pause()
        assert "YYYY-MM-DD" in str(app.screen.query_one("#new-error").render())
        app.screen.query_one("#new-date", Input).value = "2026-12-03"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "WorkshopScreen"
    path = sessions / "northside-day.json"
    with Session.open(path, read_only=True) as session:
        workshop = session.workshop()
    assert workshop["date"] == "2026-12-03"
    assert workshop["facilitators"] == ["Sam Patel", "Jo Reid"]
    assert oct(path.stat().st_mode & 0o777) == "0o600"


async def test_delete_asks_first(workshop_file):
    app = make_app(workshop_file.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")  # no: nothing happens
        await pilot.pause()
        assert workshop_file.exists()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")  # a letter is not an answer to a question that deletes
        await pilot.pause()
        assert workshop_file.exists()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert not workshop_file.exists()
        assert app.screen.query_one(DataTable).row_count == 0


async def test_damaged_file_is_explained_and_the_backup_offered(workshop_file):
    with Session.open(workshop_file) as session:  # opening writes the .bak
        session.insert("hopes_fears", kind="hope", text="kept in the backup")
    with Session.open(workshop_file):
        pass
    damaged = b'{"workshop": {"1": {"id": "x", "title": "cut sho'
    workshop_file.write_bytes(damaged)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "ProblemScreen"
        message = str(app.screen.query_one("#problem-message").render())
        assert "riverside.json" in message and "not been changed" in message
        assert workshop_file.read_bytes() == damaged
        await pilot.press("b")
        await pilot.pause()
        assert type(app.screen).__name__ == "WorkshopScreen"
        assert [r["text"] for r in app.screen.session.records("hopes_fears")] == ["kept in the backup"]
    kept = [p for p in workshop_file.parent.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert backup_path(workshop_file).exists()


async def test_details_edit_fields_and_attendees_with_consent(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one("#d-venue", Input).value = "Riverside Centre, room 2"
        app.screen.query_one("#d-venue", Input).focus()
        await pilot.press("enter")
        date = app.screen.query_one("#d-date", Input)
        date.value = "next Tuesday"
        date.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "YYYY-MM-DD" in str(app.screen.query_one("#d-date-error").render())
        date.value = "2026-12-10"
        date.focus()
        await pilot.press("enter")
        app.screen.query_one("#d-role_title", Input).value = "Peer Recovery Worker"
        app.screen.query_one("#t-concerns", Input).value = "50"
        app.screen.query_one("#participants", DataTable).focus()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Social worker")
        app.screen.query_one("#p-name", Input).value = "Alex"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Psychiatrist")
        app.screen.query_one("#p-consent", Checkbox).value = True
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#participants", DataTable).move_cursor(row=0)
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "WorkshopScreen"
    with Session.open(workshop_file, read_only=True) as session:
        workshop = session.workshop()
        people = session.records("participants")
    assert workshop["venue"] == "Riverside Centre, room 2"
    assert workshop["date"] == "2026-12-10"
    assert workshop["role_title"] == "Peer Recovery Worker"
    assert workshop["timeboxes"]["concerns"] == 50
    assert [(p["role"], p["name"], p["name_in_record"]) for p in people] == [
        ("Social worker", "Alex", True),
        ("Psychiatrist", "", True),
    ]


async def test_most_recently_changed_workshop_is_listed_first(sessions):
    for n, title in enumerate(("Older day", "Newer day")):
        session = Session.create(sessions / f"{n}.json", title=title)
        session.close()
        os.utime(session.path, (FIXED_MTIME + n * 60, FIXED_MTIME + n * 60))
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert [str(table.get_row_at(i)[0]).split("\n")[0] for i in range(2)] == ["Newer day", "Older day"]


async def test_a_file_whose_records_fail_the_check_is_marked_once_the_list_is_drawn(workshop_file):
    # The list is drawn from what each file says, and every record is checked a frame later:
    # a file of the right shape with one bad record is marked before anyone can open it.
    import orjson

    from tests.helpers.sessions import build_workshop

    spoilt = build_workshop(workshop_file.with_name("spoilt.json"), items=4, title="Spoilt day")
    data = orjson.loads(spoilt.read_bytes())
    first = next(iter(data["hopes_fears"]))
    data["hopes_fears"][first]["votes"] = "many"
    spoilt.write_bytes(orjson.dumps(data))
    app = make_app(workshop_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert all(summary.checked for summary in screen.summaries)
        by_name = {summary.path.name: summary for summary in screen.summaries}
        assert "votes" in by_name["spoilt.json"].problem and by_name[workshop_file.name].problem is None
        titles = [str(app.screen.query_one(DataTable).get_row_at(n)[0]) for n in range(2)]
        assert sum("⚠ cannot open: spoilt" in title for title in titles) == 1
        await pilot.press("r")  # listed again: both files are known checked, nothing is put off
        await pilot.pause()
        assert all(summary.checked for summary in screen.summaries)


async def test_a_workshop_named_at_start_up_opens_from_the_check_the_command_line_made(workshop_file):
    from workshop.store import parse_session_bytes
    from workshop.tui.app import TeamDayApp

    raw = workshop_file.read_bytes()
    data = parse_session_bytes(workshop_file, raw)
    next(iter(data["workshop"].values()))["title"] = "As checked"
    app = TeamDayApp(sessions_dir=workshop_file.parent, open_path=workshop_file,
                     exports_dir=workshop_file.parent.parent / "exports", checked=(raw, data))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.session.workshop()["title"] == "As checked"
        assert app._checked_at_start is None  # handed over once, not kept


async def test_the_records_are_checked_off_the_screens_thread_and_a_late_answer_is_ignored(workshop_file,
                                                                                          monkeypatch):
    # A folder of large workshops takes a while to check record by record: the check runs in
    # a worker, so keys are answered meanwhile, and an answer for an earlier listing (the
    # list was drawn again since) changes nothing.
    import threading

    from workshop.store import SessionSummary
    from workshop.tui.screens import home

    threads = []
    real = home.list_sessions

    def recording(folder, *, checked=True):
        if checked:
            threads.append(threading.current_thread())
        return real(folder, checked=checked)

    monkeypatch.setattr(home, "list_sessions", recording)
    app = make_app(workshop_file.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert threads and all(t is not threading.main_thread() for t in threads)
        screen = app.screen
        # A check of this listing is under way (round n); the answer for round n - 1 arrives.
        screen._check_round += 1
        screen._checking = True
        stale = home.HomeScreen.Checked(screen._check_round - 1,
                                        [SessionSummary(path=workshop_file, title="x", problem="made up")])
        screen.on_home_screen_checked(stale)
        assert not screen.is_ready(), "still waiting for this listing's own check"
        assert screen.summaries[0].problem is None
        assert "cannot open" not in str(screen.query_one(DataTable).get_row_at(0)[0])
        screen.on_home_screen_checked(home.HomeScreen.Checked(screen._check_round, []))
        assert screen.is_ready()
