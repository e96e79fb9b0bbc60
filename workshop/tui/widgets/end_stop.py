"""Lists whose highlight stops at the first and last item.

Textual's OptionList wraps from the last item to the first. In a long list on a projector
nobody sees the jump, and the next letter key acts on an item far from where everyone was
looking (an item was deleted that way)."""

from __future__ import annotations

from textual.strip import Strip
from textual.widgets import OptionList

from workshop.tui.settle import defer


class EndStopList(OptionList):
    # Room for the scrollbar is kept whether or not it shows, so items are measured once, at
    # the width they are drawn at: a list that grows past the screen does not narrow and
    # measure all its items again (twice the work when a 2,000-item workshop opens).
    DEFAULT_CSS = """
    EndStopList { scrollbar-gutter: stable; }
    """

    def on_resize(self) -> None:
        # Textual measures the options again after a resize but leaves the scroll where it
        # was, measured for the old width: the highlighted item could end up half out of
        # view, or the list scrolled past lines that now fit. Bring the highlight into view
        # once the new size is laid out (counted, so "ready" waits for it).
        defer(self, self.scroll_to_highlight)

    _measured_width = 0

    def _update_lines(self) -> None:
        # Textual measures the options at the width the list has when first asked and again
        # only after a Resize event. When the list's own scrollbar appears after that (it grew
        # taller than the screen), no Resize comes: each wrapped item kept its wider measure,
        # its last line was cut off, and the end of the list could not be brought into view.
        width = self.scrollable_content_region.width
        if width and width != self._measured_width:
            if self._measured_width:
                self._clear_caches()
                defer(self, self.scroll_to_highlight)
            self._measured_width = width
        super()._update_lines()

    def notify_style_update(self) -> None:
        # Option padding comes from CSS (projector mode spaces items apart); the measured
        # heights must follow a style change as they follow a resize.
        self._clear_caches()
        super().notify_style_update()

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
        # stay blank until the item scrolls fully into view. The line cache is read as it
        # is: render_lines has just brought it up to date (each read through `_lines` or
        # `_index_to_line` measures the list's region again, and this runs for every line).
        top = self.scroll_offset.y
        cache = self._line_cache
        try:
            index, offset = cache.lines[top + y]
        except IndexError:
            index, offset = None, 0
        if (index is not None and offset > 0 and cache.index_to_line.get(index, top + y) < top
                and y < self.scrollable_content_region.height):
            return Strip.blank(self.scrollable_content_region.width,
                               self.get_visual_style("option-list--option").rich_style)
        return super().render_line(y)
