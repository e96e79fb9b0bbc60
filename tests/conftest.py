"""Fixtures shared by the store, model and CLI tests: a sessions folder and a saved workshop."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.sessions import build_workshop


@pytest.fixture
def session_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir()
    return folder


@pytest.fixture
def saved_workshop(session_dir: Path) -> Path:
    """A closed workshop file with a few records in most tables."""
    return build_workshop(session_dir / "riverside.json", items=6)


def pytest_configure(config) -> None:
    # The per-account install token (store_versions.install_id) goes to a scratch folder,
    # never the real home; child processes (crash campaigns) inherit it.
    import os  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="team-day-data-")
