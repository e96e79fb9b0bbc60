"""Temporary files left beside a session or a record by a writer that died, and whether a
process still runs. Plain standard library: the store and the exporter share it (the
exporter must not import TinyDB)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path


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


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it runs, under another account
    except (OverflowError, OSError):
        return False
    return True
