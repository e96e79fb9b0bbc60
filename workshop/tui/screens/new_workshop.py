"""The form for a new workshop, with a choice of organisation template."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from workshop.tui.widgets.entry import TextField
from workshop import content, model
from workshop.store import Session, StoreError, unique_session_path
from workshop.template import FoundTemplate, Template, TemplateError, find_templates, load_template
from workshop.tui.widgets.literal import literal

FIELDS = (
    ("title", "Title (required)", "e.g. Riverside CMHT team day"),
    ("team", "Team", "e.g. Riverside community mental health team"),
    ("organisation", "Organisation", ""),
    ("date", "Date (YYYY-MM-DD)", "e.g. 2026-12-03"),
    ("venue", "Venue", ""),
    ("facilitators", "Facilitators (separate names with commas)", ""),
)
NO_TEMPLATE = ""
TEMPLATES_FOLDER = "templates"


class NewWorkshopScreen(ModalScreen[Path | None]):
    """Creates the file as soon as the form is sent; returns its path.

    Templates are offered from `<sessions folder>/templates/*.toml`; one that cannot be used
    is listed with its reason and cannot be chosen. A path to any other template file can be
    typed instead."""

    DEFAULT_CSS = """
    NewWorkshopScreen #new-template-note { color: $text-muted; height: auto; width: 1fr; }
    NewWorkshopScreen #new-error { width: 1fr; }
    NewWorkshopScreen #new-template-note.-problem { color: $error; text-style: bold; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="new.cancel")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        # Those that can be used first; the broken ones after, to show why they cannot.
        found = find_templates(folder / TEMPLATES_FOLDER)
        self.found: list[FoundTemplate] = sorted(found, key=lambda f: f.template is None)
        self._chosen = NO_TEMPLATE

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label("New workshop", classes="dialog-title")
            for key, label, hint in FIELDS:
                yield Label(label)
                yield TextField(placeholder=hint, id=f"new-{key}")
            yield Label(f"Organisation template (from {self.folder / TEMPLATES_FOLDER})")
            yield Select(self._options(), value=NO_TEMPLATE, allow_blank=False, id="new-template")
            yield Label("", id="new-template-note")
            yield Label("Or the path of a template file")
            yield TextField(placeholder="e.g. ~/Documents/our-template.toml (leave empty to use the list)",
                        id="new-template-path")
            yield Label("", id="new-error", classes="error-line")
            yield Label("Enter creates it · Tab moves between fields · Esc cancels", classes="dialog-help")

    def _options(self) -> list[tuple]:
        options: list[tuple] = [("No template", NO_TEMPLATE)]
        for n, found in enumerate(self.found):
            options.append((literal(found.label), str(n)))
        return options

    def on_mount(self) -> None:
        self.query_one("#new-title", Input).focus()
        if not self.found:
            self._note("No templates in that folder: the workshop uses Team Day's own content.")

    def value(self, key: str) -> str:
        return self.query_one(f"#new-{key}", Input).value

    # the template ------------------------------------------------------------------------------

    def _note(self, text: str, problem: bool = False) -> None:
        note = self.query_one("#new-template-note", Label)
        note.update(literal(text))
        note.set_class(problem, "-problem")

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = event.value
        if value == self._chosen:
            return
        found = self.found[int(value)] if value != NO_TEMPLATE else None
        if found is not None and found.template is None:
            # Listed so the facilitator can see why, but it cannot be chosen.
            event.select.value = self._chosen
            self._note(f"Cannot be used: {found.problem}", problem=True)
            return
        self._chosen = value
        if found is None:
            self._note("The workshop uses Team Day's own content.")
        else:
            self._note(f"{found.template.name}: {found.template.summary()}")

    def _template(self) -> Template | None:
        """The template to use: a typed path, else the one chosen. Raises TemplateError."""
        typed = self.value("template-path").strip()
        if typed:
            return load_template(Path(typed).expanduser())
        if self._chosen == NO_TEMPLATE:
            return None
        # Read again: the file may have been edited since this form opened.
        return load_template(self.found[int(self._chosen)].path)

    # creating ----------------------------------------------------------------------------------

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
        if self.value("template-path").strip() and self._chosen != NO_TEMPLATE:
            error.update("Choose a template from the list or type its path, not both.")
            self.query_one("#new-template-path", Input).focus()
            return
        try:
            template = self._template()
        except TemplateError as exc:
            error.update(literal(f"The template cannot be used. {exc}"))
            self.query_one("#new-template-path" if self.value("template-path").strip() else "#new-template").focus()
            return
        facilitators = [name.strip() for name in self.value("facilitators").split(",") if name.strip()]
        fields = template.workshop_fields() if template is not None else {}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            session = Session.create(
                unique_session_path(self.folder, title),
                title=title, team=self.value("team"), organisation=self.value("organisation"),
                date=date, venue=self.value("venue"), facilitators=facilitators,
                # A new day starts at the opening, the first activity.
                **{"current_activity": content.ACTIVITY_KEYS[0], **fields},
            )
        except (StoreError, OSError) as exc:
            error.update(literal(exc))
            return
        path = session.path
        session.close()
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
