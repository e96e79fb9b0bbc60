"""The discussion-notes panel: Markdown typed during an activity, saved as it is typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label

from workshop import notes
from workshop.history import History, StoreError
from workshop.tui.widgets.debounce import Debounced
from workshop.tui.widgets.literal import literal

if TYPE_CHECKING:
    from textual.widgets import TextArea


class NotesPanel(Vertical):
    """Notes for the current activity. Saves after a pause in typing, and on every close.
    The text area is made when the notes are first opened: a workshop opens without it (its
    module, styles and widget are a noticeable part of drawing the first screen)."""

    BINDINGS = [Binding("escape", "close", "Close notes", id="notes.close")]

    def __init__(self, history: History, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.history = history
        self.activity = ""
        self._text = ""  # the current activity's note, for a text area not made yet
        self._save = Debounced(self, self._write)
        self._loading = False

    def compose(self) -> ComposeResult:
        yield Label("Discussion notes", id="notes-title")

    def editor(self) -> TextArea | None:
        """The text area, once the notes have been opened."""
        found = self.query("#notes-text")
        return found.first() if found else None

    async def open_editor(self) -> TextArea:
        area = self.editor()
        if area is None:
            from textual.widgets import TextArea  # noqa: PLC0415 - see the class's docstring

            area = TextArea(id="notes-text", soft_wrap=True, tab_behavior="focus", read_only=self.history.read_only)
            await self.mount(area)
            self._load(area, self._text)
        return area

    def show(self, activity: str, title: str) -> None:
        self.flush()
        self.activity = activity
        self.query_one("#notes-title", Label).update(
            literal(f"Discussion notes: {title} (Markdown; goes in the record) · Esc closes")
        )
        note = notes.find_note(self.history.records("notes"), activity)
        self._text = note["text"] if note else ""
        area = self.editor()
        if area is not None:
            self._load(area, self._text)

    def _load(self, area: TextArea, text: str) -> None:
        self._loading = True
        area.load_text(text)
        self._save.forget()

    def on_text_area_changed(self, event) -> None:
        if self._loading:
            self._loading = False
            return
        self._save.changed()

    def flush(self) -> bool:
        """Save now if anything changed. Returns False if the save failed."""
        return self._save.flush()

    def _write(self) -> bool:
        area = self.editor()
        if not self.activity or self.history.read_only or area is None:
            return True
        try:
            notes.save_note(self.history, self.activity, notes.DISCUSSION, area.text)
        except StoreError as exc:
            self.app.notify(f"{exc} Your notes are still on screen.", title="Notes not saved",
                            severity="error", timeout=10, markup=False)
            return False
        return True

    async def action_close(self) -> None:
        self.flush()
        await self.screen.action_toggle_notes()
