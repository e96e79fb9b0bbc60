"""The sessions folder: safe names, summaries, listing, deleting, temp files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.sessions import build_workshop
from workshop.store import folder as folder_module
from workshop.store import (
    Session,
    StoreError,
    atomic_write_bytes,
    backup_path,
    delete_session,
    list_sessions,
    lock_path,
    slugify,
    summarise,
    sweep_temp_files,
    unique_session_path,
)


@pytest.mark.parametrize("title, slug", [
    ("Riverside CMHT team day", "riverside-cmht-team-day"),
    ("../../etc/passwd", "etc-passwd"),
    ("/abs/path", "abs-path"),
    ("..", "workshop"),
    ("", "workshop"),
    ("   ", "workshop"),
    ("con", "con-workshop"),
    ("NUL", "nul-workshop"),
    ("lpt1", "lpt1-workshop"),
    ("Équipe Santé Mentale", "equipe-sante-mentale"),
    ("日本のチーム", "workshop"),
    ("a\x00b\\c:d*e?f", "a-b-c-d-e-f"),
    ("x" * 200, "x" * 60),
])
def test_slugify_is_safe(title: str, slug: str):
    assert slugify(title) == slug


@pytest.mark.parametrize("title", ["../../etc", "/abs", "con", "..", "", "~root", "a/../../b"])
def test_session_paths_stay_in_the_folder(session_dir: Path, title: str):
    path = unique_session_path(session_dir, title)
    assert path.parent == session_dir and path.suffix == ".json"
    assert path.resolve().parent == session_dir.resolve()
    assert not path.name.startswith(".")


def test_unique_session_path_numbers_taken_names(session_dir: Path):
    assert unique_session_path(session_dir, "Day").name == "day.json"
    (session_dir / "day.json").write_text("{}")
    assert unique_session_path(session_dir, "Day").name == "day-2.json"
    lock_path(session_dir / "day-2.json").write_text("{}")
    backup_path(session_dir / "day-3.json").write_text("{}")
    assert unique_session_path(session_dir, "Day").name == "day-4.json"


def test_list_sessions_summarises_and_reports_unreadable_files(session_dir: Path):
    older = build_workshop(session_dir / "older.json", items=3, title="Older day")
    newer = build_workshop(session_dir / "newer.json", items=5, title="Newer day")
    os.utime(older, (1_700_000_000, 1_700_000_000))
    (session_dir / "broken.json").write_text('{"workshop": ')
    (session_dir / ".team-day-settings.json").write_text("{}")
    (session_dir / "notes.txt").write_text("not a workshop")
    summaries = list_sessions(session_dir)
    names = [s.path.name for s in summaries]
    assert set(names) == {"older.json", "newer.json", "broken.json"}
    assert names.index("newer.json") < names.index("older.json")
    newest = summaries[names.index("newer.json")]
    assert (newest.title, newest.team, newest.date) == ("Newer day", "Riverside CMHT", "2026-12-03")
    assert newest.counts == {"opening": 0, "hopes_fears": 5, "expertise": 1, "job_description": 0, "dual_roles": 0,
                             "concerns": 1, "action_plan": 1}
    assert newest.problem is None and newest.current_activity == "hopes_fears"
    broken = summaries[names.index("broken.json")]
    assert broken.title == "broken" and "not readable JSON" in broken.problem
    assert newer.exists()


def test_summary_counts_progress_not_raw_rows(session_dir: Path):
    path = build_workshop(session_dir / "p.json", items=0)
    with Session.open(path) as session:
        session.insert_many("dual_roles", [{"situation": "a"}, {"situation": "b", "challenge": "c"}])
        session.insert_many("jd_checks", [{"jd_id": "j", "criterion": "c1"},
                                          {"jd_id": "j", "criterion": "c2", "status": "met"}])
        rid = session.insert("hopes_fears", kind="hope", text="gone")["id"]
        session.delete("hopes_fears", rid)
    counts = summarise(path).counts
    assert (counts["dual_roles"], counts["job_description"], counts["hopes_fears"]) == (1, 1, 0)


def _spoil_a_record(path: Path) -> None:
    """A hope whose votes are a word: the file is whole JSON of the right shape, and only the
    check of each record refuses it."""
    data = orjson.loads(path.read_bytes())
    first = next(iter(data["hopes_fears"]))
    data["hopes_fears"][first]["votes"] = "many"
    path.write_bytes(orjson.dumps(data))


def test_listing_unchecked_reads_each_file_but_leaves_its_records_to_the_full_check(session_dir: Path):
    path = build_workshop(session_dir / "spoilt.json", items=3, title="Spoilt day")
    _spoil_a_record(path)
    quick = summarise(path, checked=False)
    assert (quick.title, quick.counts["hopes_fears"], quick.problem, quick.checked) == ("Spoilt day", 3, None, False)
    full = summarise(path)
    assert full.checked and "votes" in full.problem
    # Once checked, and until the file changes, the unchecked listing gives the checked answer.
    assert summarise(path, checked=False) == full
    path.unlink()
    build_workshop(path, items=2, title="Mended day")  # a new file: checked again
    assert summarise(path, checked=False) == summarise(path)._replace(checked=False)


@pytest.mark.parametrize("damage, said", [
    (b'{"workshop": ', "not readable JSON"),
    (b"[1, 2]", "not a workshop file"),
    (b'{"workshop": {"1": {"title": "a", "schema_version": 99}}}', "newer version"),
    (b'{"workshop": {"1": {"title": "a", "schema_version": 2}, "2": {"title": "b", "schema_version": 2}}}',
     "exactly one workshop"),
    (b'{"workshop": {"1": {"title": ["not", "text"], "schema_version": 2}}}', "cannot be opened"),
    # The workshop record itself is checked in full: what the list shows of it is what opens.
    (b'{"workshop": {"1": {"id": "w", "title": "a", "date": "someday", "schema_version": 2}}}', "date"),
])
def test_listing_unchecked_names_a_file_of_the_wrong_shape_at_once(session_dir: Path, damage: bytes, said: str):
    path = session_dir / "damaged.json"
    path.write_bytes(damage)
    summary = summarise(path, checked=False)
    assert summary.checked and said in summary.problem


def test_listing_unchecked_leaves_an_older_format_to_the_full_check(session_dir: Path):
    path = build_workshop(session_dir / "old.json", items=2, title="Old day")
    data = orjson.loads(path.read_bytes())
    next(iter(data["workshop"].values()))["schema_version"] = 1
    path.write_bytes(orjson.dumps(data))
    summary = summarise(path, checked=False)
    assert summary.checked and summary.problem is None and summary.title == "Old day"


def test_list_of_a_missing_folder_is_empty(tmp_path: Path):
    assert list_sessions(tmp_path / "nowhere") == []


def test_delete_session_removes_file_backup_and_stale_lock(saved_workshop: Path):
    lock_path(saved_workshop).write_text('{"pid": 0, "host": "%s"}' % os.uname().nodename)
    delete_session(saved_workshop)
    assert list(saved_workshop.parent.iterdir()) == []


def test_delete_session_refuses_an_open_workshop(saved_workshop: Path):
    with Session.open(saved_workshop):
        with pytest.raises(StoreError):
            delete_session(saved_workshop)
    assert saved_workshop.exists()


def test_stale_temp_files_are_swept_and_live_ones_kept(session_dir: Path):
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    dead = session_dir / f".tmp-{proc.pid}-abc-x.json"
    mine = session_dir / f".tmp-{os.getpid()}-abc-x.json"
    other = session_dir / ".tmpfile-not-ours"
    for path in (dead, mine, other):
        path.write_text("partial")
    assert sweep_temp_files(session_dir) == 1
    assert not dead.exists() and mine.exists() and other.exists()


def test_atomic_write_leaves_no_temp_file_and_sets_the_mode(tmp_path: Path):
    target = tmp_path / "f.json"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two", mode=0o644)
    assert target.read_bytes() == b"two"
    assert (target.stat().st_mode & 0o777) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


_JSON = st.recursive(st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=6),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
                     max_leaves=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(["workshop", "hopes_fears", "concerns", "notes", "reviews", "merge_log"]),
       field=st.sampled_from(["title", "team", "date", "text", "kind", "status", "id", "deleted_at", "files",
                              "schema_version", "activity", "follows"]),
       value=st.sampled_from(["Team\x01 day", "  spaced  ", "Line\nbreak", "2026-02-30", "x" * 2500]) | _JSON)
def test_the_unchecked_listing_shows_what_the_full_check_shows(session_dir: Path, table: str, field: str, value):
    # Whatever one field of one record holds, listing without the record checks never fails,
    # and shows of a file the full check accepts exactly what the full check shows.
    path = session_dir / "probe.json"
    if not path.exists():
        build_workshop(path, items=3)
        path.with_name("pristine.json").write_bytes(path.read_bytes())
    data = orjson.loads(path.with_name("pristine.json").read_bytes())
    docs = data.get(table) or {}
    if docs:
        docs[next(iter(docs))][field] = value
    else:
        data[table] = {"1": {field: value}}
    path.write_bytes(orjson.dumps(data))
    quick = summarise(path, checked=False)
    folder_module._CONTENT_CACHE.clear()
    full = summarise(path)
    folder_module._CONTENT_CACHE.clear()
    if full.problem is None:
        assert quick._replace(checked=True, changed=None) == full._replace(changed=None)
    else:
        assert quick.checked is False or quick.problem == full.problem
