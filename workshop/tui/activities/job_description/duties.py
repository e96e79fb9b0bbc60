"""The duties pane of the job description review: the guidance's example peer duties, each
marked present, missing or wanted for the draft in hand.

A duty starts with the wording check's suggestion (present when it finds the duty in the
draft, missing when not); the group's own mark replaces it. Pressing the mark a duty already
has from the group hands it back to the suggestion."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label

from workshop.actions import linked_action
from workshop.jd import duties as jd_duties
from workshop.jd import review as jd_review
from workshop.tui.activities.job_description.noted import NotedList
from workshop.tui.widgets.jd_rows import duty_prompt

ABOUT = "Example duties from the guidance; a draft need not have them all. Wanted: the team wants it added."


class DutiesPane(NotedList):
    BINDINGS = [
        Binding("1", "mark('present')", "Present", id="jd.duty.present"),
        Binding("2", "mark('missing')", "Missing", id="jd.duty.missing"),
        Binding("3", "mark('wanted')", "Wanted", id="jd.duty.wanted"),
        Binding("t", "send", "To action plan", id="jd.duty.send"),
    ]
    placeholder = "a note on this duty, then Enter · Esc: back to the list"
    label = "duty"
    list_id = "jd-duties"
    note_id = "jd-duty-note"

    def compose_top(self) -> ComposeResult:
        yield Label(ABOUT, id="jd-duties-about", classes="jd-about")

    @property
    def data(self) -> jd_review.ReviewData:
        return self.view.data

    def rows(self) -> list[jd_duties.DutyRow]:
        return self.data.duty_rows()

    def row(self, key: str | None) -> jd_duties.DutyRow | None:
        return next((r for r in self.rows() if r.key == key), None) if key else None

    def items(self) -> list[tuple[str | None, Text]] | None:
        if self.data.current is None:
            return None
        return [(row.key, self._prompt(row)) for row in self.rows()]

    def _prompt(self, row: jd_duties.DutyRow) -> Text:
        sent = row.record is not None and row.record.get("id") in self.data.sent
        return duty_prompt(row, sent)

    def stored_note(self, key: str) -> str:
        return self.data.duties.get(key, {}).get("note", "")

    def save(self, key: str, label: str, **changes) -> dict | None:
        row = self.row(key)
        if row is None:
            return None
        record = self.data.save_duty(self.view.history, self.view.attempt, row, label, **changes)
        if record is not None:
            self.view.after_change()
        return record

    def prompt(self, key: str, record: dict) -> Text:
        row = self.row(key)
        return self._prompt(row) if row is not None else Text(key)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("mark", "send"):
            if isinstance(self.app.focused, Input):
                return False
            return True if self.data.current is not None else None
        return super().check_action(action, parameters)

    def action_mark(self, mark: str) -> None:
        row = self.row(self.key())
        if row is None:
            self.app.notify("No duty selected.", timeout=2, markup=False)
            return
        new = jd_duties.next_mark(row, mark)
        label = f"mark duty {mark}" if new else "back to the check's suggestion"
        record = self.save(row.key, label, mark=new)
        if record is not None:
            self.refresh_row(row.key, record)

    def action_send(self) -> None:
        """Send a duty to the action plan, once; a suggested mark is saved on the way, so the
        action's link back names a record."""
        row = self.row(self.key())
        if row is None:
            self.app.notify("No duty selected.", timeout=2, markup=False)
            return
        view = self.view
        if row.record is not None and linked_action(view.history, "jd_duties", row.record) is not None:
            self.app.notify("This duty is already in the action plan (activity 6).", timeout=3, markup=False)
            return
        with view.history.step("send to action plan"):
            record = row.record
            if record is None or not row.decided:
                record = self.data.save_duty(view.history, view.attempt, row, "mark duty", mark=row.mark)
                if record is None:
                    return
            view.send("jd_duties", record)
        view.after_change(redraw=True)
