"""The lock beside a session file: one writer at a time, and telling a live holder from one
that died (or from before the computer restarted). `workshop.store` re-exports these names.
"""

from __future__ import annotations

import getpass
import os
import socket
import time
from pathlib import Path
from typing import Any

import orjson

from workshop import model, platform
from workshop.store.io import LockedError, _unlink_quietly, lock_path, pid_alive, read_regular_file

# A lock file nobody could read for this long was left half-written by a process that died.
_UNREADABLE_LOCK_GRACE = 10.0
_LOCK_MAX_BYTES = 64 * 1024


def read_lock(path: Path) -> dict[str, Any] | None:
    """Who holds `path`: None if nobody, {} if the lock cannot be read."""
    try:
        holder = orjson.loads(read_regular_file(lock_path(path), _LOCK_MAX_BYTES))
    except FileNotFoundError:
        return None
    except (OSError, orjson.JSONDecodeError):
        return {}  # a pipe, a folder or garbage in its place: unreadable, judged by its age
    return holder if isinstance(holder, dict) else {}


def _boot_id() -> str:
    return platform.boot_id()


def _process_start(pid: int) -> str:
    """When `pid` started, to tell a reused pid apart (see workshop.platform)."""
    return platform.process_start(pid)


def lock_is_stale(holder: dict[str, Any], *, age: float | None = None) -> bool:
    """A lock left by a process on this computer that no longer runs (or by this computer
    before it restarted). `age` (seconds since the lock was written) lets an unreadable
    lock count as stale once it is clearly not being written right now."""
    if not holder:
        return age is not None and age > _UNREADABLE_LOCK_GRACE
    if holder.get("host") != socket.gethostname():
        return False
    boot = holder.get("boot")
    if boot and _boot_id() and boot != _boot_id():
        return True
    try:
        pid = int(holder.get("pid", 0) or 0)
    except (TypeError, ValueError):
        return True
    if not pid_alive(pid):
        return True
    started = holder.get("started")
    return bool(started) and bool(_process_start(pid)) and started != _process_start(pid)


def _lock_age(lock: Path) -> float | None:
    try:
        return time.time() - lock.stat().st_mtime
    except OSError:
        return None


def acquire_lock(path: Path) -> Path:
    lock = lock_path(path)
    me = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "user": _user(),
        "since": model.now_iso(),
        "boot": _boot_id(),
        "started": _process_start(os.getpid()),
    }
    for _attempt in range(3):
        try:
            fd = os.open(lock, platform.create_new_flags(), 0o600)
        except FileExistsError:
            holder = read_lock(path)
            if holder is None:
                continue  # released in between
            if lock_is_stale(holder, age=_lock_age(lock)):
                _unlink_quietly(lock)
                continue
            raise LockedError(path, holder) from None
        try:
            os.write(fd, orjson.dumps(me))
        except BaseException:
            os.close(fd)
            _unlink_quietly(lock)
            raise
        os.close(fd)
        return lock
    raise LockedError(path, read_lock(path) or {})


def release_lock(path: Path) -> None:
    """Remove the lock beside `path` if this process holds it."""
    holder = read_lock(path) or {}
    if holder.get("pid") == os.getpid() and holder.get("host") == socket.gethostname():
        _unlink_quietly(lock_path(path))


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is not worth failing over
        return ""
