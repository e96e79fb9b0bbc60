"""Where a record may be written: never over a workshop, never over something that is not a file.

The command line and the app's export dialog both ask this module, so a record can never
replace the words a room typed, whichever way it is exported. A write replaces the name it is
given (a symlink there is replaced, never written through), but a link that leads to a
workshop or to something that is not a file is refused as if it were that thing.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from workshop import platform

from .options import ExportError

# The names the store gives a workshop and its companions (store_io.backup_path, lock_path).
WORKSHOP_SUFFIXES = (".json", ".json.bak", ".json.lock")
_SNIFF_LIMIT = 256 * 1024 * 1024  # a workshop file is far smaller; do not read a disk image


class TargetRefused(ExportError):
    """The target may never hold a record, whatever the caller allows."""


class TargetExists(ExportError):
    """The target is an ordinary file that is already there; the caller says how to allow replacing it."""

    def __init__(self, out: Path) -> None:
        super().__init__(f"{out.name} already exists in {out.parent}; choose another name.")
        self.path = out


def resolve(path: Path) -> Path:
    """Where `path` really leads: `~`, `..`, a relative path and symlinks resolved."""
    return Path(os.path.realpath(Path(path).expanduser()))


def _entry(path: Path) -> Path:
    """The folder entry a write to `path` replaces: its folder resolved, its own name kept."""
    path = Path(path).expanduser()
    return Path(os.path.realpath(path.parent)) / path.name


def check_target(out: Path, overwrite: bool, *, workshop_file: Path | None = None,
                 sessions_dir: Path | None = None) -> None:
    """Nothing if the record may be written to `out`; otherwise an ExportError in one sentence.

    Refused whatever `overwrite` says (TargetRefused): the workshop being exported, its backup
    or lock, a file named like a workshop in the sessions folder, any other file that holds a
    workshop, a folder, a device, a pipe or a socket, or a link to one of those. `overwrite`
    allows replacing an ordinary file (or a link to one), nothing else.
    """
    given = Path(out).expanduser()
    if platform.WINDOWS and platform.is_reserved_name(given.name):
        raise TargetRefused(f"{given.name} is a name Windows keeps for a device, not a file; choose another name.")
    entry, leads_to = _entry(given), resolve(given)
    for candidate in dict.fromkeys((entry, leads_to)):
        _refuse_if_protected(given, candidate, workshop_file, sessions_dir)
    try:
        info = os.lstat(entry)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise ExportError(f"{given} cannot be used for the record: {exc.strerror or exc}.") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            try:
                refuse_if_not_a_file(given, os.stat(entry), through_link=True)
            except OSError:
                pass  # a link to nothing: replacing the link harms nothing
        else:
            refuse_if_not_a_file(given, info)
        if _holds_a_workshop(leads_to):
            raise TargetRefused(f"{given} holds a saved workshop, and writing the record there would destroy it; "
                                "choose another name.")
        if not overwrite:
            raise TargetExists(given)
    if not entry.parent.is_dir():
        raise ExportError(f"The folder {given.parent} does not exist. Create it or choose another folder.")


def refuse_if_not_a_file(given: Path, info: os.stat_result, *, through_link: bool = False) -> None:
    """Only an ordinary file may be replaced: replacing /dev/null or a pipe by a record breaks the computer."""
    mode = info.st_mode
    if stat.S_ISREG(mode) or (stat.S_ISLNK(mode) and not through_link):
        return
    is_ = "leads to" if through_link else "is"
    if stat.S_ISDIR(mode):
        raise TargetRefused(f"{given} {is_} a folder; give a file name for the record.")
    raise TargetRefused(f"{given} {is_} {_kind(mode)}, not an ordinary file; the record can only be saved "
                        "as an ordinary file, so choose another name.")


def check_before_replace(out: Path) -> None:
    """Again, just before the rename: something other than a file may have appeared at `out`
    since the first check (a rename replaces a link itself, so a link is fine)."""
    try:
        info = os.lstat(out)
    except OSError:
        return  # nothing there, or the rename itself will say what is wrong
    refuse_if_not_a_file(out, info)


def first_free_name(path: Path) -> Path:
    """`path`, or the first of name-2.ext, name-3.ext … that does not exist yet: a second export
    on the same day is kept beside the first rather than refused."""
    path = Path(path)
    if not os.path.lexists(path):
        return path
    stem, suffix = path.stem, path.suffix
    n = 2
    while True:
        candidate = path.with_name(f"{stem}-{n}{suffix}")
        if not os.path.lexists(candidate):
            return candidate
        n += 1


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _refuse_if_protected(given: Path, candidate: Path, workshop_file: Path | None,
                        sessions_dir: Path | None) -> None:
    if workshop_file is not None:
        for kept in dict.fromkeys((_entry(workshop_file), resolve(workshop_file))):
            companions = (kept, kept.with_name(kept.name + ".bak"), kept.with_name(kept.name + ".lock"))
            if candidate in companions or any(_same_file(candidate, c) for c in companions):
                raise TargetRefused(f"{given} is the workshop file (or its backup or lock); writing the record "
                                    "there would destroy the workshop, so choose another name.")
    if (sessions_dir is not None and candidate.name.lower().endswith(WORKSHOP_SUFFIXES)
            and (candidate.parent == resolve(sessions_dir) or _same_file(candidate.parent, resolve(sessions_dir)))):
        raise TargetRefused(f"{given} is a workshop file name in the sessions folder; writing the record there "
                            "could destroy a workshop, so choose another name or folder.")


def _same_file(a: Path, b: Path) -> bool:
    """Another spelling of one file: a different case on macOS or Windows, a hard link."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _holds_a_workshop(real: Path) -> bool:
    """A workshop file anywhere (a copy on a USB stick, a folder opened by path) is refused too.
    Only files named like one are read: the check must not cost a record's export."""
    name = real.name.lower()
    if name.endswith(".json.lock"):
        return True
    if not name.endswith((".json", ".json.bak")):
        return False
    try:
        if real.stat().st_size > _SNIFF_LIMIT:
            return False
        data = json.loads(real.read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "workshop" in data
