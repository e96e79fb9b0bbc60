"""The draft job description, read-only, with flagged wording marked in the text.

A Line API widget: the text is wrapped once per width and only the lines on screen are
drawn, so a 50,000-character draft with hundreds of marks scrolls smoothly.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

# Not colour alone: an open flag is reversed, an accepted one underlined, a dismissed one
# struck through, and each carries a numbered marker naming its state.
STATE_STYLE = {
    "open": Style(reverse=True, bold=True),
    "accepted": Style(bold=True, underline=True),
    "dismissed": Style(italic=True),
}
STATE_MARK = {"open": "", "accepted": " ✓", "dismissed": " ✗"}
MARKER_STYLE = Style(bold=True)


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    number: int
    state: str


def wrap_starts(text: str, width: int) -> list[int]:
    """Where each screen line begins when `text` is word-wrapped to `width` cells.
    Every "\n" starts a new line; a word longer than the width is folded."""
    width = max(width, 4)
    starts: list[int] = []
    pos = 0
    for para in text.split("\n"):
        starts.append(pos)
        if "\t" not in para and (para.isascii() or cell_len(para) == len(para)):
            _wrap_plain(para, width, pos, starts)
        elif cell_len(para) > width:
            measure = cell_len
            used = 0
            for match in re.finditer(r"\s*\S+", para):
                word_start = pos + match.start()
                word = match.group()
                size = measure(word)
                if used and used + size > width:
                    # the word goes on a new line, without the spaces before it
                    stripped = word.lstrip()
                    word_start += len(word) - len(stripped)
                    starts.append(word_start)
                    word, size, used = stripped, measure(stripped), 0
                while size > width:  # fold a word longer than the line
                    cut, taken = 0, 0
                    while cut < len(word) and taken + cell_len(word[cut]) <= width - used:
                        taken += cell_len(word[cut])
                        cut += 1
                    cut = max(cut, 1)
                    word_start += cut
                    word = word[cut:]
                    starts.append(word_start)
                    size, used = measure(word), 0
                used += size
        pos += len(para) + 1
    return starts


def _wrap_plain(para: str, width: int, pos: int, starts: list[int]) -> None:
    """The same greedy wrap for a paragraph where every character is one cell wide, using
    string searches instead of a loop over words (a 50,000-character draft in a few ms)."""
    i, n = 0, len(para)
    while n - i > width:
        cut = para.rfind(" ", i + 1, i + width + 1)
        if cut < 0:
            nxt = i + width  # no space to break at: fold the word
        else:
            nxt = cut + 1
            while nxt < n and para[nxt] == " ":
                nxt += 1
            if nxt >= n:
                return
        starts.append(pos + nxt)
        i = nxt


class DraftText(ScrollView, can_focus=True):
    """Shows one draft. `show` sets the text and its marks; `scroll_to_mark` brings a
    numbered mark into view."""

    DEFAULT_CSS = """
    DraftText {
        scrollbar-gutter: stable;
        overflow-x: hidden;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._source = ""
        self._marks: list[Mark] = []
        self._plain = ""
        # Styled stretches of `_plain`, sorted and never overlapping; ends kept apart for bisect.
        self._spans: list[tuple[int, int, Style]] = []
        self._span_ends: list[int] = []
        self._mark_at: dict[int, int] = {}  # mark number -> offset of its first place in `_plain`
        self._starts: list[int] = [0]
        self._width = 0
        self._cache: LRUCache[int, Strip] = LRUCache(256)

    @property
    def shown(self) -> str:
        """The text as shown, markers included."""
        return self._plain

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def show(self, text: str, marks: list[Mark] | None = None) -> None:
        """Show `text` with `marks` (character ranges of `text`, any order, not overlapping)."""
        self._source = text
        self._marks = sorted(marks or [], key=lambda m: m.start)
        self._build()
        self._wrap(force=True)

    def _build(self) -> None:
        text, parts, spans = self._source, [], []
        self._mark_at = {}
        cursor = 0
        out = 0
        for mark in self._marks:
            if mark.start < cursor or mark.end > len(text):
                continue
            parts.append(text[cursor:mark.start])
            out += mark.start - cursor
            phrase = text[mark.start:mark.end]
            label = f"⟨{mark.number}{STATE_MARK.get(mark.state, '')}⟩"
            end = out + len(phrase)
            spans.append((out, end, STATE_STYLE.get(mark.state, STATE_STYLE["open"])))
            spans.append((end, end + len(label), MARKER_STYLE))
            self._mark_at.setdefault(mark.number, out)
            parts += [phrase, label]
            out = end + len(label)
            cursor = mark.end
        parts.append(text[cursor:])
        self._plain = "".join(parts)
        self._spans = spans
        self._span_ends = [span[1] for span in spans]

    def _wrap(self, force: bool = False) -> None:
        width = self.scrollable_content_region.width if self.is_mounted else 0
        if width <= 0:
            width = 76
        if width == self._width and not force:
            return
        self._width = width
        self._starts = wrap_starts(self._plain, width)
        self._cache.clear()
        self.virtual_size = Size(width, len(self._starts))
        self.refresh()

    def _line(self, index: int) -> Text:
        """One screen line with its styles, made when it is first drawn."""
        start = self._starts[index]
        end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self._plain)
        line = Text(self._plain[start:end].rstrip("\n"), no_wrap=True, end="")
        i = bisect_right(self._span_ends, start)
        while i < len(self._spans) and self._spans[i][0] < end:
            s, e, style = self._spans[i]
            line.stylize(style, max(s, start) - start, min(e, end) - start)
            i += 1
        return line

    def on_resize(self) -> None:
        self._wrap()

    def scroll_to_mark(self, number: int) -> bool:
        """Scroll so the first place of mark `number` shows near the top. False if there is none."""
        offset = self._mark_at.get(number)
        if offset is None:
            return False
        line = max(0, bisect_right(self._starts, offset) - 1)
        self.scroll_to(y=max(0, line - 2), animate=False)
        return True

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._starts):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            segments = list(Segment.apply_style(self._line(index).render(self.app.console), base))
            strip = Strip(segments)
            self._cache[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base).apply_offsets(scroll_x, index)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
