"""Writing a finished file so that `out` is either untouched or complete, never partial.

The bytes go to a temporary file beside `out` named `.tmp-record-<pid>-<random>-<name>.tmp`,
are synced, then linked or renamed into place. A writer killed before that leaves its temporary
file behind; the next export into the same folder removes every one whose process is gone
(or that is over an hour old, in case the process number was reused).
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path

from workshop import tempfiles

from .guard import TargetExists, check_before_replace
from .options import ExportError

TMP_PREFIX = ".tmp-record-"
_TMP_NAME = re.compile(re.escape(TMP_PREFIX) + r"(\d+)-.*\.tmp\Z", re.S)
_STALE_AFTER = 3600.0  # seconds; no export takes this long


def _describe(exc: OSError, out: Path) -> str:
    folder = out.parent
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"The disk is full: there is no room to save {out.name} in {folder}."
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"This computer does not allow saving in {folder}. Choose another folder."
    if isinstance(exc, FileNotFoundError):
        return f"The folder {folder} does not exist. Create it or choose another folder."
    if isinstance(exc, (IsADirectoryError, NotADirectoryError)):
        return f"{out} cannot be used as a file name for the record."
    return f"The record could not be saved to {out}: {exc.strerror or exc}."


def is_temp_name(name: str) -> bool:
    """Whether `name` is one of our temporary files (a save in progress or abandoned)."""
    return _TMP_NAME.match(name) is not None


def sweep_temp_files(folder: Path) -> int:
    """Remove temporary files left in `folder` by exports that died; returns how many."""
    return tempfiles.sweep_temp_files(folder, _TMP_NAME, _STALE_AFTER)


def write_atomic(out: Path, data: bytes, overwrite: bool) -> None:
    tmp: str | None = None
    sweep_temp_files(out.parent)
    try:
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f"{TMP_PREFIX}{os.getpid()}-",
                                   suffix=f"-{out.name[:40]}.tmp")  # mode 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            check_before_replace(out)
            os.replace(tmp, out)
        else:
            _publish_new(tmp, out)
        tmp = None
        _fsync_dir(out.parent)
    except ExportError:
        raise
    except OSError as exc:
        raise ExportError(_describe(exc, out)) from exc
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _publish_new(tmp: str, out: Path) -> None:
    """Like os.replace but never clobbers a file that appeared while we were working."""
    try:
        os.link(tmp, out)
    except FileExistsError:
        raise TargetExists(out) from None
    except OSError:
        # Some file systems (FAT, some network shares) have no hard links.
        if os.path.lexists(out):
            raise TargetExists(out) from None
        os.replace(tmp, out)
        return
    os.unlink(tmp)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform (Windows); the data itself is synced
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
