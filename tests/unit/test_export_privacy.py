"""Privacy: what the room did not agree to share never reaches either record.

Unique markers are seeded into everything that must be withheld, then every part of the
.docx package (not only document.xml) and the Markdown are searched for them.
"""

from __future__ import annotations

import copy
import importlib.util
import zipfile
from pathlib import Path

import pytest

from workshop.export import ExportOptions, export_record
from workshop.export.options import ExportError

_BENCH = Path(__file__).resolve().parents[2] / "bench" / "make_workshop.py"
_spec = importlib.util.spec_from_file_location("make_workshop_for_privacy", _BENCH)
make_workshop = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_workshop)

ALWAYS_HIDDEN = [
    "NAMEDECLINED7Q", "LIVEDPRIVATE7Q", "LIFEPRIVATE7Q", "TOMBSTONE7Q", "HOPEPRIVATE7Q",
    "NOTEPRIVATE7Q", "USERPATH7Q", "LIVEDHOLDER7Q", "CONCERNPRIVATE7Q", "DECLINEDHOLDER",
    "HOLDERSHOWN7Q",  # a holder the attendee list does not know: no consent behind the name
]


def _snapshot() -> dict:
    snap = make_workshop.make_sample_snapshot()
    snap["participants"] += [
        {"id": "p1", "name": "NAMEDECLINED7Q", "role": "Psychologist", "name_in_record": False},
        {"id": "p2", "name": "NAMEAGREED7Q", "role": "Psychologist", "name_in_record": True},
        {"id": "p3", "name": "DECLINEDHOLDER", "role": "Social worker"},  # consent missing = no
    ]
    snap["expertise"] += [
        {"id": "e1", "source": "lived", "text": "LIVEDPRIVATE7Q", "holder": None, "in_record": False},
        {"id": "e2", "source": "lived", "text": "LIVEDDEFAULT7Q", "holder": None},  # lived defaults to private
        {"id": "e3", "source": "lived", "text": "LIVEDSHARED7Q", "holder": "LIVEDHOLDER7Q", "in_record": True},
        {"id": "e4", "source": "life", "text": "LIFEPRIVATE7Q", "holder": "HOLDERPRIV7Q", "in_record": False},
        {"id": "e5", "source": "professional", "text": "PROFSHOWN7Q", "holder": "HOLDERSHOWN7Q"},
        {"id": "e6", "source": "life", "text": "HELDBYNAME7Q", "holder": "DECLINEDHOLDER", "in_record": True},
        {"id": "e7", "source": "life", "text": "HELDBYAGREED7Q", "holder": "NAMEAGREED7Q"},
    ]
    for table in ("hopes_fears", "expertise", "concerns", "actions", "notes", "dual_roles", "jd_checks"):
        snap.setdefault(table, []).append(
            {"id": f"t-{table}", "deleted_at": "2026-12-03T12:00:00Z", "text": "TOMBSTONE7Q",
             "note": "TOMBSTONE7Q", "task": "TOMBSTONE7Q", "situation": "TOMBSTONE7Q"})
    snap["hopes_fears"].append({"id": "h9", "kind": "hope", "text": "HOPEPRIVATE7Q", "in_record": False})
    snap["concerns"].append({"id": "c9", "text": "CONCERNPRIVATE7Q", "status": "open", "in_record": False})
    snap["notes"].append({"id": "n9", "activity": "concerns", "text": "NOTEPRIVATE7Q", "in_record": False})
    snap["actions"].append({"id": "a9", "stage": "preparation", "task": "Owner check", "what": "x",
                            "who": "NAMEDECLINED7Q", "by_when": "2027-01-01", "outcome": ""})
    snap["job_descriptions"][0]["imported_from"] = "/home/USERPATH7Q/Documents/draft.docx"
    return snap


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


@pytest.fixture(params=[(False, False), (True, False), (False, True), (True, True)],
                ids=["private", "names", "lived", "both"])
def exported(request, tmp_path) -> tuple[ExportOptions, str, str]:
    names, lived = request.param
    snap = _snapshot()
    before = copy.deepcopy(snap)
    d = export_record(snap, tmp_path / "r.docx", ExportOptions("docx", names, lived))
    m = export_record(snap, tmp_path / "r.md", ExportOptions("md", names, lived))
    assert snap == before  # the snapshot is not modified
    return ExportOptions("docx", names, lived), _docx_text(d), m.read_text("utf-8")


def test_withheld_entries_never_appear(exported):
    _, word, md = exported
    for marker in ALWAYS_HIDDEN + ["LIVEDDEFAULT7Q", "HOLDERPRIV7Q"]:
        assert marker not in word, marker
        assert marker not in md, marker


def test_names_only_with_consent_and_the_option(exported):
    options, word, md = exported
    for text in (word, md):
        assert ("NAMEAGREED7Q" in text) == options.include_names
        assert ("HELDBYAGREED7Q (NAMEAGREED7Q)" in text) == options.include_names
        assert ("Sam Whitford" in text) == options.include_names  # agreed, but only with the option
        assert "PROFSHOWN7Q" in text and "HELDBYNAME7Q" in text  # the entry stays, the name goes


def test_lived_experience_only_when_shareable_and_chosen(exported):
    options, word, md = exported
    for text in (word, md):
        assert ("LIVEDSHARED7Q" in text) == options.include_lived
        assert "Not included in this record" in text if not options.include_lived else True


def test_owner_fields_naming_a_declined_participant_show_their_role(exported):
    options, word, md = exported
    assert "NAMEDECLINED7Q" not in md
    row = next(line for line in md.splitlines() if line.startswith("| Owner check"))
    # With names, the other psychologist is named: "Psychologist" would point at this one.
    assert ("Psychologist" in row) == (not options.include_names)
    assert ("A team member" in row) == options.include_names


def _md_sections(md: str) -> dict[str, str]:
    parts = md.split("\n## ")
    return {p.split("\n", 1)[0]: p for p in parts[1:]}


def test_held_back_counts_are_stated_without_content(exported):
    options, word, md = exported
    sections = _md_sections(md)
    # e4 only: personal-experience entries left out (e1, e2, and e3 and the sample's
    # without the option) are not counted, so the count cannot say how many there were.
    expertise_held = 1
    assert f"*{expertise_held} entry held back by choice and not shown here.*" in sections["Three sources of expertise"]
    assert "*1 entry held back by choice and not shown here.*" in sections["Hopes and fears"]
    assert "*2 entries held back by choice and not shown here.*" in sections["Concerns log"]
    assert "held back" not in sections["Action plan"]  # a section that held nothing back is silent
    assert "| Held back |" in sections["Summary"]
    assert f"{expertise_held} entry held back by choice" in word


def test_file_path_is_reduced_to_its_name(exported):
    _, word, md = exported
    assert "draft.docx" in word and "draft.docx" in md


def test_windows_paths_are_reduced_too(tmp_path):
    snap = _snapshot()
    snap["job_descriptions"][0]["imported_from"] = "C:\\Users\\USERPATH7Q\\jd.docx"
    text = export_record(snap, tmp_path / "w.md", ExportOptions("md")).read_text("utf-8")
    assert "USERPATH7Q" not in text and "jd.docx" in text


def test_unknown_format_is_refused():
    with pytest.raises(ExportError):
        ExportOptions(format="pdf")
