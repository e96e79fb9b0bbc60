"""Small things a coordinator notices: the file's name, words run together, a stray byte-order
mark, editorial notes in the appendix, "held back" said seven times."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
from markdown_it import MarkdownIt

from workshop.export import ExportOptions, default_export_path, export_record
from workshop.export.labels import load_labels
from workshop.store import Session


def _saved(tmp_path: Path, **workshop) -> dict:
    with Session.create(tmp_path / "day.json", **workshop) as session:
        session.insert("concerns", text="Pulled into the duty rota", status="open")
        session.insert("notes", activity="concerns", text="# Agreed\n\nRevisit in June.")
        snap = session.snapshot()
    # As a file written elsewhere (another tool, a merge, an older copy) can hold them.
    snap["concerns"][0]["text"] = "Pulled into\x0bthe duty\x0crota"
    snap["notes"][0]["text"] = "\ufeff# Agreed\n\nRevisit\x0bin June."
    return snap


def test_default_name_uses_the_workshops_title_and_date(tmp_path):
    snap = _saved(tmp_path, title="Northside team day", date="2027-02-09")
    later = date(2027, 3, 1)
    assert default_export_path(snap, tmp_path, today=later).name == "northside-team-day-2027-02-09.docx"
    assert default_export_path(snap, tmp_path, "md", today=later).name == "northside-team-day-2027-02-09.md"
    undated = {"workshop": {"title": "Northside", "date": None}}
    assert default_export_path(undated, tmp_path, today=later).name == "northside-2027-03-01.docx"
    typed = {"workshop": {"title": "Northside", "date": "next Tuesday"}}
    assert default_export_path(typed, tmp_path, today=later).name == "northside-2027-03-01.docx"


def test_separating_controls_become_spaces_and_a_bom_goes_in_both_records(tmp_path):
    snap = _saved(tmp_path, title="Northside team day")
    word = docx.Document(str(export_record(snap, tmp_path / "r.docx", ExportOptions())))
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    assert "Pulled into the duty rota" in cells
    assert "Revisit in June." in [p.text for p in word.paragraphs]
    assert "Agreed" in [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    md = export_record(snap, tmp_path / "r.md", ExportOptions("md")).read_text(encoding="utf-8")
    assert "\ufeff" not in md and "Pulled into the duty rota" in md
    tokens = MarkdownIt("commonmark").parse(md)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "Agreed" in headings, "a note's heading stays a heading once the mark is gone"


def test_sources_appendix_has_citations_not_editorial_notes(tmp_path):
    snap = _saved(tmp_path, title="Northside team day")
    md = export_record(snap, tmp_path / "r.md", ExportOptions("md")).read_text(encoding="utf-8")
    appendix = md[md.index("## Sources"):]
    labels = load_labels()
    assert labels.sources, "the shipped content lists its sources"
    for src in labels.sources:
        assert src["title"].rstrip(".") in appendix.replace("\\", "")
        if src["note"]:
            assert src["note"][:40] not in appendix.replace("\\", "")


def test_held_back_is_said_once_unless_a_section_held_something_back(tmp_path):
    snap = _saved(tmp_path, title="Northside team day")
    md = export_record(snap, tmp_path / "r.md", ExportOptions("md")).read_text(encoding="utf-8")
    assert md.count("held back") == 1
    snap["concerns"].append({"id": "private", "text": "Kept out", "status": "open", "in_record": False})
    md = export_record(snap, tmp_path / "r2.md", ExportOptions("md")).read_text(encoding="utf-8")
    concerns = md[md.index("## Concerns log"):md.index("## Action plan")]
    assert "*1 entry held back by choice and not shown here.*" in concerns
    assert "| Held back |" in md and "No entries were held back" not in md
    assert "Kept out" not in md
