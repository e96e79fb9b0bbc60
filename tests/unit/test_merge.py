"""Merging two copies of one workshop edited apart: each rule with small real files (two
folders standing for two laptops), the refusals and their messages, and settling conflicts
afterwards through the merge log."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import orjson
import pytest

from tests.helpers.copies import edit, find, two_copies, use_clock
from tests.helpers.sessions import fingerprint, raw, write_raw
from workshop import cli, merge, model
from workshop.store import (
    NewerFormatError,
    Session,
    SessionFileError,
    StoreError,
    backup_path,
    copy_id,
    lock_path,
    read_session_file,
)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return use_clock(monkeypatch)


def merged(tmp_path: Path, a: Path, b: Path, name: str = "out.json", **kwargs) -> merge.MergeResult:
    return merge.merge_files(a, b, tmp_path / name, merged_at="2026-12-04T10:00:00.000Z", **kwargs)


def live(result: merge.MergeResult, table: str) -> list[dict]:
    return [r for r in result.data[table].values() if not model.is_tombstone(r)]


def by_id(result: merge.MergeResult, table: str, rid: str) -> dict:
    return next(r for r in result.data[table].values() if r["id"] == rid)


def raw_record(path: Path, table: str, rid: str) -> dict:
    return next(r for r in raw(path)[table].values() if r["id"] == rid)


def concern(text: str = "Without supervision we set them up to fail."):
    def build(session: Session) -> None:
        session.insert("concerns", text=text, response="")
        session.insert("hopes_fears", kind="hope", text="Peer workers are valued")
    return build


# --- versions kept by the store ------------------------------------------------------------------


def test_a_copy_is_named_by_its_computer_account_and_path(tmp_path: Path):
    one, two = tmp_path / "a" / "day.json", tmp_path / "b" / "day.json"
    assert len(copy_id(one)) == 8 and int(copy_id(one), 16) >= 0
    assert copy_id(one) == copy_id(tmp_path / "a" / ".." / "a" / "day.json")
    assert copy_id(one) != copy_id(two)


def test_the_store_counts_each_real_change_and_hides_the_count(tmp_path: Path):
    path = tmp_path / "day.json"
    me = copy_id(path)
    with Session.create(path, title="Day") as session:
        rid = session.insert("concerns", text="Supervision")["id"]
        assert "versions" not in session.get("concerns", rid)
        assert all("versions" not in r for r in session.records("concerns"))
        session.update("concerns", rid, text="Supervision")  # changes nothing: not counted
        assert raw_record(path, "concerns", rid)["versions"] == {me: 1}
        session.update("concerns", rid, response="Weekly")
        before = session.delete("concerns", rid)
        assert raw_record(path, "concerns", rid) == {"id": rid, "deleted_at": raw_record(path, "concerns", rid)[
            "deleted_at"], "versions": {me: 3}}
        session.restore("concerns", before)
        assert raw_record(path, "concerns", rid)["versions"] == {me: 4}
        session.update_workshop(venue="Boathouse")
        assert next(iter(raw(path)["workshop"].values()))["versions"] == {me: 2}
        session.update("concerns", rid, versions={me: 99}, text="Set by a caller?")
    assert raw_record(path, "concerns", rid)["versions"] == {me: 5}


def test_a_second_copy_counts_under_its_own_name(tmp_path: Path):
    a, b = two_copies(tmp_path, concern())
    rid = edit(b, lambda s: find(s, "concerns")["id"])
    edit(b, lambda s: s.update("concerns", rid, response="Peer supervision"))
    assert raw_record(b, "concerns", rid)["versions"] == {copy_id(a): 1, copy_id(b): 1}


# --- one side changed ------------------------------------------------------------------------


def test_changes_made_on_one_copy_only_are_taken_without_conflict(tmp_path: Path):
    a, b = two_copies(tmp_path, concern())
    rid = edit(a, lambda s: find(s, "concerns")["id"])
    hope = edit(a, lambda s: find(s, "hopes_fears")["id"])
    edit(a, lambda s: s.update("concerns", rid, response="Weekly peer supervision", status="in_progress"))
    edit(b, lambda s: s.delete("hopes_fears", hope))
    edit(b, lambda s: s.insert("hopes_fears", kind="fear", text="Burnout in the first year"))
    result = merged(tmp_path, a, b)
    assert result.conflicts == []
    assert by_id(result, "concerns", rid)["response"] == "Weekly peer supervision"
    assert model.is_tombstone(by_id(result, "hopes_fears", hope))
    assert [r["text"] for r in live(result, "hopes_fears")] == ["Burnout in the first year"]
    assert result.counts == {"same": 1, "from_a": 1, "from_b": 2, "both": 0, "conflicts": 0}
    assert result.summary() == "Merged: 1 the same in both, 1 changed only in laptop-a/day.json, " \
                               "2 only in laptop-b/day.json; no conflicts."
    swapped = merged(tmp_path, b, a, "swapped.json")
    assert comparable(swapped.data) == comparable(result.data)


def comparable(data: dict) -> dict:
    """The records of each table by id, without record numbers or the merge log."""
    return {table: {r["id"]: r for r in docs.values()} for table, docs in data.items() if table != "merge_log"}


def test_the_same_change_on_both_copies_is_no_conflict(tmp_path: Path):
    a, b = two_copies(tmp_path, concern())
    rid = edit(a, lambda s: find(s, "concerns")["id"])
    for path in (a, b):
        edit(path, lambda s: s.update("concerns", rid, status="resolved"))
    result = merged(tmp_path, a, b)
    assert result.conflicts == []
    record = by_id(result, "concerns", rid)
    assert record["status"] == "resolved"
    assert record["versions"] == {copy_id(a): 2, copy_id(b): 1}
    assert record["updated_at"] == raw_record(b, "concerns", rid)["updated_at"], "the later time stamp"


# --- both sides changed ----------------------------------------------------------------------


def test_changed_on_both_copies_takes_the_later_value_field_by_field_and_lists_each(tmp_path: Path):
    a, b = two_copies(tmp_path, concern())
    rid = edit(a, lambda s: find(s, "concerns")["id"])
    edit(a, lambda s: s.update("concerns", rid, response="Weekly peer supervision", owner="Sam"))
    edit(b, lambda s: s.update("concerns", rid, response="Monthly group supervision"))
    result = merged(tmp_path, a, b)
    record = by_id(result, "concerns", rid)
    assert record["response"] == "Monthly group supervision"  # b changed later
    # Without a common ancestor the owner b never touched differs too; b's record is the
    # later one, so its (empty) owner stands and Sam is kept in the log, one use away.
    assert record["owner"] == ""
    assert {c["field"]: (c["kept"], c["other"]) for c in result.conflicts}["owner"] == ("", "Sam")
    assert [c["field"] for c in result.conflicts] == ["response", "owner"]
    response = next(c for c in result.conflicts if c["field"] == "response")
    assert response == {
        "table": "concerns", "id": rid, "field": "response", "label": "Without supervision we set them up to fail.",
        "kept": "Monthly group supervision", "other": "Weekly peer supervision",
        "kept_from": "laptop-b/day.json", "other_from": "laptop-a/day.json",
        "kept_at": raw_record(b, "concerns", rid)["updated_at"], "other_at": raw_record(a, "concerns", rid)["updated_at"],
        "kind": "field", "state": "open",
    }
    assert record["versions"] == {copy_id(a): 2, copy_id(b): 1}
    assert result.counts["both"] == 1 and result.counts["conflicts"] == 2


def _pair(a_fields: dict, b_fields: dict, *, at_a: str, at_b: str, va=None, vb=None) -> tuple[dict, dict]:
    """Two hand-built files of one workshop with one concern each, as other tools might write them."""
    def file(fields: dict, at: str, versions) -> dict:
        record = {"id": "c1", "created_at": "2026-12-03T09:00:00.000Z", "updated_at": at, "text": "Supervision",
                  "status": "open", **fields}
        if versions is not None:
            record["versions"] = versions
        return {"workshop": {"1": {"id": "w1", "schema_version": 1, "title": "Day"}}, "concerns": {"1": record}}
    return file(a_fields, at_a, va), file(b_fields, at_b, vb)


def test_a_tie_of_times_is_broken_by_the_values_so_the_order_of_the_files_does_not_matter():
    a, b = _pair({"owner": "Sam"}, {"owner": "Jo"}, at_a="2026-12-03T10:00:00.000Z", at_b="2026-12-03T10:00:00.000Z",
                 va={"aaaa0001": 2}, vb={"bbbb0002": 1})
    one = merge.merge_data(a, b, a_name="a.json", b_name="b.json", merged_at="2026-12-04T10:00:00.000Z")
    two = merge.merge_data(b, a, a_name="b.json", b_name="a.json", merged_at="2026-12-04T10:00:00.000Z")
    assert one.data["concerns"] == two.data["concerns"]
    assert one.data["concerns"]["1"]["owner"] == "Sam"  # "Sam" sorts after "Jo"
    assert one.data["concerns"]["1"]["versions"] == {"aaaa0001": 2, "bbbb0002": 1}
    assert (one.conflicts[0]["kept"], one.conflicts[0]["other"]) == ("Sam", "Jo")


def test_files_written_without_versions_merge_by_time():
    a, b = _pair({"response": "Weekly"}, {"response": "Monthly"}, at_a="2026-12-03T10:00:00.000Z",
                 at_b="2026-12-03T11:00:00.000Z")
    result = merge.merge_data(a, b, a_name="a.json", b_name="b.json", merged_at="2026-12-04T10:00:00.000Z")
    assert result.data["concerns"]["1"]["response"] == "Monthly"
    assert [c["field"] for c in result.conflicts] == ["response"]
    # A missing known field reads as its default: no conflict over nothing.
    a, b = _pair({"owner": ""}, {}, at_a="2026-12-03T10:00:00.000Z", at_b="2026-12-03T11:00:00.000Z")
    result = merge.merge_data(a, b, a_name="a.json", b_name="b.json", merged_at="2026-12-04T10:00:00.000Z")
    assert result.conflicts == [] and result.counts["same"] == 2


def test_where_the_day_stopped_is_settled_quietly(tmp_path: Path):
    a, b = two_copies(tmp_path)
    edit(a, lambda s: s.update_workshop(current_activity="concerns", venue="Boathouse"))
    edit(b, lambda s: s.update_workshop(current_activity="expertise"))
    result = merged(tmp_path, a, b)
    workshop = next(iter(result.data["workshop"].values()))
    assert workshop["current_activity"] == "expertise"
    assert [c["field"] for c in result.conflicts] == ["venue"]


# --- deletions -------------------------------------------------------------------------------


def test_a_deletion_that_saw_the_record_wins_quietly(tmp_path: Path):
    a, b = two_copies(tmp_path, concern())
    rid = edit(a, lambda s: find(s, "concerns")["id"])
    edit(a, lambda s: s.update("concerns", rid, response="Weekly"))
    shutil.copyfile(a, b)  # b is given a's copy, then deletes the concern
    edit(b, lambda s: s.delete("concerns", rid))
    result = merged(tmp_path, a, b)
    assert result.conflicts == [] and model.is_tombstone(by_id(result, "concerns", rid))


def test_an_edit_made_after_a_deletion_elsewhere_keeps_the_record_and_lists_it(tmp_path: Path):
    a, b = two_copies(tmp_path, concern())
    rid = edit(a, lambda s: find(s, "concerns")["id"])
    edit(a, lambda s: s.delete("concerns", rid))
    edit(b, lambda s: s.update("concerns", rid, response="Talked it through"))
    result = merged(tmp_path, a, b)
    record = by_id(result, "concerns", rid)
    assert record["response"] == "Talked it through" and not model.is_tombstone(record)
    [conflict] = result.conflicts
    assert conflict["kind"] == "restored" and conflict["kept_from"] == "laptop-b/day.json"
    assert conflict["other_at"] == raw_record(a, "concerns", rid)["deleted_at"]
    assert conflict["kept"]["response"] == "Talked it through"
    with Session.open(result.path) as session:
        merge.use_other(session, result.log["id"], 0)  # the deletion after all
        assert session.get("concerns", rid) is None
        merge.keep(session, result.log["id"], 0)  # no: keep it as changed
        assert session.get("concerns", rid)["response"] == "Talked it through"


def test_a_deletion_after_an_edit_elsewhere_stands_and_the_words_go_to_the_log(tmp_path: Path):
    a, b = two_copies(tmp_path, concern())
    rid = edit(a, lambda s: find(s, "concerns")["id"])
    edit(b, lambda s: s.update("concerns", rid, response="Talked it through"))
    edit(a, lambda s: s.delete("concerns", rid))
    result = merged(tmp_path, a, b)
    assert model.is_tombstone(by_id(result, "concerns", rid))
    [conflict] = result.conflicts
    assert conflict["kind"] == "deleted" and conflict["other"]["response"] == "Talked it through"
    assert conflict["kept_from"] == "laptop-a/day.json" and conflict["other_from"] == "laptop-b/day.json"
    with Session.open(result.path) as session:
        merge.use_other(session, result.log["id"], 0)
        back = session.get("concerns", rid)
        assert back["response"] == "Talked it through" and back["text"] == "Without supervision we set them up to fail."
        assert session.records("merge_log")[0]["conflicts"][0]["state"] == "other_used"
        merge.keep(session, result.log["id"], 0)  # changed their mind: deleted again
        assert session.get("concerns", rid) is None
        assert session.records("merge_log")[0]["conflicts"][0]["state"] == "kept"


def test_deleted_on_both_copies_the_first_deletion_stands(tmp_path: Path):
    a, b = two_copies(tmp_path, concern())
    rid = edit(a, lambda s: find(s, "concerns")["id"])
    edit(b, lambda s: s.delete("concerns", rid))
    edit(a, lambda s: s.delete("concerns", rid))
    result = merged(tmp_path, a, b)
    assert by_id(result, "concerns", rid) == {"id": rid, "deleted_at": raw_record(b, "concerns", rid)["deleted_at"],
                                              "versions": {copy_id(a): 2, copy_id(b): 1}}
    assert result.conflicts == [] and result.counts["same"] == 3  # the workshop, the hope, the concern


# --- what other tools wrote ------------------------------------------------------------------


def test_unknown_tables_and_fields_are_merged_and_kept(tmp_path: Path):
    a, b = two_copies(tmp_path, concern())
    rid = edit(a, lambda s: find(s, "concerns")["id"])
    edit(a, lambda s: s.update("concerns", rid, x_colour="pink"))
    edit(b, lambda s: s.insert("x_stickers", id="s1", shape="star"))
    data = raw(a)
    data["x_settings"] = {"zoom": 2}
    write_raw(a, data)
    data = raw(b)
    data["x_settings"] = {"zoom": 3}
    write_raw(b, data)
    result = merged(tmp_path, a, b)
    assert by_id(result, "concerns", rid)["x_colour"] == "pink"
    assert by_id(result, "x_stickers", "s1")["shape"] == "star"
    assert result.data["x_settings"] == {"zoom": 3}  # differs with no record ids: the larger stands...
    table = next(c for c in result.conflicts if c["kind"] == "table")
    assert table["other"] == {"zoom": 2} and table["table"] == "x_settings"  # ...the other is kept in the log
    read_session_file(result.path)


def test_one_id_in_two_tables_keeps_both_records(tmp_path: Path):
    a, b = two_copies(tmp_path)
    edit(a, lambda s: s.insert("concerns", id="same-id", text="A concern"))
    edit(b, lambda s: s.insert("actions", id="same-id", task="An action"))
    result = merged(tmp_path, a, b)
    # The table whose name sorts first keeps the id; the other record gets "<id>-<table>".
    assert by_id(result, "actions", "same-id")["task"] == "An action"
    assert by_id(result, "concerns", "same-id-concerns")["text"] == "A concern"
    [conflict] = result.conflicts
    assert (conflict["kind"], conflict["kept"], conflict["other"]) == ("renamed", "same-id-concerns", "same-id")
    again = merged(tmp_path, result.path, b, "again.json")
    assert comparable(again.data) == comparable(result.data), "merging again renames the same way"
    with Session.open(result.path) as session:
        with pytest.raises(merge.MergeError, match="nothing to choose"):
            merge.use_other(session, result.log["id"], 0)


def test_a_value_too_deep_for_the_log_is_kept_as_json_text():
    deep: object = "bottom"
    for _ in range(model.MAX_DEPTH - 5):
        deep = [deep]
    a, b = _pair({"x_tree": deep}, {"x_tree": "flat"}, at_a="2026-12-03T09:00:00.000Z",
                 at_b="2026-12-03T10:00:00.000Z")
    result = merge.merge_data(a, b, a_name="a.json", b_name="b.json", merged_at="2026-12-04T10:00:00.000Z")
    [conflict] = result.conflicts
    assert conflict["other_json"] is True and orjson.loads(conflict["other"]) == deep
    assert merge.conflict_value(conflict, "other") == deep
    from workshop.store import validate_session

    validate_session(Path("out.json"), result.data)


# --- record numbers and the log --------------------------------------------------------------


def test_a_keeps_its_numbering_and_b_own_records_follow_in_b_order(tmp_path: Path):
    a, b = two_copies(tmp_path, concern())
    edit(a, lambda s: s.insert("hopes_fears", kind="hope", text="From A"))
    edit(b, lambda s: s.insert_many("hopes_fears", [{"kind": "fear", "text": "B first"},
                                                    {"kind": "fear", "text": "B second"}]))
    result = merged(tmp_path, a, b)
    assert [(k, r["text"]) for k, r in result.data["hopes_fears"].items()] == [
        ("1", "Peer workers are valued"), ("2", "From A"), ("3", "B first"), ("4", "B second")]
    with Session.open(result.path, read_only=True) as session:
        assert [r["text"] for r in session.records("hopes_fears")][-2:] == ["B first", "B second"]


def test_the_merge_log_unites_both_copies_logs_and_records_this_merge(tmp_path: Path):
    a, b = two_copies(tmp_path, concern())
    rid = edit(a, lambda s: find(s, "concerns")["id"])
    edit(a, lambda s: s.update("concerns", rid, owner="Sam"))
    edit(b, lambda s: s.update("concerns", rid, owner="Jo"))
    first = merged(tmp_path, a, b)
    assert first.log == {
        "id": first.log["id"], "created_at": "2026-12-04T10:00:00.000Z", "updated_at": "2026-12-04T10:00:00.000Z",
        "merged_at": "2026-12-04T10:00:00.000Z", "files": ["laptop-a/day.json", "laptop-b/day.json"],
        "counts": {"same": 2, "from_a": 0, "from_b": 0, "both": 1, "conflicts": 1},
        "conflicts": first.conflicts, "versions": {},
    }
    assert len(first.log["id"]) == 32 and list(first.data["merge_log"].values()) == [first.log]
    # The merged file goes on to laptop b, which settles the conflict, then adds a hope.
    shutil.copyfile(first.path, b)
    edit(b, lambda s: merge.use_other(s, first.log["id"], 0))
    edit(b, lambda s: s.insert("hopes_fears", kind="hope", text="Later"))
    second = merge.merge_files(first.path, b, tmp_path / "second.json", merged_at="2026-12-05T10:00:00.000Z")
    logs = sorted(second.data["merge_log"].values(), key=lambda r: r["merged_at"])
    assert [log["merged_at"] for log in logs] == ["2026-12-04T10:00:00.000Z", "2026-12-05T10:00:00.000Z"]
    assert logs[0]["conflicts"][0]["state"] == "other_used"
    assert second.conflicts == [] and by_id(second, "concerns", rid)["owner"] == "Sam"


def test_decisions_taken_on_two_copies_of_the_merged_file_are_both_kept(tmp_path: Path):
    a, b = two_copies(tmp_path, concern())
    rid = edit(a, lambda s: find(s, "concerns")["id"])
    edit(a, lambda s: s.update("concerns", rid, owner="Sam", due="2027-01-10"))
    edit(b, lambda s: s.update("concerns", rid, owner="Jo", due="2027-02-01"))
    first = merged(tmp_path, a, b)
    assert len(first.conflicts) == 2
    here, there = tmp_path / "here" / "m.json", tmp_path / "there" / "m.json"
    for path in (here, there):
        path.parent.mkdir()
        shutil.copyfile(first.path, path)
    edit(here, lambda s: merge.keep(s, first.log["id"], 0))
    edit(there, lambda s: merge.use_other(s, first.log["id"], 1))
    second = merge.merge_files(here, there, tmp_path / "second.json", merged_at="2026-12-05T10:00:00.000Z")
    log = by_id(second, "merge_log", first.log["id"])
    assert [c["state"] for c in log["conflicts"]] == ["kept", "other_used"]
    assert all(c["table"] != "merge_log" for c in second.conflicts)


def test_merging_a_file_with_itself_changes_nothing(tmp_path: Path):
    a, b = two_copies(tmp_path, concern())
    result = merged(tmp_path, a, a)
    assert result.log is None and result.conflicts == []
    assert result.data == raw(a)
    assert (tmp_path / "out.json").read_bytes() == a.read_bytes()
    assert "identical" in result.summary()
    twin = merged(tmp_path, a, b, "twin.json")  # a fresh copy, not yet changed: identical too
    assert twin.log is None


# --- files and refusals --------------------------------------------------------------------


def test_the_inputs_are_only_read_and_the_output_is_a_private_valid_workshop(tmp_path: Path):
    a, b = two_copies(tmp_path, concern())
    edit(a, lambda s: s.insert("hopes_fears", kind="fear", text="Burnout"))
    before = fingerprint(a), fingerprint(b)
    with Session.open(a):  # open in the app on this laptop: the saved file is merged
        result = merged(tmp_path, a, b)
    assert (fingerprint(a), fingerprint(b)) == before
    assert not lock_path(b).exists() and not backup_path(b).exists()
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert cli.main(["check", str(result.path)]) == 0
    with Session.open(result.path) as session:
        assert [r["text"] for r in session.records("hopes_fears")] == ["Peer workers are valued", "Burnout"]


def test_two_different_workshops_are_refused(tmp_path: Path):
    a, _ = two_copies(tmp_path)
    other = tmp_path / "other.json"
    Session.create(other, title="Northside day").close()
    with pytest.raises(merge.MergeError) as caught:
        merged(tmp_path, a, other)
    assert str(caught.value).startswith("These are two different workshops, not copies of one: ")
    assert "Riverside CMHT team day" in str(caught.value) and "Northside day" in str(caught.value)
    assert not (tmp_path / "out.json").exists()


def test_a_file_that_cannot_be_read_is_refused_with_the_store_message(tmp_path: Path):
    a, b = two_copies(tmp_path)
    b.write_bytes(b'{"workshop": {"1": {"id": ')
    with pytest.raises(SessionFileError, match="day.json cannot be opened: it is not readable JSON"):
        merged(tmp_path, a, b)
    data = raw(a)
    next(iter(data["workshop"].values()))["schema_version"] = 3
    write_raw(b, data)
    with pytest.raises(NewerFormatError, match="newer version of Team Day"):
        merged(tmp_path, a, b)
    with pytest.raises(StoreError, match="There is no workshop file at"):
        merged(tmp_path, a, tmp_path / "missing.json")
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("target", ["a", "b", "a.bak", "b.lock"])
def test_the_output_may_not_be_an_input_or_its_backup_or_lock(tmp_path: Path, target: str):
    a, b = two_copies(tmp_path)
    edit(a, lambda s: None)  # leaves a backup beside a
    paths = {"a": a, "b": b, "a.bak": backup_path(a), "b.lock": lock_path(b)}
    before = fingerprint(a), fingerprint(b)
    with pytest.raises(merge.MergeError, match="is one of the copies being merged"):
        merge.merge_files(a, b, paths[target], force=True)
    assert (fingerprint(a), fingerprint(b)) == before


def test_an_existing_output_is_replaced_only_when_asked(tmp_path: Path):
    a, b = two_copies(tmp_path)
    edit(b, lambda s: s.insert("hopes_fears", kind="hope", text="Hope"))
    out = tmp_path / "out.json"
    out.write_text("keep me")
    with pytest.raises(merge.MergeError, match="already exists; choose another name"):
        merged(tmp_path, a, b)
    assert out.read_text() == "keep me"
    merged(tmp_path, a, b, force=True)
    read_session_file(out)
    with Session.open(out):  # open in Team Day: not replaced even with force
        with pytest.raises(merge.MergeError, match="is open in Team Day"):
            merged(tmp_path, a, b, force=True)


def test_a_missing_output_folder_is_refused(tmp_path: Path):
    a, b = two_copies(tmp_path)
    with pytest.raises(merge.MergeError, match="does not exist; nothing was written"):
        merge.merge_files(a, b, tmp_path / "nowhere" / "out.json")
    with pytest.raises(merge.MergeError, match="is a folder"):
        merge.merge_files(a, b, tmp_path / "laptop-a", force=True)


# --- settling conflicts ----------------------------------------------------------------------


def test_use_other_and_keep_change_the_record_through_the_store(tmp_path: Path):
    a, b = two_copies(tmp_path, concern())
    rid = edit(a, lambda s: find(s, "concerns")["id"])
    edit(a, lambda s: s.update("concerns", rid, response="Weekly peer supervision"))
    edit(b, lambda s: s.update("concerns", rid, response="Monthly group supervision"))
    result = merged(tmp_path, a, b)
    log_id = result.log["id"]
    out = result.path
    with Session.open(out) as session:
        assert [e["state"] for e in merge.merge_logs(session)[0]["conflicts"]] == ["open"]
        merge.use_other(session, log_id, 0)
        assert session.get("concerns", rid)["response"] == "Weekly peer supervision"
        merge.keep(session, log_id, 0)
        assert session.get("concerns", rid)["response"] == "Monthly group supervision"
        entry = session.get("merge_log", log_id)["conflicts"][0]
        assert entry["state"] == "kept" and entry["decided_at"]
        with pytest.raises(merge.MergeError, match="not in the merge log"):
            merge.keep(session, log_id, 5)
        with pytest.raises(merge.MergeError, match="no longer in the log"):
            merge.keep(session, "nope", 0)
        session.delete("concerns", rid)
        with pytest.raises(merge.MergeError, match="no longer there"):
            merge.use_other(session, log_id, 0)
    record = raw_record(out, "concerns", rid)
    me = copy_id(out)
    assert record["versions"][me] == 3, "use, keep and delete each counted on the merged copy"


def test_copies_in_a_folder_are_found_by_workshop(tmp_path: Path):
    a, b = two_copies(tmp_path)
    folder = a.parent
    shutil.copyfile(b, folder / "day-laptop-b.json")
    Session.create(folder / "other.json", title="Another day").close()
    (folder / "broken.json").write_text("{")
    assert merge.copies_in(folder, a) == [folder / "day-laptop-b.json"]
    assert merge.copies_in(folder, folder / "broken.json") == []
