"""A yes/no question that defaults to the safe answer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from workshop.tui.widgets.literal import literal


class ConfirmScreen(ModalScreen[bool]):
    """The question and detail are shown as written: callers may put titles and file names in them."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str = "", *, deliberate: str | None = None) -> None:
        """With `deliberate` (what yes does, e.g. "discard"), yes is Ctrl+D and letters do
        nothing: the question may pop up while someone is still typing, and a "y" in their
        words must not throw work away."""
        super().__init__()
        self.question, self.detail, self.deliberate = question, detail, deliberate
        if deliberate:
            self._bindings = self._bindings.copy()
            for key in ("y", "n"):
                self._bindings.key_to_bindings.pop(key, None)
            self._bindings.bind("ctrl+d", "answer(True)", deliberate.capitalize())

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.question), classes="dialog-title")
            if self.detail:
                yield Label(literal(self.detail))
            if self.deliberate:
                yield Label(f"Ctrl+D: {self.deliberate} · Esc: go back", classes="dialog-help")
            else:
                yield Label("Y: yes · N or Esc: no", classes="dialog-help")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
