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

from workshop.store import Session, StoreError

SAVE_DELAY = 0.8  # seconds of quiet typing before a save
ACTIVITY, KIND = "expertise", "gaps"


def stored_gaps(session: Session) -> dict | None:
    for note in session.records("notes"):
        if note["activity"] == ACTIVITY and note.get("kind") == KIND:
            return note
    return None


class GapsScreen(ModalScreen[None]):
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

    def __init__(self, session: Session) -> None:
        super().__init__(id="gaps-screen")
        self.session = session
        self._dirty = False
        self._loading = False
        self._timer = None

    def compose(self) -> ComposeResult:
        with Vertical(id="gaps-dialog"):
            yield Label("Gaps a peer worker could fill (Markdown; goes in the record) · Esc closes",
                        classes="column-title", id="gaps-title")
            yield TextArea(id="gaps-text", soft_wrap=True, tab_behavior="focus",
                           read_only=self.session.read_only)

    def on_mount(self) -> None:
        # Inline, because the shared ModalScreen rule in app.tcss outranks DEFAULT_CSS.
        self.styles.align = ("center", "top")
        note = stored_gaps(self.session)
        area = self.query_one(TextArea)
        self._loading = True
        area.load_text(note["text"] if note else "")
        area.move_cursor(area.document.end)
        area.focus()

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
        if not self._dirty or self.session.read_only:
            return True
        text = self.query_one(TextArea).text
        try:
            note = stored_gaps(self.session)
            if note is None:
                self.session.insert("notes", activity=ACTIVITY, kind=KIND, text=text)
            elif note["text"] != text:
                self.session.update("notes", note["id"], text=text)
        except StoreError as exc:
            self.app.notify(f"{exc} Your words are still on screen.", title="Gaps note not saved",
                            severity="error", timeout=10, markup=False)
            return False
        self._dirty = False
        return True

    def close_session(self) -> None:
        """Called by the app for every open screen when it quits: save what is pending."""
        self.flush()

    def action_close(self) -> None:
        if self.flush():
            self.dismiss(None)
