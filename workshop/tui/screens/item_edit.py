"""Small dialogs for one hope or fear: edit it, or give it a theme."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select

from workshop.tui.widgets.entry import TextField
from workshop import content, model
from workshop.tui.widgets.literal import literal


class EditItemScreen(ModalScreen[dict | None]):
    """Edit the text, theme, who it is about and (optionally) the role of whoever said it."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="edit.cancel"),
        Binding("ctrl+z", "noop", show=False, priority=True),
    ]

    def __init__(self, record: dict, themes: list[str]) -> None:
        super().__init__()
        self.record = record
        self.themes = themes

    def compose(self) -> ComposeResult:
        record = self.record
        about = [(a["label"], a["key"]) for a in content.hopes_fears()["about"]]
        if record.get("about") and record["about"] not in {key for _, key in about}:
            about.append((literal(record["about"]), record["about"]))  # keep a value we do not know
        with Vertical(classes="dialog"):
            yield Label(literal(f"Edit this {record['kind']}"), classes="dialog-title")
            yield Label("Text")
            yield TextField(record["text"], id="edit-text")
            yield Label("Theme (optional)")
            yield TextField(record.get("theme") or "", id="edit-theme",
                        suggester=SuggestFromList(self.themes, case_sensitive=False))
            yield Label("About whom (optional)")
            yield Select(about, value=record.get("about") or Select.NULL, id="edit-about",
                         prompt="Not said")
            yield Label("Role of the person who said it (optional; leave empty to stay anonymous)")
            yield TextField(record.get("author_role") or "", id="edit-role")
            yield Label("Enter saves · Esc cancels", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#edit-text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = model.clean_text(self.query_one("#edit-text", Input).value).strip()
        if not text:
            self.notify("The text cannot be empty; use Delete to remove an item.", severity="warning", markup=False)
            return
        about = self.query_one("#edit-about", Select).value
        changes = {
            "text": text,
            "theme": model.clean_line(self.query_one("#edit-theme", Input).value) or None,
            "about": None if about is Select.NULL else about,
            "author_role": model.clean_line(self.query_one("#edit-role", Input).value) or None,
        }
        changed = {k: v for k, v in changes.items() if self.record.get(k) != v}
        self.dismiss(changed or None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_noop(self) -> None:
        """Undo of the workshop waits until the dialog is closed."""


class ThemeScreen(ModalScreen[str | None]):
    """Pick an existing theme or type a new one. An empty answer clears the theme."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="theme.cancel")]

    def __init__(self, current: str, themes: list[str]) -> None:
        super().__init__()
        self.current = current
        self.themes = themes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Theme", classes="dialog-title")
            existing = ", ".join(self.themes) if self.themes else "none yet"
            yield Label(literal(f"Themes so far: {existing}"), classes="dialog-help")
            yield TextField(self.current, id="theme-name", placeholder="a new or existing theme",
                        suggester=SuggestFromList(self.themes, case_sensitive=False))
            yield Label("Enter applies (empty clears) · Esc cancels", classes="dialog-help")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = model.clean_line(event.value)
        # Reuse an existing theme's spelling so "Support" and "support" group together.
        match = next((t for t in self.themes if t.casefold() == typed.casefold()), typed)
        self.dismiss(match)

    def action_cancel(self) -> None:
        self.dismiss(None)
