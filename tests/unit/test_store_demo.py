"""The demo workshop: built from content with its refs turned into ids, reopened as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.sessions import fingerprint, raw
from workshop.demo import DEMO_NAME, create_demo, resolve_refs
from workshop.store import Session, SessionFileError, StoreError, read_session_file


def small_demo() -> dict:
    return {
        "workshop": {"title": "Demo day", "team": "Demo team", "date": "2026-12-03", "current_activity": "concerns"},
        "participants": [{"name": "", "role": "Nurse"}],
        "hopes_fears": [
            {"kind": "hope", "text": "Hope one"},
            {"kind": "fear", "text": "Fear one", "ref": "fear-1"},
        ],
        "job_descriptions": [{"title": "Draft", "text": "# Peer Support Worker", "ref": "jd"}],
        "jd_checks": [{"jd_ref": "jd", "criterion": "intentional_sharing", "status": "partly"}],
        "concerns": [{"text": "Fear raised", "from_fear_ref": "fear-1", "ref": "c-1"},
                     {"text": "Free concern", "from_fear_ref": None}],
        "actions": [{"task": "Follow up", "source_ref": "c-1"}],
    }


def test_refs_become_ids_and_disappear(session_dir: Path):
    path = create_demo(session_dir, load=small_demo)
    assert path == session_dir / DEMO_NAME
    data = read_session_file(path)
    with Session.open(path, read_only=True) as session:
        fear = next(r for r in session.records("hopes_fears") if r["kind"] == "fear")
        raised, free = session.records("concerns")
        assert raised["from_fear"] == fear["id"] and free["from_fear"] is None
        jd = session.records("job_descriptions")[0]
        assert session.records("jd_checks")[0]["jd_id"] == jd["id"]
        assert session.records("actions")[0]["source"] == f"concern:{raised['id']}"
        assert session.workshop()["current_activity"] == "concerns"
    for table, records in data.items():
        for record in records.values():
            assert not [k for k in record if k == "ref" or k.endswith("_ref")], (table, record)


def test_the_demo_is_reopened_not_rebuilt(session_dir: Path):
    path = create_demo(session_dir, load=small_demo)
    before = fingerprint(path)
    assert create_demo(session_dir, load=lambda: pytest.fail("rebuilt")) == path
    assert fingerprint(path) == before


def test_a_damaged_demo_is_reported_never_overwritten(session_dir: Path):
    path = session_dir / DEMO_NAME
    path.write_text("{")
    with pytest.raises(SessionFileError):
        create_demo(session_dir, load=small_demo)
    assert path.read_text() == "{"


def test_a_demo_that_fails_half_way_leaves_nothing(session_dir: Path):
    def broken() -> dict:
        demo = small_demo()
        demo["concerns"][0]["status"] = "no such status"
        return demo

    with pytest.raises(StoreError):
        create_demo(session_dir, load=broken)
    assert list(session_dir.iterdir()) == []


def test_an_unknown_ref_is_an_error():
    with pytest.raises(StoreError, match="nowhere"):
        resolve_refs({"concerns": [{"text": "x", "from_fear_ref": "nowhere"}]})


def test_the_shipped_demo_builds_and_checks(session_dir: Path):
    path = create_demo(session_dir)
    data = raw(path)
    with Session.open(path, read_only=True) as session:
        snapshot = session.snapshot()
        assert snapshot["workshop"]["title"]
        assert len(snapshot["hopes_fears"]) >= 10
        fear_ids = {r["id"] for r in snapshot["hopes_fears"] if r["kind"] == "fear"}
        linked = [c for c in snapshot["concerns"] if c["from_fear"]]
        assert linked and all(c["from_fear"] in fear_ids for c in linked)
    keys = {k for records in data.values() for record in records.values() for k in record}
    assert not [k for k in keys if k == "ref" or k.endswith("_ref")]
