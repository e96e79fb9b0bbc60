"""The first frame of the app, painted once.

Textual holds back every frame until its start-up is over, but screens pushed while it
starts (the home screen, and the workshop named on the command line) are laid out and
painted in full during it, and that frame is dropped: a whole-screen render for nothing
(about 90 ms for a 2,000-item workshop), and what the terminal showed next was only the parts
that changed later. Screens that can be shown at start-up skip that paint; the app paints
the screen on top, whole, as soon as start-up is over."""

from __future__ import annotations

from workshop.collector import resume_collecting


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
