"""The criteria pane of the job description review: rate each criterion and add a note."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Label

from workshop.jd import review as jd_review
from workshop.tui.activities.job_description.noted import NotedList
from workshop.tui.widgets.jd_rows import criterion_prompt, group_header


class CriteriaPane(NotedList):
    """HEAR ME values, the four components, the JD principles and the person specification,
    each rated met / partly / not met / not discussed, with a note."""

    BINDINGS = [
        Binding("1", "rate('met')", "Met", id="jd.rate.met"),
        Binding("2", "rate('partly')", "Partly", id="jd.rate.partly"),
        Binding("3", "rate('not_met')", "Not met", id="jd.rate.not_met"),
        Binding("4", "rate('not_discussed')", "Not discussed", id="jd.rate.not_discussed"),
        Binding("t", "send", "To action plan", id="jd.criterion.send"),
    ]
    placeholder = "a note on this criterion, then Enter · Esc: back to the list"
    label = "criterion"
    list_id = "jd-criteria"
    note_id = "jd-criterion-note"

    def compose_top(self) -> ComposeResult:
        yield Label("", id="jd-criterion-about", classes="jd-about")

    @property
    def data(self) -> jd_review.ReviewData:
        return self.view.data

    def items(self) -> list[tuple[str | None, Text]] | None:
        if self.data.current is None:
            return None
        rows: list[tuple[str | None, Text]] = []
        group = None
        for item in self.data.criteria:
            if item.group != group:
                group = item.group
                rows.append((None, group_header(item.group_title)))
            rows.append((item.key, criterion_prompt(item, self.data.checks.get(item.key))))
        return rows

    def criterion(self, key: str | None) -> jd_review.Criterion | None:
        return next((c for c in self.data.criteria if c.key == key), None)

    def stored_note(self, key: str) -> str:
        return self.data.checks.get(key, {}).get("note", "")

    def save(self, key: str, label: str, **changes) -> dict | None:
        record = self.data.save_check(self.view.history, self.view.attempt, key, label, **changes)
        if record is not None:
            self.view.after_change()
        return record

    def prompt(self, key: str, record: dict) -> Text:
        return criterion_prompt(self.criterion(key), record)

    def highlighted_changed(self, key: str | None) -> None:
        item = self.criterion(key)
        self.query_one("#jd-criterion-about", Label).update(Content(f"{item.title}: {item.description}" if item else ""))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("rate", "send"):
            if isinstance(self.app.focused, Input):
                return False
            return True if self.data.current is not None else None
        return super().check_action(action, parameters)

    def action_rate(self, status: str) -> None:
        key = self.key()
        if self.criterion(key) is None:
            self.app.notify("No criterion selected.", timeout=2, markup=False)
            return
        record = self.save(key, "rate criterion", status=status)
        if record is not None:
            self.refresh_row(key, record)

    def action_send(self) -> None:
        item = self.criterion(self.key())
        record = self.data.checks.get(item.key) if item else None
        if item is None or record is None:
            self.app.notify("Rate this criterion first (1-4), then send it to the action plan.", timeout=3,
                            markup=False)
            return
        what = record.get("note") or f"Rated {jd_review.STATUS_LABEL[record['status']].lower()}."
        self.view.send("jd_checks", record, task=f"Job description: {item.title}", what=what)
