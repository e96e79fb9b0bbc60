"""The signs pane of the job description review: a checklist of signs of a compromised JD."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label

from workshop.jd import review as jd_review
from workshop.tui.activities.job_description.noted import NotedList
from workshop.tui.widgets.jd_rows import sign_prompt


class SignsPane(NotedList):
    BINDINGS = [Binding("space", "toggle", "Present / not", id="jd.sign.toggle")]
    placeholder = "a note on this sign, then Enter · Esc: back to the list"
    label = "sign"
    list_id = "jd-signs"
    note_id = "jd-sign-note"

    def compose_top(self) -> ComposeResult:
        yield Label("Signs that a job description has been compromised. Space marks one as present; "
                    "E adds a note.", id="jd-signs-about", classes="jd-about")

    @property
    def data(self) -> jd_review.ReviewData:
        return self.view.data

    def items(self) -> list[tuple[str | None, Text]] | None:
        if self.data.current is None:
            return None
        return [(sign["key"], sign_prompt(sign, self.data.signs.get(sign["key"]))) for sign in self.data.sign_list]

    def stored_note(self, key: str) -> str:
        return self.data.signs.get(key, {}).get("note", "")

    def save(self, key: str, label: str, **changes) -> dict | None:
        record = self.data.save_sign(self.view.history, self.view.attempt, key, label, **changes)
        if record is not None:
            self.view.after_change()
        return record

    def prompt(self, key: str, record: dict) -> Text:
        sign = next(s for s in self.data.sign_list if s["key"] == key)
        return sign_prompt(sign, record)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "toggle":
            if isinstance(self.app.focused, Input):
                return False
            return True if self.data.current is not None else None
        return super().check_action(action, parameters)

    def action_toggle(self) -> None:
        key = self.key()
        if key is None:
            return
        present = not self.data.signs.get(key, {}).get("present", False)
        record = self.save(key, "mark sign", present=present)
        if record is not None:
            self.refresh_row(key, record)
