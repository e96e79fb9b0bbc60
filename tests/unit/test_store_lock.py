"""One writer per workshop: the lock beside the file, read-only fallback, stale locks."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from workshop.store import (
    LockedError,
    ReadOnlyError,
    Session,
    SessionFileError,
    acquire_lock,
    delete_session,
    lock_is_stale,
    lock_path,
    read_lock,
    summarise,
)


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def write_lock(path: Path, **holder) -> Path:
    lock = lock_path(path)
    lock.write_bytes(orjson.dumps(holder))
    return lock


def test_open_takes_a_0600_lock_naming_this_process(saved_workshop: Path):
    with Session.open(saved_workshop) as session:
        assert not session.read_only and session.holder is None
        holder = read_lock(saved_workshop)
        assert holder["pid"] == os.getpid()
        assert holder["host"] == socket.gethostname()
        assert holder["since"].endswith("Z")
        assert stat.S_IMODE(lock_path(saved_workshop).stat().st_mode) == 0o600
    assert not lock_path(saved_workshop).exists()


def test_second_open_is_read_only_and_says_who_holds_it(saved_workshop: Path):
    with Session.open(saved_workshop) as first:
        second = Session.open(saved_workshop)
        assert second.read_only
        assert second.holder["pid"] == os.getpid()
        assert second.records("hopes_fears") == first.records("hopes_fears")
        with pytest.raises(ReadOnlyError):
            second.insert("hopes_fears", kind="hope", text="not allowed")
        with pytest.raises(ReadOnlyError):
            second.update_workshop(title="not allowed")
        second.close()
        assert lock_path(saved_workshop).exists(), "closing the reader must not drop the writer's lock"
        first.insert("hopes_fears", kind="hope", text="still the writer")


def test_no_fallback_raises_locked_error_naming_user_and_host(saved_workshop: Path):
    write_lock(saved_workshop, pid=1, host="ward-laptop-7", user="morag", since="2026-12-03T09:15:00.000Z")
    with pytest.raises(LockedError) as caught:
        Session.open(saved_workshop, fallback_read_only=False)
    message = str(caught.value)
    assert "morag" in message and "ward-laptop-7" in message and "09:15" in message
    assert caught.value.holder["user"] == "morag"


def test_a_lock_from_another_computer_is_never_cleared(saved_workshop: Path):
    lock = write_lock(saved_workshop, pid=dead_pid(), host="another-host", user="dev")
    session = Session.open(saved_workshop)
    assert session.read_only and session.holder["host"] == "another-host"
    session.close()
    assert lock.exists()
    with pytest.raises(LockedError):
        delete_session(saved_workshop)
    assert summarise(saved_workshop).locked_by.startswith("dev on another-host")


def test_a_lock_whose_process_is_gone_is_cleared(saved_workshop: Path):
    write_lock(saved_workshop, pid=dead_pid(), host=socket.gethostname(), user="x", since="2026-12-03T09:00:00Z")
    assert lock_is_stale(read_lock(saved_workshop))
    assert summarise(saved_workshop).locked_by is None
    with Session.open(saved_workshop, fallback_read_only=False) as session:
        assert not session.read_only
        assert read_lock(saved_workshop)["pid"] == os.getpid()


def test_a_lock_from_before_a_restart_or_a_reused_pid_is_stale(saved_workshop: Path):
    host = socket.gethostname()
    if Path("/proc/sys/kernel/random/boot_id").exists():
        assert lock_is_stale({"pid": os.getpid(), "host": host, "boot": "an-earlier-boot"})
        assert lock_is_stale({"pid": os.getpid(), "host": host, "started": "1"})  # our pid, another process
    assert not lock_is_stale({"pid": os.getpid(), "host": host})
    assert not lock_is_stale({"pid": os.getppid(), "host": host})


def test_an_unreadable_lock_is_respected_while_fresh_and_cleared_when_old(saved_workshop: Path):
    lock = lock_path(saved_workshop)
    lock.write_bytes(b"")  # as if its writer died between creating and writing it
    with pytest.raises(LockedError) as caught:
        Session.open(saved_workshop, fallback_read_only=False)
    assert "someone on another computer" in str(caught.value)
    old = time.time() - 60
    os.utime(lock, (old, old))
    with Session.open(saved_workshop, fallback_read_only=False) as session:
        assert not session.read_only


def test_acquire_lock_is_exclusive(saved_workshop: Path):
    acquire_lock(saved_workshop)
    with pytest.raises(LockedError):
        acquire_lock(saved_workshop)


def test_lock_is_released_when_opening_fails_after_locking(saved_workshop: Path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(Session, "_from_data", classmethod(lambda cls, *a, **k: broken()))
    with pytest.raises(RuntimeError):
        Session.open(saved_workshop)
    assert not lock_path(saved_workshop).exists()


def test_a_bad_file_is_refused_before_any_lock_is_taken(session_dir: Path):
    bad = session_dir / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(SessionFileError):
        Session.open(bad)
    assert not lock_path(bad).exists()


def test_close_twice_is_harmless(saved_workshop: Path):
    session = Session.open(saved_workshop)
    session.close()
    session.close()
    assert not lock_path(saved_workshop).exists()
