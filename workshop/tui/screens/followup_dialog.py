"""The dialog that starts a follow-up review of a saved workshop."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from workshop.tui.widgets.entry import TextField
from workshop import followup, model
from workshop.store import StoreError, read_session_file, save_error_message
from workshop.tui.widgets.literal import literal


def today() -> date:
    """Today's date; tests replace it."""
    return date.today()


class FollowupDialog(ModalScreen[Path | None]):
    """Asks the date of the follow-up of `earlier`, creates it in `folder` and returns its
    path (None if cancelled). The earlier workshop is only read."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="followup.cancel")]
    DEFAULT_CSS = """
    FollowupDialog #followup-of, FollowupDialog #followup-carried { width: 1fr; height: auto; }
    FollowupDialog #followup-carried { color: $text-muted; margin-bottom: 1; }
    """

    def __init__(self, earlier: Path, folder: Path) -> None:
        super().__init__()
        self.earlier = Path(earlier)
        self.folder = Path(folder)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="followup-dialog"):
            yield Label("Follow-up review", classes="dialog-title")
            yield Label("", id="followup-of")
            yield Label("", id="followup-carried")
            yield Label("Date of the follow-up (YYYY-MM-DD)")
            yield TextField(today().isoformat(), id="followup-date", placeholder="e.g. 2027-03-03")
            yield Label("", id="followup-error", classes="error-line")
            yield Label("Enter creates it and opens the review · Esc cancels", classes="dialog-help")

    def on_mount(self) -> None:
        date_box = self.query_one("#followup-date", Input)
        try:
            data = read_session_file(self.earlier)
        except StoreError as exc:
            self.query_one("#followup-of", Label).update(literal(f"Of: {self.earlier.name}"))
            self._error(str(exc))
            date_box.disabled = True
            return
        plan = followup.plan_followup(data, self.earlier.name, today().isoformat())
        earlier = plan.workshop["follows"]
        when = f" ({followup.readable_date(earlier['date'])})" if earlier.get("date") else ""
        self.query_one("#followup-of", Label).update(literal(f"Of: {earlier['title']}{when}"))
        self.query_one("#followup-carried", Label).update(
            f"Carries forward {plan.count('concerns')} open or in-progress concerns, "
            f"{plan.count('dual_roles')} dual-role plans and {plan.count('actions')} actions, "
            "each to review one by one. The earlier workshop is not changed.")
        date_box.focus()

    def _error(self, message: str) -> None:
        self.query_one("#followup-error", Label).update(literal(message))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            on = model.parse_date(event.value) or today().isoformat()
        except ValueError as exc:
            self._error(str(exc))
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = followup.create_followup(self.earlier, self.folder, on=on)
        except StoreError as exc:
            self._error(str(exc))
            return
        except OSError as exc:
            self._error(save_error_message(exc))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
