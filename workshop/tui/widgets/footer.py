"""The footer of keys, redrawn once per burst of changes rather than once per change."""

from __future__ import annotations

from rich.cells import cell_len
from textual.screen import Screen
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from workshop.tui.first_frame import after_first_frame

# Shown whatever the width: Help lists every other key, and nobody should hunt for Quit.
KEPT = frozenset({"help", "quit"})
PALETTE_WIDTH = 13  # "▏ ^p palette", docked at the right


def key_width(key_display: str, description: str, compact: bool) -> int:
    """Cells one key takes in the footer (Textual pads the key and its description)."""
    return cell_len(key_display) + cell_len(description) + (1 if compact else 3)


def dropped(keys: list[tuple[str, str, str]], width: int, compact: bool) -> frozenset[int]:
    """Which keys (by position; each given as action, key shown, description) to leave out so
    the rest fit in `width`: from the last, sparing KEPT. Textual's footer cut the keys that
    did not fit at the edge, so at 80 columns Quit and Help were never seen."""
    if not width:
        return frozenset()
    room = width - PALETTE_WIDTH
    total = sum(key_width(shown, description, compact) for _action, shown, description in keys)
    out = set()
    for n in range(len(keys) - 1, -1, -1):
        if total <= room:
            break
        action, shown, description = keys[n]
        if action in KEPT:
            continue
        out.add(n)
        total -= key_width(shown, description, compact)
    return frozenset(out)


class KeyFooter(Footer):
    """Textual's Footer rebuilds all its keys on every binding change; opening a workshop
    moves focus and refreshes bindings a dozen times in one frame, and rebuilding the keys
    each time was most of the time to first paint. Changes within a frame now share one
    rebuild, and a rebuild that would show the same keys as before is skipped: focus moving
    between widgets that offer the same keys changes nothing in the footer. While the app
    starts, the keys wait for its first frame (as Textual's own footer's do): the workshops or
    the items come first."""

    _rebuild_pending = False
    _shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            after_first_frame(self, self._rebuild)

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        keys = [w for w in widgets if isinstance(w, FooterKey) and not w.has_class("-command-palette")]
        left_out = dropped([(k.action, k.key_display, k.description) for k in keys], self.size.width,
                           self.compact)
        for widget in widgets:
            if isinstance(widget, FooterKey):
                if widget in keys and keys.index(widget) in left_out:
                    continue
                # Made in the footer's own style. A key starts compact and is then bound to the
                # footer's setting; each change restyled the key at once, and the restyling of
                # twenty keys was a large part of the time to draw a workshop.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def on_resize(self) -> None:
        # Which keys fit depends on the width: rebuilt (once per burst) if that changed them.
        if self.is_attached and not self._rebuild_pending:
            self._rebuild_pending = True
            after_first_frame(self, self._rebuild)

    def _keys(self) -> tuple:
        """Everything the footer's keys are drawn from (the bindings it shows, and the command
        palette's), and which of them fit. Bindings it does not show are left out: focus
        moving to a widget with other hidden keys changes nothing to draw."""
        get_key_display = self.app.get_key_display
        active = self.screen.active_bindings
        shown_bindings = [(binding, enabled, tooltip) for (_node, binding, enabled, tooltip) in active.values()
                          if binding.show]
        shown = {}  # one key per action, as Textual's footer shows them
        for binding, _enabled, _tooltip in shown_bindings:
            if binding.action not in shown:
                shown[binding.action] = (binding.action, get_key_display(binding), binding.description)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        return tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip,
             get_key_display(binding))
            for binding, enabled, tooltip in shown_bindings
        ) + (palette and (palette[1].key, palette[2], palette[1].tooltip, get_key_display(palette[1])),
             self.compact, self.show_command_palette, dropped(list(shown.values()), self.size.width, self.compact))

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
