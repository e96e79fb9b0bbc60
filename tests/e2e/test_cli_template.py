"""`workshop new --template`: a good template shapes the new workshop, a bad one stops the
command with the file, line and reason, and nothing is created."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workshop import cli, content, model
from workshop.store import Session

EXAMPLE = Path(content.__file__).parent / "templates" / "example.toml"


@pytest.fixture
def sessions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("WORKSHOP_SESSIONS", "WORKSHOP_EXPORTS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "sessions"


def new(*args: str) -> int:
    return cli.main(["new", *args, "--no-open"])


def created(sessions: Path) -> list[Path]:
    return sorted(sessions.glob("*.json")) if sessions.is_dir() else []


def test_new_with_a_template_file(sessions, capsys):
    assert new("Northvale team day", "--team", "Northvale CMHT", "--template", str(EXAMPLE)) == cli.OK
    path = Path(capsys.readouterr().out.strip())
    assert created(sessions) == [sessions / "northvale-team-day.json"]
    assert path.resolve() == created(sessions)[0].resolve()
    with Session.open(path, read_only=True) as session:
        ws = session.workshop()
    assert ws["team"] == "Northvale CMHT"
    assert ws["role_title"] == "Peer Recovery Worker"
    assert ws["timeboxes"] == {**model.DEFAULT_TIMEBOXES, "hopes_fears": 40, "concerns": 50}
    assert ws["template"]["name"] == "Northvale adult community teams"
    assert ws["template"]["file"] == "example.toml"
    assert [c["label"] for c in ws["template"]["concerns"]] == ["Bank shifts", "Access to records"]


def test_new_finds_a_template_by_name_in_the_sessions_folder(sessions, capsys):
    (sessions / "templates").mkdir(parents=True)
    shutil.copy(EXAMPLE, sessions / "templates" / "northvale.toml")
    assert new("Team day", "--template", "northvale") == cli.OK
    with Session.open(Path(capsys.readouterr().out.strip()), read_only=True) as session:
        assert session.workshop()["template"]["file"] == "northvale.toml"


@pytest.mark.parametrize("text, expected", [
    ('name = "Ours"\n\n[timeboxes]\nconcerns = 900\n',
     "bad.toml, line 4: timeboxes.concerns should be a whole number of minutes from 0 to 600"),
    ('name = "Ours"\ntimebox = 30\n',
     "bad.toml, line 2: 'timebox' is not a setting a template can have; did you mean 'timeboxes'?"),
    ('name = "Ours\n', "bad.toml, line 1: a quotation mark is not closed on this line (the file is not valid TOML)"),
])
def test_a_bad_template_creates_nothing(sessions, tmp_path, capsys, text, expected):
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    assert new("Team day", "--template", "bad.toml") == cli.BAD_FILE
    err = capsys.readouterr().err
    assert err.startswith("workshop: The template cannot be used: " + expected)
    assert err.rstrip().endswith("No workshop was created.")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert created(sessions) == []


def test_a_missing_template_creates_nothing(sessions, capsys):
    assert new("Team day", "--template", "nowhere.toml") == cli.BAD_FILE
    assert "nowhere.toml: there is no such file. No workshop was created." in capsys.readouterr().err
    assert created(sessions) == []


def test_a_template_that_is_not_utf8(sessions, tmp_path, capsys):
    (tmp_path / "latin.toml").write_bytes('role_title = "Pair aidant é"\n'.encode("latin-1"))
    assert new("Team day", "--template", "latin.toml") == cli.BAD_FILE
    assert "latin.toml, line 1: the file is not UTF-8 text" in capsys.readouterr().err
    assert created(sessions) == []
