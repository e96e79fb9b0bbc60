"""Edit a submission before accepting it: its words and its choice (hope or fear, lane,
category). Nothing is saved here; the words stay in the queue until accepted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from workshop.room import Submission
from workshop.tui.widgets.entry import TextField
from workshop.tui.widgets.literal import literal


class EditSubmissionScreen(ModalScreen[tuple[str, str] | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="room_edit.cancel")]

    def __init__(self, sub: Submission, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.sub = sub
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Edit before accepting", classes="dialog-title")
            yield Label("Words")
            yield TextField(self.sub.text, id="room-edit-text")
            yield Label("Kind")
            yield Select([(literal(label), key or "-") for key, label in self.options],
                         value=self.sub.choice or "-", allow_blank=False, id="room-edit-choice")
            yield Label("Enter keeps the change · Esc cancels", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#room-edit-text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        choice = self.query_one("#room-edit-choice", Select).value
        self.dismiss((("" if choice == "-" else str(choice)), event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)
