"""Writing a file so that a kill at any instant leaves the old file or the new one, never a
torn one; and sweeping the temporary files a writer that died left behind. One home for
both, shared by the store (sessions, backups, settings, merges) and the exporter (records).
Plain standard library: the exporter must not import TinyDB.

The bytes go to a temporary file beside the target, named with the writer's process number
so a later sweep can tell an abandoned file from one still being written; it is synced,
then renamed over the target (or linked into place when the target must not exist yet),
and the folder is synced.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Callable

from workshop import platform
from workshop.platform import fsync_dir, pid_alive  # noqa: F401 - their home is platform

# The temporary file carries the end of the target's name, to be recognisable in a folder
# listing; only so much of it, as the full path must stay within Windows' 260 characters.
_NAME_IN_TEMP = 24


def write_file(path: Path, data: bytes, *, prefix: str, suffix: str = "", replace: bool = True,
               mode: int = 0o600, before_replace: Callable[[Path], None] | None = None) -> None:
    """Write `data` to `path` atomically. With `replace=False` an existing file is never
    replaced (FileExistsError, even if it appeared while we wrote). `before_replace(path)`
    runs just before the rename, to check once more what is about to be replaced."""
    tmp: str | None = _write_temp(path, data, prefix=f"{prefix}{os.getpid()}-",
                                  suffix=suffix or f"-{path.name[-_NAME_IN_TEMP:]}", mode=mode)
    try:
        if replace:
            if before_replace is not None:
                before_replace(path)
            platform.replace(tmp, path)
            tmp = None
        else:
            _link_new(tmp, path)
            tmp = None
    finally:
        if tmp is not None:
            unlink_quietly(tmp)
    fsync_dir(path.parent)


_NO_HARD_LINKS = (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV, errno.EINVAL,
                  errno.ENOSYS)
# ERROR_INVALID_FUNCTION, ERROR_NOT_SUPPORTED, ERROR_NOT_SAME_DEVICE: what Windows says on FAT and shares.
_WINDOWS_NO_HARD_LINKS = (1, 50, 17)


def _link_new(tmp: str, path: Path) -> None:
    """Put `tmp` at `path` only if nothing is there: a hard link cannot replace a file."""
    link = getattr(os, "link", None)
    try:
        if link is None:
            raise OSError(errno.ENOTSUP, "no hard links on this system")
        link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS and getattr(exc, "winerror", None) not in _WINDOWS_NO_HARD_LINKS:
            raise
        # A filesystem without hard links (FAT, exFAT sticks, some network shares): check, then rename.
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        platform.replace(tmp, path)
        return
    unlink_quietly(tmp)


def _write_temp(path: Path, data: bytes, *, prefix: str, suffix: str, mode: int) -> str:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=suffix)  # created 0600
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        if mode != 0o600:
            platform.set_mode(fd, tmp, mode)
    except BaseException:
        os.close(fd)
        unlink_quietly(tmp)
        raise
    os.close(fd)
    return tmp


def unlink_quietly(path: str | Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def sweep_temp_files(folder: Path, pattern: re.Pattern[str], stale_after: float) -> int:
    """Remove the temporary files in `folder` whose names match `pattern` (group 1: the
    writer's process number) and whose writer died; returns how many. One older than
    `stale_after` seconds goes too, whatever its process number says: that number may since
    have been reused by another program, and no save takes an hour."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        match = pattern.match(entry.name)
        if not match:
            continue
        pid = int(match.group(1))
        if pid == os.getpid():
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > stale_after
            if old or not pid_alive(pid):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            pass
    return removed
