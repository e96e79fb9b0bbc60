"""Criteria, progress and the order in which saved flags are shown."""

from __future__ import annotations

from pathlib import Path

from workshop import content
from workshop.history import History
from workshop.jd.check import check_wording, group_flags
from workshop.jd.review import (ReviewData, checks_for, criteria, flag_rows, normalise_key, progress, signs_for)
from workshop.store import Session


def test_criteria_cover_the_four_groups_with_group_item_keys() -> None:
    items = criteria()
    groups = {}
    for item in items:
        groups.setdefault(item.group, []).append(item)
    assert list(groups) == ["hear_me", "components", "cm_principles", "person_spec"]
    assert [c.title for c in groups["hear_me"]] == ["Hope", "Experience", "Authenticity", "Responsibility",
                                                    "Mutuality", "Empowerment"]
    assert len(groups["components"]) == 4
    assert [c.key for c in groups["person_spec"]] == ["person_spec:knowledge_experience",
                                                      "person_spec:skills_attributes", "person_spec:values_attitudes"]
    assert len({c.key for c in items}) == len(items)
    expected = sum(len(g["items"]) for g in content.jd_criteria())
    assert len(items) == expected


def test_keys_written_with_a_dot_are_read_too() -> None:
    assert normalise_key("hear_me.hope") == "hear_me:hope"
    assert normalise_key("hear_me:hope") == "hear_me:hope"
    checks = checks_for([{"jd_id": "a", "criterion": "hear_me.hope", "status": "met"},
                         {"jd_id": "b", "criterion": "hear_me:hope", "status": "partly"}], "a")
    assert checks["hear_me:hope"]["status"] == "met"


def test_progress_counts_what_was_discussed() -> None:
    items = criteria()
    ratings = {items[0].key: {"status": "met"}, items[1].key: {"status": "partly"},
               items[2].key: {"status": "not_met"}, items[3].key: {"status": "not_discussed"}}
    result = progress(ratings, items)
    assert result.discussed == 3 and result.total == len(items)
    assert result.summary() == f"3 of {len(items)} discussed · met 1 · partly 1 · not met 1"


def test_flag_rows_number_wording_in_reading_order_then_missing() -> None:
    text = "Support clients. Also patients."
    groups = group_flags(check_wording(text))
    by_phrase = {g.flag.phrase: g.flag for g in groups}
    missing = next(g.flag for g in groups if g.flag.kind == "missing")
    saved = [
        {"id": "m", "phrase": missing.phrase, "reason": missing.reason, "state": "open"},
        {"id": "p", "phrase": "patients", "reason": by_phrase["patients"].reason, "state": "accepted"},
        {"id": "gone", "phrase": "caseload", "reason": "x", "state": "dismissed"},
        {"id": "c", "phrase": "clients", "reason": by_phrase["clients"].reason, "state": "open"},
        {"id": "c2", "phrase": "Clients", "reason": by_phrase["clients"].reason, "state": "open"},  # a merged copy
    ]
    rows = flag_rows(saved, groups, sent_ids={"p"})
    assert [(r.number, r.record["id"], r.gone, r.missing) for r in rows] == [
        (1, "c", False, False), (2, "p", False, False), (3, "gone", True, False), (4, "m", False, True)]
    assert rows[1].sent and not rows[0].sent


def test_review_data_reads_and_saves_through_history(tmp_path: Path) -> None:
    session = Session.create(tmp_path / "w.json", title="Day")
    history = History(session)
    first = session.insert("job_descriptions", title="One", text="patients")
    second = session.insert("job_descriptions", title="Two", text="clients")
    data = ReviewData(session)
    data.load()
    assert data.current["id"] == second["id"]  # the newest draft
    data.select(0)
    assert data.current["id"] == first["id"] and data.index == 0

    def attempt(change, *args, **kwargs):
        return change(*args, **kwargs)

    record = data.save_check(history, attempt, "hear_me:hope", "rate", status="met")
    again = data.save_check(history, attempt, "hear_me:hope", "note", note="In the purpose")
    assert record["id"] == again["id"] and again["status"] == "met" and again["note"] == "In the purpose"
    sign = data.save_sign(history, attempt, "band_too_low", "mark", present=True)
    assert signs_for(session.records("jd_compromise"), first["id"])["band_too_low"]["id"] == sign["id"]
    flags = data.insert_flags(history, [{"jd_id": first["id"], "phrase": "patients", "reason": "r", "suggestion": "s"},
                                        {"jd_id": first["id"], "phrase": "cases", "reason": "r", "suggestion": "s"}])
    assert len(session.records("jd_flags")) == 2
    history.undo()  # the batch of flags is one step
    assert session.records("jd_flags") == []
    history.redo()
    assert {f["id"] for f in session.records("jd_flags")} == {f["id"] for f in flags}
    assert {t for t, _ in data.children(first["id"])} == {"jd_checks", "jd_flags", "jd_compromise"}
    assert data.children(second["id"]) == []
    session.close()
