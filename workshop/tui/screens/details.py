"""Workshop details: title, team, date, venue, facilitators, role title, timeboxes, attendees."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Checkbox, DataTable, Input, Label

from workshop.tui.widgets.entry import TextField
from workshop.tui.widgets.footer import KeyFooter
from workshop import content, model
from workshop.history import History
from workshop.store import Session, StoreError
from workshop.tui.widgets.literal import cell, literal

TEXT_FIELDS = (
    ("title", "Title"),
    ("team", "Team"),
    ("organisation", "Organisation"),
    ("date", "Date (YYYY-MM-DD)"),
    ("venue", "Venue"),
    ("facilitators", "Facilitators (commas between names)"),
    ("role_title", "Local title of the peer role"),
)


class ConsentBox(Checkbox):
    """The consent checkbox of the attendee dialog: Space ticks it; Enter saves the dialog,
    as it does from every other field (and as the dialog says)."""

    BINDINGS = [
        Binding("space", "toggle_button", "Tick / untick", id="participant.consent", show=False),
        Binding("enter", "save", "Save", id="participant.save", show=False),
    ]

    class Save(Message):
        """Enter was pressed on the checkbox."""

    def action_save(self) -> None:
        self.post_message(self.Save())


class ParticipantScreen(ModalScreen[dict | None]):
    """Add or edit one attendee: their role, and a name only if they want it used."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="participant.cancel")]

    def __init__(self, record: dict | None = None) -> None:
        super().__init__()
        self.record = record or {"role": "", "name": "", "name_in_record": False}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Attendee", classes="dialog-title")
            yield Label("Role (for example: occupational therapist)")
            yield TextField(self.record["role"], id="p-role")
            yield Label("Name (optional)")
            yield TextField(self.record["name"], id="p-name")
            yield ConsentBox("They agree to their name appearing in the record", self.record["name_in_record"],
                             id="p-consent")
            yield Label("Enter saves · Space ticks the box · Esc cancels", classes="dialog-help")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_consent_box_save(self, event: ConsentBox.Save) -> None:
        event.stop()
        self._save()

    def _save(self) -> None:
        role = model.clean_line(self.query_one("#p-role", Input).value)
        if not role:
            self.notify("Please give their role.", severity="warning", markup=False)
            return
        self.dismiss({
            "role": role,
            "name": model.clean_line(self.query_one("#p-name", Input).value),
            "name_in_record": self.query_one("#p-consent", Checkbox).value,
        })

    def action_cancel(self) -> None:
        self.dismiss(None)


class DetailsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,f2", "close", "Back to the day", id="details.close"),
        Binding("a", "add_participant", "Add attendee", id="details.add"),
        Binding("e", "edit_participant", "Edit", id="details.edit"),
        Binding("d,delete", "delete_participant", "Delete", id="details.delete"),
        Binding("space", "toggle_consent", "Name in record", id="details.consent"),
    ]

    def __init__(self, session: Session, history: History) -> None:
        super().__init__()
        self.session = session
        self.history = history
        self.participants: list[dict] = []

    def compose(self) -> ComposeResult:
        workshop = self.session.workshop()
        with VerticalScroll(id="details-body"):
            yield Label("Workshop details · changes save as you leave each field", classes="dialog-title")
            for key, label in TEXT_FIELDS:
                value = workshop.get(key)
                if key == "facilitators":
                    value = ", ".join(value or [])
                yield Label(label)
                yield TextField(value or "", id=f"d-{key}", disabled=self.session.read_only)
                yield Label("", id=f"d-{key}-error", classes="error-line")
            yield Label("Timeboxes (minutes)", classes="section-title")
            with Horizontal(id="timeboxes"):
                for activity in content.activities():
                    minutes = workshop.get("timeboxes", {}).get(activity.key, activity.minutes)
                    with Vertical(classes="timebox"):
                        yield Label(activity.short)
                        yield TextField(str(minutes), id=f"t-{activity.key}", type="integer",
                                    disabled=self.session.read_only)
            yield Label("Attendees by role · A adds · E edits · Space: name in record · D deletes",
                        classes="section-title")
            yield DataTable(id="participants", cursor_type="row")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#participants", DataTable)
        table.add_columns("Role", "Name", "Name in record")
        self.reload()
        self.query_one("#d-title", Input).focus()

    def reload(self) -> None:
        table = self.query_one("#participants", DataTable)
        row = table.cursor_row
        table.clear()
        self.participants = self.session.records("participants")
        for p in self.participants:
            table.add_row(cell(p["role"]), cell(p["name"] or "(no name)"), "yes" if p["name_in_record"] else "no",
                          key=p["id"])
        if self.participants and row is not None:
            table.move_cursor(row=min(row, len(self.participants) - 1))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in {"add_participant", "edit_participant", "delete_participant", "toggle_consent"}:
            return isinstance(self.focused, DataTable)
        return True

    # fields ------------------------------------------------------------------------------

    def save_field(self, widget: Input) -> None:
        if self.session.read_only or not widget.id:
            return
        workshop = self.session.workshop()
        if widget.id.startswith("t-"):
            activity = widget.id[2:]
            try:
                minutes = int(widget.value or "0")
            except ValueError:
                return
            timeboxes = dict(workshop.get("timeboxes", {}))
            if timeboxes.get(activity) == minutes:
                return
            timeboxes[activity] = max(0, min(600, minutes))
            changes = {"timeboxes": timeboxes}
            error = None
        else:
            key = widget.id[2:]
            error = self.query_one(f"#d-{key}-error", Label)
            value: object = widget.value
            if key == "facilitators":
                value = [name.strip() for name in widget.value.split(",") if name.strip()]
            elif key == "date":
                try:
                    value = model.parse_date(widget.value)
                except ValueError as exc:
                    error.update(literal(exc))
                    return
            elif key == "title" and not widget.value.strip():
                error.update("The workshop needs a title.")
                return
            if workshop.get(key) == value:
                error.update("")
                return
            changes = {key: value}
        try:
            self.history.update("workshop", workshop["id"], "edit details", **changes)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10, markup=False)
            return
        if error is not None:
            error.update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.save_field(event.input)
        self.focus_next()

    def on_input_blurred(self, event: Input.Blurred) -> None:
        self.save_field(event.input)

    def action_close(self) -> None:
        for widget in self.query(Input):
            self.save_field(widget)
        self.dismiss(None)

    # attendees ---------------------------------------------------------------------------

    def selected(self) -> dict | None:
        table = self.query_one("#participants", DataTable)
        if not self.participants or table.cursor_row is None:
            return None
        return self.participants[min(table.cursor_row, len(self.participants) - 1)]

    def _change(self, change, *args, **kwargs) -> None:
        try:
            change(*args, **kwargs)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10, markup=False)
        self.reload()

    def action_add_participant(self) -> None:
        def done(values: dict | None) -> None:
            if values:
                self._change(self.history.insert, "participants", "add attendee", **values)

        self.app.push_screen(ParticipantScreen(), done)

    def action_edit_participant(self) -> None:
        record = self.selected()
        if record is None:
            return

        def done(values: dict | None) -> None:
            if values:
                self._change(self.history.update, "participants", record["id"], "edit attendee", **values)

        self.app.push_screen(ParticipantScreen(record), done)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit_participant()

    def action_delete_participant(self) -> None:
        record = self.selected()
        if record is not None:
            self._change(self.history.delete, "participants", record["id"], "delete attendee")
            self.notify("Attendee removed. Ctrl+Z on the day screen brings them back.", timeout=4, markup=False)

    def action_toggle_consent(self) -> None:
        record = self.selected()
        if record is not None:
            self._change(self.history.update, "participants", record["id"], "name in record",
                         name_in_record=not record["name_in_record"])
