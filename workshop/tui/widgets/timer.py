"""The activity timer: big digits that stay visible, one countdown per activity."""

from __future__ import annotations

import time
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Digits, Label


@dataclass
class Countdown:
    total: int  # seconds
    left: float
    deadline: float | None = None  # monotonic time at which it reaches zero, while running

    @property
    def running(self) -> bool:
        return self.deadline is not None


def format_clock(seconds: float) -> str:
    seconds = max(0, int(seconds + 0.999))
    minutes, secs = divmod(seconds, 60)
    return f"{minutes:02d}:{secs:02d}" if minutes < 100 else f"{minutes}:{secs:02d}"


class ActivityTimer(Horizontal):
    """Counts down the current activity's timebox. Ticks on a timer, never blocking input."""

    class Finished(Message):
        def __init__(self, activity: str) -> None:
            super().__init__()
            self.activity = activity

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._countdowns: dict[str, Countdown] = {}
        self._activity = ""
        self._ticker = None

    def compose(self) -> ComposeResult:
        yield Digits("00:00", id="timer-digits")
        yield Label("paused", id="timer-state")

    def on_mount(self) -> None:
        self._ticker = self.set_interval(0.5, self._tick, pause=True)

    def _now(self) -> float:
        clock = getattr(self.app, "clock", None)
        return clock() if clock else time.monotonic()

    # which activity -------------------------------------------------------------------------

    def show(self, activity: str, minutes: int) -> None:
        """Show `activity`'s countdown, creating it from its timebox the first time."""
        self._activity = activity
        if activity not in self._countdowns:
            self._countdowns[activity] = Countdown(total=minutes * 60, left=minutes * 60)
        self._render_state()

    def set_timebox(self, activity: str, minutes: int) -> None:
        countdown = self._countdowns.get(activity)
        if countdown and not countdown.running and countdown.left == countdown.total:
            countdown.total = countdown.left = minutes * 60
        self._render_state()

    @property
    def current(self) -> Countdown | None:
        return self._countdowns.get(self._activity)

    # controls -------------------------------------------------------------------------------

    def toggle(self) -> None:
        countdown = self.current
        if countdown is None:
            return
        if countdown.running:
            countdown.left = max(0.0, countdown.deadline - self._now())
            countdown.deadline = None
        elif countdown.left > 0:
            countdown.deadline = self._now() + countdown.left
        self._update_ticker()
        self._render_state()

    def reset(self) -> None:
        countdown = self.current
        if countdown is None:
            return
        countdown.deadline = None
        countdown.left = countdown.total
        self._update_ticker()
        self._render_state()

    def adjust(self, minutes: int) -> None:
        countdown = self.current
        if countdown is None:
            return
        if countdown.running:
            countdown.deadline = max(self._now(), countdown.deadline + minutes * 60)
        else:
            countdown.left = max(0.0, countdown.left + minutes * 60)
        self._render_state()

    def remaining(self) -> float:
        countdown = self.current
        if countdown is None:
            return 0.0
        if countdown.running:
            return max(0.0, countdown.deadline - self._now())
        return countdown.left

    # ticking --------------------------------------------------------------------------------

    def _update_ticker(self) -> None:
        if self._ticker is None:
            return
        if any(c.running for c in self._countdowns.values()):
            self._ticker.resume()
        else:
            self._ticker.pause()

    def _tick(self) -> None:
        now = self._now()
        for activity, countdown in self._countdowns.items():
            if countdown.running and countdown.deadline <= now:
                countdown.deadline = None
                countdown.left = 0.0
                if activity == self._activity:
                    self.app.bell()
                self.post_message(self.Finished(activity))
        self._update_ticker()
        self._render_state()

    def _render_state(self) -> None:
        if not self.is_mounted:
            return
        countdown = self.current
        left = self.remaining()
        self.query_one(Digits).update(format_clock(left))
        done = countdown is not None and left <= 0 and countdown.total > 0
        if done:
            state = "TIME UP"
        elif countdown is not None and countdown.running:
            state = "running"
        else:
            state = "paused"
        self.query_one("#timer-state", Label).update(state)
        self.set_class(done, "-done")
        self.set_class(countdown is not None and countdown.running, "-running")
