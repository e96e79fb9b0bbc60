"""The writing half of a `Session`: every change to a workshop file, one atomic save per
change or per batch. `Session` (in `session`) inherits it; it holds no state of its own.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterable, Iterator

from workshop import model
from workshop.store.io import ReadOnlyError, SaveError, StoreError, describe_holder, save_error_message
from workshop.store.records import checked as _checked, copy_record as _copy_record
from workshop.store.versions import bumped


class Writes:
    """Insert, update, delete, restore, in batches or one at a time (mixed into `Session`)."""


    def _writable(self) -> None:
        if self.read_only:
            why = ""
            if self.holder and "reason" in self.holder:
                why = f" It could not be opened for writing: {self.holder['reason']}"
            elif self.holder is not None:
                why = (f" It is open in another Team Day window ({describe_holder(self.holder)}); "
                       "close it there, then open it here again.")
            raise ReadOnlyError(f"This workshop is open read-only, so changes cannot be saved.{why}")

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make many changes (insert, update, delete, restore, in any tables) and save them
        once, at the end, atomically: all of them reach the file or none do. Batches nest;
        the outermost one saves. If the save fails, or the block raises, the session is as
        it was before the batch and the error is raised."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._writable()
        before = self.db.storage.read() or {}
        self._pending, self._copied, self._depth = dict(before), set(), 1
        try:
            yield
            pending = self._pending
        except BaseException:
            self._pending, self._depth = None, 0
            self._rebuild_index()
            raise
        self._pending, self._depth = None, 0
        if not self._copied:
            return  # nothing changed: nothing to write
        try:
            self._write(pending)
        except BaseException:
            self._rebuild_index()
            raise

    def step(self, label: str = "") -> Any:
        """The same as `batch`; `History.step` takes the same call and keeps the step for undo,
        so core code that makes a change of several records accepts either."""
        return self.batch()

    def _write(self, data: dict[str, Any]) -> None:
        try:
            self.db.storage.write(data)
        except OSError as exc:
            raise SaveError(save_error_message(exc)) from None
        except TypeError as exc:  # orjson.JSONEncodeError: a value JSON cannot hold
            raise StoreError(f"Not saved: a value cannot be stored in the file ({exc}).") from None

    def _commit(self, table: str, docs: dict[str, Any]) -> None:
        """Save the whole file with `table` replaced by `docs` (inside a batch: keep it for
        the batch's one save). The data in memory is never changed in place, so if the write
        fails memory still equals the file on disk."""
        if self._pending is not None:
            self._pending[table] = docs
            self._copied.add(table)
            return
        new = dict(self._raw())
        new[table] = docs
        self._write(new)

    def _docs(self, table: str) -> dict[str, Any]:
        docs = self._raw().get(table)
        if docs is None:
            return {}
        if not isinstance(docs, dict):
            raise StoreError(f"Not saved: table '{table}' in this file is not a table of records.")
        return docs

    def _docs_to_change(self, table: str) -> dict[str, Any]:
        """A copy of `table` to change and hand to `_commit`. Inside a batch the copy is
        made once per table, so a batch of n changes costs n, not n times the table."""
        docs = self._docs(table)
        if self._pending is not None and table in self._copied:
            return docs
        return dict(docs)

    def insert(self, table: str, **fields: Any) -> dict[str, Any]:
        return self.insert_many(table, [fields])[0]

    def insert_many(self, table: str, items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """Add records in one save. A record may bring its own `id` (a new, unused one)."""
        self._writable()
        if table == "workshop":
            raise StoreError("A workshop file holds exactly one workshop record; change it with update_workshop.")
        stamp = model.now_iso()
        new: list[dict[str, Any]] = []
        batch: set[str] = set()
        for fields in items:
            record = model.defaults_for(table, fields) if table in model.TABLES else {}
            record.update(_checked(table, fields))
            rid = fields.get("id") or model.new_id()
            if not isinstance(rid, str):
                raise StoreError("Not saved: id should be text.")
            if rid in self._tables_of or rid in batch:
                raise StoreError(f"Not saved: the id {rid} is already used in this workshop.")
            batch.add(rid)
            record.update(id=rid, created_at=stamp, updated_at=stamp, versions={self.me: 1})
            new.append(record)
        if not new:
            return []
        docs = self._docs_to_change(table)
        first = self._next.get(table, 1)
        keys = [str(first + offset) for offset in range(len(new))]
        docs.update(zip(keys, new))
        self._commit(table, docs)
        index = self._index.setdefault(table, {})
        for key, record in zip(keys, new):
            index[record["id"]] = key
            self._tables_of[record["id"]] = table
        self._next[table] = first + len(new)
        return [_copy_record(r) for r in new]

    def update(self, table: str, rid: str, **changes: Any) -> dict[str, Any]:
        """Change some fields of a record and save. A change that changes nothing is not written."""
        self._writable()
        key = self._doc_key(table, rid)
        changes = _checked(table, changes)
        docs = self._docs(table)
        old = docs[key]
        if all(name in old and old[name] == value for name, value in changes.items()):
            return self.get(table, rid)  # type: ignore[return-value]
        docs = self._docs_to_change(table)
        docs[key] = {**old, **changes, "updated_at": model.now_iso(), "versions": bumped(old, self.me)}
        self._commit(table, docs)
        return self.get(table, rid)  # type: ignore[return-value]

    def update_workshop(self, **changes: Any) -> dict[str, Any]:
        return self.update("workshop", self._workshop_id(), **changes)

    def delete(self, table: str, rid: str) -> dict[str, Any]:
        """Replace the record by a tombstone; returns the record as it was (for undo)."""
        self._writable()
        if table == "workshop":
            raise StoreError("The workshop record itself cannot be deleted.")
        key = self._doc_key(table, rid)
        before = self.get(table, rid)
        docs = self._docs_to_change(table)
        docs[key] = {"id": rid, "deleted_at": model.now_iso(), "versions": bumped(docs[key], self.me)}
        self._commit(table, docs)
        return before  # type: ignore[return-value]

    def restore(self, table: str, record: dict[str, Any]) -> dict[str, Any]:
        """Bring back a deleted record as it was, with the same id, in the same place (undo of delete)."""
        self._writable()
        rid = record.get("id")
        if not isinstance(rid, str) or not rid:
            raise StoreError("Not restored: the record has no id.")
        owner = self._tables_of.get(rid)
        if owner is not None and owner != table:
            raise StoreError(f"Not restored: the id {rid} belongs to '{owner}'.")
        key = self._index.get(table, {}).get(rid)
        if table == "workshop" and key is None:
            raise StoreError("A workshop file holds exactly one workshop record.")
        docs = self._docs_to_change(table)
        # Counted on from what the file holds (the tombstone), else from what was deleted, so
        # the restored record is newer than the deletion on every copy it meets.
        counted = docs.get(key) if key is not None else record
        restored = _checked(table, record)
        restored = {**restored, "id": rid, "created_at": record.get("created_at") or model.now_iso(),
                    "updated_at": model.now_iso(), "versions": bumped(counted, self.me)}
        if not isinstance(restored["created_at"], str):
            restored["created_at"] = restored["updated_at"]
        new_key = key if key is not None else str(self._next.get(table, 1))
        docs[new_key] = restored
        self._commit(table, docs)
        if key is None:
            self._index.setdefault(table, {})[rid] = new_key
            self._tables_of[rid] = table
            self._next[table] = int(new_key) + 1
        return self.get(table, rid)  # type: ignore[return-value]

    def _doc_key(self, table: str, rid: str) -> str:
        key = self._index.get(table, {}).get(rid)
        record = self._raw().get(table, {}).get(key) if key is not None else None
        if not isinstance(record, dict) or model.is_tombstone(record):
            raise StoreError("That item is no longer there (it may have been deleted).")
        return key  # type: ignore[return-value]
