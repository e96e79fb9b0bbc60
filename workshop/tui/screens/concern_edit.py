"""Edit every field of one concern. `FormScreen` is shared with the action plan's dialog."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, TextArea

from workshop.tui.widgets.entry import TextField
from workshop import content, model
from workshop.tui.widgets.literal import literal

HOW_RAISED = [("In the group", "group"), ("Individually", "individual")]
STATUS_CHOICES = [(Text("[ ] Open"), "open"), (Text("[~] In progress"), "in_progress"),
                  (Text("[✓] Resolved"), "resolved")]


class FormScreen(ModalScreen[dict | None]):
    """A dialog of labelled fields. Enter in a one-line field (or the Save button) saves;
    Esc cancels, asking first if something was changed; a bad date keeps the dialog open
    with a message and everything typed."""

    DEFAULT_CSS = """
    FormScreen .dialog { width: 90; }
    FormScreen .form-row { height: auto; margin-bottom: 0; }
    FormScreen .form-label { width: 18; padding-right: 1; text-style: bold; }
    FormScreen .form-row Input, FormScreen .form-row Select, FormScreen .form-row TextArea { width: 1fr; }
    FormScreen .form-row TextArea { height: 4; }
    FormScreen .form-row Input, FormScreen .form-row TextArea, FormScreen .form-row SelectCurrent {
        background: $foreground 12%;
    }
    FormScreen .form-row Input:focus, FormScreen .form-row TextArea:focus,
    FormScreen .form-row Select:focus SelectCurrent { background: $primary 30%; }
    FormScreen .form-row TextArea.-short { height: 2; }
    FormScreen #form-buttons { height: auto; margin-top: 1; }
    FormScreen #form-buttons Button { margin-right: 2; }
    FormScreen .form-hint { color: $text-muted; padding-left: 19; width: 1fr; }
    FormScreen #form-error { width: 1fr; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="form.cancel")]

    title_text = "Edit"

    def __init__(self, record: dict, base: dict | None = None) -> None:
        """`record` holds the values shown; `base` (by default the same) is what is stored,
        so that after a failed save the dialog can reopen on what was typed."""
        super().__init__()
        self.record = record
        self.base = base if base is not None else record
        self._initial: dict[str, Any] = {}

    # building ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="form"):
            yield Label(self.title_text, classes="dialog-title")
            yield from self.fields()
            yield Label("", id="form-error", classes="error-line")
            with Horizontal(id="form-buttons"):
                yield Button("Save", id="form-save", variant="primary", compact=True)
                yield Button("Cancel", id="form-cancel", compact=True)
            yield Label("Enter in a one-line field saves · Tab: next field · Esc: cancel", classes="dialog-help")

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    @staticmethod
    def row(label: str, widget: Widget) -> Horizontal:
        return Horizontal(Label(label, classes="form-label"), widget, classes="form-row")

    @staticmethod
    def line(value: str | None, id: str, placeholder: str = "") -> Input:
        return TextField(value or "", id=id, placeholder=placeholder, compact=True)

    @staticmethod
    def area(value: str | None, id: str, short: bool = False) -> TextArea:
        area = TextArea(value or "", id=id, soft_wrap=True, tab_behavior="focus", compact=True)
        if short:
            area.add_class("-short")
        return area

    @staticmethod
    def choice(options: list[tuple], value: str | None, id: str, prompt: str = "Not said") -> Select:
        known = {v for _, v in options}
        if value and value not in known:
            options = [*options, (literal(value), value)]  # keep a value we do not know rather than lose it
        return Select(options, value=value if value else Select.NULL, id=id, prompt=prompt, compact=True)

    def on_mount(self) -> None:
        self._initial = self.raw_values()
        self.query(Input).first().focus()

    # reading -----------------------------------------------------------------------------------

    def raw_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for widget in self.query("Input, TextArea, Select"):
            if isinstance(widget, Input):
                values[widget.id] = widget.value
            elif isinstance(widget, TextArea):
                values[widget.id] = widget.text
            elif isinstance(widget, Select):
                values[widget.id] = widget.value
        return values

    def text(self, id: str) -> str:
        widget = self.query_one(f"#{id}")
        return widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]

    def selected(self, id: str) -> str | None:
        value = self.query_one(f"#{id}", Select).value
        return None if value is Select.NULL else value  # type: ignore[return-value]

    def date(self, id: str, label: str) -> str | None:
        """The date typed in `id`, or raise ValueError naming the field and the fix."""
        try:
            return model.parse_date(self.text(id))
        except ValueError as exc:
            raise FieldProblem(id, f"{label}: {exc}") from None

    def collect(self) -> dict[str, Any]:
        """Every field's value as it will be stored; raise FieldProblem to keep the dialog open."""
        raise NotImplementedError

    # saving ------------------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        error = self.query_one("#form-error", Label)
        try:
            values = self.collect()
        except FieldProblem as problem:
            error.update(Text(f"Not saved yet: {problem.message}"))
            self.app.bell()
            self.query_one(f"#{problem.field}").focus()
            return
        error.update("")
        changed = {k: v for k, v in values.items() if self.base.get(k) != v}
        self.dismiss(changed or None)

    def action_cancel(self) -> None:
        if self.raw_values() == self._initial and self.record == self.base:
            self.dismiss(None)
            return
        from workshop.tui.screens.confirm import ConfirmScreen

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard your changes?", "Esc goes back to the form.",
                                                deliberate="discard"), answer)


class FieldProblem(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class EditConcernScreen(FormScreen):
    """Every field of a concern: the words, category, how and by whom it was raised (a role,
    never a name, and only if offered), the response, status, owner and date."""

    title_text = "Edit this concern"

    def __init__(self, record: dict, base: dict | None = None, categories: list[dict] | None = None) -> None:
        """`categories`: the choices, e.g. `customise.concern_categories(workshop)` to offer an
        organisation template's own; by default the shipped ones."""
        super().__init__(record, base)
        self.categories = categories if categories is not None else content.concern_categories()

    def fields(self) -> ComposeResult:
        record = self.record
        categories = [(literal(c["label"]), c["key"]) for c in self.categories]
        yield self.row("Concern", self.line(record["text"], "cn-text"))
        yield self.row("Category", self.choice(categories, record.get("category"), "cn-category", "Not set"))
        yield self.row("How raised", self.choice(HOW_RAISED, record.get("raised_how"), "cn-how"))
        yield self.row("Raised by (role)", self.line(record.get("raised_by_role"), "cn-role",
                                                     "optional; empty keeps it anonymous"))
        yield self.row("How we worked it through", self.area(record.get("response"), "cn-response"))
        yield self.row("Status", self.choice(STATUS_CHOICES, record.get("status") or "open", "cn-status"))
        yield self.row("Owner", self.line(record.get("owner"), "cn-owner", "who takes it forward"))
        yield self.row("By when", self.line(record.get("due"), "cn-due", "YYYY-MM-DD, or empty"))

    def collect(self) -> dict[str, Any]:
        text = model.clean_text(self.text("cn-text")).strip()
        if not text:
            raise FieldProblem("cn-text", "the concern cannot be empty; use Delete to remove it.")
        return {
            "text": text,
            "category": self.selected("cn-category"),
            "raised_how": self.selected("cn-how"),
            "raised_by_role": model.clean_line(self.text("cn-role")) or None,
            "response": model.clean_text(self.text("cn-response")).strip(),
            "status": self.selected("cn-status") or "open",
            "owner": model.clean_line(self.text("cn-owner")),
            "due": self.date("cn-due", "By when"),
        }
