"""The programme view: every workshop and follow-up in the sessions folder, by team and date.

The files are read (read-only) in a thread worker, which posts what it found; this screen
only lays it out. W writes the same programme as a Word document, also in a worker."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, Static

from workshop.export import ExportError, first_free_name
from workshop.programme.view import SOON_WORDS, ProgrammeView
from workshop.tui.widgets.footer import KeyFooter
from workshop.tui.widgets.literal import literal


NARROW_MAX = 22  # a column that does not wrap gives up its room at 80 columns (cut with "…")


def _table(headings: list[tuple[str, str]], rows: list[tuple[str, ...]], *, wrap_col: int = 0,
           grouped: bool = False) -> Table:
    """A plain table; every cell is literal text (typed words are never read as markup).
    `grouped`: the first value of each row is its team, shown once above its rows."""
    table = Table(box=None, expand=True, padding=(0, 1), header_style="bold", show_edge=False)
    for i, (title, justify) in enumerate(headings):
        wraps = i == wrap_col
        table.add_column(title, justify=justify, ratio=1 if wraps else None, no_wrap=not wraps,
                         overflow="fold" if wraps else "ellipsis", max_width=None if wraps else NARROW_MAX)
    last = None
    for row in rows:
        if grouped:
            team, row = row[0], row[1:]
            if team != last:
                cells = [Text("")] * len(headings)
                cells[wrap_col] = literal(team, "bold")
                table.add_row(*cells)
                last = team
        table.add_row(*(literal(c) for c in row))
    return table


def _heading(text: str) -> Text:
    return Text(f"\n{text}", style="bold underline")


class ProgrammeScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back", id="programme.close"),
        Binding("w", "write", "Word", id="programme.write", tooltip="Write the programme as a Word document"),
        Binding("r", "reload", "Read again", id="programme.reload", tooltip="Read the workshop files again"),
    ]
    DEFAULT_CSS = """
    ProgrammeScreen #programme-title { text-style: bold; background: $primary; color: $background;
                                       width: 1fr; padding: 0 1; }
    ProgrammeScreen #programme-headline { padding: 0 1; }
    ProgrammeScreen #programme-body { height: 1fr; padding: 0 1; }
    """

    class Loaded(Message):
        """Posted by the reading worker: the view, or why it could not be made."""

        def __init__(self, view: ProgrammeView | None, error: str | None) -> None:
            super().__init__()
            self.view, self.error = view, error

    class Written(Message):
        def __init__(self, path: Path | None, error: str | None) -> None:
            super().__init__()
            self.path, self.error = path, error

    def __init__(self, folder: Path, exports_dir: Path, today: date | None = None) -> None:
        super().__init__()
        self.folder, self.exports_dir, self.today = Path(folder), Path(exports_dir), today
        self.view: ProgrammeView | None = None
        self.busy_writing = False

    def compose(self) -> ComposeResult:
        yield Label("Programme across workshops", id="programme-title")
        yield Label(literal(f"Reading the workshops in {self.folder}…"), id="programme-headline",
                    classes="status-line")
        with VerticalScroll(id="programme-body"):
            yield Static("", id="programme-content")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#programme-body").focus()
        self.load()

    # reading: in a worker, which only posts what it found --------------------------------

    @work(thread=True, exclusive=True, group="programme-read")
    def load(self) -> None:
        try:
            from workshop.programme import gather, work_out
            from workshop.programme.view import build_view

            view = build_view(work_out(gather([self.folder], today=self.today)))
        except Exception as exc:  # noqa: BLE001 - the screen says it in a sentence
            self.post_message(self.Loaded(None, f"The workshops could not be read ({type(exc).__name__}: {exc})."))
            return
        self.post_message(self.Loaded(view, None))

    def on_programme_screen_loaded(self, message: "ProgrammeScreen.Loaded") -> None:
        message.stop()
        headline = self.query_one("#programme-headline", Label)
        if message.view is None:
            headline.update(literal(message.error or "The workshops could not be read."))
            return
        self.view = message.view
        headline.update(literal(message.view.headline))
        self.query_one("#programme-content", Static).update(self.render_view(message.view))

    def render_view(self, view: ProgrammeView):
        from rich.console import Group

        parts: list = []
        if view.empty:
            parts.append(literal(f"No workshops in {self.folder} yet. Press Esc, then N to start one."))
        else:
            parts.append(_heading("Teams and their days (open concerns, late actions, due soon)"))
            parts.append(_table([("Date", "left"), ("Workshop", "left"), ("Open", "right"), ("Late", "right"),
                                 ("Soon", "right")], view.teams, wrap_col=1, grouped=True))
            parts.append(_heading("Open concerns by category"))
            if view.categories:
                parts.append(_table([("Category", "left"), ("Open", "right"), ("In progress", "right"),
                                     ("Teams", "right")], view.categories))
            else:
                parts.append(Text("No concerns are open in any team."))
            parts.append(_heading("Late actions"))
            if view.late:
                parts.append(_table([("Task", "left"), ("Who", "left"), ("Due", "left"), ("Days late", "right")],
                                    view.late, wrap_col=0, grouped=True))
                if view.late_more:
                    parts.append(Text(f"…and {view.late_more} more late; W writes them all in the Word programme."))
            else:
                parts.append(Text("No actions are late."))
            parts.append(Text(f"{view.soon} actions {SOON_WORDS}; {view.undated} open actions without a date."))
            for kind, title in (("hope", "Hopes"), ("fear", "Fears")):
                parts.append(_heading(f"{title}: themes most teams shared"))
                rows = view.themes.get(kind) or []
                parts.append(_table([("Theme", "left"), ("Teams", "right"), ("Entries", "right"), ("Votes", "right")],
                                    rows) if rows else Text(f"No {kind}s were given a theme."))
            parts.append(_heading("How follow-up reviews moved things on"))
            if view.followups:
                parts.append(_table([("Follow-up", "left"), ("What moved", "left")], view.followups, wrap_col=1,
                                    grouped=True))
            else:
                parts.append(Text("No follow-up reviews yet."))
        if view.skipped:
            parts.append(_heading("Files skipped (none was changed)"))
            parts.append(_table([("File", "left"), ("Why", "left")], view.skipped, wrap_col=1))
        return Group(*parts)

    def action_reload(self) -> None:
        self.query_one("#programme-headline", Label).update(literal(f"Reading the workshops in {self.folder}…"))
        self.load()

    # writing the Word programme: in a worker too ------------------------------------------

    def action_write(self) -> None:
        if self.busy_writing:
            return
        self.busy_writing = True
        self.notify("Writing the programme…", timeout=3, markup=False)
        self.write_word()

    @work(thread=True, exclusive=True, group="programme-write")
    def write_word(self) -> None:
        from workshop.programme import default_name, gather, write_programme

        try:
            today = self.today or date.today()
            gathered = gather([self.folder], today=today)
            self.exports_dir.mkdir(parents=True, exist_ok=True)
            out = first_free_name(self.exports_dir / f"{default_name(today)}.docx")
            path = write_programme(gathered, out, "docx", sessions_dir=self.folder)
        except ExportError as exc:
            self.post_message(self.Written(None, str(exc)))
        except OSError as exc:
            self.post_message(self.Written(None, f"The programme could not be written: {exc.strerror or exc}."))
        except Exception as exc:  # noqa: BLE001 - a sentence, never a traceback
            self.post_message(self.Written(None, f"The programme could not be written ({type(exc).__name__})."))
        else:
            self.post_message(self.Written(path, None))

    def on_programme_screen_written(self, message: "ProgrammeScreen.Written") -> None:
        message.stop()
        self.busy_writing = False
        if message.path is None:
            self.notify(message.error or "The programme could not be written.", severity="error", timeout=10,
                        markup=False)
        else:
            self.notify(f"Saved {message.path}", title="Programme written", timeout=10, markup=False)

    def action_close(self) -> None:
        self.app.pop_screen()
