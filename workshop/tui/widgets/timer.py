"""The activity timer: big digits that stay visible, one countdown per activity."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

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


def _wall_now() -> datetime:
    return datetime.now(timezone.utc)


class ActivityTimer(Horizontal):
    """Counts down the current activity's timebox. Ticks on a timer, never blocking input.

    Its state is kept with the workshop (the `timer` field), so a facilitator who closes the
    laptop at 42:55 paused finds 42:55 paused; a countdown left running has gone on running."""

    class Finished(Message):
        def __init__(self, activity: str) -> None:
            super().__init__()
            self.activity = activity

    class Changed(Message):
        """A countdown was started, paused, reset or changed: `state` is what to keep."""

        def __init__(self, state: dict[str, dict[str, Any]]) -> None:
            super().__init__()
            self.state = state

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
        self._update_ticker()

    # kept with the workshop -----------------------------------------------------------------

    def state(self) -> dict[str, dict[str, Any]]:
        """Each countdown that has been touched, as saved in the workshop's `timer` field."""
        wall = getattr(self.app, "wall_clock", None) or _wall_now
        out: dict[str, dict[str, Any]] = {}
        for activity, countdown in self._countdowns.items():
            left = self._left(countdown)
            if not countdown.running and left == countdown.total:
                continue  # untouched: the timebox says it all
            entry: dict[str, Any] = {"total": int(countdown.total), "left": int(left + 0.999),
                                     "running": countdown.running}
            if countdown.running:
                ends = wall().timestamp() + left
                entry["ends_at"] = datetime.fromtimestamp(ends, timezone.utc).isoformat(timespec="seconds")
            out[activity] = entry
        return out

    def restore(self, saved: object) -> None:
        """Take up the countdowns kept with the workshop; anything unreadable is left out."""
        if not isinstance(saved, dict):
            return
        wall = getattr(self.app, "wall_clock", None) or _wall_now
        for activity, entry in saved.items():
            try:
                total, left = int(entry["total"]), float(entry["left"])
                running = entry.get("running") is True
                if running:
                    ends = datetime.fromisoformat(entry["ends_at"])
                    left = max(0.0, (ends - wall()).total_seconds())
            except (TypeError, KeyError, ValueError, AttributeError):
                continue
            if total < 0 or left < 0:
                continue
            countdown = Countdown(total=total, left=left)
            if running and left > 0:
                countdown.deadline = self._now() + left
            self._countdowns[str(activity)] = countdown
        self._update_ticker()
        self._render_state()

    def _changed(self) -> None:
        self.post_message(self.Changed(self.state()))

    def _left(self, countdown: Countdown) -> float:
        if countdown.running:
            return max(0.0, countdown.deadline - self._now())
        return countdown.left

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
        self._changed()

    def reset(self) -> None:
        countdown = self.current
        if countdown is None:
            return
        countdown.deadline = None
        countdown.left = countdown.total
        self._update_ticker()
        self._render_state()
        self._changed()

    def adjust(self, minutes: int) -> None:
        countdown = self.current
        if countdown is None:
            return
        if countdown.running:
            countdown.deadline = max(self._now(), countdown.deadline + minutes * 60)
        else:
            countdown.left = max(0.0, countdown.left + minutes * 60)
        self._render_state()
        self._changed()

    def remaining(self) -> float:
        countdown = self.current
        return 0.0 if countdown is None else self._left(countdown)

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
        finished = False
        for activity, countdown in self._countdowns.items():
            if countdown.running and countdown.deadline <= now:
                countdown.deadline = None
                countdown.left = 0.0
                finished = True
                if activity == self._activity:
                    self.app.bell()
                self.post_message(self.Finished(activity))
        if finished:
            self._changed()
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
