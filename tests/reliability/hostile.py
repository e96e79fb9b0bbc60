"""The corpus of hostile session files: every way a file can arrive broken, odd or malicious.

Each `Case` puts something at a path (bytes, a folder, a link, a pipe) and may name words the
refusal must hold. The corpus is deterministic (fixed seeds) so a failure can be replayed.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import orjson

from tests.helpers.sessions import build_workshop
from workshop import model

BAD_VALUES = (None, -1, 2.5, "text", "", {}, True, ["x"])
FIVE_MB = 5 * 1024 * 1024


@dataclass
class Case:
    family: str
    name: str
    make: Callable[[Path], None]
    words: tuple[str, ...] = ()  # the refusal must hold each of these
    valid: bool | None = None  # None: either outcome is acceptable (a random mutation)


def _bytes(blob: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(blob)
    return make


def _dump(data) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)


def base_file(folder: Path) -> bytes:
    """A saved workshop with live records and a tombstone in every table."""
    path = build_workshop(folder / "base.json", items=4)
    from workshop.store import Session

    with Session.open(path) as session:
        session.update_workshop(venue="The Boathouse", facilitators=["Morag", "Dev"])
        jd = session.insert("job_descriptions", title="Draft", text="Peer support worker")
        session.insert("jd_checks", jd_id=jd["id"], criterion="hear_me.hope", status="met", note="ok")
        session.insert("jd_flags", jd_id=jd["id"], phrase="patients", state="open")
        session.insert("jd_compromise", jd_id=jd["id"], sign="band_too_low", present=True)
        session.insert("jd_duties", jd_id=jd["id"], duty="transitions", title="Transitions", mark="wanted", note="ok")
        session.insert("dual_roles", situation="Worked here before", due="2027-01-31", preset=True)
        session.insert("notes", activity="concerns", text="**Notes**")
        session.insert("reviews", item_table="concerns", item_id="c1", origin_id="c0",
                       then={"text": "Worried", "status": "open"}, status="resolved", changed="Agreed")
        session.insert("merge_log", merged_at="2026-12-04T10:00:00.000Z", files=["a.json", "b.json"],
                       counts={"conflicts": 1}, conflicts=[{"table": "concerns", "field": "text"}])
        for table in model.TABLES:
            if table != "workshop":
                session.delete(table, session.insert(table, **_minimal(table))["id"])
    return path.read_bytes()


def _minimal(table: str) -> dict:
    return {name: model.TABLES[table][name].default() for name in model.REQUIRED[table]}


def _changed(base: bytes, change: Callable[[dict], None]) -> bytes:
    data = orjson.loads(base)
    change(data)
    return _dump(data)


def _first(table: dict) -> dict:
    return next(r for r in table.values() if "deleted_at" not in r)


def corpus(base: bytes, scratch: Path) -> list[Case]:
    cases: list[Case] = []
    n = len(base)

    # Truncated at many points.
    cuts = sorted({*range(0, n, max(1, n // 80)), *range(1, 12), *range(n - 6, n)})
    for cut in cuts:
        cases.append(Case("truncated", f"cut at {cut} of {n}", _bytes(base[:cut]),
                          ("empty",) if cut == 0 else ("cannot be opened",), valid=False))

    # Bit flips: one to three random bits anywhere.
    rng = random.Random(20261203)
    for i in range(100):
        blob = bytearray(base)
        for _ in range(rng.randint(1, 3)):
            blob[rng.randrange(n)] ^= 1 << rng.randrange(8)
        cases.append(Case("bit-flipped", f"flip #{i}", _bytes(bytes(blob))))

    # Wrong types in every field of one record of every table.
    data = orjson.loads(base)
    for table in model.TABLES:
        record = _first(data[table])
        for field in sorted(record):
            for value in BAD_VALUES:
                if value == record[field] and type(value) is type(record[field]):
                    continue

                def change(d, table=table, field=field, value=value):
                    _first(d[table])[field] = value
                words = () if field == "schema_version" else (field,)  # the version family checks it
                cases.append(Case("wrong type", f"{table}.{field} = {value!r}", _bytes(_changed(base, change)),
                                  words))

    cases += _structure(base, data, scratch)
    return cases


def _structure(base: bytes, data: dict, scratch: Path) -> list[Case]:
    c: list[Case] = []

    def add(family, name, change, words=(), valid=False):
        blob = change if isinstance(change, bytes) else _changed(base, change)
        c.append(Case(family, name, _bytes(blob), words, valid))

    def set_first(table, field, value):
        return lambda d: _first(d[table]).__setitem__(field, value)

    # Huge strings.
    add("huge", "5 MB of text", set_first("hopes_fears", "text", "word " * (FIVE_MB // 5)), valid=True)
    add("huge", "5 MB one-line field", set_first("hopes_fears", "theme", "x" * FIVE_MB), valid=True)
    add("huge", "5 MB unknown field", set_first("concerns", "x_blob", "é" * FIVE_MB), valid=True)
    add("huge", "5 MB table name", lambda d: d.__setitem__("t" * FIVE_MB, {}), valid=True)
    add("huge", "5 MB record number", lambda d: d["notes"].__setitem__("9" * FIVE_MB, _first(d["notes"])),
        ("is not a number",))

    # Deep nesting: whole files, fields and unknown tables.
    add("deep", "10,000 levels of [ ]", b"[" * 10_000 + b"]" * 10_000, ("not readable JSON",))
    add("deep", "10,000 levels of { }", b'{"a":' * 10_000 + b"1" + b"}" * 10_000, ("not readable JSON",))
    add("deep", "10,000 open [ only", b"[" * 10_000, ("not readable JSON",))
    for depth, ok in ((model.MAX_DEPTH - 3, True), (model.MAX_DEPTH - 2, False), (300, False), (1000, False)):
        nested = b"[" * depth + b"]" * depth
        blob = _changed(base, set_first("hopes_fears", "x_deep", "HOLE")).replace(b'"HOLE"', nested)
        add("deep", f"{depth} levels in a field", blob, () if ok else ("nested more than", "x_deep"), ok)
    blob = _changed(base, lambda d: d.__setitem__("x_table", "HOLE")).replace(b'"HOLE"', b"[" * 200 + b"]" * 200)
    add("deep", "200 levels in an unknown table", blob, ("nested more than", "x_table"))

    # Duplicate ids and names.
    hf, concerns = data["hopes_fears"], data["concerns"]
    twin = dict(_first(hf))
    add("duplicate", "id twice in a table", lambda d: d["hopes_fears"].__setitem__("99", twin), ("used twice",))
    add("duplicate", "id in two tables",
        lambda d: d["notes"].__setitem__("99", dict(_first(d["notes"]), id=_first(concerns)["id"])), ("used twice",))
    tomb = next(r for r in hf.values() if "deleted_at" in r)
    add("duplicate", "tombstone shares a live id",
        lambda d: d["concerns"].__setitem__("99", {"id": tomb["id"], "deleted_at": tomb["deleted_at"]}),
        ("used twice",))
    text = _dump(data)
    add("duplicate", "record number twice", text.replace(b'"2": {', b'"1": {', 1), ("appears twice",))
    add("duplicate", "table twice", text.replace(b'"notes": {', b'"actions": {', 1), ("appears twice",))
    add("duplicate", "field twice", text.replace(b'"text": ', b'"text": "first", "text": ', 1), ("given twice",))
    add("duplicate", "record numbers 1 and 01", lambda d: d["notes"].__setitem__("01", dict(_first(d["notes"]),
                                                                                            id="other")), valid=True)

    # Missing and extra tables.
    for table in model.TABLES:
        add("missing table", table, lambda d, t=table: d.pop(t),
            ("'workshop' is missing",) if table == "workshop" else (), table != "workshop")
    for value in ({}, {"1": {"id": "x1"}}, [], [1, 2], "text", 3, None, True):
        add("extra table", f"x_extra = {value!r}", lambda d, v=value: d.__setitem__("x_extra", v), valid=True)
    add("extra table", "known table as a list", lambda d: d.__setitem__("concerns", []), ("record numbers",))
    add("extra table", "workshop as a list", lambda d: d.__setitem__("workshop", []), ("workshop",))
    add("extra table", "no workshop record", lambda d: d["workshop"].clear(), ("exactly one workshop, not 0",))

    # Newer, older, missing and odd format versions.
    for version, words in ((3, "newer version"), (99, "newer version"), (0, "no Team Day format before"),
                           (-1, "no Team Day format before"), ("1", "whole number"), (1.0, "whole number"),
                           (True, "whole number"), (None, "whole number")):
        add("version", f"schema_version {version!r}", set_first("workshop", "schema_version", version),
            ("schema_version" if version not in (3, 99) else "format", words))
    add("version", "schema_version 10**30", base.replace(b'"schema_version": 2', b'"schema_version": 2' + b"0" * 30),
        ("schema_version", "whole number"))
    add("version", "schema_version missing", lambda d: _first(d["workshop"]).pop("schema_version"),
        ("does not say which format",))

    # Not JSON, or not a workshop.
    for name, blob, words in (
        ("empty file", b"", "empty"), ("whitespace", b" \n\t\r\n ", "empty"),
        ("non-UTF-8 bytes", b'{"workshop": {"1": {"title": "\xff\xfe\x80"}}}', "not readable JSON"),
        ("Latin-1 text", base.replace(b"Riverside", "Rivérside".encode("latin-1")), "not readable JSON"),
        ("UTF-16", base.decode().encode("utf-16"), "not readable JSON"),
        ("UTF-8 byte order mark", b"\xef\xbb\xbf" + base, "not readable JSON"),
        ("lone surrogate escape", base.replace(b'"Riverside', b'"\\ud800Riverside', 1), "not readable JSON"),
        ("NaN", base.replace(b'"votes": 0', b'"votes": NaN', 1), "not readable JSON"),
        ("number too big for a double", base.replace(b'"votes": 0', b'"votes": 1e400', 1), "not readable JSON"),
        ("JSON array", b"[" + base + b"]", "not a workshop file"), ("JSON string", b'"workshop"', "not a workshop"),
        ("JSON number", b"42", "not a workshop file"), ("JSON null", b"null", "not a workshop file"),
        ("empty object", b"{}", "'workshop' is missing"), ("binary zeros", b"\x00" * 4096, "not readable JSON"),
        ("a zip (a .docx renamed)", b"PK\x03\x04" + os.urandom(200), "not readable JSON"),
    ):
        c.append(Case("not a workshop", name, _bytes(blob), (words,), False))

    # Things that are not files.
    target = scratch / "elsewhere.json"
    target.write_bytes(base)

    def folder(path: Path) -> None:
        path.mkdir()

    def link(to) -> Callable[[Path], None]:
        return lambda path: path.symlink_to(to)

    def loop(path: Path) -> None:
        path.symlink_to(path.name)

    c += [
        Case("not a file", "a folder", folder, ("is a folder",), False),
        Case("not a file", "a symlink to a good file", link(target), (), True),
        Case("not a file", "a dangling symlink", link(scratch / "nowhere.json"), ("There is no workshop file",), False),
        Case("not a file", "a symlink loop", loop, ("cannot be read",), False),
        Case("not a file", "a named pipe", lambda path: os.mkfifo(path), ("is a pipe",), False),
        Case("not a file", "a symlink to /dev/zero", link("/dev/zero"), ("is a device",), False),
        Case("not a file", "a symlink to a folder", link(scratch), ("is a folder",), False),
    ]
    return c
