"""Text that people typed (or a file, user or host name) shown exactly as it is.

Textual reads a plain `str` given to Label, Static, `update`, a DataTable cell, an Option
prompt or a Select choice as markup: a concern such as "[b]oundaries" loses its brackets,
and a title such as "Team [/x] day" raises MarkupError and stops the app. Anything that can
hold someone's words goes through `literal` (or `cell` for a DataTable) before it reaches a
widget; text the code writes itself may stay a plain string.

Notifications take a `str` only: pass `markup=False` to `notify` instead.
"""

from __future__ import annotations

import re

from rich.text import Text

# C0 and C1 control characters other than tab and newline. An escape sequence pasted into
# an imported document must not reach the terminal: it would recolour or move the screen.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Direction embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). A terminal
# that lays text out in both directions reorders what follows one on its line, so a file
# named "minutes<U+202E>xcod.json" could read as another name, or push a mark ("cannot open",
# "conflict copy") out of place. Removed for a translate table, not in the pattern above: a
# class beyond ASCII costs this module's import (before the first frame) a few times more.
_DIRECTION = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def literal(value: object, style: str = "", **options) -> Text:
    """`value` (usually a str; None gives empty text) as Rich Text, which no widget reads as
    markup. `style` and `options` (no_wrap, overflow, end...) are passed to Text."""
    text = _CONTROL.sub("", "" if value is None else str(value))
    if not text.isascii():
        text = text.translate(_DIRECTION)
    return Text(text, style=style, **options)


def cell(value: object, style: str = "") -> Text:
    """A DataTable cell of a one-line row, drawn as the table draws a plain string (one line,
    cut at the column's edge) but never read as markup."""
    return literal(value, style, no_wrap=True, end="")


def quoted(text: str, limit: int = 40) -> str:
    """An item named in a message or an undo step: its first words, on one line, in quotes,
    so "Deleted…" and "Undone…" say which item, not just what kind."""
    words = " ".join(str(text or "").split())
    if len(words) > limit:
        words = words[: limit - 1].rstrip() + "…"
    return f"“{words}”"


def update_if_changed(label, content) -> None:
    """`label.update(content)` only when the content differs: every update asks for a new
    layout and a repaint, and on Enter most labels (prompt, status, other column) stay as
    they were."""
    if label.content != content:
        label.update(content)
