"""What every activity view shares: access to the session, safe changes, reloads."""

from __future__ import annotations

from typing import Any, Callable, ClassVar, TypeVar

from textual.containers import Vertical
from textual.message import Message

from workshop import model
from workshop.template import customise
from workshop.history import History
from workshop.store import Session, StoreError
from workshop.tui.settle import defer, tables_measured
from workshop.tui.widgets.entry import ENTRY_DRAFTS, EntryBox
from workshop.tui.widgets.template_prompts import TemplatePrompts

T = TypeVar("T")


class ActivityView(Vertical):
    """One activity of the day. Subclasses set `activity` and build their own widgets.

    Views change data only through `self.history` (so every change can be undone) and
    wrap each change in `attempt`, which turns a failed save into a message on screen
    and leaves what the facilitator typed where it was."""

    activity: ClassVar[str] = ""

    class Changed(Message):
        """Posted after a change is saved, so the agenda and counts can refresh."""

    class GoTo(Message):
        """Show another activity, with one of its records selected (the screen owns which
        activity shows; a view never reaches for another view)."""

        def __init__(self, activity: str, record_id: str | None = None) -> None:
            super().__init__()
            self.activity = activity
            self.record_id = record_id

    def __init__(self, session: Session, history: History, *, id: str | None = None) -> None:
        super().__init__(id=id or f"activity-{self.activity}", classes="activity")
        self.session = session
        self.history = history
        self._ready = False
        self._when_ready: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []

    def on_mount(self) -> None:
        # Textual runs this after the subclass's own on_mount, so the view has drawn its data.
        prompts = customise.prompts_for(self.activity, self.session.workshop())
        if prompts:
            strip = TemplatePrompts(prompts, id=f"template-prompts-{self.activity}")
            self.mount(strip, before=0 if self.children else None)
        self._ready = True
        draft = (self.session.workshop().get(ENTRY_DRAFTS) or {}).get(self.activity)
        if isinstance(draft, str) and draft:
            for entry in self.query(EntryBox):
                entry.value = entry.value or draft
        waiting, self._when_ready = self._when_ready, []
        for callback, args in waiting:
            defer(self, callback, *args)

    def when_ready(self, callback: Callable[..., Any], *args: Any) -> None:
        """Run `callback` once the view is mounted and filled (views are built on first visit)."""
        if self._ready:
            defer(self, callback, *args)
        else:
            self._when_ready.append((callback, args))

    def is_ready(self) -> bool:
        return self._ready and not self._when_ready and tables_measured(self)

    def list_widget(self) -> Any:
        """The list or table that letter keys act on, if the view has one (the palette moves
        there before running one of its actions while the facilitator is typing)."""
        return None

    def after_layout(self, callback: Callable[..., Any], *args: Any) -> None:
        """Run `callback` after the next refresh, when sizes are known (counted: see settle)."""
        defer(self, callback, *args)

    def attempt(self, change: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        try:
            result = change(*args, **kwargs)
        except StoreError as exc:
            self.app.notify(str(exc), title="Not saved", severity="error", timeout=10, markup=False)
            return None
        self.post_message(self.Changed())
        return result

    def add_entered(self, event: EntryBox.Entered, table: str, label: str,
                    fields: Callable[[str], dict[str, Any] | None]) -> list[dict[str, Any]]:
        """Add one record per entered text (`fields` builds each from its cleaned words) in
        one step and one save. If the save fails the words go back into the box."""
        event.stop()
        event.entry.show_emptied()  # in the same frame as the new item
        if any(len(text) > model.MAX_TEXT for text in event.texts):
            self.app.notify(f"That was very long; the first {model.MAX_TEXT:,} characters were kept.",
                            severity="warning", markup=False)
        items = [item for item in (fields(text) for text in event.texts) if item]
        if not items:
            return []
        records = self.attempt(self.history.insert_many, table, items, label)
        if records is None:
            event.entry.give_back(event.texts)
            return []
        if len(records) > 1:
            self.app.notify(f"Added {len(records)} items, one for each pasted line.", timeout=3, markup=False)
        return records

    def focus_entry(self) -> None:
        """Put the cursor where the facilitator types first."""
        self.focus()

    def select_record(self, record_id: str) -> None:
        """Highlight one record (views with a list of records override this)."""

    def flush(self) -> None:
        """Save anything typed but waiting for a pause (views with free-text boxes)."""

    def reload(self) -> None:
        """Redraw from the store (after undo, redo, or another activity changed data)."""
