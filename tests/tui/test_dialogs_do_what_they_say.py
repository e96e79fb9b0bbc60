"""Dialogs do what they say: in the attendee dialog Enter saves from any field, even the
consent box, and Space ticks the box."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, DataTable

from tests.tui.helpers import make_app
from workshop.store import Session


def people(path) -> list[tuple[str, str, bool]]:
    with Session.open(path, read_only=True) as session:
        return [(p["role"], p["name"], p["name_in_record"]) for p in session.records("participants")]


@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
async def test_space_ticks_the_consent_box_and_enter_on_it_saves(workshop_file, projector):
    app = make_app(workshop_file.parent, workshop_file, projector=projector)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one("#participants", DataTable).focus()
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "ParticipantScreen"
        assert "Enter saves" in str(dialog.query_one(".dialog-help").render())
        await pilot.press(*"Social worker", "tab", *"Alex", "tab")
        await pilot.pause()
        consent = dialog.query_one("#p-consent", Checkbox)
        assert app.focused is consent
        await pilot.press("space")
        await pilot.pause()
        assert consent.value is True and app.screen is dialog, "Space ticks and the dialog stays"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not dialog, "Enter on the box saves, as the dialog says"
        assert type(app.screen).__name__ == "DetailsScreen"
    assert people(workshop_file) == [("Social worker", "Alex", True)]
