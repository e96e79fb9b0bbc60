"""The record of a follow-up: the "Since ..." comparison, reopened from real Word and
Markdown files; and an ordinary workshop's record without it."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest

from tests.helpers.followup import FOLLOWUP_DATE, build_earlier
from workshop import followup
from workshop.export import ExportOptions, export_record
from workshop.export.followup import standing
from workshop.history import History
from workshop.store import Session

HEADING = "Since Riverside CMHT team day (3 December 2026)"


def _review(session: Session, origin: str) -> str:
    return next(r["id"] for r in followup.reviews(session) if r["origin_id"] == origin)


@pytest.fixture
def followup_snapshot(tmp_path: Path) -> dict:
    """A follow-up with every kind of outcome recorded in its review."""
    earlier = tmp_path / "riverside.json"
    made = build_earlier(earlier)
    path = followup.create_followup(earlier, tmp_path, on=FOLLOWUP_DATE)
    with Session.open(path) as session:
        history = History(session)

        def status(key: str, value: str, done_on: str | None = None) -> None:
            rid = _review(session, made[key]["id"])
            followup.set_status(history, rid, value)
            if done_on:
                followup.set_done_on(history, rid, done_on)

        status("c_open", "resolved")
        followup.set_text(history, _review(session, made["c_open"]["id"]), "changed",
                          "Monthly peer supervision started in January.")
        followup.set_text(history, _review(session, made["c_open"]["id"]), "next", "Check in at six months.")
        status("c_progress", "in_progress")
        status("a_concern", "done", "2027-01-08")  # due 10 Jan: on time
        status("a_dual", "done", "2027-01-25")  # due 20 Jan: late
        status("a_drop", "dropped")
        followup.set_text(history, _review(session, made["a_drop"]["id"]), "changed", "The newsletter stopped.")
        status("a_free", "in_progress")  # due 1 Mar: still under way
        status("a_flag", "not_started")  # no date: under way
        # a_resolved (due 15 Jan) is left unreviewed: late.
        status("d_plan", "done", "2027-01-09")
        session.insert("concerns", text="Cover for the peer worker's leave.", status="open", owner="Priya Shah")
        session.insert("notes", activity="review", text="We agreed to meet again in **June**.")
        return session.snapshot()


def _export(snapshot: dict, out: Path, **options) -> Path:
    return export_record(snapshot, out, ExportOptions(**options))


def _rows(table) -> list[tuple[str, ...]]:
    return [tuple(c.text for c in row.cells) for row in table.rows]


def _table(document, *header: str) -> list[tuple[str, ...]]:
    for table in document.tables:
        rows = _rows(table)
        if rows and rows[0][: len(header)] == header:
            return rows
    raise AssertionError(f"no table starting {header}")


def _section(document, heading: str) -> list[str]:
    """Paragraph texts from the Heading 1 `heading` to the next Heading 1."""
    out: list[str] = []
    for p in document.paragraphs:
        if p.style.name == "Heading 1":
            if out:
                break
            if p.text == heading:
                out.append(p.text)
        elif out:
            out.append(p.text)
    return out


def test_the_word_record_compares_then_and_now(followup_snapshot, tmp_path: Path):
    document = docx.Document(str(_export(followup_snapshot, tmp_path / "record.docx", include_names=True)))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    ones = [text for style, text in headings if style == "Heading 1"]
    assert ones[:4] == ["Summary", HEADING, "Opening: why peer support", "Hopes and fears"], \
        "the comparison follows the summary"
    assert ("Heading 2", "Concerns at the outset and now") in headings
    assert ("Heading 2", "Actions: done, late and dropped") in headings
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Record of the follow-up review") for t in texts)

    counts = dict(_table(document, "Concerns", "Number")[1:])
    assert counts == {"Open at the outset (carried forward)": "2", "Resolved since": "1",
                      "Still open or in progress": "1", "New since": "1", "New since and not yet resolved": "1"}
    assert "At the earlier day 3 concerns were logged, 1 of them resolved on the day." in texts

    carried = _table(document, "Concern", "Then", "Now", "What changed", "What next")
    supervision = next(r for r in carried if r[0] == "Without supervision we set them up to fail.")
    assert supervision[1].startswith("Open") and "By: 15 Jan 2027" in supervision[1]
    assert supervision[2] == "Resolved"
    assert supervision[3:] == ("Monthly peer supervision started in January.", "Check in at six months.")
    rota = next(r for r in carried if r[0] == "The post being pulled into the duty rota.")
    assert rota[1].startswith("In progress") and rota[2] == "In progress"

    new = _table(document, "Concern", "Status", "Owner", "By when")
    # Priya Shah is the only psychologist: her role would name her too.
    assert ("Cover for the peer worker's leave.", "Open", "A team member", "") in new

    actions = _table(document, "Action", "Who", "Due", "Done on", "Where it stands", "What changed, what next")
    cells = {r[0].split("\n")[0]: r for r in actions}
    assert cells["Done (1)"][0] == "Done (1)"  # group rows span the table
    # Each action says where it came from; the dual-role plan sent to the action plan is
    # that action, listed once with one status (its own review's), not again as a plan.
    assert cells["Supervision arrangements"][0] == (
        "Supervision arrangements\nFrom concern: Without supervision we set them up to fail.")
    assert cells["Records access"][0] == "Records access\nFrom dual-role scenario: Working in a service they used"
    assert cells["Supervision arrangements"][2:5] == ("10 Jan 2027", "8 Jan 2027", "Done")
    assert cells["Records access"][2:5] == ("20 Jan 2027", "25 Jan 2027", "Done, late")
    assert cells["Wellbeing plan for everyone"][2:5] == ("15 Jan 2027", "", "Not yet reviewed; due date passed")
    assert cells["Newsletter item"][4:] == ("Dropped", "Changed: The newsletter stopped.")
    assert cells["Recruitment panel"][4] == "In progress"
    order = [r[0] for r in actions[1:] if r[0] == r[1]]
    assert order == ["Done (1)", "Late (2)", "Dropped (1)", "Still under way (2)"]
    summary_line = next(t for t in texts if t.startswith("6 actions carried forward"))
    assert summary_line.startswith("6 actions carried forward: 2 done (1 of them late), 1 late and not done, "
                                   "1 dropped, 2 still under way.")

    plans = _table(document, "A peer worker is…", "Who", "Due", "Done on")
    assert [r[0].split("\n")[0] for r in plans[1:] if r[0] != r[1]] == ["Using the service in future"]
    assert "1 plan carried forward" in " ".join(texts)

    assert "We agreed to meet again in June." in _section(document, HEADING)


def test_the_markdown_record_has_the_same_comparison(followup_snapshot, tmp_path: Path):
    text = _export(followup_snapshot, tmp_path / "record.md", format="md").read_text(encoding="utf-8")
    assert f"## {HEADING}" in text
    assert text.index("## Summary") < text.index(f"## {HEADING}") < text.index("## Hopes and fears")
    assert "| Resolved since | 1 |" in text
    assert ("| Records access<br>From dual-role scenario: Working in a service they used | A team member "
            "| 20 Jan 2027 | 25 Jan 2027 | Done, late |") in text
    assert "We agreed to meet again in **June**." in text
    assert "Other notes" not in text, "review notes belong to the comparison"


def test_names_follow_the_earlier_consent(followup_snapshot, tmp_path: Path):
    named = _export(followup_snapshot, tmp_path / "named.md", format="md", include_names=True).read_text()
    unnamed = _export(followup_snapshot, tmp_path / "unnamed.md", format="md").read_text()
    assert "Priya Shah" not in named and "Priya Shah" not in unnamed, "she did not agree to be named"
    # Each was the only one in their role, so the role would name them as surely.
    assert "| Supervision arrangements<br>From concern: Without supervision we set them up to fail. | A team member |" in named
    assert "Sam Whitford" in named and "Sam Whitford" not in unnamed
    assert "| Records access<br>From dual-role scenario: Working in a service they used | A team member |" in unnamed


def test_withheld_items_are_counted_not_shown(followup_snapshot, tmp_path: Path):
    for concern in followup_snapshot["concerns"]:
        if concern["text"].startswith("The post being pulled"):
            concern["in_record"] = False
    text = _export(followup_snapshot, tmp_path / "record.md", format="md").read_text()
    section = text[text.index(f"## {HEADING}"):text.index("## Hopes and fears")]
    assert "duty rota" not in section
    assert "| Open at the outset (carried forward) | 1 |" in section
    assert "1 entry held back by choice and not shown here." in section


def test_an_ordinary_workshop_has_no_comparison(tmp_path: Path):
    earlier = tmp_path / "riverside.json"
    build_earlier(earlier)
    with Session.open(earlier) as session:
        session.insert("notes", activity="review", text="A note filed under the review by another tool.")
        snapshot = session.snapshot()
    document = docx.Document(str(_export(snapshot, tmp_path / "record.docx")))
    texts = [p.text for p in document.paragraphs]
    assert not [t for t in texts if t.startswith("Since ")]
    assert not [t for t in texts if "follow-up" in t]
    assert "A note filed under the review by another tool." in texts, "kept, under other notes"


@pytest.mark.parametrize("status, due, done_on, expected", [
    ("done", "2027-01-10", "2027-01-10", "done"),
    ("done", "2027-01-10", "2027-01-11", "late"),
    ("done", "2027-01-10", "", "done"),
    ("in_progress", "2027-01-31", "", "late"),
    ("in_progress", "2027-02-01", "", "under_way"),
    ("not_reviewed", "", "", "under_way"),
    ("dropped", "2027-01-01", "", "dropped"),
])
def test_where_an_item_stands(status, due, done_on, expected):
    assert standing(status, due, done_on, FOLLOWUP_DATE) == expected


def test_no_date_on_the_followup_compares_with_the_export_day(followup_snapshot):
    from workshop.export.record import build_record

    followup_snapshot["workshop"]["date"] = None
    record = build_record(followup_snapshot, ExportOptions(), now=datetime(2027, 1, 12, tzinfo=timezone.utc))
    section = next(s for s in record.sections if s.key == "followup")
    lines = [getattr(i, "text", "") for i in section.items]
    assert any("not done with the due date before 12 January 2027" in line for line in lines)


# --- the spreadsheets of a follow-up -----------------------------------------------------------


def _sheet(paths: list[Path], name: str) -> list[list[str]]:
    import csv  # noqa: PLC0415

    path = next(p for p in paths if p.name.endswith(f"-{name}.csv"))
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def test_the_spreadsheets_hold_the_review_and_its_notes(followup_snapshot, tmp_path: Path):
    from workshop.export import export_spreadsheets  # noqa: PLC0415

    (tmp_path / "sheets").mkdir()
    paths = export_spreadsheets(followup_snapshot, tmp_path / "sheets", ExportOptions("csv"))
    review = _sheet(paths, "review")
    assert review[0] == ["Kind", "Item", "Then", "Owner then", "Due then", "Now", "Done on", "What changed",
                         "What happens next", "Owner now"]
    rows = {row[1]: row for row in review[1:]}
    supervision = next(row for item, row in rows.items() if item.startswith("Without supervision"))
    assert supervision[0] == "Concern" and supervision[5] == "Resolved"
    assert supervision[7:9] == ["Monthly peer supervision started in January.", "Check in at six months."]
    dropped = next(row for row in review[1:] if row[7] == "The newsletter stopped.")
    assert dropped[0] == "Action" and dropped[5] == "Dropped"
    assert any(row[0] == "Action" and row[5] == "Done" and row[6] == "2027-01-08" for row in review[1:])
    assert any(row[0] == "Dual-role plan" and row[6] == "2027-01-09" for row in review[1:])
    assert len(review) - 1 == sum(1 for r in followup_snapshot["reviews"] if "deleted_at" not in r)
    everything = "\n".join(",".join(row) for row in review)
    assert "Priya Shah" not in everything and "Sam Whitford" not in everything, "names only with consent"
    notes = _sheet(paths, "notes")
    assert notes[0] == ["Activity", "Kind", "Question", "Notes"]
    assert ["Review since the last day", "Discussion notes", "", "We agreed to meet again in **June**."] in notes


def test_a_withheld_carried_item_is_not_in_the_review_sheet(followup_snapshot, tmp_path: Path):
    from workshop.export import export_spreadsheets  # noqa: PLC0415

    for concern in followup_snapshot["concerns"]:
        if concern["text"].startswith("The post being pulled"):
            concern["in_record"] = False
    (tmp_path / "sheets").mkdir()
    paths = export_spreadsheets(followup_snapshot, tmp_path / "sheets", ExportOptions("csv"))
    review = _sheet(paths, "review")
    assert review[1:] and not any("post being pulled" in ",".join(row) for row in review)


def test_an_ordinary_workshop_has_no_review_sheet(tmp_path: Path):
    from tests.helpers.sessions import build_workshop  # noqa: PLC0415
    from workshop.export import export_spreadsheets  # noqa: PLC0415

    path = build_workshop(tmp_path / "ordinary.json", items=2)
    with Session.open(path) as session:
        session.insert("notes", activity="concerns", text="Ask HR about the rota.")
        snapshot = session.snapshot()
    (tmp_path / "sheets").mkdir()
    paths = export_spreadsheets(snapshot, tmp_path / "sheets", ExportOptions("csv"))
    assert not any(p.name.endswith("-review.csv") for p in paths)
    assert ["Concerns log", "Discussion notes", "", "Ask HR about the rota."] in _sheet(paths, "notes")
