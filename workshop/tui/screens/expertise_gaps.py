"""The "gaps a peer worker could fill" note: Markdown, saved as it is typed.

It is a `notes` record with `activity="expertise", kind="gaps"`, kept apart from the
discussion notes (kind "discussion") and saved the same way: after a pause in typing,
when the dialog closes, and when the workshop closes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from workshop import notes
from workshop.history import History
from workshop.store import StoreError
from workshop.tui.screens.kinds import SavesOnClose
from workshop.tui.widgets.debounce import Debounced

ACTIVITY, KIND = "expertise", notes.GAPS


def stored_gaps(history: History) -> dict | None:
    return notes.find_note(history.records("notes"), ACTIVITY, KIND)


class GapsScreen(SavesOnClose, ModalScreen[None]):
    """Sits at the top of the screen so the balance chart stays in view below it."""
    # Unscoped so the projector rules (".-projector ...", a class on the app) can match.
    SCOPED_CSS = False

    DEFAULT_CSS = """
    GapsScreen #gaps-dialog {
        width: 100%;
        height: 12;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    GapsScreen #gaps-text {
        height: 1fr;
    }
    .-projector GapsScreen #gaps-dialog {
        border: double $primary;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "Close gaps note", id="expertise.gaps.close"),
    ]

    def __init__(self, history: History) -> None:
        super().__init__(id="gaps-screen")
        self.history = history
        self._save = Debounced(self, self._write)
        self._loading = False

    def compose(self) -> ComposeResult:
        with Vertical(id="gaps-dialog"):
            yield Label("Gaps a peer worker could fill (Markdown; goes in the record) · Esc closes",
                        classes="column-title", id="gaps-title")
            yield TextArea(id="gaps-text", soft_wrap=True, tab_behavior="focus",
                           read_only=self.history.read_only)

    def on_mount(self) -> None:
        # Inline, because the shared ModalScreen rule in app.tcss outranks DEFAULT_CSS.
        self.styles.align = ("center", "top")
        note = stored_gaps(self.history)
        area = self.query_one(TextArea)
        self._loading = True
        area.load_text(note["text"] if note else "")
        area.move_cursor(area.document.end)
        area.focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._loading:
            self._loading = False
            return
        self._save.changed()

    def flush(self) -> bool:
        """Save now if anything changed. Returns False if the save failed."""
        return self._save.flush()

    def _write(self) -> bool:
        if self.history.read_only:
            return True
        try:
            notes.save_note(self.history, ACTIVITY, KIND, self.query_one(TextArea).text)
        except StoreError as exc:
            self.app.notify(f"{exc} Your words are still on screen.", title="Gaps note not saved",
                            severity="error", timeout=10, markup=False)
            return False
        return True

    def close_session(self) -> None:
        """Called by the app for every open screen when it quits: save what is pending."""
        self.flush()

    def action_close(self) -> None:
        if self.flush():
            self.dismiss(None)
