"""Deferred work that the app can count, so "ready for the next key" is a fact, not a guess.

Views are built on first visit and filled after their first layout; a key that arrives
before that lands on a half-built screen. Every piece of work put off until after a refresh
goes through `defer`, which keeps a count on the app: zero means the screen shows what the
store holds and the focus is where the facilitator expects it. Tests (and scripts that drive
the app) wait for that count instead of pausing a guessed number of times.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable

from textual.message_pump import MessagePump


def pending(app: Any) -> int:
    return getattr(app, "_pending_work", 0)


def defer(node: MessagePump, callback: Callable[..., Any], *args: Any) -> None:
    """Run `callback(*args)` after the next refresh of `node`, counted on the app."""
    app = node.app
    app._pending_work = pending(app) + 1

    async def run() -> None:
        try:
            result = callback(*args)
            if inspect.isawaitable(result):
                await result
        finally:
            app._pending_work -= 1

    if not node.call_after_refresh(run):  # the node is closing: nothing will run
        app._pending_work -= 1


def is_settled(app: Any) -> bool:
    """No counted work is due and the screen on top says it is ready."""
    if pending(app):
        return False
    try:
        screen = app.screen
    except Exception:  # no screen yet: still starting
        return False
    ready = getattr(screen, "is_ready", None)
    return True if ready is None else bool(ready())
