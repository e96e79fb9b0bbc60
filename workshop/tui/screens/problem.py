"""Shown when a workshop file cannot be opened: what is wrong, and the backup if there is one."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from workshop.store import StoreError, restore_backup, summarise
from workshop.tui.widgets.literal import literal


class ProblemScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss_problem", "Back", id="problem.back"),
        Binding("b", "restore", "Use the backup", id="problem.restore"),
    ]

    def __init__(self, path: Path, message: str, backup: Path | None) -> None:
        super().__init__()
        self.path, self.message, self.backup = path, message, backup

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("This workshop cannot be opened", classes="dialog-title")
            yield Label(literal(self.message), id="problem-message")
            if self.backup is not None:
                summary = summarise(self.backup)
                when = summary.changed.strftime("%d %b %Y %H:%M UTC") if summary.changed else "an earlier time"
                if summary.problem:
                    yield Label(literal(f"The backup cannot be used either: {summary.problem}"))
                else:
                    yield Label(
                        f"A backup from {when} is available. Press B to use it: the damaged file is kept "
                        "beside it under a new name, nothing is deleted."
                    )
            yield Label("Esc goes back.", classes="dialog-help")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "restore":
            return self.backup is not None
        return True

    def action_dismiss_problem(self) -> None:
        self.dismiss(None)

    def action_restore(self) -> None:
        try:
            damaged = restore_backup(self.path)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10, markup=False)
            return
        if damaged == self.path:
            self.notify("Backup restored.", timeout=8, markup=False)
        else:
            self.notify(f"Backup restored. The damaged file was kept as {damaged.name}.", timeout=8, markup=False)
        self.dismiss(None)
        self.app.open_workshop(self.path)
