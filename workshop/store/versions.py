"""Version vectors: how `workshop merge` tells a record changed on one copy only from one
changed on both (docs/MERGING.md).

Every record carries `versions`, {copy id: changes that copy made}. A copy is one file at
one path on one computer: two laptops, or two folders on one laptop, are two copies, so
each counts its own changes and neither can mistake the other's for its own.
"""

from __future__ import annotations

import functools
import getpass
import hashlib
import os
import secrets
import socket
from pathlib import Path
from typing import Any

from workshop import platform
from workshop.store.io import atomic_create_bytes

Versions = dict[str, int]


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a container, a service): the uid still tells accounts apart
        return str(getattr(os, "getuid", lambda: "")())


INSTALL_ID_FILE = "install-id"


@functools.cache
def install_id() -> str:
    """A random token made once per account and kept in its data folder, so two laptops
    built from one disk image (same host name, same user, same path) still count their
    changes apart. Unreadable or unwritable: "" (host, user and path still apply)."""
    folder = platform.data_home() / "team-day"
    path = folder / INSTALL_ID_FILE
    try:
        found = path.read_text(encoding="ascii").strip()
        if found:
            return found
    except (OSError, ValueError):
        pass
    token = secrets.token_hex(16)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_create_bytes(path, token.encode("ascii"))
    except FileExistsError:
        try:
            return path.read_text(encoding="ascii").strip()
        except (OSError, ValueError):
            return ""
    except OSError:
        return ""
    return token


def copy_id(path: Path | str) -> str:
    """8 hex digits naming this copy of the file: this account's install token, computer,
    account and the file's full path."""
    try:
        where = os.path.realpath(os.path.abspath(os.fspath(path)))
    except (OSError, ValueError):
        where = os.fspath(path)
    key = "\0".join((install_id(), socket.gethostname(), _user(), where))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def versions_of(record: Any) -> Versions:
    """A record's versions; a file written without them (or with a damaged entry, which a
    tombstone is not checked for) reads as no changes counted."""
    found = record.get("versions") if isinstance(record, dict) else None
    if not isinstance(found, dict):
        return {}
    return {k: n for k, n in found.items()
            if isinstance(k, str) and isinstance(n, int) and not isinstance(n, bool) and n >= 0}


def bumped(record: Any, me: str) -> Versions:
    """The versions after one more change made by copy `me`."""
    out = versions_of(record)
    out[me] = out.get(me, 0) + 1
    return out


def dominates(a: Versions, b: Versions) -> bool:
    """`a` has seen every change `b` has, and more: the record was changed since, on a's side only."""
    if a == b:
        return False
    return all(a.get(k, 0) >= n for k, n in b.items())


def combined(a: Versions, b: Versions) -> Versions:
    """Every change either side has seen (element-wise max), keys in a fixed order so the
    merged file's bytes do not depend on which copy came first."""
    return {k: max(a.get(k, 0), b.get(k, 0)) for k in sorted({*a, *b})}
