"""Paste a draft job description, or edit the title and text of one already in the workshop."""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea

from workshop.tui.widgets.entry import TextField
from workshop import model


class DraftTextScreen(ModalScreen[bool]):
    """Title and text of a draft. `save(title, text)` stores it and returns True; if it
    cannot (the save failed), the dialog stays open with everything typed still in it."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    DraftTextScreen Label { width: 1fr; }
    DraftTextScreen #jd-text-dialog {
        width: 100;
        height: 90%;
    }
    DraftTextScreen #jd-text-body {
        height: 1fr;
        min-height: 4;
    }
    """

    BINDINGS = [
        Binding("ctrl+e", "save", "Save the draft", id="jd.text.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="jd.text.cancel"),
    ]

    def __init__(self, heading: str, save: Callable[[str, str], bool], *, title: str = "", text: str = "") -> None:
        super().__init__()
        self.heading = heading
        self.save = save
        self.initial = (title, text)

    def compose(self) -> ComposeResult:
        title, text = self.initial
        with Vertical(classes="dialog", id="jd-text-dialog"):
            yield Label(self.heading, classes="dialog-title")
            yield Label("Title (for example the post and version)")
            yield TextField(title, id="jd-text-title", placeholder="left empty: the first line of the text")
            yield Label("Text of the draft: paste it here (your terminal's paste, often ctrl+shift+v)")
            yield TextArea(text, id="jd-text-body", soft_wrap=True, tab_behavior="focus")
            yield Label("", id="jd-text-error", classes="error-line")
            yield Label("Ctrl+E saves · Tab moves between title and text · Esc cancels", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#jd-text-body" if not self.initial[1] else "#jd-text-title").focus()

    def _typed(self) -> tuple[str, str]:
        return self.query_one("#jd-text-title", Input).value, self.query_one("#jd-text-body", TextArea).text

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#jd-text-body", TextArea).focus()

    def action_save(self) -> None:
        title, text = self._typed()
        if not model.clean_text(text).strip():
            self.query_one("#jd-text-error", Label).update("There is no text yet: paste or type the draft first.")
            return
        if self.save(title, text):
            self.dismiss(True)
        else:
            self.query_one("#jd-text-error", Label).update(
                "Not saved. Everything you typed is still here; try Ctrl+E again.")

    def action_cancel(self) -> None:
        title, text = self._typed()
        if (title, text) == self.initial:
            self.dismiss(False)
            return
        from workshop.tui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)

        self.app.push_screen(ConfirmScreen("Close without saving?", "What you typed here will be lost.",
                                                deliberate="close without saving"), answered)
