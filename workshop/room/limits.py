"""How much the room accepts. Apart from the server so that a workshop can name its limits
without loading the web server (aiohttp takes a tenth of a second to import; it is loaded
only when the room opens)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RoomLimits:
    max_body: int = 16 * 1024  # bytes in one request: a form of 2,000 characters fits many times
    per_minute: int = 12  # items one client may send in a minute
    slow_after: float = 10.0  # seconds a client has to send its request
    idle_minutes: float = 30.0  # the room closes itself after this long with nothing sent
