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


@pytest.fixture(autouse=True)
def _pause_waits_for_the_app():
    """`pilot.pause()` waits for the app's own readiness (workshop.tui.settle), not just for
    the CPU to look idle: on a loaded machine Textual's idle check returns while a view is
    still being filled, and a test then reads a half-built screen."""
    try:
        from textual.pilot import Pilot  # noqa: PLC0415
    except ImportError:
        yield
        return
    from tests.tui.settling import patched_pause  # noqa: PLC0415

    original = Pilot.pause
    Pilot.pause = patched_pause(original)
    try:
        yield
    finally:
        Pilot.pause = original
