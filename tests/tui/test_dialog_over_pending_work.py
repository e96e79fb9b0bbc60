"""Work a screen queued to run after its next refresh still runs when a dialog opens over it
at once (Help pressed as the workshop opens): before, the screen went quiet with the work
queued, and "ready" never came while the dialog was up (the help snapshot waited 60 s)."""

from __future__ import annotations

import asyncio
import time

from tests.tui.helpers import make_app
from workshop.tui import settle


async def test_help_opened_as_the_workshop_opens_leaves_no_work_waiting(workshop_file):
    stuck = []
    for _attempt in range(4):  # it happened in about two runs of three
        app = make_app(workshop_file.parent, workshop_file)

        async def auto_pilot(pilot, app=app):
            await pilot.press("f1")
            give_up = time.monotonic() + 5
            while settle.pending(app) and time.monotonic() < give_up:
                await asyncio.sleep(0.05)
            stuck.append(settle.pending(app))
            app.exit()

        await app.run_async(headless=True, size=(80, 24), auto_pilot=auto_pilot)
    assert stuck == [0, 0, 0, 0]
