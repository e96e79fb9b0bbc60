"""Dual-role scenarios, driven through the real app with the Pilot."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from textual.widgets import DataTable, Input, Select

from tests.tui.helpers import make_app
from workshop import content
from workshop import dual_roles_seed as seed
from workshop.store import Session
from workshop.tui.screens.dual_role_edit import DualRoleEditScreen

PRESETS = [p["situation"] for p in content.dual_role_presets()]


def stored(path: Path, table: str = "dual_roles") -> list[dict]:
    with Session.open(path, read_only=True) as session:
        return seed.ordered(session.records(table)) if table == "dual_roles" else session.records(table)


def view(app):
    return app.screen.views["dual_roles"]


def table(app) -> DataTable:
    return app.screen.query_one("#dr-table", DataTable)


def detail(app) -> str:
    return str(app.screen.query_one("#dr-detail").render())


async def open_dual_roles(pilot) -> None:
    pilot.app.screen.show_activity("dual_roles")
    await pilot.pause()


async def add(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


async def fill_form(pilot, **values: str) -> None:
    for name, value in values.items():
        pilot.app.screen.query_one(f"#dr-{name}", Input).value = value
    await pilot.pause()


async def test_presets_appear_when_first_shown_and_only_once(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert stored(workshop_file) == [], "not added before the activity is shown"
        await open_dual_roles(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "dr-input"
        assert table(app).row_count == 6
        assert "To ask:" in detail(app)
        # The first preset is highlighted: its prompt from content shows under the table.
        assert content.dual_role_presets()[0]["prompt"] in detail(app).replace("\n", " ")
        app.screen.show_activity("hopes_fears")
        await pilot.pause()
        await open_dual_roles(pilot)
        assert table(app).row_count == 6
    rows = stored(workshop_file)
    assert [r["situation"] for r in rows] == PRESETS
    assert all(r["preset"] for r in rows)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.current == "dual_roles"
        assert table(app).row_count == 6


async def test_a_deleted_preset_stays_deleted_after_reopening(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dual_roles(pilot)
        await pilot.press("escape", "down", "d")
        await pilot.pause()
        assert table(app).row_count == 5
        assert view(app).selected()["situation"] == PRESETS[2], "the next row is highlighted"
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert table(app).row_count == 5
    assert [r["situation"] for r in stored(workshop_file)] == PRESETS[:1] + PRESETS[2:]


async def test_delete_undo_redo(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dual_roles(pilot)
        await pilot.press("escape", "delete")
        await pilot.pause()
        assert len(stored(workshop_file)) == 5
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert table(app).row_count == 6
        assert [r["situation"] for r in stored(workshop_file)] == PRESETS
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert table(app).row_count == 5


async def test_group_adds_its_own_situation(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dual_roles(pilot)
        await add(pilot, "Related to a member of staff")
        assert app.focused.value == ""
        assert table(app).row_count == 7
        assert view(app).selected()["situation"] == "Related to a member of staff"
        assert "To ask:" not in detail(app), "the group's own rows have no preset prompt"
    own = stored(workshop_file)[-1]
    assert (own["situation"], own["preset"], own["position"]) == ("Related to a member of staff", False, 6)


async def test_form_saves_every_field_and_they_survive_reopening(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_dual_roles(pilot)
        await pilot.press("escape", "down", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DualRoleEditScreen)
        assert app.focused.id == "dr-challenge", "the situation is there already"
        assert content.dual_role_presets()[1]["prompt"] in str(form.query_one("#dr-prompt").render())
        await fill_form(pilot, challenge="Where they get their own support",
                        action_plan="Agree a support plan with each worker", owner="Team manager",
                        due="2027-01-31", policy="Staff wellbeing policy")
        form.query_one("#dr-scope", Select).value = "tailored"
        app.screen.query_one("#dr-owner", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, DualRoleEditScreen)
        assert "Tailored" in detail(app) and "Staff wellbeing policy" in detail(app)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        row = view(app)._rows[1]
    assert {k: row[k] for k in ("situation", "challenge", "action_plan", "owner", "due", "scope", "policy")} == {
        "situation": PRESETS[1], "challenge": "Where they get their own support",
        "action_plan": "Agree a support plan with each worker", "owner": "Team manager",
        "due": "2027-01-31", "scope": "tailored", "policy": "Staff wellbeing policy",
    }


async def test_bad_date_is_explained_beside_the_field_and_nothing_is_lost(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dual_roles(pilot)
        await pilot.press("escape", "enter")  # Enter on the table opens the form
        await pilot.pause()
        await fill_form(pilot, challenge="Old records", due="31/12/2026")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DualRoleEditScreen), "the form stays open"
        error = str(form.query_one("#dr-due-error").render())
        assert "'31/12/2026' is not a date" in error and "YYYY-MM-DD" in error
        assert app.focused.id == "dr-due"
        assert form.query_one("#dr-challenge", Input).value == "Old records"
        assert stored(workshop_file)[0]["challenge"] == ""
        await pilot.press("ctrl+u")  # clear the box, as a facilitator would
        await pilot.press(*"2026-12-31")
        await pilot.pause()
        assert str(form.query_one("#dr-due-error").render()).strip() == "", "typing clears the message"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, DualRoleEditScreen)
    row = stored(workshop_file)[0]
    assert (row["challenge"], row["due"]) == ("Old records", "2026-12-31")


async def test_form_refuses_an_empty_situation_and_escape_cancels(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dual_roles(pilot)
        await pilot.press("escape", "e")
        await pilot.pause()
        await fill_form(pilot, situation="  ", challenge="Something")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DualRoleEditScreen)
        assert app.focused.id == "dr-situation"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DualRoleEditScreen)
    assert [r["situation"] for r in stored(workshop_file)] == PRESETS
    assert all(r["challenge"] == "" for r in stored(workshop_file))


async def test_rows_move_up_and_down_and_undo_in_one_step(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dual_roles(pilot)
        await pilot.press("escape", "shift+down", "shift+down")
        await pilot.pause()
        assert view(app).selected()["situation"] == PRESETS[0], "the moved row stays highlighted"
        assert table(app).cursor_row == 2
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert [r["situation"] for r in stored(workshop_file)][:3] == [PRESETS[1], PRESETS[0], PRESETS[2]]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [r["situation"] for r in stored(workshop_file)][:3] == [PRESETS[1], PRESETS[2], PRESETS[0]]
        await pilot.press("up", "up", "shift+up")  # already at the top: nothing changes
        await pilot.pause()
    assert [r["situation"] for r in stored(workshop_file)][:3] == [PRESETS[1], PRESETS[2], PRESETS[0]]
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [r["situation"] for r in view(app)._rows][:3] == [PRESETS[1], PRESETS[2], PRESETS[0]]


async def test_send_to_action_plan_once(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dual_roles(pilot)
        await pilot.press("escape", "e")
        await pilot.pause()
        await fill_form(pilot, action_plan="Restrict access to past records", owner="Records lead")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert "[sent]" in detail(app)
        assert str(table(app).get_row_at(0)[1]).strip() == "sent"
        await pilot.press("s")  # a second time: already there, nothing added
        await pilot.pause()
    row = stored(workshop_file)[0]
    actions = stored(workshop_file, "actions")
    assert len(actions) == 1
    assert actions[0]["source"] == f"dual_role:{row['id']}"
    assert actions[0]["what"] == "Restrict access to past records" and actions[0]["who"] == "Records lead"


async def test_send_can_be_undone(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dual_roles(pilot)
        await pilot.press("escape", "s")
        await pilot.pause()
        assert len(stored(workshop_file, "actions")) == 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "not yet sent" in detail(app)
    assert stored(workshop_file, "actions") == []


async def test_letters_typed_in_the_box_do_not_trigger_actions(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dual_roles(pilot)
        await add(pilot, "sees a neighbour at the day centre")
    assert stored(workshop_file)[-1]["situation"] == "sees a neighbour at the day centre"
    assert stored(workshop_file, "actions") == []
    assert len(stored(workshop_file)) == 7


async def test_narrow_table_shows_each_situation_in_full_and_the_rest_below(workshop_file):
    long_plan = "Agree in advance with the postholder where they would get support, " * 3
    with Session.open(workshop_file) as session:
        seed.ensure_presets(session)
        first = seed.ordered(session.records("dual_roles"))[0]
        session.update("dual_roles", first["id"], challenge="Old notes are on the same system.",
                       action_plan=long_plan, owner="Team manager", due="2027-01-15", scope="universal",
                       policy="Records access policy")
    for projector in (False, True):
        app = make_app(workshop_file.parent, workshop_file, projector=projector)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_dual_roles(pilot)
            assert [column.key.value for column in table(app).columns.values()] == ["situation", "plan"]
            situations = [str(table(app).get_row_at(n)[0]).strip() for n in range(table(app).row_count)]
            assert situations == PRESETS, "rows 1 to 3 no longer all read 'Working in a…'"
            assert str(table(app).get_row_at(0)[1]).strip() == "agreed"
            text = " ".join(detail(app).split())
            for words in ("Challenge: Old notes are on the same system.", "Plan: Agree in advance",
                          "Owner: Team manager", "By when: 2027-01-15", "Universal",
                          "Policy affected: Records access policy"):
                assert words in text, words
            assert "To ask:" not in text, "an answered row shows its answers, not the question"
            await pilot.press("escape", "down")
            await pilot.pause()
            assert "To ask:" in detail(app) and "Owner:" not in detail(app)


async def test_rows_wrap_in_full_when_wide(workshop_file):
    long_plan = "Agree in advance with the postholder where they would get support, " * 3
    with Session.open(workshop_file) as session:
        seed.ensure_presets(session)
        first = seed.ordered(session.records("dual_roles"))[0]
        session.update("dual_roles", first["id"], action_plan=long_plan)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dual_roles(pilot)
        await pilot.pause()
        assert len(table(app).columns) == 6
        row = table(app).rows[first["id"]]
        assert row.height > 1
        assert str(table(app).get_row_at(0)[2]).strip() == long_plan.strip()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert len(table(app).columns) == 2


async def test_failed_save_keeps_the_words_in_the_box(workshop_file, monkeypatch):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dual_roles(pilot)
        real = os.replace

        def disk_full(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "replace", disk_full)
        await add(pilot, "Works a second job at the hostel")
        assert app.focused.value == "Works a second job at the hostel"
        monkeypatch.setattr(os, "replace", real)
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.value == ""
    assert stored(workshop_file)[-1]["situation"] == "Works a second job at the hostel"


async def test_five_hundred_rows_reload(workshop_file):
    with Session.open(workshop_file) as session:
        seed.ensure_presets(session)
        session.insert_many("dual_roles", [
            {"situation": f"situation {n} " * 4, "challenge": "a challenge " * 6,
             "action_plan": "a plan " * 8, "owner": "Team manager", "position": 6 + n} for n in range(494)])
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dual_roles(pilot)
        view(app).reload()
        view(app).reload()  # how quick opening big workshops is: bench/bench_open.py
        assert table(app).row_count == 500
        await pilot.press("escape", "ctrl+end", "shift+up")
        await pilot.pause()
    rows = stored(workshop_file)
    assert rows[-2]["situation"].startswith("situation 493")
