"""`workshop wording FILE`: the wording check on a draft outside a workshop, run as a user
would. Exit 0 when nothing is flagged, 1 when something is, 2 when the file cannot be read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

CLEAN = """Peer Support Worker

Purpose: to support people to work towards their own recovery goals, walking alongside them as equals.
Essential: personal experience of mental health problems and recovery.
You will share your own experience intentionally, in ways that bring hope.
You will receive monthly peer supervision from our peer lead, and peer support training.
There is room for career development, with opportunities to progress to a peer lead role.
Permitted under Schedule 9, Part 1 of the Equality Act 2010.
"""

FLAGGED = CLEAN + """
Duties
Support service users on the ward to manage their symptoms.
Help with observations when the ward is short-staffed.
Work with the Service User Network and each person's care co-ordinator.
"""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("WORKSHOP_")}
    result = subprocess.run([sys.executable, "-m", "workshop", "wording", *args], cwd=cwd, env=environ,
                            capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr, result.stderr
    if result.returncode == 2:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stderr.startswith("workshop: ")
    return result


def write_docx(path: Path, text: str) -> Path:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_clean_plain_draft_exits_0_and_lists_the_essentials_found(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"draft{suffix}"
    path.write_text(CLEAN, encoding="utf-8")
    result = run(str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 wording flags, 0 essentials missing" in result.stdout
    assert "found:   Supervision" in result.stdout and "missing:" not in result.stdout


def test_a_flagged_docx_gives_line_phrase_reason_and_suggestion(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "Peer support worker.docx", FLAGGED)
    result = run(str(path), "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["file"] == "Peer support worker.docx"
    lines = FLAGGED.splitlines()
    phrases = {f["phrase"].casefold(): f for f in report["flags"]}
    assert {"service users", "manage their symptoms", "help with observations", "short-staffed"} <= set(phrases)
    for flag in report["flags"]:
        assert flag["reason"] and flag["suggestion"]
        line = lines[flag["line"] - 1]
        assert line[flag["column"] - 1:].casefold().startswith(flag["phrase"].casefold()), flag
    # The names of a group and a colleague's job title are not flagged.
    assert not any("network" in p or "co-ordinator" in p for p in phrases)
    assert all(e["found"] for e in report["essentials"])
    duties = {d["key"]: d["found"] for d in report["example_duties"]}
    assert len(duties) == 11 and duties["recovery_goals"] and not duties["transitions"]


def test_text_output_and_missing_content(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text("# Support worker\n\nHelp our clients with shopping. Line management from the ward manager.\n"
                    "The role offers flexible hours. We hope to appoint by March.\n", encoding="utf-8")
    result = run(str(path), cwd=tmp_path)
    assert result.returncode == 1
    out = result.stdout
    assert 'line 3: "clients" (label)' in out
    for title in ("Supervision", "Room for the role to grow", "Peer values", "Occupational requirement statement"):
        assert f"missing: {title}" in out
    outside = run(str(path), "--outside-uk", "--format", "json", cwd=tmp_path)
    assert "occupational_requirement" not in {e["key"] for e in json.loads(outside.stdout)["essentials"]}


def test_a_template_adds_its_own_wording(tmp_path: Path) -> None:
    template = tmp_path / "northvale.toml"
    template.write_text('format = 1\nname = "Northvale"\n[[wording]]\nphrase = "PSW"\n'
                        'reason = "Initials shut out readers."\nsuggestion = "Peer Support Worker"\n', encoding="utf-8")
    path = tmp_path / "draft.txt"
    path.write_text(CLEAN + "The PSW attends team meetings.\n", encoding="utf-8")
    assert run(str(path), cwd=tmp_path).returncode == 0
    result = run(str(path), "--template", str(template), "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert [f["phrase"] for f in json.loads(result.stdout)["flags"]] == ["PSW"]


def test_a_template_with_a_freezing_pattern_is_refused_in_one_line(tmp_path: Path) -> None:
    template = tmp_path / "bad.toml"
    template.write_text("format = 1\nname = \"Bad\"\n[[wording]]\nphrase = \"a\"\nreason = \"r\"\n"
                        "suggestion = \"s\"\npattern = '(a+)+$'\n", encoding="utf-8")
    path = tmp_path / "draft.txt"
    path.write_text("a" * 60 + "!\n", encoding="utf-8")
    result = run(str(path), "--template", str(template), cwd=tmp_path)
    assert result.returncode == 2
    assert "repeats a group" in result.stderr and "line 7" in result.stderr


@pytest.mark.parametrize("name, content", [
    ("missing.docx", None),
    ("draft.pdf", b"%PDF-1.4"),
    ("broken.docx", b"PK\x03\x04 not really a zip"),
    ("empty.txt", b"   \n"),
    ("binary.txt", bytes(range(256)) * 20),
])
def test_an_unreadable_file_exits_2_with_one_line(tmp_path: Path, name: str, content: bytes | None) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run(str(path), cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""


def test_a_folder_is_unreadable_too(tmp_path: Path) -> None:
    assert run(str(tmp_path), cwd=tmp_path).returncode == 2
