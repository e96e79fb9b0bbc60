"""The workshop screen: agenda, timer, the current activity, its guide and notes."""

from __future__ import annotations

from functools import partial
from typing import Iterable

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Label, Static

from workshop.tui.screens.kinds import OffersCommands, SavesOnClose
from workshop.tui.widgets.entry import ENTRY_DRAFTS, EntryBox
from workshop.tui.widgets.footer import KeyFooter
from workshop import content
from workshop.history import History
from workshop.store import Session, StoreError, describe_holder
from workshop.store.conflicts import from_another_computer, lock_advice
from workshop.tui.activities import view_for
from workshop.tui.activities.base import ActivityView
from workshop.tui.widgets.agenda import AgendaBar
from workshop.collector import thaw
from workshop.tui.first_frame import PaintsAfterStartUp
from workshop.tui.widgets.literal import literal, update_if_changed
from workshop.tui.boxes import is_text_area
from workshop.tui.widgets.notes import NotesPanel
from workshop.tui.widgets.timer import ActivityTimer
from workshop.tui.room.host import ROOM_BINDING, HostsRoom
from workshop.tui.screens.workshop_parts import TIMER_FIELD, KeepsTimer, OpensDialogs  # noqa: F401 - TIMER_FIELD as before



class WorkshopScreen(PaintsAfterStartUp, KeepsTimer, OpensDialogs, HostsRoom, SavesOnClose, OffersCommands,
                     Screen[None]):
    """Runs one workshop. Ctrl keys work everywhere, even while typing in an entry box."""

    CSS_PATH = "workshop.tcss"

    # The first focus goes to the entry box as the screen is composed, never to a list: a key
    # pressed while the workshop opens types a letter instead of acting on an item.
    AUTO_FOCUS = "EntryBox"

    BINDINGS = [
        Binding("ctrl+n", "next_activity", "Next", id="activity.next", priority=True),
        Binding("ctrl+b", "previous_activity", "Back", id="activity.previous", priority=True),
        Binding("ctrl+z", "undo", "Undo", id="undo", priority=True),
        Binding("ctrl+y", "redo", "Redo", id="redo", show=False, priority=True),
        Binding("ctrl+o", "toggle_notes", "Notes", id="notes", priority=True),
        Binding("ctrl+g", "toggle_guide", "Guide", id="guide", priority=True),
        Binding("ctrl+t", "timer_toggle", "Timer", id="timer.toggle", priority=True),
        Binding("ctrl+r", "timer_reset", "Reset timer", id="timer.reset", show=False, priority=True),
        Binding("f7", "timer_adjust(-1)", "Timer -1 min", id="timer.less", show=False),
        Binding("f8", "timer_adjust(1)", "Timer +1 min", id="timer.more", show=False),
        Binding("f5", "go_to", "Go to…", id="activity.go_to", show=False),
        Binding("f2", "details", "Details", id="details"),
        Binding("f3", "about", "Sources", id="about", show=False),
        Binding("f10", "export", "Export", id="export", show=False),
        Binding("f6", "merge_log", "Merge log", id="merge_log", show=False),
        Binding("ctrl+w", "close_workshop", "Close workshop", id="close", show=False, priority=True),
        ROOM_BINDING,
    ] + [
        # Priority, so a terminal that sends Alt+digit as a key never types it into a box.
        Binding(f"alt+{n}", f"go('{key}')", f"Go to activity {n}", id=f"activity.go.{n}", show=False,
                priority=True)
        for n, key in enumerate(content.ACTIVITY_KEYS, start=1)
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.history = History(session)
        # A follow-up opens with its review, before the six; ordinary workshops never show it.
        self.followup = bool(session.workshop().get("follows"))
        self.keys = (content.REVIEW_KEY, *content.ACTIVITY_KEYS) if self.followup else content.ACTIVITY_KEYS
        if self.followup:
            # Bound on this screen only, so an ordinary workshop's keys and help stay as they were.
            self._bindings.bind("alt+r", f"go('{content.REVIEW_KEY}')", "Go to the review", show=False)
        self.views: dict[str, ActivityView] = {}
        self.guide_open = False
        self.notes_open = False

    # layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        workshop = self.session.workshop()
        with Horizontal(id="topbar"):
            with Vertical(id="topbar-text"):
                yield Label(literal(self._heading(workshop)), id="workshop-title")
                yield AgendaBar(id="agenda")
                yield Label("", id="activity-caption")
            yield ActivityTimer(id="timer")
        if self.session.read_only:
            yield Static(literal(self._read_only_text()), id="read-only-banner")
        with Horizontal(id="main"):
            # Views are built on first visit: composing all six up front doubled the time to open.
            first = self._resume_at(workshop)
            with ContentSwitcher(id="activities", initial=f"activity-{first}"):
                view = self.views[first] = view_for(first)(self.session, self.history)
                yield view
            # The guide's Markdown widget is made when the guide is first opened: loading it and
            # its parser (markdown-it) slowed every opening, for a panel shown on request.
            yield VerticalScroll(id="guide")
        yield NotesPanel(self.history, id="notes")
        yield KeyFooter()

    def _heading(self, workshop: dict) -> str:
        parts = [workshop["title"]]
        if workshop.get("team"):
            parts.append(workshop["team"])
        return " · ".join(parts)

    def _read_only_text(self) -> str:
        holder = self.session.holder or {}
        if "reason" in holder:
            return f"READ-ONLY: {holder['reason']}"
        if from_another_computer(holder):  # a lock that came through the synced folder
            return f"READ-ONLY: {lock_advice(self.session.path, holder)}"
        return (f"READ-ONLY: this workshop is open in another window ({describe_holder(holder)}). "
                "You can look, but changes are not saved here.")

    def on_mount(self) -> None:
        self.query_one(NotesPanel).display = False
        self.query_one(ActivityTimer).restore(self.session.workshop().get(TIMER_FIELD))
        self.show_activity(self._resume_at(self.session.workshop()), save=False)
        self.open_room_if_asked()

    def is_ready(self) -> bool:
        """The current activity is built, filled and focused (see settle)."""
        view = self.views.get(self.current) if self.is_mounted else None
        return view is not None and view.is_ready()

    def _resume_at(self, workshop: dict) -> str:
        key = workshop.get("current_activity")
        return key if key in self.keys else self.keys[0]

    # activities --------------------------------------------------------------------------

    @property
    def current(self) -> str:
        return self.query_one(ContentSwitcher).current.removeprefix("activity-")

    def show_activity(self, key: str, *, save: bool = True) -> None:
        if key not in self.keys:
            key = self.keys[0]
        switcher = self.query_one(ContentSwitcher)
        view = self.views.get(key)
        if view is None:
            view = self.views[key] = view_for(key)(self.session, self.history)
            switcher.mount(view)
            # A view's own on_mount runs before Textual counts it as mounted, so fill it after.
            view.when_ready(view.reload)
        elif view.is_mounted:
            view.reload()
        switcher.current = f"activity-{key}"
        workshop = self.session.workshop()
        minutes = workshop.get("timeboxes", {}).get(key, content.activity(key).minutes)
        self.query_one(ActivityTimer).show(key, minutes)
        if self.guide_open:
            self._show_guide(key)
        notes = self.query_one(NotesPanel)
        notes.show(key, content.activity(key).title)
        self.refresh_agenda()
        if save and not self.session.read_only and workshop.get("current_activity") != key:
            try:
                self.history.remember(current_activity=key)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
        view.when_ready(self._focus_view, key)

    def _focus_view(self, key: str) -> None:
        # Typing may have moved on (notes opened, another activity) while the view was built;
        # and a key pressed meanwhile may have moved focus inside this view already (Esc to its
        # list): it is not taken back to the entry box.
        view = self.views[key]
        focused = self.app.focused
        if focused is not None and view in focused.ancestors_with_self:
            return
        if not self.notes_open and self.current == key and isinstance(self.app.screen, WorkshopScreen):
            view.focus_entry()

    def _show_guide(self, key: str) -> None:
        # Built only while open: a Markdown document is a few hundred widgets to style.
        from textual.widgets import Markdown

        try:
            guide = self.query_one("#guide-text", Markdown)
        except NoMatches:
            from workshop.export.mdparse import make_parser

            guide = Markdown(self._guide_text(key), id="guide-text", parser_factory=make_parser)
            self.query_one("#guide", VerticalScroll).mount(guide)
            return
        guide.update(self._guide_text(key))

    def _guide_text(self, key: str) -> str:
        override = self.app.sessions_dir / "guides"
        try:
            return content.guide(key, override if override.is_dir() else None)
        except OSError:
            return content.guide(key)

    def refresh_agenda(self) -> None:
        workshop = self.session.workshop()
        agenda = self.query_one(AgendaBar)
        counts = self.session.counts()
        current = self.current
        agenda.show(current, counts, workshop.get("timeboxes", {}), review=self.followup)
        update_if_changed(self.query_one("#activity-caption", Label), literal(agenda.current_caption()))
        update_if_changed(self.query_one("#workshop-title", Label), literal(self._heading(workshop)))

    def on_activity_view_changed(self, _event: ActivityView.Changed) -> None:
        self.refresh_agenda()
        for kept in self.session.take_kept_aside():
            self.notify(f"Another program changed this workshop's file while it was open. Its version is "
                        f"kept as {kept.name}; merge it from the home screen (S) so nothing is lost.",
                        severity="warning", timeout=30, markup=False)

    def on_activity_view_go_to(self, event: ActivityView.GoTo) -> None:
        event.stop()
        self.show_activity(event.activity)
        if event.record_id is not None:
            view = self.views[self.current]
            view.when_ready(view.select_record, event.record_id)

    def action_next_activity(self) -> None:
        keys = self.keys
        index = keys.index(self.current)
        if index + 1 < len(keys):
            self.show_activity(keys[index + 1])
        else:
            self.notify("This is the last activity.", timeout=2, markup=False)

    def action_previous_activity(self) -> None:
        keys = self.keys
        index = keys.index(self.current)
        if index > 0:
            self.show_activity(keys[index - 1])
        else:
            self.notify("This is the first activity.", timeout=2, markup=False)

    def action_go(self, key: str) -> None:
        self.show_activity(key)

    def action_go_to(self) -> None:
        from workshop.tui.screens.go_to import GoToScreen

        choices = []
        for key in self.keys:
            mark = "R" if key == content.REVIEW_KEY else str(content.ACTIVITY_KEYS.index(key) + 1)
            choices.append((mark, key, content.activity(key).title))

        def chosen(key: str | None) -> None:
            if key is not None:
                self.show_activity(key)

        self.app.push_screen(GoToScreen(choices, self.current), chosen)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "go" and parameters and parameters[0] not in self.keys:
            return False
        if action in ("undo", "redo") and is_text_area(self.app.focused):
            return False  # a text box undoes its own typing; Esc first to undo steps
        return True

    # undo --------------------------------------------------------------------------------

    def _undo_redo(self, redo: bool) -> None:
        try:
            step = self.history.redo() if redo else self.history.undo()
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if step is None:
            self.notify("Nothing to redo." if redo else "Nothing to undo.", timeout=2, markup=False)
            return
        for view in self.views.values():
            view.reload()
        self.refresh_agenda()
        # Undoing a change to the workshop's details puts its record back as it was; the
        # countdowns are not an edit, so they are kept as they are on screen.
        self._keep_timer(self.query_one(ActivityTimer).state())
        self.notify(f"{'Redone' if redo else 'Undone'}: {step.label}", timeout=3, markup=False)

    def action_undo(self) -> None:
        self._undo_redo(redo=False)

    def action_redo(self) -> None:
        self._undo_redo(redo=True)

    # panels ------------------------------------------------------------------------------

    def action_toggle_guide(self) -> None:
        if self.app.has_class("-projector"):
            self.notify("The guide stays hidden in projector mode; F4 leaves projector mode.", timeout=4, markup=False)
            return
        self.guide_open = not self.guide_open
        if self.guide_open:
            self._show_guide(self.current)
        self.set_class(self.guide_open, "-guide-open")

    async def action_toggle_notes(self) -> None:
        notes = self.query_one(NotesPanel)
        self.notes_open = not self.notes_open
        if self.notes_open:
            notes.display = True
            (await notes.open_editor()).focus()
        else:
            notes.flush()
            notes.display = False
            self.views[self.current].focus_entry()

    def action_close_workshop(self) -> None:
        self.close_session()
        self.app.pop_screen()  # the home screen refreshes its list when it shows again

    def close_session(self) -> None:
        """Save what is pending and release the file. Safe to call twice."""
        self.close_room()
        if self.is_mounted and not self.session.closed:
            try:
                self.query_one(NotesPanel).flush()
                for view in self.views.values():
                    view.flush()
                self._keep_unsent_words()
            except NoMatches:
                pass  # already being taken down: what was typed was saved as it was typed
        self.session.close()

    def _keep_unsent_words(self) -> None:
        """Words typed in an entry box but not yet entered wait there for the next opening,
        rather than being lost with the window."""
        drafts = dict(self.session.workshop().get(ENTRY_DRAFTS) or {})
        for key, view in self.views.items():
            for entry in view.query(EntryBox):
                if entry.value.strip():
                    drafts[key] = entry.value
                else:
                    drafts.pop(key, None)
        if drafts != (self.session.workshop().get(ENTRY_DRAFTS) or {}) and not self.session.read_only:
            try:
                self.history.remember(**{ENTRY_DRAFTS: drafts})
            except StoreError:
                pass  # the file cannot be written now; everything entered was saved already

    def on_unmount(self) -> None:
        # However the app ends (quit, a closed terminal, a test harness), free the lock.
        self.close_session()
        thaw()  # this workshop's records and widgets may go now

    def activity_bindings(self) -> list[Binding]:
        return list(self.views[self.current].BINDINGS)

    def palette_targets(self) -> list[tuple[Widget, Widget | None]]:
        view = self.views.get(self.current) if self.is_mounted else None
        if view is None:
            return []
        try:
            listing = view.list_widget()
        except NoMatches:
            listing = None  # still being built
        return [(view, listing)] + ([(listing, listing)] if listing is not None else [])

    def palette_commands(self) -> Iterable[SystemCommand]:
        if self.followup:
            review = content.review_activity()
            yield SystemCommand(f"Go to R: {review.title}", review.summary, partial(self.show_activity, review.key))
        for n, activity in enumerate(content.activities(), start=1):
            yield SystemCommand(f"Go to {n}: {activity.title}", activity.summary, partial(self.show_activity, activity.key))
