"""A file that cannot be read is refused with a message naming file, table, record and field,
and nothing is ever written to it. The backup is kept and can be put back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers.sessions import build_workshop, fingerprint, raw, write_raw
from workshop.store import (
    NewerFormatError,
    Session,
    SessionFileError,
    StoreError,
    backup_path,
    lock_path,
    read_session_file,
    restore_backup,
)


def first(table: dict) -> dict:
    return next(iter(table.values()))


def spoil(path: Path, how) -> bytes:
    """Change the parsed file with `how(data)` and write it back; returns the new bytes."""
    data = raw(path)
    how(data)
    return write_raw(path, data)


def _set(table: str, field: str, value):
    def change(data):
        first(data[table])[field] = value
    return change


CASES = {
    # name: (change, words the message must hold)
    "wrong type": (_set("hopes_fears", "votes", "three"), ["hopes_fears", "votes", "whole number"]),
    "negative votes": (_set("hopes_fears", "votes", -1), ["hopes_fears", "votes"]),
    "bad choice": (_set("hopes_fears", "kind", "maybe"), ["hopes_fears", "kind", "hope, fear"]),
    "missing required": (lambda d: first(d["hopes_fears"]).pop("text"), ["hopes_fears", "text", "missing"]),
    "bad date": (_set("workshop", "date", "2026-02-30"), ["workshop", "date", "YYYY-MM-DD"]),
    "empty title": (_set("workshop", "title", ""), ["workshop", "title", "empty"]),
    "version as text": (_set("workshop", "schema_version", "1"), ["workshop", "schema_version"]),
    "older version": (_set("workshop", "schema_version", 0), ["workshop", "schema_version", "should be 2", "no Team Day format before 1"]),
    "boolean as number": (_set("participants", "name_in_record", 1), ["participants", "name_in_record"]),
    "facilitators not a list": (_set("workshop", "facilitators", "Morag"), ["facilitators", "list"]),
    "record not an object": (lambda d: d["concerns"].update({"9": ["x"]}), ["concerns", "#9", "object"]),
    "id missing": (lambda d: first(d["actions"]).pop("id"), ["actions", "id", "missing"]),
    "record number not a number": (lambda d: d["notes"].update({"abc": {"id": "n1", "activity": "concerns",
                                                                        "text": ""}}), ["notes", "abc"]),
    "table not an object": (lambda d: d.update({"concerns": []}), ["concerns", "record numbers"]),
    "missing workshop table": (lambda d: d.pop("workshop"), ["'workshop' is missing"]),
    "two workshops": (lambda d: d["workshop"].update({"2": dict(first(d["workshop"]), id="w2")}),
                      ["exactly one workshop, not 2"]),
    "duplicate id in one table": (lambda d: d["hopes_fears"].update({"99": first(d["hopes_fears"])}),
                                  ["hopes_fears", "used twice", "field 'id'"]),
    "duplicate id across tables": (lambda d: d["notes"].update({"1": dict(first(d["concerns"]), activity="concerns")}),
                                   ["notes", "used twice", "concerns"]),
    "bad tombstone": (lambda d: d["hopes_fears"].update({"77": {"id": "t1", "deleted_at": 5}}),
                      ["hopes_fears", "t1", "deleted_at"]),
    "top level list": (lambda d: (d.clear(), d.update({"workshop": []})), ["workshop"]),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_invalid_file_is_refused_and_left_alone(saved_workshop: Path, case: str):
    change, words = CASES[case]
    spoil(saved_workshop, change)
    before = fingerprint(saved_workshop)
    backup_before = fingerprint(backup_path(saved_workshop))
    with pytest.raises(SessionFileError) as caught:
        Session.open(saved_workshop)
    message = str(caught.value)
    assert message.startswith("riverside.json cannot be opened")
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    assert "has not been changed" in message
    assert fingerprint(saved_workshop) == before
    assert fingerprint(backup_path(saved_workshop)) == backup_before, "a bad file must not become the backup"
    assert not lock_path(saved_workshop).exists()


def test_the_message_names_the_record_by_its_id(saved_workshop: Path):
    rid = first(raw(saved_workshop)["hopes_fears"])["id"]
    spoil(saved_workshop, _set("hopes_fears", "votes", "many"))
    with pytest.raises(SessionFileError) as caught:
        read_session_file(saved_workshop)
    error = caught.value
    assert (error.table, error.record, error.field) == ("hopes_fears", rid, "votes")
    assert f"record {rid}" in str(error)


@pytest.mark.parametrize("cut", [0.0, 0.1, 0.5, 0.9, 0.999])
def test_truncated_file_is_refused(saved_workshop: Path, cut: float):
    blob = saved_workshop.read_bytes()
    saved_workshop.write_bytes(blob[: int(len(blob) * cut)])
    before = fingerprint(saved_workshop)
    with pytest.raises(SessionFileError) as caught:
        Session.open(saved_workshop)
    assert ("empty" if cut == 0 else "not readable JSON") in str(caught.value)
    assert fingerprint(saved_workshop) == before


@pytest.mark.parametrize("blob, words", [
    (b"", "empty"),
    (b"  \n\t ", "empty"),
    (b"\x00\x01\xff\xfe garbage", "not readable JSON"),
    (b'{"workshop": {"1": {"title": NaN}}}', "not readable JSON"),
    (b"[1, 2, 3]", "not a workshop file"),
    (b'"just text"', "not a workshop file"),
    (b"{}", "'workshop' is missing"),
])
def test_files_that_are_not_workshops(session_dir: Path, blob: bytes, words: str):
    path = session_dir / "odd.json"
    path.write_bytes(blob)
    with pytest.raises(SessionFileError) as caught:
        Session.open(path)
    assert words in str(caught.value) and "odd.json" in str(caught.value)
    assert path.read_bytes() == blob


def test_a_folder_in_place_of_the_file(session_dir: Path):
    folder = session_dir / "folder.json"
    folder.mkdir()
    with pytest.raises(SessionFileError) as caught:
        Session.open(folder)
    assert "is a folder" in str(caught.value)
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_a_missing_file(session_dir: Path):
    with pytest.raises(StoreError) as caught:
        Session.open(session_dir / "nowhere.json")
    assert "There is no workshop file" in str(caught.value)


def test_a_newer_version_is_refused_and_never_rewritten(saved_workshop: Path):
    spoil(saved_workshop, _set("workshop", "schema_version", 3))
    spoil(saved_workshop, lambda d: d["hopes_fears"].update({"500": {"id": "new", "shape": "unknown to v2"}}))
    before = fingerprint(saved_workshop)
    with pytest.raises(NewerFormatError) as caught:
        Session.open(saved_workshop)
    assert "newer version of Team Day" in str(caught.value) and "format 3" in str(caught.value)
    with pytest.raises(NewerFormatError):
        Session.open(saved_workshop, read_only=True)
    assert fingerprint(saved_workshop) == before


def test_backup_is_the_file_as_it_was_when_opened(saved_workshop: Path):
    os.remove(backup_path(saved_workshop))
    original = saved_workshop.read_bytes()
    with Session.open(saved_workshop) as session:
        assert backup_path(saved_workshop).read_bytes() == original
        session.insert("hopes_fears", kind="hope", text="after the backup")
    assert backup_path(saved_workshop).read_bytes() == original


def test_restore_backup_keeps_the_damaged_file(saved_workshop: Path):
    with Session.open(saved_workshop):
        pass
    good = backup_path(saved_workshop).read_bytes()
    saved_workshop.write_bytes(good[: len(good) // 2])
    damaged_bytes = saved_workshop.read_bytes()
    damaged = restore_backup(saved_workshop)
    assert damaged.read_bytes() == damaged_bytes
    assert damaged.name.startswith("riverside.json.damaged-")
    assert saved_workshop.read_bytes() == good
    with Session.open(saved_workshop) as session:
        assert session.count("hopes_fears") == 6


def test_restore_backup_refuses_a_bad_backup_and_changes_nothing(saved_workshop: Path):
    backup_path(saved_workshop).write_bytes(b"{")
    saved_workshop.write_bytes(b"also bad")
    with pytest.raises(SessionFileError):
        restore_backup(saved_workshop)
    assert saved_workshop.read_bytes() == b"also bad"
    assert sorted(p.name for p in saved_workshop.parent.iterdir()) == ["riverside.json", "riverside.json.bak"]


def test_restore_backup_when_the_file_is_gone(session_dir: Path):
    path = build_workshop(session_dir / "gone.json", items=2)
    with Session.open(path):
        pass
    path.unlink()
    assert restore_backup(path) == path
    assert read_session_file(path)["workshop"]
