"""Conflict copies left by sync engines: recognised by name, confirmed by the workshop id,
merged into their workshop without touching the copy; locks from another computer held."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import orjson
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.helpers.copies import edit, use_clock
from workshop.merge import MergeError
from workshop.merge.into import HeldElsewhere, NotACopy, merge_copy_into
from workshop.store import Session, list_sessions, lock_path
from workshop.store.conflicts import (ConflictName, copy_of, find_copies, from_another_computer, grouped,
                                      lock_advice, parse_conflict_name)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return use_clock(monkeypatch)


@pytest.mark.parametrize("name, expected", [
    ("riverside-LAPTOP-7.json", ConflictName("riverside.json", "OneDrive", "LAPTOP-7")),
    ("riverside-cmht-DESKTOP-4F2K9QA.json", ConflictName("riverside-cmht-DESKTOP.json", "OneDrive", "4F2K9QA")),
    ("riverside (Dev's conflicted copy 2026-12-03).json",
     ConflictName("riverside.json", "Dropbox", "Dev", "2026-12-03")),
    ("riverside (Dev’s conflicted copy 2026-12-03 (1)).json",
     ConflictName("riverside.json", "Dropbox", "Dev", "2026-12-03")),
    ("riverside (conflicted copy 2026-12-03 091500).json",
     ConflictName("riverside.json", "Nextcloud", "", "2026-12-03 09:15")),
    ("riverside (conflicted copy from Sam 2026-12-03 091500).json",
     ConflictName("riverside.json", "Nextcloud", "Sam", "2026-12-03 09:15")),
    ("riverside.sync-conflict-20261203-091500-ABCDEFG.json",
     ConflictName("riverside.json", "Syncthing", "", "2026-12-03 09:15")),
    ("my day (draft).sync-conflict-20261203-091500-7QX2MZA.json",
     ConflictName("my day (draft).json", "Syncthing", "", "2026-12-03 09:15")),
])
def test_each_engines_pattern_is_read(name, expected):
    assert parse_conflict_name(name)[0] == expected


def test_a_onedrive_name_offers_every_split_longest_base_first():
    readings = parse_conflict_name("riverside-cmht-DESKTOP-4F2K9QA.json")
    assert [r.base for r in readings] == ["riverside-cmht-DESKTOP.json", "riverside-cmht.json", "riverside.json"]
    assert readings[1].device == "DESKTOP-4F2K9QA"


@pytest.mark.parametrize("name", [
    "riverside.json", "riverside-2.json", "riverside-merged.json", "riverside-merged-3.json",  # Team Day's own
    "riverside.json.bak", "riverside.json.lock", "riverside-LAPTOP.JSON", "riverside-LAPTOP.txt",
    "-LAPTOP.json", ".riverside-LAPTOP.json", " (conflicted copy).json", "(conflicted copy).json",
    "riverside (copy).json", "riverside (Dev's conflicted copy.json", "riverside-LAP TOP.json",
    "riverside-LAP\u202eTOP.json", "riverside-\n.json", "a/b-LAPTOP.json", "",
    "x" * 600 + "-LAPTOP.json", "(" * 300 + "conflicted copy" + ")" * 300 + ".json",
])
def test_names_no_engine_makes_are_not_copies(name):
    assert parse_conflict_name(name) == []


@settings(max_examples=300, deadline=None)
@example("riverside (Dev's conflıcted copy 2026-12-03)")  # a case-blind match reads "ı" as "i"
@example("riverside (conflİcted COPY 2026-12-03 091500)")
@given(st.lists(st.sampled_from([
    "riverside", " ", "(", ")", "(1)", "-", "LAPTOP", "'s", "’s", "conflicted", "CONFLICTED", "Conflicted",
    " copy", " COPY", " copİ", " copı", "conflıcted", ".sync-conflict-", "20261203", "091500", "ABCDEFG",
    "from Sam", "2026-12-03", "ſ", "K",
]), max_size=12).map("".join))
def test_names_are_read_alike_with_or_without_the_quick_look_first(stem):
    # The engines' patterns are tried only on names with their marks in: the readings must be
    # those of trying every pattern on every name.
    import workshop.store.conflicts as conflicts

    name = stem + ".json"
    quick = parse_conflict_name(name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(conflicts, "SYNCTHING_MARK", "")
        patch.setattr(conflicts, "BRACKETED_MARK", "")
        assert parse_conflict_name(name) == quick


@pytest.mark.parametrize("name", ["riverside.sync-conflict-2026120-091500-ABCDEFG.json",
                                  "riverside.sync-conflict-20261203-091500-abcdefg.json"])
def test_a_malformed_syncthing_name_is_not_read_as_syncthing(name):
    assert all(reading.engine != "Syncthing" for reading in parse_conflict_name(name))


def test_hostile_device_names_are_made_safe_to_show():
    reading = parse_conflict_name("riverside (\x1b[31m\u202eEve\u200b\nX's conflicted copy).json")[0]
    assert reading.engine == "Dropbox" and reading.base == "riverside.json"
    assert reading.device == "[31mEve X"  # no escape, direction or invisible characters, one line
    long = parse_conflict_name("riverside (" + "D" * 200 + "'s conflicted copy).json")[0]
    assert len(long.device) <= 40


def test_matching_a_long_hostile_name_is_quick():
    import time

    name = "a" + " (" * 120 + "conflicted copy" + " (1)" * 20 + ".json"
    start = time.perf_counter()
    parse_conflict_name(name)
    assert time.perf_counter() - start < 0.5


def test_a_copy_is_confirmed_only_by_the_same_workshop_id():
    ids = {"riverside.json": "w1", "riverside-LAPTOP.json": "w1", "riverside-team.json": "w2",
           "riverside (Dev's conflicted copy).json": "w9", "riverside-BROKEN.json": None,
           "northside (conflicted copy 2026-12-03 091500).json": "w3"}
    copies = find_copies(ids, Path("s"))
    assert set(copies) == {"riverside-LAPTOP.json"}
    assert copies["riverside-LAPTOP.json"].workshop == Path("s/riverside.json")
    assert copies["riverside-LAPTOP.json"].describe() == "conflict copy from LAPTOP"


def test_a_copy_of_a_copy_sits_under_the_workshop():
    ids = {"day.json": "w", "day-LAPTOP.json": "w", "day-LAPTOP (Dev's conflicted copy).json": "w"}
    copies = find_copies(ids, Path("s"))
    assert {c.workshop.name for c in copies.values()} == {"day.json"}
    assert copies["day-LAPTOP (Dev's conflicted copy).json"].describe() == "conflict copy from Dev"


def test_describe_names_the_engine_when_no_device_is_named():
    ids = {"day.json": "w", "day.sync-conflict-20261203-091500-ABCDEFG.json": "w",
           "day (conflicted copy 2026-12-03 091500).json": "w", "day (conflicted copy).json": "w"}
    said = sorted(c.describe() for c in find_copies(ids, Path("s")).values())
    assert said == ["conflict copy from Nextcloud", "conflict copy from Nextcloud (2026-12-03 09:15)",
                    "conflict copy from Syncthing (2026-12-03 09:15)"]


# --- real files ----------------------------------------------------------------------------------


def make_folder(folder: Path) -> tuple[Path, Path, Path]:
    """A workshop and conflict copies of it from OneDrive and Syncthing, each changed apart,
    and a namesake that holds another workshop."""
    folder.mkdir(parents=True, exist_ok=True)
    workshop = folder / "riverside.json"
    with Session.create(workshop, title="Riverside CMHT team day") as session:
        rid = session.insert("concerns", text="Without supervision we set them up to fail.")["id"]
    onedrive = folder / "riverside-LAPTOP-7.json"
    syncthing = folder / "riverside.sync-conflict-20261203-091500-ABCDEFG.json"
    for copy in (onedrive, syncthing):
        shutil.copyfile(workshop, copy)
    edit(workshop, lambda s: s.update("concerns", rid, response="Weekly peer supervision"))
    edit(onedrive, lambda s: s.insert("hopes_fears", kind="fear", text="Burnout in the first year"))
    edit(syncthing, lambda s: s.update("concerns", rid, response="Monthly group supervision"))
    Session.create(folder / "riverside-team.json", title="Riverside team (another workshop)").close()
    return workshop, onedrive, syncthing


def test_the_folder_lists_copies_under_their_workshop(tmp_path: Path):
    workshop, onedrive, syncthing = make_folder(tmp_path / "s")
    rows = grouped(list_sessions(tmp_path / "s"))
    names = [(s.path.name, c.describe() if c else None) for s, c in rows]
    at = names.index(("riverside.json", None))
    assert sorted(names[at + 1:at + 3]) == [
        ("riverside-LAPTOP-7.json", "conflict copy from LAPTOP-7"),
        (syncthing.name, "conflict copy from Syncthing (2026-12-03 09:15)")]
    assert ("riverside-team.json", None) in names
    assert copy_of(onedrive).workshop == workshop
    assert copy_of(tmp_path / "s" / "riverside-team.json") is None


def test_merging_a_copy_in_keeps_the_copy_byte_for_byte_and_logs_it(tmp_path: Path):
    workshop, onedrive, syncthing = make_folder(tmp_path / "s")
    before = {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in (onedrive, syncthing)}
    result = merge_copy_into(workshop, onedrive)
    assert result.path == workshop and result.log is not None
    result = merge_copy_into(workshop, syncthing)
    assert [c["field"] for c in result.conflicts] == ["response"]
    for p, (blob, mtime) in before.items():
        assert p.read_bytes() == blob and os.stat(p).st_mtime_ns == mtime
    with Session.open(workshop, read_only=True) as session:
        assert [r["text"] for r in session.records("hopes_fears")] == ["Burnout in the first year"]
        logs = session.records("merge_log")
    assert [log["files"] for log in logs] == [["riverside.json", onedrive.name], ["riverside.json", syncthing.name]]
    assert not lock_path(workshop).exists()


def test_a_copy_merged_since_it_last_changed_is_shown_as_merged(tmp_path: Path):
    workshop, onedrive, syncthing = make_folder(tmp_path / "s")
    merge_copy_into(workshop, onedrive)
    said = {s.path: c.describe() for s, c in grouped(list_sessions(tmp_path / "s")) if c}
    assert said == {onedrive: "conflict copy from LAPTOP-7, merged",
                    syncthing: "conflict copy from Syncthing (2026-12-03 09:15)"}
    later = os.stat(onedrive).st_mtime + 10 * 86400  # the engine brought newer changes since
    os.utime(onedrive, (later, later))
    said = {s.path: c.describe() for s, c in grouped(list_sessions(tmp_path / "s")) if c}
    assert said[onedrive] == "conflict copy from LAPTOP-7"


def test_merging_a_copy_again_changes_nothing(tmp_path: Path):
    workshop, onedrive, _ = make_folder(tmp_path / "s")
    merge_copy_into(workshop, onedrive)
    blob = workshop.read_bytes()
    assert merge_copy_into(workshop, onedrive).log is None
    assert workshop.read_bytes() == blob


def test_a_namesake_of_another_workshop_is_not_merged_in(tmp_path: Path):
    workshop, _, _ = make_folder(tmp_path / "s")
    blob = workshop.read_bytes()
    with pytest.raises(NotACopy):
        merge_copy_into(workshop, tmp_path / "s" / "riverside-team.json")
    assert workshop.read_bytes() == blob


def foreign_lock(workshop: Path) -> dict:
    holder = {"pid": 1, "host": socket.gethostname() + "-elsewhere", "user": "dev", "since": "2026-12-03T09:30:00.000Z",
              "boot": "another-boot", "started": "1"}
    lock_path(workshop).write_bytes(orjson.dumps(holder))
    return holder


def test_a_lock_from_another_computer_is_held_and_named(tmp_path: Path):
    workshop, onedrive, _ = make_folder(tmp_path / "s")
    holder = foreign_lock(workshop)
    blob = workshop.read_bytes()
    with pytest.raises(HeldElsewhere) as caught:
        merge_copy_into(workshop, onedrive)
    said = str(caught.value)
    assert f"on another computer (dev on {holder['host']} since 09:30 UTC)" in said
    assert "delete riverside.json.lock beside it to take over" in said
    assert workshop.read_bytes() == blob and lock_path(workshop).exists()
    with Session.open(workshop) as session:  # opened read-only, the lock left alone
        assert session.read_only and session.holder["host"] == holder["host"]
    assert lock_path(workshop).exists()
    assert from_another_computer(holder) and not from_another_computer({"host": socket.gethostname()})
    assert not from_another_computer({}) and not from_another_computer(None)
    assert "09:30 UTC" in lock_advice(workshop, holder)


def test_a_lock_held_on_this_computer_stops_the_merge_too(tmp_path: Path):
    workshop, onedrive, _ = make_folder(tmp_path / "s")
    with Session.open(workshop):
        with pytest.raises(MergeError, match="Close it there first"):
            merge_copy_into(workshop, onedrive)
