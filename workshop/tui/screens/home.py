"""The home screen: saved workshops, with new, open, delete, follow-up reviews and merging copies."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Label

from workshop.tui.first_frame import PaintsAfterStartUp, after_first_frame
from workshop.tui.widgets.footer import KeyFooter
from workshop import content
from workshop.store import SessionSummary, StoreError, delete_session, list_sessions
from workshop.store.conflicts import ConflictCopy, grouped
from workshop.tui.screens.home_copies import copy_title, merge_selected_copy
from workshop.tui.widgets.literal import cell, literal


def progress_cells(summary: SessionSummary) -> Text:
    """One mark per activity: a filled square where something was recorded, so progress
    reads without colour."""
    text = Text()
    done = 0
    for activity in content.ACTIVITY_KEYS:
        count = summary.counts.get(activity, 0)
        done += bool(count)
        text.append("■" if count else "□")
    text.append(f" {done}/{len(content.ACTIVITY_KEYS)}")
    return text


# Columns chosen by width, so nothing is cut at the right edge: below WIDE the file name goes
# under the title; below MEDIUM the team and the time of the last change are left out.
WIDE, MEDIUM = 160, 110
COLUMNS = {
    "wide": (("title", "Workshop"), ("team", "Team"), ("date", "Date"), ("changed", "Changed"),
             ("progress", "Progress"), ("file", "File")),
    "medium": (("title", "Workshop · file"), ("team", "Team"), ("date", "Date"), ("changed", "Changed"),
               ("progress", "Progress")),
    "narrow": (("title", "Workshop · file"), ("date", "Date"), ("progress", "Progress")),
}
FIXED = {"team": 20, "date": 10, "changed": 12, "progress": 11, "file": 56}


def column_widths(layout: str, width: int) -> dict[str, int]:
    keys = [key for key, _ in COLUMNS[layout]]
    fixed = {key: FIXED[key] for key in keys if key != "title"}
    padding = 2 * len(keys)  # a space each side of every cell
    return {"title": max(width - 2 - padding - sum(fixed.values()), 20), **fixed}


class HomeScreen(PaintsAfterStartUp, Screen[None]):
    BINDINGS = [
        Binding("n", "new", "New", id="home.new"),
        Binding("enter,o", "open", "Open", id="home.open"),
        Binding("d,delete", "delete", "Delete", id="home.delete"),
        # Short footer words so Quit and Help still fit at 80 columns; the palette reads the tooltip.
        Binding("m", "demo", "Demo", id="home.demo", tooltip="Demo workshop"),
        Binding("f", "followup", "Follow-up", id="home.followup", tooltip="Follow-up review"),
        Binding("c", "merge", "Merge", id="home.merge", tooltip="Merge copies"),
        # Shown only on a sync engine's conflict copy or its workshop (see check_action), so
        # the footer keeps its width at 80 columns everywhere else.
        Binding("s", "merge_copy", "Merge in", id="home.merge_copy", tooltip="Merge a conflict copy into its workshop"),
        Binding("p", "programme", "Teams", id="home.programme", tooltip="Programme across workshops and teams"),
        Binding("r", "refresh_list", "Refresh", id="home.refresh", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[SessionSummary] = []
        self.copies: dict[Path, ConflictCopy] = {}  # conflict copies shown, by their path
        self._layout = ""
        self._checking = False  # every record of the files listed is being checked (a worker)
        self._check_round = 0  # which listing the check under way belongs to

    class Checked(Message):
        """What the check of every record found, file by file (posted by the worker); None
        if the folder could not be read."""

        def __init__(self, round_: int, summaries: list[SessionSummary] | None) -> None:
            super().__init__()
            self.round = round_
            self.summaries = summaries

    def is_ready(self) -> bool:
        """The files listed have been checked record by record (see settle)."""
        return not self._checking

    def compose(self) -> ComposeResult:
        yield Label("Team Day · saved workshops", id="home-title")
        yield Label("", id="home-folder", classes="status-line")
        yield DataTable(id="workshops", cursor_type="row", zebra_stripes=True)
        yield Label("", id="home-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._layout = ""
        # The list itself is filled by on_screen_resume, which also follows this first mount.

    def on_resize(self, _event) -> None:
        if self.summaries and self._layout_for() != self._layout:
            self.refresh_list()

    def _layout_for(self) -> str:
        width = self.size.width
        return "wide" if width >= WIDE else "medium" if width >= MEDIUM else "narrow"

    def on_screen_resume(self) -> None:
        # Filled now, so the first frame shows the workshops. When the app opens straight
        # into a workshop, that workshop is on top already and the folder is not read:
        # reading every file would only delay it. Not `is_current`: Textual counts the screen
        # just under the top one as current too (it may show through).
        if self.app.screen is self:
            self.refresh_list()

    def refresh_list(self) -> None:
        folder: Path = self.app.sessions_dir
        was = self.selected()
        # Listed from what each file says, and checked record by record a frame later: the
        # workshops show at once, and one that cannot be opened is marked as soon as known.
        rows = grouped(list_sessions(folder, checked=False))
        self.summaries = [summary for summary, _copy in rows]
        self.copies = {copy.path: copy for _s, copy in rows if copy is not None}
        table = self.query_one(DataTable)
        self._layout = layout = self._layout_for()
        table.clear(columns=True)
        widths = column_widths(layout, self.size.width)
        for key, heading in COLUMNS[layout]:
            table.add_column(heading, key=key, width=widths[key])
        for summary in self.summaries:
            changed = summary.changed.astimezone().strftime("%d %b %H:%M") if summary.changed else ""
            title = literal(summary.title)
            if summary.path in self.copies:
                title = copy_title(self.copies[summary.path])
            elif summary.problem:
                title = literal(f"⚠ cannot open: {summary.title}", "bold")
            elif summary.locked_by:
                title.append(" (open elsewhere)", style="italic")
            if layout == "wide":
                table.add_row(title, cell(summary.team), cell(summary.date), changed, progress_cells(summary),
                              cell(summary.path.name), key=str(summary.path))
                continue
            # Two lines: the title, then the file, whole, so two follow-ups of one day differ.
            title.no_wrap, title.overflow = True, "ellipsis"
            shown = literal("", no_wrap=True, overflow="ellipsis")
            shown.append_text(title)
            shown.append("\n")
            shown.append_text(literal(summary.path.name, "dim"))
            cells = {"title": shown, "team": cell(summary.team), "date": cell(summary.date),
                     "changed": changed, "progress": progress_cells(summary)}
            table.add_row(*(cells[key] for key, _ in COLUMNS[layout]), key=str(summary.path), height=2)
        self.query_one("#home-folder", Label).update(literal(f"Folder: {folder}"))
        empty = self.query_one("#home-empty", Label)
        empty.display = not self.summaries
        empty.update("No workshops here yet. Press N to start one, or M to try the demo workshop.")
        table.display = bool(self.summaries)
        if self.summaries:
            table.focus()
            if was is not None:
                self.select_path(was.path)
        self._check_round += 1
        self._checking = not all(summary.checked for summary in self.summaries)
        if self._checking:
            after_first_frame(self, partial(self._check_files, self._check_round))

    def _check_files(self, round_: int) -> None:
        if round_ != self._check_round:
            return  # listed again since: that listing's own check follows
        if self.app.screen is not self:
            self._checking = False
            return  # listed again, and checked, when it is shown next
        self._check_in_background(self.app.sessions_dir, round_)

    @work(thread=True, exclusive=True, group="home-check")
    def _check_in_background(self, folder: Path, round_: int) -> None:
        """Every record of every file, off the screen's thread, so keys are answered while a
        large folder is checked; only posts what it found."""
        try:
            found: list[SessionSummary] | None = list_sessions(folder)
        except Exception:  # noqa: BLE001 - the list stays as drawn; opening a file checks it again
            found = None
        self.post_message(self.Checked(round_, found))

    def on_home_screen_checked(self, message: Checked) -> None:
        message.stop()
        if message.round != self._check_round:
            return  # a check of an earlier listing
        self._checking = False
        if self.app.screen is not self or message.summaries is None:
            return
        shown = {summary.path: summary._replace(checked=True) for summary in self.summaries}
        checked = {summary.path: summary for summary in message.summaries}
        if checked != shown:
            self.refresh_list()  # from the cache the check filled: nothing is put off again

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "merge_copy":
            summary = self.selected()
            return summary is not None and any(summary.path in (c.path, c.workshop) for c in self.copies.values())
        return True

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()  # the key to merge a conflict copy shows on a copy and its workshop

    def action_merge_copy(self) -> None:
        merge_selected_copy(self, self.selected())

    def action_refresh_list(self) -> None:
        self.refresh_list()

    def selected(self) -> SessionSummary | None:
        table = self.query_one(DataTable)
        if not self.summaries or table.cursor_row is None or table.cursor_row >= len(self.summaries):
            return None
        return self.summaries[table.cursor_row]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        summary = self.selected()
        if summary is not None:
            self.app.open_workshop(summary.path)

    def action_new(self) -> None:
        from workshop.tui.screens.new_workshop import NewWorkshopScreen

        def created(path: Path | None) -> None:
            if path is not None:
                self.refresh_list()
                self.app.open_workshop(path)

        self.app.push_screen(NewWorkshopScreen(self.app.sessions_dir), created)

    def action_demo(self) -> None:
        from workshop.demo import create_demo

        try:
            path = create_demo(self.app.sessions_dir)
        except (StoreError, OSError) as exc:
            self.notify(str(exc), severity="error", timeout=10, markup=False)
            return
        self.refresh_list()
        self.app.open_workshop(path)

    def action_followup(self) -> None:
        from workshop.tui.screens.followup_dialog import FollowupDialog

        summary = self.selected()
        if summary is None:
            self.notify("Choose the workshop to follow up first.", timeout=4, markup=False)
            return
        if summary.problem:
            self.notify(f"{summary.path.name} cannot be followed up: {summary.problem}", severity="error",
                        timeout=10, markup=False)
            return

        def created(path: Path | None) -> None:
            if path is not None:
                self.refresh_list()
                self.select_path(path)
                self.app.open_workshop(path)

        self.app.push_screen(FollowupDialog(summary.path, self.app.sessions_dir), created)

    def action_merge(self) -> None:
        from workshop.tui.screens.merge_pick import MergePickScreen

        summary = self.selected()
        if summary is None:
            self.notify("Choose the workshop to merge first.", timeout=4, markup=False)
            return
        if summary.problem:
            self.notify(f"{summary.path.name} cannot be merged: {summary.problem}", severity="error", timeout=10,
                        markup=False)
            return

        def merged(result) -> None:
            if result is not None:
                self.show_merged(result)

        self.app.push_screen(MergePickScreen(summary.path, self.app.sessions_dir, summary.title), merged)

    def show_merged(self, result, note: str = "") -> None:
        """After a merge: the new file in the list, the summary (and `note`), then its merge log."""
        from workshop.history import History
        from workshop.store import Session
        from workshop.tui.screens.merge_log import MergeLogScreen

        self.refresh_list()
        self.select_path(result.path)
        self.notify(f"{result.summary()} Saved as {result.path.name}.{note}", title="Merged", timeout=12, markup=False)
        try:
            session = Session.open(result.path)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10, markup=False)
            return
        self.app.push_screen(MergeLogScreen(History(session), owns_session=True))

    def action_programme(self) -> None:
        from workshop.tui.screens.programme import ProgrammeScreen

        self.app.push_screen(ProgrammeScreen(self.app.sessions_dir, self.app.exports_dir))

    def select_path(self, path: Path) -> None:
        for row, summary in enumerate(self.summaries):
            if summary.path == path:
                self.query_one(DataTable).move_cursor(row=row)
                return

    def action_delete(self) -> None:
        from workshop.tui.screens.confirm import ConfirmScreen

        summary = self.selected()
        if summary is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                delete_session(summary.path)
            except StoreError as exc:
                self.notify(str(exc), severity="error", timeout=10, markup=False)
                return
            self.notify(f"Deleted {summary.path.name}.", timeout=4, markup=False)
            self.refresh_list()

        self.app.push_screen(
            ConfirmScreen(
                f"Delete “{summary.title}”?",
                "The file and its backup are removed for good. Export a record first if you need one.",
                deliberate="delete",
            ),
            answered,
        )
