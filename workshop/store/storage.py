"""The TinyDB storage of an open workshop: atomic saves, the data kept in memory, and a look
at the file before each save in case another program changed it (elsewhere.py)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from workshop.store import elsewhere
from workshop.store.io import atomic_create_bytes, atomic_write_bytes, dumps, sweep_temp_files


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a torn file: write to a temp file in the same
    folder, fsync, `os.replace`, fsync the folder. No handle is held open between calls.

    It keeps the last data read or written in memory, because TinyDB reads the whole
    storage for every operation. If a write fails, memory must not run ahead of the disk:
    when the caller changed the cached object itself (as TinyDB's own tables do) the cache
    is dropped and the file read again; when the caller built new data beside it (as
    `Session` does) the cache, still equal to the disk, is kept.
    """

    def __init__(self, path: str | os.PathLike, create_dirs: bool = False, **_: Any):
        super().__init__()
        self.path = Path(path)
        if create_dirs:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        sweep_temp_files(self.path.parent)
        self._cache: dict[str, Any] | None = None
        self.writes = 0
        self._seen: elsewhere.Stamp | None = None  # the file as we last read or wrote it
        self.kept_aside: list[Path] = []  # versions changed by another program, kept beside

    def prime(self, data: dict[str, Any]) -> None:
        """Use data the caller already parsed and validated, sparing a second read."""
        self._cache = data
        self._seen = elsewhere.stamp(self.path)

    def read(self) -> dict[str, Any] | None:
        if self._cache is None:
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                return None
            if not raw.strip():
                return None
            self._cache = orjson.loads(raw)
            self._seen = elsewhere.stamp(self.path)
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        now = elsewhere.stamp(self.path)
        if self._seen is not None and now is not None and now != self._seen:
            # Changed by another program since we read or wrote it: keep that version first.
            kept = elsewhere.keep_aside(self.path, atomic_create_bytes,
                                        lambda: dumps(self._cache) if self._cache is not None else None)
            if kept is not None:
                self.kept_aside.append(kept)
        try:
            atomic_write_bytes(self.path, dumps(data))
        except BaseException:
            if data is self._cache:
                self._cache = None
            raise
        self._cache = data
        self._seen = elsewhere.stamp(self.path)
        self.writes += 1

    def close(self) -> None:
        self._cache = None
