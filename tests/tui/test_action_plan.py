"""The action plan ("taking stock"), driven through the real app with the Pilot."""

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Select, TextArea

from tests.tui.helpers import make_app
from workshop import content
from workshop.store import Session
from workshop.tui.activities import action_plan as plan_module
from workshop.tui.screens.action_edit import EditActionScreen
from workshop.tui.screens.action_topics import TopicsScreen

TODAY = date(2026, 12, 3)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(plan_module, "today", lambda: TODAY)


def stored(path: Path, table: str = "actions") -> list[dict]:
    with Session.open(path, read_only=True) as session:
        return session.records(table)


def view(app):
    return app.screen.views["action_plan"]


def rows(app) -> list[tuple[str | None, str]]:
    listing = view(app)._list()
    return [(listing.get_option_at_index(i).id, str(listing.get_option_at_index(i).prompt))
            for i in range(listing.option_count)]


def tasks_by_stage(path: Path) -> list[tuple[str, str]]:
    return [(r["stage"], r["task"]) for r in stored(path)]


async def go(pilot) -> None:
    await pilot.press("alt+7")
    await pilot.pause()


async def add(pilot, text: str) -> None:
    pilot.app.focused.value = text
    await pilot.press("enter")
    await pilot.pause()


def seed_plan(path: Path) -> None:
    with Session.open(path) as session:
        session.insert_many("actions", [
            {"stage": "preparation", "task": "Job description", "what": "Revise the draft", "who": "Team manager",
             "by_when": "2026-12-01"},
            {"stage": "preparation", "task": "Financial planning", "what": "Cost the post", "who": "Service manager",
             "by_when": "2026-11-20", "outcome": "Costed at Band 4"},
            {"stage": "support", "task": "Induction", "what": "Write a peer-specific induction",
             "who": "Occupational therapist", "by_when": "2027-03-01"},
            {"stage": "support", "task": "Supervision", "what": "Agree peer supervision", "who": "Peer Lead",
             "by_when": "2027-01-15"},
            {"stage": "support", "task": "Maintaining peerness", "who": "Visiting peer worker"},
        ])


async def test_entry_box_has_focus_and_tasks_go_to_the_highlighted_stage(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "ap-input"
        assert "Add to Preparation" in str(app.screen.query_one("#ap-prompt").render())
        await pilot.press(*"Talk to HR")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.value == ""
        # Arrow keys move through the plan while typing; the stage follows the highlight.
        await pilot.press("down", "down")  # from the new row, past Recruitment
        await pilot.pause()
        assert "Add to Supporting" in str(app.screen.query_one("#ap-prompt").render())
        await add(pilot, "Buddy for the first month")
        headings = [pid for pid, _ in rows(app) if pid.startswith("stage:")]
        assert headings == ["stage:preparation", "stage:recruitment", "stage:support", "stage:sustaining"]
    assert tasks_by_stage(workshop_file) == [("preparation", "Talk to HR"), ("support", "Buddy for the first month")]
    record = stored(workshop_file)[0]
    assert (record["what"], record["who"], record["by_when"], record["outcome"], record["source"]) == \
        ("", "", None, "", None)


async def test_persistence_across_reopen(workshop_file):
    seed_plan(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        await add(pilot, "Celebrate the first month")
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.current == "action_plan"
        ids = [pid for pid, _ in rows(app)]
        assert len(ids) == 4 + 6
    assert tasks_by_stage(workshop_file)[-1] == ("preparation", "Celebrate the first month")


async def test_guidance_topics_as_starting_rows_never_twice(workshop_file):
    seed_plan(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        await pilot.press("escape", "t")
        await pilot.pause()
        assert isinstance(app.screen, TopicsScreen)
        await pilot.press("enter")  # the current stage's missing topics start ticked
        await pilot.pause()
        preparation = [s["topics"] for s in content.taking_stock() if s["key"] == "preparation"][0]
        prep_tasks = [t for s, t in tasks_by_stage(workshop_file) if s == "preparation"]
        assert sorted(prep_tasks) == sorted(preparation)
        new = [r for r in stored(workshop_file) if r["task"] == "Training"][0]
        assert (new["what"], new["who"], new["by_when"], new["outcome"]) == ("", "", None, "")
        # One undo takes the whole batch away; redo brings it back.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(stored(workshop_file)) == 5
        await pilot.press("ctrl+y")
        await pilot.pause()
        count = len(stored(workshop_file))
        # Again: nothing of this stage is left to add.
        await pilot.press("t", "enter")
        await pilot.pause()
        assert len(stored(workshop_file)) == count
        # Tick everything, untick one, add: each missing topic once, and never a duplicate.
        await pilot.press("t", "a", "space", "enter")
        await pilot.pause()
        tasks = [r["task"].casefold() for r in stored(workshop_file)]
        assert len(tasks) == len(set(tasks))
        every = {t.casefold() for s in content.taking_stock() for t in s["topics"]}
        assert len(every - set(tasks)) == 1
        await pilot.press("t", "a", "enter")
        await pilot.pause()
        tasks = [r["task"].casefold() for r in stored(workshop_file)]
        assert every <= set(tasks) and len(tasks) == len(set(tasks))
        await pilot.press("t", "n", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, TopicsScreen)


async def test_edit_every_field_and_a_bad_date_loses_nothing(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        await add(pilot, "Interview panel")
        await pilot.press("escape", "e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditActionScreen)
        screen.query_one("#ap-stage", Select).value = "recruitment"
        screen.query_one("#ap-task", Input).value = "Interview"
        screen.query_one("#ap-what", TextArea).load_text("Invite a person with lived experience onto the panel.")
        screen.query_one("#ap-who", Input).value = "Team manager"
        screen.query_one("#ap-outcome", TextArea).load_text("Agreed with HR.")
        screen.query_one("#ap-when", Input).value = "2027-02-30"
        screen.query_one("#ap-who", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        error = str(screen.query_one("#form-error").render())
        assert "By when" in error and "2027-02-30" in error and "YYYY-MM-DD" in error
        assert screen.query_one("#ap-task", Input).value == "Interview"
        assert stored(workshop_file)[0]["task"] == "Interview panel"
        screen.query_one("#ap-when", Input).value = "2027-02-28"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EditActionScreen)
    [record] = stored(workshop_file)
    assert record == {**record, "stage": "recruitment", "task": "Interview",
                      "what": "Invite a person with lived experience onto the panel.", "who": "Team manager",
                      "by_when": "2027-02-28", "outcome": "Agreed with HR.", "source": None}


async def test_an_empty_task_is_refused_in_the_dialog(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        await add(pilot, "Something")
        await pilot.press("escape", "e")
        await pilot.pause()
        app.screen.query_one("#ap-task", Input).value = "   "
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditActionScreen)
        assert "task needs a name" in str(app.screen.query_one("#form-error").render())
    assert stored(workshop_file)[0]["task"] == "Something"


async def test_delete_with_undo(workshop_file):
    seed_plan(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        await pilot.press("escape", "down", "d")
        await pilot.pause()
        assert [t for _, t in tasks_by_stage(workshop_file)][0] == "Financial planning"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [t for _, t in tasks_by_stage(workshop_file)][0] == "Job description"
        assert view(app)._list().get_option_at_index(1).id == stored(workshop_file)[0]["id"]
        # A stage heading cannot be deleted.
        await pilot.press("home", "d")
        await pilot.pause()
        assert len(stored(workshop_file)) == 5


async def test_move_between_stages(workshop_file):
    seed_plan(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        await pilot.press("escape", "down", "m")
        await pilot.pause()
        assert tasks_by_stage(workshop_file)[0] == ("recruitment", "Job description")
        # The row stays highlighted where it moved to, so m again carries it on.
        assert view(app).selected()["task"] == "Job description"
        await pilot.press("m", "m")
        await pilot.pause()
        assert tasks_by_stage(workshop_file)[0] == ("sustaining", "Job description")
        await pilot.press("m")
        await pilot.pause()
        assert tasks_by_stage(workshop_file)[0] == ("preparation", "Job description")
        await pilot.press("M")
        await pilot.pause()
        assert tasks_by_stage(workshop_file)[0] == ("sustaining", "Job description")


async def test_sort_by_date_within_each_stage(workshop_file):
    seed_plan(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)

        def support_tasks():
            ids = [pid for pid, _ in rows(app)]
            start = ids.index("stage:support") + 1
            end = ids.index("stage:sustaining")
            return [view(app)._by_id[i]["task"] for i in ids[start:end]]

        assert support_tasks() == ["Induction", "Supervision", "Maintaining peerness"]
        await pilot.press("escape", "s")
        await pilot.pause()
        assert support_tasks() == ["Supervision", "Induction", "Maintaining peerness"]
        assert "sorted by date" in str(app.screen.query_one("#ap-status").render())
        await pilot.press("s")
        await pilot.pause()
        assert support_tasks() == ["Induction", "Supervision", "Maintaining peerness"]


async def test_overdue_rows_are_marked_against_today(workshop_file):
    seed_plan(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        by_task = {view(app)._by_id[pid]["task"]: prompt for pid, prompt in rows(app) if pid in view(app)._by_id}
        assert "OVERDUE" in by_task["Job description"]
        assert "OVERDUE" not in by_task["Financial planning"], "an outcome means it was dealt with"
        assert "OVERDUE" not in by_task["Induction"]
        status = str(app.screen.query_one("#ap-status").render())
        assert "Today 2026-12-03" in status and "1 overdue" in status
        # Writing an outcome takes the mark away.
        await pilot.press("escape", "down", "e")
        await pilot.pause()
        app.screen.query_one("#ap-outcome", TextArea).load_text("Revised and sent to HR")
        app.screen.query_one("#ap-task", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "none overdue" in str(app.screen.query_one("#ap-status").render())


async def test_rows_sent_from_elsewhere_show_their_source_and_jump_back(workshop_file):
    with Session.open(workshop_file) as session:
        concern = session.insert("concerns", text="The post pulled into the duty rota", status="open")
        session.insert("actions", stage="preparation", task="Protect the role", source=f"concern:{concern['id']}")
        session.insert("actions", stage="support", task="Lost link", source="dual_role:gone")
        session.insert("actions", stage="support", task="Free row")
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await go(pilot)
        shown = {view(app)._by_id[pid]["task"]: " ".join(p.split()) for pid, p in rows(app) if pid in view(app)._by_id}
        assert "↳ from concern: The post pulled into the duty rota" in shown["Protect the role"]
        assert "↳ from a dual-role scenario (no longer there)" in shown["Lost link"]
        assert "↳" not in shown["Free row"]
        await pilot.press("escape", "end", "g")  # a free row has nowhere to go
        await pilot.pause()
        assert app.screen.current == "action_plan"
        await pilot.press("home", "down", "g")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.current == "concerns"
        assert app.screen.views["concerns"]._list().highlighted_option.id == concern["id"]


async def test_list_keys_do_nothing_while_typing(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        await pilot.press(*"tdmsg")
        await pilot.pause()
        assert app.focused.value == "tdmsg"
        assert not isinstance(app.screen, TopicsScreen)
    assert stored(workshop_file) == []


async def test_five_hundred_rows_stay_quick(workshop_file):
    stages = ("preparation", "recruitment", "support", "sustaining")
    with Session.open(workshop_file) as session:
        session.insert_many("actions", [
            {"stage": stages[n % 4], "task": f"Task {n} " + "word " * (n % 6), "what": "Something to do. " * (n % 5),
             "who": "Team manager", "by_when": "2026-11-01" if n % 2 else None, "outcome": ""}
            for n in range(500)
        ])
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await go(pilot)
        assert view(app)._list().option_count == 504
        view(app)._prompts.clear()
        view(app).reload()
        laid_out = {rid: prompt for rid, (_, prompt) in view(app)._prompts.items()}
        assert len(laid_out) == 500
        view(app).reload()  # as after a change: unchanged rows are reused, not laid out again
        assert all(view(app)._prompts[rid][1] is prompt for rid, prompt in laid_out.items())
        assert "250 overdue" in str(app.screen.query_one("#ap-status").render())
        await pilot.press("escape", "s")
        await pilot.pause()
        assert view(app)._list().option_count == 504


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


async def test_a_failed_save_keeps_the_words_on_screen(workshop_file, monkeypatch):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        real = os.replace
        monkeypatch.setattr(os, "replace", disk_full)
        await add(pilot, "Peer-specific induction")
        assert app.focused.value == "Peer-specific induction"
        monkeypatch.setattr(os, "replace", real)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape", "e")
        await pilot.pause()
        app.screen.query_one("#ap-who", Input).value = "Occupational therapist"
        monkeypatch.setattr(os, "replace", disk_full)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, EditActionScreen)
        assert app.screen.query_one("#ap-who", Input).value == "Occupational therapist"
        monkeypatch.setattr(os, "replace", real)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EditActionScreen)
    assert [(r["task"], r["who"]) for r in stored(workshop_file)] == [("Peer-specific induction",
                                                                       "Occupational therapist")]


def test_text_columns_wrap_line_up_and_fill_the_width():
    from rich.cells import cell_len

    from workshop.tui.screens.action_grid import Cell, fit_lines, grid_text, split_widths

    assert fit_lines("short", 10) == ["short"]
    assert fit_lines("one two three four", 9) == ["one two", "three", "four"]
    assert fit_lines("a" * 12, 5) == ["aaaaa", "aaaaa", "aa"]
    assert fit_lines("one two three four five six", 7, max_lines=2) == ["one two", "three…"]
    assert fit_lines("- first\n- second", 20) == ["- first", "- second"]
    assert all(cell_len(line) <= 6 for line in fit_lines("日本語のテキスト です", 6))
    widths = split_widths(74, [None, None, None, 10, None], [4, 5, 3, 0, 2])
    assert sum(widths) + 2 * 4 == 74 and widths[3] == 10 and min(widths) >= 6
    text = grid_text([Cell("Task", 6), Cell("What needs doing now", 8), Cell("x", 3, extra=[("LATE", "bold")])])
    assert text.plain.split("\n") == ["Task    What      x  ", "        needs     LAT", "        doing        ",
                                       "        now          "]
