"""Waiting for the app's readiness (workshop.tui.settle) instead of guessing pauses."""

from __future__ import annotations

import time

from workshop.tui.settle import is_settled

DEADLINE = 15.0  # seconds; only reached when something is really stuck, and then the test says so


def patched_pause(original):
    async def pause(self, delay: float | None = None) -> None:
        await original(self, delay)
        if delay is not None or not hasattr(self.app, "settings"):
            return
        give_up = time.monotonic() + DEADLINE
        while not is_settled(self.app) and time.monotonic() < give_up:
            await original(self, None)
        # Work that the last deferred callback queued (a focus change, say) is handled now.
        await original(self, None)

    return pause


async def until(pilot, predicate, what: str, deadline: float = DEADLINE) -> None:
    """Pause until `predicate()` holds, failing with `what` after `deadline` seconds."""
    give_up = time.monotonic() + deadline
    while not predicate():
        if time.monotonic() > give_up:
            raise AssertionError(f"gave up waiting: {what}")
        await pilot.pause()
