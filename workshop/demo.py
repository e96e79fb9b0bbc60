"""Build the filled-in demo workshop (no Textual): `workshop demo` and the README's first command."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from workshop import model
from workshop.store import Session, StoreError, delete_session, read_session_file

DEMO_NAME = "demo-team-day.json"

# `<field>_ref` names another record's `ref`; the link is stored in `<field>` as its id.
# Some links are stored in a field of another name, or as "<kind>:<id>".
_LINK_FIELDS = {"jd_ref": "jd_id"}
_SOURCE_KINDS = {
    "concerns": "concern",
    "dual_roles": "dual_role",
    "jd_checks": "jd_check",
    "jd_flags": "jd_flag",
    "jd_duties": "jd_duty",
    "job_descriptions": "job_description",
    "hopes_fears": "hope_fear",
}


def demo_path(folder: Path) -> Path:
    return Path(folder) / DEMO_NAME


def create_demo(folder: Path, *, load: Callable[[], dict[str, Any]] | None = None) -> Path:
    """Create the demo workshop in `folder` (or leave an existing one as it is) and return
    its path. An existing demo that cannot be read raises its SessionFileError; it is
    never overwritten. `load` replaces `workshop.content.demo_workshop` (tests)."""
    path = demo_path(folder)
    if path.exists():
        read_session_file(path)
        return path
    if load is None:
        from workshop.content import demo_workshop as load
    demo = load()
    tables = resolve_refs(demo)
    session = Session.create(path, **_without_refs(demo.get("workshop", {})))
    try:
        for table, records in tables.items():
            if records:
                session.insert_many(table, records)
    except BaseException:
        session.close()
        delete_session(path)  # half a demo is worse than none: the next run starts again
        raise
    session.close()
    return path


def resolve_refs(demo: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Every table but `workshop`, with ids assigned and `ref` / `*_ref` links turned into ids."""
    tables = {
        name: [dict(record) for record in records]
        for name, records in demo.items()
        if name != "workshop" and isinstance(records, list)
    }
    refs: dict[str, tuple[str, str]] = {}
    for name, records in tables.items():
        for record in records:
            record["id"] = model.new_id()
            ref = record.get("ref")
            if ref is not None:
                if ref in refs:
                    raise StoreError(f"The demo workshop uses the ref '{ref}' twice.")
                refs[ref] = (name, record["id"])
    for name, records in tables.items():
        for record in records:
            for key in [k for k in record if k.endswith("_ref")]:
                target = record.pop(key)
                if target is None:
                    continue
                if target not in refs:
                    raise StoreError(f"The demo workshop's {name} names a ref '{target}' that does not exist.")
                ref_table, rid = refs[target]
                field_name = _LINK_FIELDS.get(key, key[: -len("_ref")])
                if field_name == "source":
                    record[field_name] = f"{_SOURCE_KINDS.get(ref_table, ref_table)}:{rid}"
                else:
                    record[field_name] = rid
            record.pop("ref", None)
    return tables


def _without_refs(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "ref" and not k.endswith("_ref")}
