"""The first frame of the app, painted once.

Textual holds back every frame until its start-up is over, but screens pushed while it
starts (the home screen, and the workshop named on the command line) are laid out and
painted in full during it, and that frame is dropped: a whole-screen render for nothing
(about 90 ms for a 2,000-item workshop), and what the terminal showed next was only the parts
that changed later. Screens that can be shown at start-up skip that paint; the app paints
the screen on top, whole, as soon as start-up is over."""

from __future__ import annotations

from typing import Any, Callable

from workshop.collector import resume_collecting
from workshop.tui.settle import defer, pending


class PaintsAfterStartUp:
    """Mixed into a Screen shown at start-up."""

    def _compositor_refresh(self) -> None:
        app = self.app
        if app._batch_count and self is app.screen and not app.is_inline:
            # The frame would be dropped; keep what is dirty for the first one drawn.
            self._repaint_required = True
            return
        super()._compositor_refresh()


def paint_first_screen(app) -> None:
    """Once start-up is over: paint every widget of the screen on top."""
    for widget in app.screen.walk_children(with_self=False):
        widget.refresh()
    app.call_after_refresh(resume_collecting)
    app.call_after_refresh(_first_frame_drawn, app)


def after_first_frame(node: Any, callback: Callable[..., Any]) -> None:
    """Run `callback` after `node`'s next refresh, or, while the app has not drawn its first
    frame, after that frame: what the room came for (the workshops, the items) is drawn
    first, and the footer's keys a frame later, as Textual's own footer does. Counted (see
    settle.py) so "ready" waits for it either way."""
    app = node.app
    waiting = getattr(app, "_first_frame_waiting", None)
    if waiting is None:  # drawn already, or an app that does not paint its first frame late
        defer(node, callback)
        return
    app._pending_work = pending(app) + 1
    waiting.append((node, callback))


def _first_frame_drawn(app) -> None:
    waiting, app._first_frame_waiting = getattr(app, "_first_frame_waiting", None) or [], None
    for node, callback in waiting:
        # Handed over from the node's own message queue: work run after a refresh runs as
        # whoever asked for it, and a footer's keys must be made as the footer.
        if not node.call_later(_hand_over, node, callback):
            app._pending_work -= 1  # the node is closing: nothing will run


def _hand_over(node: Any, callback: Callable[..., Any]) -> None:
    defer(node, callback)
    node.app._pending_work -= 1
