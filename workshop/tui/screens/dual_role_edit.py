"""The form for one dual-role scenario: Enter in any box saves; a bad date is shown beside
its field and nothing typed is lost."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from workshop.tui.widgets.entry import TextField
from workshop import model
from workshop.tui.widgets.literal import literal

TEXT_FIELDS = (
    ("situation", "A peer worker is…"),
    ("challenge", "Challenge it raises"),
    ("action_plan", "Action plan"),
    ("owner", "Who owns it"),
    ("due", "By when"),
)
SCOPES = [
    ("Universal: the same answer for every peer worker", "universal"),
    ("Tailored: agreed with each peer worker", "tailored"),
]
LINE_FIELDS = {"owner", "policy"}


class DualRoleEditScreen(ModalScreen[dict | None]):
    """Returns the changed fields, or None if nothing changed or the form was cancelled."""
    # Unscoped so the projector rules (".-projector ...", a class on the app) can match.
    SCOPED_CSS = False

    DEFAULT_CSS = """
    DualRoleEditScreen .form-row {
        height: 1;
        margin-bottom: 1;
    }
    DualRoleEditScreen .form-label {
        width: 22;
        padding-right: 1;
    }
    DualRoleEditScreen .form-row.-focused .form-label {
        text-style: bold reverse;
    }
    DualRoleEditScreen .form-row Input, DualRoleEditScreen .form-row Select {
        width: 1fr;
    }
    DualRoleEditScreen .form-row Input {
        background: $boost;
    }
    DualRoleEditScreen #dr-prompt {
        text-style: italic;
        margin-bottom: 1;
        width: 1fr;
    }
    DualRoleEditScreen #dr-due-row {
        margin-bottom: 0;
    }
    DualRoleEditScreen #dr-due-error {
        width: 1fr;
        height: auto;
        min-height: 1;
        margin: 0 0 0 22;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dual.edit.cancel"),
        Binding("ctrl+z", "noop", id="dual.edit.noop", show=False, priority=True),
    ]

    def __init__(self, record: dict, prompt: str = "", title: str = "Dual-role scenario") -> None:
        super().__init__()
        self.record = record
        self.prompt = prompt
        self.title_text = title

    def compose(self) -> ComposeResult:
        record = self.record
        with Vertical(classes="dialog", id="dual-form"):
            yield Label(literal(self.title_text), classes="dialog-title")
            if self.prompt:
                yield Label(literal(f"To ask the room: {self.prompt}"), id="dr-prompt")
            for name, label in TEXT_FIELDS:
                value = record.get(name) or ""
                with Horizontal(classes="form-row", id=f"dr-{name}-row"):
                    yield Label(label, classes="form-label")
                    yield TextField(value, id=f"dr-{name}", compact=True,
                                placeholder="YYYY-MM-DD, or leave empty" if name == "due" else "")
                if name == "due":
                    yield Label("", id="dr-due-error", classes="error-line")
            with Horizontal(classes="form-row"):
                yield Label("Universal or tailored", classes="form-label")
                yield Select(SCOPES, value=record.get("scope") or Select.NULL, prompt="Not decided yet",
                             id="dr-scope", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Policy affected", classes="form-label")
                yield TextField(record.get("policy") or "", id="dr-policy", compact=True)
            yield Label("Enter saves · Tab: next box · Esc cancels · no names of real people",
                        classes="dialog-help")

    def on_mount(self) -> None:
        # Inline, because the shared .dialog width in app.tcss outranks DEFAULT_CSS.
        self.query_one("#dual-form").styles.width = 100
        first = "challenge" if self.record.get("situation") else "situation"
        self.query_one(f"#dr-{first}", Input).focus()

    def on_descendant_focus(self, event) -> None:
        # Mark the row being typed in without relying on colour: its label shows reversed.
        for row in self.query(".form-row"):
            row.set_class(event.widget in row.children, "-focused")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "dr-due":
            self.query_one("#dr-due-error", Label).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        values = {name: self.query_one(f"#dr-{name}", Input).value for name, _ in TEXT_FIELDS}
        values["policy"] = self.query_one("#dr-policy", Input).value
        situation = model.clean_text(values["situation"]).strip()
        if not situation:
            self._problem("situation", "Say what the situation is; use Delete to remove a row.")
            return
        try:
            due = model.parse_date(values["due"])
        except ValueError as exc:
            error = self.query_one("#dr-due-error", Label)
            error.update(literal(f"✗ {exc}"))
            self.query_one("#dr-due", Input).focus()
            return
        scope = self.query_one("#dr-scope", Select).value
        changes = {
            "situation": situation,
            "challenge": model.clean_text(values["challenge"]).strip(),
            "action_plan": model.clean_text(values["action_plan"]).strip(),
            "owner": model.clean_line(values["owner"]),
            "due": due,
            "scope": None if scope is Select.NULL else scope,
            "policy": model.clean_line(values["policy"]),
        }
        defaults = {"challenge": "", "action_plan": "", "owner": "", "policy": ""}
        changed = {k: v for k, v in changes.items() if self.record.get(k, defaults.get(k)) != v}
        self.dismiss(changed or None)

    def _problem(self, field: str, message: str) -> None:
        self.notify(message, severity="warning", markup=False)
        self.query_one(f"#dr-{field}", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_noop(self) -> None:
        """Undo of the workshop waits until the form is closed."""
