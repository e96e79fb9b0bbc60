"""Text in a hand-edited file is read as the app would have stored it: control characters,
CR line ends and lone surrogates never reach a screen or the record raw."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.sessions import build_workshop, fingerprint, raw, write_raw
from workshop.store import Session, read_session_file


def hand_edited(path: Path) -> bytes:
    build_workshop(path, items=2)
    data = raw(path)
    hope = next(iter(data["hopes_fears"].values()))
    hope["text"] = "Red \x1b[31malert\x1b[0m\r\nsecond line\x07"
    hope["theme"] = "Sup\tport\nteam"
    next(iter(data["workshop"].values()))["title"] = "Riverside\x00 day"
    return write_raw(path, data)


def test_opening_reads_cleaned_text_and_leaves_the_file_alone(tmp_path: Path):
    path = tmp_path / "day.json"
    hand_edited(path)
    before = fingerprint(path)
    with Session.open(path, read_only=True) as session:
        hope = session.records("hopes_fears")[0]
        assert hope["text"] == "Red [31malert[0m\nsecond line"
        assert hope["theme"] == "Sup port team"
        assert session.workshop()["title"] == "Riverside day"
    assert fingerprint(path) == before
    exported = read_session_file(path)  # what `workshop export` and `merge` read
    assert next(iter(exported["hopes_fears"].values()))["text"] == "Red [31malert[0m\nsecond line"


def test_the_next_save_writes_the_cleaned_text(tmp_path: Path):
    path = tmp_path / "day.json"
    hand_edited(path)
    with Session.open(path) as session:
        concern = session.records("concerns")[0]
        session.update("concerns", concern["id"], status="resolved")
    hope = next(iter(raw(path)["hopes_fears"].values()))
    assert hope["text"] == "Red [31malert[0m\nsecond line"
