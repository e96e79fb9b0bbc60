"""The export dialog offers spreadsheets: one CSV per activity in the folder typed."""

from __future__ import annotations

import csv
from pathlib import Path

from textual.widgets import Input, Label, RadioButton

from tests.tui.helpers import make_app
from tests.tui.settling import until
from tests.tui.test_export_dialog import seed


async def test_the_dialog_writes_spreadsheets_into_a_folder(workshop_file):
    seed(workshop_file)
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        app.screen.query_one("#format-csv", RadioButton).value = True
        await until(pilot, lambda: app.screen.query_one("#export-path", Input).value.endswith("exports"),
                    "the folder offered for spreadsheets")
        assert str(app.screen.query_one("#export-save-as", Label).render()) == "Save in folder"
        folder = Path(app.screen.query_one("#export-path", Input).value)
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: type(app.screen).__name__ == "WorkshopScreen", "the dialog closing")
        assert any("Saved 8 spreadsheets" in n.message for n in app._notifications)
    files = sorted(folder.glob("*.csv"))
    assert len(files) == 8
    text = "".join(p.read_text("utf-8-sig") for p in files)
    assert "A visible hope" in text
    assert "PRIVATE-MARKER-LIVED" not in text and "PRIVATE-MARKER-NAME" not in text
    with open(next(p for p in files if p.name.endswith("-hopes-and-fears.csv")), newline="",
              encoding="utf-8-sig") as handle:
        assert list(csv.reader(handle))[1][:2] == ["Hope", "A visible hope"]


async def test_the_privacy_line_speaks_of_the_spreadsheets_when_they_are_chosen(workshop_file):
    from workshop.store import Session

    with Session.open(workshop_file) as session:
        session.insert("hopes_fears", kind="hope", text="Nothing personal here")
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        privacy = app.screen.query_one("#export-privacy", Label)
        await until(pilot, lambda: "in the record." in str(privacy.render()), "the record's line")
        app.screen.query_one("#format-csv", RadioButton).value = True
        await until(pilot, lambda: "in the spreadsheets." in str(privacy.render()), "the spreadsheets' line")
