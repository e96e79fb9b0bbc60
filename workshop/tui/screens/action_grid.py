"""Text columns for the concerns log and the action plan: cells wrapped to a width, side by side.

An OptionList wraps each option as one block of text; these helpers lay a row out as
columns so a table reads as a table (and stays quick with hundreds of rows: plain string
work, no Rich tables to measure)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len, set_cell_size
from textual.content import Content

GAP = 2


@dataclass
class Cell:
    """One cell: its text wrapped to `width`, at most `max_lines` lines, then any extra lines
    (already short, each with its own style) such as an "OVERDUE" marker."""

    text: str
    width: int
    style: str = ""
    max_lines: int = 6
    extra: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[tuple[str, str]]:
        wrapped = [(line, self.style) for line in fit_lines(self.text, self.width, self.max_lines)]
        if self.extra and wrapped == [("", self.style)]:
            wrapped = []
        return wrapped + list(self.extra)


def fit_lines(text: str, width: int, max_lines: int = 6) -> list[str]:
    """`text` wrapped at spaces to `width` cells, cut to `max_lines` with an ellipsis."""
    text = text or ""
    if width <= 1:
        return [text[:1]]
    measure = len if text.isascii() else cell_len
    if "\n" not in text and measure(text) <= width:
        return [text]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap(paragraph, width, measure))
        if len(lines) > max_lines:
            break
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = set_cell_size(lines[-1], width - 1).rstrip() + "…"
    return lines or [""]


def _wrap(paragraph: str, width: int, measure) -> list[str]:
    """Greedy word wrap (textwrap is several times slower, and a list of 500 rows wraps
    a few thousand cells). A word longer than the line is cut."""
    lines: list[str] = []
    current = ""
    for word in paragraph.split():
        while measure(word) > width:
            if current:
                lines.append(current)
                current = ""
            head = set_cell_size(word, width) if measure is cell_len else word[:width]
            lines.append(head)
            word = word[len(head):]
        if not word:
            continue
        if not current:
            current = word
        elif measure(current) + 1 + measure(word) <= width:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return lines


def pad(line: str, width: int) -> str:
    """`line` cut or padded to exactly `width` cells."""
    if line.isascii():
        return line[:width].ljust(width)
    return set_cell_size(line, width)


def grid(cells: list[Cell], *, gap: int = GAP, indent: int = 0) -> list:
    """The cells side by side as (text, style) parts, every line padded so the columns line up."""
    columns = [cell.lines() for cell in cells]
    height = max((len(c) for c in columns), default=1)
    parts: list = []
    spacer = " " * gap
    lead = " " * indent
    for row in range(height):
        if row:
            parts.append("\n")
        if indent:
            parts.append(lead)
        for index, (cell, lines) in enumerate(zip(cells, columns)):
            if index:
                parts.append(spacer)
            line, style = lines[row] if row < len(lines) else ("", "")
            parts.append((pad(line, cell.width), style) if style else pad(line, cell.width))
    return parts


def below(text: str, width: int, *, indent: int = 0, style: str = "", max_lines: int = 3) -> list:
    """Parts for `text` on lines of its own, wrapped to `width` and indented."""
    parts: list = []
    for line in fit_lines(text, max(8, width - indent), max_lines):
        parts.append("\n" + " " * indent)
        parts.append((line, style) if style else line)
    return parts


def assemble(parts: list) -> Content:
    """One OptionList prompt from parts. Content, not Rich Text: no markup is read from what
    people typed, and the list has nothing to convert."""
    return Content.assemble(*parts, strip_control_codes=False)  # the model cleaned them already


def grid_text(cells: list[Cell], *, gap: int = GAP, indent: int = 0) -> Content:
    return assemble(grid(cells, gap=gap, indent=indent))


def split_widths(total: int, fixed: list[int | None], shares: list[int], gap: int = GAP) -> list[int]:
    """Column widths filling `total`: fixed columns keep theirs, the rest share what is left
    in proportion to `shares` (each at least 6 cells)."""
    free = total - gap * (len(fixed) - 1) - sum(w for w in fixed if w)
    flexible = [i for i, w in enumerate(fixed) if w is None]
    weight = sum(shares[i] for i in flexible) or 1
    widths = [w or 0 for w in fixed]
    given = 0
    for n, i in enumerate(flexible):
        if n == len(flexible) - 1:
            widths[i] = max(6, free - given)
        else:
            widths[i] = max(6, free * shares[i] // weight)
            given += widths[i]
    return widths


def spaced(options: list, on: bool) -> list:
    """In projector mode, a faint rule between rows (OptionList ignores vertical padding of
    its options, so CSS cannot space them out)."""
    if not on or not options:
        return options
    out: list = []
    for option in options:
        if out:
            out.append(None)
        out.append(option)
    return out
