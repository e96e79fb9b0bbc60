"""The file side of the store: errors, atomic writes, the TinyDB storage, reading and
validating a session file. `workshop.store` re-exports every public name here; import
them from there.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Any

import orjson

from workshop import atomic, model, platform
from workshop.atomic import pid_alive  # noqa: F401 - re-exported
from workshop.fields import deeper_than

_TMP_PREFIX = ".tmp-"
_TMP_NAME = re.compile(re.escape(_TMP_PREFIX) + r"(\d+)-")
DOC_KEY = re.compile(r"[0-9]{1,18}")
_TMP_STALE_AFTER = 3600.0  # seconds
# A busy day's file is about 1 MB; every field at its longest would still be far below this.
MAX_FILE_BYTES = 512 * 1024 * 1024


# --- errors, in words a facilitator understands ----------------------------------------


class StoreError(Exception):
    """Anything that stops a session being opened or saved. `str()` is the message to show."""


class SessionFileError(StoreError):
    """The file is not a workshop we can read. Nothing has been written to it."""

    def __init__(self, path: Path, reason: str, *, table: str | None = None,
                 record: str | None = None, field_name: str | None = None):
        where = ""
        if table:
            where = f" in table '{table}'"
            if record:
                where += f", record {record}"
            if field_name:
                where += f", field '{field_name}'"
        super().__init__(f"{path.name} cannot be opened{where}: {reason}. The file has not been changed.")
        self.path, self.reason, self.table, self.record, self.field = path, reason, table, record, field_name


class NewerFormatError(SessionFileError):
    """Written by a newer version of the app; refused, never rewritten."""


class LockedError(StoreError):
    def __init__(self, path: Path, holder: dict[str, Any]):
        self.path, self.holder = path, holder
        super().__init__(f"{path.name} is open in another Team Day window ({describe_holder(holder)}).")


class ReadOnlyError(StoreError):
    pass


class SaveError(StoreError):
    """A write failed; the file on disk still holds the last saved state."""


def describe_holder(holder: dict[str, Any]) -> str:
    who = holder.get("user") or "someone"
    host = holder.get("host") or "another computer"
    since = holder.get("since", "")
    when = f" since {since[11:16]} UTC" if isinstance(since, str) and len(since) >= 16 else ""
    return f"{who} on {host}{when}"


def save_error_message(exc: OSError) -> str:
    if (special := platform.explain_refusal(exc)) is not None:  # a file held open, a path too long
        return f"Not saved: {special}. Everything saved before is safe."
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the folder is read-only",
        errno.EACCES: "this account may not write to the folder",
        errno.EPERM: "this account may not write to the folder",
        errno.ENOENT: "the folder no longer exists",
    }
    reason = reasons.get(exc.errno, exc.strerror or "the system refused the write")
    if exc.errno == errno.ENOENT:
        # The folder went (a USB stick pulled out, a synced folder moved): the file went with
        # it, so "everything saved before is safe" would be untrue. The open window still
        # holds everything, and the next change after the folder is back saves all of it.
        return (f"Not saved: {reason}. This window still holds everything; put the folder back "
                "(or plug the drive in again), then make a change to save it all.")
    return f"Not saved: {reason}. Everything saved before is safe; free space or fix the folder, then try again."


# --- atomic writes ------------------------------------------------------------------------


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write `data` to `path` so that a kill at any instant leaves the old or the new file."""
    atomic.write_file(path, data, prefix=_TMP_PREFIX, mode=mode)


def atomic_create_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Like `atomic_write_bytes`, but never replaces an existing file (FileExistsError)."""
    atomic.write_file(path, data, prefix=_TMP_PREFIX, mode=mode, replace=False)


fsync_dir = atomic.fsync_dir
_unlink_quietly = atomic.unlink_quietly


def sweep_temp_files(folder: Path) -> int:
    """Remove temporary saves left by writers that died; returns how many."""
    return atomic.sweep_temp_files(folder, _TMP_NAME, _TMP_STALE_AFTER)


def dumps(data: Any) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)


# --- files beside the session -------------------------------------------------------------------


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


# --- reading and validating -----------------------------------------------------------------


def parse_session_bytes(path: Path, raw: bytes) -> dict[str, Any]:
    """Parse and validate a session file's bytes; raise SessionFileError naming what is wrong."""
    if not raw.strip():
        raise SessionFileError(path, "the file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise SessionFileError(
            path, f"it is not readable JSON ({exc.msg} at character {exc.pos}); it may have been cut short"
        ) from None
    if not _is_own_save(data, raw):
        _check_names_once(path, raw)
    validate_session(path, data)
    return data


def _is_own_save(data: Any, raw: bytes) -> bool:
    """True if `raw` is exactly what saving `data` writes. Then no name can appear twice in
    an object (each name of a dict is written once), and the slow check for that, most of
    the time it takes to read a large file, is not needed. Hand-edited files still get it."""
    try:
        return dumps(data) == raw
    except TypeError:  # orjson.JSONEncodeError: then it is certainly not our own save
        return False


class _Twice:
    """Where a name appears twice in one JSON object: [table, record number, field, ...]."""

    __slots__ = ("where",)

    def __init__(self, where: list[str]):
        self.where = where


_ONCE = object()


def _each_name_once(pairs: list[tuple[str, Any]]) -> Any:
    seen = set()
    for key, value in pairs:
        if key in seen:
            return _Twice([key])
        seen.add(key)
        if type(value) is _Twice:
            return _Twice([key, *value.where])
        if type(value) is list:
            inner = next((v for v in value if type(v) is _Twice), None)
            if inner is not None:
                return _Twice([key, *inner.where])
    return _ONCE


def _check_names_once(path: Path, raw: bytes) -> None:
    """A name twice in one object (two records numbered 3, a field given twice, a table
    pasted twice when copies were merged by hand) is read as the last one only: saving would
    then lose the other for good. Refused, naming where. (The fast JSON reader cannot tell;
    the standard one, with a hook, can, at about 10 ms per MB.)"""
    import json

    try:
        found = json.loads(raw, object_pairs_hook=_each_name_once)
    except (ValueError, RecursionError):
        return  # orjson read it; anything else is not this check's business
    if type(found) is not _Twice:
        return
    where = found.where
    if len(where) == 1:
        raise SessionFileError(path, f"table '{where[0]}' appears twice in the file; one copy would be lost")
    if len(where) == 2:
        raise SessionFileError(path, f"record number {where[1]} appears twice in it; one of the two would be lost",
                               table=where[0])
    raise SessionFileError(path, f"'{where[-1]}' is given twice; one of the two values would be lost",
                           table=where[0], record=f"#{where[1]}", field_name=where[2])


def validate_session(path: Path, data: Any) -> None:
    if not isinstance(data, dict):
        raise SessionFileError(path, "it is not a workshop file (no tables found)")
    workshop_table = data.get("workshop")
    if not isinstance(workshop_table, dict):
        raise SessionFileError(path, "it has no workshop details (table 'workshop' is missing)")
    live = [r for r in workshop_table.values() if isinstance(r, dict) and not model.is_tombstone(r)]
    if len(live) != 1:
        raise SessionFileError(path, f"it should hold exactly one workshop, not {len(live)}", table="workshop")
    version = live[0].get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > model.SCHEMA_VERSION:
        raise NewerFormatError(
            path,
            f"it was saved by a newer version of Team Day (format {version}; this one reads up to "
            f"{model.SCHEMA_VERSION}). Please update Team Day to open it",
        )
    from workshop.store.migrate import read_as_current  # it needs this module's errors

    read_as_current(path, data, live[0], version)
    seen: dict[str, str] = {}
    for table, docs in data.items():
        if table not in model.TABLES:
            # Unknown tables are kept as they are, if they could be written back.
            if model.nesting(docs) > model.MAX_DEPTH - 1:
                raise SessionFileError(path, f"it is nested more than {model.MAX_DEPTH} levels deep", table=table)
            continue
        if not isinstance(docs, dict):
            raise SessionFileError(path, "it should map record numbers to records", table=table)
        for doc_id, record in docs.items():
            if not DOC_KEY.fullmatch(doc_id):
                raise SessionFileError(path, f"record number '{doc_id}' is not a number", table=table)
            rid = record.get("id") if isinstance(record, dict) else None
            if not isinstance(rid, str):
                rid = None
            if isinstance(record, dict):
                for name, value in record.items():
                    if isinstance(value, (list, dict)) and deeper_than(value, model.MAX_DEPTH - 3):
                        raise SessionFileError(path, f"its value is nested more than {model.MAX_DEPTH} levels deep",
                                               table=table, record=rid or f"#{doc_id}", field_name=name)
            try:
                model.validate_record(table, record)
            except model.FieldError as exc:
                raise SessionFileError(path, exc.reason, table=table, record=rid or f"#{doc_id}",
                                       field_name=exc.field) from None
            if rid in seen:
                raise SessionFileError(path, f"the id is used twice (also in '{seen[rid]}')", table=table,
                                       record=rid, field_name="id")
            seen[rid] = table


class NotARegularFile(OSError):
    """A pipe, a device or a socket where a file should be: reading it could block forever
    (a pipe) or never end (/dev/zero)."""

    def __init__(self, kind: str):
        super().__init__(f"it is {kind}, not a file")
        self.kind = kind


class FileTooLarge(OSError):
    def __init__(self, size: int):
        super().__init__(f"{size} bytes")
        self.size = size


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def _refuse_if_not_regular(path: Path, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise NotARegularFile(_kind_of(info.st_mode))


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path` if it is an ordinary file of at most `limit` bytes. Never blocks on
    a pipe or reads a device: it is opened without waiting and checked before reading."""
    if not platform.opens_without_blocking():
        _refuse_if_not_regular(path, os.stat(path))  # look first: opening a pipe would wait for a writer
    fd = os.open(path, platform.read_flags())
    try:
        info = os.fstat(fd)
        _refuse_if_not_regular(path, info)
        if info.st_size > limit:
            raise FileTooLarge(info.st_size)
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > limit:  # it grew while we read
                raise FileTooLarge(total)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_session_bytes(path: Path) -> bytes:
    """The raw bytes of a session file, or StoreError in plain words."""
    path = Path(path)
    try:
        return read_regular_file(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise StoreError(f"There is no workshop file at {path}.") from None
    except PermissionError:
        raise StoreError(f"{path.name} cannot be read: this account does not have permission.") from None
    except IsADirectoryError:
        raise SessionFileError(path, "it is a folder, not a workshop file") from None
    except NotARegularFile as exc:
        raise SessionFileError(path, f"it is {exc.kind}, not a workshop file") from None
    except FileTooLarge as exc:
        raise SessionFileError(path, f"it is {exc.size / 2**20:,.0f} MB, far larger than any workshop file") from None
    except OSError as exc:
        raise StoreError(f"{path.name} cannot be read: {exc.strerror or exc}.") from None


def read_session_file(path: Path) -> dict[str, Any]:
    """Read and validate without changing anything on disk."""
    path = Path(path)
    return parse_session_bytes(path, read_session_bytes(path))


def live_records(data: dict[str, Any], table: str) -> list[dict[str, Any]]:
    docs = data.get(table)
    if not isinstance(docs, dict):
        return []
    ordered = sorted(docs.items(), key=lambda item: int(item[0]) if DOC_KEY.fullmatch(str(item[0])) else 0)
    return [r for _, r in ordered if isinstance(r, dict) and not model.is_tombstone(r)]
