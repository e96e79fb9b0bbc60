"""The record never holds what the room did not agree to share.

Unique markers are typed through the real store (Session and History, as the screens do)
into every kind of entry that must be withheld, the record is exported with `workshop export`
in all four option combinations, and every part of the .docx package (body, headers,
footers, docProps/core.xml, relationships) and the Markdown is searched. Markers that the
options allow are searched for too, so a seeding that silently failed cannot pass.
(tests/unit/test_export_privacy.py does the same on hand-built snapshots.)
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.helpers.sessions import build_workshop
from workshop import cli, model
from workshop.history import History
from workshop.store import Session

TABLES_WITH_TEXT = {
    "participants": {}, "hopes_fears": {"kind": "hope"}, "expertise": {"source": "life"},
    "job_descriptions": {}, "jd_checks": {"jd_id": "j", "criterion": "hear_me.hope", "status": "met"},
    "jd_flags": {"jd_id": "j", "state": "open"}, "jd_compromise": {"jd_id": "j"}, "dual_roles": {},
    "concerns": {"status": "open"}, "actions": {}, "notes": {"activity": "concerns"},
}


def _marked(table: str, marker: str) -> dict:
    """A record of `table` with `marker` in every text and line field."""
    fields = dict(TABLES_WITH_TEXT[table])
    for name, field in model.TABLES[table].items():
        if name in fields or not isinstance(field.default(), (str, type(None))):
            continue
        try:
            fields[name] = field.check(f"{marker} {name}")  # text and line fields take it
        except TypeError:
            pass  # a choice, a date
    return fields


def seed(path: Path) -> dict[str, set[str]]:
    """Markers by when they may show: never, only with names, only with lived experience."""
    never: set[str] = set()
    with Session.open(path) as session:
        history = History(session)
        # Declined to be named; agreed, but names are only shown with the option.
        history.insert("participants", name="NAMEDECLINED9X", role="Psychologist", name_in_record=False)
        history.insert("participants", name="NAMEAGREED9X", role="Social worker", name_in_record=True)
        never.add("NAMEDECLINED9X")
        # Personal experience: private; shareable (only with the option); its holder never.
        history.insert("expertise", source="lived", text="LIVEDPRIVATE9X", holder="LIVEDHOLDERA9X")
        history.insert("expertise", source="lived", text="LIVEDSHARED9X", holder="LIVEDHOLDERB9X", in_record=True)
        never |= {"LIVEDPRIVATE9X", "LIVEDHOLDERA9X", "LIVEDHOLDERB9X"}
        # Holders of other expertise: only with names and the holder's agreement; a declined
        # participant's name, or a name the attendee list does not know: never.
        history.insert("expertise", source="professional", text="PROFSHOWN9X", holder="HOLDERNAMED9X")
        history.insert("expertise", source="professional", text="PROFAGREED9X", holder="NAMEAGREED9X")
        never.add("HOLDERNAMED9X")
        history.insert("expertise", source="life", text="LIFESHOWN9X", holder="NAMEDECLINED9X")
        # A declined participant's name typed into the "who" fields.
        history.insert("actions", task="OWNERTASK9X", who="NAMEDECLINED9X")
        history.insert("concerns", text="OWNERCONCERN9X", owner="NAMEDECLINED9X")
        history.insert("dual_roles", situation="OWNERDUAL9X", owner="NAMEDECLINED9X", due="2027-02-01")
        for table in TABLES_WITH_TEXT:
            # Kept out of the record by choice, in every table.
            held = f"HELD{table.upper().replace('_', '')}9X"
            history.insert(table, **_marked(table, held), in_record=False)
            never.add(held)
            # Deleted, then deleted by undoing its insert: tombstones of every table.
            gone = f"GONE{table.upper().replace('_', '')}9X"
            history.delete(table, history.insert(table, **_marked(table, gone))["id"])
            undone = f"UNDONE{table.upper().replace('_', '')}9X"
            history.insert(table, **_marked(table, undone))
            history.undo()
            never |= {gone, undone}
    return {"never": never, "names": {"NAMEAGREED9X", "PROFAGREED9X (NAMEAGREED9X)", "Sam"},
            "lived": {"LIVEDSHARED9X"}, "always": {"PROFSHOWN9X", "LIFESHOWN9X", "OWNERTASK9X", "Psychologist"}}


def docx_text(path: Path) -> tuple[str, list[str]]:
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        return "\n".join(package.read(n).decode("utf-8", "replace") for n in names), names


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> tuple[Path, dict[str, set[str]]]:
    folder = tmp_path_factory.mktemp("withheld")
    path = build_workshop(folder / "w.json", items=2, facilitators=["Morag"])
    return path, seed(path)


@pytest.mark.parametrize("names", [False, True], ids=["no-names", "names"])
@pytest.mark.parametrize("lived", [False, True], ids=["no-lived", "lived"])
def test_withheld_markers_never_reach_either_record(seeded, tmp_path, names, lived):
    path, markers = seeded
    options = [*(["--include-names"] if names else []), *(["--include-lived"] if lived else [])]
    docx_out, md_out = tmp_path / "r.docx", tmp_path / "r.md"
    assert cli.main(["export", str(path), "--format", "docx", "--out", str(docx_out), *options]) == cli.OK
    assert cli.main(["export", str(path), "--format", "md", "--out", str(md_out), *options]) == cli.OK
    word, parts = docx_text(docx_out)
    assert {"docProps/core.xml", "word/document.xml"} <= set(parts)
    assert any(p.startswith("word/header") for p in parts) and any(p.startswith("word/footer") for p in parts)
    md = md_out.read_text("utf-8")
    for where, text in (("docx", word), ("md", md)):
        leaks = sorted(m for m in markers["never"] if m in text)
        leaks += sorted(m for m in markers["names"] if m in text and not names)
        leaks += sorted(m for m in markers["lived"] if m in text and not lived)
        assert leaks == [], f"{where} leaks {leaks}"
        for marker in markers["always"] | (markers["names"] if names else set()) | (markers["lived"] if lived else set()):
            assert marker in text, f"{where}: {marker} should be shown, so the seeding is suspect"


def test_deleted_words_leave_the_session_file_too(seeded):
    """A tombstone keeps only the id and the time: the words are gone from the file (the
    backup keeps the file as it was when opened, before these entries existed)."""
    path, markers = seeded
    stored = path.read_text("utf-8")
    assert not [m for m in markers["never"] if m.startswith(("GONE", "UNDONE")) and m in stored]
    assert "HELDCONCERNS9X" in stored, "held-back entries stay in the file, only out of the record"
