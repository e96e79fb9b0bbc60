"""The first frame of the app, painted once.

Textual holds back every frame until its start-up is over, but screens pushed while it
starts (the home screen, and the workshop named on the command line) are laid out and
painted in full during it, and that frame is dropped: a whole-screen render for nothing
(about 90 ms for a 2,000-item workshop), and what the terminal showed next was only the parts
that changed later. Screens that can be shown at start-up skip that paint; the app paints
the screen on top, whole, as soon as start-up is over."""

from __future__ import annotations

import gc


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


# Python's cycle collector runs whenever enough objects have been made, and each full pass
# looks at every object alive. Opening a workshop makes a great many that all stay alive
# (its records, the widgets, each item's text), so the collector ran pass after pass for
# nothing: about a tenth of the time to a drawn 2,000-item workshop. It waits until the first
# frame is drawn; what exists then is set aside (frozen), so later passes, while people type,
# do not walk through it again. A closed workshop's objects are handed back (`thaw`).
_held = False


def hold_collecting() -> None:
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def resume_collecting() -> None:
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()


def thaw() -> None:
    """Let the collector free what was set aside at start-up (a workshop was closed)."""
    gc.unfreeze()
