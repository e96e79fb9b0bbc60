"""Two copies of one workshop edited apart, as on two laptops: one file created, copied to a
second folder (a second path is a second copy), then each changed through its own Session."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

import pytest

from workshop import model
from workshop.store import Session


class Clock:
    """Stands in for model.now_iso: every call one second later, so "changed later" is
    never left to the speed of the machine."""

    def __init__(self, start: str = "2026-12-03T09:00:00") -> None:
        self.now = datetime.fromisoformat(start).replace(tzinfo=timezone.utc)

    def __call__(self) -> str:
        self.now += timedelta(seconds=1)
        return self.now.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def use_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Every time the store stamps from now on comes from a Clock."""
    fake = Clock()
    monkeypatch.setattr(model, "now_iso", fake)
    return fake


def two_copies(folder: Path, build: Callable[[Session], Any] | None = None, *,
               title: str = "Riverside CMHT team day") -> tuple[Path, Path]:
    """laptop-a/day.json and laptop-b/day.json, the same workshop as `build` left it."""
    a = folder / "laptop-a" / "day.json"
    b = folder / "laptop-b" / "day.json"
    a.parent.mkdir(parents=True, exist_ok=True)
    b.parent.mkdir(parents=True, exist_ok=True)
    with Session.create(a, title=title, team="Riverside CMHT", date="2026-12-03") as session:
        if build is not None:
            build(session)
    shutil.copyfile(a, b)
    return a, b


def edit(path: Path, change: Callable[[Session], Any]) -> Any:
    with Session.open(path, fallback_read_only=False) as session:
        return change(session)


def find(session: Session, table: str, **where: Any) -> dict[str, Any]:
    return next(r for r in session.records(table) if all(r.get(k) == v for k, v in where.items()))
