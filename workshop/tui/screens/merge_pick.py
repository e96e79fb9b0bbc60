"""Choose the other copy of a workshop and merge the two into a new file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from workshop.tui.widgets.entry import TextField
from workshop import merge
from workshop.merge import MergeResult
from workshop.store import StoreError, save_error_message, unique_session_path
from workshop.tui.widgets.literal import literal


def changed_at(path: Path) -> str:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).strftime("%d %b %Y %H:%M")
    except OSError:
        return "?"


class MergePickScreen(ModalScreen[MergeResult | None]):
    """Lists the other files in `folder` that are copies of the workshop in `path`, and
    takes a path to a copy anywhere else (a USB stick, say). Merges the two into a new file
    in `folder` and returns the result (None if cancelled). Both copies are only read."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="merge_pick.cancel")]
    DEFAULT_CSS = """
    MergePickScreen #merge-copies { height: auto; max-height: 10; margin-bottom: 1; }
    MergePickScreen #merge-none, MergePickScreen #merge-intro { width: 1fr; height: auto; }
    MergePickScreen #merge-none { text-style: bold; margin-bottom: 1; }
    MergePickScreen #merge-intro { margin-bottom: 1; }
    MergePickScreen #merge-error { width: 1fr; }
    """

    class Finished(Message):
        def __init__(self, result: MergeResult | None, error: str | None) -> None:
            super().__init__()
            self.result, self.error = result, error

    def __init__(self, path: Path, folder: Path, title: str) -> None:
        super().__init__()
        self.path, self.folder, self.title = Path(path), Path(folder), title
        self.copies: list[Path] = []
        self.busy = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="merge-pick"):
            yield Label(literal(f"Merge copies of “{self.title}”"), classes="dialog-title")
            yield Label(literal(f"Choose the copy to merge with {self.path.name}. The merged workshop goes "
                                "to a new file in the sessions folder; neither copy is changed."), id="merge-intro")
            yield Label("", id="merge-none")
            yield Label("Other copies of this workshop in the sessions folder", id="merge-copies-title")
            yield OptionList(id="merge-copies")
            yield Label("Or the path of a copy anywhere (a USB stick, say)")
            yield TextField(placeholder="e.g. /media/usb/riverside.json", id="merge-path")
            yield Label("", id="merge-error", classes="error-line")
            yield Label("", id="merge-status", classes="status-line")
            yield Label("Enter merges with the chosen copy · Tab moves to the path · Esc cancels",
                        classes="dialog-help")

    def on_mount(self) -> None:
        self.copies = merge.copies_in(self.folder, self.path)
        listing = self.query_one("#merge-copies", OptionList)
        none = self.query_one("#merge-none", Label)
        if self.copies:
            listing.add_options(Option(literal(f"{p.name}  (changed {changed_at(p)})"), id=str(n))
                                for n, p in enumerate(self.copies))
            listing.highlighted = 0
            none.display = False
            listing.focus()
        else:
            listing.display = False
            self.query_one("#merge-copies-title", Label).display = False
            none.update(literal(f"No other copy of this workshop is in {self.folder}. "
                                "Type the path of the other copy below."))
            self.query_one("#merge-path", Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.start(self.copies[int(event.option.id)])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value.strip()
        if not typed:
            self._error("Type the path of the other copy, or choose one from the list.")
            return
        self.start(Path(typed).expanduser())

    def _error(self, message: str) -> None:
        self.query_one("#merge-error", Label).update(literal(message))

    def start(self, other: Path) -> None:
        if self.busy:
            return
        self.busy = True
        self._error("")
        self.query_one("#merge-status", Label).update("Merging…")
        self.run_merge(other)

    @work(thread=True, exclusive=True)
    def run_merge(self, other: Path) -> None:
        try:
            out = unique_session_path(self.folder, f"{self.title} merged")
            result = merge.merge_files(self.path, other, out)
        except StoreError as exc:
            self.post_message(self.Finished(None, str(exc)))
        except OSError as exc:
            self.post_message(self.Finished(None, save_error_message(exc)))
        else:
            self.post_message(self.Finished(result, None))

    def on_merge_pick_screen_finished(self, event: Finished) -> None:
        self.busy = False
        self.query_one("#merge-status", Label).update("")
        if event.error:
            self._error(event.error)
            return
        self.dismiss(event.result)

    def action_cancel(self) -> None:
        if not self.busy:
            self.dismiss(None)
