"""Free-text notes kept per activity (`notes` records): the discussion notes, and the
expertise activity's "gaps a peer worker could fill". No Textual here.

Saving a note goes through the history like any other change. Saves made while the same
note is typed (one after each pause) join one undo step, so Ctrl+Z outside the box takes
back the whole spell of typing, not the last word.
"""

from __future__ import annotations

from typing import Any

DISCUSSION, GAPS = "discussion", "gaps"


def find_note(records: list[dict[str, Any]], activity: str, kind: str = DISCUSSION) -> dict[str, Any] | None:
    for note in records:
        if note.get("activity") == activity and note.get("kind", DISCUSSION) == kind:
            return note
    return None


def save_note(changes: Any, activity: str, kind: str, text: str) -> dict[str, Any] | None:
    """Save `text` as the note of `activity` and `kind` through `changes` (a History).
    Returns the note, or None when nothing needed saving."""
    label = "edit the gaps note" if kind == GAPS else "edit the discussion notes"
    key = f"note:{activity}:{kind}"
    note = find_note(changes.records("notes"), activity, kind)
    if note is None:
        if not text:
            return None
        return changes.insert("notes", label, coalesce=key, activity=activity, kind=kind, text=text)
    if note["text"] == text:
        return None
    return changes.update("notes", note["id"], label, coalesce=key, text=text)
