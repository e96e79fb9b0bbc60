"""Fixtures: a sessions folder and a workshop file in tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.tui.helpers import FIXED_MTIME
from workshop.store import Session


@pytest.fixture
def sessions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A sessions folder named relatively, so paths shown on screen are the same every run."""
    monkeypatch.chdir(tmp_path)
    folder = Path("sessions")
    folder.mkdir()
    return folder


@pytest.fixture
def workshop_file(sessions: Path) -> Path:
    session = Session.create(sessions / "riverside.json", title="Riverside CMHT team day",
                             team="Riverside CMHT", date="2026-12-03")
    session.close()
    os.utime(session.path, (FIXED_MTIME, FIXED_MTIME))
    return session.path

