"""The agenda stepper: all six activities on one line, the current one marked (and, in a
follow-up, the review before them, marked R)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from workshop import content
from workshop.tui.widgets.literal import update_if_changed


class AgendaBar(Static):
    """Shows each activity with its number and progress count.

    The current activity is marked with an arrow and brackets as well as colour, so it
    reads on a monochrome projector. When the line is narrow (80 columns, or a zoomed
    terminal) the other activities shrink to their numbers and counts; the current one
    always keeps its name."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.current = ""
        self.counts: dict[str, int] = {}
        self.timeboxes: dict[str, int] = {}
        self.review = False

    def show(self, current: str, counts: dict[str, int], timeboxes: dict[str, int], *, review: bool = False) -> None:
        self.current, self.counts, self.timeboxes, self.review = current, counts, timeboxes, review
        update_if_changed(self, self.agenda_text(self.size.width or 200))

    def on_resize(self) -> None:
        if self.current:
            self.update(self.agenda_text(self.size.width))

    def agenda_text(self, width: int) -> Text:
        for style in ("full", "short", "compact"):
            line = self._line(style)
            if line.cell_len <= width:
                return line
        return line

    def _steps(self) -> list[tuple[str, content.Activity]]:
        steps = [("R", content.review_activity())] if self.review else []
        return steps + [(str(n), a) for n, a in enumerate(content.activities(), start=1)]

    def _line(self, style: str) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        for number, activity in self._steps():
            count = self.counts.get(activity.key, 0)
            current = activity.key == self.current
            if current or style == "full":
                name = f" {activity.short}"
            elif style == "short":
                name = f" {activity.short[:4]}"
            else:
                name = ""
            label = f"{number}{name}" + (f" {count}" if count else "")
            if current:
                line.append(f"▶[{label}]", style="bold reverse")
            else:
                line.append(f" {label} ", style="bold" if count else "dim")
            line.append(" " if style != "compact" else "")
        line.rstrip()
        return line

    def current_caption(self) -> str:
        activity = content.activity(self.current)
        minutes = self.timeboxes.get(self.current, activity.minutes)
        if self.current == content.REVIEW_KEY:
            return f"R {activity.title} · {minutes} min"
        number = content.ACTIVITY_KEYS.index(self.current) + 1
        return f"{number}/{len(content.ACTIVITY_KEYS)} {activity.title} · {minutes} min"
