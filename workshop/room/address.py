"""Which address of this laptop the phones in the room can reach, found without the internet.

A UDP socket "connected" to an address sends nothing, but makes the system choose the
interface it would route through, and so the laptop's own address on the Wi-Fi or hotspot.
With no network at all that fails, and the room falls back to this laptop only (127.0.0.1),
which the screen says plainly."""

from __future__ import annotations

import ipaddress
import socket

LOOPBACK = "127.0.0.1"
# Private-range targets: a route to one of them is the local network's, never the internet's.
_PROBES = ("10.255.255.255", "192.168.255.255", "172.31.255.255")


def local_address() -> tuple[str, bool]:
    """(address, found): the laptop's address on the local network, or (127.0.0.1, False)."""
    for probe in _PROBES:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                address = sock.getsockname()[0]
        except OSError:
            continue
        ip = ipaddress.ip_address(address)
        if not ip.is_loopback and not ip.is_unspecified and not ip.is_link_local:
            return address, True
    return LOOPBACK, False
