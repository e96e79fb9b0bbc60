"""Whatever people type is shown as typed: never read as markup, never able to stop the app.

Textual reads a plain string given to a Label, a DataTable cell, an Option or a Select as
markup, so "[/x]" in a title raised MarkupError and "[b]oundaries" lost its brackets. A
workshop here holds hostile text in every string field of every table; the real app is
driven through every activity, dialog and panel at 80x24 and 120x40, and each place that
shows someone's words must show them literally."""

from __future__ import annotations

import ast
import os
import socket
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Label, OptionList, Select, Static, TextArea

from tests.tui.helpers import FIXED_MTIME, make_app
import workshop.tui
from workshop import content
from workshop.jd import review as jd_review
from workshop.store import Session, backup_path
from workshop.tui.widgets.jd_draft import DraftText
from workshop.tui.widgets.literal import cell, literal

LONG = "L" * 10_000  # one 10,000-character line
# What must still be there, character for character, wherever the words are shown in full.
MARKERS = ("[/x]", "[b ", "[bold]open", "[link=https://x]", "[@click=app.quit]click[/]", "[31mred",
           "😀", "مرحبا", "שלום", "$variable", "back\\slash\\")


def hostile(tag: str) -> str:
    """`tag` in hostile company. It starts with [/x] so that even a cell cut short keeps some."""
    return (f"[/x]{tag} [b [bold]open [link=https://x] [@click=app.quit]click[/] \x1b[31mred 😀 "
            f"مرحبا שלום $variable back\\slash\\ {LONG}")


def shows(text: str, tag: str, *, whole: bool = True) -> None:
    """`text` holds hostile(tag) literally: its start, and every marker when shown `whole`."""
    assert f"[/x]{tag}" in text, f"[/x]{tag} missing from {text[:200]!r}"
    if whole:
        for marker in MARKERS:
            assert marker in text, f"{marker!r} missing after [/x]{tag} in {text[:300]!r}"


def plain(widget) -> str:
    return str(widget.render())


def prompts(app, selector: str = "OptionList") -> str:
    listing = app.screen.query_one(selector, OptionList)
    return "\n".join(str(option.prompt) for option in listing.options)


def toasts(app) -> str:
    return "\n".join(plain(toast) for toast in app.screen.query("Toast"))


async def settle(pilot) -> None:
    """Let the app draw. Headless, it still renders every visible widget and toast, so a
    markup error anywhere on screen is raised from `run_test`."""
    await pilot.pause()
    await pilot.pause()


# --- a workshop with hostile text everywhere ------------------------------------------------------


def build(folder: Path) -> Path:
    path = folder / "team [x] [link=a:b] day.json"
    with Session.create(path, title=hostile("title"), team=hostile("team"), organisation=hostile("org"),
                        date="2026-12-03", venue=hostile("venue"), facilitators=[hostile("facilitator")],
                        role_title=hostile("roletitle")) as session:
        session.insert_many("participants", [
            {"role": hostile("prole"), "name": hostile("pname"), "name_in_record": True},
        ])
        hope, fear = session.insert_many("hopes_fears", [
            {"kind": "hope", "text": hostile("hope"), "theme": hostile("theme"), "votes": 2,
             "author_role": hostile("author"), "about": hostile("about")},
            {"kind": "fear", "text": hostile("fear"), "theme": hostile("theme"), "author_role": hostile("fearer")},
        ])
        session.insert_many("expertise", [
            {"source": "life", "text": hostile("life"), "holder": hostile("holder")},
            {"source": "professional", "text": hostile("prof"), "holder": hostile("pholder")},
            {"source": "lived", "text": hostile("lived"), "in_record": False},
            {"source": "lived", "text": hostile("shared"), "in_record": True, "in_record_chosen": True},
        ])
        draft = session.insert("job_descriptions", title=hostile("jdtitle"), text=hostile("jdtext") + "\n"
                               "The postholder will support service users to manage their symptoms.",
                               imported_from=hostile("imported"))
        criterion = jd_review.criteria()[0].key
        sign = content.compromise_signs()[0]["key"]
        session.insert_many("jd_checks", [
            {"jd_id": draft["id"], "criterion": criterion, "status": "partly", "note": hostile("checknote")},
            {"jd_id": draft["id"], "criterion": hostile("criterion"), "status": "met", "note": hostile("orphan")},
        ])
        session.insert_many("jd_flags", [
            {"jd_id": draft["id"], "phrase": hostile("phrase"), "reason": hostile("reason"),
             "suggestion": hostile("suggestion"), "state": "open"},
        ])
        session.insert_many("jd_compromise", [
            {"jd_id": draft["id"], "sign": sign, "present": True, "note": hostile("signnote")},
            {"jd_id": draft["id"], "sign": hostile("sign"), "present": True, "note": hostile("orphansign")},
        ])
        session.insert_many("dual_roles", [
            {"situation": hostile("situation"), "challenge": hostile("challenge"),
             "action_plan": hostile("plan"), "owner": hostile("owner"), "due": "2026-12-24",
             "preset": False, "position": 100, "scope": "tailored", "policy": hostile("policy"),
             "preset_key": hostile("presetkey")},
        ])
        concern, _orphan = session.insert_many("concerns", [
            {"text": hostile("concern"), "category": hostile("category"), "raised_by_role": hostile("raiser"),
             "raised_how": "group", "response": hostile("response"), "status": "in_progress",
             "owner": hostile("cowner"), "due": "2026-01-02", "from_fear": fear["id"]},
            {"text": hostile("lost"), "status": "open", "from_fear": hostile("fearid")},
        ])
        session.insert_many("actions", [
            {"stage": "preparation", "task": hostile("task"), "what": hostile("what"), "who": hostile("who"),
             "by_when": "2026-01-02", "outcome": hostile("out"), "source": f"concern:{concern['id']}"},
            {"stage": "support", "task": hostile("task2"), "source": hostile("source")},
        ])
        session.insert_many("notes", [
            *({"activity": key, "kind": "discussion", "text": hostile(f"note-{key}")} for key in content.ACTIVITY_KEYS),
            {"activity": "expertise", "kind": "gaps", "text": hostile("gaps")},
        ])
        assert hope["about"].startswith("[/x]about")
    os.utime(path, (FIXED_MTIME, FIXED_MTIME))
    # Files the import dialog lists, and one it cannot read.
    (folder / "drafts").mkdir()
    (folder / "drafts" / "[x] [link=a:b] draft.md").write_text("# [/x] draft\n")
    (folder / "drafts" / "[x] [link=a:b] bad.docx").write_bytes(b"[/x] not a Word document")
    return path


def test_the_helper_keeps_brackets_and_drops_escape_sequences():
    text = literal("a [/x] [b]b \x1b[31m\x9bc\td\ne")
    assert text.plain == "a [/x] [b]b [31mc\td\ne" and not text.spans
    assert literal(None).plain == "" and literal(3).plain == "3"
    assert cell("team [/x] [b").plain == "team [/x] [b" and cell("x").no_wrap and cell("x").end == ""


@pytest.mark.parametrize("mark", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                                  "\u2069"])
def test_direction_overrides_are_not_shown(mark):
    # A terminal that lays text out both ways would reorder the rest of the line after one.
    assert literal(f"minutes{mark}xcod.json").plain == "minutesxcod.json"
    assert cell(f"\u0645\u062d\u0636\u0631 {mark}team").plain == "\u0645\u062d\u0636\u0631 team"  # right-to-left words stay


async def test_a_file_name_with_a_direction_override_is_listed_without_it(sessions):
    path = sessions / "minutes\u202excod.json"
    Session.create(path, title="Minutes \u2066day\u2069", team="Team", date="2026-12-03").close()
    app = make_app(sessions)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        row = " ".join(str(v) for v in app.screen.query_one("#workshops", DataTable).get_row_at(0))
        assert "minutesxcod.json" in row and "Minutes day" in row
        assert not any(chr(c) in row for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def test_every_notification_is_shown_as_written():
    """notify() reads markup unless told not to, and its messages carry titles, file names
    and error text: every call in the app passes markup=False."""
    missing = []
    for path in sorted(Path(workshop.tui.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "notify":
                markup = next((k.value for k in node.keywords if k.arg == "markup"), None)
                if not (isinstance(markup, ast.Constant) and markup.value is False):
                    missing.append(f"{path.name}:{node.lineno}")
    assert not missing, f"notify without markup=False: {missing}"


# --- the whole app --------------------------------------------------------------------------------


async def open_dialog(pilot, key: str, screen_name: str):
    await pilot.press(key)
    await settle(pilot)
    assert type(pilot.app.screen).__name__ == screen_name
    return pilot.app.screen


async def close_dialog(pilot, key: str = "escape") -> None:
    await pilot.press(key)
    await settle(pilot)
    assert type(pilot.app.screen).__name__ == "WorkshopScreen"


async def visit(pilot, n: int, key: str):
    await pilot.press(f"alt+{n}")
    await settle(pilot)
    app = pilot.app
    assert app.screen.current == key
    return app.screen.views[key]


async def check_hopes_fears(pilot) -> None:
    app = pilot.app
    view = await visit(pilot, 2, "hopes_fears")
    await pilot.press("escape")  # to the list: letter keys act on the highlighted item
    await settle(pilot)
    hopes = prompts(app, "#list-hope")
    shows(hopes, "hope")
    shows(hopes, "theme")
    shows(hopes, "author")
    dialog = await open_dialog(pilot, "e", "EditItemScreen")
    shows(dialog.query_one("#edit-text", Input).value, "hope")
    shows(dialog.query_one("#edit-role", Input).value, "author")
    about = dialog.query_one("#edit-about", Select)
    assert about.value.startswith("[/x]about")  # a value the app does not know is kept, as typed
    shows(plain(about.query_one("SelectCurrent #label")), "about")
    await close_dialog(pilot)
    dialog = await open_dialog(pilot, "t", "ThemeScreen")
    shows("\n".join(plain(label) for label in dialog.query(Label)), "theme", whole=False)
    await close_dialog(pilot)
    await pilot.press("g")  # grouped by theme: the theme is a heading
    await settle(pilot)
    shows(prompts(app, "#list-hope").split("\n")[0], "theme", whole=False)
    await pilot.press("g", "tab")
    await settle(pilot)
    assert view.kind == "fear"
    shows(prompts(app, "#list-fear"), "fear")


async def check_expertise(pilot) -> None:
    app = pilot.app
    await visit(pilot, 3, "expertise")
    await pilot.press("escape")
    await settle(pilot)
    shows(prompts(app, "#ex-list-life"), "life")
    shows(prompts(app, "#ex-list-life"), "holder")
    shows(prompts(app, "#ex-list-professional"), "prof")
    lived = prompts(app, "#ex-list-lived")
    assert "[/x]lived" not in lived and "(words hidden)" in lived  # private words stay hidden
    shows(lived, "shared")
    await pilot.press("v")  # show the private words
    await settle(pilot)
    shows(prompts(app, "#ex-list-lived"), "lived")
    title = plain(app.screen.query_one("#ex-title-lived"))
    assert title.endswith(" [shown]") or title.endswith(" [words shown]"), "the marker is text, not a tag"
    await pilot.press("v")
    await settle(pilot)
    dialog = await open_dialog(pilot, "e", "EditExpertiseScreen")
    shows(dialog.query_one("#expertise-text", Input).value, "life")
    shows(dialog.query_one("#expertise-holder", Input).value, "holder")
    await close_dialog(pilot)
    await open_dialog(pilot, "m", "MoveLaneScreen")
    await close_dialog(pilot)
    dialog = await open_dialog(pilot, "g", "GapsScreen")
    shows(dialog.query_one(TextArea).text, "gaps")
    await close_dialog(pilot)


async def check_job_description(pilot) -> None:
    app = pilot.app
    view = await visit(pilot, 4, "job_description")
    shows(plain(app.screen.query_one("#jd-title")), "jdtitle", whole=False)
    shows(app.screen.query_one(DraftText).shown, "jdtext")
    dialog = await open_dialog(pilot, "e", "DraftTextScreen")
    shows(dialog.query_one("#jd-text-title", Input).value, "jdtitle")
    shows(dialog.query_one(TextArea).text, "jdtext")
    await close_dialog(pilot)
    dialog = await open_dialog(pilot, "delete", "ConfirmScreen")
    shows(plain(dialog.query_one(".dialog-title")), "jdtitle")
    await close_dialog(pilot, "escape")
    await pilot.press("c")
    await settle(pilot)
    assert view.pane == "criteria"
    shows(prompts(app, "#jd-criteria"), "checknote")
    await pilot.press("w")
    await settle(pilot)
    flags = prompts(app, "#jd-flags")
    for tag in ("phrase", "reason", "suggestion"):
        shows(flags, tag)
    await pilot.press("s")
    await settle(pilot)
    shows(prompts(app, "#jd-signs"), "signnote")
    await pilot.press("d")
    await settle(pilot)
    assert view.pane == "draft"
    dialog = await open_dialog(pilot, "i", "ImportDraftScreen")
    entry = dialog.query_one("#jd-file-path", Input)
    entry.value = str(Path("sessions", "drafts")) + os.sep
    await settle(pilot)
    listed = prompts(app, "#jd-file-list")
    assert "[x] [link=a:b] bad.docx" in listed and "[x] [link=a:b] draft.md" in listed
    entry.value = str(Path("sessions", "drafts", "[x] [link=a:b] bad.docx"))
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await settle(pilot)
    assert "[x] [link=a:b] bad.docx" in plain(dialog.query_one("#jd-file-error"))
    await close_dialog(pilot)


async def check_dual_roles(pilot) -> None:
    app = pilot.app
    view = await visit(pilot, 5, "dual_roles")
    await pilot.press("escape")
    await settle(pilot)
    table = app.screen.query_one("#dr-table", DataTable)
    ours = next(i for i, r in enumerate(view._rows) if r["situation"].startswith("[/x]situation"))
    table.move_cursor(row=ours, animate=False)
    await settle(pilot)
    row = [str(value).strip() for value in table.get_row_at(ours)]
    assert row[0].startswith("[/x]"), "the situation is shown as typed"
    if len(row) == 2:
        # Below 100 columns the table shows the situation in full; the rest is spelled out below it.
        assert row[1] in {"agreed", "sent", "—"}
    for tag in ("challenge", "plan", "owner", "policy"):
        shows(plain(app.screen.query_one("#dr-detail")), tag, whole=False)
    dialog = await open_dialog(pilot, "e", "DualRoleEditScreen")
    for name, tag in (("situation", "situation"), ("challenge", "challenge"), ("action_plan", "plan"),
                      ("owner", "owner"), ("policy", "policy")):
        shows(dialog.query_one(f"#dr-{name}", Input).value, tag, whole=name not in ("owner", "policy"))
    # A date that is not one: the message repeats what was typed, as typed.
    dialog.query_one("#dr-due", Input).value = "[/x]soon"
    dialog.query_one("#dr-due", Input).focus()
    await pilot.press("enter")
    await settle(pilot)
    assert "'[/x]soon' is not a date" in plain(dialog.query_one("#dr-due-error"))
    await close_dialog(pilot)


async def check_concerns(pilot) -> None:
    app = pilot.app
    await visit(pilot, 6, "concerns")
    await pilot.press("escape")
    await settle(pilot)
    listing = app.screen.query_one("#cn-list", OptionList)
    rows = prompts(app, "#cn-list")
    # The line under a concern holds three lines at most: a category of 2,000 characters fills them.
    for tag in ("concern", "response", "category", "lost"):
        shows(rows, tag, whole=False)
    listing.highlighted = next(i for i, o in enumerate(listing.options) if o and "[/x]concern" in str(o.prompt))
    await settle(pilot)
    dialog = await open_dialog(pilot, "e", "EditConcernScreen")
    shows(dialog.query_one("#cn-text", Input).value, "concern")
    shows(dialog.query_one("#cn-response", TextArea).text, "response")
    shows(plain(dialog.query_one("#cn-category").query_one("SelectCurrent #label")), "category", whole=False)
    await close_dialog(pilot)
    dialog = await open_dialog(pilot, "l", "LibraryScreen")
    shows(plain(dialog.query_one("#library-for")), "concern", whole=False)
    await close_dialog(pilot)


async def check_action_plan(pilot) -> None:
    app = pilot.app
    view = await visit(pilot, 7, "action_plan")
    await pilot.press("escape")
    await settle(pilot)
    rows = prompts(app, "#ap-list")
    for tag in ("task", "what", "who", "out", "concern", "task2", "source"):
        shows(rows, tag, whole=False)
    task = next(r for r in view._records if r["task"].startswith("[/x]task "))
    view.select_record(task["id"])
    await settle(pilot)
    dialog = await open_dialog(pilot, "e", "EditActionScreen")
    shows(dialog.query_one("#ap-task", Input).value, "task", whole=False)  # a task is one line of 2,000
    shows(dialog.query_one("#ap-what", TextArea).text, "what")
    shows(plain(dialog.query_one("#ap-origin")), "concern", whole=False)
    await close_dialog(pilot)
    await open_dialog(pilot, "t", "TopicsScreen")
    await close_dialog(pilot)


async def check_panels(pilot) -> None:
    app = pilot.app
    screen = app.screen
    details = await open_dialog(pilot, "f2", "DetailsScreen")
    for key, tag in (("title", "title"), ("team", "team"), ("organisation", "org"), ("venue", "venue"),
                     ("role_title", "roletitle"), ("facilitators", "facilitator")):
        shows(details.query_one(f"#d-{key}", Input).value, tag, whole=False)
    row = [str(value) for value in details.query_one("#participants", DataTable).get_row_at(0)]
    shows(row[0], "prole", whole=False)
    shows(row[1], "pname", whole=False)
    date = details.query_one("#d-date", Input)
    date.value = "[/x]tomorrow"
    details.save_field(date)
    await settle(pilot)
    assert "'[/x]tomorrow' is not a date" in plain(details.query_one("#d-date-error"))
    date.value = "2026-12-03"
    await close_dialog(pilot)
    await open_dialog(pilot, "f1", "HelpScreen")
    await close_dialog(pilot)
    await open_dialog(pilot, "f3", "AboutScreen")
    await close_dialog(pilot)
    export = await open_dialog(pilot, "f10", "ExportScreen")
    assert export.query_one("#export-path", Input).value
    await close_dialog(pilot)
    await pilot.press("ctrl+o")
    await settle(pilot)
    notes = screen.query_one("#notes-text", TextArea)
    assert notes.has_focus
    shows(notes.text, f"note-{screen.current}")
    await pilot.press("escape")
    await settle(pilot)
    assert not screen.notes_open


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_hostile_text_everywhere(sessions, size):
    path = build(sessions)
    app = make_app(sessions, projector=False)
    async with app.run_test(size=size, notifications=True) as pilot:  # toasts are drawn too
        await settle(pilot)
        table = app.screen.query_one("#workshops", DataTable)
        row = [str(value) for value in table.get_row_at(0)]
        shows(row[0], "title", whole=False)
        if size[0] >= 110:  # narrower, the home screen leaves the team out to show the file whole
            shows(row[1], "team", whole=False)
        assert path.name == "team [x] [link=a:b] day.json" and path.name in " ".join(row)
        confirm = await open_dialog(pilot, "d", "ConfirmScreen")
        shows(plain(confirm.query_one(".dialog-title")), "title", whole=False)
        await pilot.press("escape")
        await settle(pilot)
        assert path.exists()
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "WorkshopScreen"
        shows(plain(app.screen.query_one("#workshop-title")), "title", whole=False)

        await check_hopes_fears(pilot)
        await check_expertise(pilot)
        await check_job_description(pilot)
        await check_dual_roles(pilot)
        await check_concerns(pilot)
        await check_action_plan(pilot)
        await check_panels(pilot)

        await pilot.press("f4")  # projector mode: every activity again, drawn the other way
        await settle(pilot)
        assert app.has_class("-projector")
        for n, key in enumerate(content.ACTIVITY_KEYS, start=1):
            await visit(pilot, n, key)
        await pilot.press("f4")
        await settle(pilot)
        assert app.is_running


# --- files that cannot be opened, and a lock held by someone else -----------------------------------


async def test_a_damaged_file_with_brackets_in_its_name(sessions):
    path = sessions / "bad [x] [link=a:b] [b.json"
    path.write_bytes(b'{"workshop": {"1": {"id": "x", "title": "cut [/x] sho')
    backup_path(path).write_bytes(b"[/x] not json either")
    app = make_app(sessions, path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "ProblemScreen"
        message = plain(app.screen.query_one("#problem-message"))
        assert "bad [x] [link=a:b] [b.json" in message
        labels = "\n".join(plain(label) for label in app.screen.query(Label))
        assert "The backup cannot be used either" in labels
        await pilot.press("escape")
        await settle(pilot)
        home = app.screen.query_one("#workshops", DataTable)
        assert path.name in " ".join(str(v) for v in home.get_row_at(0))


async def test_read_only_banner_for_a_lock_held_by_a_hostile_user_name(sessions):
    path = build(sessions)
    other = "[/x]elsewhere" if socket.gethostname() != "[/x]elsewhere" else "[/x]other"
    lock = path.with_name(path.name + ".lock")
    lock.write_text('{"pid": 1, "host": "%s", "user": "[b]evil", "since": "2026-01-01T10:00:00.000Z"}' % other)
    app = make_app(sessions, path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "WorkshopScreen"
        banner = plain(app.screen.query_one("#read-only-banner", Static))
        assert f"[b]evil on {other} since 10:00 UTC" in banner
        await pilot.press("plus")  # a change is refused, and the message names the holder as written
        await settle(pilot)
        assert "[b]evil" in toasts(app) and other in toasts(app)
        await pilot.press("ctrl+w")
        await settle(pilot)
        title = str(app.screen.query_one("#workshops", DataTable).get_row_at(0)[0])
        shows(title, "title", whole=False)
        assert "(open elsewhere)" in title
    assert lock.exists(), "someone else's lock is left alone"


async def test_the_new_workshop_form_repeats_a_bad_date_as_typed(sessions):
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#new-title", Input).value = hostile("new")
        app.screen.query_one("#new-date", Input).value = "[/x][b"
        app.screen.query_one("#new-title", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "'[/x][b' is not a date" in plain(app.screen.query_one("#new-error"))
        app.screen.query_one("#new-date", Input).value = ""
        app.screen.query_one("#new-title", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "WorkshopScreen"
        shows(plain(app.screen.query_one("#workshop-title")), "new", whole=False)


async def test_an_export_file_name_with_brackets(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("f10")
        await settle(pilot)
        app.screen.query_one("#format-md").value = True
        await settle(pilot)
        target = Path("exports", "[x] [link=a:b] [b record.md")
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert type(app.screen).__name__ == "WorkshopScreen"
        assert f"Saved the record as {target}" in toasts(app)
    assert target.exists()
