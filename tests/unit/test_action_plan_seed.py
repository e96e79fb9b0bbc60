"""Starting rows for the action plan: the guidance's taking-stock topics, never twice."""

from __future__ import annotations

from workshop import action_plan_seed as seed
from workshop import content


def test_stages_follow_the_guidance_in_order():
    assert seed.stage_keys() == ["preparation", "recruitment", "support", "sustaining"]
    titles = seed.stage_titles()
    assert titles["support"] == "Supporting peer workers"
    # The corrected recruitment topics, not the support rows the original table repeats.
    recruitment = next(s for s in content.taking_stock() if s["key"] == "recruitment")
    assert recruitment["topics"] == ["Planning for recruitment", "Interview", "Job readiness", "Job offer"]


def test_empty_plan_gets_every_topic_once_as_an_empty_task():
    rows = seed.starting_rows([])
    total = sum(len(s["topics"]) for s in content.taking_stock())
    assert len(rows) == total == len({r["task"] for r in rows})
    assert rows[0] == {"stage": "preparation", "task": "Motivation and implications", "what": "", "who": "",
                       "by_when": None, "outcome": "", "source": None}
    assert {r["stage"] for r in rows} == set(seed.stage_keys())


def test_topics_already_in_the_plan_are_not_offered_again_whatever_the_case_or_stage():
    actions = [
        {"stage": "preparation", "task": "  job   DESCRIPTION "},
        {"stage": "sustaining", "task": "Training"},  # moved to another stage: still in the plan
    ]
    missing = seed.missing_topics(actions, "preparation")
    assert "Job description" not in missing and "Training" not in missing
    assert "Financial planning" in missing
    rows = seed.starting_rows(actions, ["preparation"])
    assert {r["task"] for r in rows} == set(missing)
    assert all(r["stage"] == "preparation" for r in rows)


def test_adding_twice_adds_nothing_the_second_time():
    first = seed.starting_rows([], ["recruitment"])
    assert [r["task"] for r in first] == ["Planning for recruitment", "Interview", "Job readiness", "Job offer"]
    assert seed.starting_rows(first, ["recruitment"]) == []


def test_named_topics_only_and_each_once():
    rows = seed.starting_rows([], topics=["Interview", "interview", "Celebrate", "Not a topic"])
    assert [(r["stage"], r["task"]) for r in rows] == [("recruitment", "Interview"), ("sustaining", "Celebrate")]


def test_checklist_marks_what_is_in_the_plan():
    checklist = seed.topic_checklist([{"stage": "support", "task": "Induction"}])
    assert ("support", "Induction", True) in checklist
    assert ("support", "Supervision", False) in checklist
    assert len(checklist) == sum(len(s["topics"]) for s in content.taking_stock())


def test_unknown_stage_raises():
    try:
        seed.missing_topics([], "nowhere")
    except KeyError:
        return
    raise AssertionError("an unknown stage should raise KeyError")
