"""A list of items to go through one by one, each with a note typed in the box below.

Shared by the criteria and the compromise-signs panes of the job description review.
Letter keys act on the highlighted item while the list has focus; E (or Enter) moves to the
note box, Enter or Esc there saves the note and goes back to the list. A note is also saved
when the box loses focus, so moving on never loses what was typed; if the save fails, the
words stay in the box.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from workshop import model
from workshop.tui.activities.base import ActivityView
from workshop.tui.widgets.debounce import Debounced
from workshop.tui.widgets.end_stop import EndStopList
from workshop.tui.widgets.jd_rows import spaced

NO_DRAFT = "No draft yet: import one (I) or paste one (P) first."


class NotedList(Vertical):
    BINDINGS = [
        Binding("e", "note", "Note", id="jd.note"),
        Binding("escape", "toggle_focus", "List / note", id="jd.note.focus", show=False),
    ]
    placeholder = "a note, then Enter · Esc: back to the list"
    label = "note"
    list_id = "jd-noted-list"
    note_id = "jd-noted-note"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._target: str | None = None  # the item the note box is writing to
        self._unsaved = False
        self._save = Debounced(self, lambda: self.save_note(done=False))

    def compose_top(self) -> ComposeResult:
        yield from ()

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        yield EndStopList(id=self.list_id, classes="jd-list")
        with Horizontal(classes="entry-row"):
            yield Label("Note ▸", classes="entry-prompt")
            yield Input(placeholder=self.placeholder, id=self.note_id, classes="jd-note", select_on_focus=False)

    def on_mount(self) -> None:
        self.query_one(Input).disabled = self.view.session.read_only

    # what subclasses provide -----------------------------------------------------------------

    def items(self) -> list[tuple[str, Text]] | None:
        """(id, prompt) of every item, with group headers as (None-id) rows; None if no draft."""
        raise NotImplementedError

    def stored_note(self, key: str) -> str:
        raise NotImplementedError

    def save(self, key: str, label: str, **changes) -> dict | None:
        """Save changes to an item through the view's history; None if it failed."""
        raise NotImplementedError

    def prompt(self, key: str, record: dict) -> Text:
        raise NotImplementedError

    def highlighted_changed(self, key: str | None) -> None:
        """Hook for showing more about the highlighted item."""

    # drawing -----------------------------------------------------------------------------------

    @property
    def view(self) -> ActivityView:
        return self.query_ancestor(ActivityView)

    @property
    def listing(self) -> OptionList:
        return self.query_one(OptionList)

    @property
    def entry(self) -> Input:
        return self.query_one(Input)

    def draw(self) -> None:
        listing = self.listing
        keep = listing.highlighted_option.id if listing.highlighted_option else None
        rows = self.items()
        if rows is None:
            listing.set_options([Option(NO_DRAFT, disabled=True)])
            return
        wide = self.app.has_class("-projector")
        listing.set_options(Option(spaced(prompt, wide and key is not None), id=key, disabled=key is None)
                            for key, prompt in rows)
        index = None
        if keep is not None:
            try:
                index = listing.get_option_index(keep)
            except Exception:  # noqa: BLE001 - it went away
                index = None
        if index is None:
            index = next((i for i in range(listing.option_count) if not listing.get_option_at_index(i).disabled), None)
        listing.highlighted = index
        self._show_highlighted()

    def refresh_row(self, key: str, record: dict) -> None:
        self.listing.replace_option_prompt(key, spaced(self.prompt(key, record), self.app.has_class("-projector")))

    def key(self) -> str | None:
        option = self.listing.highlighted_option
        return option.id if option is not None else None

    def _show_highlighted(self) -> None:
        key = self.key()
        self.highlighted_changed(key)
        if key is not None and not self._unsaved and not self.entry.has_focus:
            self.entry.value = self.stored_note(key)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_highlighted()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_note()

    @property
    def typing(self) -> bool:
        """A note is being typed and may not be saved yet."""
        return self.entry.has_focus or self._save.waiting

    def focus_list(self) -> None:
        self.listing.focus()

    # the note box ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "note" and self.entry.has_focus:
            return False
        return True

    def action_note(self) -> None:
        key = self.key()
        if key is None:
            self.app.notify("Nothing selected to add a note to.", timeout=2, markup=False)
            return
        self._target = key
        if not self._unsaved:
            self.entry.value = self.stored_note(key)
        self.entry.focus()
        self.entry.cursor_position = len(self.entry.value)

    def action_toggle_focus(self) -> None:
        if self.entry.has_focus:
            if self.save_note():
                self.focus_list()
            return
        # Esc steps out, never into a box that already holds words: the next letter, meant
        # as a key for the list, would be added to the note and saved.
        key = self.key()
        if key is not None and (self._unsaved or self.stored_note(key)):
            self.app.notify("This item has a note: press e to change it.", timeout=3, markup=False)
            return
        self.action_note()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not self.entry.has_focus:
            return  # the box showing the highlighted item's note, not typing
        self._save.changed()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.save_note():
            self.focus_list()

    def on_descendant_focus(self, event) -> None:
        if event.widget is self.entry and self._target is None:
            self._target = self.key()  # reached by Tab or the mouse rather than E

    def on_descendant_blur(self, event) -> None:
        if event.widget is self.entry:
            self.save_note()

    def save_note(self, done: bool = True) -> bool:
        """Save what is in the note box for its item. On failure the words stay in the box.
        `done`: the typing is over (Enter, Esc, leaving the box), not just a pause in it."""
        self._save.cancel()
        key = self._target or self.key()
        if key is None or self.view.session.read_only:
            return True
        typed = model.clean_text(self.entry.value).strip()
        if typed == self.stored_note(key):
            self._unsaved = False
            if done:
                self._target = None
            return True
        record = self.save(key, f"note on {self.label}", note=typed)
        if record is None:
            self._unsaved = True
            return False
        self._unsaved = False
        if done:
            self._target = None
        self.refresh_row(key, record)
        return True
