"""A workshop file changed on disk by another program while it is open here.

Team Day's lock keeps other Team Day windows out, but not everything else: a sync engine
(OneDrive, Dropbox, Syncthing, Nextcloud) puts another laptop's version in place, or someone
edits the file by hand. The next save here would write over those words. Instead, before
saving, the store looks at the file: if it is not the one it last read or wrote, that
version is first kept beside the workshop, named as a Nextcloud conflict copy, so the home
screen shows it under its workshop ("conflict copy from another program") and one key
merges it in (see conflicts.py). No Textual, no TinyDB."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Callable

Stamp = tuple[int, int, int]


def stamp(path: Path) -> Stamp | None:
    """What tells one version of the file from another: inode, size, time changed."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


NAME_BYTES = 255  # the longest file name on every common file system


def aside_name(path: Path, when: datetime, n: int = 1) -> Path:
    who = "another program" if n == 1 else f"another program {n}"
    tail = f" (conflicted copy from {who} {when:%Y-%m-%d %H%M%S}){path.suffix}"
    stem = path.stem
    # A long workshop name plus the tail may not fit: the copy then starts with less of the
    # name (the home screen lists it on its own, same workshop id) rather than the save failing.
    while stem and len((stem + tail).encode()) > NAME_BYTES:
        stem = stem[:-1]
    return path.with_name(stem + tail)


def keep_aside(path: Path, create: Callable[[Path, bytes], None],
               ours: Callable[[], bytes | None]) -> Path | None:
    """Copy the file as it is now to a new conflict-copy name beside it, with `create` (the
    store's atomic write that never replaces a file). None if the file is gone, or holds
    just what we last saved (`ours`): something touched it without changing a word."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    if data == ours():
        return None
    when = datetime.now()
    for n in range(1, 100):
        target = aside_name(path, when, n)
        try:
            create(target, data)
        except FileExistsError:
            continue
        return target
    raise FileExistsError(f"no free name beside {path.name} for the version changed elsewhere")
