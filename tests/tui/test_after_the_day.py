"""The home screen's follow-up key and the workshop screen's merge log, end to end."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import DataTable

from tests.helpers.copies import edit, find, two_copies, use_clock
from tests.helpers.followup import build_earlier
from tests.tui.helpers import make_app
from workshop import merge
from workshop.store import Session
from workshop.tui.screens import followup_dialog as dialog_module


def select_row(app, path: Path) -> None:
    home = app.screen
    row = next(n for n, s in enumerate(home.summaries) if s.path == path)
    home.query_one(DataTable).move_cursor(row=row)


async def test_f_follows_up_the_chosen_workshop_and_opens_its_review(sessions: Path, monkeypatch):
    earlier = sessions / "riverside.json"
    build_earlier(earlier)
    before = earlier.read_bytes()
    monkeypatch.setattr(dialog_module, "today", lambda: dialog_module.date(2027, 2, 1))
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Follow-up review" in titles
        select_row(app, earlier)
        await pilot.press("f")
        await pilot.pause()
        assert type(app.screen).__name__ == "FollowupDialog"
        await pilot.press("enter")
        for _ in range(4):
            await pilot.pause()
        assert type(app.screen).__name__ == "WorkshopScreen"
        assert app.screen.current == "review"
        made = app.screen.session.path
    assert made.name == "riverside-cmht-team-day-follow-up-on-1-feb-2027.json"
    assert earlier.read_bytes() == before
    with Session.open(made, read_only=True) as session:
        assert session.workshop()["follows"]["file"] == "riverside.json"
        assert session.workshop()["date"] == "2027-02-01"


async def test_f_without_a_workshop_says_what_to_do(sessions: Path):
    app = make_app(sessions)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert [n.message for n in app._notifications] == ["Choose the workshop to follow up first."]


async def test_f6_in_a_merged_workshop_settles_a_conflict_and_the_list_shows_it(sessions: Path, tmp_path: Path,
                                                                                monkeypatch):
    use_clock(monkeypatch)

    def build(session: Session) -> None:
        session.insert("concerns", text="Peer workers will be pulled onto the rota.")

    a, b = two_copies(tmp_path, build)
    rid = edit(a, lambda s: find(s, "concerns")["id"])
    edit(a, lambda s: s.update("concerns", rid, text="Laptop A's words"))
    edit(b, lambda s: s.update("concerns", rid, text="Laptop B's words"))
    merged = sessions / "merged.json"
    result = merge.merge_files(a, b, merged)
    kept = next(r for r in result.data["concerns"].values() if r["id"] == rid)["text"]
    other = ({"Laptop A's words", "Laptop B's words"} - {kept}).pop()
    app = make_app(sessions, merged)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        workshop = app.screen
        titles = {command.title for command in app.get_system_commands(workshop)}
        assert "Merge log" in titles
        workshop.show_activity("concerns")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        assert type(app.screen).__name__ == "MergeLogScreen"
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is workshop
        shown = " ".join(str(o.prompt) for o in workshop.views["concerns"].query("OptionList").first().options)
        assert other in shown and kept not in shown
    with Session.open(merged, read_only=True) as session:
        assert session.get("concerns", rid)["text"] == other
