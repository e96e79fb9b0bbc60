"""Undo and redo for changes made through a Session.

Each step remembers the records before and after, so undo and redo are plain store calls
and survive the same saving rules as any other change. No Textual here.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

from workshop.store import Session

Record = dict[str, Any]


@dataclass
class Step:
    label: str
    changes: list[tuple[str, Record | None, Record | None]] = field(default_factory=list)


class History:
    """Wraps a Session; every change made through it can be undone (the last `limit` steps)."""

    def __init__(self, session: Session, limit: int = 50):
        self.session = session
        self.limit = limit
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._open: Step | None = None

    # recording -------------------------------------------------------------------------

    @contextmanager
    def step(self, label: str) -> Iterator[None]:
        """Group several changes into one undoable step."""
        if self._open is not None:
            yield
            return
        self._open = Step(label)
        try:
            yield
        finally:
            done, self._open = self._open, None
            if done.changes:
                self._push(done)

    def _record(self, label: str, table: str, before: Record | None, after: Record | None) -> None:
        if self._open is not None:
            self._open.changes.append((table, before, after))
        else:
            self._push(Step(label, [(table, before, after)]))

    def _push(self, step: Step) -> None:
        self._undo.append(step)
        del self._undo[: -self.limit]
        self._redo.clear()

    # changes ---------------------------------------------------------------------------

    def insert(self, table: str, label: str = "add", **fields: Any) -> Record:
        record = self.session.insert(table, **fields)
        self._record(label, table, None, record)
        return record

    def insert_many(self, table: str, items: list[dict[str, Any]], label: str = "add") -> list[Record]:
        """Add several records in one save and one undoable step."""
        records = self.session.insert_many(table, items)
        with self.step(label):
            for record in records:
                self._record(label, table, None, record)
        return records

    def update(self, table: str, rid: str, label: str = "edit", **changes: Any) -> Record:
        before = self.session.get(table, rid)
        after = self.session.update(table, rid, **changes)
        if before != after:
            self._record(label, table, before, after)
        return after

    def delete(self, table: str, rid: str, label: str = "delete") -> Record:
        before = self.session.delete(table, rid)
        self._record(label, table, before, None)
        return before

    # going back and forth ------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> Step | None:
        if not self._undo:
            return None
        step = self._undo[-1]
        for table, before, after in reversed(step.changes):
            self._apply(table, after, before)
        self._undo.pop()
        self._redo.append(step)
        return step

    def redo(self) -> Step | None:
        if not self._redo:
            return None
        step = self._redo[-1]
        for table, before, after in step.changes:
            self._apply(table, before, after)
        self._redo.pop()
        self._undo.append(step)
        return step

    def _apply(self, table: str, current: Record | None, target: Record | None) -> None:
        """Move one record from `current` to `target` (None meaning absent)."""
        if target is None:
            if current is not None and self.session.get(table, current["id"]) is not None:
                self.session.delete(table, current["id"])
        elif current is None or self.session.get(table, target["id"]) is None:
            self.session.restore(table, target)
        else:
            live = self.session.get(table, target["id"]) or {}
            if set(live) - set(target):
                # The change added fields (ones this version does not know, say): an update
                # cannot take a field away, so put the whole record back as it was.
                self.session.restore(table, target)
                return
            fields = {k: v for k, v in target.items() if k not in ("id", "created_at", "updated_at")}
            self.session.update(table, target["id"], **fields)
