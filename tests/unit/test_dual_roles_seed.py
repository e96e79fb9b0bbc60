"""The preset dual-role situations, row order and prompts (no Textual)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop import content
from workshop import dual_roles_seed as seed
from workshop.store import Session


@pytest.fixture
def session(tmp_path: Path):
    s = Session.create(tmp_path / "w.json", title="Team day")
    yield s
    s.close()


def test_presets_added_once_with_keys_and_positions(session):
    presets = content.dual_role_presets()
    assert seed.ensure_presets(session) == len(presets) == 6
    rows = seed.ordered(session.records("dual_roles"))
    assert [r["situation"] for r in rows] == [p["situation"] for p in presets]
    assert [r["preset_key"] for r in rows] == [p["key"] for p in presets]
    assert [r["position"] for r in rows] == list(range(6))
    assert all(r["preset"] is True and r["challenge"] == "" and r["due"] is None for r in rows)
    assert session.workshop()[seed.SEEDED_FLAG] is True
    assert seed.ensure_presets(session) == 0
    assert len(session.records("dual_roles")) == 6


def test_a_deleted_preset_is_never_added_back(tmp_path):
    path = tmp_path / "w.json"
    with Session.create(path, title="Team day") as session:
        seed.ensure_presets(session)
        for row in session.records("dual_roles"):
            session.delete("dual_roles", row["id"])
    with Session.open(path) as session:
        assert seed.ensure_presets(session) == 0
        assert session.records("dual_roles") == []


def test_tombstones_alone_count_as_seeded(session):
    row = session.insert("dual_roles", situation="Our own")
    session.delete("dual_roles", row["id"])
    assert seed.SEEDED_FLAG not in session.workshop()
    assert seed.ensure_presets(session) == 0


def test_the_flag_alone_counts_as_seeded(session):
    session.update_workshop(**{seed.SEEDED_FLAG: True})
    assert seed.ensure_presets(session) == 0
    assert session.records("dual_roles") == []


def test_read_only_session_is_left_alone(tmp_path):
    path = tmp_path / "w.json"
    Session.create(path, title="Team day").close()
    with Session.open(path, read_only=True) as session:
        assert seed.ensure_presets(session) == 0
    with Session.open(path, read_only=True) as session:
        assert session.records("dual_roles") == []


def test_ordered_by_position_then_stored_order():
    rows = [{"id": "a", "position": 2}, {"id": "b", "position": 0}, {"id": "c", "position": 2},
            {"id": "d"}, {"id": "e", "position": 1}]
    assert [r["id"] for r in seed.ordered(rows)] == ["b", "e", "a", "c", "d"]
    assert seed.next_position(rows) == 3
    assert seed.next_position([]) == 0


def test_reorder_swaps_two_distinct_positions():
    rows = [{"id": "a", "position": 0}, {"id": "b", "position": 5}, {"id": "c", "position": 9}]
    assert seed.reorder(rows, "c", -1) == {"c": 5, "b": 9}
    assert seed.reorder(rows, "a", 1) == {"a": 5, "b": 0}
    assert seed.reorder(rows, "a", -1) == {}
    assert seed.reorder(rows, "c", 1) == {}
    assert seed.reorder(rows, "zzz", 1) == {}


def test_reorder_renumbers_when_positions_tie():
    rows = [{"id": "a", "position": 0}, {"id": "b", "position": 0}, {"id": "c", "position": 1}]
    changes = seed.reorder(rows, "c", -1)
    moved = [{**r, "position": changes.get(r["id"], r["position"])} for r in rows]
    assert [r["id"] for r in seed.ordered(moved)] == ["a", "c", "b"]
    assert sorted(r["position"] for r in moved) == [0, 1, 2]


def test_preset_prompt_by_key_then_by_words():
    presets = content.dual_role_presets()
    friends = next(p for p in presets if p["key"] == "friends")
    assert seed.preset_prompt({"preset": True, "preset_key": "friends", "situation": "edited"}) == friends["prompt"]
    # Files written before preset_key existed (the demo) match on the situation's words.
    old = {"preset": True, "situation": "  " + friends["situation"].upper() + " "}
    assert seed.preset_prompt(old) == friends["prompt"]
    assert seed.preset_prompt({"preset": False, "preset_key": "friends"}) == ""
    assert seed.preset_prompt({"preset": True, "situation": "Something else"}) == ""
