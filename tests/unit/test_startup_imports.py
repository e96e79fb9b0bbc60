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


# Not needed to draw the home screen: an open workshop's store (TinyDB), the text area of the
# notes, importlib.resources (content is read from the package's folder), the TOML parser (the
# activities, read at every start, are JSON).
NOT_FOR_THE_HOME_SCREEN = ("tinydb", "workshop.store.session", "workshop.history", "textual.widgets._text_area",
                           "importlib.resources", "zipfile", "tomllib")


def test_the_home_screen_loads_only_what_it_draws():
    code = (
        "import sys\n"
        "import workshop.tui.app, workshop.tui.screens.home\n"
        f"wanted = {NOT_FOR_THE_HOME_SCREEN!r}\n"
        "print(','.join(sorted(m for m in sys.modules if any(m == w or m.startswith(w + '.') for w in wanted))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_names_of_the_store_are_found_where_they_live():
    # workshop.store looks its names up when first used (see its __init__): every one of
    # them must be found, and be the object its module holds.
    import importlib

    import workshop.store as store

    for name, module in store._WHERE.items():
        assert getattr(store, name) is getattr(importlib.import_module(f"workshop.store.{module}"), name), name


def test_a_workshop_opens_without_the_text_area():
    # The notes' text area is made when the notes are first opened (tui/widgets/notes.py).
    code = (
        "import sys\n"
        "import workshop.tui.app, workshop.tui.screens.workshop\n"
        "print('textual.widgets._text_area' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
