"""Edit every field of one action in the plan."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Label

from workshop import action_plan_seed as seed
from workshop import content, model
from workshop.tui.screens.concern_edit import FieldProblem, FormScreen


class EditActionScreen(FormScreen):
    """Stage, task, what needs to be done, who is responsible, by when, outcome.
    Where the action came from (`source`) is shown, not edited: the link stays."""

    title_text = "Edit this task"

    def __init__(self, record: dict, origin: str = "", base: dict | None = None) -> None:
        super().__init__(record, base)
        self.origin = origin

    def fields(self) -> ComposeResult:
        record = self.record
        task, what, who, when, outcome = content.taking_stock_columns()
        stages = [(s["title"], s["key"]) for s in seed.stages()]
        yield self.row("Stage", self.choice(stages, record.get("stage") or "preparation", "ap-stage", "Stage"))
        yield self.row(task, self.line(record.get("task"), "ap-task"))
        yield self.row(what, self.area(record.get("what"), "ap-what"))
        yield self.row(who, self.line(record.get("who"), "ap-who", "a named person or role, not \"the team\""))
        yield self.row(when, self.line(record.get("by_when"), "ap-when", "YYYY-MM-DD, or empty"))
        yield self.row(outcome, self.area(record.get("outcome"), "ap-outcome", short=True))
        if self.origin:
            yield Label(Text(f"↳ {self.origin}"), classes="form-hint", id="ap-origin")

    def collect(self) -> dict[str, Any]:
        task = model.clean_line(self.text("ap-task"))
        if not task:
            raise FieldProblem("ap-task", "the task needs a name; use Delete to remove the row.")
        return {
            "stage": self.selected("ap-stage") or self.record.get("stage") or "preparation",
            "task": task,
            "what": model.clean_text(self.text("ap-what")).strip(),
            "who": model.clean_line(self.text("ap-who")),
            "by_when": self.date("ap-when", "By when"),
            "outcome": model.clean_text(self.text("ap-outcome")).strip(),
        }
