"""The example peer duties of a draft: the check's suggestion, the group's marks, sending a
duty to the action plan, and the table in the Word record and the Markdown export."""

from __future__ import annotations

import docx
import pytest

from workshop import actions, content, model
from workshop.export import ExportOptions, export_record
from workshop.history import History
from workshop.jd import duties as D
from workshop.jd.check import find_duties
from workshop.store import Session

DRAFT = ("- Support people to work towards their own recovery goals.\n"
         "- Share your own lived experience where this helps.\n"
         "- Attend team meetings.\n")


def test_the_suggestion_agrees_with_the_wording_check():
    for text in (DRAFT, content.text_of("demo_jd.md"), "", "nothing here"):
        assert D.found_in(text) == find_duties(text)


def test_unmarked_duties_start_present_when_found_and_missing_when_not():
    rows = D.duty_rows(DRAFT, {})
    assert [r.key for r in rows] == [d["key"] for d in content.example_duties()]
    marks = {r.key: r.mark for r in rows}
    assert {k for k, m in marks.items() if m == "present"} == {"recovery_goals", "sharing_experience", "team_meetings"}
    assert marks["transitions"] == "missing"
    assert not any(r.decided for r in rows)
    assert D.counts(rows) == {"present": 3, "missing": 8, "wanted": 0}


def test_the_groups_mark_overrides_the_suggestion_and_null_hands_it_back():
    saved = {"recovery_goals": {"id": "a", "mark": "missing"}, "transitions": {"id": "b", "mark": "wanted", "note": " x\n y "},
             "team_meetings": {"id": "c", "mark": None}, "retired_duty": {"id": "d", "mark": "present", "title": "Old"}}
    rows = {r.key: r for r in D.duty_rows(DRAFT, saved)}
    assert (rows["recovery_goals"].mark, rows["recovery_goals"].decided) == ("missing", True)
    assert (rows["transitions"].mark, rows["transitions"].note) == ("wanted", "x y")
    assert (rows["team_meetings"].mark, rows["team_meetings"].decided) == ("present", False)
    assert rows["retired_duty"].title == "Old", "a mark for a duty no longer shipped is kept, not lost"
    assert list(rows)[-1] == "retired_duty"
    assert D.summary(list(rows.values())) == "12 duties: 3 present, 8 missing, 1 wanted · 3 marked by the group"


@pytest.mark.parametrize("record, pressed, expected", [
    (None, "present", "present"),  # confirming the suggestion makes it the group's
    ({"mark": "present"}, "present", None),  # pressed again: back to the suggestion
    ({"mark": "present"}, "wanted", "wanted"),
    ({"mark": None}, "missing", "missing"),
])
def test_next_mark(record, pressed, expected):
    row = D.DutyRow("recovery_goals", "Goals", True, record)
    assert D.next_mark(row, pressed) == expected


def test_an_unknown_mark_is_refused():
    with pytest.raises(ValueError):
        D.next_mark(D.DutyRow("k", "t", True, None), "maybe")


def test_saved_marks_are_read_per_draft_first_one_wins():
    records = [{"jd_id": "j1", "duty": "a", "mark": "wanted"}, {"jd_id": "j1", "duty": "a", "mark": "present"},
               {"jd_id": "j2", "duty": "b", "mark": "present"}]
    assert D.duties_for(records, "j1") == {"a": records[0]}


def test_a_new_record_has_no_mark_until_the_group_gives_one():
    assert model.defaults_for("jd_duties") == {"jd_id": "", "duty": "", "title": "", "mark": None, "note": ""}
    with pytest.raises(model.FieldError):
        model.validate_record("jd_duties", {"id": "x", "jd_id": "j", "duty": "a", "mark": "maybe"})


@pytest.fixture
def history(tmp_path):
    session = Session.create(tmp_path / "w.json", title="Riverside CMHT team day")
    yield History(session)
    session.close()


def test_a_duty_is_sent_to_the_action_plan_once_with_a_link_back(history):
    duty = history.insert("jd_duties", jd_id="j", duty="transitions", title="Supporting people through transitions",
                          mark="wanted")
    action = actions.send_to_action_plan(history, "jd_duties", duty)
    assert action["source"] == f"jd_duty:{duty['id']}"
    assert (action["stage"], action["task"]) == ("preparation", "Job description: add a peer duty")
    assert action["what"] == "Add “Supporting people through transitions” to the job description."
    assert actions.send_to_action_plan(history, "jd_duties", duty) is None
    assert actions.describe_source(action["source"], history.session.get) == \
        "from example peer duty: Supporting people through transitions"
    assert actions.source_activity(action["source"]) == "job_description"


def _workshop_with_marks(path):
    with Session.create(path, title="Riverside CMHT team day") as session:
        jd = session.insert("job_descriptions", title="PSW draft", text=DRAFT)
        other = session.insert("job_descriptions", title="Unmarked draft", text=DRAFT)
        wanted = session.insert("jd_duties", jd_id=jd["id"], duty="transitions", title="Transitions", mark="wanted",
                                note="Leaving hospital")
        session.insert("jd_duties", jd_id=jd["id"], duty="recovery_goals", title="Goals", mark="missing")
        session.insert("actions", task="Job description: add a peer duty", what="Add it", source=f"jd_duty:{wanted['id']}")
    return jd, other


def test_the_word_record_and_the_markdown_hold_the_duties_in_words(tmp_path):
    _workshop_with_marks(tmp_path / "w.json")
    with Session.open(tmp_path / "w.json", read_only=True) as session:
        snapshot = session.snapshot()
    export_record(snapshot, tmp_path / "r.docx", ExportOptions())
    tables = [t for t in docx.Document(str(tmp_path / "r.docx")).tables if t.rows[0].cells[0].text == "Example peer duty"]
    assert len(tables) == 1, "only the draft whose duties were marked gets the table"
    rows = {r.cells[0].text: (r.cells[1].text, r.cells[2].text) for r in tables[0].rows[1:]}
    assert len(rows) == 11
    assert rows["Supporting people through transitions, such as leaving hospital"] == \
        ("Wanted: to be added", "Leaving hospital\n(In the action plan.)")
    assert rows["Supporting people to find and work towards their own recovery goals"][0] == "Missing"
    assert rows["Taking part in team meetings and reviews"][0] == "Present (found by the check, not discussed)"
    export_record(snapshot, tmp_path / "r.md", ExportOptions(format="md"))
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "#### Example peer duties" in md
    assert "| Supporting people through transitions, such as leaving hospital | Wanted: to be added |" in md
    assert "Of the 11 example duties in the guidance: 2 present, 8 missing, 1 wanted by the team." in md
    assert "From example peer duty: Transitions" in md, "the action names the duty it came from"


def test_a_drafts_duty_marks_go_with_it_and_each_draft_keeps_its_own(tmp_path):
    from workshop.jd.review import ReviewData

    jd, other = _workshop_with_marks(tmp_path / "w.json")
    with Session.open(tmp_path / "w.json") as session:
        data = ReviewData(session)
        data.load(select=jd["id"])
        assert {k: r["mark"] for k, r in data.duties.items()} == {"transitions": "wanted", "recovery_goals": "missing"}
        assert sum(1 for table, _ in data.children(jd["id"]) if table == "jd_duties") == 2
        data.load(select=other["id"])
        assert data.duties == {} and not any(r.decided for r in data.duty_rows())
