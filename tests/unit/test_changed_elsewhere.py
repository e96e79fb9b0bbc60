"""A workshop file replaced by another program while it is open (a sync engine putting
another laptop's version in place, a hand edit): the next save keeps that version beside
the workshop as a conflict copy the home screen can merge, instead of writing over it."""

from __future__ import annotations

from pathlib import Path

import orjson

from tests.helpers.sessions import build_workshop
from workshop.store import Session, list_sessions
from workshop.store.conflicts import grouped


def replace_from_elsewhere(path: Path, new_title: str) -> bytes:
    """Another program writes its own version of the file in place, as a sync engine does."""
    data = orjson.loads(path.read_bytes())
    record = next(iter(data["workshop"].values()))
    record["title"] = new_title
    blob = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    other = path.with_name(".incoming.tmp")
    other.write_bytes(blob)
    other.replace(path)
    return blob


def test_a_version_written_elsewhere_is_kept_beside_before_the_next_save(tmp_path: Path):
    path = build_workshop(tmp_path / "riverside.json", items=4)
    with Session.open(path) as session:
        theirs = replace_from_elsewhere(path, "Changed on the other laptop")
        session.insert("hopes_fears", kind="hope", text="Typed here after it changed")
        kept = session.take_kept_aside()
        assert len(kept) == 1 and kept[0].read_bytes() == theirs, "their version, byte for byte"
        assert session.take_kept_aside() == [], "told once"
        session.insert("hopes_fears", kind="hope", text="and again")
        assert session.take_kept_aside() == [], "our own saves are not taken for another program's"
    ours = orjson.loads(path.read_bytes())
    assert any(r.get("text") == "and again" for r in ours["hopes_fears"].values())
    rows = grouped(list_sessions(tmp_path))
    copies = [copy for _summary, copy in rows if copy is not None]
    assert len(copies) == 1 and copies[0].workshop == path and copies[0].path == kept[0]
    assert "conflict copy from another program" in copies[0].describe()


def test_many_saves_of_our_own_keep_nothing_aside(tmp_path: Path):
    path = build_workshop(tmp_path / "riverside.json", items=2)
    with Session.open(path) as session:
        for n in range(20):
            session.insert("hopes_fears", kind="fear", text=f"fear {n}")
        assert session.take_kept_aside() == []
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["riverside.json"]


def test_two_changes_elsewhere_in_one_second_are_both_kept(tmp_path: Path):
    path = build_workshop(tmp_path / "riverside.json", items=2)
    with Session.open(path) as session:
        first = replace_from_elsewhere(path, "First elsewhere")
        session.insert("hopes_fears", kind="hope", text="one")
        second = replace_from_elsewhere(path, "Second elsewhere")
        session.insert("hopes_fears", kind="hope", text="two")
        kept = session.take_kept_aside()
    assert [p.read_bytes() for p in kept] == [first, second]
    assert len({p.name for p in kept}) == 2


def test_a_file_touched_without_a_change_keeps_nothing_aside(tmp_path: Path):
    """A sync engine that writes back the very bytes we saved (or a touch) is no change."""
    path = build_workshop(tmp_path / "riverside.json", items=2)
    with Session.open(path) as session:
        session.insert("hopes_fears", kind="hope", text="saved here")
        same = path.read_bytes()
        other = path.with_name(".incoming.tmp")
        other.write_bytes(same)
        other.replace(path)  # a new file, the same words
        session.insert("hopes_fears", kind="hope", text="saved again")
        assert session.take_kept_aside() == []
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["riverside.json"]


def test_a_long_file_name_still_keeps_the_other_version(tmp_path: Path):
    """The copy's name adds some sixty characters; past 255 bytes the save must not fail."""
    path = build_workshop(tmp_path / ("é" * 100 + "-team-day.json"), items=2)  # 209 bytes
    with Session.open(path) as session:
        theirs = replace_from_elsewhere(path, "Changed elsewhere")
        session.insert("hopes_fears", kind="hope", text="saved all the same")
        kept = session.take_kept_aside()
    assert len(kept) == 1 and kept[0].read_bytes() == theirs
    assert len(kept[0].name.encode()) <= 255
    assert any(r.get("text") == "saved all the same" for r in orjson.loads(path.read_bytes())["hopes_fears"].values())
