"""Pick which of the guidance's taking-stock topics to add to the plan as tasks to fill in."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


class TopicsScreen(ModalScreen[list[str] | None]):
    """Topics already in the plan are listed but cannot be picked again. The current stage's
    missing topics start ticked, so `t` then Enter adds them. Ticks are shown as [x], not
    by colour."""

    DEFAULT_CSS = """
    TopicsScreen #topics-list { height: auto; max-height: 65vh; }
    """

    BINDINGS = [
        Binding("enter", "add", "Add the ticked topics", id="topics.add", priority=True),
        Binding("space,x", "toggle", "Tick / untick", id="topics.toggle"),
        Binding("a", "tick_all", "Tick every missing topic", id="topics.all"),
        Binding("n", "tick_none", "Untick all", id="topics.none"),
        Binding("escape", "cancel", "Cancel", id="topics.cancel"),
    ]

    def __init__(self, checklist: list[tuple[str, str, bool]], stage: str, titles: dict[str, str]) -> None:
        super().__init__()
        self.checklist = checklist
        self.stage = stage
        self.titles = titles
        self.ticked = {topic for s, topic, present in checklist if s == stage and not present}
        self.missing = [topic for _s, topic, present in checklist if not present]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Topics from the guidance's taking-stock tables", classes="dialog-title")
            yield OptionList(*self._options(), id="topics-list")
            yield Label("Space: tick · A: all · N: none · Enter: add ticked · Esc: cancel",
                        classes="dialog-help")

    def _options(self) -> list[Option]:
        options: list[Option] = []
        stage = None
        for key, topic, present in self.checklist:
            if key != stage:
                stage = key
                options.append(Option(Text(f"── {self.titles.get(key, key)} ──", style="bold"), disabled=True))
            if present:
                options.append(Option(Text(f"[=] {topic}  (in the plan)", style="dim"), disabled=True))
            else:
                mark = "[x]" if topic in self.ticked else "[ ]"
                options.append(Option(Text(f"{mark} {topic}"), id=f"topic:{topic}"))
        return options

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.focus()
        first = next((t for s, t, present in self.checklist if s == self.stage and not present), None)
        if first is None and self.missing:
            first = self.missing[0]
        if first is not None:
            listing.highlighted = listing.get_option_index(f"topic:{first}")

    def _refresh(self) -> None:
        listing = self.query_one(OptionList)
        keep = listing.highlighted
        listing.set_options(self._options())
        listing.highlighted = keep

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle()

    def action_toggle(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or not option.id:
            return
        topic = option.id.removeprefix("topic:")
        self.ticked ^= {topic}
        self._refresh()

    def action_add(self) -> None:
        self.dismiss([topic for topic in self.missing if topic in self.ticked])

    def action_tick_all(self) -> None:
        self.ticked = set(self.missing)
        self._refresh()

    def action_tick_none(self) -> None:
        self.ticked = set()
        self._refresh()

    def action_cancel(self) -> None:
        self.dismiss(None)
