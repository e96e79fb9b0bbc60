"""Lists whose highlight stops at the first and last item.

Textual's OptionList wraps from the last item to the first. In a long list on a projector
nobody sees the jump, and the next letter key acts on an item far from where everyone was
looking (an item was deleted that way)."""

from __future__ import annotations

from textual.strip import Strip
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

    def render_line(self, y: int) -> Strip:
        # The top of the list never shows the tail of a wrapped item without its first line:
        # read aloud from a projector, "…and recovery education." means nothing. Those lines
        # stay blank until the item scrolls fully into view.
        if y < self.scrollable_content_region.height:
            line = self.scroll_offset.y + y
            try:
                index, offset = self._lines[line]
            except IndexError:
                index, offset = None, 0
            if index is not None and offset > 0 and self._index_to_line.get(index, line) < self.scroll_offset.y:
                return Strip.blank(self.scrollable_content_region.width,
                                   self.get_visual_style("option-list--option").rich_style)
        return super().render_line(y)

