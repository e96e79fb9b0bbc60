"""The room's core without a network: the queue, what an accepted submission becomes, the
page, the QR code, the command line's options and the record's sentence."""

from __future__ import annotations

import argparse
from pathlib import Path

import docx
import pytest

from workshop.export import ExportOptions, export_record
from workshop.history import History
from workshop.room import RoomQueue, record_for
from workshop.room.options import add_room_arguments, check_room_arguments, room_request
from workshop.room.page import form_page
from workshop.room.qr import qr_lines
from workshop.room.queue import QueueFull, clean_submission
from workshop.store import Session


def test_the_queue_keeps_arrival_order_the_minute_and_nothing_about_the_sender():
    queue = RoomQueue(limit=3, clock=lambda: "09:41")
    first = queue.add("hopes_fears", "hope", "one")
    queue.add("hopes_fears", "fear", "two")
    assert [s.text for s in queue.pending] == ["one", "two"] and first.minute == "09:41"
    assert set(vars(first)) == {"number", "activity", "choice", "text", "minute"}
    queue.add("concerns", "", "three")
    with pytest.raises(QueueFull):
        queue.add("concerns", "", "four")
    taken = queue.take(first.number)
    assert taken == first and len(queue) == 2
    queue.put_back(taken)
    assert [s.number for s in queue.pending] == [1, 2, 3]
    assert queue.edit(2, "  changed\x00 ", "hope").text == "changed"
    assert queue.edit(2, "   ") is None and queue.get(2).text == "changed"
    assert queue.clear() == 3 and queue.received == 3


@pytest.mark.parametrize("activity, choice, ok", [
    ("hopes_fears", "hope", True), ("hopes_fears", "fear", True), ("hopes_fears", "", False),
    ("expertise", "lived", True), ("expertise", "life", True), ("expertise", "hope", False),
    ("concerns", "", True), ("concerns", "boundaries", True), ("concerns", "nonsense", False),
    ("job_description", "", False), ("action_plan", "", False),
])
def test_only_the_choices_the_form_offers_are_taken(activity, choice, ok):
    assert (clean_submission(activity, choice, "words") is not None) is ok


def test_words_are_cleaned_like_typed_words_and_cut_at_a_cards_length():
    assert clean_submission("hopes_fears", "hope", " a\r\nb\x1b ") == ("hope", "a\nb")
    assert len(clean_submission("hopes_fears", "hope", "x" * 50_000)[1]) == 2_000


def test_an_accepted_submission_becomes_an_anonymous_record_marked_from_the_room():
    queue = RoomQueue()
    hope = record_for(queue.add("hopes_fears", "fear", "w"))
    lived = record_for(queue.add("expertise", "lived", "w"))
    concern = record_for(queue.add("concerns", "", "w"))
    assert hope == ("hopes_fears", {"kind": "fear", "text": "w", "from_room": True})
    assert lived == ("expertise", {"source": "lived", "text": "w", "from_room": True, "in_record": False})
    assert concern[0] == "concerns" and concern[1]["category"] is None and concern[1]["raised_by_role"] is None


def test_the_page_has_labels_a_choice_and_no_script():
    html = form_page("hopes_fears", "tok.sig", "Received <b>", workshop_title="A & B")
    assert '<label for="text">' in html and 'type="radio" name="choice" value="hope" checked' in html
    assert "<script" not in html and "Received &lt;b&gt;" in html and "A &amp; B" in html
    assert "Personal experience stays private" in form_page("expertise", "t")
    assert "<form" not in form_page(None, "t")


def test_the_qr_code_keeps_its_square_in_half_blocks():
    lines = qr_lines("http://192.168.1.20:51234/AbCdEfGhIjKlMnOpQrStUv/")
    assert len({len(line) for line in lines}) == 1
    assert len(lines) == (len(lines[0]) + 1) // 2  # two module rows a text row
    assert set("".join(lines)) <= set("█▀▄ ")


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_room_arguments(parser)
    return parser.parse_args(argv)


def test_the_command_line_asks_for_a_room_on_one_address():
    assert room_request(parse()) is None
    assert room_request(parse("--room")) == {"host": None, "port": 0}
    assert room_request(parse("--room", "--host", "10.0.0.5", "--port", "8080")) == {"host": "10.0.0.5", "port": 8080}
    for bad in (("--room", "--host", "laptop.local"), ("--room", "--port", "70000"), ("--host", "10.0.0.5")):
        with pytest.raises(ValueError):
            check_room_arguments(parse(*bad))
    check_room_arguments(parse("--room", "--host", "127.0.0.1"))


def test_the_record_says_how_many_entries_came_from_the_room(tmp_path: Path):
    path = tmp_path / "room.json"
    with Session.create(path, title="Room day") as session:
        history = History(session)
        history.insert_many("hopes_fears", [{"kind": "hope", "text": "Typed"},
                                            {"kind": "hope", "text": "Sent", "from_room": True},
                                            {"kind": "fear", "text": "Also sent", "from_room": True}])
        history.insert("concerns", text="From a phone", status="open", from_room=True)
        # Personal experience is never counted, even when it is shared.
        history.insert("expertise", source="lived", text="Mine", in_record=True, from_room=True)
        snapshot = session.snapshot()
    out = export_record(snapshot, tmp_path / "room.docx", ExportOptions())
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "3 entries in this record came from the room" in text


def test_a_record_without_room_entries_says_nothing_of_the_room(tmp_path: Path):
    path = tmp_path / "plain.json"
    with Session.create(path, title="Plain day") as session:
        History(session).insert("hopes_fears", kind="hope", text="Typed")
        snapshot = session.snapshot()
    out = export_record(snapshot, tmp_path / "plain.docx", ExportOptions())
    assert "came from the room" not in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
