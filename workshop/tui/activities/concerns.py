"""Activity 5: the concerns log, each concern and how the team worked it through."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Horizontal
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from workshop.template import customise
from workshop.actions import is_overdue, linked_action, send_to_action_plan
from workshop.tui.activities.list_view import ListActivityView, RowsFitWidth
from workshop.tui.widgets.end_stop import EndStopList
from workshop.tui.widgets.literal import quoted
from workshop.tui.widgets.entry import PASTE_HINT, EntryBox, cleaned
from workshop.tui.screens.action_grid import Cell, assemble, below, grid, grid_text, spaced, split_widths
from workshop.tui.screens.concern_edit import EditConcernScreen
from workshop.tui.screens.concern_library import LibraryScreen, gist_text

STATUSES = ("open", "in_progress", "resolved")
# Words and a bracket marker for each status, so nothing depends on colour.
STATUS_WORDS = {"open": "Open", "in_progress": "In progress", "resolved": "Resolved"}
STATUS_MARKS = {"open": "[ ]", "in_progress": "[~]", "resolved": "[✓]"}
FILTERS = ("all", *STATUSES)
STATUS_WIDTH = 15


def status_label(status: str) -> str:
    return f"{STATUS_MARKS.get(status, '[?]')} {STATUS_WORDS.get(status, status)}"


def today() -> date:
    """Today's date; tests replace it (or give the app a `today()`)."""
    return date.today()


class ConcernList(EndStopList):
    """The concerns. Letter keys act on the highlighted one (see ConcernsView)."""


class ConcernsView(RowsFitWidth, ListActivityView):
    LIST_CLASS = ConcernList
    LIST_ONLY = frozenset({
        "edit", "delete", "cycle_status", "cycle_filter", "library", "send_to_plan", "type",
    })

    activity = "concerns"

    SCOPED_CSS = False  # the rules below name the view themselves, and projector mode lives on the app

    DEFAULT_CSS = """
    ConcernsView #cn-counts { height: 1; }
    ConcernsView #cn-head { height: 1; padding: 0 3; color: $text-muted; text-style: bold; width: 1fr; }
    ConcernsView ConcernList { height: 1fr; max-height: 100%; scrollbar-gutter: stable; text-wrap: nowrap; }
    ConcernsView ConcernList > .option-list--option { padding: 0 1; }
    .-projector ConcernsView ConcernList { background: $background; border: heavy $foreground 60%; }
    .-projector ConcernsView ConcernList:focus { border: double $primary; }
    """

    BINDINGS = [
        Binding("up", "move_selection(-1)", "Up", show=False),
        Binding("down", "move_selection(1)", "Down", show=False),
        Binding("escape", "toggle_focus", "List / typing", id="cn.focus"),
        Binding("e,enter", "edit", "Edit", id="cn.edit"),
        Binding("s", "cycle_status", "Status", id="cn.status"),
        Binding("d,delete", "delete", "Delete", id="cn.delete"),
        Binding("f", "cycle_filter", "Filter", id="cn.filter"),
        Binding("l", "library", "Library", id="cn.library"),
        Binding("p", "send_to_plan", "To action plan", id="cn.plan"),
        Binding("a,i", "type", "Type", id="cn.type", show=False),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filter = "all"
        self._records: list[dict] = []
        self._by_id: dict[str, dict] = {}
        self._prompts: dict[str, tuple[tuple, Content]] = {}
        self._width = 0
        # The shipped categories plus any the workshop's organisation template adds.
        self._categories = customise.concern_categories(self.session.workshop())

    def compose(self) -> ComposeResult:
        yield Label("", id="cn-counts", classes="column-title")
        yield Label("", id="cn-head")
        yield ConcernList(id="cn-list")
        with Horizontal(id="cn-entry", classes="entry-row"):
            yield Label("Add a concern ▸", id="cn-prompt", classes="entry-prompt")
            yield EntryBox(placeholder=f"type, then Enter · Esc: select concerns · {PASTE_HINT}", id="cn-input",
                        disabled=self.session.read_only)
        yield Label("New concerns: open, anonymous, raised in the group · l: library",
                    id="cn-status", classes="status-line")

    # state -----------------------------------------------------------------------------------

    def _list(self) -> ConcernList:
        return self.query_one(ConcernList)

    def select_record(self, rid: str) -> None:
        """Highlight one concern (used when the action plan jumps back to its source)."""
        if rid in self._by_id and self._by_id[rid]["status"] != self.filter and self.filter != "all":
            self.filter = "all"
            self._fill()
        super().select_record(rid)

    def _today(self) -> date:
        return self._app_today() or today()

    def reload(self) -> None:
        if not self.is_mounted:
            return
        self._records = self.session.records("concerns")
        self._by_id = {r["id"]: r for r in self._records}
        self._fill()

    def _layout_width(self) -> int:
        width = self._list().scrollable_content_region.width - 2
        if width < 20:
            width = self.app.size.width - 6
        return max(30, width)

    def _widths(self) -> list[int]:
        return split_widths(self._width, [STATUS_WIDTH, None, None], [0, 1, 1])

    def _fill(self, keep: str | None = None) -> None:
        listing = self._list()
        previous = keep or (listing.highlighted_option.id if listing.highlighted_option else None)
        self._width = self._layout_width()
        fears = {r["id"]: r for r in self.session.records("hopes_fears") if r["kind"] == "fear"}
        planned = {a.get("source") for a in self.session.records("actions") if a.get("source")}
        labels = {c["key"]: c["label"] for c in self._categories}
        now = self._today()
        shown = [r for r in self._records if self.filter == "all" or r["status"] == self.filter]
        options = [Option(self._cached_prompt(r, fears, planned, labels, now), id=r["id"]) for r in shown]
        listing.set_options(spaced(options, self.app.has_class("-projector")))
        self._highlight(listing, previous)
        self._show_counts()
        widths = self._widths()
        head = grid_text([Cell("Status", widths[0]), Cell("Concern", widths[1]),
                          Cell("How we worked it through", widths[2])])
        self.query_one("#cn-head", Label).update(head)

    def _cached_prompt(self, record: dict, fears: dict, planned: set, labels: dict, now) -> Content:
        """A row's prompt, reused while nothing it shows has changed: the list keeps each
        prompt's measured height, so redrawing 500 rows after one change stays quick."""
        fear = fears.get(record["from_fear"], {}).get("text") if record.get("from_fear") else None
        overdue = record["status"] != "resolved" and is_overdue({"by_when": record.get("due")}, now)
        key = (record.get("updated_at"), self._width, fear, f"concern:{record['id']}" in planned, overdue)
        cached = self._prompts.get(record["id"])
        if cached is None or cached[0] != key:
            cached = (key, self._prompt(record, fears, planned, labels, overdue))
            self._prompts[record["id"]] = cached
        return cached[1]

    def _prompt(self, record: dict, fears: dict, planned: set, labels: dict, overdue: bool) -> Content:
        widths = self._widths()
        status = record["status"]
        extra = [("OVERDUE", "bold reverse")] if overdue else []
        parts = grid([
            Cell(status_label(status), widths[0], style="bold", extra=extra),
            Cell(record["text"] or "(empty)", widths[1]),
            Cell(record.get("response") or "(not yet)", widths[2], style="" if record.get("response") else "dim"),
        ])
        meta = []
        if record.get("category"):
            meta.append(labels.get(record["category"], record["category"]))
        how = {"group": "raised in the group", "individual": "raised individually"}.get(record.get("raised_how") or "")
        if how:
            meta.append(how)
        if record.get("raised_by_role"):
            meta.append(f"raised by: {record['raised_by_role']}")
        if record.get("owner"):
            meta.append(f"owner: {record['owner']}")
        if record.get("due"):
            meta.append(f"by when: {record['due']}")
        if f"concern:{record['id']}" in planned:
            meta.append("▸ in the action plan")
        if record.get("from_fear"):
            fear = fears.get(record["from_fear"])
            meta.append(f"◆ from a fear: “{fear['text']}”" if fear else "◆ from a fear (no longer listed)")
        if meta:
            parts += below(" · ".join(meta), self._width, indent=STATUS_WIDTH + 2, style="italic", max_lines=3)
        return assemble(parts)

    def _highlight(self, listing: OptionList, option_id: str | None) -> None:
        if option_id is not None:
            try:
                listing.highlighted = listing.get_option_index(option_id)
                return
            except Exception:  # noqa: BLE001 - the concern went away or is filtered out
                pass
        listing.highlighted = listing.option_count - 1 if listing.option_count else None

    def _show_counts(self) -> None:
        counts = {s: 0 for s in STATUSES}
        for record in self._records:
            counts[record["status"]] = counts.get(record["status"], 0) + 1
        parts = [("all", f"All {len(self._records)}")]
        parts += [(s, f"{STATUS_WORDS[s]} {counts[s]}") for s in STATUSES]
        line = Text("Showing ")
        for n, (key, words) in enumerate(parts):
            if n:
                line.append(" · ")
            if key == self.filter:
                line.append(f"▶[{words}]", style="reverse")
            else:
                line.append(words)
        self.query_one("#cn-counts", Label).update(line)

    def counts_text(self) -> str:
        return str(self.query_one("#cn-counts", Label).render())

    def focus_entry(self) -> None:
        entry = self.query_one("#cn-input", Input)
        if entry.disabled:
            self._list().focus()
        else:
            entry.focus()

    # typing ----------------------------------------------------------------------------------

    def on_entry_box_entered(self, event: EntryBox.Entered) -> None:
        records = self.add_entered(
            event, "concerns", "add concern",
            lambda text: {"text": cleaned(text), "status": "open", "raised_how": "group", "raised_by_role": None}
            if cleaned(text) else None)
        if not records:
            return
        if self.filter not in ("all", "open"):
            self.filter = "all"
            self.app.notify("Added. Showing all concerns.", timeout=2, markup=False)
        self._records.extend(records)
        self._by_id.update((r["id"], r) for r in records)
        self._fill(keep=records[-1]["id"])

    # actions ---------------------------------------------------------------------------------

    def _need_selection(self) -> dict | None:
        record = self.selected()
        if record is None:
            self.app.notify("No concern selected.", timeout=2, markup=False)
        return record

    def action_edit(self) -> None:
        record = self._need_selection()
        if record is not None:
            self._edit(record, record)

    def _edit(self, record: dict, shown: dict) -> None:
        """Open the dialog on `shown` (the record, or what was typed when a save failed)."""

        def done(changes: dict | None) -> None:
            if not changes:
                return
            saved = self.attempt(self.history.update, "concerns", record["id"], "edit concern", **changes)
            self.reload()
            if saved is None and self.session.get("concerns", record["id"]) is not None:
                self._edit(record, {**shown, **changes})  # not saved: keep the words on screen

        self.app.push_screen(EditConcernScreen(shown, base=record, categories=self._categories), done)

    def action_cycle_status(self) -> None:
        record = self._need_selection()
        if record is None:
            return
        status = STATUSES[(STATUSES.index(record["status"]) + 1) % len(STATUSES)]
        if self.attempt(self.history.update, "concerns", record["id"], "change status", status=status):
            self.reload()
            hidden = " (hidden by the filter; f shows others)" if self.filter not in ("all", status) else ""
            self.app.notify(f"Now {status_label(status)}{hidden}", timeout=2, markup=False)

    def action_delete(self) -> None:
        record = self._need_selection()
        if record is None:
            return
        name = quoted(record.get("text", ""))
        if self.attempt(self.history.delete, "concerns", record["id"], f"delete the concern {name}") is not None:
            self.reload()
            self.app.notify(f"Deleted the concern {name}. Ctrl+Z brings it back.", timeout=4, markup=False)

    def action_cycle_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self._fill()

    def action_library(self) -> None:
        record = self.selected()

        def done(choice: tuple[str, dict] | None) -> None:
            if choice is None:
                return
            how, entry = choice
            if how == "new" or record is None:
                self._add_from_library(entry)
            else:
                self._apply_library(record, entry)

        workshop = self.session.workshop()
        screen = LibraryScreen(record, customise.concern_library(workshop), customise.template_name(workshop))
        self.app.push_screen(screen, done)

    def _apply_library(self, record: dict, entry: dict) -> None:
        gist = gist_text(entry)
        response = record.get("response") or ""
        if gist not in response:
            response = f"{response.rstrip()}\n\n{gist}" if response.strip() else gist
        if self.attempt(self.history.update, "concerns", record["id"], "draw on the library",
                        category=entry["key"], response=response) is not None:
            self.reload()
            self.app.notify("Starting response added from the library: e edits it, Ctrl+Z undoes.", timeout=4,
                            markup=False)

    def _add_from_library(self, entry: dict) -> None:
        record = self.attempt(self.history.insert, "concerns", "add concern from the library",
                              text=entry["title"], category=entry["key"], response=gist_text(entry),
                              status="open", raised_how="group")
        if record is not None:
            if self.filter not in ("all", "open"):
                self.filter = "all"
            self.reload()
            self._fill(keep=record["id"])
            self.app.notify("Added a concern from the library: e edits it.", timeout=3, markup=False)

    def action_send_to_plan(self) -> None:
        record = self._need_selection()
        if record is None:
            return
        if linked_action(self.history, "concerns", record) is not None:
            self.app.notify("This concern is already in the action plan.", timeout=3, markup=False)
            return
        action = self.attempt(send_to_action_plan, self.history, "concerns", record)
        if action is not None:
            self.reload()
            self.app.notify("Sent to the action plan (activity 6), linked to this concern.", timeout=4, markup=False)


VIEW = ConcernsView
