"""Activity 4: dual-role scenarios, a table for the projector and a form for editing.

The guidance's six situations are added once, when the activity is first shown; the group
adds its own below them. Each row's plan can be sent to the action plan with one key."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize
from textual.widgets import DataTable, Input, Label, Static

from workshop.template import customise
from workshop import dual_roles_seed as seed
from workshop.actions import linked_action, send_to_action_plan, source_key
from workshop.store import StoreError
from workshop.tui.activities.base import ActivityView
from workshop.tui.activities.dual_roles_table import (
    TABLE, SCOPE, SENT, COLUMNS, columns_for, column_widths, shorten, cell_texts, row_height, cell, ScenarioTable,
)
from workshop.tui.widgets.literal import quoted
from workshop.tui.widgets.entry import EntryBox, cleaned
from workshop.tui.screens.dual_role_edit import DualRoleEditScreen

class DualRolesView(ActivityView):
    activity = "dual_roles"
    # Unscoped so the projector rules (".-projector ...", a class on the app) can match.
    SCOPED_CSS = False

    DEFAULT_CSS = """
    DualRolesView #dr-table {
        height: 1fr;
        background: $surface;
    }
    DualRolesView #dr-detail {
        height: auto;
        max-height: 7;  /* a filled row's challenge, plan and facts, two lines each */
        padding: 0 1;
        border-top: solid $panel-lighten-2;
    }
    .-projector DualRolesView #dr-table {
        background: $background;
        border: heavy $foreground 60%;
    }
    .-projector DualRolesView #dr-table:focus {
        border: double $primary;
    }
    .-projector DualRolesView #dr-detail {
        border-top: heavy $primary;
    }
    """

    BINDINGS = [
        Binding("escape", "toggle_focus", "Table / typing", id="dr.focus"),
        Binding("e,enter", "edit", "Edit", id="dr.edit"),
        Binding("d,delete", "delete", "Delete", id="dr.delete"),
        Binding("shift+up,left_square_bracket", "move_row(-1)", "Move row up", id="dr.row_up",
                key_display="⇧↑"),
        Binding("shift+down,right_square_bracket", "move_row(1)", "Move row down", id="dr.row_down",
                key_display="⇧↓"),
        Binding("s", "send", "Send to action plan", id="dr.send"),
        Binding("up", "move_selection(-1)", "Up", id="dr.up", show=False),
        Binding("down", "move_selection(1)", "Down", id="dr.down", show=False),
        Binding("a,i", "type", "Type", id="dr.type", show=False),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._rows: list[dict] = []
        self._sent: set[str] = set()
        self._widths: dict[str, int] = {}
        # The six and the organisation template's own, for each preset row's question.
        self._presets = customise.dual_role_presets(self.session.workshop())

    def compose(self) -> ComposeResult:
        yield ScenarioTable(id="dr-table", cursor_type="row", zebra_stripes=True, cell_padding=0)
        yield Static("", id="dr-detail")
        with Horizontal(id="dr-entry", classes="entry-row"):
            yield Label("Add a situation ▸", id="dr-prompt", classes="entry-prompt")
            yield EntryBox(placeholder="A peer worker is… (Enter adds · Esc: the table)", id="dr-input",
                        disabled=self.session.read_only)
        yield Label("", id="dr-status", classes="status-line")

    def on_mount(self) -> None:
        self.reload()

    def on_resize(self, event: Resize) -> None:
        self._check_width()

    def _check_width(self) -> None:
        if self.size.width and column_widths(self._table_width()) != self._widths:
            self._fill()

    # state -----------------------------------------------------------------------------------

    def _table(self) -> ScenarioTable:
        return self.query_one(ScenarioTable)

    def list_widget(self) -> ScenarioTable:
        return self._table()

    def _table_width(self) -> int:
        return max(self.size.width - 2, 40)  # room for the scrollbar

    def _is_current(self) -> bool:
        return getattr(self.parent, "current", None) == self.id

    def selected(self) -> dict | None:
        table = self._table()
        if not self._rows or table.cursor_row is None or not 0 <= table.cursor_row < len(self._rows):
            return None
        return self._rows[table.cursor_row]

    def reload(self) -> None:
        if not self.is_mounted:
            return
        if self._is_current():
            self._seed()
        self._rows = seed.ordered(self.session.records(TABLE))
        self._sent = {a["source"] for a in self.session.records("actions") if a.get("source")}
        self._fill()
        # A view being shown has no size yet: fit the columns once it is laid out.
        self.after_layout(self._check_width)

    def _seed(self) -> None:
        try:
            with self.history.unrecorded():  # starting rows are not a step to undo
                added = seed.ensure_presets(self.session)
        except StoreError as exc:
            self.app.notify(f"{exc} The six situations can be typed in by hand.", title="Not saved",
                            severity="error", timeout=10, markup=False)
            return
        if added:
            self.post_message(self.Changed())

    def _fill(self, keep: str | None = None) -> None:
        table = self._table()
        if keep is None:
            current = self.selected()
            keep = current["id"] if current else None
        self._widths = widths = column_widths(self._table_width())
        columns = columns_for(self._table_width())
        table.clear(columns=True)
        for key, heading, _ in columns:
            table.add_column(Text(" " + shorten(heading, widths[key] - 1)), width=widths[key], key=key)
        for number, record in enumerate(self._rows, start=1):
            texts = cell_texts(record, source_key(TABLE, record) in self._sent)
            shown = {key: texts[key] for key, _, _ in columns}
            height = row_height(shown, widths)
            cells = [cell(texts[key], widths[key], True) for key, _, _ in columns]
            if columns is COLUMNS and texts["action_plan"].startswith(SENT):
                cells[2].stylize("bold", 1, len(SENT))
            table.add_row(*cells, height=height, key=record["id"], label=Text(f"{number:>2} "))
        table.measure_now()
        index = next((i for i, r in enumerate(self._rows) if r["id"] == keep), None)
        if index is not None:
            table.move_cursor(row=index, animate=False)
        self._show_detail()
        self._show_status()

    def _show_detail(self) -> None:
        record = self.selected()
        detail = Text()
        if record is None:
            detail.append("No situations yet: type one below, starting “A peer worker is…”.")
            self.query_one("#dr-detail", Static).update(detail)
            return
        filled = any(record.get(key) for key in ("challenge", "action_plan"))
        prompt = seed.preset_prompt(record, self._presets)
        if prompt and not filled:  # once answered, the row's own words matter more than the question
            detail.append("To ask: ", style="bold")
            detail.append(prompt + "\n")
        for key, heading in (("challenge", "Challenge"), ("action_plan", "Plan")):
            if record.get(key):
                detail.append(f"{heading}: ", style="bold")
                detail.append(" ".join(str(record[key]).split()) + "\n")
        facts = []
        if record.get("owner"):
            facts.append(f"Owner: {record['owner']}")
        if record.get("due"):
            facts.append(f"By when: {record['due']}")
        # Short words: at 80x24 the pane has six lines for all of the row.
        facts.append(SCOPE.get(record.get("scope") or "", "Scope not decided"))
        if record.get("policy"):
            facts.append(f"Policy affected: {record['policy']}")
        sent = source_key(TABLE, record) in self._sent
        facts.append("[sent] in the action plan" if sent else "not yet sent (s)")
        detail.append(" · ".join(facts))
        self.query_one("#dr-detail", Static).update(detail)

    def _show_status(self) -> None:
        planned = sum(1 for r in self._rows if r.get("action_plan"))
        self.query_one("#dr-status", Label).update(
            f"{len(self._rows)} situations · {planned} with a plan · e edits · [ ] reorder"
            " · s: to the action plan"
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def focus_entry(self) -> None:
        entry = self.query_one("#dr-input", Input)
        if entry.disabled:
            self._table().focus()
        else:
            entry.focus()

    # typing ----------------------------------------------------------------------------------

    def on_entry_box_entered(self, event: EntryBox.Entered) -> None:
        start = seed.next_position(self._rows)
        texts = [cleaned(text) for text in event.texts]
        positions = {text: start + n for n, text in enumerate(t for t in texts if t)}
        records = self.add_entered(event, TABLE, "add situation",
                                   lambda text: {"situation": cleaned(text), "preset": False,
                                                 "position": positions[cleaned(text)]} if cleaned(text) else None)
        if not records:
            return
        self._rows.extend(records)
        self._fill(keep=records[-1]["id"])
        self.app.notify("Added. Esc, then e, to fill in its challenge and plan.", timeout=3, markup=False)

    # actions ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        typing = isinstance(self.app.focused, Input)
        if action in {"edit", "delete", "move_row", "send", "type"} and typing:
            return False
        return True

    def action_toggle_focus(self) -> None:
        if isinstance(self.app.focused, Input):
            self._table().focus()
        else:
            self.focus_entry()

    def action_type(self) -> None:
        self.focus_entry()

    def action_move_selection(self, delta: int) -> None:
        if isinstance(self.app.focused, ScenarioTable):
            return
        table = self._table()
        if delta < 0:
            table.action_cursor_up()
        else:
            table.action_cursor_down()

    def _need_selection(self) -> dict | None:
        record = self.selected()
        if record is None:
            self.app.notify("No situation selected.", timeout=2, markup=False)
        return record

    def action_edit(self) -> None:
        record = self._need_selection()
        if record is None:
            return
        number = self._rows.index(record) + 1

        def done(changes: dict | None) -> None:
            if changes:
                self.attempt(self.history.update, TABLE, record["id"], "edit situation", **changes)
                self.reload()

        screen = DualRoleEditScreen(record, seed.preset_prompt(record, self._presets), f"Situation {number}")
        self.app.push_screen(screen, done)

    def action_delete(self) -> None:
        record = self._need_selection()
        if record is None:
            return
        index = self._rows.index(record)
        name = quoted(record.get("situation", ""))
        if self.attempt(self.history.delete, TABLE, record["id"], f"delete the situation {name}") is not None:
            following = self._rows[index + 1] if index + 1 < len(self._rows) else None
            previous = self._rows[index - 1] if index > 0 else None
            neighbour = following or previous
            self._rows = seed.ordered(self.session.records(TABLE))
            self._fill(keep=neighbour["id"] if neighbour else None)
            self.app.notify(f"Deleted the situation {name}. Ctrl+Z brings it back.", timeout=4, markup=False)

    def action_move_row(self, delta: int) -> None:
        record = self._need_selection()
        if record is None:
            return
        changes = seed.reorder(self._rows, record["id"], delta)
        if not changes:
            self.app.notify("Already at the top." if delta < 0 else "Already at the bottom.", timeout=2, markup=False)
            return
        with self.history.step("move situation"):
            for rid, position in changes.items():
                if self.attempt(self.history.update, TABLE, rid, "move situation", position=position) is None:
                    break
        self._rows = seed.ordered(self.session.records(TABLE))
        self._fill(keep=record["id"])

    def action_send(self) -> None:
        record = self._need_selection()
        if record is None:
            return
        if linked_action(self.history, TABLE, record) is not None:
            self.app.notify("This plan is already in the action plan.", timeout=3, markup=False)
            return
        action = self.attempt(send_to_action_plan, self.history, TABLE, record)
        if action is not None:
            self.reload()
            self.app.notify("Sent to the action plan (activity 6), linked to this situation.", timeout=4, markup=False)


VIEW = DualRolesView
