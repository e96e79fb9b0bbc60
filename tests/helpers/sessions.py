"""Building workshop files for tests, and reading them back as plain data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from workshop.store import Session


def build_workshop(path: Path, items: int = 6, *, ids: str | None = None, **fields: Any) -> Path:
    """Create and close a workshop with `items` hopes and fears and a few other records.
    With `ids`, hopes and fears get the ids f"{ids}{n:04d}" (for tests that replay changes)."""
    fields.setdefault("title", "Riverside CMHT team day")
    fields.setdefault("team", "Riverside CMHT")
    fields.setdefault("date", "2026-12-03")
    with Session.create(path, **fields) as session:
        session.insert_many("hopes_fears", [
            {"kind": ("hope", "fear")[n % 2], "text": f"Item {n}: something the room said", "votes": n % 3,
             **({"id": f"{ids}{n:04d}"} if ids else {})}
            for n in range(items)
        ])
        fear = session.records("hopes_fears")[1]["id"] if items > 1 else None
        session.insert("concerns", text="Without supervision we set them up to fail.", from_fear=fear)
        session.insert("expertise", source="lived", text="Knowing what a crisis feels like")
        session.insert("participants", name="Sam", role="Team manager", name_in_record=True)
        session.insert("actions", task="Revise the JD", who="Team manager", by_when="2027-01-10")
    return path


def raw(path: Path) -> dict[str, Any]:
    """The file as JSON, without any validation."""
    return orjson.loads(path.read_bytes())


def write_raw(path: Path, data: Any) -> bytes:
    blob = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    path.write_bytes(blob)
    return blob


def fingerprint(path: Path) -> tuple[bytes, int]:
    """What `check` and a refused open must leave exactly as it was."""
    return path.read_bytes(), path.stat().st_mtime_ns
