"""Merging, checked with hypothesis (deterministic: derandomized, no example database).

From one workshop file, two copies (two paths: two laptops) each take a random sequence of
adds, edits, deletes, undos and redos through History and Session, interleaved in time.
Then, for the merge of the two:

- no record is lost: every id live on either copy is in the result, live unless a deletion
  that had seen it (or a later one, whose loss is then in the log whole) removed it;
- every value either copy changed is in the result or in a conflict entry;
- a conflict is reported exactly for the records changed on both copies to different ends;
- it is deterministic (same bytes), the order of the two files does not change the records,
  merging a file with itself changes nothing, and merging the result with a copy again adds
  nothing (no conflicts, the same records).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.helpers.copies import Clock
from tests.reliability import strategies as S
from workshop import merge, model
from workshop.history import History
from workshop.merge.rules import META, SILENT, differing_fields
from workshop.store import Session, copy_id, read_session_file, validate_session
from workshop.store.versions import dominates, versions_of

SETTINGS = dict(deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
OPS = ("add", "edit", "edit", "edit", "delete", "undo", "redo", "workshop")
# A few tables, so both copies often touch the same records; each is merged alike.
TABLES = ("actions", "concerns", "dual_roles", "hopes_fears")
WHEN = "2026-12-05T10:00:00.000Z"


class Copy:
    """One laptop's copy, changed through History as the app changes it."""

    def __init__(self, path: Path, data: st.DataObject, name: str):
        self.session = Session.open(path, fallback_read_only=False)
        self.history = History(self.session, limit=1000)
        self.data, self.name = data, name

    def pick(self) -> tuple[str, dict] | None:
        """Any live record, whatever its table: most steps then change something."""
        rows = [(table, r) for table in TABLES for r in self.session.records(table)]
        if not rows:
            return None
        return rows[self.data.draw(st.integers(0, len(rows) - 1), label=f"{self.name}: which record")]

    def step(self) -> None:
        draw, h = self.data.draw, self.history
        op = draw(st.sampled_from(OPS), label=f"{self.name}: op")
        if op == "add":
            table = draw(st.sampled_from(TABLES), label=f"{self.name}: table")
            h.insert(table, **draw(S.FIELDS[table], label="fields"))
        elif op == "edit" and (picked := self.pick()) is not None:
            table, record = picked
            h.update(table, record["id"], **draw(S.FIELDS[table], label="changes"))
        elif op == "delete" and (picked := self.pick()) is not None:
            h.delete(picked[0], picked[1]["id"])
        elif op == "undo":
            h.undo()
        elif op == "redo":
            h.redo()
        elif op == "workshop":
            h.update("workshop", self.session.workshop()["id"], **draw(S.WORKSHOP_EDITS, label="details"))


def records(data: dict) -> dict[tuple[str, str], dict]:
    return {(table, r["id"]): r for table, docs in data.items() if isinstance(docs, dict)
            for r in docs.values() if isinstance(r, dict) and "id" in r}


def content(record: dict) -> dict:
    return {k: v for k, v in record.items() if k != "versions"}


def comparable(data: dict) -> dict:
    """Records by table and id: record numbers and the merge log aside."""
    return {key: r for key, r in records(data).items() if key[0] != "merge_log"}


def in_conflicts(result: merge.MergeResult, table: str, rid: str, name: str, value) -> bool:
    for entry in result.conflicts:
        if (entry["table"], entry["id"]) != (table, rid):
            continue
        if entry["kind"] == "field" and entry["field"] == name and value in (
                merge.conflict_value(entry, "kept"), merge.conflict_value(entry, "other")):
            return True
        for which in ("kept", "other"):
            whole = merge.conflict_value(entry, which)
            if entry["kind"] in ("deleted", "restored") and isinstance(whole, dict) and whole.get(name) == value:
                return True
    return False


def changed_on(record: dict, me: str) -> bool:
    return versions_of(record).get(me, 0) > 0


def check_nothing_lost(result, sides) -> None:
    out = records(result.data)
    for data, me, other in sides:
        theirs = records(other)
        for (table, rid), record in records(data).items():
            if model.is_tombstone(record):
                continue
            assert (table, rid) in out, f"{table} {rid} lost"
            merged = out[(table, rid)]
            if model.is_tombstone(merged):
                deleted = theirs.get((table, rid))
                seen = deleted is not None and dominates(versions_of(deleted), versions_of(record))
                logged = any(e["kind"] == "deleted" and e["id"] == rid
                             and merge.conflict_value(e, "other") == content(record) for e in result.conflicts)
                assert seen or logged, f"{table} {rid} deleted without having been seen, and not in the log"
            if not changed_on(record, me):
                continue
            for name, value in record.items():
                if name in META or (table, name) in SILENT:
                    continue
                kept = not model.is_tombstone(merged) and merged.get(name) == value
                assert kept or in_conflicts(result, table, rid, name, value), f"{table}.{name} of {rid} lost"


def check_conflicts_exactly_where_both_changed(result, a, b, me_a, me_b) -> None:
    expected = set()
    ra, rb = records(a), records(b)
    for key in ra.keys() & rb.keys():
        x, y = ra[key], rb[key]
        if not (changed_on(x, me_a) and changed_on(y, me_b)):
            continue
        gone_x, gone_y = model.is_tombstone(x), model.is_tombstone(y)
        if gone_x and gone_y:
            continue
        if gone_x or gone_y:
            expected.add(key)
        elif any(n not in META and (key[0], n) not in SILENT for n in differing_fields(key[0], x, y)):
            expected.add(key)
    reported = {(e["table"], e["id"]) for e in result.conflicts}
    assert reported == expected


@settings(max_examples=150, **SETTINGS)
@given(data=st.data())
def test_two_copies_edited_apart_merge_without_losing_anything(data):
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(model, "now_iso", Clock()):
        root = Path(folder)
        origin = root / "origin" / "day.json"
        paths = {name: root / name / "day.json" for name in ("a", "b")}
        for path in (origin, *paths.values()):
            path.parent.mkdir()
        with Session.create(origin, title="Property day") as session:
            for table in data.draw(st.lists(st.sampled_from(TABLES), min_size=1, max_size=6), label="ancestor"):
                session.insert(table, **data.draw(S.FIELDS[table], label="ancestor fields"))
        for path in paths.values():
            shutil.copyfile(origin, path)
        copies = {name: Copy(path, data, name) for name, path in paths.items()}
        for side in data.draw(st.lists(st.sampled_from(("a", "b")), min_size=2, max_size=20), label="who changes next"):
            copies[side].step()
        for copy in copies.values():
            copy.session.close()

        a, b = read_session_file(paths["a"]), read_session_file(paths["b"])
        me_a, me_b = copy_id(paths["a"]), copy_id(paths["b"])
        result = merge.merge_data(a, b, a_name="a/day.json", b_name="b/day.json", merged_at=WHEN)
        validate_session(root / "out.json", result.data)
        for kind in sorted({e["kind"] for e in result.conflicts}) or ["none"]:
            event(f"conflict kind: {kind}")
        check_nothing_lost(result, [(a, me_a, b), (b, me_b, a)])
        check_conflicts_exactly_where_both_changed(result, a, b, me_a, me_b)

        written = [merge.merge_files(paths["a"], paths["b"], root / f"out{n}.json", merged_at=WHEN) for n in (1, 2)]
        assert (root / "out1.json").read_bytes() == (root / "out2.json").read_bytes()
        assert written[0].data == result.data and written[0].conflicts == result.conflicts

        swapped = merge.merge_data(b, a, a_name="b.json", b_name="a.json", merged_at=WHEN)
        assert comparable(swapped.data) == comparable(result.data)
        assert len(swapped.conflicts) == len(result.conflicts)

        itself = merge.merge_data(a, a, a_name="a.json", b_name="a.json", merged_at=WHEN)
        assert itself.data == a and itself.log is None

        again = merge.merge_data(result.data, b, a_name="out.json", b_name="b.json", merged_at="2026-12-06T10:00:00.000Z")
        assert comparable(again.data) == comparable(result.data)
        assert again.conflicts == []
