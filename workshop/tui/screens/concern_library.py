"""The library of common concerns: browse them and draw on the gist of possible responses."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from workshop import content
from workshop.template.customise import TEMPLATE_GROUP
from workshop.tui.widgets.literal import literal

GROUP_TITLES = {"common": "Common concerns", "hurdles": "Common hurdles", "other": "Other concerns"}


def gist_text(entry: dict) -> str:
    """The gist of responses as a starting response the group can edit (one point a line)."""
    return "\n".join(f"- {point}" for point in entry.get("gist", []))


def source_titles() -> dict[str, str]:
    return {s["key"]: s.get("short") or s.get("title", s["key"]) for s in content.sources()}


class LibraryScreen(ModalScreen[tuple[str, dict] | None]):
    """Returns ("apply", entry) to draw on it for the selected concern, ("new", entry) for a
    new concern made from it, or None."""

    DEFAULT_CSS = """
    LibraryScreen #library-body { height: auto; }
    LibraryScreen #library-list { width: 2fr; height: auto; max-height: 60vh; }
    LibraryScreen #library-gist { width: 3fr; height: auto; max-height: 60vh; padding: 0 1; }
    LibraryScreen #library-for { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="library.cancel"),
        Binding("n", "choose('new')", "New concern from it", id="library.new"),
    ]

    def __init__(self, concern: dict | None, entries: list[dict] | None = None,
                 template_name: str | None = None) -> None:
        """`entries`: the library to show, e.g. `customise.concern_library(workshop)` with an
        organisation template's own concerns (named by `template_name`); by default the shipped one."""
        super().__init__()
        self.concern = concern
        self.entries = entries if entries is not None else content.concern_library()
        self.group_titles = dict(GROUP_TITLES)
        self.group_titles[TEMPLATE_GROUP] = f"From {template_name or 'the organisation template'}"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="library"):
            yield Label("Library of common concerns: starting points, not answers", classes="dialog-title")
            if self.concern is not None:
                text = " ".join(self.concern["text"].split())
                yield Label(Text(f"For: “{text[:90]}{'…' if len(text) > 90 else ''}”"), id="library-for")
            with Horizontal(id="library-body"):
                yield OptionList(*self._options(), id="library-list")
                with VerticalScroll(id="library-gist"):
                    yield Static("", id="library-gist-text")
            if self.concern is not None:
                help_text = "Enter: use for this concern · N: new concern from it · Esc: close"
            else:
                help_text = "Enter or N: new concern from it · Esc: close"
            yield Label(help_text, classes="dialog-help")

    def _options(self) -> list[Option]:
        options: list[Option] = []
        group = None
        for entry in self.entries:
            if entry.get("group") != group:
                group = entry.get("group")
                title = self.group_titles.get(group, group)
                options.append(Option(literal(f"── {title} ──", style="bold"), disabled=True))
            options.append(Option(literal(entry["title"]), id=entry["key"]))
        return options

    def on_mount(self) -> None:
        self.query_one("#library").styles.width = 110  # wider than other dialogs: two panes
        listing = self.query_one(OptionList)
        listing.focus()
        current = (self.concern or {}).get("category")
        try:
            listing.highlighted = listing.get_option_index(current) if current else 1
        except Exception:  # noqa: BLE001 - a category that is not in the library ("other")
            listing.highlighted = 1
        self._show(listing.highlighted_option.id if listing.highlighted_option else None)

    def _entry(self, key: str | None) -> dict | None:
        return next((e for e in self.entries if e["key"] == key), None)

    def _show(self, key: str | None) -> None:
        entry = self._entry(key)
        body = Text()
        if entry is not None:
            body.append(entry["title"], style="bold")
            origin = f"{self.group_titles[TEMPLATE_GROUP]}\n" if entry.get("group") == TEMPLATE_GROUP else ""
            body.append(f"\nCategory: {entry['label']}\n{origin}\n", style="italic")
            body.append("Gist of possible responses:\n", style="bold")
            for point in entry.get("gist", []):
                body.append(f"• {point}\n")
            source = source_titles().get(entry.get("source", ""), entry.get("source", ""))
            if source:
                body.append(f"\nSource: {source}", style="italic")
        self.query_one("#library-gist-text", Static).update(body)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose("apply" if self.concern is not None else "new")

    def action_choose(self, how: str) -> None:
        option = self.query_one(OptionList).highlighted_option
        entry = self._entry(option.id if option else None)
        if entry is not None:
            self.dismiss((how, entry))

    def action_cancel(self) -> None:
        self.dismiss(None)
