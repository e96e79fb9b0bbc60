"""The activity views, found by activity key: the six of the day, and the review that
opens a follow-up (`review`).

Each activity's view lives in the module of the same name (`workshop.tui.activities.<key>`)
and is exported there as `VIEW`."""

from __future__ import annotations

from importlib import import_module

from workshop.tui.activities.base import ActivityView


def view_for(activity: str) -> type[ActivityView]:
    return import_module(f"workshop.tui.activities.{activity}").VIEW
