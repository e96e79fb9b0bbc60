"""Activity 1: hopes and fears, two columns the room fills while the facilitator types."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from workshop.tui.activities.list_view import ListActivityView
from workshop.tui.widgets.end_stop import EndStopList
from workshop.tui.widgets.hanging import Hanging
from workshop.tui.widgets.literal import quoted, update_if_changed
from workshop.tui.widgets.entry import PASTE_HINT, EntryBox, cleaned
from workshop.tui.screens.item_edit import EditItemScreen, ThemeScreen

KINDS = ("hope", "fear")
PLURAL = {"hope": "Hopes", "fear": "Fears"}
SORTS = ("time", "votes", "theme")


class ItemList(EndStopList):
    """One column's items. Letter keys act on the highlighted item (see HopesFearsView)."""


# An item without votes still starts with a mark: a blank there made a new item look like
# the wrapped tail of the one above.
NO_VOTES = Content.styled("○  ", "bold")


def item_prompt(record: dict, raised: bool) -> Hanging:
    votes = record.get("votes", 0)
    marker = Content.styled(f"●{votes} ", "bold") if votes else NO_VOTES
    # Textual Content made directly (about three times quicker than Rich Text converted, for
    # every item of a list when a workshop opens); plain strings in it are never markup.
    # Separators are unstyled: a styled segment's leading spaces were dropped.
    text = record["text"] or "(empty)"
    parts: list = []
    if record.get("theme"):
        parts += [" ", (f"#{record['theme']}", "italic")]
    if record.get("author_role"):
        parts += [" ", (f"({record['author_role']})", "dim")]
    if raised:
        parts += [" ", ("[in concerns]", "bold")]
    return Hanging(marker, Content.assemble(text, *parts) if parts else Content(text))


def order_items(items: list[dict], sort: str) -> list[dict]:
    if sort == "votes":
        return sorted(items, key=lambda r: -r.get("votes", 0))
    if sort == "theme":
        return sorted(items, key=lambda r: ((r.get("theme") or "\uffff").casefold()))
    return items


class HopesFearsView(ListActivityView):
    LIST_CLASS = ItemList
    LIST_ONLY = frozenset({
        "edit", "delete", "move", "theme", "vote", "raise_concern", "cycle_sort", "toggle_group",
        "type",
    })

    activity = "hopes_fears"

    BINDINGS = [
        Binding("tab", "switch_column", "Switch column", id="hf.switch"),
        Binding("up", "move_selection(-1)", "Up", show=False),
        Binding("down", "move_selection(1)", "Down", show=False),
        Binding("escape", "toggle_focus", "List / typing", id="hf.focus"),
        Binding("e,enter", "edit", "Edit", id="hf.edit"),
        Binding("d,delete", "delete", "Delete", id="hf.delete"),
        Binding("m", "move", "Move", id="hf.move"),
        Binding("t", "theme", "Theme", id="hf.theme"),
        Binding("plus,equals_sign", "vote(1)", "Vote +", id="hf.vote_up", key_display="+"),
        Binding("minus", "vote(-1)", "Vote -", id="hf.vote_down", key_display="-"),
        Binding("c", "raise_concern", "Raise as concern", id="hf.concern"),
        Binding("s", "cycle_sort", "Sort", id="hf.sort"),
        Binding("g", "toggle_group", "Group by theme", id="hf.group"),
        Binding("a,i", "type", "Type", id="hf.type", show=False),
        Binding("left", "focus_column('hope')", "Hopes column", show=False),
        Binding("right", "focus_column('fear')", "Fears column", show=False),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = "hope"
        self.sort = "time"
        self.grouped = False
        self._items: dict[str, list[dict]] = {"hope": [], "fear": []}

    def compose(self) -> ComposeResult:
        with Horizontal(id="hf-columns"):
            for kind in KINDS:
                with Vertical(id=f"col-{kind}", classes="hf-column"):
                    yield Label(PLURAL[kind], id=f"title-{kind}", classes="column-title")
                    yield ItemList(id=f"list-{kind}")
        with Horizontal(id="hf-entry", classes="entry-row"):
            yield Label("Add a hope ▸", id="hf-prompt", classes="entry-prompt")
            yield EntryBox(
                placeholder=f"type, then Enter · Tab: switch column · Esc: select items · {PASTE_HINT}",
                id="hf-input",
                disabled=self.session.read_only,
            )
        yield Label("", id="hf-status", classes="status-line")

    def on_mount(self) -> None:
        self.reload()

    # state -----------------------------------------------------------------------------------

    def _list(self, kind: str | None = None) -> ItemList:
        return self.query_one(f"#list-{kind or self.kind}", ItemList)

    def selected(self) -> dict | None:
        option = self._list().highlighted_option
        if option is None or option.id is None:
            return None
        return next((r for r in self._items[self.kind] if r["id"] == option.id), None)

    def _raised_fears(self) -> set[str]:
        return {c["from_fear"] for c in self.session.records("concerns") if c.get("from_fear")}

    def reload(self) -> None:
        if not self.is_mounted:
            return
        records = self.session.records("hopes_fears")
        raised = self._raised_fears()
        for kind in KINDS:
            self._items[kind] = [r for r in records if r["kind"] == kind]
            self._fill(kind, raised)
        self._mark_columns()

    def _fill(self, kind: str, raised: set[str], keep: str | None = None) -> None:
        listing = self._list(kind)
        previous = keep or (listing.highlighted_option.id if listing.highlighted_option else None)
        items = order_items(self._items[kind], self.sort)
        options: list[Option] = []
        if self.grouped:
            groups: dict[str, list[dict]] = {}
            for record in items:
                groups.setdefault(record.get("theme") or "", []).append(record)
            for theme in sorted(groups, key=lambda t: (t == "", t.casefold())):
                members = groups[theme]
                header = f"── {theme or 'No theme'} ({len(members)}, {sum(r.get('votes', 0) for r in members)} votes) ──"
                options.append(Option(Text(header, style="bold"), disabled=True))
                options.extend(Option(item_prompt(r, r["id"] in raised), id=r["id"]) for r in members)
        else:
            options = [Option(item_prompt(r, r["id"] in raised), id=r["id"]) for r in items]
        listing.set_options(options)
        self._highlight(listing, previous)
        count = len(self._items[kind])
        self.query_one(f"#title-{kind}", Label).update(f"{PLURAL[kind]} ({count})")

    def _append(self, kind: str, records: list[dict]) -> None:
        """New items at the end of a list in the order added: rebuilding a list of a
        thousand items on every Enter was most of the time before the screen showed it."""
        listing = self._list(kind)
        listing.add_options([Option(item_prompt(r, False), id=r["id"]) for r in records])
        listing.highlighted = listing.option_count - 1

    def _highlight(self, listing: OptionList, option_id: str | None) -> None:
        if option_id is not None:
            try:
                listing.highlighted = listing.get_option_index(option_id)
                return
            except Exception:  # noqa: BLE001 - the item went away; fall through
                pass
        enabled = [i for i in range(listing.option_count) if not listing.get_option_at_index(i).disabled]
        listing.highlighted = enabled[-1] if enabled else None

    def _mark_columns(self) -> None:
        for kind in KINDS:
            column = self.query_one(f"#col-{kind}")
            column.set_class(kind == self.kind, "-current")
            title = self.query_one(f"#title-{kind}", Label)
            marker = "▶ " if kind == self.kind else "  "
            update_if_changed(title, f"{marker}{PLURAL[kind]} ({len(self._items[kind])})")
        update_if_changed(self.query_one("#hf-prompt", Label), f"Add a {self.kind} ▸")
        sort = {"time": "order added", "votes": "most votes", "theme": "theme"}[self.sort]
        grouping = " · grouped by theme" if self.grouped else ""
        update_if_changed(self.query_one("#hf-status", Label),
             f"Sorted by {sort}{grouping} · anonymous unless a role is added (e)")

    def focus_entry(self) -> None:
        entry = self.query_one("#hf-input", Input)
        if entry.disabled:
            self._list().focus()
        else:
            entry.focus()

    # typing ----------------------------------------------------------------------------------

    def on_entry_box_entered(self, event: EntryBox.Entered) -> None:
        kind = self.kind
        records = self.add_entered(event, "hopes_fears", f"add {kind}",
                                   lambda text: {"kind": kind, "text": cleaned(text)} if cleaned(text) else None)
        if not records:
            return
        self._items[kind].extend(records)
        if self.sort == "time" and not self.grouped:
            self._append(kind, records)
        else:
            self._fill(kind, self._raised_fears(), keep=records[-1]["id"])
        self._mark_columns()

    def on_descendant_focus(self, event) -> None:
        widget = event.widget
        if isinstance(widget, ItemList):
            kind = "hope" if widget.id == "list-hope" else "fear"
            if kind != self.kind:
                self.kind = kind
                self._mark_columns()

    # actions -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if super().check_action(action, parameters) is False:
            return False
        if action == "raise_concern" and self.kind != "fear":
            return None  # shown dimmed: only fears can be raised
        return True

    def action_switch_column(self) -> None:
        self.kind = "fear" if self.kind == "hope" else "hope"
        self._mark_columns()
        if not isinstance(self.app.focused, Input):
            self._list().focus()
        self.refresh_bindings()

    def action_focus_column(self, kind: str) -> None:
        self.kind = kind
        self._mark_columns()
        self._list().focus()

    def _need_selection(self) -> dict | None:
        record = self.selected()
        if record is None:
            self.app.notify(f"No {self.kind} selected.", timeout=2, markup=False)
        return record

    def action_edit(self) -> None:
        record = self._need_selection()
        if record is None:
            return

        def done(changes: dict | None) -> None:
            if changes:
                self.attempt(self.history.update, "hopes_fears", record["id"], f"edit {record['kind']}", **changes)
                self.reload()

        self.app.push_screen(EditItemScreen(record, self._themes()), done)

    def action_delete(self) -> None:
        record = self._need_selection()
        if record is None:
            return
        name = quoted(record["text"])
        if self.attempt(self.history.delete, "hopes_fears", record["id"], f"delete the {record['kind']} {name}") is not None:
            self.reload()
            self.app.notify(f"Deleted the {record['kind']} {name}. Ctrl+Z brings it back.", timeout=4, markup=False)

    def action_move(self) -> None:
        record = self._need_selection()
        if record is None:
            return
        other = "fear" if record["kind"] == "hope" else "hope"
        name = quoted(record["text"])
        if self.attempt(self.history.update, "hopes_fears", record["id"], f"move {name} to {PLURAL[other].lower()}",
                        kind=other):
            self.reload()
            self.app.notify(f"Moved {name} to {PLURAL[other]}.", timeout=2, markup=False)

    def _themes(self) -> list[str]:
        return sorted({r["theme"] for r in self.session.records("hopes_fears") if r.get("theme")}, key=str.casefold)

    def action_theme(self) -> None:
        record = self._need_selection()
        if record is None:
            return

        def done(theme: str | None) -> None:
            if theme is None:
                return
            self.attempt(self.history.update, "hopes_fears", record["id"], "set theme", theme=theme or None)
            self.reload()

        self.app.push_screen(ThemeScreen(record.get("theme") or "", self._themes()), done)

    def action_vote(self, delta: int) -> None:
        record = self._need_selection()
        if record is None:
            return
        votes = max(0, record.get("votes", 0) + delta)
        if votes != record.get("votes", 0):
            verb = "vote for" if delta > 0 else "take a vote from"
            self.attempt(self.history.update, "hopes_fears", record["id"], f"{verb} {quoted(record['text'])}",
                         votes=votes)
            self.reload()

    def action_raise_concern(self) -> None:
        record = self._need_selection()
        if record is None:
            return
        if record["kind"] != "fear":
            self.app.notify("Only a fear can be raised as a concern.", timeout=3, markup=False)
            return
        if record["id"] in self._raised_fears():
            self.app.notify("This fear is already in the concerns log.", timeout=3, markup=False)
            return
        with self.history.step("raise as concern"):
            concern = self.attempt(
                self.history.insert, "concerns", "raise as concern",
                text=record["text"], from_fear=record["id"], raised_how="group",
                raised_by_role=record.get("author_role"), status="open",
            )
        if concern is not None:
            self.reload()
            self.app.notify("Added to the concerns log (activity 5), linked to this fear.", timeout=4, markup=False)

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.reload()

    def action_toggle_group(self) -> None:
        self.grouped = not self.grouped
        self.reload()

VIEW = HopesFearsView
