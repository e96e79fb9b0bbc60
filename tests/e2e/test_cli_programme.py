"""`workshop programme`, run as a coordinator would: over the demo, a follow-up review of
it and generated workshops; in Word, Markdown and CSV; read-only; private words kept out;
unreadable files listed as skipped."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import pytest

from bench.bench_programme import build as build_generated
from tests.e2e.test_cli import run
from tests.helpers.followup import FOLLOWUP_DATE, build_earlier
from tests.helpers.sessions import fingerprint
from workshop.history import History
from workshop import followup
from workshop.store import Session, dumps, read_session_file


def docx_text(path: Path) -> str:
    """Every paragraph and table cell of a .docx, reopened with python-docx."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def folder_state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: fingerprint(p) for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def programme_folder(tmp_path: Path) -> Path:
    """The demo, a follow-up review of it (reviewed in part) and three generated workshops."""
    assert run("demo", "--no-open", cwd=tmp_path).returncode == 0
    made = run("followup", "demo-team-day", "--date", FOLLOWUP_DATE, "--no-open", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    review_path = tmp_path / made.stdout.strip()
    with Session.open(review_path) as session:
        history = History(session)
        rows = followup.reviews(session)
        actions = [r for r in rows if r["item_table"] == "actions"]
        concerns = [r for r in rows if r["item_table"] == "concerns"]
        followup.set_status(history, actions[0]["id"], "done")
        followup.set_status(history, actions[1]["id"], "dropped")
        followup.set_status(history, concerns[0]["id"], "resolved")
    generated = tmp_path / "generated"
    generated.mkdir()
    for path in build_generated(generated, 3, 200):
        path.rename(tmp_path / "sessions" / path.name)
    return tmp_path


@pytest.mark.parametrize("fmt", ["docx", "md", "csv"])
def test_programme_over_the_demo_a_followup_and_generated_workshops(programme_folder: Path, fmt: str):
    sessions = programme_folder / "sessions"
    before = folder_state(sessions)
    out = programme_folder / f"programme.{fmt}"
    result = run("programme", "--out", str(out), "--format", fmt, "--today", "2027-03-01", cwd=programme_folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    assert result.stderr == ""
    # Read only: every file as it was, nothing added (no backup, no lock), nothing removed.
    assert folder_state(sessions) == before
    if fmt == "docx":
        text = docx_text(out)
        document = docx.Document(str(out))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert headings[:6] == ["Teams and their days", "Open concerns by category", "Open concerns by team",
                                "Actions due and late", "Late", "Due in the next 30 days"]
        assert document.core_properties.title == "Programme of team days"
        assert document.core_properties.author == "Team Day"
    elif fmt == "md":
        text = out.read_text("utf-8")
        assert "## How follow-up reviews moved things on" in text
    else:
        blob = out.read_bytes()
        assert blob.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(blob.decode("utf-8-sig"))))
        assert rows[0][:3] == ["Row", "Team", "Workshop"]
        kinds = {r[0] for r in rows[1:]}
        assert {"Workshop", "Open concern", "Late action", "Hope theme", "Fear theme", "Follow-up"} <= kinds
        text = blob.decode("utf-8-sig")
        # Every workshop once: the demo, its follow-up and the three generated ones.
        assert sum(r[0] == "Workshop" for r in rows) == 5
    for team in ("Riverside Community Mental Health Team", "Team 1", "Team 2", "Team 3"):
        assert team in text
    assert "follow-up on 1 Feb 2027" in text
    # The follow-up review moved things on: one carried concern resolved, one action done, one dropped.
    if fmt != "csv":
        assert "1 of 4" in text
    else:
        assert "1 of 4 carried concerns resolved" in text and "1 done" in text and "1 dropped" in text


def test_the_default_name_is_in_the_exports_folder(programme_folder: Path):
    result = run("programme", "--today", "2027-03-01", cwd=programme_folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(Path("exports") / "programme-2027-03-01.docx")
    again = run("programme", "--today", "2027-03-01", cwd=programme_folder)
    assert again.stdout.strip().endswith("programme-2027-03-01-2.docx")


def test_late_is_counted_from_today(tmp_path: Path):
    folder = tmp_path / "sessions"
    folder.mkdir()
    build_earlier(folder / "riverside.json")
    early = run("programme", str(folder), "--format", "csv", "--out", "early.csv", "--today", "2027-01-01",
                cwd=tmp_path)
    late = run("programme", str(folder), "--format", "csv", "--out", "late.csv", "--today", "2027-01-16",
               cwd=tmp_path)
    assert early.returncode == late.returncode == 0
    rows = lambda name: [r for r in csv.reader(io.StringIO((tmp_path / name).read_text("utf-8-sig")))]  # noqa: E731
    assert [r for r in rows("early.csv") if r[0] == "Late action"] == []
    late_rows = {r[4]: r[9] for r in rows("late.csv") if r[0] == "Late action"}
    assert late_rows == {"Supervision arrangements": "6 days late", "Wellbeing plan for everyone": "1 days late",
                         "Newsletter item": "11 days late"}


def test_private_words_never_reach_any_format(tmp_path: Path):
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "riverside.json"
    build_earlier(path)
    with Session.open(path) as session:
        session.insert("expertise", source="lived", text="Zebracrossing private lived experience", in_record=False)
        session.insert("expertise", source="lived", text="Shared lived experience", in_record=True)
        session.insert("hopes_fears", kind="hope", text="Quetzal hope words", theme="Culture")
        session.insert("concerns", text="Priya Shah worries about the rota", category="role_drift", status="open",
                       owner="Priya Shah")
    for fmt in ("docx", "md", "csv"):
        out = tmp_path / f"p.{fmt}"
        result = run("programme", str(folder), "--format", fmt, "--out", str(out), "--include-names",
                     "--include-lived", "--today", "2027-03-01", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        text = docx_text(out) if fmt == "docx" else out.read_text("utf-8-sig")
        assert "Priya" not in text and "Shah" not in text, fmt
        assert "Zebracrossing" not in text and "Quetzal" not in text, fmt
        # The name became "a team member": the only psychologist there would be named by the role.
        assert "A team member worries about the rota" in text, fmt
        assert "Sam Whitford" in text, fmt  # agreed to be named, and names were asked for
        if fmt != "csv":
            assert "fewer than 3" in text  # one shareable personal-experience entry, not counted exactly
    without = run("programme", str(folder), "--format", "md", "--out", "plain.md", "--today", "2027-03-01",
                  cwd=tmp_path)
    assert without.returncode == 0
    plain = (tmp_path / "plain.md").read_text("utf-8")
    assert "Sam Whitford" not in plain and "Personal experience shared" not in plain


def test_formulas_cannot_run_in_the_spreadsheet(tmp_path: Path):
    folder = tmp_path / "sessions"
    folder.mkdir()
    build_earlier(folder / "riverside.json")
    with Session.open(folder / "riverside.json") as session:
        session.insert("concerns", text='=HYPERLINK("http://example.org","click")', status="open")
        session.insert("actions", task="+1 more", who="@team", by_when="2027-01-02")
        session.insert("actions", task="-2 hours", who="Team manager", by_when="2027-01-02")
    result = run("programme", str(folder), "--format", "csv", "--out", "p.csv", "--today", "2027-03-01", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    cells = [c for r in csv.reader(io.StringIO((tmp_path / "p.csv").read_text("utf-8-sig"))) for c in r]
    assert "'=HYPERLINK(\"http://example.org\",\"click\")" in cells
    assert "'+1 more" in cells and "'@team" in cells and "'-2 hours" in cells
    assert not any(c[:1] in "=+-@" for c in cells if c)


def test_unreadable_files_are_listed_as_skipped(tmp_path: Path):
    folder = tmp_path / "sessions"
    folder.mkdir()
    good = folder / "riverside.json"
    build_earlier(good)
    (folder / "cut-short.json").write_bytes(good.read_bytes()[:500])
    (folder / "empty.json").write_bytes(b"")
    data = read_session_file(good)
    newer = {**data, "workshop": {k: {**v, "schema_version": 99} for k, v in data["workshop"].items()}}
    (folder / "from-the-future.json").write_bytes(dumps(newer))
    (folder / "riverside (conflicted copy).json").write_bytes(good.read_bytes())
    (folder / "a-folder.json").mkdir()
    before = folder_state(folder)
    result = run("programme", "--format", "md", "--out", "p.md", "--today", "2027-03-01",
                 "--sessions-dir", str(folder), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert folder_state(folder) == before
    said = result.stderr.splitlines()
    assert len(said) == 5 and all(line.startswith("skipped ") for line in said)
    text = (tmp_path / "p.md").read_text("utf-8")
    assert "## Files skipped" in text
    for words in ("cut-short.json", "it may have been cut short", "empty.json", "the file is empty",
                  "from-the-future.json", "saved by a newer version of Team Day",
                  "riverside (conflicted copy).json", "another copy of the workshop in riverside.json",
                  "a-folder.json", "it is a folder"):
        assert words in text, words
    assert "Across 1 team: 1 team day" in text


def test_a_missing_folder_is_skipped_and_a_workshop_is_never_overwritten(tmp_path: Path):
    folder = tmp_path / "sessions"
    folder.mkdir()
    build_earlier(folder / "riverside.json")
    before = fingerprint(folder / "riverside.json")
    missing = run("programme", str(folder), str(tmp_path / "nowhere"), "--format", "md", "--out", "p.md",
                  cwd=tmp_path)
    assert missing.returncode == 0 and "the folder does not exist" in missing.stderr
    refused = run("programme", str(folder), "--out", str(folder / "riverside.json"), "--force", cwd=tmp_path)
    assert refused.returncode == 2
    assert fingerprint(folder / "riverside.json") == before
