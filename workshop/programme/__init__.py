"""The programme view: every team day and follow-up review in some folders, together.

    from workshop.programme import gather, render, write_programme, work_out

`gather` reads the files (read-only, via the store's checked reader), `work_out` says what
the programme shows, `render` turns it into .docx, .md or .csv bytes and `write_programme`
writes them through the export's guard and atomic writer. No Textual here: the home
screen's view calls this from a worker thread.

Names are loaded on first use, so that registering the `programme` command costs the
other commands nothing at start-up.
"""

from __future__ import annotations

import importlib

_WHERE = {"gather": "reading", "Gathered": "reading", "Skipped": "reading", "Workshop": "reading",
          "Facts": "facts", "work_out": "facts", "FORMATS": "output", "default_name": "output",
          "render": "output", "write_programme": "output"}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
