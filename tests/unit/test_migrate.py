"""Format 1 files are read as format 2: upgraded in memory, written as 2 only when saved,
with the backup keeping the original; a newer format is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workshop import model
from workshop.merge.copies import merge_files
from workshop.store import NewerFormatError, Session, SessionFileError, backup_path, read_session_file

DATA = Path(__file__).parent / "data" / "handwritten_v1.json"


def _v1(tmp_path: Path, name: str = "northbank.json") -> Path:
    path = tmp_path / name
    path.write_bytes(DATA.read_bytes())
    return path


def _workshop(data: dict) -> dict:
    return next(r for r in data["workshop"].values() if "deleted_at" not in r)


def test_a_v1_file_is_read_as_v2_and_keeps_every_field(tmp_path: Path):
    path = _v1(tmp_path)
    original = json.loads(DATA.read_text())
    data = read_session_file(path)
    workshop = _workshop(data)
    assert model.SCHEMA_VERSION == 2 and workshop["schema_version"] == 2
    # Every v1 field and the unknown ones read as they were written.
    for key, value in _workshop(original).items():
        if key != "schema_version":
            assert workshop[key] == value, key
    assert data["participants"] == original["participants"]
    assert path.read_bytes() == DATA.read_bytes()  # reading changed nothing


def test_opening_a_v1_file_leaves_it_untouched_until_something_changes(tmp_path: Path):
    path = _v1(tmp_path)
    # A file with every workshop default written: opening it fills in nothing.
    data = json.loads(DATA.read_text())
    _workshop(data).update({k: v for k, v in model.defaults_for("workshop").items() if k not in _workshop(data)})
    _workshop(data)["schema_version"] = 1
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with Session.open(path) as session:
        assert session.workshop()["schema_version"] == 2
    assert path.read_bytes() == before, "opening and closing does not rewrite a v1 file"
    with Session.open(path) as session:
        session.insert("notes", activity="opening", kind="vision", text="Peer workers as equals.")
    saved = json.loads(path.read_text())
    assert _workshop(saved)["schema_version"] == 2
    assert backup_path(path).read_bytes() == before, "the backup keeps the v1 original"
    assert _workshop(json.loads(backup_path(path).read_text()))["schema_version"] == 1


def test_a_v1_file_that_fills_in_defaults_is_saved_as_v2_with_the_original_in_the_backup(tmp_path: Path):
    path = _v1(tmp_path)
    with Session.open(path):
        pass
    assert _workshop(json.loads(path.read_text()))["schema_version"] == 2
    assert backup_path(path).read_bytes() == DATA.read_bytes()


def test_a_v1_file_using_what_only_v2_has_is_refused(tmp_path: Path):
    path = _v1(tmp_path)
    data = json.loads(DATA.read_text())
    _workshop(data)["current_activity"] = "opening"
    path.write_text(json.dumps(data))
    with pytest.raises(SessionFileError, match="current_activity.*new in format 2"):
        read_session_file(path)


def test_a_v3_file_is_refused_with_a_clear_message_and_never_rewritten(tmp_path: Path):
    path = _v1(tmp_path)
    data = json.loads(DATA.read_text())
    _workshop(data)["schema_version"] = 3
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(NewerFormatError, match=r"newer version of Team Day \(format 3; this one reads up to 2\)"):
        Session.open(path)
    assert path.read_bytes() == before and not backup_path(path).exists()


def test_merging_a_v1_copy_with_a_v2_workshop(tmp_path: Path):
    v1 = _v1(tmp_path, "copy-a.json")
    v2 = tmp_path / "copy-b.json"
    v2.write_bytes(v1.read_bytes())
    with Session.open(v2) as session:
        session.insert("notes", activity="opening", kind="vision", text="Everyone meets someone who has been there.")
    assert _workshop(json.loads(v2.read_text()))["schema_version"] == 2
    out = tmp_path / "merged.json"
    merge_files(v1, v2, out)
    merged = read_session_file(out)
    assert _workshop(merged)["schema_version"] == 2
    visions = [n for n in merged["notes"].values() if n.get("kind") == "vision"]
    assert [n["text"] for n in visions] == ["Everyone meets someone who has been there."]
