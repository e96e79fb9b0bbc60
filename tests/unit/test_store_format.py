"""Format v1 as docs/FORMAT.md describes it: ids, times, tombstones, unknown fields kept,
permissions, a file written by hand."""

from __future__ import annotations

import os
import re
import shutil
import stat
import uuid
from datetime import datetime
from pathlib import Path

import pytest

from tests.helpers.sessions import raw
from workshop import model
from workshop.store import Session, backup_path, lock_path, read_session_file

HANDWRITTEN = Path(__file__).parent / "data" / "handwritten_v1.json"


@pytest.fixture
def handwritten(session_dir: Path) -> Path:
    path = session_dir / "northbank.json"
    shutil.copyfile(HANDWRITTEN, path)
    return path


def test_handwritten_file_opens_with_defaults_and_in_order(handwritten: Path):
    assert read_session_file(handwritten)["workshop"]["1"]["title"] == "Northbank CMHT team day"
    with Session.open(handwritten) as session:
        workshop = session.workshop()
        assert workshop["role_title"] == "Peer Support Worker"
        assert workshop["timeboxes"]["hopes_fears"] == model.DEFAULT_TIMEBOXES["hopes_fears"] == 30
        assert workshop["x_planning_ref"] == "PG-2027-04"
        assert [r["id"] for r in session.records("hopes_fears")] == ["hf1", "hf3"]
        fear = session.get("hopes_fears", "hf3")
        assert (fear["votes"], fear["theme"], fear["about"]) == (2, None, None)
        assert session.get("hopes_fears", "hf2") is None  # a tombstone
        lived, professional = session.records("expertise")
        assert lived["in_record"] is False and professional["in_record"] is True
        assert session.records("participants")[0]["name_in_record"] is False


def test_handwritten_file_survives_a_save_with_unknown_fields_intact(handwritten: Path):
    before = raw(handwritten)
    with Session.open(handwritten) as session:
        session.update("hopes_fears", "hf3", text="Edited at the day", votes=3)
        session.update_workshop(current_activity="action_plan")
        session.insert("hopes_fears", kind="hope", text="A new one")
    after = raw(handwritten)
    read_session_file(handwritten)
    assert after["x_room_layout"] == before["x_room_layout"]
    workshop = after["workshop"]["1"]
    assert workshop["x_colour"] == before["workshop"]["1"]["x_colour"]
    assert workshop["x_planning_ref"] == "PG-2027-04"
    assert workshop["current_activity"] == "action_plan"
    fear = after["hopes_fears"]["3"]
    assert (fear["x_sticky_colour"], fear["text"], fear["votes"]) == ("pink", "Edited at the day", 3)
    assert after["hopes_fears"]["2"] == {"id": "hf2", "deleted_at": "2027-02-11T09:07:30.000Z"}
    assert after["participants"]["2"]["x_dietary"] == "vegetarian"
    assert after["concerns"]["1"]["x_followed_up_by"] == "email"
    assert after["actions"] == before["actions"]
    with Session.open(handwritten) as session:
        assert session.get("hopes_fears", "hf3")["x_sticky_colour"] == "pink"


def test_new_records_have_uuid4_hex_ids_and_utc_times(session_dir: Path):
    with Session.create(session_dir / "a.json", title="A") as session:
        record = session.insert("hopes_fears", kind="hope", text="x")
        for rid in (record["id"], session.workshop()["id"]):
            assert re.fullmatch(r"[0-9a-f]{32}", rid) and uuid.UUID(rid).version == 4
        for stamp in (record["created_at"], record["updated_at"]):
            assert stamp.endswith("Z")
            assert datetime.fromisoformat(stamp.replace("Z", "+00:00")).utcoffset().total_seconds() == 0
        later = session.update("hopes_fears", record["id"], text="y")
        assert later["created_at"] == record["created_at"] and later["updated_at"] >= record["updated_at"]


def test_delete_leaves_only_a_tombstone_and_restore_brings_back_the_same_id(saved_workshop: Path):
    with Session.open(saved_workshop) as session:
        target = session.records("hopes_fears")[2]
        session.update("hopes_fears", target["id"], x_extra="unknown field")
        before = session.get("hopes_fears", target["id"])
        removed = session.delete("hopes_fears", target["id"])
        assert removed == before
        assert session.get("hopes_fears", target["id"]) is None
        assert target["id"] not in [r["id"] for r in session.records("hopes_fears")]
        assert session.count("hopes_fears") == 5
    tombstones = [r for r in raw(saved_workshop)["hopes_fears"].values() if "deleted_at" in r]
    assert len(tombstones) == 1 and set(tombstones[0]) == {"id", "deleted_at", "versions"}
    assert tombstones[0]["id"] == target["id"]
    assert list(tombstones[0]["versions"].values()) == [3], "inserted, edited, deleted: three changes"
    with Session.open(saved_workshop) as session:
        back = session.restore("hopes_fears", removed)
        assert back["id"] == target["id"] and back["text"] == target["text"]
        assert back["x_extra"] == "unknown field" and back["created_at"] == target["created_at"]
        assert [r["id"] for r in session.records("hopes_fears")][2] == target["id"], "back in its place"
    assert all("deleted_at" not in r for r in raw(saved_workshop)["hopes_fears"].values())


def test_record_numbers_are_never_identity(saved_workshop: Path):
    with Session.open(saved_workshop) as session:
        last = session.records("hopes_fears")[-1]
        session.delete("hopes_fears", last["id"])
    with Session.open(saved_workshop) as session:
        new = session.insert("hopes_fears", kind="fear", text="added after reopening")
        assert new["id"] != last["id"]
        assert session.get("hopes_fears", last["id"]) is None
        assert session.get("hopes_fears", new["id"])["text"] == "added after reopening"
    numbers = raw(saved_workshop)["hopes_fears"]
    assert len(numbers) == 7, "the tombstone keeps its number, the new record takes a new one"


def test_unknown_tables_and_fields_survive_the_session_api(saved_workshop: Path):
    with Session.open(saved_workshop) as session:
        session.insert("x_extension", note="from a newer add-on", nested={"a": [1, 2]})
        rid = session.records("hopes_fears")[0]["id"]
        session.update("hopes_fears", rid, x_flag=True)
    with Session.open(saved_workshop) as session:
        assert session.records("x_extension")[0]["nested"] == {"a": [1, 2]}
        assert session.get("hopes_fears", rid)["x_flag"] is True
        assert "x_extension" not in session.snapshot()


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_session_backup_and_lock_are_0600(session_dir: Path, umask: int):
    old = os.umask(umask)
    try:
        with Session.create(session_dir / "private.json", title="Private") as session:
            session.insert("hopes_fears", kind="fear", text="sensitive")
            for path in (session.path, backup_path(session.path), lock_path(session.path)):
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    finally:
        os.umask(old)


def test_records_are_copies(saved_workshop: Path):
    with Session.open(saved_workshop) as session:
        workshop = session.workshop()
        workshop["facilitators"].append("Intruder")
        workshop["timeboxes"]["hopes_fears"] = 1
        record = session.records("hopes_fears")[0]
        record["text"] = "changed only in my copy"
        snap = session.snapshot()
        snap["hopes_fears"].clear()
        assert session.workshop()["facilitators"] == []
        assert session.workshop()["timeboxes"]["hopes_fears"] == model.DEFAULT_TIMEBOXES["hopes_fears"] == 30
        assert session.records("hopes_fears")[0]["text"] != "changed only in my copy"
        assert session.count("hopes_fears") == 6
