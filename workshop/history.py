"""The one way the app changes a workshop: steps that can be undone, each saved once.

Every change made in the app (an activity, notes, a dialog, a merge decision, a follow-up
review) goes through a `History`. A step remembers the records before and after, so undo and
redo are plain store calls under the same saving rules as any other change; a step, its undo
and its redo are each one `Session.batch`: one atomic save however many records they touch,
and all or nothing. No Textual here.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

from workshop.store import Session, StoreError  # noqa: F401 - the error every change may raise

Record = dict[str, Any]
_META = frozenset({"id", "created_at", "updated_at"})
_ABSENT = object()


@dataclass
class Step:
    label: str
    changes: list[tuple[str, Record | None, Record | None]] = field(default_factory=list)
    # Changes with the same key made one after another join this step (typing in a box).
    coalesce: str | None = None


class History:
    """Wraps a Session; every change made through it can be undone (the last `limit` steps)."""

    def __init__(self, session: Session, limit: int = 50):
        self.session = session
        self.limit = limit
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._open: Step | None = None
        self._quiet = 0

    # recording -------------------------------------------------------------------------

    @contextmanager
    def step(self, label: str) -> Iterator[None]:
        """Group several changes into one undoable step and one save. If the save fails
        nothing of the step is kept, in the file or in the history."""
        if self._open is not None:
            yield
            return
        self._open = Step(label)
        try:
            with self.session.batch():
                yield
        except BaseException:
            self._open = None
            raise
        done, self._open = self._open, None
        if done.changes:
            self._push(done)

    @contextmanager
    def unrecorded(self) -> Iterator[None]:
        """Changes the app makes by itself (starting rows, where the facilitator is): saved
        like any change, in one batch, but not steps to undo, since nobody made them."""
        self._quiet += 1
        try:
            with self.session.batch():
                yield
        finally:
            self._quiet -= 1

    def _record(self, label: str, table: str, before: Record | None, after: Record | None,
                coalesce: str | None = None) -> None:
        if self._quiet:
            return
        if self._open is not None:
            self._open.changes.append((table, before, after))
            return
        top = self._undo[-1] if self._undo else None
        if coalesce and top is not None and top.coalesce == coalesce and not self._redo:
            rid = (after or before or {}).get("id")
            for n, (t, first, last) in enumerate(top.changes):
                if t == table and (last or first or {}).get("id") == rid:
                    top.changes[n] = (t, first, after)
                    return
        self._push(Step(label, [(table, before, after)], coalesce))

    # reading (so a caller holding the history needs nothing else) --------------------------

    @property
    def read_only(self) -> bool:
        return self.session.read_only

    def get(self, table: str, rid: str) -> Record | None:
        return self.session.get(table, rid)

    def records(self, table: str) -> list[Record]:
        return self.session.records(table)

    def workshop(self) -> Record:
        return self.session.workshop()

    def _push(self, step: Step) -> None:
        self._undo.append(step)
        del self._undo[: -self.limit]
        self._redo.clear()

    # changes ---------------------------------------------------------------------------

    def insert(self, table: str, label: str = "add", *, coalesce: str | None = None, **fields: Any) -> Record:
        record = self.session.insert(table, **fields)
        self._record(label, table, None, record, coalesce)
        return record

    def insert_many(self, table: str, items: list[dict[str, Any]], label: str = "add") -> list[Record]:
        """Add several records in one save and one undoable step."""
        with self.step(label):
            records = self.session.insert_many(table, items)
            for record in records:
                self._record(label, table, None, record)
        return records

    def update(self, table: str, rid: str, label: str = "edit", *, coalesce: str | None = None,
               **changes: Any) -> Record:
        before = self.session.get(table, rid)
        after = self.session.update(table, rid, **changes)
        if before != after:
            self._record(label, table, before, after, coalesce)
        return after

    def remember(self, **changes: Any) -> None:
        """Keep where the facilitator is (the current activity, say) in the workshop record:
        saved like any change, but not an undo step, since moving around is not an edit."""
        with self.unrecorded():
            self.update_workshop(**changes)

    def update_workshop(self, label: str = "edit the workshop details", **changes: Any) -> Record:
        return self.update("workshop", self.session.workshop()["id"], label, **changes)

    def delete(self, table: str, rid: str, label: str = "delete") -> Record:
        before = self.session.delete(table, rid)
        self._record(label, table, before, None)
        return before

    def restore(self, table: str, record: Record, label: str = "bring back") -> Record:
        before = self.session.get(table, record["id"])
        after = self.session.restore(table, record)
        self._record(label, table, before, after)
        return after

    def delete_many(self, table: str, rids: list[str], label: str = "delete") -> list[Record]:
        with self.step(label):
            return [self.delete(table, rid, label) for rid in rids]

    def update_many(self, table: str, changes: dict[str, dict[str, Any]], label: str = "edit") -> list[Record]:
        """`changes` maps record ids to the fields to set on each: one step, one save."""
        with self.step(label):
            return [self.update(table, rid, label, **fields) for rid, fields in changes.items()]

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
        with self.session.batch():
            for table, before, after in reversed(step.changes):
                self._apply(table, after, before)
        self._undo.pop()
        self._redo.append(step)
        return step

    def redo(self) -> Step | None:
        if not self._redo:
            return None
        step = self._redo[-1]
        with self.session.batch():
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
            # Only the fields this step changed go back: a later change to another field of
            # the same record (a merge decision, where the facilitator is) stays as it is.
            changed = {k for k in set(current) | set(target)
                       if k not in _META and current.get(k, _ABSENT) != target.get(k, _ABSENT)}
            gone = {k for k in changed if k not in target}
            if gone:
                # The step added fields (ones this version does not know, say): an update
                # cannot take a field away, so put the record back without them.
                live = self.session.get(table, target["id"]) or {}
                back = {k: v for k, v in live.items() if k not in gone}
                back.update({k: target[k] for k in changed if k in target})
                self.session.restore(table, back)
                return
            if changed:
                self.session.update(table, target["id"], **{k: target[k] for k in changed})
