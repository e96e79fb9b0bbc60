"""Properties, checked with hypothesis over generated sequences of changes and generated
workshops (deterministic: derandomized, no example database):

- any sequence of changes made through History and Session, then close and reopen, gives
  the same workshop;
- every undo returns to the state before its step and every redo to the state after it, so
  undoing everything returns to the empty workshop;
- a change the store refuses changes nothing;
- any workshop exports to .docx and Markdown.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability import strategies as S
from workshop.actions import send_to_action_plan
from workshop.export import ExportOptions, render_record
from workshop.history import History
from workshop.store import Session, StoreError, TABLE_NAMES

OPS = ("add", "add", "add", "edit", "delete", "undo", "undo", "redo", "move", "vote", "raise", "send",
       "workshop", "bad")
SETTINGS = dict(deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def comparable(snap: dict) -> dict:
    """A snapshot without `updated_at`: undo and redo restore content, not the clock."""
    def strip(record: dict) -> dict:
        return {k: v for k, v in record.items() if k != "updated_at"}

    return {table: strip(rows) if table == "workshop" else [strip(r) for r in rows] for table, rows in snap.items()}


class Run:
    """Applies drawn operations to a session through History and keeps the expected states."""

    def __init__(self, session: Session, data: st.DataObject):
        self.session = session
        self.history = History(session, limit=10_000)
        self.data = data
        self.undo_states: list[tuple[dict, dict]] = []  # (before, after) per undoable step
        self.redo_states: list[tuple[dict, dict]] = []
        self.applied: list[str] = []

    def pick(self, table: str, **where) -> dict | None:
        rows = [r for r in self.session.records(table) if all(r.get(k) == v for k, v in where.items())]
        if not rows:
            return None
        return rows[self.data.draw(st.integers(0, len(rows) - 1), label=f"which {table}")]

    def change(self, op: str) -> None:
        h, draw = self.history, self.data.draw
        if op == "add":
            table = draw(st.sampled_from(sorted(S.FIELDS)), label="table")
            h.insert(table, **draw(S.FIELDS[table], label="fields"))
        elif op == "edit":
            table = draw(st.sampled_from(sorted(S.FIELDS)), label="table")
            if (record := self.pick(table)) is not None:
                h.update(table, record["id"], **draw(S.FIELDS[table], label="changes"))
        elif op == "delete":
            table = draw(st.sampled_from(sorted(S.FIELDS)), label="table")
            if (record := self.pick(table)) is not None:
                h.delete(table, record["id"])
        elif op == "move":
            kind = draw(st.sampled_from(("hope", "fear")), label="from")
            if (record := self.pick("hopes_fears", kind=kind)) is not None:
                h.update("hopes_fears", record["id"], label="move", kind="fear" if kind == "hope" else "hope")
        elif op == "vote":
            if (record := self.pick("hopes_fears")) is not None:
                h.update("hopes_fears", record["id"], label="vote", votes=record["votes"] + 1)
        elif op == "raise":
            if (fear := self.pick("hopes_fears", kind="fear")) is not None:
                with h.step("raise as concern"):
                    h.insert("concerns", text=fear["text"], from_fear=fear["id"])
        elif op == "send":
            table = draw(st.sampled_from(("concerns", "dual_roles")), label="from table")
            if (record := self.pick(table)) is not None:
                send_to_action_plan(h, table, record)
        elif op == "workshop":
            h.update("workshop", self.session.workshop()["id"], **draw(S.WORKSHOP_EDITS, label="details"))

    def step(self) -> None:
        op = self.data.draw(st.sampled_from(OPS), label="op")
        self.applied.append(op)
        before = self.session.snapshot()
        if op == "undo":
            if self.history.undo() is not None:
                was, now = self.undo_states.pop()
                assert comparable(self.session.snapshot()) == comparable(was), f"undo after {self.applied}"
                self.redo_states.append((was, now))
            return
        if op == "redo":
            if self.history.redo() is not None:
                was, now = self.redo_states.pop()
                assert comparable(self.session.snapshot()) == comparable(now), f"redo after {self.applied}"
                self.undo_states.append((was, now))
            return
        if op == "bad":
            table, changes = self.data.draw(S.BAD_EDITS, label="bad change")
            target = self.pick(table)
            try:
                if target is None:
                    self.history.insert(table, **{**self.data.draw(S.FIELDS[table]), **changes})
                else:
                    self.history.update(table, target["id"], **changes)
            except StoreError as exc:
                assert str(exc).startswith("Not saved:"), str(exc)
            else:
                raise AssertionError(f"{changes} was accepted")
            assert self.session.snapshot() == before
            return
        steps = len(self.history._undo)
        self.change(op)
        if len(self.history._undo) > steps:
            self.undo_states.append((before, self.session.snapshot()))
            self.redo_states.clear()
        else:
            assert self.session.snapshot() == before, f"{op} changed the workshop without an undo step"


@settings(max_examples=150, **SETTINGS)
@given(data=st.data())
def test_changes_survive_reopen_and_undo_returns_to_the_empty_workshop(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "prop.json"
        session = Session.create(path, title="Property day")
        empty = session.snapshot()
        run = Run(session, data)
        for _ in range(data.draw(st.integers(1, 25), label="how many changes")):
            run.step()
        saved = session.snapshot()
        # Redoing everything also redoes the steps undone before closing.
        everything = run.redo_states[0][1] if run.redo_states else saved
        session.close()

        session = Session.open(path, fallback_read_only=False)
        assert session.snapshot() == saved, f"reopened differs after {run.applied}"
        run.session = run.history.session = session  # the same steps, on the reopened file
        while run.history.can_undo:
            run.history.undo()
        assert comparable(session.snapshot()) == comparable(empty), f"undo of everything after {run.applied}"
        while run.history.can_redo:
            run.history.redo()
        assert comparable(session.snapshot()) == comparable(everything), f"redo of everything after {run.applied}"
        redone = session.snapshot()
        session.close()
        with Session.open(path) as again:
            assert again.snapshot() == redone


def _check_docx(blob: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        assert package.testzip() is None
    document = docx.Document(io.BytesIO(blob))
    assert document.paragraphs[0].style.name == "Title"


@settings(max_examples=60, **SETTINGS)
@given(snapshot=S.snapshot(), names=st.booleans(), lived=st.booleans())
def test_any_workshop_exports_to_docx_and_markdown(snapshot, names, lived):
    """Raw generated records (text not cleaned by the store) straight to both writers."""
    for fmt in ("docx", "md"):
        blob = render_record(snapshot, ExportOptions(fmt, include_names=names, include_lived=lived))
        if fmt == "docx":
            _check_docx(blob)
        else:
            assert blob.decode("utf-8").startswith("**Confidential")


@settings(max_examples=25, **SETTINGS)
@given(snapshot=S.snapshot())
def test_any_saved_workshop_exports_after_reopening(snapshot):
    """The same through the store: saved, reopened, then exported as the app does."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gen.json"
        with Session.create(path, **{k: v for k, v in snapshot["workshop"].items() if k != "id"}) as session:
            for table in TABLE_NAMES:
                if table != "workshop":
                    session.insert_many(table, [{k: v for k, v in r.items() if k != "id"}
                                                for r in snapshot.get(table, [])])
        with Session.open(path, read_only=True) as session:
            saved = session.snapshot()
        _check_docx(render_record(saved, ExportOptions("docx", True, True)))
        assert render_record(saved, ExportOptions("md")).decode("utf-8")


def test_undo_of_a_change_that_added_a_field_takes_the_field_away(saved_workshop):
    """Found by the property above: undo put old values back with an update, which cannot
    remove a field the change had added (an unknown one, as a newer app may set)."""
    with Session.open(saved_workshop) as session:
        history = History(session)
        before = session.workshop()
        hope = session.records("hopes_fears")[0]
        history.update("workshop", before["id"], x_added_later="kept by a newer app")
        history.update("hopes_fears", hope["id"], x_sticky_colour="pink", votes=9)
        history.undo()
        history.undo()
        assert "x_sticky_colour" not in session.get("hopes_fears", hope["id"])
        assert comparable({"workshop": session.workshop()}) == comparable({"workshop": before})
        history.redo()
        assert session.workshop()["x_added_later"] == "kept by a newer app"
