"""Names inside free text, roles that identify, small numbers: the rules, one at a time,
on workshops saved by the real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.export import ExportOptions, export_record, privacy_report
from workshop.export.names import NameFinder
from workshop.store import Session


def _session(tmp_path: Path, people: list[dict], name: str = "w.json", **fields) -> Path:
    path = tmp_path / name
    with Session.create(path, title="Riverside team day", **fields) as session:
        for person in people:
            session.insert("participants", **person)
    return path


def _snapshot(path: Path) -> dict:
    with Session.open(path, read_only=True) as session:
        return session.snapshot()


def _md(snapshot: dict, tmp_path: Path, *, names: bool = False, lived: bool = False) -> str:
    out = tmp_path / f"r-{names}-{lived}.md"
    return export_record(snapshot, out, ExportOptions("md", names, lived), overwrite=True).read_text("utf-8")


TEAM = [
    {"name": "Morag Ellison", "role": "Team manager"},
    {"name": "Dev Okafor", "role": "Psychologist"},
    {"name": "Dev Ahmed", "role": "Psychologist", "name_in_record": True},
    {"name": "Ruth Kay", "role": "Social worker"},
]


@pytest.mark.parametrize("typed, expected", [
    ("Morag Ellison and Dev", "A team member and Dev"),  # "Dev" alone is two people's: not guessed
    ("Morag Ellison (lead)", "A team member (lead)"),
    ("Ask Morag Ellison.", "Ask a team member."),
    ("Morag's idea, Ellison’s plan", "A team member's idea, a team member’s plan"),
    ("MORAG and morag", "A team member and a team member"),
    ("Dev Okafor, then dev okafor", "Psychologist, then Psychologist"),
    ("Okafor will ask", "Psychologist will ask"),
    ("Morag\nEllison wrote it", "A team member wrote it"),
    ("Moragh and Devon are not them", "Moragh and Devon are not them"),
])
def test_names_in_any_position_become_roles(tmp_path, typed, expected):
    path = _session(tmp_path, TEAM)
    with Session.open(path) as session:
        session.insert("actions", task="Rota", who=typed, what=typed)
    md = _md(_snapshot(path), tmp_path)
    row = next(line for line in md.splitlines() if line.startswith("| Rota |"))
    assert row.startswith(f"| Rota | {expected} | {expected} |"), row


def test_a_name_typed_in_every_table_and_the_workshop_is_replaced(tmp_path):
    path = _session(tmp_path, TEAM, team="Morag Ellison's team", venue="Ruth's office",
                    facilitators=["Ruth Kay"])
    with Session.open(path) as session:
        session.insert("hopes_fears", kind="fear", text="Morag is worried", theme="Okafor")
        session.insert("expertise", source="life", text="Ruth Kay plays jazz")
        session.insert("concerns", text="x", response="Ellison will ask", owner="Dev Okafor")
        session.insert("dual_roles", situation="y", action_plan="Ruth to draft", owner="Ruth Kay")
        session.insert("notes", activity="concerns", text="**Morag** said _Ruth Kay_ agreed")
    for names in (False, True):
        md = _md(_snapshot(path), tmp_path, names=names)
        for word in ("Morag", "Ellison", "Ruth", "Kay", "Okafor"):
            assert word not in md, (word, names)
    assert "Dev Ahmed" not in _md(_snapshot(path), tmp_path)


def test_the_record_and_the_report_give_the_same_count(tmp_path):
    path = _session(tmp_path, TEAM)
    with Session.open(path) as session:
        session.insert("actions", task="Rota", who="Morag", what="Okafor and Ruth")
    snap = _snapshot(path)
    report = privacy_report(snap, ExportOptions("md"))
    assert report.names_replaced == 3
    assert report.sentences()[0].startswith("3 names of people who took part were replaced")
    told = []
    text = export_record(snap, tmp_path / "r.md", ExportOptions("md"), on_report=told.append).read_text()
    assert told == [report]
    assert "3 names of people who took part were replaced by their role" in text
    # Only what is in the document counts: an entry held back is neither shown nor counted.
    with Session.open(path) as session:
        session.insert("hopes_fears", kind="hope", text="Morag Ellison", in_record=False)
    assert privacy_report(_snapshot(path), ExportOptions("md")).names_replaced == 3


def test_the_privacy_sentence_is_true_of_the_document(tmp_path):
    path = _session(tmp_path, TEAM)
    snap = _snapshot(path)
    plain, named = _md(snap, tmp_path), _md(snap, tmp_path, names=True)
    assert "Names of participants are left out of this record." in plain
    assert "Dev Ahmed" in named and "Names of participants are left out" not in named
    assert "Names appear only for people who agreed to be named." in named
    nobody = _session(tmp_path, [{"name": "Morag Ellison", "role": "Nurse"}], name="nobody.json")
    text = _md(_snapshot(nobody), tmp_path, names=True)
    assert "No one who took part is named in this record" in text and "Names appear only" not in text
    assert "were replaced" not in text  # nothing replaced, nothing claimed


def test_roles_held_by_one_attendee_are_a_team_member(tmp_path):
    path = _session(tmp_path, TEAM)
    with Session.open(path) as session:
        session.insert("concerns", text="C-SOCIAL", raised_by_role="Social worker")
        session.insert("concerns", text="C-PSYCH", raised_by_role="Psychologist")
        session.insert("concerns", text="C-VISITOR", raised_by_role="Housing officer")  # not an attendee
        session.insert("hopes_fears", kind="hope", text="H-SOCIAL", author_role="social WORKER")
    for names in (False, True):
        md = _md(_snapshot(path), tmp_path, names=names)
        rows = {line.split(" | ")[0][2:]: line for line in md.splitlines() if line.startswith("| C-") or
                line.startswith("| H-")}
        assert "By a team member" in rows["C-SOCIAL"] and "By a team member" in rows["C-VISITOR"]
        assert "By Psychologist" in rows["C-PSYCH"]
        assert "a team member" in rows["H-SOCIAL"]
        body = md[md.index("## Summary"):]
        assert "Social worker" not in body and "social WORKER" not in body and "Housing officer" not in body
        assert "| Social worker | 1 |" in md  # the cover still counts who took part by role


def test_a_unique_role_shows_when_its_holder_agreed_and_names_are_in(tmp_path):
    path = _session(tmp_path, [{"name": "Sam Whitford", "role": "Team manager", "name_in_record": True}])
    with Session.open(path) as session:
        session.insert("concerns", text="C-TM", raised_by_role="Team manager")
    assert "By a team member" in _md(_snapshot(path), tmp_path)
    assert "By Team manager" in _md(_snapshot(path), tmp_path, names=True)


def test_holders_not_on_the_attendee_list_are_never_named(tmp_path):
    path = _session(tmp_path, [{"name": "Sam Whitford", "role": "Team manager", "name_in_record": True}])
    with Session.open(path) as session:
        session.insert("expertise", source="professional", text="E-SAM", holder="Sam Whitford")
        session.insert("expertise", source="professional", text="E-VISITOR", holder="Priya Visitor")
    md = _md(_snapshot(path), tmp_path, names=True)
    assert "E-SAM (Sam Whitford)" in md
    assert "E-VISITOR" in md and "Priya Visitor" not in md


@pytest.mark.parametrize("count", [1, 2, 3])
def test_small_counts_of_personal_experience(tmp_path, count):
    path = _session(tmp_path, TEAM)
    with Session.open(path) as session:
        for n in range(count):
            session.insert("expertise", source="lived", text=f"L{n}", in_record=True)
        session.insert("expertise", source="lived", text="L-PRIVATE")
    md = _md(_snapshot(path), tmp_path, lived=True)
    row = next(line for line in md.splitlines() if line.startswith("| Personal experience"))
    if count < 3:
        assert "Fewer than 3" in row and f"| {count} |" not in row
    else:
        assert f"| {count} |" in row
    # The private entry is not counted anywhere: not as held back either.
    section = md[md.index("## Three sources"):md.index("## Job description")]
    assert "held back" not in section  # a section that held nothing back says nothing of it
    with Session.open(path) as session:
        session.update_workshop(small_numbers_shown=True)
    row = next(line for line in _md(_snapshot(path), tmp_path, lived=True).splitlines()
               if line.startswith("| Personal experience"))
    assert f"| {count} |" in row


def test_finder_ignores_initials_and_keeps_shared_names_whole():
    finder = NameFinder([("J Smith", "Nurse"), ("Ann Lee", "Nurse")], ["J Smith", "Ann Lee", "Ann Ray"])
    assert finder.replace("J said Smith and Ann, Ann Lee") == \
        "J said \ue000Nurse\ue001 and Ann, \ue000Nurse\ue001"


def test_a_role_shared_with_someone_named_does_not_stand_in_for_a_name(tmp_path):
    """Two psychologists, one named with her agreement: "Psychologist" in place of the other's
    name would point straight at him."""
    path = _session(tmp_path, TEAM)
    with Session.open(path) as session:
        session.insert("actions", task="Rota", who="Okafor will ask")
    rows = {names: next(line for line in _md(_snapshot(path), tmp_path, names=names).splitlines()
                        if line.startswith("| Rota |")) for names in (False, True)}
    assert "| Psychologist will ask |" in rows[False]
    assert "| A team member will ask |" in rows[True] and "Psychologist" not in rows[True]
