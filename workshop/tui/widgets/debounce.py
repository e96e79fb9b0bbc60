"""Saving free text after a pause in typing: one helper for every text box that autosaves."""

from __future__ import annotations

from typing import Callable

from textual.message_pump import MessagePump

SAVE_DELAY = 0.8  # seconds of quiet typing before a save


class Debounced:
    """`changed()` on every keystroke; the save runs after `delay` seconds of quiet, or at
    once with `flush()` (closing a box, leaving the activity, quitting). `save` returns
    False when it failed: the text stays marked unsaved and on screen."""

    def __init__(self, owner: MessagePump, save: Callable[[], bool], delay: float = SAVE_DELAY) -> None:
        self.owner = owner
        self.save = save
        self.delay = delay
        self.dirty = False
        self._timer = None

    @property
    def waiting(self) -> bool:
        return self._timer is not None

    def changed(self) -> None:
        self.dirty = True
        self._stop()
        self._timer = self.owner.set_timer(self.delay, self.flush)

    def flush(self) -> bool:
        self._stop()
        if not self.dirty:
            return True
        if self.save():
            self.dirty = False
            return True
        return False

    def forget(self) -> None:
        """What is in the box now is what is stored (it was just loaded)."""
        self._stop()
        self.dirty = False

    def cancel(self) -> None:
        """The owner is saving by another way right now: no timed save is needed."""
        self._stop()

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
