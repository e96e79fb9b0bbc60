"""A list item whose wrapped lines start under its text, not under its marker.

A hope with three votes reads "●3 Peer workers will…"; when it wraps, the second line
belongs under "Peer", so the column of markers stays clear for the eye to run down."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


class Hanging(Visual):
    """`marker` on the first line, `body` wrapped beside it with a hanging indent."""

    def __init__(self, marker: Text | Content, body: Text | Content) -> None:
        self.marker = marker if isinstance(marker, Content) else Content.from_rich_text(marker)
        self.body = body if isinstance(body, Content) else Content.from_rich_text(body)
        self.indent = self.marker.cell_length

    def __str__(self) -> str:
        return self.marker.plain + self.body.plain

    def _body_width(self, width: int) -> int:
        return max(1, width - self.indent)

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        if not width:
            return []
        lines = self.body.render_strips(self._body_width(width), None, style, options) or [Strip.blank(0)]
        if self.indent:
            rich_style = style.rich_style
            first = self.marker.render_strips(self.indent, 1, style, options)
            marker = (first[0] if first else Strip.blank(0)).extend_cell_length(self.indent, rich_style)
            blank = Strip.blank(self.indent, rich_style)
            lines = [Strip.join([marker if n == 0 else blank, line]) for n, line in enumerate(lines)]
        return lines[:height] if height is not None else lines

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.indent + self.body.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        body = self.body
        room = self._body_width(width) - rules.get("line_pad", 0) * 2
        # Most items are one short line: no need to wrap them to know it (a list measures every
        # item when a workshop opens, and again after a resize).
        if body.cell_length <= room and "\n" not in body.plain:
            return 1
        return max(1, body.get_height(rules, self._body_width(width)))
