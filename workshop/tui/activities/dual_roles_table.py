"""The dual-role scenarios table: its columns at each width, the text of each cell and the
height of each row (the view that owns it is dual_roles.py)."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.widgets import DataTable

TABLE = "dual_roles"
SCOPE = {"universal": "Universal", "tailored": "Tailored"}
SENT = "[sent] "
WRAP_FROM = 100  # table width from which rows wrap to show their full text
MAX_LINES = 6  # the most lines one row may take when wrapped
COLUMNS = (  # key, heading, weight of the free width (0: fixed width)
    ("situation", "A peer worker is…", 4),
    ("challenge", "Challenge", 3),
    ("action_plan", "Action plan", 4),
    ("owner", "Owner", 0),
    ("due", "By when", 0),
    ("scope", "Scope", 0),
)
# Below WRAP_FROM the table keeps only what tells rows apart, the situation in full, and a
# word on the plan; the rest of the highlighted row is spelled out in the pane under it.
NARROW_COLUMNS = (
    ("situation", "A peer worker is…", 1),
    ("plan", "Plan", 0),
)
PLAN_WIDTH = 9
LABEL_WIDTH = 3  # the row numbers


def columns_for(width: int) -> tuple[tuple[str, str, int], ...]:
    return COLUMNS if width >= WRAP_FROM else NARROW_COLUMNS


def column_widths(width: int) -> dict[str, int]:
    """Cell widths that fill `width` columns of table. Each cell starts with one space."""
    if width < WRAP_FROM:
        return {"situation": max(width - LABEL_WIDTH - PLAN_WIDTH, 20), "plan": PLAN_WIDTH}
    fixed = {"owner": 15 if width >= WRAP_FROM else 10, "due": 11, "scope": 10}
    free = max(width - LABEL_WIDTH - sum(fixed.values()), 24)
    weights = {key: weight for key, _, weight in COLUMNS if weight}
    total = sum(weights.values())
    widths = {key: max(6, free * weight // total) for key, weight in weights.items()}
    return {**widths, **fixed}


def shorten(text: str, width: int) -> str:
    """One line of at most `width` characters, cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut and not text[width - 1].isspace():
        head = cut.rsplit(" ", 1)[0]
        if len(head) >= width - 4:  # a whole word is dropped only if little is lost
            cut = head
    return cut.rstrip(" ,;:.") + "…"


def cell_texts(record: dict, sent: bool) -> dict[str, str]:
    return {
        "situation": record.get("situation") or "",
        "challenge": record.get("challenge") or "",
        "action_plan": (SENT if sent else "") + (record.get("action_plan") or ""),
        "owner": record.get("owner") or "",
        "due": record.get("due") or "",
        "scope": SCOPE.get(record.get("scope") or "", "—"),
        "plan": "sent" if sent else ("agreed" if record.get("action_plan") else "—"),
    }


def row_height(texts: dict[str, str], widths: dict[str, int]) -> int:
    lines = 1
    for key, text in texts.items():
        if text:
            wrapped = sum(len(textwrap.wrap(part, widths[key] - 1) or [""]) for part in text.split("\n"))
            lines = max(lines, wrapped)
    return min(lines, MAX_LINES)


def cell(text: str, width: int, wrap: bool) -> Text:
    if wrap:
        return Text(" " + text, overflow="ellipsis")
    return Text(" " + shorten(text, width - 1), no_wrap=True, overflow="ellipsis")


class ScenarioTable(DataTable):
    """The scenarios; letter keys act on the highlighted row (see DualRolesView)."""

    def measure_now(self) -> None:
        """Measure the rows just added now, as DataTable otherwise does when its queue is
        next idle. Until then it draws without its row numbers, and a dialog opened in that
        moment kept showing the table that way over the workshop."""
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            new_rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(new_rows)
