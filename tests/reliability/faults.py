"""Injecting environment faults: a system call that fails with a chosen errno, and running a
block as an account without root's power to ignore permissions."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

NOBODY = 65534
INJECTED = {"faults": 0}  # faults injected over the whole run, for docs/RELIABILITY.md


class Fault:
    """Make `os.<name>` fail with `code` from its `at`-th call on (counting from 1), in
    every module that calls it through `os` (the store, the lock, the exporter)."""

    def __init__(self, monkeypatch, name: str, code: int = errno.ENOSPC, at: int = 1):
        self.name, self.code, self.at, self.calls, self.hits = name, code, at, 0, 0
        real = getattr(os, name)

        def failing(*args, **kwargs):
            self.calls += 1
            if self.calls >= self.at:
                self.hits += 1
                INJECTED["faults"] += 1
                raise OSError(self.code, os.strerror(self.code))
            return real(*args, **kwargs)

        monkeypatch.setattr(os, name, failing)


class ReadOnlyFiles:
    """os.open refuses to create or open for writing (reading still works), as on a
    read-only mount (EROFS) or in a folder this account may not write to (EACCES)."""

    WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT

    def __init__(self, monkeypatch, code: int):
        real = os.open

        def guarded(path, flags, *args, **kwargs):
            if flags & self.WRITING:
                INJECTED["faults"] += 1
                raise OSError(code, os.strerror(code), str(path))
            return real(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", guarded)


class FailingWrites:
    """Writes to files refuse (a full disk): os.write, which the shared atomic writer uses,
    and the file objects of os.fdopen."""

    def __init__(self, monkeypatch, code: int = errno.ENOSPC):
        real = os.fdopen

        class Handle:
            def __init__(self, handle):
                self._handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self._handle.close()

            def write(self, data):
                INJECTED["faults"] += 1
                raise OSError(code, os.strerror(code))

            def __getattr__(self, name):
                return getattr(self._handle, name)

        monkeypatch.setattr(os, "fdopen", lambda *a, **k: Handle(real(*a, **k)))

        def refuse_write(fd, data):
            INJECTED["faults"] += 1
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(os, "write", refuse_write)


@contextmanager
def world_readable_dir() -> Iterator[Path]:
    """A temp folder another account can enter (pytest's own is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="team-day-perm-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in (folder, *folder.rglob("*")):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def unprivileged() -> Iterator[str]:
    """Run the block under an account that permissions apply to. As root (tests in CI and
    containers run as root, and root ignores chmod) the effective ids switch to `nobody` for
    the block and back after; as any other account the block runs as it is."""
    if os.geteuid() != 0:
        yield "this account"
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield "nobody (effective uid 65534, switched from root)"
    finally:
        os.seteuid(0)
        os.setegid(0)
