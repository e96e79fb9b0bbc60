"""The `workshop` command, run as a user would (`python -m workshop`), plus the app launch
and error mapping checked in-process. No traceback, ever; one line per error."""

from __future__ import annotations

import io
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.sessions import build_workshop, fingerprint, raw, write_raw
from workshop import cli
from workshop.store import LockedError, SaveError, Session, backup_path, lock_path, read_session_file

HANDWRITTEN = Path(__file__).parents[1] / "unit" / "data" / "handwritten_v1.json"


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("WORKSHOP_")}
    environ.update(env or {})
    result = subprocess.run([sys.executable, "-m", "workshop", *args], cwd=cwd, env=environ,
                            capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr, result.stderr
    if result.returncode != 0:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stderr.startswith("workshop: ")
    return result


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A working folder; sessions go to ./sessions in it by default."""
    return tmp_path


# --- new -----------------------------------------------------------------------------------


def test_new_creates_the_file_and_prints_its_path(home: Path):
    result = run("new", "Riverside CMHT team day", "--team", "Riverside CMHT", "--organisation", "Riverside NHS",
                 "--date", "2026-12-03", "--venue", "Boathouse", "--facilitator", "Morag", "--facilitator",
                 "Dev Okafor", "--no-open", cwd=home)
    assert result.returncode == 0, result.stderr
    path = home / result.stdout.strip()
    assert path == home / "sessions" / "riverside-cmht-team-day.json"
    workshop = next(iter(raw(path)["workshop"].values()))
    assert (workshop["title"], workshop["team"], workshop["organisation"], workshop["date"], workshop["venue"]) == (
        "Riverside CMHT team day", "Riverside CMHT", "Riverside NHS", "2026-12-03", "Boathouse")
    assert workshop["facilitators"] == ["Morag", "Dev Okafor"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not lock_path(path).exists()
    again = run("new", "Riverside CMHT team day", "--no-open", cwd=home)
    assert again.stdout.strip().endswith("riverside-cmht-team-day-2.json")


@pytest.mark.parametrize("title, name", [
    ("../../etc", "etc.json"), ("/abs", "abs.json"), ("con", "con-workshop.json"),
    ("Équipe santé", "equipe-sante.json"), ("日本", "workshop.json"), ("..", "workshop.json"),
])
def test_new_keeps_tricky_titles_inside_the_sessions_folder(home: Path, title: str, name: str):
    folder = home / "deep" / "sessions"
    result = run("--sessions-dir", str(folder), "new", title, "--no-open", cwd=home)
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == folder / name and path.exists()
    assert next(iter(raw(path)["workshop"].values()))["title"] == title
    assert sorted(p.name for p in home.iterdir()) == ["deep"]


@pytest.mark.parametrize("args, words", [
    (["new", "Day", "--date", "2026-13-01"], "is not a date; use YYYY-MM-DD"),
    (["new", "Day", "--date", "3 Dec"], "is not a date"),
    (["new", "", "--no-open"], "title is empty"),
    (["new"], "required: TITLE"),
    (["frobnicate"], "invalid choice"),
    (["check"], "required: PATH"),
    (["export", "x.json", "--format", "pdf"], "invalid choice"),
    (["export", "x.json", "--status", "approved"], "invalid choice"),
])
def test_usage_errors_are_one_line_and_exit_2(home: Path, args, words):
    result = run(*args, cwd=home)
    assert result.returncode == 2
    assert words in result.stderr
    assert not (home / "sessions").exists() or not list((home / "sessions").iterdir())


def test_sessions_folder_from_environment_and_option_after_the_command(home: Path):
    env_folder = home / "from-env"
    result = run("new", "Env day", "--no-open", cwd=home, env={"WORKSHOP_SESSIONS": str(env_folder)})
    assert Path(result.stdout.strip()) == env_folder / "env-day.json"
    opt_folder = home / "from-option"
    result = run("new", "Opt day", "--no-open", "--sessions-dir", str(opt_folder), cwd=home,
                 env={"WORKSHOP_SESSIONS": str(env_folder)})
    assert Path(result.stdout.strip()) == opt_folder / "opt-day.json"


def test_a_sessions_folder_that_cannot_be_made(home: Path):
    (home / "file").write_text("not a folder")
    result = run("--sessions-dir", str(home / "file"), "list", cwd=home)
    assert result.returncode == 4 and "is a file, not a folder" in result.stderr
    result = run("--sessions-dir", str(home / "file" / "below"), "new", "X", "--no-open", cwd=home)
    assert result.returncode == 4 and "cannot be created" in result.stderr


# --- list ------------------------------------------------------------------------------------


def test_list_shows_a_table_with_progress_and_problems(home: Path):
    folder = home / "sessions"
    folder.mkdir()
    build_workshop(folder / "riverside.json", items=4)
    (folder / "broken.json").write_text('{"workshop": {')
    result = run("list", cwd=home)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["TITLE", "TEAM", "DATE", "LAST", "CHANGED", "PROGRESS", "FILE"]
    row = next(line for line in lines if "riverside.json" in line)
    assert "Riverside CMHT team day" in row and "2026-12-03" in row
    assert "HF 4 EX 1 JD 0 DR 0 CO 1 AP 1" in row
    assert any("broken.json" in line and "cannot be opened" in line for line in lines[1:3])
    assert any(line.startswith("broken.json cannot be opened") and "not readable JSON" in line for line in lines)


def test_list_of_an_empty_folder(home: Path):
    result = run("list", cwd=home)
    assert result.returncode == 0 and "No workshops in sessions yet" in result.stdout
    assert (home / "sessions").is_dir()


# --- check -----------------------------------------------------------------------------------


def test_check_ok_touches_nothing(home: Path):
    folder = home / "sessions"
    folder.mkdir()
    path = build_workshop(folder / "riverside.json", items=17)
    os.remove(backup_path(path))
    before = fingerprint(path)
    result = run("check", str(path), cwd=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ('ok: "Riverside CMHT team day", 1 participant, 17 hopes and fears, '
                                     '1 expertise entry, 1 concern, 1 action (format 2)')
    assert fingerprint(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["riverside.json"]
    assert run("check", "riverside", cwd=home).returncode == 0  # a name in the sessions folder


def test_check_a_handwritten_v1_file(home: Path):
    path = home / "northbank.json"
    path.write_bytes(HANDWRITTEN.read_bytes())
    result = run("check", str(path), cwd=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('ok: "Northbank CMHT team day", 2 participants, 2 hopes and fears')
    assert "1 other table kept (x_room_layout)" in result.stdout
    assert "(format 1, read as format 2; the file is updated when it is next saved in Team Day)" in result.stdout
    assert path.read_bytes() == HANDWRITTEN.read_bytes()


def test_check_bad_names_the_field_and_the_backup(home: Path):
    folder = home / "sessions"
    folder.mkdir()
    path = build_workshop(folder / "riverside.json", items=2)
    data = raw(path)
    next(iter(data["hopes_fears"].values()))["votes"] = "lots"
    write_raw(path, data)
    before = fingerprint(path)
    result = run("check", str(path), cwd=home)
    assert result.returncode == 1
    assert "table 'hopes_fears'" in result.stderr and "field 'votes'" in result.stderr
    assert "A backup from " in result.stderr and str(backup_path(path)) in result.stderr
    assert fingerprint(path) == before
    opened = run("open", str(path), cwd=home)  # refused before any screen is shown
    assert opened.returncode == 1 and "A backup from " in opened.stderr
    assert fingerprint(path) == before and not lock_path(path).exists()


@pytest.mark.parametrize("content, words", [
    (b"", "the file is empty"),
    (b'{"workshop": {"1": {"id": "w", "schema_version": 3, "title": "T"}}}', "newer version of Team Day"),
    (None, "There is no workshop file"),
])
def test_check_refuses_other_bad_files(home: Path, content, words):
    path = home / "odd.json"
    if content is not None:
        path.write_bytes(content)
    result = run("check", str(path), cwd=home)
    assert result.returncode == 1 and words in result.stderr
    if content is not None:
        assert path.read_bytes() == content


# --- demo and export -------------------------------------------------------------------------


def test_demo_is_created_then_reopened(home: Path):
    first = run("demo", "--no-open", cwd=home)
    assert first.returncode == 0, first.stderr
    path = home / first.stdout.strip()
    assert path == home / "sessions" / "demo-team-day.json"
    read_session_file(path)
    before = fingerprint(path)
    second = run("demo", "--no-open", cwd=home)
    assert second.stdout == first.stdout and fingerprint(path) == before
    assert run("check", str(path), cwd=home).stdout.startswith('ok: "')


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_export_writes_the_record_and_leaves_the_session_alone(home: Path, fmt: str):
    path = build_workshop(home / "riverside.json", items=3)
    before = fingerprint(path)
    result = run("export", str(path), "--format", fmt, "--exports-dir", str(home / "out"), cwd=home)
    assert result.returncode == 0, result.stderr
    written = Path(result.stdout.strip())
    assert written.parent == home / "out" and written.suffix == f".{fmt}" and written.stat().st_size > 0
    assert fingerprint(path) == before and not lock_path(path).exists()
    again = run("export", str(path), "--format", fmt, "--out", str(written), cwd=home)
    assert again.returncode == 4, "an existing record is not replaced without --force"
    forced = run("export", str(path), "--format", fmt, "--out", str(written), "--force", cwd=home)
    assert forced.returncode == 0, forced.stderr


def test_export_leaves_out_lived_experience_unless_asked(home: Path):
    path = build_workshop(home / "riverside.json", items=1)
    out = home / "record.md"
    run("export", str(path), "--format", "md", "--out", str(out), cwd=home)
    assert "Knowing what a crisis feels like" not in out.read_text()


def test_export_marks_the_record_draft_unless_final(home: Path):
    path = build_workshop(home / "riverside.json", items=1)
    run("export", str(path), "--format", "md", "--out", str(home / "draft.md"), cwd=home)
    final = run("export", str(path), "--format", "md", "--out", str(home / "final.md"), "--status", "final", cwd=home)
    assert final.returncode == 0, final.stderr
    assert re.search(r"^\*\*Draft; version of .+; exported .+\.\*\*$", (home / "draft.md").read_text(), re.M)
    assert re.search(r"^\*\*Final; version of .+; exported .+\.\*\*$", (home / "final.md").read_text(), re.M)


def test_export_default_folder_from_environment(home: Path):
    path = build_workshop(home / "riverside.json", items=1)
    result = run("export", str(path), "--format", "md", cwd=home, env={"WORKSHOP_EXPORTS": str(home / "env-out")})
    assert Path(result.stdout.strip()).parent == home / "env-out"


def test_export_of_a_bad_file(home: Path):
    path = home / "bad.json"
    path.write_text("{")
    result = run("export", str(path), cwd=home)
    assert result.returncode == 1 and "not readable JSON" in result.stderr


# --- the app launch and error mapping, in-process ------------------------------------------


class _Launches(list):
    """(sessions folder, workshop) of each launch; `checked`: what each was handed."""

    def __init__(self) -> None:
        super().__init__()
        self.checked: list = []


@pytest.fixture
def launched(monkeypatch, tmp_path: Path):
    """Replace the app by a recorder; run in tmp_path."""
    calls = _Launches()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WORKSHOP_SESSIONS", raising=False)

    def launch_app(args, path, checked=None):
        calls.append((cli.sessions_dir(args), path))
        calls.checked.append(checked)
        return 0

    monkeypatch.setattr(cli, "launch_app", launch_app)
    monkeypatch.setattr(cli, "has_terminal", lambda: True)  # as if typed in a terminal window
    return calls


def test_no_command_opens_the_home_screen(launched):
    assert cli.main([]) == 0
    assert launched == [(Path("sessions"), None)]


def test_new_and_demo_open_the_app_unless_told_not_to(launched):
    assert cli.main(["new", "Open me"]) == 0
    assert cli.main(["demo"]) == 0
    assert launched == [(Path("sessions"), Path("sessions/open-me.json")),
                        (Path("sessions"), Path("sessions/demo-team-day.json"))]


def test_open_a_locked_workshop_says_who_holds_it(launched, capsys, tmp_path: Path):
    path = build_workshop(tmp_path / "held.json", items=1)
    with Session.open(path):
        assert cli.main(["open", str(path)]) == 0
    assert launched == [(Path("sessions"), path)]
    assert "is open in another Team Day window" in capsys.readouterr().err


def test_open_hands_the_file_it_checked_to_the_app(launched, tmp_path: Path):
    # The command line checks the file before the app starts (a bad one is refused in one
    # line); the app opens from that check if the file still holds the same bytes.
    path = build_workshop(tmp_path / "day.json", items=3)
    assert cli.main(["open", str(path)]) == 0
    raw, data = launched.checked[-1]
    assert raw == path.read_bytes() and next(iter(data["workshop"].values()))["title"] == "Riverside CMHT team day"


@pytest.mark.parametrize("error, code", [
    (LockedError(Path("x.json"), {"user": "morag", "host": "ward-pc"}), 3),
    (SaveError("Not saved: the disk is full."), 4),
    (OSError(28, "No space left on device"), 4),
    (RuntimeError("a bug"), 1),
])
def test_errors_map_to_exit_codes_in_one_line(monkeypatch, capsys, tmp_path: Path, error, code):
    def fail(args):
        raise error

    monkeypatch.setattr(cli, "cmd_list", fail)
    assert cli.main(["--sessions-dir", str(tmp_path), "list"]) == code
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    if code == 3:
        assert "morag on ward-pc" in err
    if code == 1:
        assert "please report" in err


def test_commands_that_do_not_show_the_app_do_not_import_textual(tmp_path: Path):
    build_workshop(tmp_path / "w.json", items=1)
    code = (
        "import sys\n"
        "from workshop import cli\n"
        f"assert cli.main(['--sessions-dir', {str(tmp_path)!r}, 'list']) == 0\n"
        f"assert cli.main(['check', {str(tmp_path / 'w.json')!r}]) == 0\n"
        "from workshop import demo, model, store\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --- names from files, printed to a terminal ---------------------------------------------------


class _Terminal(io.StringIO):
    """Standard output as the command sees a terminal window: it says it is one."""

    def isatty(self) -> bool:
        return True


def test_what_a_terminal_would_act_on_is_shown_as_a_question_mark():
    # An escape sequence in a name (here: retitle the window, then turn the text red) would be
    # carried out by the terminal, not shown; to a pipe or a file the text stays exactly as it is.
    terminal, pipe = _Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        cli.say("x\x1b]0;owned\x07\x1b[31mred\u202egnp.json\tok", file=stream)
    assert terminal.getvalue() == "x?]0;owned??[31mred?gnp.json\tok\n"
    assert pipe.getvalue() == "x\x1b]0;owned\x07\x1b[31mred\u202egnp.json\tok\n"


def test_names_from_files_reach_a_terminal_without_what_it_would_act_on(home: Path, monkeypatch):
    # A file synced in from elsewhere may be named or titled with a C1 control (U+009B starts
    # an escape sequence in some terminals) or a direction override, which reorders the rest of
    # the line. To a terminal they show as '?', as ls shows them; to a pipe the name is printed
    # exactly, so a script can use it. (Names every common file system allows.)
    sessions = home / "sessions"
    sessions.mkdir()
    name = "red\x9b31m\u202egnp.json"
    build_workshop(sessions / name, items=2, title="Title \x9b31m with a C1 escape")
    terminal = _Terminal()
    monkeypatch.chdir(home)
    monkeypatch.delenv("WORKSHOP_SESSIONS", raising=False)
    monkeypatch.setattr(sys, "stdout", terminal)
    assert cli.main(["list"]) == 0
    shown = terminal.getvalue()
    assert "red?31m?gnp.json" in shown and "Title ?31m with a C1 escape" in shown
    assert not re.search("[\x9b\u202e]", shown)
    monkeypatch.undo()
    piped = run("list", cwd=home)
    assert name in piped.stdout and "\x9b31m" in piped.stdout
