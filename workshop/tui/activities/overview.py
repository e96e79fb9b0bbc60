"""An activity shown through its facilitator guide and discussion notes alone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Markdown

from workshop import content
from workshop.export.mdparse import make_parser
from workshop.tui.activities.base import ActivityView


class OverviewView(ActivityView):
    """For an activity without a view of its own: its purpose and prompts, with notes on ctrl+o."""

    def compose(self) -> ComposeResult:
        activity = content.activity(self.activity)
        yield Label(f"{activity.title}: {activity.summary}", classes="column-title")
        with VerticalScroll(can_focus=True, id=f"overview-{self.activity}"):
            yield Markdown(content.guide(self.activity), parser_factory=make_parser)
        yield Label("Ctrl+O opens the discussion notes for this activity.", classes="status-line")

    def focus_entry(self) -> None:
        self.query_one(VerticalScroll).focus()
