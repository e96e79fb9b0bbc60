"""The discussion-notes panel: Markdown typed during an activity, saved as it is typed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, TextArea

from workshop import notes
from workshop.history import History, StoreError
from workshop.tui.widgets.debounce import Debounced
from workshop.tui.widgets.literal import literal


class NotesPanel(Vertical):
    """Notes for the current activity. Saves after a pause in typing, and on every close."""

    BINDINGS = [Binding("escape", "close", "Close notes", id="notes.close")]

    def __init__(self, history: History, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.history = history
        self.activity = ""
        self._save = Debounced(self, self._write)
        self._loading = False

    def compose(self) -> ComposeResult:
        yield Label("Discussion notes", id="notes-title")
        yield TextArea(id="notes-text", soft_wrap=True, tab_behavior="focus", read_only=self.history.read_only)

    def show(self, activity: str, title: str) -> None:
        self.flush()
        self.activity = activity
        self.query_one("#notes-title", Label).update(
            literal(f"Discussion notes: {title} (Markdown; goes in the record) · Esc closes")
        )
        note = notes.find_note(self.history.records("notes"), activity)
        self._loading = True
        self.query_one(TextArea).load_text(note["text"] if note else "")
        self._save.forget()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._loading:
            self._loading = False
            return
        self._save.changed()

    def flush(self) -> bool:
        """Save now if anything changed. Returns False if the save failed."""
        return self._save.flush()

    def _write(self) -> bool:
        if not self.activity or self.history.read_only:
            return True
        try:
            notes.save_note(self.history, self.activity, notes.DISCUSSION, self.query_one(TextArea).text)
        except StoreError as exc:
            self.app.notify(f"{exc} Your notes are still on screen.", title="Notes not saved",
                            severity="error", timeout=10, markup=False)
            return False
        return True

    def action_close(self) -> None:
        self.flush()
        self.screen.action_toggle_notes()
