"""The room's address as a QR code: light modules drawn as white blocks on black, fixed
colours whatever the theme, so a phone camera reads it on any screen or projector."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from workshop.room.qr import qr_lines


class RoomCode(Static):
    DEFAULT_CSS = """
    RoomCode { width: auto; height: auto; }
    """

    def show_address(self, url: str) -> None:
        if not url:
            self.update("")
            return
        self.update(Text("\n".join(qr_lines(url)), style="#ffffff on #000000", no_wrap=True))
