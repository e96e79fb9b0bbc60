"""The guidance's example peer duties, each marked present, missing or wanted for a draft.

A duty the group has not marked yet reads as what the wording check suggests: present when
`find_duties` finds it in the draft, missing when it does not. That suggestion is never
saved on its own: a `jd_duties` record is written only when the group marks a duty (or sends
it to the action plan), so a later edit of the draft moves the suggestion with it, and the
record says which marks the room decided. No Textual here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Iterable

from workshop import content
from workshop.jd import safe_pattern

MARKS = ("present", "missing", "wanted")
MARK_LABEL = {"present": "Present", "missing": "Missing", "wanted": "Wanted"}
# A symbol as well as the word, so a mark reads without colour.
MARK_SYMBOL = {"present": "✓", "missing": "✗", "wanted": "+"}
# What a mark means, in the words the record and the screen use.
MARK_MEANING = {
    "present": "in the draft",
    "missing": "not in the draft",
    "wanted": "the team wants it added",
}


@dataclass(frozen=True)
class DutyRow:
    """One example duty as the review shows it for one draft."""

    key: str
    title: str
    found: bool  # the wording check finds it in the draft
    record: dict[str, Any] | None  # the group's saved mark, if they gave one

    @property
    def decided(self) -> bool:
        """The group marked it (rather than the mark being the check's suggestion)."""
        return self.record is not None and self.record.get("mark") in MARKS

    @property
    def mark(self) -> str:
        if self.decided:
            return str(self.record["mark"])
        return suggested(self.found)

    @property
    def note(self) -> str:
        return " ".join(str((self.record or {}).get("note", "")).split())


def suggested(found: bool) -> str:
    """The mark a duty starts with: present when the check finds it, otherwise missing."""
    return "present" if found else "missing"


@functools.cache
def _compiled() -> tuple[tuple[str, str, tuple[re.Pattern[str], ...]], ...]:
    out = []
    for duty in content.example_duties():
        regexes = []
        for pattern in duty.get("patterns", ()):
            try:
                regexes.append(safe_pattern.safe_compile(str(pattern)))
            except safe_pattern.UnsafePattern:
                continue  # an unsafe pattern suggests nothing rather than freeze the review
        out.append((str(duty["key"]), str(duty.get("title", duty["key"])), tuple(regexes)))
    return tuple(out)


def found_in(text: str) -> list[tuple[str, str, bool]]:
    """(key, title, seems present) for each example duty, as `workshop.jd.check.find_duties`
    says it; kept here too so that the record (which must not reach the store through the
    check's template support) can make the same suggestion."""
    return [(key, title, any(r.search(text) for r in regexes)) for key, title, regexes in _compiled()]


def duties_for(records: Iterable[dict[str, Any]], jd_id: str) -> dict[str, dict[str, Any]]:
    """The saved marks of one draft, by duty key (first one wins, as after a merge)."""
    out: dict[str, dict[str, Any]] = {}
    for record in records:
        if record.get("jd_id") == jd_id:
            out.setdefault(str(record.get("duty", "")), record)
    return out


def duty_rows(text: str, saved: dict[str, dict[str, Any]]) -> list[DutyRow]:
    """Every example duty in the guidance's order, with the group's mark or the suggestion.
    A saved mark for a duty the shipped list no longer has is kept, after the others."""
    rows = [DutyRow(key, title, found, saved.get(key)) for key, title, found in found_in(text or "")]
    known = {row.key for row in rows}
    for key, record in saved.items():
        if key not in known:
            rows.append(DutyRow(key, str(record.get("title") or key), False, record))
    return rows


def titles() -> dict[str, str]:
    """Each example duty's title, by key."""
    return {str(d["key"]): str(d.get("title", d["key"])) for d in content.example_duties()}


def next_mark(row: DutyRow, mark: str) -> str | None:
    """The mark to save when `mark` is pressed on `row`: pressing the mark a duty already has
    as the group's decision gives it back to the check's suggestion (None: forget the mark)."""
    if mark not in MARKS:
        raise ValueError(f"unknown mark {mark!r}")
    if row.decided and row.mark == mark:
        return None
    return mark


def counts(rows: Iterable[DutyRow]) -> dict[str, int]:
    out = {mark: 0 for mark in MARKS}
    for row in rows:
        out[row.mark] += 1
    return out


def summary(rows: list[DutyRow]) -> str:
    """"11 duties: 5 present, 4 missing, 2 wanted · 3 marked by the group"."""
    n = counts(rows)
    decided = sum(1 for row in rows if row.decided)
    parts = ", ".join(f"{n[m]} {m}" for m in MARKS)
    return f"{len(rows)} duties: {parts} · {decided} marked by the group"


def action_fields(record: dict[str, Any]) -> tuple[str, str]:
    """(task, what) of the action a duty becomes: the change the group wants in the draft."""
    title = str(record.get("title") or record.get("duty") or "")
    mark = record.get("mark")
    if mark == "present":
        return "Job description: keep a peer duty", f"Keep “{title}” in the job description."
    return "Job description: add a peer duty", f"Add “{title}” to the job description."
