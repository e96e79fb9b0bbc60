"""Import a draft job description from a file: type a path (~ works) or pick one below.

The file is read in a thread worker that only posts a message back; this screen then hands
the draft to the activity, which saves it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from workshop.tui.widgets.entry import TextField
from workshop.jd.importer import SUFFIXES, Draft, DraftImportError, expand_path, read_draft
from workshop.tui.widgets.literal import literal

MAX_LISTED = 300


def folder_and_prefix(typed: str) -> tuple[Path, str]:
    """The folder to list for what has been typed so far, and the start of a name in it."""
    if not typed.strip():
        return expand_path("~"), ""
    if typed.endswith(("/", os.sep)):
        return expand_path(typed), ""
    path = expand_path(typed)
    if path.is_dir():
        return path, ""
    return path.parent, path.name


def listing(folder: Path, prefix: str) -> list[tuple[str, bool]]:
    """Folders and importable files in `folder` whose names start with `prefix`
    (ignoring case), folders first. Hidden names are left out."""
    entries = []
    for entry in os.scandir(folder):
        name = entry.name
        if name.startswith(".") or not name.casefold().startswith(prefix.casefold()):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir or Path(name).suffix.lower() in SUFFIXES:
            entries.append((name, is_dir))
    entries.sort(key=lambda e: (not e[1], e[0].casefold()))
    return entries[:MAX_LISTED]


class ImportDraftScreen(ModalScreen[bool]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    ImportDraftScreen Label { width: 1fr; }
    ImportDraftScreen #jd-file-list {
        height: 8;
        border: round $panel-lighten-2;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="jd.file.cancel"),
        Binding("down", "to_list", "Pick from the folder", id="jd.file.pick", show=False),
    ]

    class Read(Message):
        """Posted by the worker: the draft, or why it could not be read."""

        def __init__(self, draft: Draft | None, error: str | None) -> None:
            super().__init__()
            self.draft, self.error = draft, error

    def __init__(self, imported: Callable[[Draft], bool], typed: str = "") -> None:
        super().__init__()
        self.imported = imported
        self.typed = typed
        self.busy = False
        self._shown_for: str | None = None  # the path the message under the box is about

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="jd-file-dialog"):
            yield Label("Import a draft job description", classes="dialog-title")
            yield Label("Path of a Word (.docx), Markdown (.md) or text (.txt) file; ~ is your home folder")
            yield TextField(self.typed, id="jd-file-path", placeholder="~/Documents/job-description.docx")
            yield OptionList(id="jd-file-list")
            yield Label("", id="jd-file-error", classes="error-line")
            yield Label("Enter imports · ↓ picks from the folder · Esc cancels", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#jd-file-path", Input).focus()
        self._list(self.typed)

    # the folder listing -----------------------------------------------------------------------

    def _list(self, typed: str) -> None:
        options = self.query_one("#jd-file-list", OptionList)
        folder, prefix = folder_and_prefix(typed)
        try:
            found = listing(folder, prefix)
        except OSError:
            options.set_options([Option("(this folder cannot be listed)", disabled=True)])
            return
        if not found:
            options.set_options([Option("(no folders or .docx, .md, .txt files here)", disabled=True)])
            return
        options.set_options(
            Option(literal(f"{name}/" if is_dir else name), id=str(folder / name)) for name, is_dir in found
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "jd-file-path":
            self._list(event.value)
            if event.value != self._shown_for:
                self.query_one("#jd-file-error", Label).update("")  # a message about an older path

    def action_to_list(self) -> None:
        options = self.query_one("#jd-file-list", OptionList)
        if options.option_count and not options.get_option_at_index(0).disabled:
            options.focus()
            if options.highlighted is None:
                options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id
        if chosen is None:
            return
        entry = self.query_one("#jd-file-path", Input)
        path = Path(chosen)
        if path.is_dir():
            entry.value = str(path) + os.sep
            entry.focus()
            entry.cursor_position = len(entry.value)
        else:
            entry.value = str(path)
            self._start(entry.value)

    # importing ---------------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = expand_path(event.value) if event.value.strip() else None
        if path is not None and path.is_dir():
            if not event.value.endswith(("/", os.sep)):
                event.input.value = str(path) + os.sep
                event.input.cursor_position = len(event.input.value)
            self._shown_for = event.input.value
            self.query_one("#jd-file-error", Label).update(literal(
                f"“{path.name or path}” is a folder, not a file: pick the draft from the list (↓) or type its name."))
            return
        self._start(event.value)

    def _start(self, typed: str) -> None:
        if self.busy:
            return
        self.busy = True
        self.query_one("#jd-file-error", Label).update("Reading the file…")
        self.read_file(typed)

    @work(thread=True, exclusive=True, group="jd-import")
    def read_file(self, typed: str) -> None:
        try:
            draft = read_draft(typed)
        except DraftImportError as exc:
            self.post_message(self.Read(None, str(exc)))
        except Exception as exc:  # noqa: BLE001 - never leave the dialog waiting
            self.post_message(self.Read(None, f"The file could not be read ({type(exc).__name__}). "
                                              "Try saving it again, or paste its text (P)."))
        else:
            self.post_message(self.Read(draft, None))

    def on_import_draft_screen_read(self, event: Read) -> None:
        self.busy = False
        error = self.query_one("#jd-file-error", Label)
        if event.error or event.draft is None:
            error.update(literal(event.error or "The file could not be read."))  # names may hold [brackets]
            return
        if self.imported(event.draft):
            self.dismiss(True)
        else:
            error.update("The draft was read but could not be saved; nothing was changed. Try again.")

    def action_cancel(self) -> None:
        self.dismiss(False)
