"""Activity 6: the action plan ("taking stock"), tasks grouped by the stages of introducing peer roles."""

from __future__ import annotations

from datetime import date
from functools import cache

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Horizontal
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from workshop import action_plan_seed as seed
from workshop import content, model
from workshop.jd import review as jd_review
from workshop.actions import describe_source, group_by_stage, is_overdue, parse_source, source_activity
from workshop.tui.activities.list_view import ListActivityView, RowsFitWidth
from workshop.tui.widgets.end_stop import EndStopList
from workshop.tui.widgets.literal import quoted
from workshop.tui.widgets.entry import PASTE_HINT, EntryBox
from workshop.tui.screens.action_edit import EditActionScreen
from workshop.tui.screens.action_grid import Cell, assemble, below, grid, grid_text, spaced, split_widths
from workshop.tui.screens.action_topics import TopicsScreen

STAGE_PREFIX = "stage:"
DATE_WIDTH = 10


@cache
def criterion_titles() -> dict[str, str]:
    """"HEAR ME peer values: Authenticity" for each stored key such as "hear_me:authenticity"."""
    return {c.key: f"{c.group_title}: {c.title}" for c in jd_review.criteria()}


def origin_of(source: str | None, lookup) -> str:
    """Where an action came from, in the words the room used: a criterion by its title from
    content, never by the key it is stored under."""
    titles = criterion_titles()

    def named(table: str, rid: str) -> dict | None:
        record = lookup(table, rid)
        if record is not None and table == "jd_checks":
            key = jd_review.normalise_key(record.get("criterion", ""))
            record = {**record, "criterion": titles.get(key, "")}
        return record

    return describe_source(source, named)


def today() -> date:
    """Today's date; tests replace it (or give the app a `today()`)."""
    return date.today()


class ActionList(EndStopList):
    """Stage headings and actions. Letter keys act on the highlighted row (see ActionPlanView)."""


class ActionPlanView(RowsFitWidth, ListActivityView):
    LIST_CLASS = ActionList
    LIST_ONLY = frozenset({
        "edit", "delete", "topics", "move_stage", "toggle_sort", "go_to_source", "type",
    })

    activity = "action_plan"

    SCOPED_CSS = False  # the rules below name the view themselves, and projector mode lives on the app

    DEFAULT_CSS = """
    ActionPlanView #ap-head { height: auto; padding: 0 3; text-style: bold; width: 1fr; }
    ActionPlanView ActionList { height: 1fr; max-height: 100%; scrollbar-gutter: stable; text-wrap: nowrap; }
    ActionPlanView ActionList > .option-list--option { padding: 0 1; }
    .-projector ActionPlanView ActionList { background: $background; border: heavy $foreground 60%; }
    .-projector ActionPlanView ActionList:focus { border: double $primary; }
    """

    BINDINGS = [
        Binding("up", "move_selection(-1)", "Up", show=False),
        Binding("down", "move_selection(1)", "Down", show=False),
        Binding("escape", "toggle_focus", "List / typing", id="ap.focus"),
        Binding("e,enter", "edit", "Edit", id="ap.edit"),
        Binding("t", "topics", "Guidance topics", id="ap.topics"),
        Binding("d,delete", "delete", "Delete", id="ap.delete"),
        Binding("m", "move_stage(1)", "Next stage", id="ap.move"),
        Binding("M", "move_stage(-1)", "Previous stage", id="ap.move_back", show=False),
        Binding("s", "toggle_sort", "Sort by date", id="ap.sort"),
        Binding("g", "go_to_source", "Go to source", id="ap.source"),
        Binding("a,i", "type", "Type", id="ap.type", show=False),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sort_by_date = False
        self.stage = "preparation"
        self._records: list[dict] = []
        self._by_id: dict[str, dict] = {}
        self._prompts: dict[str, tuple[tuple, Content]] = {}
        self._width = 0
        self._stages = seed.stages()
        self._titles = {s["key"]: s["title"] for s in self._stages}

    def compose(self) -> ComposeResult:
        yield Label("", id="ap-head")
        yield ActionList(id="ap-list")
        with Horizontal(id="ap-entry", classes="entry-row"):
            yield Label("", id="ap-prompt", classes="entry-prompt")
            yield EntryBox(placeholder=f"a task, then Enter · ↑↓: stage · Esc: select rows · {PASTE_HINT}", id="ap-input",
                        disabled=self.session.read_only)
        yield Label("", id="ap-status", classes="status-line")

    # state -----------------------------------------------------------------------------------

    def _list(self) -> ActionList:
        return self.query_one(ActionList)

    def _today(self) -> date:
        return self._app_today() or today()

    def reload(self) -> None:
        if not self.is_mounted:
            return
        self._records = self.session.records("actions")
        self._by_id = {r["id"]: r for r in self._records}
        self._fill()

    def _layout_width(self) -> int:
        width = self._list().scrollable_content_region.width - 2
        if width < 20:
            width = self.app.size.width - 6
        return max(40, width)

    def _widths(self) -> list[int]:
        return split_widths(self._width, [None, None, None, DATE_WIDTH, None], [4, 5, 3, 0, 2])

    def _fill(self, keep: str | None = None) -> None:
        listing = self._list()
        previous = keep or (listing.highlighted_option.id if listing.highlighted_option else None)
        self._width = self._layout_width()
        widths = self._widths()
        now = self._today()
        groups = group_by_stage(self._records, list(self._titles), sort_by_date=self.sort_by_date)
        options: list[Option] = []
        for stage in self._stages:
            rows = groups[stage["key"]]
            missing = seed.missing_topics(self._records, stage["key"])
            options.append(Option(self._header(stage, rows, missing), id=f"{STAGE_PREFIX}{stage['key']}"))
            options.extend(Option(self._cached_prompt(r, widths, now), id=r["id"]) for r in rows)
        listing.set_options(spaced(options, self.app.has_class("-projector")))
        self._highlight(listing, previous)
        titles = content.taking_stock_columns()
        self.query_one("#ap-head", Label).update(grid_text([Cell(t, w) for t, w in zip(titles, widths)]))
        self._show_status(now)

    def _header(self, stage: dict, rows: list[dict], missing: list[str]) -> Text:
        text = Text(f"━━ {stage['title']} ━━", style="bold")
        count = f"  {len(rows)} task{'' if len(rows) == 1 else 's'}"
        text.append(count)
        if missing:
            text.append(f" · {len(missing)} topic{'' if len(missing) == 1 else 's'} to consider (t)",
                        style="italic")
        return text

    def _cached_prompt(self, record: dict, widths: list[int], now: date) -> Content:
        """A row's prompt, reused while nothing it shows has changed: the list keeps each
        prompt's measured height, so redrawing 500 rows after one change stays quick."""
        overdue = is_overdue(record, now)
        origin = origin_of(record["source"], self.session.get) if record.get("source") else ""
        key = (record.get("updated_at"), self._width, overdue, origin)
        cached = self._prompts.get(record["id"])
        if cached is None or cached[0] != key:
            cached = (key, self._prompt(record, widths, overdue, origin))
            self._prompts[record["id"]] = cached
        return cached[1]

    def _prompt(self, record: dict, widths: list[int], overdue: bool, origin: str) -> Content:
        parts = grid([
            Cell(record["task"] or "(no task)", widths[0], style="bold"),
            Cell(record.get("what") or "", widths[1]),
            Cell(record.get("who") or "", widths[2]),
            Cell(record.get("by_when") or "", widths[3], extra=[("OVERDUE", "bold reverse")] if overdue else []),
            Cell(record.get("outcome") or "", widths[4]),
        ])
        if origin:
            parts += below(f"↳ {origin}", self._width, indent=2, style="italic", max_lines=2)
        return assemble(parts)

    def _highlight(self, listing: OptionList, option_id: str | None) -> None:
        if option_id is not None:
            try:
                listing.highlighted = listing.get_option_index(option_id)
                return
            except Exception:  # noqa: BLE001 - the row went away
                pass
        listing.highlighted = listing.get_option_index(f"{STAGE_PREFIX}{self.stage}")

    def _show_status(self, now: date) -> None:
        overdue = sum(1 for r in self._records if is_overdue(r, now))
        order = "by date within each stage" if self.sort_by_date else "in the order added"
        parts = [f"Today {now.isoformat()}", f"{overdue} overdue" if overdue else "none overdue",
                 f"sorted {order}"]
        self.query_one("#ap-status", Label).update(" · ".join(parts))
        self.query_one("#ap-prompt", Label).update(f"Add to {self._short_title(self.stage)} ▸")

    def _short_title(self, stage: str) -> str:
        return self._titles.get(stage, stage).split(" ")[0]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        option_id = event.option.id or ""
        stage = option_id.removeprefix(STAGE_PREFIX) if option_id.startswith(STAGE_PREFIX) else \
            (self._by_id.get(option_id) or {}).get("stage")
        if stage in self._titles and stage != self.stage:
            self.stage = stage
            self.query_one("#ap-prompt", Label).update(f"Add to {self._short_title(stage)} ▸")

    def focus_entry(self) -> None:
        entry = self.query_one("#ap-input", Input)
        if entry.disabled:
            self._list().focus()
        else:
            entry.focus()

    # typing ----------------------------------------------------------------------------------

    def on_entry_box_entered(self, event: EntryBox.Entered) -> None:
        stage = self.stage
        records = self.add_entered(event, "actions", "add action",
                                   lambda text: {"stage": stage, "task": model.clean_line(text)}
                                   if model.clean_line(text) else None)
        if not records:
            return
        self._records.extend(records)
        self._by_id.update((r["id"], r) for r in records)
        self._fill(keep=records[-1]["id"])

    # actions ---------------------------------------------------------------------------------

    def _need_selection(self) -> dict | None:
        record = self.selected()
        if record is None:
            self.app.notify("Select a task first (this is a stage heading).", timeout=2, markup=False)
        return record

    def action_edit(self) -> None:
        record = self.selected()
        if record is None:
            self.action_topics()  # Enter on a stage heading offers its topics
            return
        self._edit(record, record)

    def _edit(self, record: dict, shown: dict) -> None:
        """Open the dialog on `shown` (the record, or what was typed when a save failed)."""

        def done(changes: dict | None) -> None:
            if not changes:
                return
            saved = self.attempt(self.history.update, "actions", record["id"], "edit action", **changes)
            self.reload()
            if saved is None and self.session.get("actions", record["id"]) is not None:
                self._edit(record, {**shown, **changes})  # not saved: keep the words on screen

        origin = origin_of(record.get("source"), self.session.get)
        self.app.push_screen(EditActionScreen(shown, origin, base=record), done)

    def action_delete(self) -> None:
        record = self._need_selection()
        if record is None:
            return
        name = quoted(record.get("task", ""))
        if self.attempt(self.history.delete, "actions", record["id"], f"delete the task {name}") is not None:
            self.reload()
            self.app.notify(f"Deleted the task {name}. Ctrl+Z brings it back.", timeout=4, markup=False)

    def action_move_stage(self, delta: int) -> None:
        record = self._need_selection()
        if record is None:
            return
        keys = list(self._titles)
        current = keys.index(record["stage"]) if record["stage"] in keys else 0
        stage = keys[(current + delta) % len(keys)]
        name = quoted(record.get("task", ""))
        if self.attempt(self.history.update, "actions", record["id"], f"move {name} to another stage", stage=stage):
            self.reload()
            self.app.notify(f"Moved {name} to {self._titles[stage]}.", timeout=2, markup=False)

    def action_toggle_sort(self) -> None:
        self.sort_by_date = not self.sort_by_date
        self._fill()

    def action_topics(self) -> None:
        def done(topics: list[str] | None) -> None:
            if not topics:
                return
            rows = seed.starting_rows(self.session.records("actions"), topics=topics)
            if not rows:
                self.app.notify("Those topics are already in the plan.", timeout=3, markup=False)
                return
            added = self.attempt(self.session_insert_rows, rows)
            if added:
                self.reload()
                self._fill(keep=added[0]["id"])
                self.app.notify(f"Added {len(added)} topic{'' if len(added) == 1 else 's'} as tasks to fill in.",
                                timeout=3, markup=False)

        self.app.push_screen(TopicsScreen(seed.topic_checklist(self._records), self.stage, self._titles), done)

    def session_insert_rows(self, rows: list[dict]) -> list[dict]:
        """Insert starting rows as one undoable step."""
        with self.history.step("add guidance topics"):
            return [self.history.insert("actions", "add guidance topics", **row) for row in rows]

    def action_go_to_source(self) -> None:
        record = self._need_selection()
        if record is None:
            return
        key = source_activity(record.get("source"))
        if key is None:
            self.app.notify("This task was added here, not sent from another activity.", timeout=3, markup=False)
            return
        parsed = parse_source(record["source"])
        self.post_message(self.GoTo(key, parsed[1] if parsed else None))


VIEW = ActionPlanView
