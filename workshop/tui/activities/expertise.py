"""Activity 2: three sources of expertise, in three lanes, with a team balance chart.

The middle lane (personal experience of distress) is opt-in: nobody is asked to disclose,
its entries stay private (out of the record) unless someone marks one shareable, no name is
ever attached to them, their words are hidden on screen until the facilitator shows them,
and an entry can be only counted, with no words at all."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label
from textual.widgets.option_list import Option

from workshop import content
from workshop.export.privacy import small_count
from workshop.tui.activities import expertise_lanes as lanes
from workshop.tui.activities.expertise_lanes import LIVED, TALL, WIDE, LaneList, entry_prompt, first_sentence
from workshop.tui.activities.list_view import ListActivityView
from workshop.tui.widgets.literal import quoted
from workshop.tui.widgets.entry import PASTE_HINT, EntryBox, cleaned
from workshop.tui.screens.expertise_edit import EditExpertiseScreen, MoveLaneScreen
from workshop.tui.screens.expertise_gaps import GapsScreen, stored_gaps
from workshop.tui.widgets.balance_chart import BalanceChart
from workshop.tui.widgets.literal import literal

class ExpertiseView(ListActivityView):
    LIST_CLASS = LaneList
    LIST_ONLY = frozenset({
        "edit", "delete", "move", "toggle_shareable", "count_only", "toggle_reveal",
        "toggle_chart", "gaps", "type",
    })

    activity = "expertise"
    # Unscoped so the projector rules (".-projector ...", a class on the app) can match.
    SCOPED_CSS = False

    DEFAULT_CSS = lanes.CSS

    BINDINGS = [
        Binding("tab", "switch_lane(1)", "Next lane", id="ex.next_lane"),
        Binding("shift+tab", "switch_lane(-1)", "Previous lane", id="ex.previous_lane", show=False),
        Binding("up", "move_selection(-1)", "Up", id="ex.up", show=False),
        Binding("down", "move_selection(1)", "Down", id="ex.down", show=False),
        Binding("escape", "toggle_focus", "List / typing", id="ex.focus"),
        Binding("e,enter", "edit", "Edit", id="ex.edit"),
        Binding("d,delete", "delete", "Delete", id="ex.delete"),
        Binding("m", "move", "Move to lane", id="ex.move"),
        Binding("p", "toggle_shareable", "Shareable / private", id="ex.shareable"),
        Binding("n", "count_only", "Count without words", id="ex.count"),
        Binding("v", "toggle_reveal", "Show / hide private words", id="ex.reveal"),
        # An F-key, so it works while typing: letters go into the box.
        Binding("f9", "toggle_typing", "Show / hide typing", id="ex.show_typing", show=False),
        Binding("b", "toggle_chart", "Balance chart", id="ex.chart"),
        Binding("g", "gaps", "Gaps note", id="ex.gaps"),
        Binding("a,i", "type", "Type", id="ex.type", show=False),
        Binding("left", "step_lane(-1)", "Lane to the left", id="ex.left", show=False),
        Binding("right", "step_lane(1)", "Lane to the right", id="ex.right", show=False),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sources = content.expertise_sources()
        self.keys = [s["key"] for s in self.sources]
        self.kind = self.keys[0]
        self.reveal = False
        self.show_typing = False  # personal experience is typed unseen unless the facilitator asks
        self.typed_unseen = False  # the box holds words typed while hidden: they stay hidden
        self.wide = False
        self.chart_choice: bool | None = None  # None until the facilitator toggles it
        self._items: dict[str, list[dict]] = {key: [] for key in self.keys}
        self._shown: dict[str, tuple] = {}  # what each lane's list shows now

    def compose(self) -> ComposeResult:
        yield Label("", id="ex-prompt")
        lived = self._source(LIVED)
        yield Label(f"{lived['short']}: {first_sentence(lived['explainer'])}", id="ex-lived-note")
        with Horizontal(id="ex-lanes"):
            for source in self.sources:
                key = source["key"]
                with Vertical(id=f"lane-{key}", classes="ex-lane"):
                    yield Label(source["short"], id=f"ex-title-{key}", classes="column-title")
                    yield LaneList(id=f"ex-list-{key}")
        chart = BalanceChart(id="ex-chart")
        chart.border_title = "Team balance: entries per source (b shows or hides)"
        yield chart
        with Horizontal(id="ex-entry", classes="entry-row"):
            yield Label("Add ▸", id="ex-entry-prompt", classes="entry-prompt")
            yield EntryBox(
                placeholder=f"type, then Enter · Tab: next lane · Esc: select entries · {PASTE_HINT}",
                id="ex-input",
                disabled=self.session.read_only,
                password=self.kind == LIVED,
            )
        yield Label("", id="ex-status", classes="status-line")

    def on_mount(self) -> None:
        # Projector mode changes the theme: redraw so that nothing private stays on screen.
        self.watch(self.app, "theme", lambda _theme: self._projector_changed(), init=False)
        self.reload()

    def _projected(self) -> bool:
        return bool(getattr(self.app, "projector", False))

    def _revealed(self) -> bool:
        return self.reveal and not self._projected()

    def _projector_changed(self) -> None:
        if self.is_mounted:
            for key in self.keys:
                self._fill(key)
            self._mark_lanes()

    def _mask_entry(self) -> None:
        entry = self.query_one("#ex-input", Input)
        hidden = self.kind == LIVED or self.typed_unseen
        entry.password = hidden and not (self.show_typing and not self._projected())

    def on_resize(self, _event) -> None:
        self._check_width()
        self._fit_chart()

    def _check_width(self) -> None:
        wide = self.size.width >= WIDE
        if self.size.width and wide != self.wide:
            self.wide = wide
            self._mark_lanes()

    def _fit_chart(self) -> None:
        if self.chart_choice is None:
            # On a small screen the lanes need the room; b shows the chart when it is wanted.
            self.query_one(BalanceChart).display = self.app.size.height >= TALL

    # state -----------------------------------------------------------------------------------

    def _source(self, key: str) -> dict:
        return next(s for s in self.sources if s["key"] == key)

    def _list(self, key: str | None = None) -> LaneList:
        return self.query_one(f"#ex-list-{key or self.kind}", LaneList)

    def selected(self) -> dict | None:
        option = self._list().highlighted_option
        if option is None or option.id is None:
            return None
        return next((r for r in self._items[self.kind] if r["id"] == option.id), None)

    def reload(self) -> None:
        if not self.is_mounted:
            return
        self._fit_chart()
        records = self.session.records("expertise")
        for key in self.keys:
            self._items[key] = [r for r in records if r.get("source") == key]
            self._fill(key)
        self._mark_lanes()
        # A view being shown has no size yet: fit the titles once it is laid out.
        self.after_layout(self._check_width)

    def _fill(self, key: str, keep: str | None = None) -> None:
        listing = self._list(key)
        previous = keep or (listing.highlighted_option.id if listing.highlighted_option else None)
        # Laying out options costs time with hundreds of entries: redraw only a lane that changed.
        revealed, projected = self._revealed(), self._projected()
        shown = (revealed, projected, tuple((r["id"], r.get("updated_at")) for r in self._items[key]))
        if self._shown.get(key) != shown:
            self._shown[key] = shown
            listing.set_options([Option(entry_prompt(r, revealed, projected), id=r["id"])
                                 for r in self._items[key]])
        if previous is not None:
            try:
                listing.highlighted = listing.get_option_index(previous)
                return
            except Exception:  # noqa: BLE001 - the entry went away; fall through
                pass
        listing.highlighted = listing.option_count - 1 if listing.option_count else None

    def _mark_lanes(self) -> None:
        for source in self.sources:
            key = source["key"]
            self.query_one(f"#lane-{key}").set_class(key == self.kind, "-current")
            pointer = "▶ " if key == self.kind else "  "
            name = source["title"] if self.wide else source["short"]
            extra = ""
            if key == LIVED:
                revealed = self._revealed()
                extra = " [words shown]" if revealed and self.wide else (" [shown]" if revealed else "")
            self.query_one(f"#ex-title-{key}", Label).update(
                literal(f"{pointer}{name} ({self._count(key)}){extra}")
            )
        current = self._source(self.kind)
        prompt = Text()
        prompt.append(f"{current['title']}: ", style="bold")
        prompt.append(current["prompt"])
        self.query_one("#ex-prompt", Label).update(prompt)
        self.query_one("#ex-entry-prompt", Label).update(literal(f"Add to {current['short']} ▸"))
        self._mask_entry()
        self.query_one(BalanceChart).show(
            "",
            [(s["short"], self._count(s["key"], words=False), "") for s in self.sources],
        )
        gaps = stored_gaps(self.history)
        gaps_state = "written" if gaps and gaps["text"].strip() else "empty"
        self.query_one("#ex-status", Label).update(
            f"b: balance chart · g: gaps note ({gaps_state}) · p: shareable or private"
            " · n: count without words · anonymous unless named (e)"
        )

    def _count(self, key: str, words: bool = True) -> int | str:
        """A lane's count; personal experience below 3 as "fewer than 3" (the projected
        screen is seen by the whole room) unless the workshop shows small numbers."""
        n = len(self._items[key])
        if key != LIVED:
            return str(n) if words else n
        shown = self.session.workshop().get("small_numbers_shown") is True
        text = small_count(n, shown)
        return text if words or text != str(n) else n

    def focus_entry(self) -> None:
        entry = self.query_one("#ex-input", Input)
        if entry.disabled:
            self._list().focus()
        else:
            entry.focus()

    # typing ----------------------------------------------------------------------------------

    def on_entry_box_entered(self, event: EntryBox.Entered) -> None:
        kind = self.kind
        records = self.add_entered(event, "expertise", "add expertise",
                                   lambda text: {"source": kind, "text": cleaned(text)} if cleaned(text) else None)
        if not records:
            return
        self._items[kind].extend(records)
        self._fill(kind, keep=records[-1]["id"])
        self._mark_lanes()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "ex-input":
            return
        # Words typed unseen stay unseen if the lane changes before Enter.
        self.typed_unseen = bool(event.value) and (event.input.password or self.typed_unseen)
        if not event.value:
            self._mask_entry()

    def on_descendant_focus(self, event) -> None:
        widget = event.widget
        if isinstance(widget, LaneList):
            key = widget.id.removeprefix("ex-list-")
            if key != self.kind:
                self.kind = key
                self._mark_lanes()
                self.refresh_bindings()

    # actions ---------------------------------------------------------------------------------

    def _set_lane(self, key: str) -> None:
        self.kind = key
        self._mark_lanes()
        if not isinstance(self.app.focused, Input):
            self._list().focus()
        self.refresh_bindings()

    def action_switch_lane(self, step: int) -> None:
        index = self.keys.index(self.kind)
        self._set_lane(self.keys[(index + step) % len(self.keys)])

    def action_step_lane(self, step: int) -> None:
        index = self.keys.index(self.kind) + step
        if 0 <= index < len(self.keys):
            self.kind = self.keys[index]
            self._mark_lanes()
            self._list().focus()

    def _need_selection(self) -> dict | None:
        record = self.selected()
        if record is None:
            self.app.notify(f"No entry selected in {self._source(self.kind)['short']}.", timeout=2, markup=False)
        return record

    def action_edit(self) -> None:
        record = self._need_selection()
        if record is None:
            return

        def done(changes: dict | None) -> None:
            if changes:
                self.attempt(self.history.update, "expertise", record["id"], "edit expertise", **changes)
                self.reload()

        self.app.push_screen(EditExpertiseScreen(record, self._source(record["source"])["title"]), done)

    def action_delete(self) -> None:
        record = self._need_selection()
        if record is None:
            return
        # Personal experience is named by its lane only: the words may be private.
        name = "from personal experience" if record["source"] == LIVED else quoted(record.get("text", ""))
        if self.attempt(self.history.delete, "expertise", record["id"], f"delete the entry {name}") is not None:
            self.reload()
            self.app.notify(f"Deleted the entry {name}. Ctrl+Z brings it back.", timeout=4, markup=False)

    def action_move(self) -> None:
        record = self._need_selection()
        if record is None:
            return
        if not record.get("text"):
            self.app.notify("An entry that is only counted stays in this lane.", timeout=3, markup=False)
            return

        def done(target: str | None) -> None:
            if target is None or target == record["source"]:
                return
            changes: dict = {"source": target}
            if target == LIVED:
                if not record.get("in_record_chosen"):
                    changes["in_record"] = False
                changes["holder"] = None  # no name is attached to personal experience
            title = self._source(target)["short"]
            if self.attempt(self.history.update, "expertise", record["id"], f"move to {title}", **changes):
                self.kind = target
                self.reload()
                self._fill(target, keep=record["id"])
                self._list().focus()
                note = " It is private unless marked shareable." if target == LIVED and not record.get(
                    "in_record_chosen") else ""
                self.app.notify(f"Moved to {title}.{note}", timeout=3, markup=False)

        lanes = [(s["key"], s["title"]) for s in self.sources]
        self.app.push_screen(MoveLaneScreen(lanes, record["source"]), done)

    def action_toggle_shareable(self) -> None:
        record = self._need_selection()
        if record is None:
            return
        if not record.get("text"):
            self.app.notify("This entry is only counted; there are no words to share.", timeout=3, markup=False)
            return
        shareable = not record.get("in_record")
        label = "mark shareable" if shareable else "mark private"
        if self.attempt(self.history.update, "expertise", record["id"], label,
                        in_record=shareable, in_record_chosen=True):
            self.reload()
            if shareable:
                where = " (never with a name)" if record["source"] == LIVED else ""
                self.app.notify(f"Shareable: it may go in the record{where}.", timeout=3, markup=False)
            else:
                self.app.notify("Private: kept out of the record.", timeout=3, markup=False)

    def action_count_only(self) -> None:
        record = self.attempt(self.history.insert, "expertise", "count without words",
                              source=LIVED, text="", in_record=False)
        if record is None:
            return
        self.kind = LIVED
        self.reload()
        self._fill(LIVED, keep=record["id"])
        self._list().focus()
        self.app.notify("Counted under personal experience, with no words.", timeout=3, markup=False)

    def _refuse_on_projector(self) -> bool:
        if self._projected():
            self.app.notify("Projector mode is on, so private words stay hidden. F4 turns it off.",
                            timeout=4, markup=False)
        return self._projected()

    def action_toggle_reveal(self) -> None:
        if self._refuse_on_projector():
            return
        self.reveal = not self.reveal
        self._fill(LIVED)
        self._mark_lanes()

    def action_toggle_typing(self) -> None:
        if self._refuse_on_projector():
            return
        self.show_typing = not self.show_typing
        self._mask_entry()
        self.app.notify("Typing is shown." if self.show_typing else
                        "Typing in personal experience is hidden.", timeout=2, markup=False)

    def action_toggle_chart(self) -> None:
        chart = self.query_one(BalanceChart)
        self.chart_choice = chart.display = not chart.display

    def action_gaps(self) -> None:
        def done(_result: None) -> None:
            self._mark_lanes()
            self.post_message(self.Changed())

        self.app.push_screen(GapsScreen(self.history), done)


VIEW = ExpertiseView
