"""Every key, for the screen that was showing when help was asked for."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from workshop.tui.screens.kinds import OffersCommands


def binding_rows(app, bindings) -> list[tuple[str, str]]:
    rows, seen = [], set()
    for binding in bindings:
        if isinstance(binding, tuple):
            binding = Binding(*binding)
        if not binding.description or binding.action in seen:
            continue
        seen.add(binding.action)
        keys = ", ".join(app.get_key_display(Binding(k.strip(), binding.action)) for k in binding.key.split(","))
        rows.append((binding.key_display or keys, binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "Close help", id="help.close")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        app = self.app
        sections = []
        keys = self.under.activity_bindings() if isinstance(self.under, OffersCommands) else None
        if keys:
            title = "This activity (letter keys act on the selected item: press Esc to reach the list)"
            sections.append((title, binding_rows(app, keys)))
        sections.append(("This screen", binding_rows(app, self.under.BINDINGS)))
        sections.append(("Everywhere", binding_rows(app, app.BINDINGS) + [("ctrl+p", "Command palette: every action by name")]))
        return sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help-body"):
            yield Label("Keys", classes="dialog-title")
            for title, rows in self.sections():
                table = Table(title=Text(title, style="bold"), show_header=False, box=None, expand=True, padding=(0, 1))
                table.add_column("Key", style="bold", ratio=1)
                table.add_column("Does", ratio=3)
                for key, does in rows:
                    table.add_row(Text(key), Text(does))
                yield Static(table)
            yield Label("Esc or F1 closes help.", classes="dialog-help")

    def action_close(self) -> None:
        self.dismiss(None)
