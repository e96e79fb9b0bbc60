"""Merging copies from the home screen (C), and the merge log's keys, with the real app."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList

from tests.helpers.copies import edit, find, two_copies, use_clock
from tests.helpers.sessions import fingerprint, raw
from tests.tui.helpers import make_app, steady
from workshop.history import History
from workshop import merge
from workshop.store import Session, lock_path
from workshop.tui.screens.merge_log import MergeLogScreen

CONCERN = "Without supervision we set them up to fail."


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return use_clock(monkeypatch)


def edited_apart(root: Path) -> tuple[Path, Path, str]:
    """Two laptops' copies in `root`: both changed the concern's response, b later, with
    brackets a markup reader would eat; b also deleted a hope that a had voted on."""
    def build(session: Session) -> None:
        session.insert("concerns", text=CONCERN)
        session.insert("hopes_fears", kind="hope", text="Peer workers are valued")
    a, b = two_copies(root, build)
    rid = edit(a, lambda s: find(s, "concerns")["id"])
    hope = edit(a, lambda s: find(s, "hopes_fears")["id"])
    edit(b, lambda s: s.delete("hopes_fears", hope))
    edit(a, lambda s: s.update("hopes_fears", hope, votes=3))
    edit(a, lambda s: s.update("concerns", rid, response="Weekly peer supervision"))
    edit(b, lambda s: s.update("concerns", rid, response="Monthly [b]group[/b] supervision"))
    return a, b, rid


def in_folder(sessions: Path, a: Path, b: Path) -> tuple[Path, Path]:
    here, there = sessions / "riverside.json", sessions / "riverside-laptop-b.json"
    shutil.copyfile(a, here)
    shutil.copyfile(b, there)
    return here, there


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def select_row(app, path: Path) -> None:
    home = app.screen
    row = next(n for n, s in enumerate(home.summaries) if s.path == path)
    home.query_one(DataTable).move_cursor(row=row)


def detail(app) -> str:
    return str(app.screen.query_one("#merge-log-detail-text").render())


async def test_c_merges_with_a_copy_in_the_folder_then_shows_the_log(sessions: Path, tmp_path: Path):
    a, b, rid = edited_apart(tmp_path)
    here, there = in_folder(sessions, a, b)
    before = fingerprint(here), fingerprint(there)
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        select_row(app, here)
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "MergePickScreen"
        listing = app.screen.query_one("#merge-copies", OptionList)
        assert listing.option_count == 1 and "riverside-laptop-b.json" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MergeLogScreen)
        merged = sessions / "riverside-cmht-team-day-merged.json"
        assert lock_path(merged).exists(), "the log holds the merged workshop open"
        assert "Hope or fear: “Peer workers are valued”" in detail(app)
        await pilot.press("down")
        await pilot.pause()
        text = detail(app)
        assert "Monthly [b]group[/b] supervision" in text and "Weekly peer supervision" in text
        assert "riverside-laptop-b.json" in text
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.screen.selected().path == merged
        assert len(app.screen.summaries) == 3
    assert (fingerprint(here), fingerprint(there)) == before
    assert not lock_path(merged).exists()
    with Session.open(merged, read_only=True) as session:
        assert session.get("concerns", rid)["response"] == "Monthly [b]group[/b] supervision"
        assert [r["votes"] for r in session.records("hopes_fears")] == [3], "edited after the deletion: kept"


async def test_with_no_other_copy_it_says_so_and_takes_a_path(sessions: Path, tmp_path: Path):
    a, b, _ = edited_apart(tmp_path)
    here = sessions / "riverside.json"
    shutil.copyfile(a, here)
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert "No other copy of this workshop is in" in str(app.screen.query_one("#merge-none").render())
        assert not app.screen.query_one("#merge-copies").display
        assert app.screen.focused is app.screen.query_one("#merge-path", Input)
        await pilot.press("enter")
        await pilot.pause()
        assert "Type the path of the other copy" in str(app.screen.query_one("#merge-error").render())
        await pilot.press(*str(b), "enter")
        await settle(pilot)
        assert isinstance(app.screen, MergeLogScreen)
        await pilot.press("escape")
        await pilot.pause()
    assert (sessions / "riverside-cmht-team-day-merged.json").exists()


async def test_a_refused_merge_is_explained_and_nothing_is_written(sessions: Path, tmp_path: Path):
    a, _, _ = edited_apart(tmp_path)
    here = sessions / "riverside.json"
    shutil.copyfile(a, here)
    other = tmp_path / "northside [x].json"
    Session.create(other, title="Northside [/x] day").close()
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*str(other), "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "MergePickScreen"
        error = str(app.screen.query_one("#merge-error").render())
        assert "These are two different workshops, not copies of one" in error and "Northside [/x] day" in error
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
    assert sorted(p.name for p in sessions.iterdir()) == ["riverside.json"]


async def test_c_is_a_key_and_a_command_and_needs_a_workshop(sessions: Path):
    app = make_app(sessions)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Merge copies" in titles
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert [n.message for n in app._notifications] == ["Choose the workshop to merge first."]


async def test_the_log_keys_keep_or_use_the_other_value(sessions: Path, tmp_path: Path):
    a, b, rid = edited_apart(tmp_path)
    result = merge.merge_files(a, b, sessions / "merged.json", merged_at="2026-12-04T10:00:00.000Z")
    app = make_app(sessions)
    closed = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(MergeLogScreen(History(Session.open(result.path)), owns_session=True), closed.append)
        await pilot.pause()
        listing = app.screen.query_one("#merge-log-list", OptionList)
        assert listing.highlighted_option.id == f"{result.log['id']}:0"
        assert [c["kind"] for c in result.conflicts] == ["restored", "field"]
        await pilot.press("down")
        await pilot.pause()
        assert "Field: response" in detail(app) and "Now: to review" in detail(app)
        await pilot.press("u")
        await pilot.pause()
        assert "Now: decided: the other value is in use" in detail(app)
        assert "[other used]" in str(listing.highlighted_option.prompt)
        assert raw_concern(result.path, rid)["response"] == "Weekly peer supervision"
        await pilot.press("k")
        await pilot.pause()
        assert raw_concern(result.path, rid)["response"] == "Monthly [b]group[/b] supervision"
        assert "Now: decided: the kept value stays" in detail(app)
        await pilot.press("up", "u")  # the hope edited after its deletion: delete it after all
        await pilot.pause()
        assert "[other used]" in str(listing.highlighted_option.prompt)
        await pilot.press("escape")
        await pilot.pause()
    assert closed == [True]
    assert not lock_path(result.path).exists()
    log = next(iter(raw(result.path)["merge_log"].values()))
    assert [c["state"] for c in log["conflicts"]] == ["other_used", "kept"]
    with Session.open(result.path, read_only=True) as session:
        assert session.records("hopes_fears") == []


def raw_concern(path: Path, rid: str) -> dict:
    return next(r for r in raw(path)["concerns"].values() if r["id"] == rid)


async def test_the_log_of_a_workshop_never_merged(sessions: Path, workshop_file: Path):
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        with Session.open(workshop_file) as session:
            app.push_screen(MergeLogScreen(History(session)))
            await pilot.pause()
            assert "No merges are recorded" in str(app.screen.query_one("#merge-log-empty").render())
            assert app.screen.check_action("keep", ()) is None and app.screen.check_action("use_other", ()) is None
            await pilot.press("k", "u", "escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
            assert not session.read_only and session.records("merge_log") == []


def test_the_merge_log_at_80x24(snap_compare, sessions: Path, tmp_path: Path):
    a, b, _ = edited_apart(tmp_path)
    result = merge.merge_files(a, b, sessions / "merged.json", merged_at="2026-12-04T10:00:00.000Z")
    app = make_app(sessions)

    async def run_before(pilot):
        await pilot.pause()
        pilot.app.push_screen(Screen())  # the home screen's list belongs to other tests
        pilot.app.push_screen(MergeLogScreen(History(Session.open(result.path)), owns_session=True))
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
