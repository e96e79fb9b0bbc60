"""Job description review, driven through the real app with the Pilot: the drafts
(import from .docx/.md/.txt, paste, edit, delete, switch) and bad files.

The helpers here are shared with test_job_description_review.py and _snapshots.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from textual.widgets import Input, TextArea

from tests.tui.helpers import make_app
from workshop.store import Session
from workshop.tui.widgets.jd_draft import DraftText

SAMPLE = """# Peer Support Worker
The postholder will support service users and patients to manage their symptoms.
They will attend the MDT and hold a caseload.
Regular supervision is provided."""


def stored(path: Path, table: str) -> list[dict]:
    with Session.open(path, read_only=True) as session:
        return session.records(table)


def add_draft(path: Path, text: str = SAMPLE, title: str = "PSW draft v1", **fields) -> dict:
    with Session.open(path) as session:
        return session.insert("job_descriptions", title=title, text=text, **fields)


def make_docx(path: Path) -> Path:
    doc = Document()
    doc.add_heading("Peer Support Worker", level=1)
    doc.add_paragraph("Support patients with their recovery goals.")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Essential"
    table.cell(0, 1).text = "Lived experience of mental health problems"
    table.cell(1, 0).text = "Desirable"
    table.cell(1, 1).text = "Knowledge of the user movement"
    doc.add_paragraph("Closing words.")
    doc.save(path)
    return path


def view(app):
    return app.screen.views["job_description"]


async def open_review(pilot, pane: str | None = None) -> None:
    pilot.app.screen.show_activity("job_description")
    await pilot.pause()
    await pilot.pause()  # a view is built on first visit and filled just after it mounts
    if pane:
        await pilot.press(pane)
        await pilot.pause()


async def import_path(pilot, typed: str) -> None:
    """Open the import dialog, type a path, press Enter and wait for the reading worker."""
    await pilot.press("i")
    await pilot.pause()
    pilot.app.screen.query_one("#jd-file-path").value = typed
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def everything_but_the_workshop_record(path: Path) -> dict:
    with Session.open(path, read_only=True) as session:
        snapshot = session.snapshot()
    del snapshot["workshop"]  # it remembers the current activity
    return snapshot


def shown(app) -> str:
    return app.screen.query_one(DraftText).shown


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


# --- arriving, importing ----------------------------------------------------------------------


async def test_arrival_shows_what_to_do_and_focuses_the_draft(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("alt+4")
        await pilot.pause()
        assert app.screen.current == "job_description"
        assert isinstance(app.focused, DraftText)
        assert "No draft job description yet" in shown(app) and "import a file" in shown(app)
        keys = {b.binding.action for b in app.screen.active_bindings.values()}
        assert {"import_file", "paste"} <= keys


async def test_import_docx_in_a_worker_then_saved_and_checked(workshop_file, tmp_path):
    source = make_docx(tmp_path / "PSW_JD_v3.docx")
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await import_path(pilot, str(source))
        assert app.screen is not None and app.screen.id != "jd-file" and not app.screen.is_modal
        assert "Support patients⟨1⟩ with their recovery goals." in shown(app)
        assert "Essential | Lived experience of mental health problems" in shown(app)
        assert isinstance(app.focused, DraftText)
    drafts = stored(workshop_file, "job_descriptions")
    assert [(d["title"], d["imported_from"]) for d in drafts] == [("Peer Support Worker", "PSW_JD_v3.docx")]
    assert drafts[0]["text"].index("Support patients") < drafts[0]["text"].index("Essential |") \
        < drafts[0]["text"].index("Closing words")
    flags = stored(workshop_file, "jd_flags")
    assert {f["jd_id"] for f in flags} == {drafts[0]["id"]}
    assert "patients" in [f["phrase"] for f in flags]
    assert all(f["state"] == "open" for f in flags)


@pytest.mark.parametrize("name, body", [
    ("draft.md", "# Peer Support Worker\n\nSupport clients with **hope**.\n"),
    ("draft.txt", "Peer Support Worker\r\nSupport clients with hope.\r\n"),
])
async def test_import_markdown_and_text(workshop_file, tmp_path, monkeypatch, name, body):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / name).write_text(body, encoding="utf-8")
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await import_path(pilot, f"~/{name}")
        assert "clients⟨1⟩" in shown(app)
    drafts = stored(workshop_file, "job_descriptions")
    assert drafts[0]["imported_from"] == name and "\r" not in drafts[0]["text"]


async def test_the_folder_listing_picks_a_file(workshop_file, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Drafts").mkdir()
    (tmp_path / "Drafts" / "jd.md").write_text("Support clients.", encoding="utf-8")
    (tmp_path / "Drafts" / "photo.png").write_bytes(b"\x89PNG")
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*"~/Dr")
        listing = app.screen.query_one("#jd-file-list")
        assert [str(o.prompt) for o in listing.options] == ["Drafts/"]
        await pilot.press("down", "enter")  # into the folder
        await pilot.pause()
        assert app.screen.query_one("#jd-file-path", Input).value.endswith("Drafts/")
        assert [str(o.prompt) for o in listing.options] == ["jd.md"]  # the picture is left out
        await pilot.press("down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert not app.screen.is_modal
    assert stored(workshop_file, "job_descriptions")[0]["imported_from"] == "jd.md"


BAD_FILES = {
    "missing": (lambda d: d / "nope.docx", "There is no file"),
    "folder": (lambda d: (d / "folder.docx").mkdir() or d / "folder.docx", "is a folder"),
    "not a docx": (lambda d: (d / "fake.docx").write_text("hello") and d / "fake.docx", "not a Word document"),
    "corrupt zip": (lambda d: (d / "bad.docx").write_bytes(b"PK\x03\x04broken") and d / "bad.docx",
                    "not a Word document"),
    "unknown extension": (lambda d: (d / "jd.pdf").write_bytes(b"%PDF") and d / "jd.pdf", "PDF"),
    "binary junk": (lambda d: (d / "junk.txt").write_bytes(b"\x00\x01\x02" * 50) and d / "junk.txt",
                    "does not contain plain text"),
    "over 5 MB": (lambda d: (d / "big.md").write_bytes(b"a" * (5 * 1024 * 1024 + 10)) and d / "big.md", "5 MB"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
async def test_a_file_that_cannot_be_read_changes_nothing(workshop_file, tmp_path, case):
    make, words = BAD_FILES[case]
    bad = make(tmp_path)
    add_draft(workshop_file)
    before = everything_but_the_workshop_record(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await import_path(pilot, str(bad))
        assert app.screen.is_modal, "the dialog stays open so the path can be corrected"
        assert words in str(app.screen.query_one("#jd-file-error").render())
        assert app.screen.query_one("#jd-file-path", Input).value.rstrip("/") == str(bad)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.is_modal
        assert "support service users and patients" in shown(app)
    assert [d["title"] for d in stored(workshop_file, "job_descriptions")] == ["PSW draft v1"]
    assert stored(workshop_file, "jd_flags") == []
    assert everything_but_the_workshop_record(workshop_file) == before


async def test_permission_denied_in_the_dialog(workshop_file, tmp_path, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text("Peer role")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await import_path(pilot, str(locked))
        assert "not allowed to read" in str(app.screen.query_one("#jd-file-error").render())
    assert stored(workshop_file, "job_descriptions") == []


# --- paste, edit, delete, switch ------------------------------------------------------------------


async def paste(pilot, text: str, title: str = "") -> None:
    await pilot.press("p")
    await pilot.pause()
    screen = pilot.app.screen
    screen.query_one("#jd-text-title", Input).value = title
    screen.query_one("#jd-text-body", TextArea).load_text(text)
    await pilot.press("ctrl+e")
    await pilot.pause()
    await pilot.pause()


async def test_paste_a_draft(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.focused, TextArea), "the paste box has focus"
        await pilot.press(*"Support clients")
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.pause()
        assert not app.screen.is_modal
        assert "Draft 1 of 1: Support clients" in str(app.screen.query_one("#jd-title").render())
    drafts = stored(workshop_file, "job_descriptions")
    assert [(d["title"], d["text"], d["imported_from"]) for d in drafts] == [
        ("Support clients", "Support clients", None)]
    assert "clients" in [f["phrase"] for f in stored(workshop_file, "jd_flags")]


async def test_paste_nothing_or_cancel_saves_nothing(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await paste(pilot, "   \n  ")
        assert app.screen.is_modal
        assert "no text yet" in str(app.screen.query_one("#jd-text-error").render())
        app.screen.query_one("#jd-text-body", TextArea).load_text("Half a draft")
        await pilot.press("escape")
        await pilot.pause()
        assert "Close without saving?" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#jd-text-body", TextArea).text == "Half a draft"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert not app.screen.is_modal
    assert stored(workshop_file, "job_descriptions") == []


async def test_a_failed_save_keeps_the_pasted_text_on_screen(workshop_file):
    from workshop.store import SaveError

    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        session = app.screen.session
        real = session.insert_many

        def fail(*args, **kwargs):
            raise SaveError("The disk is full.")

        session.insert_many = fail
        await paste(pilot, "Support clients", "My draft")
        assert app.screen.is_modal
        assert app.screen.query_one("#jd-text-body", TextArea).text == "Support clients"
        assert "Not saved" in str(app.screen.query_one("#jd-text-error").render())
        session.insert_many = real
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert not app.screen.is_modal
    assert [d["title"] for d in stored(workshop_file, "job_descriptions")] == ["My draft"]


async def test_edit_a_draft_rechecks_and_keeps_decisions(workshop_file):
    draft = add_draft(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await pilot.press("r")  # check the wording of a draft that was never checked
        await pilot.pause()
        flags = {f["phrase"]: f for f in stored_live(app)}
        app.screen.session.update("jd_flags", flags["patients"]["id"], state="accepted")
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        body = screen.query_one("#jd-text-body", TextArea)
        assert body.text == draft["text"]
        body.load_text(draft["text"].replace("patients", "people").replace("caseload", "workload"))
        screen.query_one("#jd-text-title", Input).value = "PSW draft v2"
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert not app.screen.is_modal
    flags = {f["phrase"]: f for f in stored(workshop_file, "jd_flags")}
    assert flags["patients"]["state"] == "accepted", "a decision is kept when its phrase is gone"
    assert "caseload" not in flags, "an open flag whose phrase is gone is removed"
    assert "service users" in flags
    assert stored(workshop_file, "job_descriptions")[0]["title"] == "PSW draft v2"


def stored_live(app) -> list[dict]:
    return app.screen.session.records("jd_flags")


async def test_delete_a_draft_with_its_review_then_undo(workshop_file):
    add_draft(workshop_file, title="First")
    add_draft(workshop_file, text="Support clients.", title="Second")
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        assert "Draft 2 of 2: Second" in str(app.screen.query_one("#jd-title").render())
        await pilot.press("r", "c", "1", "s", "space", "d")
        await pilot.pause()
        assert len(stored_live(app)) > 0
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert "Draft 1 of 1: First" in str(app.screen.query_one("#jd-title").render())
        session = app.screen.session
        assert [session.records(t) for t in ("jd_checks", "jd_flags", "jd_compromise")] == [[], [], []]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(session.records("jd_checks")) == 1 and len(session.records("jd_compromise")) == 1
        assert len(session.records("jd_flags")) > 0
        assert [d["title"] for d in session.records("job_descriptions")] == ["First", "Second"]
    assert len(stored(workshop_file, "job_descriptions")) == 2


async def test_switch_between_drafts(workshop_file):
    add_draft(workshop_file, title="First", text="Support clients.")
    add_draft(workshop_file, title="Second", text="Support patients.")
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        title = app.screen.query_one("#jd-title")
        assert "2 of 2: Second" in str(title.render()) and "patients" in shown(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "1 of 2: First" in str(title.render()) and "clients" in shown(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "2 of 2: Second" in str(title.render())
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "1 of 2: First" in str(title.render()), "it wraps round"


async def test_brackets_in_titles_and_file_names_are_shown_as_typed(workshop_file, tmp_path):
    odd = tmp_path / "jd [v2].md"
    odd.write_text("Support clients.", encoding="utf-8")
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await paste(pilot, "Support people.", "[b]PSW[/b] [draft")
        assert "Draft 1 of 1: [b]PSW[/b] [draft" in str(app.screen.query_one("#jd-title").render())
        await import_path(pilot, str(odd))
        assert "Draft 2 of 2: jd [v2]" in str(app.screen.query_one("#jd-title").render())
        assert "from jd [v2].md" in str(app.screen.query_one("#jd-status").render())
        await pilot.press("delete")
        await pilot.pause()
        assert "jd [v2]" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("n")
    assert [d["title"] for d in stored(workshop_file, "job_descriptions")] == ["[b]PSW[/b] [draft", "jd [v2]"]
