"""The discussion-notes panel: Markdown typed during an activity, saved as it is typed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, TextArea

from workshop.store import Session, StoreError
from workshop.tui.widgets.literal import literal

SAVE_DELAY = 0.8  # seconds of quiet typing before a save


class NotesPanel(Vertical):
    """Notes for the current activity. Saves after a pause in typing, and on every close."""

    BINDINGS = [Binding("escape", "close", "Close notes", id="notes.close")]

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.activity = ""
        self._dirty = False
        self._timer = None
        self._loading = False

    def compose(self) -> ComposeResult:
        yield Label("Discussion notes", id="notes-title")
        yield TextArea(id="notes-text", soft_wrap=True, tab_behavior="focus", read_only=self.session.read_only)

    def show(self, activity: str, title: str) -> None:
        self.flush()
        self.activity = activity
        self.query_one("#notes-title", Label).update(
            literal(f"Discussion notes: {title} (Markdown; goes in the record) · Esc closes")
        )
        self._loading = True
        self.query_one(TextArea).load_text(self._stored_text())
        self._dirty = False

    def _stored(self) -> dict | None:
        for note in self.session.records("notes"):
            if note["activity"] == self.activity and note.get("kind", "discussion") == "discussion":
                return note
        return None

    def _stored_text(self) -> str:
        note = self._stored()
        return note["text"] if note else ""

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._loading:
            self._loading = False
            return
        self._dirty = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_DELAY, self.flush)

    def flush(self) -> bool:
        """Save now if anything changed. Returns False if the save failed."""
        if not self._dirty or not self.activity or self.session.read_only:
            return True
        text = self.query_one(TextArea).text
        try:
            note = self._stored()
            if note is None:
                self.session.insert("notes", activity=self.activity, kind="discussion", text=text)
            elif note["text"] != text:
                self.session.update("notes", note["id"], text=text)
        except StoreError as exc:
            self.app.notify(f"{exc} Your notes are still on screen.", title="Notes not saved",
                            severity="error", timeout=10, markup=False)
            return False
        self._dirty = False
        return True

    def action_close(self) -> None:
        self.flush()
        self.screen.action_toggle_notes()
