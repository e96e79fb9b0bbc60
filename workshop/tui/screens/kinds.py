"""What the app may ask of a screen, said as classes rather than looked up by name.

The app ends by asking every screen that holds work to save it; the command palette and
the help screen ask the screen on top for its own entries. A screen says it can do these
by inheriting the class, and the app asks with isinstance, never by probing for a method."""

from __future__ import annotations

from typing import Iterable

from textual.app import SystemCommand
from textual.binding import Binding
from textual.widget import Widget


class SavesOnClose:
    """Holds words not yet saved or a workshop file to release when the app ends."""

    def close_session(self) -> None:
        raise NotImplementedError


class OffersCommands:
    """Adds its own entries to the command palette and the help screen."""

    def palette_commands(self) -> Iterable[SystemCommand]:
        return ()

    def palette_targets(self) -> list[tuple[Widget, Widget | None]]:
        """Widgets whose keys the palette offers even while typing, each with the list to
        move to before acting (None if it acts where it is)."""
        return []

    def activity_bindings(self) -> list[Binding] | None:
        """The keys of the activity on show, listed first by help; None when there is none."""
        return None
