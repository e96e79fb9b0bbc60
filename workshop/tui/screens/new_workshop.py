"""The form for a new workshop."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from workshop import model
from workshop.store import Session, StoreError, unique_session_path
from workshop.tui.widgets.literal import literal

FIELDS = (
    ("title", "Title (required)", "e.g. Riverside CMHT team day"),
    ("team", "Team", "e.g. Riverside community mental health team"),
    ("organisation", "Organisation", ""),
    ("date", "Date (YYYY-MM-DD)", "e.g. 2026-12-03"),
    ("venue", "Venue", ""),
    ("facilitators", "Facilitators (separate names with commas)", ""),
)


class NewWorkshopScreen(ModalScreen[Path | None]):
    """Creates the file as soon as the form is sent; returns its path."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="new.cancel")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label("New workshop", classes="dialog-title")
            for key, label, hint in FIELDS:
                yield Label(label)
                yield Input(placeholder=hint, id=f"new-{key}")
            yield Label("", id="new-error", classes="error-line")
            yield Label("Enter creates it · Tab moves between fields · Esc cancels", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#new-title", Input).focus()

    def value(self, key: str) -> str:
        return self.query_one(f"#new-{key}", Input).value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        error = self.query_one("#new-error", Label)
        title = model.clean_line(self.value("title"))
        if not title:
            error.update("Please give the workshop a title.")
            self.query_one("#new-title", Input).focus()
            return
        try:
            date = model.parse_date(self.value("date"))
        except ValueError as exc:
            error.update(literal(exc))
            self.query_one("#new-date", Input).focus()
            return
        facilitators = [name.strip() for name in self.value("facilitators").split(",") if name.strip()]
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            session = Session.create(
                unique_session_path(self.folder, title),
                title=title, team=self.value("team"), organisation=self.value("organisation"),
                date=date, venue=self.value("venue"), facilitators=facilitators,
            )
        except (StoreError, OSError) as exc:
            error.update(literal(exc))
            return
        path = session.path
        session.close()
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
