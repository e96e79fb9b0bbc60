"""For the kill campaigns' victims (writer.py, exporter.py), run as scripts: stop the first
atomic write once its temporary file is written and synced, before it is put in place, print
"written N" and wait to be killed. A kill timed in milliseconds can miss that window on a
loaded machine; a held one surely leaves a temporary file for the sweep to find."""

from __future__ import annotations

import sys


def hold_after_temp_written(step: int) -> None:
    from workshop import atomic

    write_temp = atomic._write_temp

    def held(*args, **kwargs):
        tmp = write_temp(*args, **kwargs)
        print(f"written {step}", flush=True)
        sys.stdin.readline()  # the campaign kills us here; it never writes
        return tmp

    atomic._write_temp = held
