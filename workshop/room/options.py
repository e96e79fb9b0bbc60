"""`workshop open PATH --room [--host ADDR] [--port N]`: the command line's side of the room.
Kept apart from the server so that the command line does not load aiohttp to parse itself."""

from __future__ import annotations

import argparse
import ipaddress
from typing import Any

ALL_INTERFACES = {"0.0.0.0", "::"}


def add_room_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--room", action="store_true",
                        help="open the room as the workshop opens, so participants can add words from their phones")
    parser.add_argument("--host", metavar="ADDR", default=None,
                        help="the room's address on this laptop (default: its Wi-Fi or hotspot address); "
                             "0.0.0.0 listens on every network, only if you mean it")
    parser.add_argument("--port", metavar="N", type=int, default=0, help="the room's port (default: a free one)")


def check_room_arguments(args: argparse.Namespace) -> None:
    """Refuses a host that is not an IP address, a port out of range, or either without --room."""
    host, port = getattr(args, "host", None), getattr(args, "port", 0) or 0
    if (host is not None or port) and not getattr(args, "room", False):
        raise ValueError("--host and --port only make sense with --room")
    if host is not None:
        try:
            ipaddress.ip_address(host)
        except ValueError:
            raise ValueError(f"--host {host!r} is not an IP address of this laptop (for example 192.168.1.20)") from None
    if not 0 <= port <= 65535:
        raise ValueError(f"--port {port} is not a port number (1 to 65535)")


def room_request(args: argparse.Namespace) -> dict[str, Any] | None:
    """What the app should open the room with, or None when --room was not given."""
    if not getattr(args, "room", False):
        return None
    return {"host": getattr(args, "host", None), "port": getattr(args, "port", 0) or 0}
