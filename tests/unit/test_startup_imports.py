"""What the app loads to show a workshop: the web server of the room (aiohttp, about a tenth
of a second) and the guide's Markdown parser wait until they are used. Checked in a fresh
interpreter, so an import made by another test cannot hide one."""

from __future__ import annotations

import subprocess
import sys

SLOW_TO_LOAD = ("aiohttp", "segno", "markdown_it")


def test_opening_a_workshop_does_not_load_the_room_or_the_guide():
    code = (
        "import sys\n"
        "import workshop.tui.app, workshop.tui.screens.workshop, workshop.tui.screens.home\n"
        f"print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in {SLOW_TO_LOAD!r})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_opening_the_room_loads_its_server():
    code = (
        "import sys\n"
        "from workshop.room import RoomQueue\n"
        "from workshop.tui.room.host import RoomHost\n"
        "class History:\n"
        "    def workshop(self): return {'title': 'x'}\n"
        "RoomHost(History(), lambda message: None, lambda: 'hopes_fears')\n"
        "print('aiohttp' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"
