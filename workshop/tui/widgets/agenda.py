"""The agenda stepper: all six activities on one line, the current one marked."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from workshop import content


class AgendaBar(Static):
    """Shows each activity with its number, progress count and timebox.

    The current activity is marked with an arrow and brackets as well as colour, so it
    reads on a monochrome projector."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.current = ""
        self.counts: dict[str, int] = {}
        self.timeboxes: dict[str, int] = {}

    def show(self, current: str, counts: dict[str, int], timeboxes: dict[str, int]) -> None:
        self.current, self.counts, self.timeboxes = current, counts, timeboxes
        self.update(self.agenda_text())

    def agenda_text(self) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        for number, activity in enumerate(content.activities(), start=1):
            count = self.counts.get(activity.key, 0)
            label = f"{number} {activity.short}"
            if count:
                label += f" {count}"
            if activity.key == self.current:
                line.append(f"▶[{label}]", style="bold reverse")
            else:
                line.append(f" {label} ", style="bold" if count else "dim")
            line.append(" ")
        return line

    def current_caption(self) -> str:
        activity = content.activity(self.current)
        number = content.ACTIVITY_KEYS.index(self.current) + 1
        minutes = self.timeboxes.get(self.current, activity.minutes)
        return f"{number}/6 {activity.title} · {minutes} min"
