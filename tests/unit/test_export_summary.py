"""The front page and "one item, one line": a workshop saved to a real file the way the app
saves it (presets seeded, a scenario's plan sent to the action plan), exported and reopened."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from workshop import dual_roles_seed
from workshop.actions import send_to_action_plan
from workshop.export import ExportOptions, export_record
from workshop.history import History
from workshop.store import Session


@pytest.fixture
def session_snapshot(tmp_path: Path) -> dict:
    path = tmp_path / "northside.json"
    with Session.create(path, title="Northside team day", team="Northside CMHT", date="2027-02-09") as session:
        history = History(session)
        assert dual_roles_seed.ensure_presets(session) == 6
        preset = sorted(session.records("dual_roles"), key=lambda r: r["position"])[0]
        planned = history.update("dual_roles", preset["id"], challenge="Old notes on the same system",
                                 action_plan="Ask records to restrict access", owner="Team manager",
                                 due="2027-03-01")
        send_to_action_plan(history, "dual_roles", planned, task="Restrict records access")
        history.insert("dual_roles", situation="", challenge="", action_plan="", owner="", position=9)  # a blank row
        own = history.insert("dual_roles", situation="Meeting someone they support in the pub", position=10)
        concern = history.insert("concerns", text="Pulled into the duty rota", status="open", owner="Team manager",
                                 due="2027-02-20", response="Protected hours in the job plan")
        send_to_action_plan(history, "concerns", concern, task="Write protected hours into the job plan",
                            by_when="2027-02-27")
        history.insert("concerns", text="", status="open")  # nothing typed
        history.insert("concerns", text="Becoming unwell", status="resolved")
        history.insert("actions", stage="preparation", task="Brief HR", who="Team manager", by_when="2027-02-15")
        history.insert("actions", stage="preparation", task="", what="")  # nothing typed
        for kind, theme, votes, n in (("hope", "Culture", 3, 3), ("hope", "Hope", 5, 1), ("hope", "Pay", 1, 1),
                                      ("hope", "Trust", 0, 1), ("fear", "Role drift", 4, 2), ("fear", None, 9, 1)):
            for i in range(n):
                history.insert("hopes_fears", kind=kind, text=f"{kind} {theme} {i}", theme=theme, votes=votes)
        history.insert("hopes_fears", kind="hope", text="   ")
        history.insert("job_descriptions", title="Peer Support Worker, Band 4", text="Draft", imported_from="jd.docx")
        session.insert("notes", activity="dual_roles", text="Own situation added: " + own["id"])
        return session.snapshot()


def _rows(table) -> list[tuple[str, ...]]:
    return [tuple(c.text for c in row.cells) for row in table.rows]


def _tables_under(document, heading: str) -> list:
    out, inside = [], False
    body = document.element.body
    for el in body.iterchildren():
        if el.tag.endswith("}p"):
            p = docx.text.paragraph.Paragraph(el, document)
            if p.style.name.startswith("Heading") or p.style.name in ("TOC Heading", "Cover Heading"):
                inside = p.text == heading
        elif el.tag.endswith("}tbl") and inside:
            out.append(docx.table.Table(el, document))
    return out


@pytest.fixture
def document(session_snapshot, tmp_path):
    out = export_record(session_snapshot, tmp_path / "record.docx", ExportOptions())
    return docx.Document(str(out))


def test_summary_leads_with_decisions_and_what_is_due(document):
    summary_h2 = []
    seen = False
    for p in document.paragraphs:
        if p.style.name == "Heading 1":
            seen = p.text == "Summary"
        elif seen and p.style.name == "Heading 2":
            summary_h2.append(p.text)
    assert summary_h2 == ["Decisions and actions due", "What the room hoped for and feared most",
                          "Open concerns", "In this record"]
    (due,) = _tables_under(document, "Decisions and actions due")
    assert _rows(due) == [
        ("Task", "Who", "By when", "From"),
        ("Brief HR", "Team manager", "15 Feb 2027", "Action plan"),
        ("Write protected hours into the job plan", "Team manager", "27 Feb 2027", "Concern: Pulled into the duty rota"),
        ("Restrict records access", "Team manager", "1 Mar 2027", "Dual-role scenario: Working in a service that they"
         " have previously used"),
    ]
    texts = [p.text for p in document.paragraphs]
    assert "3 actions agreed for the action plan" in texts
    assert "1 dual-role scenario with a plan" in texts and "1 concern worked through and resolved" in texts


def test_top_themes_and_open_concerns_once(document):
    (themes,) = _tables_under(document, "What the room hoped for and feared most")
    # Most votes first, three themes at most; an unthemed fear is no theme.
    assert _rows(themes)[1:] == [("Hopes", "Culture", "3", "9"), ("", "Hope", "1", "5"), ("", "Pay", "1", "1"),
                                 ("Fears", "Role drift", "2", "8")]
    (open_concerns,) = _tables_under(document, "Open concerns")
    assert [r[0] for r in _rows(open_concerns)[1:]] == ["Pulled into the duty rota"]
    summary = "\n".join(c.text for t in _tables_under(document, "Decisions and actions due") for r in t.rows
                        for c in r.cells)
    assert summary.count("Pulled into the duty rota") == 1  # as the action's origin, not as a second item


def test_counts_count_only_entries_with_content(document):
    (counts,) = _tables_under(document, "In this record")
    rows = {r[0]: r[1] for r in _rows(counts)[1:]}
    assert rows["Dual-role scenarios"] == "2 scenarios"  # the worked preset and the group's own
    assert rows["Concerns log"] == "2 concerns (1 not yet resolved)"
    assert rows["Action plan"] == "3 actions"
    assert rows["Hopes and fears"] == "6 hopes, 3 fears"
    assert rows["Job description review"] == "1 job description, not yet reviewed"
    assert len(_rows(counts)[0]) == 2, "no held-back column when nothing was held back"
    texts = [p.text for p in document.paragraphs]
    assert texts.count("No entries were held back from this record.") == 1


def test_empty_subsections_are_left_out_with_one_line_where_a_step_was_not_done(document):
    h3 = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    assert not {"Criteria", "Agreed wording changes", "Signs of a compromised job description"} & set(h3)
    texts = [p.text for p in document.paragraphs]
    assert sum("was not walked through against the criteria" in t for t in texts) == 1
    h2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "Recruitment" not in h2 and "Preparation and planning" in h2  # stages with no actions
    assert "Life outside mental health services" not in h2  # no entries from that source
    assert "5 preset situations were not discussed and are left out." in texts


def test_an_action_from_another_activity_is_one_line_with_its_origin(document):
    plan = [r for t in document.tables for r in _rows(t) if r[0].startswith("Restrict records access") and len(r) == 5]
    assert plan == [("Restrict records access\nFrom dual-role scenario: Working in a service that they have "
                     "previously used",
                     "Ask records to restrict access", "Team manager", "1 Mar 2027", "")]
    scenario = [r for t in document.tables for r in _rows(t)
                if r[0] == "Working in a service that they have previously used"]
    assert len(scenario) == 1 and scenario[0][2] == "Ask records to restrict access\n(In the action plan.)"


def test_markdown_has_the_same_front_page(session_snapshot, tmp_path):
    text = export_record(session_snapshot, tmp_path / "r.md", ExportOptions("md")).read_text()
    front = text[text.index("## Summary"):text.index("## Hopes and fears")]
    assert front.index("### Decisions and actions due") < front.index("### Open concerns")
    assert "| Restrict records access | Team manager | 1 Mar 2027 | Dual-role scenario: Working in a service" in front
    assert front.count("Pulled into the duty rota") == 2  # the concern, and the origin of its action
