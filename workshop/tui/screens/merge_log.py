"""The merge log: every merge of two copies, and each conflict to revisit (keep or use the other)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from workshop import merge
from workshop.export.labels import humanise
from workshop.history import History
from workshop.store import StoreError
from workshop.tui.screens.kinds import SavesOnClose
from workshop.tui.widgets.footer import KeyFooter
from workshop.tui.widgets.literal import literal

ITEM_NAMES = {
    "workshop": "Workshop details", "participants": "Attendee", "hopes_fears": "Hope or fear",
    "expertise": "Expertise", "job_descriptions": "Job description", "jd_checks": "Job description check",
    "jd_flags": "Wording flag", "jd_compromise": "Compromise check", "dual_roles": "Dual-role scenario",
    "jd_duties": "Example peer duty", "concerns": "Concern", "actions": "Action", "notes": "Notes", "reviews": "Review item",
}
FIELD_NAMES = {"text": "text", "action_plan": "action plan", "by_when": "by when", "due": "due date",
               "raised_by_role": "raised by", "name_in_record": "named in the record", "in_record": "in the record"}
# Words, not colours, say where each conflict stands: a tag in the list, a sentence below it.
STATE_WORDS = {"open": "to review", "kept": "kept", "other_used": "other used"}
STATE_SENTENCES = {"open": "to review: K keeps the value above, U uses the other",
                   "kept": "decided: the kept value stays", "other_used": "decided: the other value is in use"}
VALUE_LIMIT = 400


def when(stamp: Any) -> str:
    """"2026-12-03T14:05:11.412Z" as "03 Dec 2026 14:05 UTC"; anything else as it is."""
    text = str(stamp or "")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    try:
        month = months[int(text[5:7]) - 1]
        return f"{text[8:10]} {month} {text[0:4]} {text[11:16]} UTC"
    except (ValueError, IndexError):
        return text or "an unknown time"


def shown(value: Any) -> str:
    """A stored value as a facilitator reads it."""
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(empty)"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    text = str(value)
    return text if len(text) <= VALUE_LIMIT else text[: VALUE_LIMIT - 1] + "…"


def describe(entry: dict[str, Any]) -> Text:
    """What conflicted, what was kept and what the other copy held."""
    item = ITEM_NAMES.get(str(entry.get("table")), humanise(str(entry.get("table"))))
    kind = entry.get("kind")
    out = Text()
    out.append(f"{item}: ", style="bold")
    out.append(f"“{entry.get('label') or ''}”\n")
    kept_from, other_from = entry.get("kept_from"), entry.get("other_from")
    kept_at, other_at = when(entry.get("kept_at")), when(entry.get("other_at"))
    if kind == "deleted":
        out.append("Kept: ", style="bold")
        out.append(f"deleted in {kept_from} ({kept_at}).\n")
        out.append("Other: ", style="bold")
        out.append(f"changed in {other_from} ({other_at}) before it knew of the deletion. U brings it back.\n")
    elif kind == "restored":
        out.append("Kept: ", style="bold")
        out.append(f"as changed in {kept_from} ({kept_at}).\n")
        out.append("Other: ", style="bold")
        out.append(f"deleted in {other_from} ({other_at}), before that change. U deletes it.\n")
    elif kind == "renamed":
        out.append(f"Both kept: this id was used for two different items, so this one is now {entry.get('kept')}.\n")
    elif kind == "table":
        out.append(f"Both copies held this table differently; the one from {kept_from} was kept and the other "
                   "is kept in this log.\n")
    else:
        field = str(entry.get("field"))
        out.append("Field: ", style="bold")
        out.append(f"{FIELD_NAMES.get(field, humanise(field).lower())}\n")
        out.append("Kept: ", style="bold")
        out.append(f"{shown(merge.conflict_value(entry, 'kept'))}  (from {kept_from}, {kept_at})\n")
        out.append("Other: ", style="bold")
        out.append(f"{shown(merge.conflict_value(entry, 'other'))}  (from {other_from}, {other_at})\n")
    out.append("Now: ", style="bold")
    out.append(STATE_SENTENCES.get(str(entry.get("state")), str(entry.get("state"))))
    return out


class MergeLogScreen(SavesOnClose, Screen[bool]):
    """Lists every merge recorded in `session` and each conflict. K keeps the value the
    merge chose, U uses the other copy's; both are saved (and versioned) at once. Returns
    True if anything was changed. With `owns_session` the screen closes the session when it
    closes (as the home screen opens it)."""

    BINDINGS = [
        Binding("k", "keep", "Keep this", id="merge_log.keep"),
        Binding("u", "use_other", "Use the other", id="merge_log.use_other"),
        Binding("escape", "close", "Close", id="merge_log.close"),
    ]
    DEFAULT_CSS = """
    MergeLogScreen #merge-log-title { text-style: bold; background: $primary; color: $background;
                                      width: 1fr; padding: 0 1; }
    MergeLogScreen #merge-log-list { height: 1fr; }
    MergeLogScreen #merge-log-detail { height: 9; border-top: solid $primary; padding: 0 1; }
    MergeLogScreen #merge-log-empty { padding: 1 2; text-style: bold; }
    """

    def __init__(self, history: History, *, owns_session: bool = False) -> None:
        super().__init__()
        # Decisions go through the workshop's history: each is one undoable step, one save.
        self.history = history
        self.session = history.session
        self.owns_session = owns_session
        self.changed = False
        self.rows: dict[str, tuple[str, int]] = {}  # option id -> (log id, conflict index)

    def compose(self) -> ComposeResult:
        title = self.session.workshop().get("title", "")
        yield Label(literal(f"Merge log · {title}"), id="merge-log-title")
        yield OptionList(id="merge-log-list")
        yield Label("", id="merge-log-empty")
        with VerticalScroll(id="merge-log-detail"):
            yield Static("", id="merge-log-detail-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.fill()

    def logs(self) -> list[dict[str, Any]]:
        return merge.merge_logs(self.session)

    def fill(self, keep_at: str | None = None) -> None:
        listing = self.query_one("#merge-log-list", OptionList)
        listing.clear_options()
        self.rows = {}
        options: list[Option] = []
        first = None
        for log in self.logs():
            options.append(Option(self._heading(log), disabled=True))
            for index, entry in enumerate(log.get("conflicts") or []):
                if not isinstance(entry, dict):
                    continue
                option_id = f"{log['id']}:{index}"
                self.rows[option_id] = (log["id"], index)
                first = first or option_id
                options.append(Option(self._line(entry), id=option_id))
        listing.add_options(options)
        empty = self.query_one("#merge-log-empty", Label)
        empty.display = not options
        empty.update("No merges are recorded in this workshop. Merge copies from the home screen (C).")
        listing.display = bool(options)
        target = keep_at if keep_at in self.rows else first
        if target is not None:
            listing.highlighted = listing.get_option_index(target)
        listing.focus()
        self._show()
        self.refresh_bindings()

    def _heading(self, log: dict[str, Any]) -> Text:
        counts = log.get("counts") or {}
        files = [str(f) for f in log.get("files") or []] + ["the first copy", "the second copy"]
        n = counts.get("conflicts", len(log.get("conflicts") or []))
        text = literal(f"Merged {when(log.get('merged_at'))}: {files[0]} with {files[1]}\n", "bold")
        text.append(literal(f"  {counts.get('from_a', 0)} changed only in the first, {counts.get('from_b', 0)} only "
                            f"in the second, {counts.get('both', 0)} in both; "
                            + (f"{n} conflict{'s' if n != 1 else ''}" if n else "no conflicts")))
        return text

    def _line(self, entry: dict[str, Any]) -> Text:
        state = STATE_WORDS.get(str(entry.get("state")), str(entry.get("state")))
        item = ITEM_NAMES.get(str(entry.get("table")), humanise(str(entry.get("table"))))
        what = {"deleted": "deleted on one copy", "restored": "changed after a deletion",
                "renamed": "two items, one id", "table": "whole table"}.get(str(entry.get("kind")))
        if what is None:
            field = str(entry.get("field"))
            what = FIELD_NAMES.get(field, humanise(field).lower())
        label = str(entry.get("label") or "")
        label = label if len(label) <= 36 else label[:35] + "…"
        return literal(f"  [{state}] {item} “{label}”: {what}", no_wrap=True, overflow="ellipsis")

    def current(self) -> tuple[str, int] | None:
        listing = self.query_one("#merge-log-list", OptionList)
        option = listing.highlighted_option
        if option is None or option.id is None:
            return None
        return self.rows.get(option.id)

    def _entry(self, where: tuple[str, int] | None) -> dict[str, Any] | None:
        if where is None:
            return None
        log = self.session.get(merge.LOG_TABLE, where[0])
        conflicts = (log or {}).get("conflicts") or []
        return conflicts[where[1]] if where[1] < len(conflicts) else None

    def _show(self) -> None:
        entry = self._entry(self.current())
        detail = self.query_one("#merge-log-detail-text", Static)
        if entry is None:
            detail.update("Choose a conflict with the arrow keys to see both versions." if self.rows else "")
        else:
            detail.update(describe(entry))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("keep", "use_other"):
            entry = self._entry(self.current()) if self.is_mounted else None
            if entry is None:
                return None
            if action == "use_other" and entry.get("kind") in merge.NOTHING_TO_CHOOSE:
                return None
        return True

    def _decide(self, how) -> None:
        where = self.current()
        if where is None:
            return
        try:
            how(self.history, *where)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10, markup=False)
            return
        self.changed = True
        self.fill(keep_at=f"{where[0]}:{where[1]}")

    def action_keep(self) -> None:
        self._decide(merge.keep)

    def action_use_other(self) -> None:
        self._decide(merge.use_other)

    def action_close(self) -> None:
        self.close_session()
        self.dismiss(self.changed)

    def close_session(self) -> None:
        """Called by the app on quitting, too; only a session this screen opened is closed."""
        if self.owns_session:
            self.session.close()
