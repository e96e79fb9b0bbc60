"""What participants sent, waiting for the facilitator to accept, edit or decline it.

Nothing about the sender is kept: a submission holds the activity, the choice made on the
form, the words, and the minute it arrived (no seconds, no address, no device). Accepted
items become ordinary records, marked `from_room`, through the same History as typed ones."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any, Callable

from workshop import content, model

ROOM_ACTIVITIES = ("hopes_fears", "expertise", "concerns")
LIVED = "lived"
MAX_PENDING = 200  # past this, phones are told to wait: a flood cannot bury the facilitator
MAX_WORDS = 2_000  # one card's worth; a phone has no reason to send a whole document


class QueueFull(Exception):
    """The facilitator has too many submissions waiting."""


@dataclass(frozen=True)
class Submission:
    number: int
    activity: str
    choice: str
    text: str
    minute: str  # "HH:MM" UTC: when, to the minute and no closer

    @property
    def private(self) -> bool:
        """Personal experience of distress: never drawn in projector mode."""
        return self.activity == "expertise" and self.choice == LIVED


def choices(activity: str) -> list[tuple[str, str]]:
    """The (key, label) options the form offers for an activity, the default first."""
    if activity == "hopes_fears":
        block = _block(activity)
        return [(c["key"], c["label"]) for c in block["choice"]]
    if activity == "expertise":
        return [(s["key"], s["title"]) for s in content.expertise_sources()]
    if activity == "concerns":
        none = _block(activity)["none_label"]
        return [("", none)] + [(c["key"], c["label"]) for c in content.concern_categories()]
    return []


def _block(activity: str) -> dict[str, Any]:
    return next(a for a in content.room_page()["activity"] if a["key"] == activity)


def clean_submission(activity: str, choice: str, text: str) -> tuple[str, str] | None:
    """The choice and words as they may be kept, or None if the form was not a real one.
    Words are cleaned as typed words are (model.clean_text), then trimmed."""
    if activity not in ROOM_ACTIVITIES:
        return None
    keys = {key for key, _label in choices(activity)}
    if choice not in keys:
        return None
    words = model.clean_text(text, limit=MAX_WORDS).strip()
    return (choice, words) if words else None


def record_for(sub: Submission) -> tuple[str, dict[str, Any]]:
    """The table and fields of the record an accepted submission becomes: the fields a typed
    item of that activity gets, no name or role, and `from_room` (docs/FORMAT.md)."""
    if sub.activity == "hopes_fears":
        return "hopes_fears", {"kind": sub.choice, "text": sub.text, "from_room": True}
    if sub.activity == "expertise":
        fields: dict[str, Any] = {"source": sub.choice, "text": sub.text, "from_room": True}
        if sub.choice == LIVED:
            fields["in_record"] = False  # private, as the lane keeps every entry until shared
        return "expertise", fields
    return "concerns", {"text": sub.text, "status": "open", "raised_by_role": None,
                        "category": sub.choice or None, "from_room": True}


def _minute() -> str:
    return datetime.now(timezone.utc).strftime("%H:%M")


class RoomQueue:
    """Submissions in the order they arrived. `on_change` is called after every change so
    the screen showing the queue can redraw (it must not touch widgets itself)."""

    def __init__(self, limit: int = MAX_PENDING, clock: Callable[[], str] = _minute) -> None:
        self.limit = limit
        self._clock = clock
        self._numbers = itertools.count(1)
        self._pending: list[Submission] = []
        self.auto_accept = False
        self.received = 0  # since the room opened: shown to the facilitator, never stored

    def __len__(self) -> int:
        return len(self._pending)

    @property
    def pending(self) -> list[Submission]:
        return list(self._pending)

    def add(self, activity: str, choice: str, text: str) -> Submission:
        """Queue cleaned words (see clean_submission). Raises QueueFull past the limit."""
        if len(self._pending) >= self.limit:
            raise QueueFull()
        sub = Submission(next(self._numbers), activity, choice, text, self._clock())
        self._pending.append(sub)
        self.received += 1
        return sub

    def get(self, number: int) -> Submission | None:
        return next((s for s in self._pending if s.number == number), None)

    def take(self, number: int) -> Submission | None:
        """Remove a submission from the queue (accepted or declined) and return it."""
        sub = self.get(number)
        if sub is not None:
            self._pending.remove(sub)
        return sub

    def put_back(self, sub: Submission) -> None:
        """A submission whose save failed goes back where it was, in arrival order."""
        self._pending.append(sub)
        self._pending.sort(key=lambda s: s.number)

    def edit(self, number: int, text: str, choice: str | None = None) -> Submission | None:
        sub = self.get(number)
        if sub is None:
            return None
        cleaned = clean_submission(sub.activity, sub.choice if choice is None else choice, text)
        if cleaned is None:
            return None
        new = replace(sub, choice=cleaned[0], text=cleaned[1])
        self._pending[self._pending.index(sub)] = new
        return new

    def clear(self) -> int:
        """Forget everything waiting (the room closed without the facilitator accepting)."""
        n, self._pending = len(self._pending), []
        return n
