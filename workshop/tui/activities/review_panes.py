"""What the follow-up review's panes show: the "Then" text, the line of status choices, and
how the panes look (desk and projector)."""

from __future__ import annotations

from rich.text import Text

from workshop import followup
from workshop.tui.widgets.literal import literal


def then_text(review: dict, missing: bool, missing_words: str) -> Text:
    """The item as the earlier day left it, one "label: value" line each."""
    shown = Text()
    for label, value in followup.then_lines(review):
        shown.append(f"{label}: ", style="bold")
        shown.append_text(literal(value))
        shown.append("\n")
    if missing:
        shown.append(f"\n{missing_words}", style="italic")
    return shown


def choices_text(words: dict, statuses: tuple[str, ...], review: dict, width: int) -> Text:
    """The status choices, the chosen one marked, wrapped to `width` between choices."""
    marks = words["statuses"]
    pieces: list[tuple[str, str]] = [(f"{words['text']['status_label']}:", "bold")]
    for n, status in enumerate(statuses, start=1):
        choice = f"{n} {marks[status]['mark']} {marks[status]['label']}"
        pieces.append((f"▶[{choice}]", "bold reverse") if status == review.get("status") else (choice, ""))
    if review.get("status", "not_reviewed") == "not_reviewed":
        pieces.append((f"({marks['not_reviewed']['label'].lower()})", "italic"))
    # Wrapped here, between the choices: Rich would break one in the middle.
    line = Text()
    used = 0
    for text, style in pieces:
        if used and used + 2 + len(text) > width:
            line.append("\n")
            used = 0
        elif used:
            line.append("  ")
            used += 2
        line.append(text, style=style)
        used += len(text)
    return line


CSS = """
ReviewView #rv-progress { height: 1; }
ReviewView #rv-panes { height: 1fr; }
ReviewView #rv-then, ReviewView #rv-now {
    width: 1fr; height: 1fr; border: round $panel-lighten-2;
    border-title-color: $text; border-title-style: bold;
}
ReviewView #rv-then { padding: 0 1; }
ReviewView:focus #rv-now, ReviewView:focus-within #rv-now { border: double $primary; }
ReviewView #rv-question { width: 1fr; height: auto; max-height: 2; padding: 0 1; color: $text-muted;
                          text-style: italic; }
ReviewView #rv-choices { width: 1fr; height: auto; padding: 0 1; }
ReviewView #rv-done-row { height: 1; }
ReviewView #rv-done-row Label { width: auto; height: 1; padding: 0 1; text-style: bold; }
ReviewView #rv-done-on { width: 1fr; height: 1; border: none; padding: 0 1; }
ReviewView .rv-label { height: 1; padding: 0 1; text-style: bold; }
ReviewView #rv-now TextArea { height: 1fr; min-height: 3; }
.-projector ReviewView #rv-then, .-projector ReviewView #rv-now { border: heavy $foreground 60%; }
.-projector ReviewView:focus #rv-now, .-projector ReviewView:focus-within #rv-now { border: double $primary; }
"""
