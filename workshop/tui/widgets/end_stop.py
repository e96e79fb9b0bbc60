"""Lists whose highlight stops at the first and last item.

Textual's OptionList wraps from the last item to the first. In a long list on a projector
nobody sees the jump, and the next letter key acts on an item far from where everyone was
looking (an item was deleted that way)."""

from __future__ import annotations

from textual.widgets import OptionList


class EndStopList(OptionList):
    def action_cursor_down(self) -> None:
        before = self.highlighted
        super().action_cursor_down()
        if before is not None and self.highlighted is not None and self.highlighted < before:
            self.highlighted = before

    def action_cursor_up(self) -> None:
        before = self.highlighted
        super().action_cursor_up()
        if before is not None and self.highlighted is not None and self.highlighted > before:
            self.highlighted = before
