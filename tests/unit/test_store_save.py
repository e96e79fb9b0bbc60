"""Saving: failures leave the file and the session as they were; what is saved is cleaned
and checked; changes are written at once."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from tests.helpers.sessions import fingerprint, raw
from workshop import model
from workshop.store import ReadOnlyError, SaveError, Session, StoreError, read_session_file


def fail_with(monkeypatch, name: str, code: int = errno.ENOSPC) -> None:
    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, name, refuse)


def disk_matches_memory(session: Session) -> None:
    with Session.open(session.path, read_only=True) as fresh:
        assert fresh.snapshot() == session.snapshot()
        for table in ("hopes_fears", "x_extra"):
            assert fresh.records(table) == session.records(table)


@pytest.mark.parametrize("syscall", ["replace", "write", "fsync"])
def test_a_failed_save_changes_nothing_and_the_session_goes_on(saved_workshop: Path, monkeypatch, syscall):
    session = Session.open(saved_workshop)
    first = session.records("hopes_fears")[0]
    before = fingerprint(saved_workshop)
    with monkeypatch.context() as patch:
        fail_with(patch, syscall)
        with pytest.raises(SaveError) as caught:
            session.update("hopes_fears", first["id"], text="lost?")
        assert str(caught.value).startswith("Not saved: the disk is full.")
        with pytest.raises(SaveError):
            session.insert("hopes_fears", kind="hope", text="lost too?")
        with pytest.raises(SaveError):
            session.delete("hopes_fears", first["id"])
        with pytest.raises(SaveError):
            session.insert("x_extra", note="new table")
    assert fingerprint(saved_workshop) == before
    assert not [p for p in saved_workshop.parent.iterdir() if p.name.startswith(".tmp-")]
    assert session.get("hopes_fears", first["id"]) == first
    assert session.count("hopes_fears") == 6 and session.records("x_extra") == []
    disk_matches_memory(session)

    session.update("hopes_fears", first["id"], text="saved once the disk has room")
    added = session.insert("hopes_fears", kind="hope", text="and a new one")
    session.delete("hopes_fears", session.records("hopes_fears")[3]["id"])
    disk_matches_memory(session)
    session.close()
    with Session.open(saved_workshop) as again:
        assert again.get("hopes_fears", first["id"])["text"] == "saved once the disk has room"
        assert again.get("hopes_fears", added["id"])["text"] == "and a new one"
        assert again.count("hopes_fears") == 6


@pytest.mark.parametrize("code, words", [
    (errno.EROFS, "the folder is read-only"),
    (errno.EACCES, "may not write"),
    (errno.EIO, os.strerror(errno.EIO)),
])
def test_save_errors_are_plain_words(saved_workshop: Path, monkeypatch, code, words):
    with Session.open(saved_workshop) as session:
        fail_with(monkeypatch, "replace", code)
        with pytest.raises(SaveError) as caught:
            session.update_workshop(title="New title")
        assert words in str(caught.value) and "Everything saved before is safe" in str(caught.value)
        assert "Traceback" not in str(caught.value) and "Errno" not in str(caught.value)


def test_create_in_a_full_disk_reports_and_leaves_nothing(session_dir: Path, monkeypatch):
    fail_with(monkeypatch, "fsync")
    with pytest.raises(SaveError):
        Session.create(session_dir / "new.json", title="New")
    monkeypatch.undo()
    assert list(session_dir.iterdir()) == []


def test_create_never_replaces_an_existing_file(saved_workshop: Path):
    before = fingerprint(saved_workshop)
    with pytest.raises(StoreError) as caught:
        Session.create(saved_workshop, title="Another")
    assert "already exists" in str(caught.value)
    assert fingerprint(saved_workshop) == before


def test_opening_on_a_full_disk_still_shows_the_workshop(session_dir: Path, monkeypatch):
    path = session_dir / "partial.json"
    path.write_text('{"workshop": {"1": {"id": "w", "schema_version": 1, "title": "Hand made"}}}')
    before = fingerprint(path)
    fail_with(monkeypatch, "replace")
    with Session.open(path) as session:  # filling in defaults cannot be saved; open anyway
        assert session.workshop()["role_title"] == "Peer Support Worker"
    assert fingerprint(path) == before


def test_text_is_cleaned_on_insert_and_update(saved_workshop: Path):
    with Session.open(saved_workshop) as session:
        dirty = "a\x00b\x1bc\ud800d\r\ne\x0bf\ufffe"
        record = session.insert("hopes_fears", kind="fear", text=dirty, theme="  two\nlines\there ")
        assert record["text"] == "abcd\ne f", "a vertical tab separates words: it becomes a space"
        assert record["theme"] == "two lines here"
        session.update("hopes_fears", record["id"], text="\udfffok\x07")
        assert session.get("hopes_fears", record["id"])["text"] == "ok"
    read_session_file(saved_workshop)


def test_a_huge_paste_is_capped(saved_workshop: Path):
    with Session.open(saved_workshop) as session:
        record = session.insert("job_descriptions", text="x" * 5_000_000, title="y" * 10_000)
        assert len(record["text"]) == model.MAX_TEXT
        assert len(record["title"]) == model.MAX_SHORT
    assert saved_workshop.stat().st_size < 2 * model.MAX_TEXT


@pytest.mark.parametrize("table, fields, words", [
    ("hopes_fears", {"kind": "maybe"}, "kind should be one of hope, fear"),
    ("hopes_fears", {"votes": -2}, "votes"),
    ("concerns", {"due": "next week"}, "not a date"),
    ("workshop", {"title": "Second"}, "exactly one workshop"),
    ("hopes_fears", {"x_value": {1, 2}}, "cannot be stored"),
])
def test_bad_values_are_refused_before_writing(saved_workshop: Path, table, fields, words):
    before = fingerprint(saved_workshop)
    with Session.open(saved_workshop) as session:
        with pytest.raises(StoreError) as caught:
            session.insert(table, **fields)
        assert words in str(caught.value)
        assert session.count("hopes_fears") == 6
    assert fingerprint(saved_workshop) == before


def test_updates_that_would_spoil_the_file_are_refused(saved_workshop: Path):
    with Session.open(saved_workshop) as session:
        rid = session.records("hopes_fears")[0]["id"]
        other = session.records("hopes_fears")[1]["id"]
        for changes in ({"schema_version": 1}, {"schema_version": 3}, {"title": ""}, {"date": "2026-13-01"}):
            with pytest.raises(StoreError):
                session.update_workshop(**changes)
        with pytest.raises(StoreError):
            session.insert("hopes_fears", id=other, kind="hope", text="same id")
        with pytest.raises(StoreError):
            session.insert_many("notes", [{"id": "twin", "activity": "concerns"}, {"id": "twin"}])
        with pytest.raises(StoreError):
            session.delete("workshop", session.workshop()["id"])
        session.update("hopes_fears", rid, id="hijack", deleted_at="now", created_at="never", text="kept")
        record = session.get("hopes_fears", rid)
        assert record["text"] == "kept" and record["id"] == rid and "deleted_at" not in record
        assert record["created_at"] != "never"
        with pytest.raises(StoreError):
            session.update("hopes_fears", "no-such-id", text="x")
    read_session_file(saved_workshop)


def test_each_change_is_on_disk_at_once_and_no_op_updates_are_not_written(saved_workshop: Path):
    with Session.open(saved_workshop) as session:
        record = session.insert("hopes_fears", kind="hope", text="typed")
        assert any(r.get("text") == "typed" for r in raw(saved_workshop)["hopes_fears"].values())
        writes = session.db.storage.writes
        assert session.update("hopes_fears", record["id"], text="typed") == session.get("hopes_fears", record["id"])
        assert session.db.storage.writes == writes
        session.update("hopes_fears", record["id"], votes=1)
        assert session.db.storage.writes == writes + 1


def test_read_only_sessions_never_write(saved_workshop: Path):
    before = fingerprint(saved_workshop)
    with Session.open(saved_workshop, read_only=True) as session:
        assert session.read_only and session.holder is None
        with pytest.raises(ReadOnlyError):
            session.insert("hopes_fears", kind="hope", text="x")
        assert session.snapshot()["workshop"]["title"] == "Riverside CMHT team day"
    assert fingerprint(saved_workshop) == before
    assert sorted(p.name for p in saved_workshop.parent.iterdir()) == ["riverside.json", "riverside.json.bak"]


def test_atomic_storage_works_as_a_plain_tinydb_storage(tmp_path: Path, monkeypatch):
    from tinydb import TinyDB

    from workshop.store import AtomicJSONStorage

    path = tmp_path / "plain.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.table("t").insert({"a": 1})
    with monkeypatch.context() as patch:
        fail_with(patch, "replace")
        with pytest.raises(OSError):
            db.table("t").update({"a": 2})
    assert db.table("t").all() == [{"a": 1}], "memory must not run ahead of the disk"
    db.close()
    assert TinyDB(path, storage=AtomicJSONStorage).table("t").all() == [{"a": 1}]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_open_uses_a_check_made_just_before_only_while_the_file_holds_those_bytes(saved_workshop: Path):
    # The command line checks a file before the app starts; the app opens from that check
    # (no second parse of thousands of records) only if the file has not changed since.
    from workshop.store import parse_session_bytes  # noqa: PLC0415

    raw_bytes = saved_workshop.read_bytes()
    data = parse_session_bytes(saved_workshop, raw_bytes)
    next(iter(data["workshop"].values()))["title"] = "From the check"
    with Session.open(saved_workshop, checked=(raw_bytes, data)) as session:
        assert session.workshop()["title"] == "From the check"
    stale = parse_session_bytes(saved_workshop, saved_workshop.read_bytes())
    with Session.open(saved_workshop) as session:  # another program changes the file meanwhile
        session.update_workshop(title="Changed since the check")
    with Session.open(saved_workshop, checked=(raw_bytes, stale)) as session:
        assert session.workshop()["title"] == "Changed since the check"
