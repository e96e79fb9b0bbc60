"""The programme's core (workshop/programme): what is counted once, what is late, what
stays private, and the spreadsheet's formula guard."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers.followup import FOLLOWUP_DATE, build_earlier
from workshop.export import ExportOptions
from workshop.followup import create_followup
from workshop.programme import gather, render, work_out
from workshop.programme.sheet import neutral
from workshop.store import Session

TODAY = date(2027, 1, 12)


@pytest.mark.parametrize("cell, shown", [
    ("=1+1", "'=1+1"), ("+44 7700", "'+44 7700"), ("-2", "'-2"), ("@team", "'@team"),
    ("Team 1", "Team 1"), ("", ""), (" =x", " =x"), ("a=b", "a=b"),
])
def test_a_cell_that_starts_like_a_formula_gets_an_apostrophe(cell, shown):
    assert neutral(cell) == shown


def test_a_day_that_was_followed_up_is_counted_through_its_follow_up_only(tmp_path: Path):
    build_earlier(tmp_path / "riverside.json")
    review = create_followup(tmp_path / "riverside.json", tmp_path, on=FOLLOWUP_DATE)
    facts = work_out(gather([tmp_path], today=TODAY))
    day, follow = facts.rows
    assert day.workshop.path.name == "riverside.json" and day.open_concerns is None
    assert follow.workshop.path == review and follow.open_concerns == 2
    # Two concerns are open; each appears once, from the follow-up, not again from the day.
    assert len(facts.open_concerns) == 2 and {ws.path for ws, _ in facts.open_concerns} == {review}
    # Due before 12 January and not done: the newsletter (5 Jan) and supervision (10 Jan).
    assert sorted(a.task for _, a, _ in facts.late) == ["Newsletter item", "Supervision arrangements"]
    assert facts.followups[0].moved.actions_carried == 6 and facts.followups[0].moved.not_reviewed > 0


def test_a_follow_up_whose_day_is_elsewhere_still_counts(tmp_path: Path):
    build_earlier(tmp_path / "riverside.json")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    create_followup(tmp_path / "riverside.json", elsewhere, on=FOLLOWUP_DATE)
    facts = work_out(gather([elsewhere], today=TODAY))
    assert [r.open_concerns for r in facts.rows] == [2]
    assert facts.rows[0].workshop.is_followup


def test_held_back_entries_and_private_names_stay_out(tmp_path: Path):
    path = tmp_path / "riverside.json"
    build_earlier(path)
    with Session.open(path) as session:
        session.insert("concerns", text="Held back concern", status="open", in_record=False)
        session.insert("hopes_fears", kind="fear", text="x", theme="Priya Shah's caseload", votes=2)
    gathered = gather([tmp_path], ExportOptions(include_names=True), today=TODAY)
    facts = work_out(gathered)
    assert "Held back concern" not in [c.text for _, c in facts.open_concerns]
    for fmt in ("md", "csv"):
        text = render(gathered, fmt, ExportOptions(include_names=True)).decode("utf-8-sig")
        assert "Priya" not in text and "Held back concern" not in text
        assert "A team member's caseload" in text or "a team member's caseload" in text


def test_an_unknown_format_is_refused_in_words(tmp_path: Path):
    from workshop.export import ExportError

    with pytest.raises(ExportError, match="use docx, md or csv"):
        render(gather([tmp_path], today=TODAY), "xlsx")
