"""When Python's cycle collector runs while a workshop opens.

The collector runs whenever enough objects have been made, and each full pass looks at every
object alive. Opening a workshop makes a great many that all stay alive (Textual's modules,
the records, the widgets, each item's text), so it ran pass after pass for nothing: about a
tenth of the time to a drawn 2,000-item workshop. It is held from the moment the command
line decides to show the app (or the app starts, when made directly) until the first frame
is drawn; what exists then is set aside (frozen), so later passes, while people type, do not
walk through it again. A closed workshop's objects are handed back (`thaw`).

Plain Python, shared by the command line and the screens."""

from __future__ import annotations

import gc

_held = False


def hold_collecting() -> None:
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def resume_collecting() -> None:
    """Collect again (and set aside what exists now). Safe to call when nothing is held."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()


def thaw() -> None:
    """Let the collector free what was set aside at start-up (a workshop was closed)."""
    gc.unfreeze()
