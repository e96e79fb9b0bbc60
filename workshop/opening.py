"""The opening's answers: the motivation questions and the team's vision statement.

Each answer is a `notes` record of the `opening` activity (format 2, docs/FORMAT.md):
`kind` "vision" for the vision statement, `kind` "motivation" with `question` (a box key
from opening.toml) for an answer to a motivation question. They are saved like every other
note, through the history: the saves made while one box is typed (one after each pause)
join one undo step. No Textual here; the record, the follow-up and the app all read them
through this module.
"""

from __future__ import annotations

from typing import Any

from workshop import content

ACTIVITY = "opening"
VISION, MOTIVATION = "vision", "motivation"


def boxes() -> list[dict[str, Any]]:
    """Every box of the opening, in page order: key, kind, label, hint."""
    return [box for page in content.opening()["pages"] for box in page.get("box", [])]


def find_answer(records: list[dict[str, Any]], box: dict[str, Any]) -> dict[str, Any] | None:
    for note in records:
        if note.get("activity") != ACTIVITY or note.get("kind") != box["kind"]:
            continue
        if box["kind"] == VISION or note.get("question") == box["key"]:
            return note
    return None


def answers(records: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str]]:
    """Each box with what was written in it ("" when nothing), in page order."""
    out = []
    for box in boxes():
        note = find_answer(records, box)
        out.append((box, (note or {}).get("text") or ""))
    return out


def vision_of(records: list[dict[str, Any]]) -> str:
    note = next((n for n in records if n.get("activity") == ACTIVITY and n.get("kind") == VISION), None)
    return (note or {}).get("text") or ""


def save_answer(changes: Any, box: dict[str, Any], text: str) -> dict[str, Any] | None:
    """Save `text` as the answer in `box` through `changes` (a History). Returns the note,
    or None when nothing needed saving."""
    label = "edit the vision statement" if box["kind"] == VISION else "edit an answer on why we are doing this"
    key = f"note:{ACTIVITY}:{box['kind']}:{box['key']}"
    note = find_answer(changes.records("notes"), box)
    if note is None:
        if not text:
            return None
        question = None if box["kind"] == VISION else box["key"]
        return changes.insert("notes", label, coalesce=key, activity=ACTIVITY, kind=box["kind"],
                              question=question, text=text)
    if note["text"] == text:
        return None
    return changes.update("notes", note["id"], label, coalesce=key, text=text)


def carried_notes(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """New notes for a follow-up: the earlier day's vision and motivation answers, as they
    were written (the follow-up's opening shows them, and its record opens with them)."""
    out = []
    for note in records:
        if note.get("activity") == ACTIVITY and note.get("kind") in (VISION, MOTIVATION) and note.get("text"):
            out.append({"activity": ACTIVITY, "kind": note["kind"], "question": note.get("question"),
                        "text": note["text"]})
    return out
