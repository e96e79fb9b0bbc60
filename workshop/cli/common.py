"""What every command shares: exit codes, the one-line error, and where workshops and
records live (the sessions and exports folders, a workshop named by path or by name)."""

from __future__ import annotations

import argparse
import functools
import os
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from workshop.store import (
    SessionFileError, StoreError, backup_path, parse_session_bytes, read_session_bytes, read_session_file,
)

OK, BAD_FILE, USAGE, LOCKED, WRITE_FAILED = 0, 1, 2, 3, 4
PROG = "workshop"


# What a terminal would act on rather than show: C0 and C1 controls (an escape sequence in a
# file name or a title from a synced folder could recolour, retitle or clear the terminal),
# and direction overrides (they reorder the rest of the line). Tab and newline are kept.
# Compiled when first written to a terminal: not on the way to the app's first frame.
@functools.cache
def _unshown() -> re.Pattern:
    return re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def say(*values: object, file=None) -> None:
    """print(), for text that may hold names from files. To a terminal, each character it
    would act on is shown as '?', as ls does; to a pipe or a file, everything exactly as it
    is, so a script reads the real path."""
    stream = sys.stdout if file is None else file
    text = " ".join(str(value) for value in values)
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError, OSError):
        terminal = False
    print(_unshown().sub("?", text) if terminal else text, file=stream)


class UserError(Exception):
    """A problem to report in one line, with its exit code."""

    def __init__(self, message: str, code: int = BAD_FILE):
        super().__init__(message)
        self.code = code



def sessions_dir(args: argparse.Namespace, *, create: bool = True) -> Path:
    folder = Path(args.sessions_dir or os.environ.get("WORKSHOP_SESSIONS") or "sessions").expanduser()
    if create:
        _ensure_folder(folder, "sessions")
    return folder


def exports_dir(args: argparse.Namespace) -> Path:
    return Path(args.exports_dir or os.environ.get("WORKSHOP_EXPORTS") or "exports").expanduser()


def _ensure_folder(folder: Path, what: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # its file names are workshop titles
    except FileExistsError:
        raise UserError(f"The {what} folder {folder} is a file, not a folder.", WRITE_FAILED) from None
    except OSError as exc:
        raise UserError(f"The {what} folder {folder} cannot be created: {exc.strerror}.", WRITE_FAILED) from None


def find_session(args: argparse.Namespace, given: str) -> Path:
    """PATH as given; failing that, a name in the sessions folder (with or without .json)."""
    path = Path(given).expanduser()
    if path.exists() or path.is_absolute() or len(path.parts) > 1:
        return path
    folder = sessions_dir(args, create=False)
    for candidate in (folder / given, folder / f"{given}.json"):
        if candidate.exists():
            return candidate
    return path


def _validated(path: Path) -> dict[str, Any]:
    """The file's data, or a UserError that names the reason and any backup."""
    return _checked_file(path)[1]


def _checked_file(path: Path) -> tuple[bytes, dict[str, Any]]:
    """The file's bytes and its checked data (for Session.open's `checked`), or a UserError
    that names the reason and any backup."""
    try:
        raw = read_session_bytes(path)
        return raw, parse_session_bytes(path, raw)
    except SessionFileError as exc:
        raise UserError(f"{exc}{backup_hint(path)}", BAD_FILE) from None


def backup_hint(path: Path) -> str:
    backup = backup_path(path)
    try:
        stamp = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        read_session_file(backup)
    except (OSError, StoreError):
        return ""
    return f" A backup from {stamp} is at {backup}."


