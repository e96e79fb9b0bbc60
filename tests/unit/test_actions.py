"""Sending items to the action plan, and reading an action's link back (workshop.actions)."""

from __future__ import annotations

from datetime import date

import pytest

from workshop import actions
from workshop.history import History
from workshop.store import Session


@pytest.fixture
def history(tmp_path):
    session = Session.create(tmp_path / "w.json", title="Test day")
    yield History(session)
    session.close()


def test_send_a_concern_once_with_a_link_back(history):
    concern = history.insert("concerns", text="What if  they\nbecome unwell?", response="Same policies as anyone.",
                             owner="Team manager", due="2027-01-15")
    action = actions.send_to_action_plan(history, "concerns", concern)
    assert action["source"] == f"concern:{concern['id']}"
    assert action["stage"] == "preparation"
    assert action["task"] == "Concern: What if they become unwell?"
    assert (action["what"], action["who"], action["by_when"]) == ("Same policies as anyone.", "Team manager",
                                                                  "2027-01-15")
    assert actions.send_to_action_plan(history, "concerns", concern) is None
    assert len(history.session.records("actions")) == 1
    assert actions.linked_action(history, "concerns", concern)["id"] == action["id"]
    history.undo()
    assert history.session.records("actions") == []


def test_overrides_and_other_tables(history):
    plan = history.insert("dual_roles", situation="Peer worker meets someone they know", owner="Manager")
    action = actions.send_to_action_plan(history, "dual_roles", plan, stage="recruitment")
    assert action["stage"] == "recruitment" and action["source"] == f"dual_role:{plan['id']}"


def test_parse_and_describe_sources(history):
    concern = history.insert("concerns", text="The post being pulled into the duty rota.")
    source = f"concern:{concern['id']}"
    assert actions.parse_source(source) == ("concerns", concern["id"])
    assert actions.source_activity(source) == "concerns"
    assert actions.source_activity("jd_flag:abc") == "job_description"
    assert actions.source_activity("dual_role:abc") == "dual_roles"
    assert actions.describe_source(source, history.session.get) == \
        "from concern: The post being pulled into the duty rota."
    history.delete("concerns", concern["id"])
    assert actions.describe_source(source, history.session.get) == "from a concern (no longer there)"
    assert actions.describe_source(None, history.session.get) == ""
    for odd in ("", "concern:", "nonsense", "mystery:12", None):
        assert actions.parse_source(odd) is None
    assert actions.source_activity("mystery:12") is None
    assert actions.describe_source("mystery:12", history.session.get) == "from mystery:12"


@pytest.mark.parametrize(
    ("by_when", "outcome", "overdue"),
    [
        ("2026-12-02", "", True),
        ("2026-12-02", "  ", True),
        ("2026-12-02", "Done: agreed at the team meeting", False),
        ("2026-12-03", "", False),  # due today is not overdue
        ("2027-01-01", "", False),
        (None, "", False),
        ("not a date", "", False),
    ],
)
def test_overdue_against_today(by_when, outcome, overdue):
    row = {"by_when": by_when, "outcome": outcome}
    assert actions.is_overdue(row, date(2026, 12, 3)) is overdue


def test_grouping_and_sorting_by_date():
    rows = [
        {"id": "a", "stage": "support", "by_when": None},
        {"id": "b", "stage": "support", "by_when": "2027-03-01"},
        {"id": "c", "stage": "preparation", "by_when": "2027-01-10"},
        {"id": "d", "stage": "odd", "by_when": "2026-12-20"},
        {"id": "e", "stage": "support", "by_when": "2027-02-01"},
    ]
    stages = ["preparation", "recruitment", "support", "sustaining"]
    plain = actions.group_by_stage(rows, stages)
    assert [r["id"] for r in plain["support"]] == ["a", "b", "e"]
    assert [r["id"] for r in plain["preparation"]] == ["c", "d"]  # an unknown stage goes first
    assert plain["recruitment"] == []
    dated = actions.group_by_stage(rows, stages, sort_by_date=True)
    assert [r["id"] for r in dated["support"]] == ["e", "b", "a"]
    assert [r["id"] for r in dated["preparation"]] == ["d", "c"]
