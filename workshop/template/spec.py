"""What a template is: its limits, the checked `Template` and the error that refuses one.

Plain Python: no Textual, no TinyDB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from workshop import model
from workshop.store.io import StoreError

FORMAT = 1
MAX_BYTES = 1_000_000  # a full template is a few kilobytes; anything near this is a mistake
MAX_MINUTES = 600
# The extra prompts of one activity share a strip of at most three lines above the activity
# on an 80-column screen.
MAX_PROMPT_CHARS = 200
MAX_ENTRIES = {"dual_role": 30, "concern": 100, "wording": 200}
MAX_LISTED = 50  # templates offered from one folder

# The longest each kind of text may be: a label names a category in a narrow column, a
# title is read out to the room, a situation heads a row of the dual-role table.
LIMITS = {
    "name": 80, "role_title": 100, "situation": 300, "prompt": 300, "challenge": 2_000, "policy": 200,
    "key": 40, "label": 40, "title": 300, "gist": 500, "source": 200,
    "phrase": 100, "pattern": 300, "reason": 500, "suggestion": 300,
}
TOP_KEYS = ("format", "name", "role_title", "timeboxes", "prompts", "dual_role", "concern", "wording")
TABLE_KEYS = {
    "dual_role": (("situation",), ("prompt", "challenge", "policy")),
    "concern": (("label", "title", "gist"), ("key", "source")),
    "wording": (("phrase", "reason", "suggestion"), ("key", "pattern", "category")),
}
WHAT = {"dual_role": "dual-role situation", "concern": "concern", "wording": "wording entry"}
KEY_PREFIX = "template:"
_KEY = re.compile(r"[a-z0-9_]+")


class TemplateError(StoreError):
    """A template that cannot be used. `str()` is the message to show: the file, the line
    when one is known, and the reason."""

    def __init__(self, file: str, reason: str, line: int | None = None):
        where = f"{file}, line {line}" if line else file
        super().__init__(f"{where}: {reason}")
        self.file, self.reason, self.line = file, reason, line


# --- the template ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """A checked template. Texts are cleaned; keys of extras are stable within the template."""

    name: str
    file: str
    role_title: str | None = None
    timeboxes: dict[str, int] = field(default_factory=dict)
    prompts: dict[str, list[str]] = field(default_factory=dict)
    dual_roles: list[dict[str, Any]] = field(default_factory=list)
    concerns: list[dict[str, Any]] = field(default_factory=list)
    wording: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The copy kept in the workshop's `template` field (read by `workshop.template.customise`)."""
        return {
            "format": FORMAT, "name": self.name, "file": self.file, "role_title": self.role_title,
            "timeboxes": dict(self.timeboxes), "prompts": {k: list(v) for k, v in self.prompts.items()},
            "dual_roles": [dict(e) for e in self.dual_roles], "concerns": [_copy_entry(e) for e in self.concerns],
            "wording": [dict(e) for e in self.wording],
        }

    def summary(self) -> str:
        """One line on what the template changes, for the new-workshop screen."""
        parts = [f"role title: {self.role_title}"] if self.role_title else []
        counts = (
            (len(self.timeboxes), "timebox", "timeboxes"),
            (sum(len(p) for p in self.prompts.values()), "extra prompt", "extra prompts"),
            (len(self.dual_roles), "dual-role situation", "dual-role situations"),
            (len(self.concerns), "concern", "concerns"),
            (len(self.wording), "wording check", "wording checks"),
        )
        parts += [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
        return " · ".join(parts) or "changes nothing (every setting is optional)"

    def workshop_fields(self) -> dict[str, Any]:
        """Fields for `Session.create`: the role title and timeboxes the template sets (over
        the defaults), and the template itself."""
        fields: dict[str, Any] = {"template": self.as_json()}
        if self.role_title:
            fields["role_title"] = self.role_title
        if self.timeboxes:
            fields["timeboxes"] = {**model.DEFAULT_TIMEBOXES, **self.timeboxes}
        return fields


def _copy_entry(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, list) else v for k, v in entry.items()}


