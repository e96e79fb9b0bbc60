"""Exporting the record from the app: the dialog, the worker, the notice, no silent overwrite."""

from __future__ import annotations

import docx
from textual.widgets import Checkbox, Input

from tests.tui.helpers import make_app
from workshop.store import Session


def seed(path):
    with Session.open(path) as session:
        session.insert("hopes_fears", kind="hope", text="A visible hope")
        session.insert("expertise", source="lived", text="PRIVATE-MARKER-LIVED", in_record=True)
        session.insert("participants", role="Nurse", name="PRIVATE-MARKER-NAME", name_in_record=True)


def document_text(path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


async def test_export_from_the_app_is_private_by_default(workshop_file):
    seed(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        target = app.screen.query_one("#export-path", Input).value
        assert target.endswith(".docx") and "riverside-cmht-team-day" in target
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "WorkshopScreen"
    text = document_text(target)
    assert "A visible hope" in text
    assert "PRIVATE-MARKER-LIVED" not in text and "PRIVATE-MARKER-NAME" not in text


async def test_export_with_consented_names_and_shareable_lived_entries(workshop_file):
    seed(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        app.screen.query_one("#export-names", Checkbox).value = True
        app.screen.query_one("#export-lived", Checkbox).value = True
        target = app.screen.query_one("#export-path", Input).value
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
    text = document_text(target)
    assert "PRIVATE-MARKER-LIVED" in text and "PRIVATE-MARKER-NAME" in text


async def test_an_existing_record_is_not_overwritten_without_asking(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        target = app.screen.query_one("#export-path", Input).value
        from pathlib import Path

        Path(target).parent.mkdir(parents=True, exist_ok=True)
        Path(target).write_bytes(b"an earlier record")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("n")
        await pilot.pause()
        assert Path(target).read_bytes() == b"an earlier record"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
    assert Path(target).read_bytes()[:2] == b"PK"


async def test_markdown_export_from_the_app(workshop_file):
    seed(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        app.screen.query_one("#format-md").value = True
        await pilot.pause()
        target = app.screen.query_one("#export-path", Input).value
        assert target.endswith(".md")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
    from pathlib import Path

    text = Path(target).read_text()
    assert "A visible hope" in text and "PRIVATE-MARKER" not in text


async def test_the_dialog_says_how_many_names_it_will_replace_before_writing(workshop_file):
    with Session.open(workshop_file) as session:
        session.insert("participants", name="Morag Ellison", role="Team manager")
        session.insert("participants", name="Sam Whitford", role="Team manager", name_in_record=True)
        session.insert("hopes_fears", kind="hope", text="Morag Ellison and Sam will lead")
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        told = str(app.screen.query_one("#export-privacy").render())
        assert told.startswith("2 names of people who took part were replaced by their role"), told
        app.screen.query_one("#export-names", Checkbox).value = True
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        told = str(app.screen.query_one("#export-privacy").render())
        assert told.startswith("1 name of a person who did not agree to be named was replaced"), told
        assert not list(workshop_file.parent.glob("**/*.docx")), "nothing is written until asked"


async def test_the_dialog_never_writes_over_the_workshop_or_anything_that_is_not_a_file(workshop_file):
    """From the app, a record once replaced the open workshop: the words typed since opening were lost."""
    import os
    from pathlib import Path

    from textual.widgets import Label

    from workshop.store import backup_path, lock_path, read_session_file

    other = workshop_file.with_name("other.json")
    Session.create(other, title="Another team").close()
    fifo = Path("pipe.docx")
    os.mkfifo(fifo)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press(*"Words typed since opening", "enter")
        await pilot.pause()
        before = {p: p.read_bytes() for p in (workshop_file, backup_path(workshop_file), other)}
        targets = {
            str(workshop_file): "is the workshop file",
            str(backup_path(workshop_file)): "is the workshop file",
            str(lock_path(workshop_file)): "is the workshop file",
            str(Path("sessions/../sessions") / workshop_file.name): "is the workshop file",
            str(other): "sessions folder",
            str(fifo): "a named pipe",
        }
        await pilot.press("f10")
        await pilot.pause()
        for target, words in targets.items():
            app.screen.query_one("#export-path", Input).value = target
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert type(app.screen).__name__ == "ExportScreen", "refused outright, not asked about"
            status = str(app.screen.query_one("#export-status", Label).render())
            assert words in status and "choose another name" in status, (target, status)
            assert app._notifications and words in list(app._notifications)[-1].message
        assert {p: p.read_bytes() for p in before} == before
        assert os.path.exists(fifo) and not os.path.isfile(fifo)
    texts = [r["text"] for r in read_session_file(workshop_file)["hopes_fears"].values()]
    assert "Words typed since opening" in texts


async def until(pilot, condition, seconds: float = 10.0) -> None:
    """Wait for `condition`, failing after `seconds` rather than hanging."""
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the screen did not get there in time"
        await pilot.pause(0.05)


async def test_a_second_export_on_the_same_day_gets_its_own_name(workshop_file):
    from pathlib import Path

    names = []
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(2):
            await pilot.press("f10")
            await pilot.pause()
            names.append(Path(app.screen.query_one("#export-path", Input).value))
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await until(pilot, lambda: type(app.screen).__name__ == "WorkshopScreen")
    assert names[1] == names[0].with_name(f"{names[0].stem}-2.docx")
    assert all(name.read_bytes()[:2] == b"PK" for name in names)
