"""The lanes of the three-sources activity: what a lane shows of an entry, and how the lanes
look (desk and projector)."""

from __future__ import annotations

from rich.text import Text

from workshop.tui.widgets.end_stop import EndStopList
from workshop.tui.widgets.hanging import Hanging

LIVED = "lived"
COUNTED = "(counted, not described)"
HIDDEN = "(words hidden)"
WIDE = 100  # columns from which lane titles are shown in full
TALL = 30  # rows from which the balance chart shows until it is toggled


class LaneList(EndStopList):
    """One lane's entries. Letter keys act on the highlighted entry (see ExpertiseView)."""


def marker(record: dict) -> str:
    if record["source"] == LIVED:
        return "[shareable]" if record.get("in_record") else "[private]"
    return "" if record.get("in_record", True) else "[private]"


def entry_prompt(record: dict, reveal: bool, projected: bool = False) -> Hanging:
    """What a lane shows of an entry. Projected, nothing kept out of the record is drawn."""
    text = Text()
    mark = marker(record)
    words = record.get("text") or ""
    if not words:
        text.append(COUNTED, style="italic")
    elif (record["source"] == LIVED and not record.get("in_record") and not reveal) or (
            projected and mark == "[private]"):
        text.append(HIDDEN, style="italic")
    else:
        text.append(words)
    if record.get("holder") and record["source"] != LIVED:
        text.append(f"  ({record['holder']})", style="dim")
    return Hanging(Text(mark + " " if mark else "", style="bold"), text)


def first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + (dot.strip() if dot else "")


# Unscoped (the view sets SCOPED_CSS = False) so the projector rules can match.
CSS = """
ExpertiseView #ex-prompt {
    width: 1fr;
    height: auto;
    max-height: 3;
    padding: 0 1;
}
ExpertiseView #ex-lived-note {
    width: 1fr;
    height: auto;
    padding: 0 1;
    text-style: italic;
}
ExpertiseView #ex-lanes {
    height: 1fr;
}
ExpertiseView .ex-lane {
    width: 1fr;
    border: round $panel-lighten-2;
}
ExpertiseView .ex-lane.-current {
    border: double $primary;
}
ExpertiseView .ex-lane.-current .column-title {
    background: $primary;
    color: $background;
}
ExpertiseView .ex-lane OptionList {
    height: 1fr;
    border: none;
    background: $surface;
}
ExpertiseView #ex-chart {
    border-top: solid $panel-lighten-2;
    border-title-color: $text;
    border-title-style: bold;
}
.-projector ExpertiseView .ex-lane {
    border: heavy $foreground 60%;
    padding: 0 1;
}
.-projector ExpertiseView .ex-lane.-current {
    border: double $primary;
}
.-projector ExpertiseView .ex-lane OptionList > .option-list--option {
    padding: 0 0 1 0;
}
.-projector ExpertiseView .ex-lane OptionList {
    background: $background;
}
.-projector ExpertiseView #ex-chart {
    border-top: heavy $primary;
}
"""
