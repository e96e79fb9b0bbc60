"""Textual's Linux/macOS driver, made safe for a terminal window that is closed under it.

When the window closes, every write to the terminal fails (EIO). Textual's writer thread
dies on the first failure, and its queue holds only 30 writes: the next writes then wait
forever, and the process hangs with the workshop's lock held. The kernel also sends SIGCONT
with the SIGHUP, which the stock driver takes for a return from Ctrl+Z and starts a second
writer and reader on the dead terminal, and the reader's read fails (EIO) and makes the app
panic with a traceback nobody can see. Here, output to a gone terminal is dropped, a SIGCONT
without a terminal is ignored, and a failed read tells the app its window has closed.
"""

from __future__ import annotations

import os
from typing import IO, Any

from textual.drivers.linux_driver import LinuxDriver


class TerminalOutput:
    """The terminal as the writer thread sees it: once a write fails, the rest are dropped."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.gone = False

    def write(self, text: str) -> None:
        if self.gone:
            return
        try:
            self._file.write(text)
        except (OSError, ValueError):
            self.gone = True

    def flush(self) -> None:
        if self.gone:
            return
        try:
            self._file.flush()
        except (OSError, ValueError):
            self.gone = True

    def fileno(self) -> int:
        return self._file.fileno()


class TerminalDriver(LinuxDriver):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._file = TerminalOutput(self._file)

    @property
    def terminal_gone(self) -> bool:
        return self._file.gone or getattr(self._app, "hung_up", False)

    def run_input_thread(self) -> None:
        try:
            super().run_input_thread()
        except OSError:
            self._file.gone = True
            closed = getattr(self._app, "terminal_closed", None)
            loop = getattr(self._app, "_loop", None)
            if closed is None or loop is None:
                raise
            try:
                loop.call_soon_threadsafe(closed)
            except RuntimeError:
                pass  # the app's loop has already closed

    def _sigcont_application(self, *args: Any) -> None:
        try:
            still_there = os.isatty(self.fileno)
        except OSError:
            still_there = False
        if still_there and not self.terminal_gone:
            super()._sigcont_application(*args)
