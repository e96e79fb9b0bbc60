"""A closed terminal window (SIGHUP) or a computer shutting down (SIGTERM), caught from the
moment a command that shows the app starts, not only once the app is drawn.

Before the app runs, the signal is only remembered and the command then does not start the
app. Once the app has attached, the signal asks it, on its own event loop, to save what was
typed and close. Plain Python: the command line installs it before Textual is even imported.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from typing import Callable

from workshop import platform

# However the app's shutdown goes, a process whose terminal is gone must not linger: a
# lingering one holds the workshop's lock. Saving takes well under a second.
GIVE_UP_AFTER = 8.0


class HangUp:
    def __init__(self) -> None:
        self.signum: int | None = None
        self._notify: Callable[[], None] | None = None
        self._previous: dict[int, object] = {}

    @property
    def received(self) -> bool:
        return self.signum is not None

    @staticmethod
    def signals() -> tuple[int, ...]:
        return platform.termination_signals()  # no SIGHUP on Windows

    def install(self) -> "HangUp":
        for signum in self.signals():
            try:
                self._previous[signum] = signal.signal(signum, self._received)
            except (ValueError, OSError):  # not the main thread, or not on this platform
                pass
        return self

    def uninstall(self) -> None:
        for signum, previous in self._previous.items():
            try:
                signal.signal(signum, previous)  # type: ignore[arg-type]
            except (ValueError, OSError, TypeError):
                pass
        self._previous.clear()

    def attach(self, loop: asyncio.AbstractEventLoop, close: Callable[[], None]) -> None:
        """From now on a signal runs `close` on `loop`; one that came before runs it at once."""
        self._notify = lambda: loop.call_soon_threadsafe(close)
        if self.received:
            loop.call_soon(close)

    def _received(self, signum: int, frame: object) -> None:
        # Runs in the main thread between two steps of whatever it was doing: only note the
        # signal and wake the loop, never touch the app or the files from here.
        first = self.signum is None
        if first:
            self.signum = signum
            threading.Thread(target=_give_up_later, args=(signum,), name="hang-up watchdog", daemon=True).start()
        notify = self._notify
        if notify is not None:
            try:
                notify()
            except RuntimeError:  # the loop has closed: the app is already gone
                pass


def _give_up_later(signum: int) -> None:
    time.sleep(GIVE_UP_AFTER)
    os._exit(128 + signum)
