"""The example peer duties in the job description review, with the Pilot: marks pre-filled
from the draft, marking, undo and redo, sending to the action plan once, the palette, and
the Word record holding the table."""

from __future__ import annotations

from docx import Document
from textual.widgets import OptionList

from tests.tui.helpers import make_app
from tests.tui.settling import until
from tests.tui.test_job_description import add_draft, open_review, stored, view

DRAFT = ("Peer Support Worker\n\n"
         "- Support people to work towards their own recovery goals.\n"
         "- Share your own lived experience where this helps.\n"
         "- Attend team meetings.\n")


def rows(app) -> list[str]:
    listing = app.screen.query_one("#jd-duties", OptionList)
    return [str(o.prompt) for o in listing.options]


def row(app, key: str) -> str:
    listing = app.screen.query_one("#jd-duties", OptionList)
    return str(listing.get_option(key).prompt)


def highlight(app, key: str) -> None:
    listing = app.screen.query_one("#jd-duties", OptionList)
    listing.highlighted = listing.get_option_index(key)


def titles(app) -> set[str]:
    return {command.title for command in app.get_system_commands(app.screen)}


async def test_duties_start_from_what_the_check_finds_and_nothing_is_saved_for_it(workshop_file):
    add_draft(workshop_file, DRAFT)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot, "u")
        assert app.focused.id == "jd-duties"
        assert len(rows(app)) == 11
        assert row(app, "recovery_goals").startswith("✓ Present") and "(found by the check)" in row(app, "recovery_goals")
        assert row(app, "transitions").startswith("✗ Missing") and "(not found by the check)" in row(app, "transitions")
        assert "3 present, 8 missing, 0 wanted · 0 marked by the group" in str(app.screen.query_one("#jd-status").render())
    assert stored(workshop_file, "jd_duties") == [], "a suggestion is not a decision: nothing written"


async def test_mark_undo_and_redo_each_one_step_and_a_second_press_hands_back_to_the_check(workshop_file):
    draft = add_draft(workshop_file, DRAFT)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot, "u")
        highlight(app, "transitions")
        await pilot.press("3")
        await until(pilot, lambda: row(app, "transitions").startswith("+ Wanted"), "the duty is marked wanted")
        assert "found by the check" not in row(app, "transitions"), "the group's mark, not a suggestion"
        highlight(app, "recovery_goals")
        await pilot.press("2")
        await until(pilot, lambda: row(app, "recovery_goals").startswith("✗ Missing"), "overridden")
        assert {(d["duty"], d["mark"]) for d in stored(workshop_file, "jd_duties")} == {
            ("transitions", "wanted"), ("recovery_goals", "missing")}
        await pilot.press("ctrl+z")
        await until(pilot, lambda: row(app, "recovery_goals").startswith("✓ Present"), "undo brings the suggestion back")
        assert row(app, "transitions").startswith("+ Wanted"), "one step undone, not two"
        await pilot.press("ctrl+y")
        await until(pilot, lambda: row(app, "recovery_goals").startswith("✗ Missing"), "redo")
        highlight(app, "transitions")
        await pilot.press("3")
        await until(pilot, lambda: "(not found by the check)" in row(app, "transitions"), "back to the suggestion")
        assert row(app, "transitions").startswith("✗ Missing")
        await pilot.press("e", *"Leaving hospital matters", "enter")
        await until(pilot, lambda: "Leaving hospital matters" in row(app, "transitions"), "the note shows")
    duties = {d["duty"]: d for d in stored(workshop_file, "jd_duties")}
    assert duties["transitions"]["mark"] is None and duties["transitions"]["note"] == "Leaving hospital matters"
    assert duties["recovery_goals"]["jd_id"] == draft["id"]
    assert duties["recovery_goals"]["title"].startswith("Supporting people to find")


async def test_a_duty_goes_to_the_action_plan_once_linked_back(workshop_file):
    add_draft(workshop_file, DRAFT)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot, "u")
        highlight(app, "transitions")
        await pilot.press("t")
        await until(pilot, lambda: "→ in action plan" in row(app, "transitions"), "marked as sent")
        await pilot.press("t")
        await pilot.pause()
        assert any("already in the action plan" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+z")
        await until(pilot, lambda: "in action plan" not in row(app, "transitions"), "one undo takes back the send")
        assert "(not found by the check)" in row(app, "transitions"), "and the mark saved on the way"
        await pilot.press("ctrl+y")
        await until(pilot, lambda: "→ in action plan" in row(app, "transitions"), "redone")
    actions = stored(workshop_file, "actions")
    duty = stored(workshop_file, "jd_duties")
    assert len(actions) == 1 and len(duty) == 1
    assert actions[0]["source"] == f"jd_duty:{duty[0]['id']}"
    assert duty[0]["mark"] == "missing", "the suggestion the room sent is saved as its mark"
    assert actions[0]["task"] == "Job description: add a peer duty"
    assert "Supporting people through transitions" in actions[0]["what"]


async def test_the_marks_are_in_the_footer_and_the_palette(workshop_file):
    add_draft(workshop_file, DRAFT)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot, "u")
        shown = {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"Present", "Missing", "Wanted", "To action plan"} <= shown
        assert {"Present", "Missing", "Wanted", "To action plan", "Example peer duties"} <= titles(app)


async def test_the_record_exported_from_the_app_holds_the_duties_table(workshop_file):
    add_draft(workshop_file, DRAFT)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, "u")
        highlight(app, "transitions")
        await pilot.press("3")
        await until(pilot, lambda: row(app, "transitions").startswith("+ Wanted"), "marked")
        await pilot.press("f10")
        await until(pilot, lambda: type(app.screen).__name__ == "ExportScreen", "the export dialog")
        target = app.screen.query_one("#export-path").value
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: type(app.screen).__name__ == "WorkshopScreen", "back from the export")
    document = Document(target)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Example peer duty")
    marks = {r.cells[0].text: r.cells[1].text for r in table.rows[1:]}
    assert len(marks) == 11
    assert marks["Supporting people through transitions, such as leaving hospital"] == "Wanted: to be added"
    assert marks["Supporting people to find and work towards their own recovery goals"] == \
        "Present (found by the check, not discussed)"
    assert marks["Helping people build their own problem-solving skills"] == \
        "Missing (not found by the check, not discussed)"
