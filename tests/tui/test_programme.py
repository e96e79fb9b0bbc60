"""The programme view from the home screen: read in a worker, laid out when it arrives,
readable at 80x24; W writes the Word programme; nothing in the folder changes."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from tests.helpers.followup import build_earlier
from tests.helpers.sessions import fingerprint
from tests.tui.helpers import make_app
from tests.tui.settling import until
from workshop.store import Session


def _text(app) -> str:
    """What the programme screen says, as plain text (the headline and every section)."""
    from rich.console import Console

    console = Console(width=78, record=True, file=io.StringIO())
    console.print(app.screen.render_view(app.screen.view))
    return str(app.screen.query_one("#programme-headline").render()) + "\n" + console.export_text()


def _loaded(app) -> bool:
    return type(app.screen).__name__ == "ProgrammeScreen" and app.screen.view is not None


async def test_the_programme_opens_from_home_and_reads_everything_read_only(sessions: Path):
    build_earlier(sessions / "riverside.json")
    with Session.create(sessions / "northside.json", title="Northside day", team="Northside Recovery Team",
                        date="2026-11-20") as session:
        session.insert("hopes_fears", kind="fear", text="Being on their own", theme="Support", votes=3)
        session.insert("concerns", text="Who supervises the peer worker?", category="supervision", status="open")
    (sessions / "broken.json").write_bytes(b"{ cut short")
    before = {p.name: fingerprint(p) for p in sessions.iterdir()}
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await until(pilot, lambda: _loaded(app), "the programme is read and shown")
        text = _text(app)
        shown = app.export_screenshot()  # what the room sees, not only what the screen holds
        assert "Northside" in shown and "Riverside" in shown
        assert "2 teams · 2 team days · 0 follow-up reviews" in text and "1 file skipped" in text
        assert "Riverside CMHT" in text and "Northside Recovery Team" in text
        assert "Open concerns by category" in text and "Support" in text
        assert "broken.json" in text and "cut short" in text
        assert "Priya" not in text  # did not agree to be named
        footer = " ".join(str(k.render()) for k in app.screen.query("FooterKey"))
        assert "Back" in footer and "Word" in footer
        await pilot.press("w")
        exports = sessions.parent / "exports"
        await until(pilot, lambda: exports.is_dir() and any(exports.glob("programme-*.docx")), "the Word programme")
        await app.workers.wait_for_complete()
        written = next(exports.glob("programme-*.docx"))
        assert "Programme of team days" in [p.text for p in docx.Document(str(written)).paragraphs]
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen", "back on the home screen")
    assert {p.name: fingerprint(p) for p in sessions.iterdir()} == before


async def test_the_programme_is_in_the_command_palette(sessions: Path):
    app = make_app(sessions)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Programme across workshops and teams" in titles
        await pilot.press("p")
        await until(pilot, lambda: _loaded(app), "the empty programme")
        assert "No workshops in sessions yet" in _text(app)
