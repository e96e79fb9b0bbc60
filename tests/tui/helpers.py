"""Helpers for driving the real app with the Pilot."""

from __future__ import annotations

from pathlib import Path

from workshop.tui.app import TeamDayApp

# A fixed instant (2026-01-01) for file times shown on screen, so snapshots do not drift.
FIXED_MTIME = 1767225600


class FakeClock:
    """Stands in for time.monotonic so timer tests and snapshots do not wait or drift."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_app(sessions: Path, path: Path | None = None, *, projector: bool | None = None) -> TeamDayApp:
    app = TeamDayApp(sessions_dir=sessions, open_path=path, exports_dir=sessions.parent / "exports",
                     clock=FakeClock())
    if projector is not None:
        app.settings.projector = projector
    return app


async def steady(pilot) -> None:
    """Stop blinking cursors so screenshots are the same every run."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await pilot.pause()
