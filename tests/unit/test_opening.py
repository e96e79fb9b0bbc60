"""The opening's answers: saved as notes through the history, in the record near the start,
and carried into a follow-up."""

from __future__ import annotations

from pathlib import Path

import docx

from workshop import content, followup, opening
from workshop.export import ExportOptions, export_record
from workshop.history import History
from workshop.store import Session

VISION = "Everyone who comes to Northbank meets someone who has been there."


def _day(path: Path) -> Path:
    with Session.create(path, title="Northbank team day", date="2026-12-03") as session:
        history = History(session)
        boxes = {box["key"]: box for box in opening.boxes()}
        opening.save_answer(history, boxes["vision"], "Everyone")
        opening.save_answer(history, boxes["vision"], VISION)  # typing on: the same undo step
        opening.save_answer(history, boxes["why"], "People asked for it.")
        assert len(history._undo) == 2
        history.undo()
        assert opening.answers(history.records("notes"))[0] == (boxes["why"], "")
        history.redo()
    return path


def test_the_boxes_come_from_content_and_answers_are_notes(tmp_path: Path):
    keys = [(box["key"], box["kind"]) for box in opening.boxes()]
    assert keys == [("why", "motivation"), ("want", "motivation"), ("vision", "vision")]
    with Session.open(_day(tmp_path / "day.json"), read_only=True) as session:
        notes = session.records("notes")
    assert opening.vision_of(notes) == VISION
    vision = next(n for n in notes if n["kind"] == "vision")
    assert vision["activity"] == "opening" and vision["question"] is None
    assert next(n for n in notes if n["kind"] == "motivation")["question"] == "why"


def test_the_record_opens_with_the_vision_and_credits_the_sources(tmp_path: Path):
    path = _day(tmp_path / "day.json")
    with Session.open(path, read_only=True) as session:
        snapshot = session.snapshot()
    out = export_record(snapshot, tmp_path / "record.docx", ExportOptions())
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    ones = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert ones[:3] == ["Summary", content.activity("opening").title, "Hopes and fears"]
    assert VISION in texts and "People asked for it." in texts
    assert texts.index("Our vision for peer support") < texts.index(VISION) < texts.index("Hopes and fears")
    assert any(t.startswith("The opening's pages") and "Putting the Pieces Together" in t for t in texts)


def test_a_followup_carries_the_vision_and_shows_it(tmp_path: Path):
    path = _day(tmp_path / "day.json")
    new = followup.create_followup(path, tmp_path, on="2027-02-01")
    with Session.open(new, read_only=True) as session:
        workshop = session.workshop()
        notes = session.records("notes")
        snapshot = session.snapshot()
    assert workshop["follows"]["vision"] == VISION
    assert opening.vision_of(notes) == VISION
    assert [n.get("question") for n in notes if n["kind"] == "motivation"] == ["why"]
    out = export_record(snapshot, tmp_path / "followup.md", ExportOptions("md"))
    text = out.read_text("utf-8")
    assert "### The vision agreed then" in text and text.count(VISION) == 2


def test_the_opening_counts_its_written_answers_for_the_agenda_and_home_screen(tmp_path: Path):
    from workshop.store import activity_counts, read_session_file

    data = read_session_file(_day(tmp_path / "day.json"))
    assert activity_counts(data)["opening"] == 2  # the vision and one answer; discussion notes do not count
