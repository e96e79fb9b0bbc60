"""Saving and loading workshop session files (format 2, docs/FORMAT.md).

One TinyDB JSON file per workshop. Every change is written at once, atomically; the file is
validated before anything is written to it; one app at a time holds a lock beside it.
No Textual here: the screens call this module and hold no persistence logic.

Changes are written by the `Writes` half (`writes`). The file-level pieces live in `io`
(errors, atomic write, storage, validation), `lock` (the lock beside the file) and `folder`
(names, summaries, delete, restore); every public name is importable from `workshop.store`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from workshop import model
from workshop.store.folder import activity_counts
from workshop.store.storage import AtomicJSONStorage
from workshop.store.io import LockedError, SaveError, StoreError, DOC_KEY, atomic_create_bytes, atomic_write_bytes, backup_path, parse_session_bytes, read_session_bytes, save_error_message
from workshop.store.lock import acquire_lock, release_lock
from workshop.store.records import checked as _checked, copy_record as _copy_record, encode as _encode, in_key_order as _in_key_order
from workshop.store.versions import copy_id
from workshop.store.writes import Writes

TABLE_NAMES = tuple(model.TABLES)


# --- the session ------------------------------------------------------------------------------


@dataclass
class Session(Writes):
    """An open workshop file. All changes go through here and are saved at once.

    Records are identified by their `id`; TinyDB's document numbers are only where a record
    sits in the file. Everything returned is a copy: change records through `update`.
    """

    path: Path
    db: TinyDB
    read_only: bool = False
    holder: dict[str, Any] | None = None  # who holds the lock, when we opened read-only
    _lock: Path | None = None
    _index: dict[str, dict[str, str]] = field(default_factory=dict)  # table -> id -> document key
    _tables_of: dict[str, str] = field(default_factory=dict)  # id -> table, tombstones included
    _next: dict[str, int] = field(default_factory=dict)  # table -> next free document number
    me: str = ""  # this copy's id in every record's `versions` (store_versions.copy_id)
    # Inside `batch`: the file's data as it will be saved, and the tables already copied.
    _pending: dict[str, Any] | None = None
    _copied: set[str] = field(default_factory=set)
    _depth: int = 0
    _closed: bool = False

    # opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False, fallback_read_only: bool = True,
             checked: tuple[bytes, dict[str, Any]] | None = None) -> "Session":
        """Open an existing workshop. If another app holds it, open read-only when
        `fallback_read_only`, else raise LockedError. `checked`: the bytes of the file and
        what `parse_session_bytes` made of them, from a check just before (the command line
        checks a file before the app starts): used only if the file still holds those bytes."""
        path = Path(path)
        raw = read_session_bytes(path)
        if checked is not None and checked[0] == raw:
            data = checked[1]
        else:
            data = parse_session_bytes(path, raw)  # a bad file is refused before any lock is taken
        holder = None
        lock = None
        if not read_only:
            try:
                lock = acquire_lock(path)
            except LockedError as exc:
                if not fallback_read_only:
                    raise
                read_only, holder = True, exc.holder
            except OSError as exc:
                # A read-only folder: we can still show the workshop.
                read_only, holder = True, {"reason": save_error_message(exc)}
        try:
            if lock is not None:
                # Another app may have saved between our read and the lock.
                again = read_session_bytes(path)
                if again != raw:
                    raw, data = again, parse_session_bytes(path, again)
            session = cls._from_data(path, data, read_only=read_only, holder=holder, lock=lock)
            if not read_only:
                session._keep_backup(raw)
                session._fill_defaults()
        except BaseException:
            if lock is not None:
                release_lock(path)
            raise
        return session

    @classmethod
    def create(cls, path: Path | str, **workshop_fields: Any) -> "Session":
        path = Path(path)
        if path.exists():
            raise StoreError(f"{path.name} already exists; choose another name.")
        if not path.parent.is_dir():
            raise StoreError(f"The folder {path.parent} does not exist.")
        stamp = model.now_iso()
        record = model.defaults_for("workshop")
        record.update(_checked("workshop", workshop_fields))
        record.update(id=model.new_id(), created_at=stamp, updated_at=stamp, versions={copy_id(path): 1})
        data = {name: {} for name in TABLE_NAMES}
        data["workshop"] = {"1": record}
        try:
            atomic_create_bytes(path, _encode(data))
        except FileExistsError:
            raise StoreError(f"{path.name} already exists; choose another name.") from None
        except OSError as exc:
            raise SaveError(save_error_message(exc)) from None
        return cls.open(path, fallback_read_only=False)

    @classmethod
    def _from_data(cls, path: Path, data: dict[str, Any], *, read_only: bool, holder, lock) -> "Session":
        for table, docs in data.items():
            if table in model.TABLES and not _in_key_order(docs):
                data[table] = dict(sorted(docs.items(), key=lambda item: int(item[0])))
        db = TinyDB(path, storage=AtomicJSONStorage)
        db.storage.prime(data)
        session = cls(path=path, db=db, read_only=read_only, holder=holder, _lock=lock, me=copy_id(path))
        session._rebuild_index()
        return session

    def _rebuild_index(self) -> None:
        data = self._raw()
        self._index, self._tables_of, self._next = {}, {}, {}
        for table, docs in data.items():
            if not isinstance(docs, dict):
                continue
            index = self._index[table] = {}
            top = 0
            for key, record in docs.items():
                if DOC_KEY.fullmatch(key):
                    top = max(top, int(key))
                if isinstance(record, dict) and isinstance(record.get("id"), str):
                    index[record["id"]] = key
                    self._tables_of.setdefault(record["id"], table)
            self._next[table] = top + 1

    def _keep_backup(self, raw: bytes) -> None:
        try:
            atomic_write_bytes(backup_path(self.path), raw)
        except OSError:
            pass  # a missing backup must not stop the day

    def _fill_defaults(self) -> None:
        """Records written by other tools may lack the optional fields; give the workshop
        record its defaults so the app can rely on them (other records are read with defaults)."""
        record = self._raw()["workshop"][self._index["workshop"][self._workshop_id()]]
        missing = {k: v for k, v in model.defaults_for("workshop").items() if k not in record}
        if missing:
            try:
                self.update_workshop(**missing)
            except SaveError:
                pass  # `records` supplies the same defaults when reading; the next save writes them

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Release the lock. Safe to call twice."""
        self._closed = True
        self.db.storage.close()
        if self._lock is not None:
            release_lock(self.path)
            self._lock = None

    def take_kept_aside(self) -> list[Path]:
        """Versions of the file that another program wrote while it was open here, each kept
        beside it (store/elsewhere.py) before a save here; told once."""
        kept, self.db.storage.kept_aside = self.db.storage.kept_aside, []
        return kept

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # reading -----------------------------------------------------------------------------

    def _raw(self) -> dict[str, Any]:
        if self._pending is not None:
            return self._pending
        return self.db.storage.read() or {}

    @property
    def writes(self) -> int:
        """How many times the file has been saved since it was opened."""
        return self.db.storage.writes

    def table_data(self, table: str) -> dict[str, Any]:
        """A table as the file holds it, tombstones included (read-only: do not change it)."""
        docs = self._raw().get(table)
        return docs if isinstance(docs, dict) else {}

    def counts(self) -> dict[str, int]:
        """Live records per activity, as the agenda shows them."""
        return activity_counts(self._raw())

    def records(self, table: str) -> list[dict[str, Any]]:
        """Live records of `table` with defaults for missing fields, as copies, oldest first."""
        docs = self._raw().get(table)
        if not isinstance(docs, dict):
            return []
        defaults = model.defaults_for(table) if table in model.TABLES else {}
        lived_default = table == "expertise"
        out = []
        for record in docs.values():
            if not isinstance(record, dict) or "deleted_at" in record:
                continue
            full = _copy_record(record, defaults)
            if lived_default and "in_record" not in record:
                full["in_record"] = record.get("source", "life") != "lived"
            out.append(full)
        return out

    def get(self, table: str, rid: str) -> dict[str, Any] | None:
        key = self._index.get(table, {}).get(rid)
        if key is None:
            return None
        record = self._raw().get(table, {}).get(key)
        if not isinstance(record, dict) or model.is_tombstone(record):
            return None
        defaults = model.defaults_for(table, record) if table in model.TABLES else {}
        return _copy_record(record, defaults)

    def workshop(self) -> dict[str, Any]:
        return self.records("workshop")[0]

    def _workshop_id(self) -> str:
        for record in self._raw()["workshop"].values():
            if isinstance(record, dict) and not model.is_tombstone(record):
                return record["id"]
        raise StoreError("This workshop file has no workshop record.")

    def count(self, table: str) -> int:
        docs = self._raw().get(table)
        if not isinstance(docs, dict):
            return 0
        return sum(1 for r in docs.values() if isinstance(r, dict) and "deleted_at" not in r)

    def snapshot(self) -> dict[str, Any]:
        """Everything live, as plain copies: safe to hand to a worker thread."""
        snap: dict[str, Any] = {"workshop": self.workshop()}
        for table in TABLE_NAMES:
            if table != "workshop":
                snap[table] = self.records(table)
        return snap
