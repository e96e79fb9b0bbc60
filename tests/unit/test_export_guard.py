"""No export destroys: not the workshop, its backup or lock, another saved workshop, a device,
a pipe, a socket or a folder, with or without permission to overwrite."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

import workshop.export as export
import workshop.export.atomic as atomic
from tests.helpers.sessions import build_workshop, fingerprint
from workshop.export import ExportOptions, TargetExists, TargetRefused, export_record, first_free_name
from workshop.store import Session, backup_path, lock_path

SNAP = {"workshop": {"title": "Riverside team day"}}
MD = ExportOptions("md")


@pytest.fixture
def workshop_file(session_dir: Path) -> Path:
    path = build_workshop(session_dir / "riverside.json", items=2)
    with Session.open(path) as session:  # leaves a backup
        session.insert("hopes_fears", kind="hope", text="typed since opening")
    return path


@pytest.fixture
def never_replace_dev_null(monkeypatch):
    """Should the guard ever fail, the test fails instead of replacing the machine's /dev/null."""
    real_replace, real_link = os.replace, os.link

    def replace(src, dst, *a, **k):
        assert os.path.realpath(os.path.dirname(os.fspath(dst))) != "/dev", dst
        return real_replace(src, dst, *a, **k)

    def link(src, dst, *a, **k):
        assert os.path.realpath(os.path.dirname(os.fspath(dst))) != "/dev", dst
        return real_link(src, dst, *a, **k)

    monkeypatch.setattr(atomic.os, "replace", replace)
    monkeypatch.setattr(atomic.os, "link", link)


def _spellings(path: Path, cwd: Path) -> list[Path]:
    return [path, path.parent / ".." / path.parent.name / path.name, Path(os.path.relpath(path, cwd))]


@pytest.mark.parametrize("companion", ["workshop", "backup", "lock"])
def test_the_workshop_its_backup_and_its_lock_are_never_replaced(workshop_file, session_dir, tmp_path,
                                                                  monkeypatch, companion):
    monkeypatch.chdir(tmp_path)
    target = {"workshop": workshop_file, "backup": backup_path(workshop_file),
              "lock": lock_path(workshop_file)}[companion]
    if companion == "lock":
        target.write_text("held")
    link = tmp_path / "innocent.md"
    link.symlink_to(target)
    hard = session_dir / "also-innocent.md"
    os.link(target, hard)
    before = fingerprint(target)
    for spelling in [*_spellings(target, tmp_path), link, hard]:
        for overwrite in (False, True):
            with pytest.raises(TargetRefused, match="is the workshop file .or its backup or lock.") as caught:
                export_record(SNAP, spelling, MD, overwrite=overwrite, workshop_file=workshop_file,
                              sessions_dir=session_dir)
            assert "\n" not in str(caught.value) and "choose another name" in str(caught.value)
    assert fingerprint(target) == before and link.is_symlink()


def test_the_lock_is_protected_even_while_it_does_not_exist(workshop_file, session_dir):
    with pytest.raises(TargetRefused):
        export_record(SNAP, lock_path(workshop_file), MD, workshop_file=workshop_file)
    assert not lock_path(workshop_file).exists()


@pytest.mark.parametrize("name", ["other.json", "other.json.bak", "other.json.lock", "NEW.JSON", "not-yet.json"])
def test_no_workshop_name_in_the_sessions_folder(workshop_file, session_dir, name):
    other = session_dir / name
    if name.startswith("other"):
        other.write_text('{"workshop": {}}' if not name.endswith("lock") else "held")
    before = other.read_bytes() if other.exists() else None
    with pytest.raises(TargetRefused, match="sessions folder"):
        export_record(SNAP, other, MD, overwrite=True, workshop_file=workshop_file, sessions_dir=session_dir)
    assert (other.read_bytes() if other.exists() else None) == before
    # A record itself may sit in the sessions folder: only workshop names are kept out.
    assert export_record(SNAP, session_dir / "record.md", MD, workshop_file=workshop_file,
                         sessions_dir=session_dir).read_text().count("# Riverside team day") == 1


def test_a_workshop_anywhere_is_never_replaced(tmp_path):
    (tmp_path / "usb").mkdir()
    copy = build_workshop(tmp_path / "usb" / "copy.json", items=1)
    before = fingerprint(copy)
    for target in (copy, copy.with_name("copy.json.bak")):
        if target != copy:
            target.write_bytes(copy.read_bytes())
        with pytest.raises(TargetRefused, match="holds a saved workshop"):
            export_record(SNAP, target, MD, overwrite=True)
    assert fingerprint(copy) == before
    plain = tmp_path / "usb" / "list.json"
    plain.write_text("[1, 2]")  # JSON, but no workshop: an ordinary file the user may replace
    export_record(SNAP, plain, MD, overwrite=True)
    assert plain.read_text().count("# Riverside team day") == 1


def test_dev_null_is_refused_even_with_overwrite(tmp_path, never_replace_dev_null):
    link = tmp_path / "null.md"
    link.symlink_to(os.devnull)
    for target in (Path(os.devnull), link):
        with pytest.raises(TargetRefused, match="a device, not an ordinary file"):
            export_record(SNAP, target, MD, overwrite=True)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode) and link.is_symlink()


def test_pipes_sockets_and_folders_are_refused_even_with_overwrite(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    sock_path = tmp_path / "s.md"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    folder = tmp_path / "folder.md"
    folder.mkdir()
    cases = {fifo: "a named pipe", sock_path: "a socket", folder: "a folder"}
    for target, words in list(cases.items()):
        link = tmp_path / f"link-to-{target.name}"
        link.symlink_to(target)
        cases[link] = words
    try:
        for target, words in cases.items():
            for overwrite in (False, True):
                with pytest.raises(TargetRefused, match=words):
                    export_record(SNAP, target, MD, overwrite=overwrite)
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and stat.S_ISSOCK(os.lstat(sock_path).st_mode)
        assert folder.is_dir() and all(p.is_symlink() for p in cases if p.name.startswith("link-"))
    finally:
        server.close()


def test_overwrite_replaces_an_ordinary_file_only(tmp_path):
    out = tmp_path / "record.md"
    out.write_text("last week's record")
    with pytest.raises(TargetExists) as caught:
        export_record(SNAP, out, MD)
    assert caught.value.path == out and out.read_text() == "last week's record"
    export_record(SNAP, out, MD, overwrite=True)
    assert out.read_text().count("# Riverside team day") == 1


def test_a_pipe_appearing_before_the_rename_is_not_replaced(tmp_path, monkeypatch):
    out = tmp_path / "record.md"
    out.write_text("old")
    real_render = export.render_record

    def render_then_swap(snapshot, options, progress=None):
        data = real_render(snapshot, options, progress)
        out.unlink()
        os.mkfifo(out)  # between the first check and the rename
        return data

    monkeypatch.setattr(export, "render_record", render_then_swap)
    with pytest.raises(TargetRefused, match="a named pipe"):
        export_record(SNAP, out, MD, overwrite=True)
    assert stat.S_ISFIFO(os.lstat(out).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.md"], "no temporary file left"


def test_first_free_name_counts_up(tmp_path):
    base = tmp_path / "riverside-2026-12-03.docx"
    assert first_free_name(base) == base
    base.write_text("1")
    assert first_free_name(base) == tmp_path / "riverside-2026-12-03-2.docx"
    (tmp_path / "riverside-2026-12-03-2.docx").symlink_to(tmp_path / "nowhere")
    assert first_free_name(base) == tmp_path / "riverside-2026-12-03-3.docx"
