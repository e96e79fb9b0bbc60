"""A bar chart of counts drawn with text, readable without colour: ████ bars and numbers."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

FULL = "█"
EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(count: int, largest: int, width: int) -> str:
    """A bar `width` cells long at most, in eighths of a cell; any count above 0 shows."""
    if count <= 0 or largest <= 0 or width <= 0:
        return ""
    eighths = max(1, round(count / largest * width * 8))
    whole, part = divmod(eighths, 8)
    return FULL * whole + (EIGHTHS[part] if part else "")


def chart_lines(rows: list[tuple[str, int | str, str]], width: int) -> list[Text]:
    """One line per (label, count, note): label, bar, count and note, fitting `width`.
    A count given as words ("fewer than 3") is shown as words, with no bar to measure."""
    if not rows:
        return []
    label_width = max(len(label) for label, _, _ in rows)
    largest = max((count for _, count, _ in rows if isinstance(count, int)), default=0)
    number_width = max(len(str(count)) for _, count, _ in rows)
    note_width = max((len(note) + 1 for _, _, note in rows if note), default=0)
    room = width - label_width - number_width - 3 - note_width
    if room < 4:  # too narrow for notes: keep the numbers
        note_width = 0
        room = width - label_width - number_width - 3
    lines = []
    for label, count, note in rows:
        drawn = bar(count, largest, max(room, 1)) if isinstance(count, int) else ""
        line = Text()
        line.append(label.ljust(label_width), style="bold")
        line.append(" ")
        line.append(drawn.ljust(max(room, 1)))
        line.append(" ")
        line.append(str(count).rjust(number_width), style="bold")
        if note_width and note:
            line.append(" " + note, style="italic")
        lines.append(line)
    return lines


class BalanceChart(Widget):
    """Counts per group as horizontal bars. Call `show(title, rows)` to redraw."""

    DEFAULT_CSS = """
    BalanceChart {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.title = ""
        self.rows: list[tuple[str, int | str, str]] = []

    def show(self, title: str, rows: list[tuple[str, int | str, str]]) -> None:
        self.title = title
        self.rows = rows
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.rows) + (1 if self.title else 0)

    def render(self) -> Text:
        width = self.content_size.width or 40
        lines = [Text(self.title, style="bold underline")] if self.title else []
        lines += chart_lines(self.rows, width)
        return Text("\n").join(lines)
