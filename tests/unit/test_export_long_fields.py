"""Long fields never break an export: Word's document properties hold at most 255
characters, so they are cut there; the record's body keeps the full text."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

import docx
import pytest

from workshop.export import ExportOptions, export_record
from workshop.store import Session

LONG = 10_000


def _long(word: str, n: int = LONG) -> str:
    return (word * (n // len(word) + 1))[:n - 1] + "."  # no space at the end to be trimmed


def _facilitators(total: int = LONG) -> list[str]:
    """A list of facilitators whose names come to `total` characters."""
    each = 250
    return [_long(f"Facilitator{i:02d} ", each) for i in range(total // each)]


@pytest.fixture
def long_workshop(tmp_path: Path) -> dict:
    path = tmp_path / "long.json"
    with Session.create(path, title=_long("Title "), team=_long("Team "), organisation=_long("Org "),
                        facilitators=_facilitators(), role_title=_long("Role ")) as session:
        session.insert("hopes_fears", kind="hope", text="Something hoped for")
    with Session.open(path, read_only=True) as session:
        return session.snapshot()


def _snapshot_of_any_length(snapshot: dict) -> dict:
    """The same workshop as a file written by another tool might give it: no cut at all."""
    snap = copy.deepcopy(snapshot)
    ws = snap["workshop"]
    ws = next(iter(ws.values())) if isinstance(ws, dict) and "title" not in ws else ws
    ws.update(title=_long("Title "), team=_long("Team "), facilitators=_facilitators(),
              organisation=_long("Org "), role_title=_long("Role "))
    return snap


def _workshop(snapshot: dict) -> dict:
    ws = snapshot["workshop"]
    return next(iter(ws.values())) if isinstance(ws, dict) and "title" not in ws else ws


@pytest.mark.parametrize("any_length", [False, True], ids=["saved", "written-by-hand"])
def test_word_record_cuts_properties_and_keeps_the_body(long_workshop, tmp_path, any_length):
    snap = _snapshot_of_any_length(long_workshop) if any_length else long_workshop
    ws = _workshop(snap)
    assert len(ws["title"]) > 255 and len(", ".join(ws["facilitators"])) > 255
    out = export_record(snap, tmp_path / "long.docx", ExportOptions("docx"))
    document = docx.Document(str(out))
    core = document.core_properties
    for name in ("title", "author", "subject", "keywords", "category", "last_modified_by", "comments"):
        assert len(getattr(core, name) or "") <= 255, name
    assert core.title.startswith("Title Title") and core.author.startswith("Facilitator00")
    body = "\n".join(p.text for p in document.paragraphs)
    body += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert ws["title"] in body
    assert ws["team"] in body
    assert ", ".join(ws["facilitators"]) in body
    with zipfile.ZipFile(out) as package:
        assert package.testzip() is None


@pytest.mark.parametrize("any_length", [False, True], ids=["saved", "written-by-hand"])
def test_markdown_record_keeps_long_fields_whole(long_workshop, tmp_path, any_length):
    snap = _snapshot_of_any_length(long_workshop) if any_length else long_workshop
    ws = _workshop(snap)
    text = export_record(snap, tmp_path / "long.md", ExportOptions("md")).read_text("utf-8")
    assert f"# {ws['title']}" in text
    assert ws["team"] in text and ", ".join(ws["facilitators"]) in text
