"""The record's one sentence about the room: how many of its entries participants sent
from their own phones (records marked `from_room`). Only entries the record shows are
counted, and never personal experience: a count of those would say how many spoke of it."""

from __future__ import annotations

from .blocks import Para
from .privacy import LIVED
from .sections import plural


def room_line(hopes_fears: list[dict], expertise: list[dict], concerns: list[dict]) -> list[Para]:
    rows = [*hopes_fears, *(r for r in expertise if r.get("source") != LIVED), *concerns]
    n = sum(1 for r in rows if r.get("from_room") is True)
    if not n:
        return []
    return [Para(f"{plural(n, 'entry', 'entries')} in this record came from the room: participants "
                 "sent them from their own phones, without their names, and the facilitator accepted them.",
                 "note")]
