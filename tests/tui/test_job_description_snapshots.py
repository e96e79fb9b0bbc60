"""Screenshots of the job description review: each pane (the example duties too) at 80x24 and 120x40, projector on and
off, the empty activity, and the import and paste dialogs."""

from __future__ import annotations

import os

import pytest

from tests.tui.helpers import FIXED_MTIME, make_app, steady
from workshop.jd.check import check_wording, group_flags, reconcile
from workshop.store import Session

SIZES = [(80, 24), (120, 40)]
TEXT = """# Peer Support Worker (draft v0.3)

Band 3 · 30 hours a week · Riverside Community Mental Health Team

## Job purpose
The Peer Support Worker will use their lived experience of mental health problems to support
service users of the team. Working in the multi-disciplinary team, they will help patients to
manage their symptoms and engage with services.

## Main duties
- Hold a small caseload of clients and support them towards their recovery goals.
- Run groups with a co-worker and share experience intentionally, in ways that bring hope.
- Attend the weekly MDT and contribute to risk assessments.
- Take part in regular supervision with the Peer Lead.

## Person specification
Essential | Personal experience of mental health problems and recovery
Desirable | Peer support training, or willingness to work towards it
"""

STATES = {"service users": "accepted", "patients": "dismissed", "risk assessments": "accepted"}


def fill(path) -> None:
    with Session.open(path) as session:
        draft = session.insert("job_descriptions", title="Peer Support Worker, Band 3 (draft v0.3)", text=TEXT,
                               imported_from="PSW_JD_v0.3.docx")
        new = reconcile([], group_flags(check_wording(TEXT))).add
        session.insert_many("jd_flags", [
            {**fields, "jd_id": draft["id"], "state": STATES.get(fields["phrase"], "open")} for fields in new])
        session.insert_many("jd_checks", [
            {"jd_id": draft["id"], "criterion": "hear_me:hope", "status": "met", "note": "Duties say 'bring hope'"},
            {"jd_id": draft["id"], "criterion": "hear_me:experience", "status": "partly"},
            {"jd_id": draft["id"], "criterion": "hear_me:mutuality", "status": "not_met",
             "note": "Nothing on shared power"},
        ])
        session.insert_many("jd_compromise", [
            {"jd_id": draft["id"], "sign": "band_too_low", "present": True, "note": "Band 4 to be discussed with HR"},
            {"jd_id": draft["id"], "sign": "fixed_duties", "present": False, "note": "A work plan is promised"},
        ])
        session.insert_many("jd_duties", [
            {"jd_id": draft["id"], "duty": "transitions", "title": "Transitions", "mark": "wanted",
             "note": "Leaving hospital is when a peer helps most"},
            {"jd_id": draft["id"], "duty": "team_meetings", "title": "Team meetings", "mark": "present"},
        ])
        session.update_workshop(current_activity="job_description")
    os.utime(path, (FIXED_MTIME, FIXED_MTIME))


def going_to(pane: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press(pane)
        await steady(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
@pytest.mark.parametrize("pane", ["d", "c", "w", "s", "u"], ids=["draft", "criteria", "wording", "signs", "duties"])
def test_review_panes(snap_compare, workshop_file, size, projector, pane):
    fill(workshop_file)
    app = make_app(workshop_file.parent, workshop_file, projector=projector)
    assert snap_compare(app, terminal_size=size, run_before=going_to(pane))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_draft_yet(snap_compare, workshop_file, size):
    with Session.open(workshop_file) as session:
        session.update_workshop(current_activity="job_description")
    app = make_app(workshop_file.parent, workshop_file)
    assert snap_compare(app, terminal_size=size, run_before=going_to("d"))


def test_import_dialog(snap_compare, workshop_file, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents").mkdir()
    (tmp_path / "Documents" / "PSW job description.docx").write_bytes(b"")
    (tmp_path / "Documents" / "notes.md").write_text("notes")
    with Session.open(workshop_file) as session:
        session.update_workshop(current_activity="job_description")

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*"~/Documents/")
        await steady(pilot)

    app = make_app(workshop_file.parent, workshop_file)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_paste_dialog(snap_compare, workshop_file):
    with Session.open(workshop_file) as session:
        session.update_workshop(current_activity="job_description")

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press(*"Peer Support Worker", "enter", *"Support people who use services.")
        await steady(pilot)

    app = make_app(workshop_file.parent, workshop_file)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
