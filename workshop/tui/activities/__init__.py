"""The six activity views, found by activity key.

Each activity's view lives in the module of the same name (`workshop.tui.activities.<key>`)
and is exported there as `VIEW`, so adding one needs no edit here."""

from __future__ import annotations

from importlib import import_module

from workshop.tui.activities.base import ActivityView
from workshop.tui.activities.overview import OverviewView


def view_for(activity: str) -> type[ActivityView]:
    try:
        module = import_module(f"workshop.tui.activities.{activity}")
    except ModuleNotFoundError as exc:
        if exc.name != f"workshop.tui.activities.{activity}":
            raise
        return type(f"OverviewView_{activity}", (OverviewView,), {"activity": activity})
    return module.VIEW
