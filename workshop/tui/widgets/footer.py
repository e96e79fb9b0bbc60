"""The footer of keys, redrawn once per burst of changes rather than once per change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

from workshop.tui.settle import defer


class KeyFooter(Footer):
    """Textual's Footer rebuilds all its keys on every binding change; opening a workshop
    moves focus and refreshes bindings a dozen times in one frame, and rebuilding the keys
    each time was most of the time to first paint. Changes within a frame now share one
    rebuild."""

    _rebuild_pending = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            defer(self, self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()
