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


def tables_measured(node: Any) -> bool:
    """Every DataTable under `node` has measured its rows. A table sizes its rows and its
    row-label column when its message queue is next idle, not when rows are added; until
    then it draws without row numbers, and a dialog opened over it can show it that way."""
    from textual.widgets import DataTable  # noqa: PLC0415 - only when asked

    return not any(getattr(table, "_require_update_dimensions", False) for table in node.query(DataTable))


def is_settled(app: Any) -> bool:
    """No counted work is due and every screen in the stack says it is ready: the one on
    top, and the ones it is drawn over (a dialog shows the workshop behind it)."""
    if pending(app):
        return False
    try:
        stack = list(app.screen_stack)
    except Exception:  # no screen yet: still starting
        return False
    if not stack:
        return False
    for screen in stack:
        ready = getattr(screen, "is_ready", None)
        if ready is not None and not ready():
            return False
    return True
