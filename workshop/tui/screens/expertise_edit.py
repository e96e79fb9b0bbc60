"""Dialogs for one expertise entry: edit it, or move it to another lane."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList
from textual.widgets.option_list import Option

from workshop.tui.widgets.entry import TextField
from workshop import model
from workshop.tui.widgets.literal import literal

LIVED = "lived"


class EditExpertiseScreen(ModalScreen[dict | None]):
    """Edit the words, who holds it (optional) and whether it may go in the record.

    No name can be attached to personal experience of distress: the field is not offered."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="expertise.edit.cancel"),
        Binding("ctrl+z", "noop", id="expertise.edit.noop", show=False, priority=True),
    ]

    def __init__(self, record: dict, lane_title: str) -> None:
        super().__init__()
        self.record = record
        self.lane_title = lane_title

    @property
    def lived(self) -> bool:
        return self.record["source"] == LIVED

    def compose(self) -> ComposeResult:
        record = self.record
        with Vertical(classes="dialog", id="expertise-edit"):
            yield Label(literal(f"Edit: {self.lane_title}"), classes="dialog-title")
            yield Label("Words" + (" (may stay empty: the entry is then only counted)" if self.lived else ""))
            yield TextField(record["text"], id="expertise-text")
            if self.lived:
                yield Label("No name is ever attached to personal experience.", classes="dialog-help")
            else:
                yield Label("Who brings it (optional; leave empty to stay anonymous)")
                yield TextField(record.get("holder") or "", id="expertise-holder")
            yield Checkbox("Shareable in the record", record.get("in_record", not self.lived),
                           id="expertise-shareable")
            yield Label("Enter in a text box saves · Space ticks the box · Esc cancels", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#expertise-text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = model.clean_text(self.query_one("#expertise-text", Input).value).strip()
        if not text and not self.lived:
            self.notify("The words cannot be empty; use Delete to remove an entry.", severity="warning", markup=False)
            return
        changes: dict = {"text": text}
        if not self.lived:
            changes["holder"] = model.clean_line(self.query_one("#expertise-holder", Input).value) or None
        shareable = self.query_one("#expertise-shareable", Checkbox).value
        if shareable and self.lived and not text:
            self.notify("An entry that is only counted has no words to share.", severity="warning", markup=False)
            return
        if shareable != self.record.get("in_record"):
            changes.update(in_record=shareable, in_record_chosen=True)
        changed = {k: v for k, v in changes.items() if self.record.get(k) != v}
        self.dismiss(changed or None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_noop(self) -> None:
        """Undo of the workshop waits until the dialog is closed."""


class MoveLaneScreen(ModalScreen[str | None]):
    """Choose the lane to move an entry to: 1, 2 or 3, or the arrows and Enter."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="expertise.move.cancel"),
        Binding("1", "pick(0)", "First lane", id="expertise.move.1", show=False),
        Binding("2", "pick(1)", "Second lane", id="expertise.move.2", show=False),
        Binding("3", "pick(2)", "Third lane", id="expertise.move.3", show=False),
    ]

    def __init__(self, lanes: list[tuple[str, str]], current: str) -> None:
        super().__init__()
        self.lanes = lanes  # (key, title)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="expertise-move"):
            yield Label("Move this entry to", classes="dialog-title")
            yield OptionList(
                *(Option(literal(f"{n}  {title}" + ("  (here now)" if key == self.current else "")), id=key,
                         disabled=key == self.current)
                  for n, (key, title) in enumerate(self.lanes, start=1)),
                id="expertise-lanes",
            )
            yield Label("1, 2 or 3 · or arrows and Enter · Esc cancels", classes="dialog-help")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = next(i for i, (key, _) in enumerate(self.lanes) if key != self.current)
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_pick(self, index: int) -> None:
        if 0 <= index < len(self.lanes) and self.lanes[index][0] != self.current:
            self.dismiss(self.lanes[index][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
