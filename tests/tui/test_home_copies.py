"""Conflict copies from two sync engines, shown under their workshop on the home screen and
merged in with one key, the copy left byte for byte as the engine left it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.helpers.copies import use_clock
from tests.tui.helpers import make_app
from tests.tui.settling import until
from tests.unit.test_sync_conflicts import foreign_lock, make_folder
from workshop.store import Session
from workshop.tui.screens.merge_log import MergeLogScreen


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return use_clock(monkeypatch)


def rows_text(app) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(table.get_row_at(n)[0]) for n in range(table.row_count)]


def footer_keys(app) -> set[str]:
    return {b.description for b in (a.binding for a in app.screen.active_bindings.values()) if b.show}


async def select(pilot, path: Path) -> None:
    home = pilot.app.screen
    row = next(n for n, s in enumerate(home.summaries) if s.path == path)
    home.query_one(DataTable).move_cursor(row=row)
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_copies_show_under_their_workshop_and_merge_with_one_key(sessions: Path, size):
    workshop, onedrive, syncthing = make_folder(sessions)
    copies = {p: p.read_bytes() for p in (onedrive, syncthing)}
    app = make_app(sessions)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        rows = rows_text(app)
        at = next(n for n, text in enumerate(rows) if text.startswith("Riverside CMHT team day"))
        assert sorted(text.split("\n")[0] for text in rows[at + 1:at + 3]) == [
            "  ↳ conflict copy from LAPTOP-7", "  ↳ conflict copy from Syncthing (2026-12-03 09:15)"]
        assert not any("conflict copy" in text for text in rows[:at])
        await select(pilot, sessions / "riverside-team.json")
        assert "Merge in" not in footer_keys(app)  # only where there is a copy to merge
        await select(pilot, onedrive)
        assert "Merge in" in footer_keys(app)
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Merge a conflict copy into its workshop" in commands
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, MergeLogScreen), "the merge log after merging")
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen", "back on the home screen")
        assert app.screen.selected().path == workshop
        assert any(text.startswith("  ↳ conflict copy from LAPTOP-7, merged") for text in rows_text(app))
        await select(pilot, syncthing)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, MergeLogScreen), "the second merge log")
        said = [n.message for n in app._notifications]
        assert any("1 conflict to review in the merge log" in m for m in said), said
        assert any(m.endswith(f"Saved as riverside.json. {syncthing.name} is kept as it was, beside the workshop.")
                   for m in said), said
    assert {p: p.read_bytes() for p in copies} == copies
    with Session.open(workshop, read_only=True) as session:
        assert [log["files"][1] for log in session.records("merge_log")] == [onedrive.name, syncthing.name]
        assert [r["text"] for r in session.records("hopes_fears")] == ["Burnout in the first year"]


async def test_a_workshop_held_on_another_computer_is_not_merged_into(sessions: Path):
    workshop, onedrive, _ = make_folder(sessions)
    holder = foreign_lock(workshop)
    blob = workshop.read_bytes()
    app = make_app(sessions)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await select(pilot, onedrive)
        await pilot.press("s")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any(f"on another computer (dev on {holder['host']}" in m and "to take over" in m for m in said)
        assert type(app.screen).__name__ == "HomeScreen"
    assert workshop.read_bytes() == blob
