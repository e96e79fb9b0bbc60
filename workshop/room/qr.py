"""The room's address as a QR code drawn in text, readable on a projector.

Each text row holds two rows of modules in half-block characters, so the code keeps its
square shape in a terminal cell (about twice as tall as wide). A block stands for light
modules and a space for dark ones: drawn white on black (see tui/room/qr_widget.py), the
code reads dark on light with a light quiet zone, as phone cameras expect."""

from __future__ import annotations

import segno

_BLOCKS = {(False, False): "█", (True, True): " ", (True, False): "▄", (False, True): "▀"}


def qr_lines(data: str, border: int = 2) -> list[str]:
    """The QR code of `data` as text rows of half blocks, light quiet zone included."""
    code = segno.make(data, error="l", boost_error=False)
    size = len(code.matrix) + 2 * border
    dark = [[False] * size for _ in range(size)]
    for y, row in enumerate(code.matrix):
        for x, module in enumerate(row):
            dark[y + border][x + border] = bool(module)
    if size % 2:
        dark.append([False] * size)
    return ["".join(_BLOCKS[(top[x], bottom[x])] for x in range(size))
            for top, bottom in zip(dark[0::2], dark[1::2])]
