"""Closing the terminal window at any instant, start-up included: what was typed is saved, the
lock is freed, the file is whole, and no process is left behind.

The real app runs under a real pseudo-terminal (the child is the session leader, as in a
terminal window); closing our end of it is what closing the window does: the kernel hangs
the terminal up and sends SIGHUP (and SIGCONT).
"""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.helpers.sessions import build_workshop
from workshop.store import lock_path, read_session_file

ROOT = Path(__file__).resolve().parents[2]
ENDS_WITHIN = 15.0  # seconds; a clean end takes well under one, a hang never ends
STARTS_WITHIN = 60.0  # a loaded machine may take long to draw the first screen
INSTANTS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 1.0, 1.5)  # seconds after the command starts


class Terminal:
    """A terminal window running one command: read what it draws, type into it, close it."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WORKSHOP_", "TEXTUAL"))}
        env.update(PYTHONPATH=str(ROOT), TERM="xterm-256color", COLUMNS="80", LINES="24")
        argv = [sys.executable, "-m", "workshop", *args]
        # Closed (close-on-exec) when the child runs the command: the instants are counted from
        # there, not from the fork, while the child is still being attached to the terminal.
        started, child_end = os.pipe()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: nothing but exec, so no test state leaks into it
            try:
                os.chdir(cwd)
                os.execve(sys.executable, argv, env)
            finally:
                os._exit(127)
        os.close(child_end)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.seen = b""
        self.status: int | None = None
        try:
            ready, _, _ = select.select([started], [], [], STARTS_WITHIN)
            assert ready and os.read(started, 1) == b"", "the command did not start"
        finally:
            os.close(started)

    def read_for(self, seconds: float) -> None:
        """Keep reading what the app draws, as a terminal does, for `seconds`."""
        deadline = time.monotonic() + seconds
        while self.fd >= 0 and (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError as exc:  # EIO: the app has ended
                    if exc.errno != errno.EIO:
                        raise
                    return
                if not chunk:
                    return
                self.seen += chunk

    def read_until(self, text: bytes, seconds: float = STARTS_WITHIN) -> None:
        deadline = time.monotonic() + seconds
        while text not in self.seen:
            assert time.monotonic() < deadline, f"{text!r} never appeared on screen"
            assert self.running(), "the app ended on its own"
            self.read_for(0.05)

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def close(self) -> None:
        os.close(self.fd)
        self.fd = -1

    def running(self) -> bool:
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
        return self.status is None

    def wait_for_end(self) -> None:
        """Wait for the app to end; a hang is killed and fails the test."""
        deadline = time.monotonic() + ENDS_WITHIN
        while self.running():
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                self.status = os.waitpid(self.pid, 0)[1]
                pytest.fail(f"still running {ENDS_WITHIN:.0f} s after its terminal closed: killed")
            if self.fd >= 0:
                self.read_for(0.02)  # a terminal still open is read, or the app could block writing
            else:
                time.sleep(0.02)

    def ended_cleanly(self) -> bool:
        """Exit 0 after saving, or (before Python could install anything) ended by the hang-up
        itself. Not 129: that is the watchdog giving up on a shutdown that hung."""
        status = self.status
        assert status is not None
        return (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0) or (
            os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGHUP)

    def kill(self) -> None:
        if self.running():
            os.kill(self.pid, signal.SIGKILL)
            self.status = os.waitpid(self.pid, 0)[1]
        if self.fd >= 0:
            os.close(self.fd)


def _process_gone(pid: int) -> bool:
    return not Path(f"/proc/{pid}").exists() if Path("/proc").is_dir() else True


def _state(path: Path) -> tuple:
    data = read_session_file(path)
    workshop = next(iter(data["workshop"].values()))
    return workshop["id"], workshop["title"], sorted(r["id"] for r in data["hopes_fears"].values())


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    (tmp_path / "sessions").mkdir()
    return build_workshop(tmp_path / "sessions" / "riverside.json", items=40, title="Closing window day")


def test_closing_the_terminal_at_any_instant_of_start_up(tmp_path: Path, workshop: Path):
    before = _state(workshop)
    for instant in INSTANTS:
        terminal = Terminal(["open", str(workshop)], tmp_path)
        try:
            terminal.read_for(instant)
            terminal.close()
            terminal.wait_for_end()
            assert terminal.ended_cleanly(), f"closed at {instant} s: status {terminal.status}"
            assert _process_gone(terminal.pid), f"closed at {instant} s: a process is left"
        finally:
            terminal.kill()
        assert not lock_path(workshop).exists(), f"closed at {instant} s: the lock was left behind"
        assert _state(workshop) == before, f"closed at {instant} s: the workshop changed"
        left = sorted(p.name for p in workshop.parent.iterdir())
        assert set(left) <= {"riverside.json", "riverside.json.bak", ".team-day-settings.json"}, left


def test_notes_typed_just_before_the_window_closes_are_saved(tmp_path: Path, workshop: Path):
    terminal = Terminal(["open", str(workshop)], tmp_path)
    try:
        terminal.read_until(b"Closing window day")
        terminal.type("\x0f")  # ctrl+o: the discussion notes
        terminal.read_until(b"Discussion notes:")
        terminal.type("Said as the lid closed")
        terminal.read_until(b"lid closed")  # on screen, and so in the notes box
        terminal.close()
        terminal.wait_for_end()
        assert terminal.ended_cleanly(), terminal.status
    finally:
        terminal.kill()
    assert not lock_path(workshop).exists()
    notes = read_session_file(workshop)["notes"].values()
    assert [n["text"] for n in notes] == ["Said as the lid closed"]


def test_a_shutdown_signal_saves_and_ends_too(tmp_path: Path, workshop: Path):
    terminal = Terminal(["open", str(workshop)], tmp_path)
    try:
        terminal.read_until(b"Closing window day")
        terminal.type("\x0f")
        terminal.read_until(b"Discussion notes:")
        terminal.type("Before the shutdown")
        terminal.read_until(b"shutdown")
        os.kill(terminal.pid, signal.SIGTERM)
        terminal.wait_for_end()
        assert os.WIFEXITED(terminal.status) and os.WEXITSTATUS(terminal.status) == 0, terminal.status
    finally:
        terminal.kill()
    assert not lock_path(workshop).exists()
    assert [n["text"] for n in read_session_file(workshop)["notes"].values()] == ["Before the shutdown"]
