"""Shown instead of the day while the window is too small to read: one clear message, rather
than lists squeezed to nothing. It goes away by itself when the window is large enough."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 60, 16
MESSAGE = (f"Make the window larger or the text smaller: Team Day needs at least {MIN_WIDTH} columns "
           f"and {MIN_HEIGHT} rows.")


def too_small(width: int, height: int) -> bool:
    return 0 < width < MIN_WIDTH or 0 < height < MIN_HEIGHT


class TooSmallScreen(Screen[None]):
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen #too-small-message {
        width: 1fr; max-width: 50; height: auto; padding: 1 2;
        border: heavy $primary; text-style: bold; text-align: center;
    }
    """

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield Static(MESSAGE, id="too-small-message", markup=False)
