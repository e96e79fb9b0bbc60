"""One write path: every kind of change is a step of one history, saved once, all or nothing."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.helpers.copies import edit, find, two_copies, use_clock
from tests.helpers.sessions import raw
from workshop import merge, notes
from workshop.history import History
from workshop.store import SaveError, Session, StoreError


def refuse_replace(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", refuse)


def test_a_batch_of_many_changes_in_many_tables_is_one_save(saved_workshop: Path):
    with Session.open(saved_workshop) as session:
        hope = session.records("hopes_fears")[0]
        writes = session.writes
        with session.batch():
            added = session.insert_many("concerns", [{"text": f"c{n}"} for n in range(500)])
            for record in added[:200]:
                session.update("concerns", record["id"], status="resolved")
            for record in added[200:300]:
                session.delete("concerns", record["id"])
            session.update("hopes_fears", hope["id"], votes=7)
            session.restore("concerns", added[250])
            assert session.get("concerns", added[250]["id"])["text"] == "c250"
        assert session.writes == writes + 1
    on_disk = raw(saved_workshop)
    live = [r for r in on_disk["concerns"].values() if "deleted_at" not in r and r["text"].startswith("c")]
    assert len(live) == 401
    assert sum(r.get("status") == "resolved" for r in live) == 200


def test_a_batch_that_cannot_be_saved_leaves_the_session_as_it_was(saved_workshop: Path, monkeypatch):
    with Session.open(saved_workshop) as session:
        before = session.snapshot()
        hope = session.records("hopes_fears")[0]
        with monkeypatch.context() as patch:
            refuse_replace(patch)
            with pytest.raises(SaveError):
                with session.batch():
                    new = session.insert("hopes_fears", kind="hope", text="lost on a full disk")
                    session.delete("hopes_fears", hope["id"])
        assert session.snapshot() == before
        assert session.get("hopes_fears", new["id"]) is None
        # The session goes on: the id of the failed insert is free again and the next save works.
        session.insert("hopes_fears", kind="hope", text="saved", id=new["id"])
    assert any(r.get("text") == "saved" for r in raw(saved_workshop)["hopes_fears"].values())


def test_an_error_inside_a_batch_saves_nothing(saved_workshop: Path):
    with Session.open(saved_workshop) as session:
        writes, before = session.writes, session.snapshot()
        with pytest.raises(StoreError):
            with session.batch():
                session.insert("hopes_fears", kind="hope", text="half a step")
                session.update("hopes_fears", "no-such-id", text="x")
        assert session.writes == writes and session.snapshot() == before


def test_a_step_undo_and_redo_of_two_thousand_records_each_save_once(saved_workshop: Path):
    with Session.open(saved_workshop) as session:
        history = History(session)
        writes = session.writes
        records = history.insert_many("hopes_fears", [{"kind": "fear", "text": f"f{n}"} for n in range(2000)])
        history.update_many("hopes_fears", {r["id"]: {"votes": 1} for r in records}, "vote")
        history.delete_many("hopes_fears", [r["id"] for r in records], "clear")
        assert session.writes == writes + 3
        history.undo()
        assert session.writes == writes + 4 and session.count("hopes_fears") >= 2000
        history.undo()
        assert session.writes == writes + 5
        assert all(session.get("hopes_fears", r["id"])["votes"] == 0 for r in records)
        history.redo()
        assert session.writes == writes + 6
        assert all(session.get("hopes_fears", r["id"])["votes"] == 1 for r in records)


def test_a_step_that_fails_to_save_is_not_in_the_history(saved_workshop: Path, monkeypatch):
    with Session.open(saved_workshop) as session:
        history = History(session)
        with monkeypatch.context() as patch:
            refuse_replace(patch)
            with pytest.raises(SaveError):
                history.insert_many("hopes_fears", [{"kind": "hope", "text": "x"}] * 3)
        assert not history.can_undo


def test_notes_typed_in_spells_are_one_undo_step_and_undo_brings_back_the_start(saved_workshop: Path):
    with Session.open(saved_workshop) as session:
        history = History(session)
        history.insert("hopes_fears", kind="hope", text="before the notes")
        for text in ("We", "We agreed", "We agreed to meet monthly"):
            notes.save_note(history, "concerns", notes.DISCUSSION, text)
        assert notes.find_note(session.records("notes"), "concerns")["text"] == "We agreed to meet monthly"
        step = history.undo()
        assert step.label == "edit the discussion notes"
        assert notes.find_note(session.records("notes"), "concerns") is None
        assert any(r["text"] == "before the notes" for r in session.records("hopes_fears"))
        history.redo()
        assert notes.find_note(session.records("notes"), "concerns")["text"] == "We agreed to meet monthly"


def test_moving_between_activities_is_saved_but_never_undone(saved_workshop: Path):
    with Session.open(saved_workshop) as session:
        history = History(session)
        history.update_workshop(venue="Room 4")
        history.remember(current_activity="concerns")
        assert [s.label for s in history._undo] == ["edit the workshop details"]
        history.undo()
        assert session.workshop()["venue"] != "Room 4"
        assert session.workshop()["current_activity"] == "concerns"


def test_a_merge_decision_is_one_undoable_step_and_one_save(tmp_path: Path, monkeypatch):
    use_clock(monkeypatch)
    a, b = two_copies(tmp_path, lambda s: s.insert("concerns", text="Supervision", response="first"))
    rid = edit(a, lambda s: find(s, "concerns")["id"])
    edit(a, lambda s: s.update("concerns", rid, response="from laptop A"))
    edit(b, lambda s: s.update("concerns", rid, response="from laptop B"))
    result = merge.merge_files(a, b, tmp_path / "out.json", merged_at="2026-12-04T10:00:00.000Z")
    with Session.open(result.path) as session:
        history = History(session)
        history.insert("hopes_fears", kind="hope", text="typed after the merge")
        kept = session.get("concerns", rid)["response"]
        writes = session.writes
        merge.use_other(history, result.log["id"], 0)
        assert session.writes == writes + 1
        other = session.get("concerns", rid)["response"]
        assert other != kept
        assert session.records("merge_log")[0]["conflicts"][0]["state"] == "other_used"
        history.undo()  # the decision, record and log together; the hope typed before stays
        assert session.get("concerns", rid)["response"] == kept
        assert session.records("merge_log")[0]["conflicts"][0].get("state", "open") == "open"
        assert any(r["text"] == "typed after the merge" for r in session.records("hopes_fears"))
        history.redo()
        assert session.get("concerns", rid)["response"] == other


def test_undoing_an_older_step_takes_back_only_the_fields_it_changed(saved_workshop: Path):
    with Session.open(saved_workshop) as session:
        history = History(session)
        concern = history.insert("concerns", text="Supervision", response="")
        history.update("concerns", concern["id"], "respond", response="Monthly peer supervision")
        history.update("concerns", concern["id"], "settle", status="resolved")
        history._undo.pop(-1)  # stand-in for a change of the status made by another path
        history.undo()  # the response step: the status set afterwards stays as it is
        record = session.get("concerns", concern["id"])
        assert record["response"] == "" and record["status"] == "resolved"
