"""Go to an activity by its number: F5, then a digit.

Alt+digit does the same where the terminal passes it on, but tmux swallows it and the
macOS Terminal types "¡" instead; F5 then a digit works in every terminal, and a digit
typed here can never land in an entry box."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workshop.tui.widgets.literal import literal


class GoToScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape,f5", "close", "Close", id="goto.close")]

    def __init__(self, choices: list[tuple[str, str, str]], current: str) -> None:
        """`choices`: (digit or letter, activity key, title), in the order of the day."""
        super().__init__(id="goto-screen")
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="goto-dialog"):
            yield Label("Go to an activity", classes="dialog-title")
            yield OptionList(*(Option(literal(f"{mark}  {title}"), id=key) for mark, key, title in self.choices),
                             id="goto-list")
            yield Label("Press its number, or ↑↓ and Enter · Esc closes", classes="dialog-help")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        keys = [key for _mark, key, _title in self.choices]
        listing.highlighted = keys.index(self.current) if self.current in keys else 0
        listing.focus()

    def on_key(self, event: Key) -> None:
        for mark, key, _title in self.choices:
            if event.character and event.character.lower() == mark.lower():
                event.stop()
                self.dismiss(key)
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
