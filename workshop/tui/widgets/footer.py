"""The footer of keys, redrawn once per burst of changes rather than once per change."""

from __future__ import annotations

from textual.screen import Screen
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from workshop.tui.settle import defer


class KeyFooter(Footer):
    """Textual's Footer rebuilds all its keys on every binding change; opening a workshop
    moves focus and refreshes bindings a dozen times in one frame, and rebuilding the keys
    each time was most of the time to first paint. Changes within a frame now share one
    rebuild, and a rebuild that would show the same keys as before is skipped: focus moving
    between widgets that offer the same keys changes nothing in the footer."""

    _rebuild_pending = False
    _shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            defer(self, self._rebuild)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Made in the footer's own style. A key starts compact and is then bound to the
                # footer's setting; each change restyled the key at once, and the restyling of
                # twenty keys was a large part of the time to draw a workshop.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def _keys(self) -> tuple:
        """Everything the footer's keys are drawn from."""
        get_key_display = self.app.get_key_display
        return tuple(
            (binding.key, binding.action, binding.description, binding.show, binding.group, enabled, tooltip,
             get_key_display(binding))
            for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
        ) + (self.compact, self.show_command_palette)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        # Under a dialog the footer keeps the keys it showed when its screen was on top:
        # recomputed there, they followed the dialog's focus, and whether they changed
        # depended on when the rebuild ran. They are rebuilt when the screen is on top again.
        if not self.is_attached or self.screen is not self.app.screen:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await self.recompose()
