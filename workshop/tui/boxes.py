"""Whether a widget is a box being typed in, without loading Textual's text area to ask.

The text area's modules (documents, syntax, themes) are loaded only when one is first made;
a workshop opens and the home screen draws without them. No text area can have focus before
its module is loaded, so "is it one?" needs no import."""

from __future__ import annotations

import sys
from typing import Any

from textual.widgets import Input


def is_text_area(widget: Any) -> bool:
    module = sys.modules.get("textual.widgets._text_area")
    return module is not None and isinstance(widget, module.TextArea)


def is_typing_box(widget: Any) -> bool:
    """An entry box or a text area: where letters are text, not commands."""
    return isinstance(widget, Input) or is_text_area(widget)
