"""Helpers for talking to a room the way a phone does: fetch the form, send it back."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import aiohttp

FORM = re.compile(r'name="form" value="([^"]+)"')


def form_token(html: str) -> str:
    match = FORM.search(html)
    assert match, "the page has no form"
    return match.group(1)


async def send(client: aiohttp.ClientSession, url: str, text: str, choice: str = "hope",
               activity: str = "hopes_fears") -> aiohttp.ClientResponse:
    """One person's whole turn: load the page, fill the form in, send it."""
    async with client.get(url) as page:
        token = form_token(await page.text())
    data = {"form": token, "activity": activity, "choice": choice, "text": text}
    async with client.post(url, data=data, allow_redirects=False) as response:
        await response.read()
        return response


def listening(port: int) -> bool:
    """Whether anything listens on `port` on this machine (read from /proc/net/tcp, the
    way `ss -ltn` does; psutil is not a dependency)."""
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        table = Path(name)
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            fields = line.split()
            local, state = fields[1], fields[3]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                return True
    return False


def connectable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False
