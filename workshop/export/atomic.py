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
from pathlib import Path

from workshop import atomic, platform

from .guard import TargetExists, check_before_replace
from .options import ExportError

TMP_PREFIX = ".tmp-record-"
_TMP_NAME = re.compile(re.escape(TMP_PREFIX) + r"(\d+)-.*\.tmp\Z", re.S)
_STALE_AFTER = 3600.0  # seconds; no export takes this long


def _describe(exc: OSError, out: Path) -> str:
    folder = out.parent
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"The disk is full: there is no room to save {out.name} in {folder}."
    if (special := platform.explain_refusal(exc)) is not None:  # a file held open, a path too long
        return f"{out.name} could not be saved: {special}. A record already there is unchanged."
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
    return atomic.sweep_temp_files(folder, _TMP_NAME, _STALE_AFTER)


def write_atomic(out: Path, data: bytes, overwrite: bool) -> None:
    sweep_temp_files(out.parent)
    try:
        atomic.write_file(out, data, prefix=TMP_PREFIX, suffix=f"-{out.name[:40]}.tmp", replace=overwrite,
                          before_replace=check_before_replace)
    except FileExistsError:
        raise TargetExists(out) from None
    except ExportError:
        raise
    except OSError as exc:
        raise ExportError(_describe(exc, out)) from exc
