"""Copy ids: two laptops built from one disk image must still count their changes apart."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from workshop.store import versions as store_versions


@pytest.fixture(autouse=True)
def forget_token():
    yield
    store_versions.install_id.cache_clear()  # the next test reads the suite's own data folder again


def fresh(monkeypatch, data_home: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    store_versions.install_id.cache_clear()


def test_same_host_user_and_path_on_two_installs_are_two_copies(monkeypatch, tmp_path: Path):
    session = tmp_path / "riverside.json"
    fresh(monkeypatch, tmp_path / "laptop-a")
    a = store_versions.copy_id(session)
    token = (tmp_path / "laptop-a" / "team-day" / "install-id").read_text()
    fresh(monkeypatch, tmp_path / "laptop-b")
    b = store_versions.copy_id(session)
    assert a != b
    fresh(monkeypatch, tmp_path / "laptop-a")
    assert store_versions.copy_id(session) == a  # the token is kept, so the id is stable
    assert (tmp_path / "laptop-a" / "team-day" / "install-id").read_text() == token
    mode = stat.S_IMODE((tmp_path / "laptop-a" / "team-day" / "install-id").stat().st_mode)
    assert mode == 0o600


def test_no_writable_data_folder_still_gives_an_id(monkeypatch, tmp_path: Path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    fresh(monkeypatch, blocked)
    assert store_versions.install_id() == ""
    assert len(store_versions.copy_id(tmp_path / "a.json")) == 8
    assert store_versions.copy_id(tmp_path / "a.json") != store_versions.copy_id(tmp_path / "b.json")
